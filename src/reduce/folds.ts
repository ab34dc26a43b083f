/**
 * Folding records with a reducer beyond the one pass of `reduce`: the plain call of a metric
 * made from its reducer factory (`callOf`), and shards folded apart and then merged
 * (`foldShards`), as `rollup` and workers do.
 */
import { windowedAdd } from "../aggregate/windowFilter.ts";
import { reduce } from "./reduce.ts";
import type { Reducer } from "./reducer.ts";

/**
 * The plain one-pass call of a metric, made from its reducer factory: `callOf(xReducer)` is
 * `(items, options) => reduce(items, xReducer(options))`. Every metric's plain call is
 * exactly that line, so it is written once here rather than once per metric file; the
 * factory's type parameters (a caller's own record type, say) carry over to the call.
 *
 * The returned function is named after the factory without its `Reducer` suffix, so stack
 * traces read `csat`, not an anonymous arrow.
 *
 * @param make - A reducer factory, such as `csatReducer`.
 * @returns A function of the records and the factory's options that folds the records in one
 *   pass and returns the reducer's result.
 *
 * @example
 * import { callOf } from "support-metrics";
 * const countOf = callOf(() => ({
 *   name: "count",
 *   init: () => ({ n: 0 }),
 *   add: (state) => { state.n += 1; },
 *   merge: (a, b) => ({ n: a.n + b.n }),
 *   result: (state) => ({ value: state.n }),
 *   timeOf: () => undefined,
 * }));
 * countOf(["a", "b", "c"]).value
 * //=> 3
 */
export function callOf<Options, Item, State, Result>(
  make: (options?: Options) => Reducer<Item, State, Result>,
): (items: Iterable<Item>, options?: Options) => Result;
export function callOf<Options, Item, State, Result>(
  make: (options: Options) => Reducer<Item, State, Result>,
): (items: Iterable<Item>, options: Options) => Result;
export function callOf<Options, Item, State, Result>(
  make: (options: Options) => Reducer<Item, State, Result>,
): (items: Iterable<Item>, options: Options) => Result {
  const call = (items: Iterable<Item>, options: Options): Result => reduce(items, make(options));
  Object.defineProperty(call, "name", { value: make.name.replace(/Reducer$/, "") });
  return call;
}

/**
 * The type of a stock metric's plain call: as `callOf(make)` gives, but with the option `Key`
 * (the instant or window measured) required, since no period of a rollup can supply it.
 * `const backlog: CallNeeding<typeof backlogReducer, "asOf"> = callOf(backlogReducer)`.
 */
export type CallNeeding<
  // biome-ignore lint/suspicious/noExplicitAny: any factory of one options object
  Make extends (options?: any) => Reducer<any, any, any>,
  Key extends string,
> = Make extends (options?: infer Options) => Reducer<infer Item, infer _State, infer Result>
  ? (
      items: Iterable<Item>,
      options: Options & { [K in Key & keyof Options]-?: NonNullable<Options[K]> },
    ) => Result
  : never;

/**
 * Folds each shard of records apart, as a worker or a partition would, merges the states in
 * order and returns the result: by the reducer laws the same result as one pass over all the
 * records (`reduce(shards.flat(), reducer)`). Each shard is folded as `reduce` folds, so a
 * stock metric sees only the records that reach its window. The metrics' examples use it to
 * show that their `merge` is exact.
 *
 * @param reducer - Any reducer, such as `csatReducer()`.
 * @param shards - The records, split in any way (an empty shard, or no shard, is allowed).
 * @returns The reducer's result over all the shards.
 *
 * @example
 * import { csatReducer, foldShards } from "support-metrics";
 * const at = new Date("2024-03-01T09:00:00Z");
 * const survey = (score) => ({ kind: "csat", score, scale: { min: 1, max: 5 }, respondedAt: at });
 * // 2 of 3 scores in the top two points, whichever shard holds them: 100 × 2 / 3
 * foldShards(csatReducer(), [[survey(5)], [survey(4), survey(2)]]).value
 * //=> 66.67
 */
export function foldShards<Item, State, Result>(
  reducer: Reducer<Item, State, Result>,
  shards: readonly Iterable<Item>[],
): Result {
  if (shards.length === 0) return reducer.result(reducer.init());
  const states = shards.map((shard) => {
    const state = reducer.init();
    const add = windowedAdd(reducer, state);
    for (const record of shard) add(record);
    return state;
  });
  return reducer.result(states.reduce((a, b) => reducer.merge(a, b)));
}
