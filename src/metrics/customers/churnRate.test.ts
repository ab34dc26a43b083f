import { describe, expect, test } from "vitest";
import { seed004Counts, seed004Customers } from "../../../test/customerExamples.ts";
import { customer, customers as many } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { churnRate, churnRateReducer } from "./churnRate.ts";
import { retentionRateReducer } from "./retentionRate.ts";

const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
const before = "2024-01-15T00:00:00Z";
const inside = "2024-03-15T00:00:00Z";
const later = "2024-03-25T00:00:00Z";

const none = { outsideWindow: 0 };

// What churn shares with retention (empty input, the window's edges, options) is tested once for
// both in customerCounts.test.ts.
describe("churnRate", () => {
  test("reproduces seed 004: 150 at the start and 136 at the end, none new, is 9.33 %", () => {
    // 136 stay, 14 leave in March: 14 lost / 150 at start × 100 = 9.333… %
    const customers = [...many(136, before), ...many(14, before, inside)];
    const result = churnRate(customers, { window });
    expect(result).toEqual({
      value: (100 * 14) / 150,
      numerator: 14,
      denominator: 150,
      start: 150,
      new: 0,
      lost: 14,
      end: 136,
      newChurners: 0,
      excluded: none,
    });
    expect(result.value).toBeCloseTo(9.33, 2);
  });

  test("counts only customers lost among those present at the start", () => {
    // seed 004's retention example: 150 at start (24 leave), 32 new, 158 at end
    // churn = 24 / 150 × 100 = 16 %
    expect(churnRate(seed004Customers(), { window })).toEqual({
      value: 16,
      numerator: 24,
      denominator: 150,
      ...seed004Counts,
    });
  });

  test("counts customers who joined and left inside the window as lost by default (seed 001)", () => {
    // 4 at start, 1 of them lost; 2 joined and left in March
    const customers = [...many(3, before), ...many(1, before, inside), ...many(2, inside, later)];
    // default: lost = 1 + 2 = 3 → 3 / 4 = 75 %
    expect(churnRate(customers, { window })).toEqual({
      value: 75,
      numerator: 3,
      denominator: 4,
      start: 4,
      new: 2,
      lost: 3,
      end: 3,
      newChurners: 2,
      excluded: none,
    });
    // includeNewChurners false: only the customer present at the start → 1 / 4 = 25 %
    expect(churnRate(customers, { window, includeNewChurners: false })).toEqual({
      value: 25,
      numerator: 1,
      denominator: 4,
      start: 4,
      new: 0,
      lost: 1,
      end: 3,
      newChurners: 2,
      excluded: none,
    });
  });

  test("gives each month's end count as the next month's start count in a rollup", () => {
    const customers = [
      customer({ id: "A", startedAt: "2023-12-15T00:00:00Z" }),
      customer({ id: "B", startedAt: "2023-12-20T00:00:00Z", endedAt: "2024-02-10T00:00:00Z" }),
      customer({ id: "C", startedAt: "2024-01-05T00:00:00Z", endedAt: "2024-03-01T00:00:00Z" }),
      customer({ id: "D", startedAt: "2024-02-01T00:00:00Z" }),
      customer({ id: "E", startedAt: "2024-03-10T00:00:00Z", endedAt: "2024-03-20T00:00:00Z" }),
      customer({ id: "F", startedAt: "2024-04-02T00:00:00Z" }),
    ];
    const rows = rollup(customers, {
      by: { period: "month" },
      metrics: { churn: churnRateReducer(), retention: retentionRateReducer() },
      range: { start: "2024-01-01", end: "2024-05-01" },
    });
    // Each month is [S, E): D starts at 1 Feb 00:00, February's first instant; C ends at
    // 1 Mar 00:00, March's first instant.
    // Jan: start A B; new C; end A B C (3 = 2 + 1 − 0): churn 0 / 2, retention (3 − 1) / 2
    // Feb: start A B C; new D; lost B; end A C D (3 = 3 + 1 − 1; C is still there at the end)
    //   churn 1 / 3, retention (3 − 1) / 3
    // Mar: start A C D; new E; lost C (ended at S) and E (joined and left); end A D
    //   (2 = 3 + 1 − 2): churn 2 / 3, retention (2 − 1) / 3
    // Apr: start A D; new F; end A D F (3 = 2 + 1 − 0): churn 0 / 2, retention (3 − 1) / 2
    expect(
      rows.map((row) => [
        row.period?.label,
        row.churn.start,
        row.churn.new,
        row.churn.lost,
        row.churn.end,
        row.churn.value,
        row.retention.value,
        row.churn.excluded.outsideWindow,
      ]),
    ).toEqual([
      ["2024-01", 2, 1, 0, 3, 0, 100, 0],
      ["2024-02", 3, 1, 1, 3, 100 / 3, 200 / 3, 0],
      ["2024-03", 3, 1, 2, 2, 200 / 3, 100 / 3, 0],
      ["2024-04", 2, 1, 0, 3, 0, 100, 0],
    ]);
    for (let i = 0; i + 1 < rows.length; i++) {
      expect(rows[i]?.churn.end).toBe(rows[i + 1]?.churn.start);
    }
  });
});
