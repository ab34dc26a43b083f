/**
 * Zone-less timestamps read in a named zone, in SQL, as the readers read them
 * (src/time/zone.ts `fromWall`): a wall time shown twice (a repeated hour) is the earlier
 * instant, and a wall time never shown (a skipped hour) is read with the offset in force
 * before the change, which lands as far past the change as it was past its start.
 *
 * How: the zone's offsets over a span of years are found in JavaScript with the library's
 * own `zoneOffset`, and written as wall-clock pieces `[wall_start, …)` each with the offset
 * to subtract. Where two pieces' wall times overlap (a repeated hour), the later piece starts
 * where the earlier one's wall time ends, so the earlier instant wins; a skipped hour belongs
 * to the piece before it. SQL then finds the piece at or before a wall time (an as-of lookup)
 * and subtracts its offset. Wall times outside the years covered fail the query with a
 * message rather than guess an offset.
 */
import { show } from "../reduce/arguments.ts";
import { checkTimeZone, daysFromCivil, zoneOffset } from "../time/zone.ts";

/**
 * How far apart offsets are sampled: a week. A zone that changes its offset and back within
 * a week would be missed; in the tz database changes are weeks apart (the shortest, Morocco's
 * Ramadan suspensions of summer time, last about a month).
 */
const SAMPLE = 7 * 86_400_000;

const built = new Map<string, ZonePieces>();

/** The wall-clock pieces of a zone: starts (wall epoch milliseconds) and offsets, sorted. */
export interface ZonePieces {
  wallStart: number[];
  offset: number[];
  /** The wall times covered: `[wallFrom, wallTo)`. */
  wallFrom: number;
  wallTo: number;
}

/** The first instant in `(lo, hi]` whose offset differs from `lo`'s (to the second). */
function changeIn(lo: number, hi: number, timeZone: string): number {
  const before = zoneOffset(lo, timeZone);
  let a = lo;
  let b = hi;
  while (b - a > 1000) {
    const mid = a + Math.floor((b - a) / 2000) * 1000;
    if (zoneOffset(mid, timeZone) === before) a = mid;
    else b = mid;
  }
  return b;
}

/**
 * The wall-clock pieces of `timeZone` for the local years `[fromYear, toYear)`.
 *
 * @example New York in 2024: EST, EDT from wall 03:00 on 10 March, EST again
 * const pieces = zoneWallPieces("America/New_York", 2024, 2025);
 * [pieces.offset.map((o) => o / 3600000), new Date(pieces.wallStart[1]).toISOString()]
 * //=> [[-5, -4, -5], "2024-03-10T03:00:00.000Z"]
 */
export function zoneWallPieces(timeZone: string, fromYear: number, toYear: number): ZonePieces {
  const fn = "zoneWallPieces";
  const zone = checkTimeZone(timeZone, fn);
  const key = `${zone} ${fromYear} ${toYear}`;
  const known = built.get(key);
  if (known !== undefined) return known;
  if (
    !Number.isSafeInteger(fromYear) ||
    !Number.isSafeInteger(toYear) ||
    fromYear < 0 ||
    toYear > 10_000 ||
    toYear <= fromYear
  ) {
    throw new RangeError(
      `${fn}: years must be whole, within 0 to 10000, and toYear after fromYear, got ${show(fromYear)} to ${show(toYear)}`,
    );
  }
  const wallFrom = daysFromCivil(fromYear, 1, 1) * 86_400_000;
  const wallTo = daysFromCivil(toYear, 1, 1) * 86_400_000;
  // Instants whose wall time can lie in the years: a day of margin either side.
  const start = wallFrom - 86_400_000;
  const end = wallTo + 86_400_000;
  const instants: number[] = [start];
  const offsets: number[] = [zoneOffset(start, zone)];
  for (let at = start; at < end; at += SAMPLE) {
    const next = Math.min(at + SAMPLE, end);
    let from = at;
    // Several changes may fall between two samples only if they are hours apart: follow each.
    while (zoneOffset(next, zone) !== offsets[offsets.length - 1]) {
      const change = changeIn(from, next, zone);
      instants.push(change);
      offsets.push(zoneOffset(change, zone));
      from = change;
    }
  }
  const wallStart: number[] = [];
  for (let i = 0; i < instants.length; i++) {
    const offset = offsets[i] as number;
    // The first piece holds every earlier wall time; a later one starts at its own first wall
    // time, or where the previous piece's wall times end when they overlap (a repeated hour).
    const own = (instants[i] as number) + offset;
    const previousEnd =
      i === 0 ? Number.NEGATIVE_INFINITY : (instants[i] as number) + (offsets[i - 1] as number);
    wallStart.push(i === 0 ? Number.MIN_SAFE_INTEGER : Math.max(own, previousEnd));
  }
  const pieces = { wallStart, offset: offsets, wallFrom, wallTo };
  if (built.size > 100) built.clear();
  built.set(key, pieces);
  return pieces;
}
