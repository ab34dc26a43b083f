/**
 * Row assembly: a rollup state's groups as flat rows, sorted by period (the `null` period
 * last) then by each key in the declared order, with each period labelled; and the empty
 * groups that make a row for a period or a whole input without records.
 */
import type { AnyReducer, ResultOf } from "../reduce/reducer.ts";
import type { Period } from "../time/period.ts";
import { compareKeys, type KeyValue } from "./keys.ts";
import { groupIn, groupsOf, type RollupGroup, type RollupState } from "./rollupState.ts";

/** The period of a row, as ISO 8601 instants and a readable label. */
export interface PeriodLabel {
  start: string;
  end: string;
  label: string;
}

/** One output row: the period, the key values, and one result per metric. */
export type RollupRow<Metrics> = {
  period?: PeriodLabel | null;
} & { [key: string]: unknown } & { [Name in keyof Metrics]: ResultOf<Metrics[Name]> };

/** What the rows are made of: the period (if grouped by one), key names and metrics. */
export interface RowLayout<Item> {
  readonly period: Period | undefined;
  readonly keyNames: readonly string[];
  readonly names: readonly string[];
  readonly reducers: readonly AnyReducer<Item>[];
}

/**
 * Makes a group, if missing, for every period from the one starting at `first` to the one
 * starting at `last` and every key combination seen (with no keys, the one combination even
 * when nothing was seen), so a chart never skips a quiet week silently.
 */
export function fillPeriods(
  state: RollupState,
  period: Period,
  first: number,
  last: number,
  keyCount: number,
  metricCount: number,
): void {
  for (let start = first; start <= last; start = period.next(start)) {
    for (const [keyId, keys] of state.keyCombinations)
      groupIn(groupsOf(state, keyId), start, keys, metricCount);
    if (state.keyCombinations.size === 0 && keyCount === 0)
      groupIn(groupsOf(state, ""), start, [], metricCount);
  }
}

/** Makes the one group of an input with no records, not grouped by period and without keys. */
export function fillWhole(state: RollupState, keyCount: number, metricCount: number): void {
  if (state.groups.size === 0 && keyCount === 0)
    groupIn(groupsOf(state, ""), null, [], metricCount);
}

/** The rows of `state`'s groups, sorted and labelled; a metric never reached reads as empty. */
export function rowsOf<Item, Metrics>(
  state: RollupState,
  layout: RowLayout<Item>,
): RollupRow<Metrics>[] {
  const { period, keyNames, names, reducers } = layout;
  const groups: RollupGroup[] = [];
  for (const byPeriod of state.groups.values())
    for (const group of byPeriod.values()) groups.push(group);
  groups.sort((a, b) => {
    if (a.periodStart !== b.periodStart) {
      if (a.periodStart === null) return 1;
      if (b.periodStart === null) return -1;
      return a.periodStart - b.periodStart;
    }
    for (let i = 0; i < keyNames.length; i++) {
      const order = compareKeys(a.keys[i] as KeyValue, b.keys[i] as KeyValue);
      if (order !== 0) return order;
    }
    return 0;
  });

  return groups.map((group) => {
    const row: Record<string, unknown> = {};
    if (period) {
      row.period =
        group.periodStart === null
          ? null
          : {
              start: new Date(group.periodStart).toISOString(),
              end: new Date(period.next(group.periodStart)).toISOString(),
              label: period.label(group.periodStart),
            };
    }
    keyNames.forEach((name, i) => {
      row[name] = group.keys[i];
    });
    names.forEach((name, metric) => {
      const reducer = reducers[metric] as AnyReducer<Item>;
      const metricState = group.states[metric];
      row[name] = reducer.result(metricState === undefined ? reducer.init() : metricState);
    });
    return row as RollupRow<Metrics>;
  });
}
