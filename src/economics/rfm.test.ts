import { describe, expect, test } from "vitest";
import {
  masterTransactions,
  publishedSummary,
  sampleTransactions,
} from "../../test/fixtures/cdnow/load.ts";
import { rfmSummary, type Transaction } from "./rfm.ts";

const at = (iso: string) => new Date(iso);
const buy = (customerId: string, iso: string, amount: number | null = 10): Transaction => ({
  customerId,
  purchasedAt: at(iso),
  amount,
});

describe("rfmSummary on CDNOW", () => {
  test("rebuilds every row of the published calibration summary from the transaction log", () => {
    // Days collapsed, weeks as the unit, calibration to 1997-09-30 inclusive; the published
    // file rounds x, tₓ, T and z̄ to 2 decimals
    const { customers, excluded, transactions } = rfmSummary(sampleTransactions(), {
      asOf: "1997-09-30T00:00:00Z",
    });
    const published = publishedSummary();
    expect(customers).toHaveLength(2357);
    const round = (v: number) => Math.round(v * 100) / 100;
    const rebuilt = customers.map((c) => ({
      id: Number(c.customerId),
      frequency: c.frequency,
      recency: round(c.recency),
      T: round(c.T),
    }));
    expect(rebuilt).toEqual(published.map(({ monetaryValue, ...rest }) => rest));
    // z̄ to the cent; a mean ending in a half cent may have been rounded either way
    customers.forEach((c, i) => {
      const zbar = published[i]?.monetaryValue ?? null;
      if (zbar === null) expect(c.monetaryValue).toBeNull();
      else expect(Math.abs((c.monetaryValue as number) - zbar)).toBeLessThanOrEqual(0.005 + 1e-9);
    });
    expect(customers.filter((c) => c.frequency > 0)).toHaveLength(946);
    // 6,919 rows: 1,959 after the calibration period
    expect(transactions + excluded.afterAsOf).toBe(6919);
    expect(excluded).toEqual({ afterAsOf: 1959, refund: 0 });
  });

  test("counts 23,570 customers in the master file, 11,516 of them buying on 2 or more days", () => {
    // dataset notes: repeat buyers on distinct dates 11,516 (11,662 if every row counted)
    const { customers, transactions } = rfmSummary(masterTransactions(), {
      asOf: "1998-06-30T00:00:00Z",
    });
    expect(customers).toHaveLength(23_570);
    expect(transactions).toBe(69_659);
    expect(customers.filter((c) => c.frequency > 0)).toHaveLength(11_516);
  });
});

describe("rfmSummary conventions", () => {
  test("collapses purchases in one day and leaves the first day's spend out of the mean", () => {
    // days 1 (10 + 5), 8 (20), 15 (40): x = 2, tₓ = 14 days = 2 weeks, T = 28 days = 4 weeks,
    // mean repeat spend (20 + 40) / 2 = 30
    const { customers } = rfmSummary(
      [
        buy("c1", "2024-01-01T09:00:00Z", 10),
        buy("c1", "2024-01-01T17:00:00Z", 5),
        buy("c1", "2024-01-08T10:00:00Z", 20),
        buy("c1", "2024-01-15T10:00:00Z", 40),
      ],
      { asOf: "2024-01-29T12:00:00Z" },
    );
    expect(customers).toEqual([
      {
        customerId: "c1",
        frequency: 2,
        recency: 2,
        T: 4,
        monetaryValue: 30,
        first: at("2024-01-01T00:00:00Z"),
        last: at("2024-01-15T00:00:00Z"),
      },
    ]);
  });

  test("a one-time buyer has frequency 0, recency 0 and no monetary value", () => {
    const { customers } = rfmSummary([buy("c1", "2024-01-01T09:00:00Z")], {
      asOf: "2024-01-11T00:00:00Z",
      unit: "day",
    });
    expect(customers[0]).toMatchObject({ frequency: 0, recency: 0, T: 10, monetaryValue: null });
  });

  test("reads days in the caller's zone", () => {
    // 23:30 UTC on 1 March is 00:30 on 2 March in Berlin: one day apart in UTC, the same
    // day in Berlin
    const log = [buy("c1", "2024-03-01T10:00:00Z"), buy("c1", "2024-03-01T23:30:00Z")];
    const options = { asOf: "2024-03-10T00:00:00Z", unit: "day" } as const;
    expect(rfmSummary(log, options).customers[0]?.frequency).toBe(0);
    expect(rfmSummary(log, { ...options, timeZone: "Europe/Berlin" }).customers[0]).toMatchObject({
      frequency: 1,
      recency: 1,
    });
  });

  test("counts calendar days across a DST change", () => {
    // New York springs forward on 10 March 2024: 9 → 11 March is 47 hours but 2 days
    const { customers } = rfmSummary(
      [buy("c1", "2024-03-09T15:00:00Z"), buy("c1", "2024-03-11T15:00:00Z")],
      { asOf: "2024-03-16T15:00:00Z", unit: "day", timeZone: "America/New_York" },
    );
    expect(customers[0]).toMatchObject({ recency: 2, T: 7 });
  });

  test("can collapse by week instead of by day", () => {
    // ISO weeks: 1 and 3 January 2024 share week 1; 10 January is week 2
    const { customers } = rfmSummary(
      [
        buy("c1", "2024-01-01T10:00:00Z"),
        buy("c1", "2024-01-03T10:00:00Z"),
        buy("c1", "2024-01-10T10:00:00Z"),
      ],
      { asOf: "2024-01-22T00:00:00Z", collapse: "isoWeek" },
    );
    expect(customers[0]).toMatchObject({ frequency: 1, recency: 1, T: 3 });
  });

  test("leaves out refunds and purchases after the as-of period, counting them", () => {
    // the as-of instant's whole day is observed: 09:00 and 23:00 on 10 January count
    const result = rfmSummary(
      [
        buy("c1", "2024-01-01T10:00:00Z"),
        buy("c1", "2024-01-05T10:00:00Z", -10),
        buy("c1", "2024-01-10T23:00:00Z"),
        buy("c1", "2024-01-11T00:00:00Z"),
      ],
      { asOf: "2024-01-10T09:00:00Z", unit: "day" },
    );
    expect(result.excluded).toEqual({ afterAsOf: 1, refund: 1 });
    expect(result.transactions).toBe(2);
    expect(result.customers[0]).toMatchObject({ frequency: 1, recency: 9, T: 9 });
  });

  test("an unknown amount makes the mean unknown, never zero", () => {
    const { customers } = rfmSummary(
      [
        buy("c1", "2024-01-01T10:00:00Z"),
        buy("c1", "2024-01-02T10:00:00Z", null),
        buy("c1", "2024-01-03T10:00:00Z", 8),
      ],
      { asOf: "2024-01-05T00:00:00Z" },
    );
    expect(customers[0]).toMatchObject({ frequency: 2, monetaryValue: null });
    // unknown on the first day only: the first day is not in the mean
    const first = rfmSummary(
      [buy("c2", "2024-01-01T10:00:00Z", null), buy("c2", "2024-01-02T10:00:00Z", 8)],
      { asOf: "2024-01-05T00:00:00Z" },
    );
    expect(first.customers[0]?.monetaryValue).toBe(8);
  });

  test("gives no customers for an empty log", () => {
    expect(rfmSummary([], { asOf: 0 })).toEqual({
      customers: [],
      transactions: 0,
      excluded: { afterAsOf: 0, refund: 0 },
    });
  });

  test("rejects bad options and records in the house grammar", () => {
    expect(() => rfmSummary([], { asOf: "2024-01-01" })).toThrow(
      'rfmSummary: asOf must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got "2024-01-01"',
    );
    expect(() => rfmSummary([], { asOf: 0, unit: "month" as never })).toThrow(
      'rfmSummary: unit must be one of day, week, got "month"',
    );
    expect(() =>
      rfmSummary([{ customerId: "c1", purchasedAt: new Date(Number.NaN), amount: 1 }], { asOf: 0 }),
    ).toThrow("rfmSummary: transactions[0].purchasedAt must be a valid Date, got Invalid Date");
    expect(() =>
      rfmSummary([{ customerId: "", purchasedAt: new Date(0), amount: 1 }], { asOf: 0 }),
    ).toThrow('rfmSummary: transactions[0].customerId must be a non-empty string, got ""');
    expect(() =>
      rfmSummary(
        [{ customerId: "c", purchasedAt: new Date(0), amount: Number.POSITIVE_INFINITY }],
        {
          asOf: 0,
        },
      ),
    ).toThrow("rfmSummary: transactions[0].amount must be a finite number or null, got Infinity");
  });
});
