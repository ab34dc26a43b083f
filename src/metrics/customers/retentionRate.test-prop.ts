import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { customerArb, customerRateLaws, march } from "../../../test/customerArbitraries.ts";
import { reduce } from "../../reduce/reduce.ts";
import { churnRateReducer } from "./churnRate.ts";
import { retentionRateReducer } from "./retentionRate.ts";

const window = march;
const include = fc.boolean();

describe("retentionRate properties", () => {
  customerRateLaws(retentionRateReducer);

  test("retention never exceeds 100; it is at least 0 without new churners, else at least −100 × newChurners / start", () => {
    // end − new = start − (lost among the starting customers) − (new churners counted in new)
    fc.assert(
      fc.property(fc.array(customerArb), include, (records, includeNewChurners) => {
        const result = reduce(records, retentionRateReducer({ window, includeNewChurners }));
        if (result.value === null) {
          expect(result.start).toBe(0);
          return;
        }
        expect(result.numerator).toBeLessThanOrEqual(result.denominator);
        expect(result.value).toBeLessThanOrEqual(100);
        if (!includeNewChurners) expect(result.value).toBeGreaterThanOrEqual(0);
        else expect(result.numerator).toBeGreaterThanOrEqual(-result.newChurners);
      }),
    );
  });

  test("retention is 100 − churn with the same options", () => {
    fc.assert(
      fc.property(fc.array(customerArb), include, (records, includeNewChurners) => {
        const retention = reduce(records, retentionRateReducer({ window, includeNewChurners }));
        const churn = reduce(records, churnRateReducer({ window, includeNewChurners }));
        const { value: r, ...retentionCounts } = retention;
        const { value: c, ...churnCounts } = churn;
        expect({ ...retentionCounts, numerator: 0 }).toEqual({ ...churnCounts, numerator: 0 });
        if (r === null || c === null) expect(r).toBe(c);
        else expect(r + c).toBeCloseTo(100, 9);
      }),
    );
  });
});
