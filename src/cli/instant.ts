/**
 * An instant given on the command line (`--as-of`), read as every other instant the CLI reads:
 * an ISO 8601 timestamp with `Z` or an offset, or a zone-less one in `--tz`. `Date.parse`, used
 * before (issue 12), read a zone-less value in the host's zone (`2024-06-01T00:00` moved by
 * 14 hours between TZ=UTC and Pacific/Kiritimati) and took junk such as `1` (2001-01-01).
 */
import { parseTimestamp } from "../schemas/timestamp.ts";
import { UsageError } from "./usage.ts";

/**
 * Reads the instant `value` of the flag `flag`: with an offset, or zone-less in `timeZone`
 * when `--tz` was given (`zoneGiven`). Without `--tz`, a zone-less value is refused as the
 * readers refuse a zone-less column: guessing a zone shifts it silently.
 *
 * @returns Epoch milliseconds.
 * @throws UsageError naming the flag, the value and what to write instead.
 *
 * @example
 * [readInstantFlag("--as-of", "2024-06-01T00:00", "Pacific/Kiritimati", true),
 *   readInstantFlag("--as-of", "2024-06-01T00:00:00+14:00", "UTC", false)]
 * //=> [1717149600000, 1717149600000]
 */
export function readInstantFlag(
  flag: string,
  value: string,
  timeZone: string,
  zoneGiven: boolean,
): number {
  const ms = parseTimestamp(value, zoneGiven ? timeZone : undefined);
  if (typeof ms === "number") return ms;
  if (ms.startsWith("has no UTC offset")) {
    throw new UsageError(
      `${flag} ${JSON.stringify(value)} has no zone; add Z or +hh:mm, or give its zone with --tz (for example --tz UTC or --tz Europe/Berlin)`,
    );
  }
  throw new UsageError(`${flag} ${ms}`);
}
