import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
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
  reducerLaws(reopenRateReducer, tickets);

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
