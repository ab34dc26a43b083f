/**
 * The laws every reducer must keep, as reusable fast-check tests, so each metric's
 * `.test-prop.ts` states them in one line and spends its words on what is particular to it.
 *
 * - **Merge equals concatenation**: the records are cut into 1–4 shards at random points,
 *   each shard is reduced apart, and the states are merged in a random order; the result
 *   must equal reducing all records at once. This is what lets shards and workers combine.
 * - **Order does not matter**: reducing a shuffled copy gives the same result.
 *
 * Results are compared with `toEqual`: exactly, floats included.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { reachesWindow } from "../src/aggregate/windowFilter.ts";
import { reduce } from "../src/reduce/reduce.ts";
import type { Reducer, Window } from "../src/reduce/reducer.ts";

/** Options for {@link reducerLaws}. */
export interface LawOptions {
  /** The window passed to `add` (stock metrics); defaults to the reducer's own `window`. */
  window?: Window;
  /** fast-check runs per law; defaults to fast-check's 100. */
  numRuns?: number;
}

/**
 * Reduces records the way a shard would: a fresh state and `add` for each. As in `reduce`,
 * a stock record whose span does not reach the window is not added (by `reduce`'s own rule).
 */
export function fold<Item, State, Result>(
  reducer: Reducer<Item, State, Result>,
  records: readonly Item[],
  window: Window | undefined,
): State {
  const state = reducer.init();
  for (const record of records) {
    const span = window ? reducer.spanOf?.(record) : undefined;
    if (window && !reachesWindow(span, window)) continue;
    reducer.add(state, record, window);
  }
  return state;
}

/**
 * Registers the two reducer laws as vitest tests.
 *
 * @param makeReducer - Builds the reducer under test, fresh for each case. It is given the
 *   configuration drawn for the case (`undefined` without `configs`) and the records the
 *   reducer will see in all (for a reducer that must know the whole data set, such as
 *   first contact resolution's `contacts`).
 * @param records - An arbitrary of record arrays.
 * @param options - See {@link LawOptions}; `configs` draws a reducer configuration per case.
 */
export function reducerLaws<Item, State, Result>(
  makeReducer: (config: undefined, records: readonly Item[]) => Reducer<Item, State, Result>,
  records: fc.Arbitrary<Item[]>,
  options?: LawOptions,
): void;
export function reducerLaws<Item, State, Result, Config>(
  makeReducer: (config: Config, records: readonly Item[]) => Reducer<Item, State, Result>,
  records: fc.Arbitrary<Item[]>,
  options: LawOptions & { configs: fc.Arbitrary<Config> },
): void;
export function reducerLaws<Item, State, Result, Config>(
  makeReducer: (
    config: Config | undefined,
    records: readonly Item[],
  ) => Reducer<Item, State, Result>,
  records: fc.Arbitrary<Item[]>,
  options: LawOptions & { configs?: fc.Arbitrary<Config> } = {},
): void {
  const params = options.numRuns === undefined ? {} : { numRuns: options.numRuns };
  const configs = options.configs ?? fc.constant(undefined);

  /** The window `add` is given, checked as `reduce` checks it. */
  function windowOf(reducer: Reducer<Item, State, Result>): Window | undefined {
    const window = options.window ?? reducer.window;
    if (reducer.spanOf && !window) throw new Error("reducerLaws: a stock metric needs a window");
    return window;
  }
  /** All records in one pass: `reduce` itself, unless the law was given its own window. */
  function once(reducer: Reducer<Item, State, Result>, all: readonly Item[]): Result {
    return options.window === undefined
      ? reduce(all, reducer)
      : reducer.result(fold(reducer, all, options.window));
  }

  test("merging partial states, in any order, equals reducing all records at once", () => {
    const cases = records.chain((all) =>
      fc.tuple(
        fc.constant(all),
        fc.uniqueArray(fc.integer({ min: 0, max: all.length }), { maxLength: 3 }),
        fc.boolean(),
      ),
    );
    fc.assert(
      fc.property(configs, cases, (config, [all, cuts, reverse]) => {
        const reducer = makeReducer(config, all);
        const window = windowOf(reducer);
        // Cut the records into shards at the chosen points and reduce each apart.
        const points = [0, ...[...cuts].sort((a, b) => a - b), all.length];
        const states = points
          .slice(1)
          .map((end, i) => fold(reducer, all.slice(points[i], end), window));
        if (reverse) states.reverse();
        const merged = states.reduce((a, b) => reducer.merge(a, b));
        expect(reducer.result(merged)).toEqual(once(reducer, all));
      }),
      params,
    );
  });

  test("shuffling the records does not change the result", () => {
    const cases = records.chain((all) =>
      fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length })),
    );
    fc.assert(
      fc.property(configs, cases, (config, [all, shuffled]) => {
        // each order gets its own reducer, built from the records in that order
        const reducer = makeReducer(config, all);
        const reordered = makeReducer(config, shuffled);
        expect(once(reordered, shuffled)).toEqual(once(reducer, all));
      }),
      params,
    );
  });
}

/** A percentage of records: `value` null or within 0–100, and the numerator within the denominator. */
export function expectPercentRatio(result: {
  value: number | null;
  numerator: number;
  denominator: number;
}): void {
  if (result.value !== null) {
    expect(result.value).toBeGreaterThanOrEqual(0);
    expect(result.value).toBeLessThanOrEqual(100);
  }
  expect(result.numerator).toBeLessThanOrEqual(result.denominator);
}

/** How many records a result excluded, over every reason. */
export function totalExcluded(excluded: Readonly<Record<string, number>>): number {
  return Object.values(excluded).reduce((sum, n) => sum + n, 0);
}
