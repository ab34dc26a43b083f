import { describe, expect, test } from "vitest";
import { seed004Counts, seed004Customers } from "../../../test/customerExamples.ts";
import { customer, customers as many } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { churnRate } from "./churnRate.ts";
import { retentionRate, retentionRateReducer } from "./retentionRate.ts";

const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
const before = "2024-01-15T00:00:00Z";
const inside = "2024-03-15T00:00:00Z";
const later = "2024-03-25T00:00:00Z";

const none = { outsideWindow: 0 };

// What retention shares with churn (empty input, the window's edges, options) is tested once for
// both in customerCounts.test.ts.
describe("retentionRate", () => {
  test("reproduces seed 004: (158 − 32) / 150 = 84 %", () => {
    // 126 of the 150 starting customers stay, 24 leave; 32 join and stay → 158 at the end
    expect(retentionRate(seed004Customers(), { window })).toEqual({
      value: 84,
      numerator: 126,
      denominator: 150,
      ...seed004Counts,
    });
  });

  test("is 100 − churn with the same counts (seed 004's churn example)", () => {
    // 150 at start, 136 at end, none new: retention (136 − 0) / 150 = 90.67 %, churn 9.33 %
    const customers = [...many(136, before), ...many(14, before, inside)];
    const retention = retentionRate(customers, { window });
    expect(retention).toMatchObject({ numerator: 136, denominator: 150 });
    expect(retention.value).toBeCloseTo(90.67, 2);
    expect((retention.value as number) + (churnRate(customers, { window }).value as number)).toBe(
      100,
    );
  });

  test("counts customers who joined and left in both new and lost unless told not to", () => {
    // 4 at start, all stay; 2 join and leave; 1 joins and stays → end 5
    const customers = [...many(4, before), ...many(2, inside, later), ...many(1, inside)];
    // default: new 3 → (5 − 3) / 4 = 50 %: the textbook formula undercounts the kept
    expect(retentionRate(customers, { window })).toEqual({
      value: 50,
      numerator: 2,
      denominator: 4,
      start: 4,
      new: 3,
      lost: 2,
      end: 5,
      newChurners: 2,
      excluded: none,
    });
    // false: new 1, lost 0 → (5 − 1) / 4 = 100 %: every starting customer was kept
    expect(retentionRate(customers, { window, includeNewChurners: false })).toEqual({
      value: 100,
      numerator: 4,
      denominator: 4,
      start: 4,
      new: 1,
      lost: 0,
      end: 5,
      newChurners: 2,
      excluded: none,
    });
  });

  test("measures each month in a rollup", () => {
    const customers = [
      ...many(2, "2023-12-01T00:00:00Z"),
      customer({ startedAt: "2023-12-01T00:00:00Z", endedAt: "2024-02-15T00:00:00Z" }),
      customer({ startedAt: "2024-02-10T00:00:00Z" }),
    ];
    const rows = rollup(customers, {
      by: { period: "month" },
      metrics: { retention: retentionRateReducer() },
      range: { start: "2024-01-01", end: "2024-04-01" },
    });
    // Jan: 3 kept of 3 → 100; Feb: start 3, 1 lost, 1 new, end 3 → (3 − 1) / 3; Mar: 3 of 3
    expect(rows.map((row) => [row.period?.label, row.retention.value])).toEqual([
      ["2024-01", 100],
      ["2024-02", (100 * 2) / 3],
      ["2024-03", 100],
    ]);
  });
});
