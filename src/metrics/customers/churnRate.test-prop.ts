import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { customerArb, customerRateLaws, march } from "../../../test/customerArbitraries.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
import { churnRateReducer } from "./churnRate.ts";

const window = march;
const S = march.start;
const E = march.end;
const include = fc.boolean();

describe("churnRate properties", () => {
  customerRateLaws(churnRateReducer);

  test("churn is at least 0; at most 100 without new churners; end = start + new − lost", () => {
    fc.assert(
      fc.property(fc.array(customerArb), include, (records, includeNewChurners) => {
        const result = reduce(records, churnRateReducer({ window, includeNewChurners }));
        expect(result.end).toBe(result.start + result.new - result.lost);
        expect(result.numerator).toBe(result.lost);
        expect(result.denominator).toBe(result.start);
        // lost ⊆ start ∪ new; without new churners lost ⊆ start
        expect(result.lost).toBeLessThanOrEqual(result.start + result.new);
        if (result.value === null) expect(result.start).toBe(0);
        else {
          expect(result.value).toBeGreaterThanOrEqual(0);
          if (!includeNewChurners) expect(result.value).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  test("every customer whose life reaches the window [S, E) is counted once: at start or new", () => {
    fc.assert(
      fc.property(fc.array(customerArb), (records) => {
        const result = reduce(records, churnRateReducer({ window }));
        // Started before E and not ended before S (one ended exactly at S is lost in it).
        const reaching = records.filter(
          (c) => c.startedAt.getTime() < E && (c.endedAt?.getTime() ?? Infinity) >= S,
        ).length;
        expect(result.start + result.new).toBe(reaching);
        expect(result.excluded.outsideWindow).toBe(0);
      }),
    );
  });

  test("in a monthly rollup each month ends with the customers the next one starts with", () => {
    fc.assert(
      fc.property(fc.array(customerArb, { maxLength: 40 }), (records) => {
        const rows = rollup(records, {
          by: { period: "month" },
          metrics: { churn: churnRateReducer() },
          range: { start: "2024-01-01", end: "2024-07-01" },
        });
        expect(rows).toHaveLength(6);
        for (let i = 0; i + 1 < rows.length; i++) {
          expect(rows[i]?.churn.end).toBe(rows[i + 1]?.churn.start);
        }
      }),
    );
  });
});
