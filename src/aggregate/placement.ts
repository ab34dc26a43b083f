/**
 * Placement: how one metric puts a record in periods. Each reducer is read once, when the
 * rollup is built, and becomes one of these strategies, all with the same signature; `add`
 * then calls every metric's strategy in turn, with no branching on what kind it is.
 *
 * Grouped by period, a reducer that declares
 * - `timeOf` places a record by one instant: the period holding it;
 * - `timesOf` places it by several instants: once in each period holding one of them;
 * - `spanOf` (a stock) places it in every period its span reaches: stock.ts with a `range`,
 *   heldSpans.ts without; a record with no span is placed by its instant(s) as above.
 *
 * A record with no instant goes to the `null` period (its exclusion is counted there); one
 * whose periods all lie outside the rollup's `range` is counted in `outOfRange`. Not grouped
 * by period, every record goes to one group with the reducer's own `window` (for a stock,
 * only the records whose span reaches it).
 *
 * The rollup's `placeBy: "created"` replaces the instant(s) of every metric, once, here: a
 * record with a `createdAt` (a ticket) goes to the period of its creation (see
 * {@link creationPlacement}); stocks are still measured at each period's end.
 */
import type { AnyReducer, Window } from "../reduce/reducer.ts";
import { heldStockPlacement } from "./heldSpans.ts";
import { groupWithoutPeriod, type KeyEntry } from "./keyIndex.ts";
import { addTo, type MetricSlot } from "./metricSlot.ts";
import type { PeriodGrid } from "./periodGrid.ts";
import { countOutOfRange, notePeriod, type RollupGroup, type RollupState } from "./rollupState.ts";
import { stockInRangePlacement } from "./stock.ts";
import { reachesWindow } from "./windowFilter.ts";

/** Places one record of one metric in the groups of its key combination. */
export type Placement<Item> = (state: RollupState, entry: KeyEntry, item: Item) => void;

/**
 * Which instant places a flow record in a period: `"event"`, each metric's own (resolution
 * for resolution time, each reply for reply time); `"created"`, a ticket's creation for every
 * metric (a creation cohort).
 */
export type PlaceBy = "event" | "created";

/** The values of {@link PlaceBy}. */
export const PLACE_BY: readonly PlaceBy[] = ["event", "created"];

/**
 * The placement of the metric in `slot`, read from its reducer's declared properties (never
 * its name), for a rollup grouped by `grid`'s periods or, without a grid, not by period.
 * `placeBy` says which instant places a flow record (it does not matter without a grid).
 *
 * @throws TypeError when not grouped by period and the reducer is a stock without a `window`.
 */
export function placementOf<Item>(
  reducer: AnyReducer<Item>,
  slot: MetricSlot<Item>,
  grid: PeriodGrid | undefined,
  metricCount: number,
  placeBy: PlaceBy = "event",
): Placement<Item> {
  if (!grid) {
    if (reducer.spanOf && !reducer.window) {
      throw new TypeError(
        `rollup: metrics.${slot.name} is measured at an instant; give it one (such as \`at\`) or group by period`,
      );
    }
    return fixedWindowPlacement(slot, reducer, metricCount);
  }
  const own = reducer.timesOf
    ? instantsPlacement(slot, reducer.timesOf.bind(reducer), grid)
    : instantPlacement(slot, reducer.timeOf.bind(reducer), grid);
  const byTime =
    placeBy === "created" ? creationPlacement(slot, grid, own, reducer.timesOf !== undefined) : own;
  if (!reducer.spanOf) return byTime;
  const spanOf = reducer.spanOf.bind(reducer);
  return grid.range
    ? stockInRangePlacement(slot, spanOf, grid, grid.range, byTime)
    : heldStockPlacement(slot, spanOf, grid, byTime);
}

/**
 * Not grouped by period: every record goes to its key combination's one group, counted in
 * the reducer's own `window` (if any). A stock metric keeps only the records whose span
 * reaches that window, as `reduce` does.
 */
export function fixedWindowPlacement<Item>(
  slot: MetricSlot<Item>,
  reducer: AnyReducer<Item>,
  metricCount: number,
): Placement<Item> {
  const window: Window | undefined = reducer.window;
  const spanOf = reducer.spanOf?.bind(reducer);
  if (!window || !spanOf) {
    return (_state, entry, item) =>
      addTo(groupWithoutPeriod(entry, metricCount), slot, item, window);
  }
  return (_state, entry, item) => {
    if (reachesWindow(spanOf(item), window))
      addTo(groupWithoutPeriod(entry, metricCount), slot, item, window);
  };
}

/** One instant (`timeOf`): the period holding it; no valid instant, the `null` period. */
export function instantPlacement<Item>(
  slot: MetricSlot<Item>,
  timeOf: (item: Item) => Date | null | undefined,
  grid: PeriodGrid,
): Placement<Item> {
  return (state, entry, item) => {
    const time = timeOf(item)?.getTime();
    if (time === undefined || Number.isNaN(time)) {
      addTo(grid.group(entry, null), slot, item, undefined);
      return;
    }
    const at = grid.at(state, entry, time);
    if (at) addTo(at.group, slot, item, at.window);
    else countOutOfRange(state, slot.name);
  };
}

/**
 * Several instants (`timesOf`): the record is added once to every period holding one of them,
 * with that period as the window; no instant at all, the `null` period. It is out of range
 * only when none of its periods is in range.
 */
export function instantsPlacement<Item>(
  slot: MetricSlot<Item>,
  timesOf: (item: Item) => readonly Date[],
  grid: PeriodGrid,
): Placement<Item> {
  return (state, entry, item) => {
    const times = timesOf(item);
    if (times.length === 0) {
      addTo(grid.group(entry, null), slot, item, undefined);
      return;
    }
    if (times.length === 1) {
      const at = grid.at(state, entry, (times[0] as Date).getTime());
      if (at) addTo(at.group, slot, item, at.window);
      else countOutOfRange(state, slot.name);
      return;
    }
    const starts = new Set<number>();
    for (const time of times) starts.add(grid.period.floor(time.getTime()));
    let placed = false;
    for (const start of starts) {
      if (!grid.inRange(start)) continue;
      placed = true;
      notePeriod(state, start);
      addTo(grid.group(entry, start), slot, item, grid.windowOf(start));
    }
    if (!placed) countOutOfRange(state, slot.name);
  };
}

/** A record's `createdAt`, if it has one: `undefined` for a record without the field. */
function createdAtOf(item: unknown): unknown {
  return item !== null && typeof item === "object"
    ? (item as { createdAt?: unknown }).createdAt
    : undefined;
}

/**
 * `placeBy: "created"`: a record with a `createdAt` (a ticket) goes to the period holding it,
 * whatever instant the metric places by, so a period's resolution time, FCR or reopen rate is
 * that of the tickets created in it (a cohort). A metric with several events per record
 * (`timesOf`: replies, SLA targets) then counts all of them there, so it gets no window. A
 * record whose `createdAt` is not a valid date goes to the `null` period; a record without
 * the field (a support cost, a survey response) is placed by `own`, the metric's own instant.
 *
 * @example
 * import { period } from "support-metrics";
 * import { periodGrid } from "./periodGrid.ts";
 * import { emptyRollupState } from "./rollupState.ts";
 * import { keyEntry } from "./keyIndex.ts";
 * const grid = periodGrid(period("month", { timeZone: "UTC" }), undefined, 1);
 * const seen = [];
 * const slot = { index: 0, name: "m", init: () => null, add: (_s, item, window) => seen.push([item.id, window && new Date(window.start).toISOString().slice(0, 7)]) };
 * const own = (_state, _entry, item) => seen.push([item.id, "own"]);
 * const place = creationPlacement(slot, grid, own, false);
 * const state = emptyRollupState(["m"]);
 * const entry = keyEntry(state, "", []);
 * place(state, entry, { id: "ticket", createdAt: new Date("2024-01-31T12:00:00Z") });
 * place(state, entry, { id: "cost", incurredAt: new Date("2024-02-01T00:00:00Z") });
 * seen
 * //=> [["ticket", "2024-01"], ["cost", "own"]]
 */
export function creationPlacement<Item>(
  slot: MetricSlot<Item>,
  grid: PeriodGrid,
  own: Placement<Item>,
  allEvents: boolean,
): Placement<Item> {
  return (state, entry, item) => {
    const created = createdAtOf(item);
    if (created === undefined) {
      own(state, entry, item);
      return;
    }
    const time = created instanceof Date ? created.getTime() : Number.NaN;
    if (Number.isNaN(time)) {
      addTo(grid.group(entry, null), slot, item, undefined);
      return;
    }
    const at = grid.at(state, entry, time);
    if (!at) countOutOfRange(state, slot.name);
    else addTo(at.group, slot, item, allEvents ? undefined : at.window);
  };
}

/**
 * `placeBy: "created"` for every metric of a record at once: each metric's strategy from
 * {@link placementOf} would find the same creation period in turn, so the period holding the
 * record's `createdAt` is found once, when the first metric placed by it needs it, and the
 * flow metrics are added there in their order. Stock metrics (`spanOf`), and every metric of
 * a record without a valid `createdAt`, keep their own strategies (`placements`), so the
 * result is the same as calling those for every metric.
 */
export function creationPlacements<Item>(
  reducers: readonly AnyReducer<Item>[],
  slots: readonly MetricSlot<Item>[],
  placements: readonly Placement<Item>[],
  grid: PeriodGrid,
): Placement<Item> {
  const count = reducers.length;
  // Per metric: placed by creation (no span), and with the period as its window.
  const byCreation = reducers.map((reducer) => !reducer.spanOf);
  const withWindow = reducers.map((reducer) => reducer.timesOf === undefined);
  const placeEach = (state: RollupState, entry: KeyEntry, item: Item) => {
    for (let metric = 0; metric < count; metric++)
      (placements[metric] as Placement<Item>)(state, entry, item);
  };
  return (state, entry, item) => {
    const created = createdAtOf(item);
    const time = created instanceof Date ? created.getTime() : Number.NaN;
    if (Number.isNaN(time)) {
      placeEach(state, entry, item);
      return;
    }
    let found = false;
    let group: RollupGroup | undefined;
    let window: Window | undefined;
    for (let metric = 0; metric < count; metric++) {
      if (!byCreation[metric]) {
        (placements[metric] as Placement<Item>)(state, entry, item);
        continue;
      }
      if (!found) {
        // Read at once: the grid's slot is reused by its next lookup.
        const at = grid.at(state, entry, time);
        group = at?.group;
        window = at?.window;
        found = true;
      }
      const slot = slots[metric] as MetricSlot<Item>;
      if (group === undefined) countOutOfRange(state, slot.name);
      else addTo(group, slot, item, withWindow[metric] ? window : undefined);
    }
  };
}
