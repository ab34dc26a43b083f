/**
 * A schedule compiled for measuring: its working time as instants (epoch milliseconds), and
 * the one place that knows how much working time lies in a span of instants
 * ({@link Calendar.span}), when an amount of working time has passed
 * ({@link Calendar.advance}) and when the next opening is ({@link Calendar.opening}), within
 * one schedule version. src/time/businessTime.ts walks these across versions.
 *
 * How it is fast: the working intervals of a schedule are computed once per block of 32 UTC
 * days, as instants, with the running total at each day's start. A duration then reads two
 * positions in those blocks (plus one total per block in between), so its cost grows with
 * the days spanned at worst, never with minutes. Local times become instants through the
 * zone's offsets (src/time/zone.ts), never through the host's zone.
 */
import { minutesOf, WEEKDAYS } from "./localTimes.ts";
import type { Schedule } from "./schedule.ts";
import { zoneOffset } from "./zone.ts";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** UTC days per cache block. */
const BLOCK_DAYS = 32;
const BLOCK = BLOCK_DAYS * DAY;
/** How far apart offsets are sampled when a block is built (see offsetPieces). */
const SAMPLE = 6 * HOUR;
/** The most interval bounds (8 bytes each) the block cache holds before it starts again. */
const MAX_CACHED_BOUNDS = 4_000_000;
/** More than any UTC offset ever used (LMT offsets reach ±15:56): the search margin. */
const SLACK = 18 * HOUR;

/** Working intervals of one block of UTC days, as instants. */
interface Block {
  /** First instant of the block. */
  start: number;
  /** Working intervals `[iv[2k], iv[2k+1])`, sorted, disjoint, each inside one UTC day. */
  iv: Float64Array;
  /** Index into `iv` (in intervals) of each day's first interval; `BLOCK_DAYS + 1` entries. */
  first: Int32Array;
  /** Working milliseconds before each day of the block; `prefix[BLOCK_DAYS]` is the block's total. */
  prefix: Float64Array;
}

/** Holds the result of {@link Calendar.advance} when the limit comes first. */
export interface Progress {
  used: number;
}

/** A schedule compiled for measuring: its weekly ranges as wall milliseconds, and cached blocks. */
export class Calendar {
  readonly timeZone: string;
  readonly validFrom: number;
  readonly validUntil: number;
  /** Per weekday (Monday 0), wall ranges `[a, b)` in milliseconds after local midnight. */
  private readonly week: Float64Array[];
  private readonly holidays: Set<number>;
  /** Closures as merged, sorted `[start, end)` instant pairs. */
  private readonly closures: Float64Array;
  /** Whether any weekly range exists at all (else no instant is ever working time). */
  readonly opens: boolean;
  /** The last UTC day on which a holiday or closure can matter. */
  private readonly lastSpecialDay: number;
  private readonly blocks = new Map<number, Block>();
  /** Interval bounds held by the cached blocks: the cache is bounded by memory, not count. */
  private cachedBounds = 0;
  private lastIndex = Number.NaN;
  private lastBlock: Block | undefined;

  constructor(schedule: Schedule) {
    this.timeZone = schedule.timeZone;
    this.validFrom = schedule.validFrom;
    this.validUntil = schedule.validUntil;
    // Split every range into its parts per local day (an overnight range runs into the next).
    const parts: number[][] = WEEKDAYS.map(() => []);
    WEEKDAYS.forEach((day, index) => {
      for (const range of schedule.weekly[day]) {
        const start = minutesOf(range.start);
        const end = minutesOf(range.end);
        if (end > start) {
          parts[index]?.push(start * MINUTE, end * MINUTE);
        } else {
          parts[index]?.push(start * MINUTE, DAY);
          if (end > 0) parts[(index + 1) % 7]?.push(0, end * MINUTE);
        }
      }
    });
    this.week = parts.map((list) => mergePairs(list));
    this.opens = this.week.some((list) => list.length > 0);
    this.holidays = new Set(schedule.holidays.map((holiday) => Date.parse(holiday.date) / DAY));
    this.closures = mergePairs(
      schedule.closures.flatMap((closure) => [closure.start, closure.end]),
    );
    let last = Number.NEGATIVE_INFINITY;
    for (const day of this.holidays) last = Math.max(last, day + 2);
    const lastClosure = this.closures.at(-1);
    if (lastClosure !== undefined) last = Math.max(last, Math.floor(lastClosure / DAY) + 2);
    this.lastSpecialDay = last;
  }

  /** The block with index `index` (UTC days `[32·index, 32·index + 32)`), built on first use. */
  block(index: number): Block {
    if (index === this.lastIndex) return this.lastBlock as Block;
    let found = this.blocks.get(index);
    if (!found) {
      found = this.build(index);
      // A fine-grained schedule holds thousands of intervals per block: bound the cache by
      // the bounds it holds (about 32 MB), not only by the number of blocks.
      if (this.blocks.size > 20_000 || this.cachedBounds + found.iv.length > MAX_CACHED_BOUNDS) {
        this.blocks.clear();
        this.cachedBounds = 0;
      }
      this.blocks.set(index, found);
      this.cachedBounds += found.iv.length;
    }
    this.lastIndex = index;
    this.lastBlock = found;
    return found;
  }

  /** Computes a block's working intervals from the weekly ranges, holidays and closures. */
  private build(index: number): Block {
    const start = index * BLOCK;
    const end = start + BLOCK;
    const intervals: number[] = [];
    if (this.opens && !covers(this.closures, start, end)) {
      const pieces = offsetPieces(this.timeZone, start - SLACK, end + SLACK);
      // Every instant of the block shows a wall date within a day of its UTC date.
      const firstDay = Math.floor(start / DAY) - 1;
      const lastDay = Math.floor(end / DAY) + 1;
      for (let day = firstDay; day <= lastDay; day++) {
        if (this.holidays.has(day)) continue;
        // 1970-01-01 (day 0) was a Thursday: Monday-based weekday 3.
        const ranges = this.week[(((day + 3) % 7) + 7) % 7] as Float64Array;
        for (let r = 0; r < ranges.length; r += 2) {
          const a = day * DAY + (ranges[r] as number);
          const b = day * DAY + (ranges[r + 1] as number);
          // The instants whose wall time is in [a, b): on each stretch of constant offset o,
          // wall = instant + o, so instant ∈ [a − o, b − o).
          for (let p = 0; p < pieces.length; p += 3) {
            const lo = Math.max(pieces[p] as number, a - (pieces[p + 2] as number), start);
            const hi = Math.min(pieces[p + 1] as number, b - (pieces[p + 2] as number), end);
            if (lo < hi) intervals.push(lo, hi);
          }
        }
      }
    }
    const open = subtract(mergePairs(intervals), this.closures);
    // Split at UTC midnights and index by day.
    const iv: number[] = [];
    const first = new Int32Array(BLOCK_DAYS + 1);
    const prefix = new Float64Array(BLOCK_DAYS + 1);
    let k = 0;
    let total = 0;
    for (let day = 0; day < BLOCK_DAYS; day++) {
      const dayStart = start + day * DAY;
      const dayEnd = dayStart + DAY;
      first[day] = iv.length / 2;
      prefix[day] = total;
      while (k < open.length) {
        const a = Math.max(open[k] as number, dayStart);
        const b = Math.min(open[k + 1] as number, dayEnd);
        if (a >= dayEnd) break;
        if (a < b) {
          iv.push(a, b);
          total += b - a;
        }
        if ((open[k + 1] as number) <= dayEnd) k += 2;
        else break;
      }
    }
    first[BLOCK_DAYS] = iv.length / 2;
    prefix[BLOCK_DAYS] = total;
    return { start, iv: Float64Array.from(iv), first, prefix };
  }

  /** Working milliseconds in `[block start, t)` for the block holding `t`. */
  private before(block: Block, t: number): number {
    const day = Math.floor((t - block.start) / DAY);
    let sum = block.prefix[day] as number;
    const iv = block.iv;
    const stop = block.first[day + 1] as number;
    for (let i = block.first[day] as number; i < stop; i++) {
      const a = iv[2 * i] as number;
      if (a >= t) break;
      const b = iv[2 * i + 1] as number;
      sum += Math.min(b, t) - a;
    }
    return sum;
  }

  /** Working milliseconds in `[s, e)`, ignoring validity. */
  span(s: number, e: number): number {
    if (!(e > s) || !this.opens) return 0;
    const bs = Math.floor(s / BLOCK);
    const be = Math.floor(e / BLOCK);
    const first = this.block(bs);
    if (bs === be) return this.before(first, e) - this.before(first, s);
    let sum = (first.prefix[BLOCK_DAYS] as number) - this.before(first, s);
    for (let b = bs + 1; b < be; b++) sum += this.block(b).prefix[BLOCK_DAYS] as number;
    return sum + this.before(this.block(be), e);
  }

  /**
   * Whether no instant of the block, from `from` on, can be working time ever again: the
   * block has no working time at all and lies past every holiday and closure. (A schedule
   * with weekly hours opens in every 32 days that no holiday or closure touches.)
   */
  private neverAgain(block: Block): boolean {
    return (block.prefix[BLOCK_DAYS] as number) === 0 && block.start >= this.lastSpecialDay * DAY;
  }

  /**
   * The instant at which `amount` working milliseconds have passed since `t`, counting only
   * before `limit`; `NaN` when the limit (or the end of all opening hours) comes first, with
   * the milliseconds counted until then in `progress.used`.
   */
  advance(t: number, amount: number, limit: number, progress: Progress): number {
    let used = 0;
    progress.used = 0;
    if (!this.opens) return Number.NaN;
    for (let b = Math.floor(t / BLOCK); ; b++) {
      const block = this.block(b);
      const blockEnd = block.start + BLOCK;
      const total = block.prefix[BLOCK_DAYS] as number;
      const rest = t <= block.start ? total : total - this.before(block, t);
      if (blockEnd <= limit && used + rest < amount) {
        // The whole (rest of the) block fits: take it in one step.
        used += rest;
        if (this.neverAgain(block)) break;
        continue;
      }
      const iv = block.iv;
      for (let i = 0; i < iv.length; i += 2) {
        const from = iv[i] as number;
        if (from >= limit) break;
        const a = Math.max(from, t);
        const e = Math.min(iv[i + 1] as number, limit);
        if (a >= e) continue;
        if (used + (e - a) >= amount) return a + (amount - used);
        used += e - a;
      }
      if (blockEnd >= limit) break;
    }
    progress.used = used;
    return Number.NaN;
  }

  /** The first working instant at or after `t` and before `limit`, or `NaN`. */
  opening(t: number, limit: number): number {
    if (!this.opens) return Number.NaN;
    for (let b = Math.floor(t / BLOCK); ; b++) {
      const block = this.block(b);
      const iv = block.iv;
      for (let i = 0; i < iv.length; i += 2) {
        if ((iv[i + 1] as number) <= t) continue;
        const found = Math.max(iv[i] as number, t);
        return found < limit ? found : Number.NaN;
      }
      if (block.start + BLOCK >= limit || this.neverAgain(block)) return Number.NaN;
    }
  }
}

/** Sorts `[a, b)` pairs and merges those that overlap or touch. */
function mergePairs(pairs: readonly number[]): Float64Array {
  const order: number[] = [];
  let sorted = true;
  for (let i = 0; i < pairs.length; i += 2) {
    if ((pairs[i] as number) < (pairs[i + 1] as number)) {
      const last = order.at(-1);
      if (last !== undefined && (pairs[last] as number) > (pairs[i] as number)) sorted = false;
      order.push(i);
    }
  }
  // A block's intervals come out in order unless its offset changes: sort only then.
  if (!sorted) order.sort((x, y) => (pairs[x] as number) - (pairs[y] as number));
  const out: number[] = [];
  for (const i of order) {
    const a = pairs[i] as number;
    const b = pairs[i + 1] as number;
    const last = out.length - 1;
    if (last > 0 && a <= (out[last] as number)) {
      if (b > (out[last] as number)) out[last] = b;
    } else out.push(a, b);
  }
  return Float64Array.from(out);
}

/** Whether one of the merged, sorted pairs covers all of `[start, end)`. */
function covers(pairs: Float64Array, start: number, end: number): boolean {
  let lo = 0;
  let hi = pairs.length / 2;
  // The last pair starting at or before `start`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pairs[2 * mid] as number) <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && (pairs[2 * lo - 1] as number) >= end;
}

/** `open` minus `closed` (both merged, sorted pairs). */
function subtract(open: Float64Array, closed: Float64Array): Float64Array {
  if (closed.length === 0 || open.length === 0) return open;
  const out: number[] = [];
  // The first closure that ends after the first open instant.
  let lo = 0;
  let hi = closed.length / 2;
  const from = open[0] as number;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((closed[2 * mid + 1] as number) <= from) lo = mid + 1;
    else hi = mid;
  }
  let c = 2 * lo;
  for (let i = 0; i < open.length; i += 2) {
    let a = open[i] as number;
    const b = open[i + 1] as number;
    while (c < closed.length && (closed[c + 1] as number) <= a) c += 2;
    let k = c;
    while (a < b && k < closed.length && (closed[k] as number) < b) {
      const cs = closed[k] as number;
      if (cs > a) out.push(a, cs);
      a = Math.max(a, closed[k + 1] as number);
      k += 2;
    }
    if (a < b) out.push(a, b);
  }
  return Float64Array.from(out);
}

/**
 * The stretches of constant UTC offset covering `[from, to)`, as triples
 * `[start, end, offset]`. Offsets are sampled every {@link SAMPLE} (reading an offset from
 * Intl is the dearest step of building a block, and every block is built from them); where
 * two samples differ, the change is found to the second and sampling goes on from it, so
 * several changes in a row are all found. What this assumes: no zone changes its offset and
 * back again within six hours (in the tz database changes are weeks apart; the shortest,
 * Morocco's Ramadan suspensions of summer time, last about a month).
 */
function offsetPieces(timeZone: string, from: number, to: number): number[] {
  const pieces: number[] = [];
  let at = Math.floor(from / HOUR) * HOUR;
  let offset = zoneOffset(at, timeZone);
  let pieceStart = from;
  while (at < to) {
    const sample = at + SAMPLE;
    const next = zoneOffset(sample, timeZone);
    if (next === offset) {
      at = sample;
      continue;
    }
    // The first change lies in (at, sample]: find the first second with another offset.
    let lo = at;
    let hi = sample;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (zoneOffset(mid, timeZone) === offset) lo = mid;
      else hi = mid;
    }
    if (hi > pieceStart) pieces.push(pieceStart, Math.min(hi, to), offset);
    pieceStart = Math.max(hi, from);
    offset = zoneOffset(hi, timeZone);
    at = hi;
  }
  if (pieceStart < to) pieces.push(pieceStart, to, offset);
  return pieces;
}
