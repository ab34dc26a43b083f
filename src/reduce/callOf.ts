import { reduce } from "./reduce.ts";
import type { Reducer } from "./reducer.ts";

/**
 * The plain one-pass call of a metric, made from its reducer factory: `callOf(xReducer)` is
 * `(items, ...options) => reduce(items, xReducer(...options))`. Every metric's plain call is
 * exactly that line, so it is written once here rather than once per metric file; the
 * factory's type parameters (a caller's own record type, say) carry over to the call.
 *
 * The returned function is named after the factory without its `Reducer` suffix, so stack
 * traces read `csat`, not an anonymous arrow.
 *
 * @param make - A reducer factory, such as `csatReducer`.
 * @returns A function of the records and the factory's own arguments that folds the records
 *   in one pass and returns the reducer's result.
 *
 * @example
 * import { callOf } from "./callOf.ts";
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
export function callOf<Args extends unknown[], Item, State, Result>(
  make: (...args: Args) => Reducer<Item, State, Result>,
): (items: Iterable<Item>, ...args: Args) => Result {
  const call = (items: Iterable<Item>, ...args: Args): Result => reduce(items, make(...args));
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
