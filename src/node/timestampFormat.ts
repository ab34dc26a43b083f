import { checkTimeZone, fromWall } from "../time/zone.ts";
import { shortText } from "./source.ts";

/**
 * The tokens a timestamp format may use. Anything else is literal text; a space matches one
 * or more spaces, and text in `[brackets]` is literal (`YYYY-MM-DD[T]HH:mm`).
 */
export const TIMESTAMP_TOKENS = [
  "YYYY", // 4-digit year
  "MM", // month 01-12
  "M", // month 1-12 (one or two digits)
  "DD", // day 01-31
  "D", // day 1-31
  "HH", // hour 00-23
  "H", // hour 0-23
  "hh", // hour 01-12, with A/a
  "h", // hour 1-12, with A/a
  "mm", // minute 00-59
  "m", // minute 0-59
  "ss", // second 00-59
  "s", // second 0-59
  "SSS", // milliseconds 000-999
  "A", // AM or PM (any case)
  "a", // am or pm (any case)
  "Z", // Z, +hh:mm, +hhmm or +hh: the offset; the zone is then not needed
] as const;

type Token = (typeof TIMESTAMP_TOKENS)[number];
type Part = { token: Token } | { literal: string } | { space: true };

// Longest first, so "YYYY" is not read as four "Y"s and "MM" not as two "M"s.
const BY_LENGTH = [...TIMESTAMP_TOKENS].sort((a, b) => b.length - a.length);

/** A compiled format: reads text to epoch milliseconds, or to the reason it cannot. */
export type TimestampParser = (text: string) => number | string;

/** Splits a format into tokens and literals, or throws naming the problem. */
function tokenize(format: string, fn: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format[i] as string;
    if (ch === "[") {
      const end = format.indexOf("]", i + 1);
      if (end === -1)
        throw new RangeError(`${fn}: format has an unclosed "[", got ${shortText(format)}`);
      parts.push({ literal: format.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (ch === " ") {
      while (format[i] === " ") i++;
      parts.push({ space: true });
      continue;
    }
    const token = BY_LENGTH.find((t) => format.startsWith(t, i));
    if (token) {
      parts.push({ token });
      i += token.length;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      throw new RangeError(
        `${fn}: format has the unknown token "${ch}" (tokens: ${TIMESTAMP_TOKENS.join(", ")}; put literal letters in [brackets]), got ${shortText(format)}`,
      );
    }
    parts.push({ literal: ch });
    i++;
  }
  return parts;
}

const WIDTH: Partial<Record<Token, [min: number, max: number]>> = {
  YYYY: [4, 4],
  MM: [2, 2],
  M: [1, 2],
  DD: [2, 2],
  D: [1, 2],
  HH: [2, 2],
  H: [1, 2],
  hh: [2, 2],
  h: [1, 2],
  mm: [2, 2],
  m: [1, 2],
  ss: [2, 2],
  s: [1, 2],
  SSS: [3, 3],
};

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Compiles a timestamp format such as `MM/DD/YYYY hh:mm:ss A` into a parser. A wall time
 * (no `Z` token, or text without an offset) is read in `timeZone` with the library's rule for
 * daylight-saving changes (see `fromWall`): a repeated time means its earlier instant, a
 * skipped time moves forward by the gap. Errors in the format itself throw here, once.
 *
 * @example
 * const read = timestampFormat("MM/DD/YYYY hh:mm:ss A", "America/New_York");
 * new Date(read("03/10/2024 02:30:00 AM")).toISOString()
 * //=> "2024-03-10T07:30:00.000Z"
 */
export function timestampFormat(
  format: string,
  timeZone?: string,
  fn = "timestampFormat",
): TimestampParser {
  if (typeof format !== "string" || format.trim() === "" || format.length > 100) {
    throw new RangeError(
      `${fn}: format must be a non-empty string of tokens, got ${shortText(format)}`,
    );
  }
  const zone = timeZone === undefined ? undefined : checkTimeZone(timeZone, fn);
  const parts = tokenize(format.trim(), fn);
  const tokens = new Set(parts.flatMap((p) => ("token" in p ? [p.token] : [])));
  const has = (...names: Token[]) => names.some((name) => tokens.has(name));
  if (!has("YYYY") || !has("MM", "M") || !has("DD", "D")) {
    throw new RangeError(
      `${fn}: format must contain a year (YYYY), a month (MM or M) and a day (DD or D), got ${shortText(format)}`,
    );
  }
  const twelveHour = has("hh", "h");
  if (twelveHour !== has("A", "a")) {
    throw new RangeError(
      `${fn}: format must use hh or h together with A or a (or HH/H without them), got ${shortText(format)}`,
    );
  }
  if (has("hh", "h") && has("HH", "H")) {
    throw new RangeError(
      `${fn}: format must not mix 12-hour and 24-hour hours, got ${shortText(format)}`,
    );
  }
  if (!has("Z") && zone === undefined) {
    throw new RangeError(
      `${fn}: timeZone must be given for format ${shortText(format)}, which has no offset (Z) token`,
    );
  }
  const shown = JSON.stringify(format.trim());

  return (input: string): number | string => {
    const bad = () => `must match the format ${shown}, got ${shortText(input)}`;
    if (typeof input !== "string") return bad();
    const text = input.trim();
    if (text.length > 100) return bad();
    let at = 0;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let ms = 0;
    let pm: boolean | null = null;
    let offset: number | null = null;
    for (const part of parts) {
      if ("space" in part) {
        if (text[at] !== " ") return bad();
        while (text[at] === " ") at++;
        continue;
      }
      if ("literal" in part) {
        if (!text.startsWith(part.literal, at)) return bad();
        at += part.literal.length;
        continue;
      }
      const { token } = part;
      if (token === "A" || token === "a") {
        const word = text.slice(at, at + 2).toUpperCase();
        if (word !== "AM" && word !== "PM") return bad();
        pm = word === "PM";
        at += 2;
        continue;
      }
      if (token === "Z") {
        if (text[at] === "Z" || text[at] === "z") {
          offset = 0;
          at++;
          continue;
        }
        const match = /^([+-])(\d\d)(?::?(\d\d))?/.exec(text.slice(at));
        if (!match) return bad();
        const hours = Number(match[2]);
        const minutes = Number(match[3] ?? 0);
        if (hours > 23 || minutes > 59)
          return `has an impossible UTC offset, got ${shortText(input)}`;
        offset = (match[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
        at += match[0].length;
        continue;
      }
      const [min, max] = WIDTH[token] as [number, number];
      let value = 0;
      let count = 0;
      while (count < max) {
        const c = text.charCodeAt(at) - 48;
        if (!(c >= 0 && c <= 9)) break;
        value = value * 10 + c;
        at++;
        count++;
      }
      if (count < min) return bad();
      if (token === "YYYY") year = value;
      else if (token === "MM" || token === "M") month = value;
      else if (token === "DD" || token === "D") day = value;
      else if (token === "SSS") ms = value;
      else if (token === "mm" || token === "m") minute = value;
      else if (token === "ss" || token === "s") second = value;
      else hour = value;
    }
    if (at !== text.length) return bad();
    if (twelveHour) {
      if (hour < 1 || hour > 12) return `is not a real date and time, got ${shortText(input)}`;
      hour = (hour % 12) + (pm ? 12 : 0);
    }
    if (
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > daysInMonth(year, month) ||
      hour > 23 ||
      minute > 59 ||
      second > 59
    ) {
      return `is not a real date and time, got ${shortText(input)}`;
    }
    const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
    date.setUTCFullYear(year); // Date.UTC reads years 0-99 as 1900-1999
    const wall = date.getTime();
    if (offset !== null) return wall - offset * 60_000;
    return fromWall(wall, zone as string);
  };
}
