/**
 * Held spans: a stock metric grouped by period without a `range`. The rows then run from the
 * first to the last period any record reaches, which is known only at `result`, so an
 * open-ended span (a ticket not yet resolved, a customer who has not churned), which reaches
 * every period up to the last, waits in the state's `pending` list and is measured there.
 *
 * A finite span is measured at once: it reaches the periods from the one holding its start to
 * the one holding its end (stock.ts), and notes both, so the rows cover them whatever else
 * arrives. Periods are half-open, so a span starting exactly at a period's first instant
 * reaches that period and not the one before: a customer who started at 00:00 on 1 March is
 * new in March, and a lone record in the earliest period always gets its row.
 */
import type { Span, Window } from "../reduce/reducer.ts";
import type { SteadyStock } from "../reduce/steadyStock.ts";
import { type KeyEntry, keyEntry } from "./keyIndex.ts";
import { addTo, type MetricSlot } from "./metricSlot.ts";
import type { PeriodGrid } from "./periodGrid.ts";
import type { Placement } from "./placement.ts";
import {
  notePeriod,
  type PendingStock,
  type RollupGroup,
  type RollupState,
} from "./rollupState.ts";
import { addPeriods, addSpan } from "./stock.ts";

/**
 * A stock metric without a `range`: notes the periods holding each span's start and end,
 * measures a finite span now in every period between them, and holds an open-ended one (see
 * the file's comment). A record without a span is placed by `otherwise` (by its instant).
 */
export function heldStockPlacement<Item>(
  slot: MetricSlot<Item>,
  spanOf: (item: Item) => Span | undefined,
  grid: PeriodGrid,
  otherwise: Placement<Item>,
): Placement<Item> {
  const period = grid.period;
  return (state, entry, item) => {
    const span = spanOf(item);
    if (!span) {
      otherwise(state, entry, item);
      return;
    }
    const startPeriod = period.floor(span.start);
    notePeriod(state, startPeriod);
    if (Number.isFinite(span.end)) {
      const endPeriod = period.floor(span.end);
      notePeriod(state, endPeriod);
      addPeriods(grid, entry, slot, item, startPeriod, endPeriod);
      return;
    }
    const { keyId, keys } = entry;
    state.pending.push({ metric: slot.index, keyId, keys, span, item });
  };
}

/**
 * Measures held spans in every period they reach from the one starting at `first` to the one
 * starting at `last` (the rows' first and last), adding them to `into`'s groups. `into` should
 * be a fresh state: the held records must not be added to metric states shared with another.
 *
 * An open-ended span reaches every period up to the last, and most of those `add`s are alike
 * (a ticket open for months is open and old at each month end). When its metric declares
 * steady runs (src/reduce/steadyStock.ts), the periods before the run are added one by one
 * and the run is counted in a difference array over the periods, applied once per key
 * combination and period with `addRun`: as many periods' worth of work as there are periods,
 * not records times periods.
 */
export function measureHeldSpans<Item>(
  pending: readonly PendingStock[],
  into: RollupState,
  slots: readonly MetricSlot<Item>[],
  grid: PeriodGrid,
  first: number,
  last: number,
): void {
  // The periods from the first a steady span reaches, walked as far as a span needs: an
  // open-ended span from there reaches every one of them, and each period's group is made as
  // the walk reaches it, so the rows' bound stops a runaway walk.
  const froms = pending.map(({ metric, item }) => {
    const steady = (slots[metric] as MetricSlot<Item>).steady;
    return steady ? steady.from(item as Item) : Number.POSITIVE_INFINITY;
  });
  let base = Number.POSITIVE_INFINITY;
  pending.forEach(({ span }, i) => {
    if (froms[i] !== Number.POSITIVE_INFINITY && span.end === Number.POSITIVE_INFINITY) {
      base = Math.min(base, Math.max(grid.period.floor(span.start), first));
    }
  });
  const windows: Window[] = [];
  const indexOf = new Map<number, number>();
  const windowAt = (k: number): Window | undefined => {
    while (windows.length <= k) {
      const start = windows.length === 0 ? base : (windows[windows.length - 1] as Window).end;
      if (start > last) return undefined;
      indexOf.set(start, windows.length);
      windows.push(grid.windowOf(start));
    }
    return windows[k];
  };
  // Steady runs by key combination: +1 where a record's run starts, −1 after it, per metric;
  // and the combination's groups by period index, made as the runs reach them.
  const runs = new Map<string, { entry: KeyEntry; groups: RollupGroup[]; diffs: number[][] }>();
  pending.forEach(({ metric, keyId, keys, span, item }, i) => {
    const slot = slots[metric] as MetricSlot<Item>;
    const entry = keyEntry(into, keyId, keys);
    const from = froms[i] as number;
    const startPeriod = Math.max(grid.period.floor(span.start), first);
    // Only open-ended spans take the walk (finite ones come from states stored before).
    if (
      from === Number.POSITIVE_INFINITY ||
      span.end !== Number.POSITIVE_INFINITY ||
      startPeriod > last
    ) {
      addSpan(grid, entry, slot, span, item as Item, first, last);
      return;
    }
    grid.reserve(entry, startPeriod, last);
    let run = runs.get(keyId);
    if (run === undefined) {
      run = { entry, groups: [], diffs: [] };
      runs.set(keyId, run);
    }
    const { groups } = run;
    const groupAt = (k: number, window: Window): RollupGroup => {
      let group = groups[k];
      if (group === undefined) {
        group = grid.group(entry, window.start);
        groups[k] = group;
      }
      return group;
    };
    // The span's first period in the rows: walked to, if the walk has not reached it yet.
    let k = indexOf.get(startPeriod) ?? windows.length;
    for (let window = windowAt(k); window !== undefined && window.start < startPeriod; ) {
      window = windowAt(++k);
    }
    // Before the run, one by one; then the run; then, past the span's end, one by one.
    for (let window = windowAt(k); window !== undefined; window = windowAt(++k)) {
      if (window.end > span.end || (window.end >= from && Number.isInteger(window.end))) break;
      addTo(groupAt(k, window), slot, item as Item, window);
    }
    const runStart = k;
    for (let window = windowAt(k); window !== undefined; window = windowAt(++k)) {
      if (window.end > span.end || !Number.isInteger(window.end)) break;
      groupAt(k, window);
    }
    if (k > runStart) {
      let diff = run.diffs[metric];
      if (diff === undefined) {
        diff = [];
        run.diffs[metric] = diff;
      }
      diff[runStart] = (diff[runStart] ?? 0) + 1;
      diff[k] = (diff[k] ?? 0) - 1;
    }
    for (let window = windowAt(k); window !== undefined; window = windowAt(++k)) {
      if (window.start > span.end) break;
      addTo(groupAt(k, window), slot, item as Item, window);
    }
  });
  for (const { groups, diffs } of runs.values()) {
    diffs.forEach((diff, metric) => {
      const slot = slots[metric] as MetricSlot<Item>;
      const steady = slot.steady as SteadyStock<Item>;
      let count = 0;
      for (let k = 0; k < diff.length; k++) {
        count += diff[k] ?? 0;
        if (count === 0) continue;
        // Every period of a run has its group, made as the run reached it.
        const group = groups[k] as RollupGroup;
        let state = group.states[metric];
        if (state === undefined) {
          state = slot.init();
          group.states[metric] = state;
        }
        steady.addRun(state, count, windows[k] as Window);
      }
    });
  }
}
