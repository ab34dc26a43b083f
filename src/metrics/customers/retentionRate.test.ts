import { describe, expect, test } from "vitest";
import { customer } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { churnRate } from "./churnRate.ts";
import { retentionRate, retentionRateReducer } from "./retentionRate.ts";

const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
const before = "2024-01-15T00:00:00Z";
const inside = "2024-03-15T00:00:00Z";
const later = "2024-03-25T00:00:00Z";

function many(n: number, startedAt: string, endedAt: string | null = null) {
  return Array.from({ length: n }, () => customer({ startedAt, endedAt }));
}

const none = { outsideWindow: 0 };

describe("retentionRate", () => {
  test("reproduces seed 004: (158 − 32) / 150 = 84 %", () => {
    // 126 of the 150 starting customers stay, 24 leave; 32 join and stay → 158 at the end
    const customers = [...many(126, before), ...many(24, before, inside), ...many(32, inside)];
    expect(retentionRate(customers, { window })).toEqual({
      value: 84,
      numerator: 126,
      denominator: 150,
      start: 150,
      new: 32,
      lost: 24,
      end: 158,
      newChurners: 0,
      excluded: none,
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

  test("has no value with no customer at the start", () => {
    expect(retentionRate([], { window })).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      start: 0,
      new: 0,
      lost: 0,
      end: 0,
      newChurners: 0,
      excluded: none,
    });
  });

  test("a single customer is kept (100 %) or lost (0 %)", () => {
    expect(retentionRate(many(1, before), { window }).value).toBe(100);
    expect(retentionRate(many(1, before, inside), { window }).value).toBe(0);
  });

  test("excludes a customer that ended exactly at the window's start", () => {
    expect(
      retentionRate([customer({ startedAt: before, endedAt: window.start })], { window }),
    ).toMatchObject({ value: null, excluded: { outsideWindow: 1 } });
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

  test("can go below 0 by default when more customers come and go than were there", () => {
    // 1 at start (stays), 3 join and leave: (1 − 3) / 1 = −200 %
    const customers = [...many(1, before), ...many(3, inside, later)];
    expect(retentionRate(customers, { window }).value).toBe(-200);
    expect(retentionRate(customers, { window, includeNewChurners: false }).value).toBe(100);
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

  test("needs a window when customers are not grouped by period", () => {
    // @ts-expect-error: testing a missing window from plain JavaScript
    expect(() => retentionRate([customer()], {})).toThrow(
      "retentionRate: a stock metric needs the instant or window to measure when records are not grouped by period",
    );
  });

  test("rejects a bad window and a non-boolean includeNewChurners", () => {
    expect(() =>
      retentionRate([], { window: { start: Number.NaN, end: "2024-04-01T00:00:00Z" } }),
    ).toThrow(
      "retentionRate: window.start must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got NaN",
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => retentionRate([], { window, includeNewChurners: 1 })).toThrow(
      "retentionRate: includeNewChurners must be a boolean, got 1",
    );
  });
});
