import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { ChurnRateInput } from "./churnRate.ts";
import { churnRateReducer } from "./churnRate.ts";

const DAY = 86_400_000;
const S = Date.parse("2024-03-01T00:00:00Z");
const E = Date.parse("2024-04-01T00:00:00Z");
const window = { start: S, end: E };

// Days from 1 Jan to 30 May 2024, with the window's edges (day 60 = 1 Mar, 91 = 1 Apr) often hit.
const day = fc.oneof(fc.integer({ min: 0, max: 150 }), fc.constantFrom(60, 91));
const customerArb: fc.Arbitrary<ChurnRateInput> = fc
  .tuple(day, fc.option(fc.integer({ min: 0, max: 90 }), { freq: 3 }))
  .map(([startDay, length]) => {
    const startedAt = new Date(Date.UTC(2024, 0, 1) + startDay * DAY);
    return {
      startedAt,
      endedAt: length === null ? null : new Date(startedAt.getTime() + length * DAY),
    };
  });
const include = fc.boolean();

describe("churnRate properties", () => {
  reducerLaws(
    (includeNewChurners) => churnRateReducer({ window, includeNewChurners }),
    fc.array(customerArb),
    { configs: include },
  );

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

  test("every customer whose life reaches the window is counted once: at start, new, or excluded", () => {
    fc.assert(
      fc.property(fc.array(customerArb), (records) => {
        const result = reduce(records, churnRateReducer({ window }));
        const reaching = records.filter(
          (c) => c.startedAt.getTime() <= E && (c.endedAt?.getTime() ?? Infinity) >= S,
        ).length;
        expect(result.start + result.new + result.excluded.outsideWindow).toBe(reaching);
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
