/**
 * The window filter, written once: which records a reducer measures when it runs on its own
 * (not grouped by period). `reduce`, `foldAsync` and an ungrouped `rollup` all read it here.
 */
import type { Reducer, Span, Window } from "../reduce/reducer.ts";

/**
 * Whether a stock record belongs to the stock measured in the half-open `window` `[S, E)`: its
 * span `[start, end)` starts before E and has not ended before S (`start < E` and `end ≥ S`),
 * the same rule by which a rollup places it in a period (stock.ts). A span starting exactly at
 * E belongs to the next window; one ending exactly at S ends in this one (a customer lost at
 * S, a ticket resolved at S). For an instant T (`{ start: T, end: T }`, backlog's `asOf`) that
 * is `start < T ≤ end`: a ticket created exactly at T is not handed to the metric. A record
 * without a span is not a stock record and always belongs.
 *
 * @example
 * const at = { start: 10, end: 10 };
 * [reachesWindow({ start: 5, end: 10 }, at), reachesWindow({ start: 10, end: 20 }, at),
 *   reachesWindow({ start: 0, end: 9 }, at), reachesWindow(undefined, at)]
 * //=> [true, false, false, true]
 */
export function reachesWindow(span: Span | undefined, window: Window): boolean {
  return span === undefined || (span.start < window.end && span.end >= window.start);
}

/**
 * The function that adds one record to `state` when a reducer runs on its own: every record,
 * with the reducer's own `window`; for a stock metric (one with `spanOf`), only the records
 * whose span reaches that window.
 *
 * @throws TypeError for a stock metric without a `window`: it has nothing to measure.
 *
 * @example
 * const count = { name: "count", init: () => ({ n: 0 }), add: (s) => { s.n++; },
 *   merge: (a, b) => ({ n: a.n + b.n }), result: (s) => ({ value: s.n }), timeOf: () => undefined,
 *   spanOf: (r) => r, window: { start: 10, end: 10 } };
 * const state = count.init();
 * const add = windowedAdd(count, state);
 * // [0, 5) ended before 10; [5, 15) is open at 10; [10, ∞) starts at 10 (the next period's)
 * [{ start: 0, end: 5 }, { start: 5, end: 15 }, { start: 10, end: Infinity }].forEach(add);
 * state
 * //=> { n: 1 }
 */
export function windowedAdd<Item, State>(
  reducer: Reducer<Item, State, unknown>,
  state: State,
): (record: Item) => void {
  const window = reducer.window;
  const spanOf = reducer.spanOf;
  if (!spanOf) return (record) => reducer.add(state, record, window);
  if (!window) {
    throw new TypeError(
      `${reducer.name}: a stock metric needs the instant or window to measure when records are not grouped by period`,
    );
  }
  return (record) => {
    if (reachesWindow(spanOf(record), window)) reducer.add(state, record, window);
  };
}
