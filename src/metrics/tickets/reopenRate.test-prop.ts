import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reduce } from "../../reduce/reduce.ts";
import { reopenRateReducer } from "./reopenRate.ts";

const tickets = fc.array(
  fc
    .record({ resolved: fc.boolean(), reopenCount: fc.integer({ min: 0, max: 3 }) })
    .map(({ resolved, reopenCount }) =>
      ticket({ ...(resolved ? { firstResolvedAt: "2024-03-02T00:00:00Z" } : {}), reopenCount }),
    ),
  { maxLength: 20 },
);

describe("reopenRate properties", () => {
  test("merging two partial states equals reducing their concatenation", () => {
    fc.assert(
      fc.property(tickets, tickets, (left, right) => {
        const reducer = reopenRateReducer();
        const a = reducer.init();
        for (const t of left) reducer.add(a, t, undefined);
        const b = reducer.init();
        for (const t of right) reducer.add(b, t, undefined);
        expect(reducer.result(reducer.merge(a, b))).toEqual(reduce([...left, ...right], reducer));
      }),
    );
  });

  test("the order of tickets does not change the result", () => {
    fc.assert(
      fc.property(
        tickets.chain((ts) =>
          fc.tuple(fc.constant(ts), fc.shuffledSubarray(ts, { minLength: ts.length })),
        ),
        ([ts, shuffled]) => {
          expect(reduce(shuffled, reopenRateReducer())).toEqual(reduce(ts, reopenRateReducer()));
        },
      ),
    );
  });

  test("value is null or in [0, 100], numerator ≤ denominator, and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, (ts) => {
        const result = reduce(ts, reopenRateReducer());
        if (result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(100);
        }
        expect(result.numerator).toBeLessThanOrEqual(result.denominator);
        expect(result.denominator + result.excluded.unresolved).toBe(ts.length);
      }),
    );
  });
});
