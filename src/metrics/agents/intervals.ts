/**
 * Interval arithmetic on epoch milliseconds, and the per-agent accumulator that utilization
 * and occupancy share. Work intervals of one agent are kept as given and only unioned when the
 * result is read, so overlapping work (two chats at once, two shift records that overlap) is
 * never counted twice, and merging states (concatenating each agent's lists) is exact.
 */
import { badField } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import {
  type Excluded,
  excludedCounts,
  mergeExcluded,
  secondsBetween,
} from "../../reduce/results.ts";
import type { AgentShift, Interval } from "../../schemas/shift.ts";

/** A time interval `[start, end)` in epoch milliseconds. */
export interface MsInterval {
  start: number;
  end: number;
}

/**
 * Intervals in epoch milliseconds, empty ones left out. The intervals are checked on the way,
 * at no extra pass, for records that never went through the schema (recordError.ts): a value
 * that is not a list of `{ start, end }` valid Dates throws a RecordFieldError naming `fn`
 * and `field`.
 *
 * @example
 * const at = (time) => new Date(`2024-03-04T${time}:00Z`);
 * toMs([{ start: at("09:00"), end: at("09:30") }, { start: at("10:00"), end: at("10:00") }])
 * //=> [{ start: 1709542800000, end: 1709544600000 }]
 */
export function toMs(
  intervals: readonly Interval[],
  fn = "toMs",
  field = "intervals",
): MsInterval[] {
  if (!Array.isArray(intervals)) badField(fn, field, INTERVALS, intervals);
  const out: MsInterval[] = [];
  for (const interval of intervals) {
    const from: unknown = interval?.start;
    const to: unknown = interval?.end;
    const start = from instanceof Date ? from.getTime() : Number.NaN;
    const end = to instanceof Date ? to.getTime() : Number.NaN;
    if (Number.isNaN(start) || Number.isNaN(end)) badField(fn, field, INTERVALS, intervals);
    if (end > start) out.push({ start, end });
  }
  return out;
}

const INTERVALS = "a list of intervals { start, end } of valid Dates";

/**
 * The agent a shift belongs to, checked for records that never went through the schema.
 *
 * @example
 * agentOf("utilization", { agentId: "ana" })
 * //=> "ana"
 */
export function agentOf(fn: string, shift: { agentId: string }): string {
  const id: unknown = shift.agentId;
  if (typeof id === "string") return id;
  return badField(fn, "agentId", "a string", id);
}

/**
 * The union of intervals: sorted, disjoint, with overlapping and touching intervals joined
 * and empty ones dropped.
 *
 * @example
 * union([{ start: 5, end: 8 }, { start: 0, end: 3 }, { start: 2, end: 5 }, { start: 9, end: 9 }])
 * //=> [{ start: 0, end: 8 }]
 */
export function union(intervals: readonly MsInterval[]): MsInterval[] {
  const sorted = intervals
    .filter((interval) => interval.end > interval.start)
    // By start only: of two intervals with the same start the second joins the first, whatever
    // their ends, so ordering those by end would change nothing.
    .sort((a, b) => a.start - b.start);
  const out: MsInterval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else out.push({ start: interval.start, end: interval.end });
  }
  return out;
}

/**
 * The total length of intervals that are already disjoint (as {@link union} returns them).
 *
 * @example
 * totalLength([{ start: 0, end: 3 }, { start: 5, end: 9 }])
 * //=> 7
 */
export function totalLength(disjoint: readonly MsInterval[]): number {
  let total = 0;
  for (const interval of disjoint) total += interval.end - interval.start;
  return total;
}

/**
 * The intersection of two disjoint sorted lists (as {@link union} returns them).
 *
 * @example
 * intersect([{ start: 0, end: 10 }], [{ start: 2, end: 4 }, { start: 8, end: 12 }])
 * //=> [{ start: 2, end: 4 }, { start: 8, end: 10 }]
 */
export function intersect(a: readonly MsInterval[], b: readonly MsInterval[]): MsInterval[] {
  const out: MsInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as MsInterval;
    const y = b[j] as MsInterval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    // On equal ends either may go first (`<=` is an equivalent mutant): the next interval of
    // either list starts after that end, so it cannot overlap the one left behind.
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/**
 * The parts of `a` not in `b`, both disjoint sorted lists (as {@link union} returns them).
 *
 * @example
 * subtract([{ start: 0, end: 10 }], [{ start: 2, end: 4 }, { start: 8, end: 12 }])
 * //=> [{ start: 0, end: 2 }, { start: 4, end: 8 }]
 */
export function subtract(a: readonly MsInterval[], b: readonly MsInterval[]): MsInterval[] {
  const out: MsInterval[] = [];
  let j = 0;
  for (const interval of a) {
    let start = interval.start;
    // A fast path: skip the cuts that end before this interval. Without it (or with `<`) the
    // loop below passes over them with no effect, so those mutants are equivalent.
    while (j < b.length && (b[j] as MsInterval).end <= start) j++;
    let k = j;
    // A cut starting exactly at the end would cut nothing (`<=` is an equivalent mutant).
    while (k < b.length && (b[k] as MsInterval).start < interval.end) {
      const cut = b[k] as MsInterval;
      if (cut.start > start) out.push({ start, end: cut.start });
      start = Math.max(start, cut.end);
      k++;
    }
    if (start < interval.end) out.push({ start, end: interval.end });
  }
  return out;
}

/** One agent's intervals, as added (not yet unioned). */
export interface AgentIntervals {
  /** Customer work. */
  working: MsInterval[];
  /** The time work is measured against (scheduled, or logged in). */
  base: MsInterval[];
  /** Time taken out of `base` (breaks); empty for utilization. */
  minus: MsInterval[];
}

/** The accumulator of a per-agent time ratio (utilization, occupancy). */
export interface AgentTimeState<Reason extends string> {
  agents: Map<string, AgentIntervals>;
  /** Shift records used. */
  shifts: number;
  excluded: Excluded<Reason>;
}

/**
 * A per-agent time ratio: value = 100 × numerator / denominator, in seconds. `numerator` is
 * work inside the denominator's time; `clipped` is work outside it, left out of the value.
 */
export interface AgentTimeResult<Reason extends string> {
  /** Percentage from 0 to 100; `null` when the denominator is 0. */
  value: number | null;
  /** Seconds of work inside the denominator's time, overlaps counted once. */
  numerator: number;
  /** Seconds of scheduled (utilization) or available (occupancy) time, overlaps counted once. */
  denominator: number;
  /** Seconds of work outside the denominator's time, clipped off. */
  clipped: number;
  /** Distinct agents. */
  agents: number;
  /** Shift records used. */
  shifts: number;
  excluded: Excluded<Reason>;
}

/** Arithmetic of per-agent time ratios, and the reducer that utilization and occupancy share. */
export const agentTime = {
  init<Reason extends string>(excluded: Excluded<Reason>): AgentTimeState<Reason> {
    return { agents: new Map(), shifts: 0, excluded };
  },
  add<Reason extends string>(
    state: AgentTimeState<Reason>,
    agentId: string,
    intervals: AgentIntervals,
  ): void {
    state.shifts++;
    let agent = state.agents.get(agentId);
    if (!agent) {
      agent = { working: [], base: [], minus: [] };
      state.agents.set(agentId, agent);
    }
    // Loops, not push(...list): a shift may hold up to 100,000 intervals, near the engine's
    // argument limit.
    for (const interval of intervals.working) agent.working.push(interval);
    for (const interval of intervals.base) agent.base.push(interval);
    for (const interval of intervals.minus) agent.minus.push(interval);
  },
  merge<Reason extends string>(
    a: AgentTimeState<Reason>,
    b: AgentTimeState<Reason>,
  ): AgentTimeState<Reason> {
    const agents = new Map<string, AgentIntervals>();
    for (const source of [a.agents, b.agents]) {
      for (const [id, lists] of source) {
        const into = agents.get(id);
        agents.set(
          id,
          into
            ? {
                working: into.working.concat(lists.working),
                base: into.base.concat(lists.base),
                minus: into.minus.concat(lists.minus),
              }
            : { working: [...lists.working], base: [...lists.base], minus: [...lists.minus] },
        );
      }
    }
    return {
      agents,
      shifts: a.shifts + b.shifts,
      excluded: mergeExcluded(a.excluded, b.excluded),
    };
  },
  result<Reason extends string>(state: AgentTimeState<Reason>): AgentTimeResult<Reason> {
    // Whole milliseconds add up exactly, so the agents' order does not matter.
    let inside = 0;
    let outside = 0;
    let available = 0;
    for (const lists of state.agents.values()) {
      const base = subtract(union(lists.base), union(lists.minus));
      const working = union(lists.working);
      const counted = totalLength(intersect(working, base));
      inside += counted;
      outside += totalLength(working) - counted;
      available += totalLength(base);
    }
    return {
      value: available === 0 ? null : (100 * inside) / available,
      numerator: secondsBetween(0, inside),
      denominator: secondsBetween(0, available),
      clipped: secondsBetween(0, outside),
      agents: state.agents.size,
      shifts: state.shifts,
      excluded: { ...state.excluded },
    };
  },
  /**
   * The reducer of a per-agent time ratio (utilization, occupancy): a shift is placed by when it
   * starts, and its work is measured against the time `measuredAgainst` reads from it (`base`,
   * less `minus`). A shift with no such time (`null`) is excluded as `reason`.
   */
  reducer<
    Input extends Pick<AgentShift, "agentId" | "working" | "startsAt">,
    Reason extends string,
  >(
    fn: string,
    reason: Reason,
    measuredAgainst: (shift: Input) => Omit<AgentIntervals, "working"> | null,
  ): Reducer<Input, AgentTimeState<Reason>, AgentTimeResult<Reason>> {
    return {
      name: fn,
      timeOf: (shift) => shift.startsAt,
      init: () => agentTime.init(excludedCounts([reason])),
      add(state, shift) {
        const agentId = agentOf(fn, shift);
        const working = toMs(shift.working, fn, "working");
        const against = measuredAgainst(shift);
        if (against === null) {
          (state.excluded as Record<Reason, number>)[reason]++;
          return;
        }
        agentTime.add(state, agentId, { working, ...against });
      },
      merge: agentTime.merge,
      result: agentTime.result,
    };
  },
};
