/**
 * Time-zone arithmetic on epoch milliseconds, built on `Intl` alone.
 *
 * Why not `TZDate` for this: `@date-fns/tz` resolves an ambiguous wall time (the repeated
 * hour when clocks go back) differently depending on the host's own zone, so the same code
 * gave different answers on a laptop in London and a CI runner in UTC. Here the rule is ours
 * and fixed (Temporal's "compatible" disambiguation):
 *
 * - an ambiguous wall time (it happens twice) means its **earlier** instant;
 * - a skipped wall time (inside a spring-forward gap) moves **forward** by the gap
 *   (02:30 on the New York spring-forward day is 03:30 EDT).
 *
 * "Wall" values below are local wall-clock times written as if they were UTC epoch
 * milliseconds: `wall = instant + offset(instant)`.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The canonical name of an IANA time zone, or a `RangeError` naming the caller.
 *
 * @example
 * checkTimeZone("europe/berlin", "period")
 * //=> "Europe/Berlin"
 */
export function checkTimeZone(timeZone: string, fn: string): string {
  if (typeof timeZone !== "string" || timeZone.length === 0 || timeZone.length > 64) {
    const shown =
      typeof timeZone === "string"
        ? JSON.stringify(timeZone.length > 64 ? `${timeZone.slice(0, 40)}…` : timeZone)
        : String(timeZone);
    throw new RangeError(`${fn}: timeZone must be an IANA time zone name, got ${shown}`);
  }
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
    // Fix the case ("europe/berlin") but keep the caller's name where ICU knows the zone by an
    // older alias (it answers "Asia/Calcutta" for "Asia/Kolkata").
    return resolved.toLowerCase() === timeZone.toLowerCase() ? resolved : timeZone;
  } catch {
    throw new RangeError(`${fn}: timeZone must be an IANA time zone name, got "${timeZone}"`);
  }
}

/** Offset from UTC in milliseconds at an instant, read from Intl (slow path). */
function offsetFromIntl(instant: number, timeZone: string): number {
  // Intl drops milliseconds; compare whole seconds so the offset comes out exact.
  const second = Math.floor(instant / 1000) * 1000;
  const parts = formatterFor(timeZone).formatToParts(new Date(second));
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  let bc = false;
  for (const part of parts) {
    switch (part.type) {
      case "year":
        year = Number(part.value);
        break;
      case "month":
        month = Number(part.value);
        break;
      case "day":
        day = Number(part.value);
        break;
      case "hour":
        hour = Number(part.value);
        break;
      case "minute":
        minute = Number(part.value);
        break;
      case "second":
        sec = Number(part.value);
        break;
      case "era":
        bc = part.value === "BC" || part.value === "B";
        break;
    }
  }
  if (bc) year = 1 - year;
  // Not Date.UTC: it reads the years 0-99 as 1900-1999.
  const wall = daysFromCivil(year, month, day) * DAY + ((hour * 60 + minute) * 60 + sec) * 1000;
  return wall - second;
}

/**
 * The offset from UTC, in milliseconds, in force at an instant in a zone
 * (for example 3_600_000 for Berlin in winter).
 *
 * Offsets are cached per UTC hour: when the offset at the start of an hour equals the one at
 * its end, it holds for the whole hour (zones change offset at most once in any hour);
 * otherwise the exact instant is looked up.
 *
 * @example
 * zoneOffset(Date.UTC(2024, 6, 1), "Europe/Berlin") / 3_600_000
 * //=> 2
 */
export function zoneOffset(instant: number, timeZone: string): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const hour = Math.floor(instant / HOUR);
  const cached = cache.get(hour);
  if (cached !== undefined) return cached;
  const atStart = offsetFromIntl(hour * HOUR, timeZone);
  const atEnd = offsetFromIntl((hour + 1) * HOUR - 1000, timeZone);
  if (atStart === atEnd) {
    if (cache.size > 200_000) cache.clear();
    cache.set(hour, atStart);
    return atStart;
  }
  return offsetFromIntl(instant, timeZone);
}

/**
 * The local wall-clock time of an instant, as UTC-style epoch milliseconds.
 *
 * @example
 * // 09:00 UTC is 10:00 on the wall clocks of Paris in March (UTC+1)
 * new Date(toWall(Date.parse("2024-03-01T09:00:00Z"), "Europe/Paris")).toISOString()
 * //=> "2024-03-01T10:00:00.000Z"
 */
export function toWall(instant: number, timeZone: string): number {
  return instant + zoneOffset(instant, timeZone);
}

/**
 * The instant at which a zone's clocks show a wall time, with the "compatible" rule:
 * the earlier instant for a repeated wall time, forward by the gap for a skipped one.
 *
 * @example
 * new Date(fromWall(Date.UTC(2024, 2, 10, 2, 30), "America/New_York")).toISOString()
 * //=> "2024-03-10T07:30:00.000Z"
 */
export function fromWall(wall: number, timeZone: string): number {
  const before = zoneOffset(wall - DAY, timeZone);
  const after = zoneOffset(wall + DAY, timeZone);
  const candidates: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (toWall(instant, timeZone) === wall) candidates.push(instant);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap no instant shows this wall time. Read it with the offset in force before the
  // gap, which lands as far past the gap's end as the wall time was past its start.
  return wall - before;
}

/**
 * What {@link scanIso} found: `wall` (the local date and time as UTC-style epoch
 * milliseconds, or `NaN`), and the offset in minutes (`null` when the text has none).
 * `error` says why `wall` is `NaN`: `"format"` (not ISO 8601), `"date"` (no such date or
 * time) or `"offset"` (an impossible offset).
 */
export interface IsoScan {
  wall: number;
  offsetMinutes: number | null;
  error: "format" | "date" | "offset" | null;
}

/** The two decimal digits at `i` as a number, or −1 (also past the end). */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  // Past the end charCodeAt gives NaN, and NaN fails every comparison: test for the digits.
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), for any
 * year: unlike `Date.UTC`, which reads the years 0 to 99 as 1900 to 1999. `month` is 1 to 12.
 *
 * @example
 * [daysFromCivil(1970, 1, 1), daysFromCivil(2024, 3, 1), daysFromCivil(50, 1, 1) * 86_400_000]
 * //=> [0, 19783, -60589296000000]
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Reads `YYYY-MM-DD[Thh:mm[:ss[.fff]]][Z|±hh[:mm]]` in one pass, without regular expressions
 * or Date objects: validation reads millions of timestamps, and this is its hot path.
 * `T` may be `t` or a space, `Z` may be `z`, fractions may use `.` or `,`, and spaces may
 * stand between the time and the offset.
 *
 * @example
 * const out = { wall: 0, offsetMinutes: null, error: null };
 * scanIso("2024-03-01T10:00+01:00", out);
 * [new Date(out.wall).toISOString(), out.offsetMinutes, out.error, scanIso("2024-02-30", out).error]
 * //=> ["2024-03-01T10:00:00.000Z", 60, null, "date"]
 */
export function scanIso(text: string, out: IsoScan): IsoScan {
  out.wall = Number.NaN;
  out.offsetMinutes = null;
  out.error = "format";
  const n = text.length;
  if (n < 10 || n > 64) return out;
  const century = twoDigits(text, 0);
  const yearInCentury = twoDigits(text, 2);
  if (century < 0 || yearInCentury < 0 || text.charCodeAt(4) !== 45) return out;
  const year = century * 100 + yearInCentury;
  const month = twoDigits(text, 5);
  if (month < 0 || text.charCodeAt(7) !== 45) return out;
  const day = twoDigits(text, 8);
  if (day < 0) return out;
  let i = 10;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let fractionNonZero = false;
  const separator = text.charCodeAt(10);
  const next = text.charCodeAt(11);
  if ((separator === 84 || separator === 116 || separator === 32) && next >= 48 && next <= 57) {
    hour = twoDigits(text, 11);
    if (hour < 0 || text.charCodeAt(13) !== 58) return out;
    minute = twoDigits(text, 14);
    if (minute < 0) return out;
    i = 16;
    if (text.charCodeAt(16) === 58) {
      second = twoDigits(text, 17);
      if (second < 0) return out;
      i = 19;
      const dot = text.charCodeAt(19);
      if (dot === 46 || dot === 44) {
        i = 20;
        let scale = 100;
        let count = 0;
        while (i < n) {
          const c = text.charCodeAt(i) - 48;
          if (c < 0 || c > 9) break;
          if (c > 0) fractionNonZero = true;
          ms += c * scale;
          scale /= 10;
          count++;
          i++;
        }
        if (count === 0 || count > 9) return out;
        ms = Math.round(ms);
      }
    }
  }
  while (i < n && text.charCodeAt(i) === 32) i++;
  let offsetMinutes: number | null = null;
  let badOffset = false;
  if (i < n) {
    const sign = text.charCodeAt(i);
    if ((sign === 90 || sign === 122) && i + 1 === n) {
      offsetMinutes = 0;
      i++;
    } else if (sign === 43 || sign === 45) {
      const hours = twoDigits(text, i + 1);
      if (hours < 0) return out;
      i += 3;
      let minutes = 0;
      if (i < n) {
        if (text.charCodeAt(i) === 58) i++;
        minutes = twoDigits(text, i);
        if (minutes < 0) return out;
        i += 2;
      }
      if (hours > 23 || minutes > 59) badOffset = true;
      offsetMinutes = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
    }
    if (i !== n) return out;
  }
  out.error = "offset";
  if (badOffset) return out;
  out.error = "date";
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return out;
  if (hour > 24 || minute > 59 || second > 59) return out;
  if (hour === 24 && (minute > 0 || second > 0 || fractionNonZero)) return out;
  out.error = null;
  out.offsetMinutes = offsetMinutes;
  out.wall =
    daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  return out;
}

/**
 * Parses `YYYY-MM-DD[Thh:mm[:ss[.fff]]]` (no offset) to a wall value, or `NaN`.
 *
 * @example
 * new Date(parseWall("2024-02-29T12:30")).toISOString()
 * //=> "2024-02-29T12:30:00.000Z"
 */
export function parseWall(text: string): number {
  const scan = scanIso(text, { wall: 0, offsetMinutes: null, error: null });
  return scan.offsetMinutes === null ? scan.wall : Number.NaN;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
