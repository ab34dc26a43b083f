/**
 * The metrics built on the MRR movements share one worked example: in March,
 * a 100 → 150 (expansion 50), b 80 → 0 (churned 80), d 20 → 10 (contraction 10), c new 40.
 * Opening MRR 200 over 3 paying customers; closing 200 over 3 (a, d, c).
 */
import { describe, expect, test } from "vitest";
import type { SubscriptionChange } from "./records.ts";
import {
  arpa,
  arpaReducer,
  grossRevenueRetention,
  netRevenueRetention,
  netRevenueRetentionReducer,
  revenueChurnRate,
  subscriberChurnRate,
} from "./revenueRates.ts";

const change = (customerId: string, iso: string, mrr: number | null): SubscriptionChange => ({
  customerId,
  at: new Date(`${iso}T00:00:00Z`),
  mrr,
});
const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
const changes = [
  change("a", "2024-01-10", 100),
  change("a", "2024-03-15", 150),
  change("b", "2024-02-01", 80),
  change("b", "2024-03-20", 0),
  change("d", "2024-02-01", 20),
  change("d", "2024-03-02", 10),
  change("c", "2024-03-05", 40),
];

describe("the revenue rates", () => {
  test("net revenue retention: (200 + 50 − 10 − 80) / 200 = 80 %", () => {
    expect(netRevenueRetention(changes, { window })).toMatchObject({
      value: 80,
      numerator: 160,
      denominator: 200,
    });
  });

  test("gross revenue retention: (200 − 10 − 80) / 200 = 55 %, never above 100", () => {
    expect(grossRevenueRetention(changes, { window })).toMatchObject({ value: 55, numerator: 110 });
    // all expansion: NRR 150 %, GRR stays 100 %
    const growth = [change("a", "2024-02-01", 100), change("a", "2024-03-10", 150)];
    expect(netRevenueRetention(growth, { window }).value).toBe(150);
    expect(grossRevenueRetention(growth, { window }).value).toBe(100);
  });

  test("revenue churn: (80 + 10) / 200 = 45 % = 100 − GRR", () => {
    expect(revenueChurnRate(changes, { window }).value).toBe(45);
  });

  test("subscriber churn: 1 of the 3 paying at the start", () => {
    expect(subscriberChurnRate(changes, { window })).toMatchObject({
      numerator: 1,
      denominator: 3,
    });
    expect(subscriberChurnRate(changes, { window }).value).toBeCloseTo(100 / 3, 12);
  });

  test("ARPA: closing MRR 150 + 10 + 40 = 200 over 3 accounts", () => {
    expect(arpa(changes, { window })).toMatchObject({ numerator: 200, denominator: 3 });
    expect(arpa(changes, { window }).value).toBeCloseTo(200 / 3, 12);
  });

  test("have no value when no customer paid at the start (unknown, not 0)", () => {
    const onlyNew = [change("c", "2024-03-05", 40)];
    for (const metric of [
      netRevenueRetention,
      grossRevenueRetention,
      revenueChurnRate,
      subscriberChurnRate,
    ]) {
      expect(metric(onlyNew, { window }).value).toBeNull();
    }
    expect(arpa([], { window }).value).toBeNull();
    // the movements ride along, so a reader can re-derive the value
    expect(netRevenueRetention(onlyNew, { window }).movements.newMrr).toBe(40);
  });
});

describe("the revenue rates in a rollup", () => {
  test("group by month: each month compares its own edges", async () => {
    const { rollup } = await import("../../aggregate/rollup.ts");
    // February: a pays 100 throughout (NRR 100 %), b and d start (new 80 + 20);
    // March: the worked example above
    const rows = rollup(changes, {
      by: { period: "month" },
      metrics: { nrr: netRevenueRetentionReducer(), arpa: arpaReducer() },
      range: { start: "2024-02-01T00:00:00Z", end: "2024-04-01T00:00:00Z" },
    });
    expect(rows.map((row) => [row.period?.label, row.nrr.value, row.nrr.movements.newMrr])).toEqual(
      [
        ["2024-02", 100, 100],
        ["2024-03", 80, 40],
      ],
    );
    expect(rows[1]?.arpa.numerator).toBe(200);
  });
});
