/**
 * A schedule expanded, in JavaScript, into the rows that business time in SQL looks up: the
 * working and non-working stretches of a range of instants, each with the working
 * milliseconds before it. The expansion uses the library's own calendar code
 * (src/time/timeline.ts compiles the versions, src/time/calendar.ts holds each version's
 * working intervals as instants), so holidays, closures, time zones and daylight-saving
 * changes are exactly those of `businessDuration`; SQL only adds and subtracts integers.
 *
 * A row ("piece") is `[start, end)` in epoch milliseconds on one timeline. The pieces of a
 * timeline tile the range `[from, to)` without gaps, and one last zero-length piece at `to`
 * says what holds there. Working time at an instant `t` of a piece is
 * `before + (working ? t − start : 0)`, so the working time of `[s, e)` is the difference of
 * that value at `e` and at `s`.
 *
 * Timelines and their `segment` column, per schedule rule (see `ScheduleRule`):
 * - `"perSegment"`: timeline 0 only, each stretch timed by the version in force then;
 *   `segment` numbers the runs of versions that follow one another without a gap, and is
 *   null where no version is in force. A span has a value when its start and its end lie in
 *   the same run.
 * - `"atEvent"`: timeline 0 holds one piece per stretch of one version in force, `segment`
 *   being that version's timeline (null when none); timeline `k` (from 1) holds version `k`'s
 *   working time over the whole range, its validity ignored, as `"atEvent"` times a span by
 *   the version in force at its end.
 */
import { requireOneOf, requireSupportedInstant, show } from "../reduce/arguments.ts";
import type { ScheduleRule, SchedulesInput } from "../time/businessTime.ts";
import type { Calendar } from "../time/calendar.ts";
import { timelineOf, versionAt } from "../time/timeline.ts";

const DAY = 86_400_000;

/** One row of the expanded schedule; see the file's comment. */
export interface BusinessPiece {
  timeline: number;
  start: number;
  end: number;
  /** Working milliseconds on this timeline from the range's start to `start`. */
  before: number;
  working: boolean;
  segment: number | null;
}

/** The instants a relation of business time covers: `[from, to]`. */
export interface BusinessRange {
  from: Date | number;
  to: Date | number;
}

/** Options of {@link businessPieces}. */
export interface BusinessPiecesOptions {
  /** How a span crossing a schedule change is timed; `"perSegment"` by default. */
  rule?: ScheduleRule;
  /**
   * Split the pieces at UTC midnights, and give the last piece one millisecond, so that
   * the piece holding an instant is found by an equality on its UTC day and a range test
   * (an equi-join) rather than by an as-of lookup. False by default.
   */
  splitDays?: boolean;
}

const RULES: readonly ScheduleRule[] = ["perSegment", "atEvent"];

function instantOf(fn: string, name: string, value: unknown): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new TypeError(`${fn}: ${name} must be a Date or epoch milliseconds, got ${show(value)}`);
  }
  return requireSupportedInstant(fn, name, ms);
}

/** The range's bounds, checked, as epoch milliseconds. */
export function rangeOf(fn: string, range: BusinessRange): { from: number; to: number } {
  if (typeof range !== "object" || range === null) {
    throw new TypeError(`${fn}: range must be an object { from, to }, got ${show(range)}`);
  }
  const from = instantOf(fn, "range.from", range.from);
  const to = instantOf(fn, "range.to", range.to);
  if (to < from) {
    throw new RangeError(`${fn}: range.to must not be before range.from, got ${show(range.to)}`);
  }
  return { from, to };
}

/** The rule option, checked. */
export function ruleOf(fn: string, options: BusinessPiecesOptions | undefined): ScheduleRule {
  return options?.rule === undefined ? "perSegment" : requireOneOf(fn, "rule", options.rule, RULES);
}

/** The working intervals of one version within `[from, to)`, touching ones merged. */
function workingIntervals(calendar: Calendar, from: number, to: number): number[] {
  const out: number[] = [];
  if (!calendar.opens || !(to > from)) return out;
  // The calendar caches its intervals in blocks of whole UTC days; read the block size from it.
  const size = (calendar.block(0).first.length - 1) * DAY;
  for (let index = Math.floor(from / size); index * size < to; index++) {
    const iv = calendar.block(index).iv;
    for (let i = 0; i < iv.length; i += 2) {
      const a = Math.max(iv[i] as number, from);
      const b = Math.min(iv[i + 1] as number, to);
      if (a >= b) continue;
      if (out.length > 0 && out[out.length - 1] === a) out[out.length - 1] = b;
      else out.push(a, b);
    }
  }
  return out;
}

/** Appends pieces to a timeline, merging a piece into the last one when nothing tells them apart. */
class TimelineBuilder {
  readonly pieces: BusinessPiece[] = [];
  private total = 0;
  constructor(private readonly timeline: number) {}

  add(start: number, end: number, working: boolean, segment: number | null): void {
    if (!(end > start)) return;
    const last = this.pieces.at(-1);
    if (last && last.end === start && last.working === working && last.segment === segment) {
      last.end = end;
    } else {
      this.pieces.push({
        timeline: this.timeline,
        start,
        end,
        before: this.total,
        working,
        segment,
      });
    }
    if (working) this.total += end - start;
  }

  /** Working and non-working pieces of `[from, to)` from a version's working intervals. */
  addVersion(calendar: Calendar, from: number, to: number, segment: number | null): void {
    const iv = workingIntervals(calendar, from, to);
    let t = from;
    for (let i = 0; i < iv.length; i += 2) {
      this.add(t, iv[i] as number, false, segment);
      this.add(iv[i] as number, iv[i + 1] as number, true, segment);
      t = iv[i + 1] as number;
    }
    this.add(t, to, false, segment);
  }

  /** The zero-length piece at the range's end. */
  close(to: number, segment: number | null): BusinessPiece[] {
    this.pieces.push({
      timeline: this.timeline,
      start: to,
      end: to,
      before: this.total,
      working: false,
      segment,
    });
    return this.pieces;
  }
}

/**
 * The schedule expanded over `[range.from, range.to]` into the pieces that business time in
 * SQL looks up (see the file's comment for the timelines). Its cost and size grow with the
 * working intervals in the range: about two pieces per working interval.
 *
 * @example Mon–Fri 09:00–17:00 in UTC, Friday noon to Monday noon: closed, open, closed, open…
 * const weekdays = [{ start: "09:00", end: "17:00" }];
 * const support = { timeZone: "UTC", weekly: { monday: weekdays, friday: weekdays } };
 * const pieces = businessPieces(support, {
 *   from: Date.parse("2024-03-01T12:00:00Z"),
 *   to: Date.parse("2024-03-04T12:00:00Z"),
 * });
 * pieces.map((p) => [p.working, (p.end - p.start) / 3600000, p.before / 3600000])
 * //=> [[true, 5, 0], [false, 64, 5], [true, 3, 5], [false, 0, 8]]
 */
export function businessPieces(
  schedules: SchedulesInput,
  range: BusinessRange,
  options?: BusinessPiecesOptions,
): BusinessPiece[] {
  const fn = "businessPieces";
  const { from, to } = rangeOf(fn, range);
  const rule = ruleOf(fn, options);
  const { versions } = timelineOf(schedules, fn);
  // Runs of versions that follow one another without a gap.
  const runs: number[] = [];
  versions.forEach((version, index) => {
    const previous = versions[index - 1];
    runs.push(previous?.validUntil === version.validFrom ? (runs[index - 1] as number) : index);
  });
  const stitched = new TimelineBuilder(0);
  let t = from;
  while (t < to) {
    const index = versionAt(versions, t);
    const version = versions[index];
    if (version === undefined) {
      // No version in force until the next one starts.
      const next = versions.find((v) => v.validFrom > t);
      const end = Math.min(next === undefined ? to : next.validFrom, to);
      stitched.add(t, end, false, null);
      t = end;
      continue;
    }
    const end = Math.min(version.validUntil, to);
    if (rule === "perSegment") stitched.addVersion(version, t, end, runs[index] as number);
    else stitched.add(t, end, false, index + 1);
    t = end;
  }
  const atEnd = versionAt(versions, to);
  const endSegment = atEnd < 0 ? null : rule === "perSegment" ? (runs[atEnd] as number) : atEnd + 1;
  const pieces = stitched.close(to, endSegment);
  if (rule === "atEvent") {
    versions.forEach((version, index) => {
      const own = new TimelineBuilder(index + 1);
      own.addVersion(version, from, to, index + 1);
      pieces.push(...own.close(to, index + 1));
    });
  }
  return options?.splitDays === true ? splitAtMidnights(pieces) : pieces;
}

/** The pieces cut at every UTC midnight; the zero-length last piece of a timeline gets 1 ms. */
function splitAtMidnights(pieces: readonly BusinessPiece[]): BusinessPiece[] {
  const out: BusinessPiece[] = [];
  for (const piece of pieces) {
    if (piece.end === piece.start) {
      out.push({ ...piece, end: piece.start + 1 });
      continue;
    }
    let start = piece.start;
    while (start < piece.end) {
      const end = Math.min(piece.end, (Math.floor(start / DAY) + 1) * DAY);
      const before = piece.before + (piece.working ? start - piece.start : 0);
      out.push({ ...piece, start, end, before });
      start = end;
    }
  }
  return out;
}
