/**
 * A metric's place in a rollup: its index in every group's `states`, its column name, and its
 * reducer's `init` and `add` read once. Each reducer object has its own shape, so reading
 * `reducer.add` per record would be a megamorphic property load; the slots all share one.
 */
import type { AnyReducer, Window } from "../reduce/reducer.ts";
import { type SteadyStock, steadyStockOf } from "../reduce/steadyStock.ts";
import type { RollupGroup } from "./rollupState.ts";

/** One metric of a rollup; see the file's comment. */
export interface MetricSlot<Item> {
  readonly index: number;
  readonly name: string;
  readonly init: () => unknown;
  readonly add: (state: unknown, item: Item, window: Window | undefined) => void;
  /** The steady runs its reducer declared, if any (src/reduce/steadyStock.ts). */
  readonly steady: SteadyStock<Item> | undefined;
}

/** The slots of the metrics `reducers`, named `names` (same order). */
export function metricSlots<Item>(
  names: readonly string[],
  reducers: readonly AnyReducer<Item>[],
): MetricSlot<Item>[] {
  return reducers.map((reducer, index) => ({
    index,
    name: names[index] as string,
    init: reducer.init.bind(reducer),
    add: reducer.add.bind(reducer),
    steady: steadyStockOf(reducer),
  }));
}

/** Adds a record to the slot's state in `group` (made on first use), counted in `window`. */
export function addTo<Item>(
  group: RollupGroup,
  slot: MetricSlot<Item>,
  item: Item,
  window: Window | undefined,
): void {
  let state = group.states[slot.index];
  if (state === undefined) {
    state = slot.init();
    group.states[slot.index] = state;
  }
  slot.add(state, item, window);
}
