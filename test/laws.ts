/**
 * The laws every reducer must keep, as reusable fast-check tests, so each metric's
 * `.test-prop.ts` states them in one line and spends its words on what is particular to it.
 *
 * - **Merge equals concatenation**: the records are cut into 1–4 shards at random points,
 *   each shard is reduced apart, and the states are merged in a random order; the result
 *   must equal reducing all records at once. This is what lets shards and workers combine.
 * - **Order does not matter**: reducing a shuffled copy gives the same result.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import type { Reducer, Window } from "../src/reduce/reducer.ts";

/** Options for {@link reducerLaws}. */
export interface LawOptions {
  /** The window passed to `add` (stock metrics); defaults to the reducer's own `window`. */
  window?: Window;
  /** fast-check runs per law; defaults to fast-check's 100. */
  numRuns?: number;
}

/** Reduces records the way a shard would: a fresh state and `add` for each. */
export function fold<Item, State, Result>(
  reducer: Reducer<Item, State, Result>,
  records: readonly Item[],
  window: Window | undefined,
): State {
  const state = reducer.init();
  for (const record of records) reducer.add(state, record, window);
  return state;
}

/**
 * Registers the two reducer laws as vitest tests.
 *
 * @param makeReducer - Builds the reducer under test (called fresh for each case).
 * @param records - An arbitrary of record arrays.
 */
export function reducerLaws<Item, State, Result>(
  makeReducer: () => Reducer<Item, State, Result>,
  records: fc.Arbitrary<Item[]>,
  options: LawOptions = {},
): void {
  const params = options.numRuns === undefined ? {} : { numRuns: options.numRuns };

  test("merging partial states, in any order, equals reducing all records at once", () => {
    const cases = records.chain((all) =>
      fc.tuple(
        fc.constant(all),
        fc.uniqueArray(fc.integer({ min: 0, max: all.length }), { maxLength: 3 }),
        fc.boolean(),
      ),
    );
    fc.assert(
      fc.property(cases, ([all, cuts, reverse]) => {
        const reducer = makeReducer();
        const window = options.window ?? reducer.window;
        if (reducer.spanOf && !window)
          throw new Error("reducerLaws: a stock metric needs a window");
        // Cut the records into shards at the chosen points and reduce each apart.
        const points = [0, ...[...cuts].sort((a, b) => a - b), all.length];
        const states = points
          .slice(1)
          .map((end, i) => fold(reducer, all.slice(points[i], end), window));
        if (reverse) states.reverse();
        const merged = states.reduce((a, b) => reducer.merge(a, b));
        expect(reducer.result(merged)).toEqual(reducer.result(fold(reducer, all, window)));
      }),
      params,
    );
  });

  test("shuffling the records does not change the result", () => {
    const cases = records.chain((all) =>
      fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length })),
    );
    fc.assert(
      fc.property(cases, ([all, shuffled]) => {
        const reducer = makeReducer();
        const window = options.window ?? reducer.window;
        expect(reducer.result(fold(reducer, shuffled, window))).toEqual(
          reducer.result(fold(reducer, all, window)),
        );
      }),
      params,
    );
  });
}
