/**
 * Steady runs of a stock metric: a fast path for a rollup, declared by a reducer beside its
 * four functions and never part of its shape.
 *
 * A stock metric is handed a record at every period end its span reaches. For most records
 * most of those `add`s do the same thing: a ticket unresolved for months is open at each
 * month end and in the oldest age bucket, so backlog's `add` counts it there again and again.
 * A reducer that knows this declares a {@link SteadyStock}: from which instant on the `add`s
 * of a record are all alike, and how to apply `count` of them at once. The rollup then adds
 * such a run as one count per period instead of one `add` per record and period (heldSpans.ts:
 * the open tickets measured when the rows' last period is known).
 *
 * The declaration is held in a WeakMap, not on the reducer, so the reducer keeps its shape
 * and a reducer made from another (`{ ...reducer }`) does not inherit a promise that its own
 * `add` may not keep. The path that calls `add` for every period stays, and a property
 * (heldSpans.test-prop.ts) checks that both give the same states.
 */
import type { AnyReducer, Window } from "./reducer.ts";

/** What a stock reducer declares for its steady runs; see the file's comment. */
export interface SteadyStock<Item> {
  /**
   * The earliest instant `t` from which `add(state, item, window)` with `window.end = t` does
   * only what `addRun(state, 1, window)` does, for every integer `t` from there up to and
   * including the end of the item's span (`spanOf`); `Infinity` when there is no such run.
   */
  from(item: Item): number;
  /** Applies `count` steady `add`s measured at `window`'s end, as `count` calls of `add` would. */
  addRun(state: unknown, count: number, window: Window): void;
}

const declared = new WeakMap<object, SteadyStock<never>>();

/** Declares `steady` for `reducer` (returned as it is, for chaining). */
export function declareSteadyStock<Item, R extends AnyReducer<Item>>(
  reducer: R,
  steady: SteadyStock<Item>,
): R {
  declared.set(reducer, steady as SteadyStock<never>);
  return reducer;
}

/** The steady runs `reducer` declared, if any. */
export function steadyStockOf<Item>(reducer: AnyReducer<Item>): SteadyStock<Item> | undefined {
  return declared.get(reducer) as SteadyStock<Item> | undefined;
}
