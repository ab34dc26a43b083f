import * as z from "zod/mini";
import { isSupportedInstant, SUPPORTED_INSTANTS, show } from "../reduce/arguments.ts";
import { checkTimeZone, fromWall, type IsoScan, scanIso } from "../time/zone.ts";
import { addIssue } from "./issues.ts";

/** Options for reading timestamps. */
export interface TimestampOptions {
  /**
   * IANA zone of timestamps written without an offset (`"2024-03-01 09:30"`). Without it
   * such strings are rejected: guessing the host's zone is how exports drift by hours.
   */
  timeZone?: string;
}

/** What a timestamp field accepts: a Date, an ISO 8601 string, or epoch milliseconds. */
export type TimestampInput = Date | string | number;

// One scratch result, reused: scanning allocates nothing per timestamp.
const scan: IsoScan = { wall: 0, offsetMinutes: null, error: null };

/**
 * The instant, or why it is refused: calendars, labels and business hours are exact for the
 * years 0000 to 9999 (UTC) only, so an instant outside is refused here, where records come in,
 * never met by a calendar search later (docs/periods.md, "Supported instants").
 */
function supported(ms: number, input: unknown): number | string {
  return isSupportedInstant(ms) ? ms : `must be ${SUPPORTED_INSTANTS}, got ${show(input)}`;
}

/**
 * Reads one timestamp to epoch milliseconds, or returns why it cannot: instants outside the
 * years 0000 to 9999 (UTC) are refused with their reason.
 *
 * @example
 * parseTimestamp("2024-03-01T09:30:00+01:00")
 * //=> 1709281800000
 */
export function parseTimestamp(input: unknown, timeZone?: string): number | string {
  // Strings first: exports are text, and this runs for every timestamp of every record.
  if (typeof input === "string") {
    const { wall, offsetMinutes, error } = scanIso(input.length <= 80 ? input.trim() : input, scan);
    if (error === "format") {
      return `must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got ${show(input)}`;
    }
    if (error === "date") return `is not a real date and time, got ${show(input)}`;
    if (error === "offset") return `has an impossible UTC offset, got ${show(input)}`;
    if (offsetMinutes === null) {
      if (timeZone === undefined) {
        return `has no UTC offset; add Z or +hh:mm, or name the zone it is in (timeZone option), got ${show(input)}`;
      }
      return supported(fromWall(wall, timeZone), input);
    }
    return supported(wall - offsetMinutes * 60_000, input);
  }
  if (typeof input === "number") {
    if (!Number.isFinite(input)) {
      return `must be epoch milliseconds within the Date range, got ${show(input)}`;
    }
    return supported(input, input);
  }
  if (input instanceof Date) {
    const ms = input.getTime();
    return Number.isNaN(ms) ? "is an Invalid Date" : supported(ms, input);
  }
  if (input === undefined) return "is required";
  return `must be a Date, an ISO 8601 string or epoch milliseconds, got ${show(input)}`;
}

/**
 * A Zod schema for a required timestamp: accepts a Date, an ISO 8601 string with `Z` or an
 * offset (or without one when `timeZone` is given) and epoch milliseconds; outputs a Date.
 * Unlike `z.coerce.date`, it never turns `null`, `true` or `0`-like junk into 1970.
 *
 * @example
 * const at = timestamp({ timeZone: "Europe/Paris" });
 * // no offset written: read as Paris time (UTC+1 in March)
 * [at.parse("2024-03-01 10:00").toISOString(), at.safeParse(null).success]
 * //=> ["2024-03-01T09:00:00.000Z", false]
 */
export function timestamp(options: TimestampOptions = {}) {
  const timeZone =
    options.timeZone === undefined ? undefined : checkTimeZone(options.timeZone, "timestamp");
  return z.pipe(
    z.custom<TimestampInput>(),
    z.transform((input, ctx): Date => {
      const ms = parseTimestamp(input, timeZone);
      if (typeof ms === "string") {
        addIssue(ctx, { message: ms, input });
        return z.NEVER;
      }
      return new Date(ms);
    }),
  );
}

/**
 * A Zod schema for an optional timestamp: `null`, `undefined` and the empty string (an empty
 * CSV cell) become `null`; anything else must be a valid timestamp.
 *
 * @example
 * const at = optionalTimestamp();
 * [at.parse(""), at.parse(null), at.parse(0).toISOString()]
 * //=> [null, null, "1970-01-01T00:00:00.000Z"]
 */
export function optionalTimestamp(options: TimestampOptions = {}) {
  const timeZone =
    options.timeZone === undefined ? undefined : checkTimeZone(options.timeZone, "timestamp");
  return z.pipe(
    z.custom<TimestampInput | null | undefined>(),
    z.transform((input, ctx): Date | null => {
      if (input === null || input === undefined || input === "") return null;
      const ms = parseTimestamp(input, timeZone);
      if (typeof ms === "string") {
        addIssue(ctx, { message: ms, input });
        return z.NEVER;
      }
      return new Date(ms);
    }),
  );
}
