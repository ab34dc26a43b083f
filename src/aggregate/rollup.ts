import { requireInstant } from "../reduce/arguments.ts";
import { reduce } from "../reduce/reduce.ts";
import type { AnyReducer, Reducer, ResultOf, Span, Window } from "../reduce/reducer.ts";
import { parseTimestamp } from "../schemas/timestamp.ts";
import {
  period as makePeriod,
  type Period,
  type PeriodOptions,
  type PeriodUnit,
} from "../time/period.ts";
import { checkTimeZone } from "../time/zone.ts";
import { compareKeys, type Key, type KeyValue, keyFunction, keyIdOf } from "./keys.ts";
import { reachesWindow } from "./windowFilter.ts";

/** The period of a row, as ISO 8601 instants and a readable label. */
export interface PeriodLabel {
  start: string;
  end: string;
  label: string;
}

/** What to group by: `period` (a unit name or a {@link Period}) and any named keys. */
export type GroupBy<Item> = {
  period?: PeriodUnit | Period;
} & {
  [key: string]: Key<Item> | PeriodUnit | Period | undefined;
};

/** An instant for a range: a Date, epoch milliseconds, or an ISO string (zone-less means the rollup's zone). */
export type RangeInstant = Date | string | number;

/** Options for {@link rollup}. */
export interface RollupOptions<Item, Metrics extends Record<string, AnyReducer<Item>>>
  extends PeriodOptions {
  /** The metrics to compute, by the column name each gets in the rows. */
  metrics: Metrics;
  /** What to group by. Without it, one row holds the whole input. */
  by?: GroupBy<Item>;
  /**
   * Only periods from the one containing `start` up to (not including) `end`; every period in
   * it gets a row for each key combination seen, even with no records. Records placed outside
   * are left out of the rows and counted in the state's `outOfRange`. Zone-less strings such
   * as `"2024-01-01"` are read in `timeZone`, or, when that is not given and `by.period` is a
   * {@link Period}, in the period's zone.
   */
  range?: { start: RangeInstant; end: RangeInstant };
}

/** One output row: the period, the key values, and one result per metric. */
export type RollupRow<Metrics> = {
  period?: PeriodLabel | null;
} & { [key: string]: unknown } & { [Name in keyof Metrics]: ResultOf<Metrics[Name]> };

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
   * Open-ended stock records (no end yet), and those starting exactly at a period's start,
   * waiting for the rows' first and last periods to be known (only without `range`).
   */
  pending: PendingStock[];
  /** Earliest and latest period start any record was placed in. */
  firstPeriod: number;
  lastPeriod: number;
  /** Records placed outside `range`, per metric name. */
  outOfRange: Record<string, number>;
}

/**
 * The group-by layer as a reducer: feed records with `add`, merge shard states with `merge`,
 * read rows with `result`. {@link rollup} is this reducer run over an array.
 *
 * It reads only the reducers' declared properties (`timeOf`, `timesOf`, `spanOf`, `window`) and their
 * four functions, never their names, so any user-written reducer works the same way.
 *
 * @example Two shards, each fed apart, merged into one set of rows
 * import { ticketVolumeReducer } from "support-metrics";
 * const at = (day) => ({ createdAt: new Date(`2024-03-${day}T12:00:00Z`) });
 * const reducer = rollupReducer({ by: { period: "day" }, timeZone: "UTC", metrics: { volume: ticketVolumeReducer() } });
 * const shard = (tickets) => {
 *   const state = reducer.init();
 *   for (const ticket of tickets) reducer.add(state, ticket, undefined);
 *   return state;
 * };
 * reducer.result(reducer.merge(shard([at("01"), at("02")]), shard([at("02")])))
 *   .map((row) => [row.period.label, row.volume.value])
 * //=> [["2024-03-01", 1], ["2024-03-02", 2]]
 */
export function rollupReducer<Item, Metrics extends Record<string, AnyReducer<Item>>>(
  options: RollupOptions<Item, Metrics>,
): Reducer<Item, RollupState, RollupRow<Metrics>[]> {
  const names = Object.keys(options.metrics ?? {});
  if (names.length === 0) throw new TypeError("rollup: metrics must name at least one reducer");
  const reducers = names.map((name) => options.metrics[name] as AnyReducer<Item>);
  reducers.forEach((reducer, i) => {
    if (!reducer || typeof reducer.add !== "function" || typeof reducer.init !== "function") {
      throw new TypeError(
        `rollup: metrics.${names[i]} must be a reducer (init, add, merge, result, timeOf)`,
      );
    }
  });

  const by = options.by ?? {};
  const timeZone = checkTimeZone(options.timeZone ?? "UTC", "rollup");
  const periodOption = by.period;
  let period: Period | undefined;
  if (typeof periodOption === "string") {
    period = makePeriod(periodOption, {
      timeZone,
      ...(options.weekStartsOn === undefined ? {} : { weekStartsOn: options.weekStartsOn }),
    });
  } else if (periodOption !== undefined) {
    if (typeof periodOption !== "object" || typeof periodOption.floor !== "function") {
      throw new TypeError("rollup: by.period must be a unit name or a period");
    }
    period = periodOption;
  }
  const keyNames = Object.keys(by).filter((name) => name !== "period" && by[name] !== undefined);
  for (const name of keyNames) {
    if (names.includes(name))
      throw new TypeError(`rollup: "${name}" is both a key and a metric name`);
  }
  const keyReaders = keyNames.map((name) => keyFunction<Item>(name, by[name] as Key<Item>));

  let range: { first: number; end: number } | undefined;
  if (options.range) {
    if (!period) throw new TypeError("rollup: range needs by.period");
    // "2024-04-01" means midnight where the periods are cut, not in UTC.
    const rangeZone = options.timeZone === undefined ? period.timeZone : timeZone;
    const readRange = (value: RangeInstant, which: string) => {
      const parsed =
        typeof value === "string"
          ? parseTimestamp(value, rangeZone)
          : requireInstant("rollup", which, value);
      if (typeof parsed === "string") throw new TypeError(`rollup: ${which} ${parsed}`);
      return parsed;
    };
    const start = readRange(options.range.start, "range.start");
    const end = readRange(options.range.end, "range.end");
    if (end <= start) throw new RangeError("rollup: range.end must be after range.start");
    range = { first: period.floor(start), end };
  }

  if (!period) {
    reducers.forEach((reducer, i) => {
      if (reducer.spanOf && !reducer.window) {
        throw new TypeError(
          `rollup: metrics.${names[i]} is measured at an instant; give it one (such as \`at\`) or group by period`,
        );
      }
    });
  }

  // One window object per period, shared by every record counted in it: a million tickets
  // would otherwise allocate a window per record and metric.
  const windows = new Map<number, Window>();
  const windowOf = (start: number): Window => {
    let window = windows.get(start);
    if (!window) {
      window = Object.freeze({ start, end: (period as Period).next(start) });
      windows.set(start, window);
    }
    return window;
  };
  const inRange = (start: number) => !range || (start >= range.first && start < range.end);

  /** The groups of one key combination, by period start. */
  function groupsOf(state: RollupState, keyId: string): Map<number | null, RollupGroup> {
    let byPeriod = state.groups.get(keyId);
    if (!byPeriod) {
      byPeriod = new Map();
      state.groups.set(keyId, byPeriod);
    }
    return byPeriod;
  }

  function groupIn(
    byPeriod: Map<number | null, RollupGroup>,
    periodStart: number | null,
    keys: KeyValue[],
  ): RollupGroup {
    let group = byPeriod.get(periodStart);
    if (!group) {
      group = { periodStart, keys, states: new Array(reducers.length) };
      byPeriod.set(periodStart, group);
    }
    return group;
  }

  function groupFor(
    state: RollupState,
    periodStart: number | null,
    keyId: string,
    keys: KeyValue[],
  ): RollupGroup {
    return groupIn(groupsOf(state, keyId), periodStart, keys);
  }

  // Each reducer object has its own shape, so reading `reducer.add` in the per-record loop is
  // a megamorphic property load; read every function once, into arrays indexed by metric.
  const inits = reducers.map((reducer) => reducer.init.bind(reducer));
  const adds = reducers.map((reducer) => reducer.add.bind(reducer));
  const spanOfs = reducers.map((reducer) => reducer.spanOf?.bind(reducer));
  const timesOfs = reducers.map((reducer) => reducer.timesOf?.bind(reducer));
  const timeOfs = reducers.map((reducer) => reducer.timeOf.bind(reducer));
  const fixedWindows = reducers.map((reducer) => reducer.window);

  function addTo(group: RollupGroup, metric: number, item: Item, window: Window | undefined): void {
    let state = group.states[metric];
    if (state === undefined) {
      state = (inits[metric] as () => unknown)();
      group.states[metric] = state;
    }
    (adds[metric] as (state: unknown, item: Item, window: Window | undefined) => void)(
      state,
      item,
      window,
    );
  }

  function notePeriod(state: RollupState, start: number): void {
    if (start < state.firstPeriod) state.firstPeriod = start;
    if (start > state.lastPeriod) state.lastPeriod = start;
  }

  /**
   * Adds a stock record to every period overlapping its span, from `first` to `last`;
   * returns how many periods that was.
   */
  function addSpan(
    state: RollupState,
    metric: number,
    keyId: string,
    keys: KeyValue[],
    span: Span,
    item: Item,
    first: number,
    last: number,
  ): number {
    const of = period as Period;
    const from = Math.max(of.floor(span.start - 1), first);
    const to = Number.isFinite(span.end) ? Math.min(of.floor(span.end), last) : last;
    return addPeriods(state, metric, keyId, keys, item, from, to);
  }

  /** Adds a stock record to every period from the one starting at `from` to `to`. */
  function addPeriods(
    state: RollupState,
    metric: number,
    keyId: string,
    keys: KeyValue[],
    item: Item,
    from: number,
    to: number,
  ): number {
    if (from > to) return 0;
    // One lookup of the key combination for every period the span reaches.
    const byPeriod = groupsOf(state, keyId);
    let added = 0;
    for (let start = from; start <= to; ) {
      const window = windowOf(start);
      addTo(groupIn(byPeriod, start, keys), metric, item, window);
      added++;
      start = window.end;
    }
    return added;
  }

  /** A key combination of one state: its id, values and groups by period start. */
  interface KeyEntry {
    keyId: string;
    keys: KeyValue[];
    byPeriod: Map<number | null, RollupGroup>;
  }
  // Per state, the key combinations seen, as nested maps by each key's value (or the one
  // entry when there are no keys): a record finds its groups without building a key array
  // or an id string. Held aside so that the state's shape stays as documented.
  type KeyTrie = Map<KeyValue, unknown>;
  const keyIndexes = new WeakMap<RollupState, KeyEntry | KeyTrie>();
  let lastState: RollupState | undefined;
  let lastIndex: KeyEntry | KeyTrie | undefined;
  const keyCount = keyReaders.length;
  const reducerCount = reducers.length;
  const values: KeyValue[] = new Array(keyCount);

  function newEntry(state: RollupState, keys: KeyValue[]): KeyEntry {
    const keyId = keyIdOf(keys);
    if (!state.keyCombinations.has(keyId)) state.keyCombinations.set(keyId, keys);
    return { keyId, keys, byPeriod: groupsOf(state, keyId) };
  }

  function entryFor(state: RollupState, item: Item): KeyEntry {
    let index: KeyEntry | KeyTrie | undefined;
    if (state === lastState) index = lastIndex;
    else {
      index = keyIndexes.get(state);
      if (index === undefined) {
        index = keyCount === 0 ? newEntry(state, []) : new Map();
        keyIndexes.set(state, index);
      }
      lastState = state;
      lastIndex = index;
    }
    if (keyCount === 0) return index as KeyEntry;
    let node = index as KeyTrie;
    for (let i = 0; i < keyCount - 1; i++) {
      const value = (keyReaders[i] as (item: Item) => KeyValue)(item);
      values[i] = value;
      let child = node.get(value) as KeyTrie | undefined;
      if (child === undefined) {
        child = new Map();
        node.set(value, child);
      }
      node = child;
    }
    const value = (keyReaders[keyCount - 1] as (item: Item) => KeyValue)(item);
    let entry = node.get(value) as KeyEntry | undefined;
    if (entry === undefined) {
      values[keyCount - 1] = value;
      entry = newEntry(state, values.slice());
      node.set(value, entry);
    }
    return entry;
  }

  function countOutOfRange(state: RollupState, metric: number): void {
    const name = names[metric] as string;
    state.outOfRange[name] = (state.outOfRange[name] ?? 0) + 1;
  }

  const self: Reducer<Item, RollupState, RollupRow<Metrics>[]> = {
    name: "rollup",
    timeOf: () => undefined,
    init(): RollupState {
      return {
        groups: new Map(),
        keyCombinations: new Map(),
        pending: [],
        firstPeriod: Number.POSITIVE_INFINITY,
        lastPeriod: Number.NEGATIVE_INFINITY,
        outOfRange: Object.fromEntries(names.map((name) => [name, 0])),
      };
    },
    add(state, item) {
      const entry = entryFor(state, item);
      const keyId = entry.keyId;
      const keys = entry.keys;
      // One lookup of the key combination per record; each metric then finds its period.
      const byPeriod = entry.byPeriod;
      let lastTime: number | undefined;
      let lastGroup: RollupGroup | undefined;
      let lastStart: number | null = null;
      let lastWindow: Window | undefined;
      for (let metric = 0; metric < reducerCount; metric++) {
        const spanOf = spanOfs[metric];
        if (!period) {
          // As in reduce(): a stock record whose span does not reach the window is not part
          // of the stock measured there.
          const window = fixedWindows[metric];
          if (window && spanOf && !reachesWindow(spanOf(item), window)) continue;
          addTo(groupIn(byPeriod, null, keys), metric, item, window);
          continue;
        }
        const span = spanOf?.(item);
        if (span) {
          if (range) {
            const last = period.floor(range.end - 1);
            if (addSpan(state, metric, keyId, keys, span, item, range.first, last) === 0)
              countOutOfRange(state, metric);
          } else {
            const startPeriod = period.floor(span.start);
            notePeriod(state, startPeriod);
            if (Number.isFinite(span.end)) {
              const endPeriod = period.floor(span.end);
              notePeriod(state, endPeriod);
              // The periods of a finite span lie between two periods just noted, so the rows
              // will cover them whatever else arrives: measure it now rather than hold it.
              // Only a span starting exactly at a period's start also reaches the period
              // before, which the rows include only if some record reaches it: that waits.
              if (period.floor(span.start - 1) === startPeriod) {
                addPeriods(state, metric, keyId, keys, item, startPeriod, endPeriod);
                continue;
              }
            }
            // Open-ended: measured at every period end up to the last, known at `result`.
            state.pending.push({ metric, keyId, keys, span, item });
          }
          continue;
        }
        const timesOf = timesOfs[metric];
        if (timesOf) {
          const times = timesOf(item);
          if (times.length === 0) {
            addTo(groupIn(byPeriod, null, keys), metric, item, undefined);
            continue;
          }
          if (times.length === 1) {
            const start = period.floor((times[0] as Date).getTime());
            if (inRange(start)) {
              notePeriod(state, start);
              addTo(groupIn(byPeriod, start, keys), metric, item, windowOf(start));
            } else countOutOfRange(state, metric);
            continue;
          }
          const starts = new Set<number>();
          for (const time of times) starts.add(period.floor(time.getTime()));
          let placed = false;
          for (const start of starts) {
            if (!inRange(start)) continue;
            placed = true;
            notePeriod(state, start);
            addTo(groupIn(byPeriod, start, keys), metric, item, windowOf(start));
          }
          if (starts.size === 0) addTo(groupIn(byPeriod, null, keys), metric, item, undefined);
          else if (!placed) countOutOfRange(state, metric);
          continue;
        }
        const time = (timeOfs[metric] as (item: Item) => Date | null | undefined)(item)?.getTime();
        if (time === undefined || Number.isNaN(time)) {
          addTo(groupIn(byPeriod, null, keys), metric, item, undefined);
          continue;
        }
        if (time !== lastTime || !lastGroup) {
          lastTime = time;
          const start = period.floor(time);
          // Metrics placed by different timestamps often land in the same period.
          if (start !== lastStart || !lastGroup) {
            lastStart = start;
            lastGroup = inRange(start) ? groupIn(byPeriod, start, keys) : undefined;
            if (lastGroup) {
              notePeriod(state, start);
              lastWindow = windowOf(start);
            }
          }
        }
        if (lastGroup) addTo(lastGroup, metric, item, lastWindow);
        else countOutOfRange(state, metric);
      }
    },
    merge(a, b) {
      const merged = self.init();
      for (const source of [a, b]) {
        for (const [keyId, byPeriod] of source.groups) {
          const targets = groupsOf(merged, keyId);
          for (const [periodStart, group] of byPeriod) {
            const target = targets.get(periodStart);
            if (!target) {
              targets.set(periodStart, {
                periodStart,
                keys: group.keys,
                states: [...group.states],
              });
              continue;
            }
            group.states.forEach((state, metric) => {
              if (state === undefined) return;
              const existing = target.states[metric];
              target.states[metric] =
                existing === undefined
                  ? state
                  : (reducers[metric] as AnyReducer<Item>).merge(existing, state);
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
    },
    result(source) {
      // Work on a copy: result must stay pure, so a state can be read, merged and read again.
      // The copy shares the reducers' states with `source`, so pending stock records are
      // added to fresh states and merged in, never added to a shared state.
      let state = self.merge(source, self.init());
      if (period) {
        const first = range ? range.first : state.firstPeriod;
        const last = range ? period.floor(range.end - 1) : state.lastPeriod;
        if (Number.isFinite(first) && Number.isFinite(last)) {
          if (state.pending.length > 0) {
            const measured = self.init();
            for (const pending of state.pending) {
              const { metric, keyId, keys, span, item } = pending;
              addSpan(measured, metric, keyId, keys, span, item as Item, first, last);
            }
            state = self.merge(state, measured);
          }
          // Keep empty periods, so a chart never skips a quiet week silently.
          if (range) {
            for (let start = first; start <= last; start = period.next(start)) {
              for (const [keyId, keys] of state.keyCombinations)
                groupFor(state, start, keyId, keys);
              if (state.keyCombinations.size === 0 && keyNames.length === 0)
                groupFor(state, start, "", []);
            }
          }
        }
      } else if (state.groups.size === 0 && keyNames.length === 0) {
        groupFor(state, null, "", []);
      }

      const groups = [...state.groups.values()]
        .flatMap((byPeriod) => [...byPeriod.values()])
        .sort((a, b) => {
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
    },
  };
  return self;
}

/**
 * Computes any set of metrics in one pass over the records, grouped by period (in an IANA
 * time zone) and by any keys. Returns flat rows sorted by period, then by each key in the
 * order given.
 *
 * Each metric places a record in a period by its own timestamp (`timeOf`): ticket volume by
 * creation, resolution time by resolution. Stock metrics (backlog) are measured at each
 * period's end. A record a metric cannot place (an unresolved ticket, for resolution time)
 * lands in a row whose `period` is `null`, where its exclusion is counted.
 *
 * @example
 * const tickets = [
 *   { createdAt: new Date("2024-01-31T23:30:00Z"), channel: "email" },
 *   { createdAt: new Date("2024-02-01T08:00:00Z"), channel: "chat" },
 * ];
 * const volume = {
 *   name: "volume",
 *   init: () => ({ n: 0 }),
 *   add: (state, _ticket) => { state.n++; },
 *   merge: (a, b) => ({ n: a.n + b.n }),
 *   result: (state) => ({ value: state.n }),
 *   timeOf: (ticket) => ticket.createdAt,
 * };
 * rollup(tickets, { by: { period: "month" }, timeZone: "Europe/Berlin", metrics: { volume } })
 *   .map((row) => [row.period.label, row.volume.value])
 * //=> [["2024-02", 2]]
 */
export function rollup<Item, Metrics extends Record<string, AnyReducer<Item>>>(
  records: Iterable<Item>,
  options: RollupOptions<Item, Metrics>,
): RollupRow<Metrics>[] {
  return reduce(records, rollupReducer(options));
}
