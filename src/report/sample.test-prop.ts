import fc from "fast-check";
import { expect, test } from "vitest";
import { reduce } from "../reduce/reduce.ts";
import { newestReducer } from "./sample.ts";

// Few distinct instants, so that ties (and the floor's "at or before" rule) are common.
const records = fc.array(
  fc.record({ n: fc.nat(), at: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }) }),
  { maxLength: 60 },
);
type Item = { n: number; at: number | undefined; index?: number };
const timeOf = (item: Item) => (item.at === undefined ? undefined : new Date(item.at * 1000));

/** Oracle: every timed record, newest first, ties in input order, the first `size`. */
function newest(input: readonly Item[], size: number): number[] {
  return input
    .map((item, index) => ({ ...item, index }))
    .filter((item) => item.at !== undefined)
    .sort((a, b) => (b.at as number) - (a.at as number) || a.index - b.index)
    .slice(0, size)
    .map((item) => item.index);
}

test("keeps the size newest records, ties in input order, whatever the floor skips", () => {
  fc.assert(
    fc.property(records, fc.integer({ min: 0, max: 8 }), (input, size) => {
      const indexed = input.map((item, index) => ({ ...item, index }));
      const sample = reduce(indexed, newestReducer(size, timeOf));
      expect(sample.records.map((item) => item.index)).toEqual(newest(input, size));
      expect(sample.total).toBe(input.length);
    }),
  );
});

test("measures follow their records, and merge equals concatenation", () => {
  fc.assert(
    fc.property(
      records,
      fc.nat({ max: 60 }),
      fc.integer({ min: 1, max: 8 }),
      (input, cut, size) => {
        const indexed = input.map((item, index) => ({ ...item, index }));
        const reducer = newestReducer(size, timeOf, [(item: Item) => item.index ?? null]);
        const left = reducer.init();
        const right = reducer.init();
        for (const [i, item] of indexed.entries())
          reducer.add(i < cut ? left : right, item, undefined);
        const merged = reducer.result(reducer.merge(left, right));
        expect(merged.measures).toEqual([newest(input, size)]);
        expect(merged.records.map((item) => item.index)).toEqual(newest(input, size));
        expect(merged).toEqual(reduce(indexed, reducer));
      },
    ),
  );
});
