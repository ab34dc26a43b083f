/**
 * The mergeable state of a rollup and the few operations on it that every part of the rollup
 * shares: finding or making a group, noting the periods reached, counting records out of
 * range, and merging two states. The state is plain data (Maps, arrays, numbers), so it
 * survives `stateToJSON` and merges with a state read back.
 */
import type { AnyReducer, Span } from "../reduce/reducer.ts";
import type { KeyValue } from "./keys.ts";

/** One group of a rollup state: its period start, key values and one state per metric. */
export interface RollupGroup {
  periodStart: number | null;
  keys: KeyValue[];
  // One accumulator per metric, created when a record first reaches it.
  states: unknown[];
}

/** A stock record waiting to be measured once the period range is known. */
export interface PendingStock {
  metric: number;
  keyId: string;
  keys: KeyValue[];
  span: Span;
  item: unknown;
}

/** The mergeable state of a rollup: groups of reducer states, plus stock records to measure. */
export interface RollupState {
  /** Groups by key combination (its id), then by period start (`null`: no period). */
  groups: Map<string, Map<number | null, RollupGroup>>;
  /** Key combinations seen, so that empty periods can be filled for each. */
  keyCombinations: Map<string, KeyValue[]>;
  /**
   * Open-ended stock records (no end yet), waiting for the rows' last period to be known
   * (only without `range`). States stored before finite spans were all measured at once may
   * also hold finite ones; they are measured the same way.
   */
  pending: PendingStock[];
  /** Earliest and latest period start any record was placed in. */
  firstPeriod: number;
  lastPeriod: number;
  /** Records placed outside `range`, per metric name. */
  outOfRange: Record<string, number>;
  /** What made the state (src/aggregate/rollupMade.ts): merges refuse a state made otherwise. */
  made: string;
}

/** The groups of one key combination, by period start. */
export type PeriodGroups = Map<number | null, RollupGroup>;

/** A fresh state for the metrics `names`. */
export function emptyRollupState(names: readonly string[], made = ""): RollupState {
  return {
    made,
    groups: new Map(),
    keyCombinations: new Map(),
    pending: [],
    firstPeriod: Number.POSITIVE_INFINITY,
    lastPeriod: Number.NEGATIVE_INFINITY,
    outOfRange: Object.fromEntries(names.map((name) => [name, 0])),
  };
}

/** The groups of the key combination `keyId`, made empty when first asked for. */
export function groupsOf(state: RollupState, keyId: string): PeriodGroups {
  let byPeriod = state.groups.get(keyId);
  if (!byPeriod) {
    byPeriod = new Map();
    state.groups.set(keyId, byPeriod);
  }
  return byPeriod;
}

/** The group of one key combination in one period (`null`: no period), made when first asked for. */
export function groupIn(
  byPeriod: PeriodGroups,
  periodStart: number | null,
  keys: KeyValue[],
  metricCount: number,
): RollupGroup {
  let group = byPeriod.get(periodStart);
  if (!group) {
    group = { periodStart, keys, states: new Array(metricCount) };
    byPeriod.set(periodStart, group);
  }
  return group;
}

/** Widens the state's first and last period to include the one starting at `start`. */
export function notePeriod(state: RollupState, start: number): void {
  if (start < state.firstPeriod) state.firstPeriod = start;
  if (start > state.lastPeriod) state.lastPeriod = start;
}

/** Counts one record that the metric `name` placed outside the range. */
export function countOutOfRange(state: RollupState, name: string): void {
  state.outOfRange[name] = (state.outOfRange[name] ?? 0) + 1;
}

/**
 * A new state holding both: groups of the same key combination and period are merged metric
 * by metric with each reducer's `merge`. A metric state present on one side only is shared
 * with that side, not copied: never add records to the merged state's metric states while
 * the sources are still in use.
 */
export function mergeRollupStates(
  a: RollupState,
  b: RollupState,
  names: readonly string[],
  reducers: readonly AnyReducer[],
  made = "",
): RollupState {
  const merged = emptyRollupState(names, made);
  for (const source of [a, b]) {
    for (const [keyId, byPeriod] of source.groups) {
      const targets = groupsOf(merged, keyId);
      for (const [periodStart, group] of byPeriod) {
        const target = targets.get(periodStart);
        if (!target) {
          targets.set(periodStart, { periodStart, keys: group.keys, states: [...group.states] });
          continue;
        }
        group.states.forEach((state, metric) => {
          if (state === undefined) return;
          const existing = target.states[metric];
          target.states[metric] =
            existing === undefined
              ? state
              : (reducers[metric] as AnyReducer).merge(existing, state);
        });
      }
    }
    for (const [id, keys] of source.keyCombinations) merged.keyCombinations.set(id, keys);
    for (const pending of source.pending) merged.pending.push(pending);
    merged.firstPeriod = Math.min(merged.firstPeriod, source.firstPeriod);
    merged.lastPeriod = Math.max(merged.lastPeriod, source.lastPeriod);
    for (const name of names)
      merged.outOfRange[name] = (merged.outOfRange[name] ?? 0) + (source.outOfRange[name] ?? 0);
  }
  return merged;
}
