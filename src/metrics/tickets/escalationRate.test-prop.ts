import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reduce } from "../../reduce/reduce.ts";
import { escalationRateReducer } from "./escalationRate.ts";

const tickets = fc.array(
  fc
    .record({ escalated: fc.boolean(), groupId: fc.constantFrom("tier-1", "tier-2") })
    .map((fields) => ticket(fields)),
  { maxLength: 20 },
);
const options = fc.constantFrom(
  {},
  { isEscalated: (t: ReturnType<typeof ticket>) => t.groupId === "tier-2" },
);

describe("escalationRate properties", () => {
  test("merging two partial states equals reducing their concatenation", () => {
    fc.assert(
      fc.property(tickets, tickets, options, (left, right, o) => {
        const reducer = escalationRateReducer(o);
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
        options,
        ([ts, shuffled], o) => {
          expect(reduce(shuffled, escalationRateReducer(o))).toEqual(
            reduce(ts, escalationRateReducer(o)),
          );
        },
      ),
    );
  });

  test("value is null or in [0, 100], and every ticket is in the denominator", () => {
    fc.assert(
      fc.property(tickets, (ts) => {
        const result = reduce(ts, escalationRateReducer());
        if (result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(100);
        }
        expect(result.numerator).toBe(ts.filter((t) => t.escalated).length);
        expect(result.denominator).toBe(ts.length);
      }),
    );
  });
});
