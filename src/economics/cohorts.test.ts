import { describe, expect, test } from "vitest";
import { masterTransactions } from "../../test/fixtures/cdnow/load.ts";
import { type CohortRow, purchaseCohorts, subscriptionCohorts } from "./cohorts.ts";
import type { Transaction } from "./rfm.ts";

const buy = (customerId: string, iso: string, amount: number | null = 10): Transaction => ({
  customerId,
  purchasedAt: new Date(iso),
  amount,
});
const cells = (rows: CohortRow[]) =>
  rows.map((row) => [row.cohort, row.periodsSince, row.customers, row.revenue]);

describe("purchaseCohorts", () => {
  test("reproduces an independent count of CDNOW's monthly cohorts", () => {
    // Python over CDNOW_master.txt (first-purchase month, then customers with a purchase and
    // dollars per month since): January 1997 7,846 customers, $299,060.17 in month 0;
    // month 1: 1,157 customers, $61,041.69; month 17 (June 1998): 498, $27,252.08.
    // February 8,476 (month 1: 1,312, $62,587.03); March 7,248 (month 15: 457, $21,509.67).
    const rows = purchaseCohorts(masterTransactions(), { asOf: "1998-06-30T00:00:00Z" });
    const find = (cohort: string, k: number) =>
      rows.find((row) => row.cohort === cohort && row.periodsSince === k) as CohortRow;
    expect(rows).toHaveLength(18 + 17 + 16);
    expect(find("1997-01", 0)).toMatchObject({
      cohortCustomers: 7846,
      customers: 7846,
      retention: 100,
    });
    expect(find("1997-01", 0).revenue).toBeCloseTo(299_060.17, 6);
    expect(find("1997-01", 1).customers).toBe(1157);
    expect(find("1997-01", 1).revenue).toBeCloseTo(61_041.69, 6);
    expect(find("1997-01", 17).customers).toBe(498);
    expect(find("1997-01", 17).revenue).toBeCloseTo(27_252.08, 6);
    expect(find("1997-02", 1)).toMatchObject({ cohortCustomers: 8476, customers: 1312 });
    expect(find("1997-03", 15)).toMatchObject({ cohortCustomers: 7248, customers: 457 });
    expect(find("1997-01", 1).retention).toBeCloseTo((100 * 1157) / 7846, 12);
    // June 1998 ends after the as-of instant (00:00 on 30 June): not complete
    expect(find("1997-01", 17).complete).toBe(false);
    expect(find("1997-01", 16).complete).toBe(true);
  });

  test("places purchases in the caller's zone", () => {
    // 23:30 UTC on 31 January is February in Berlin
    const log = [buy("a", "2024-01-10T12:00:00Z"), buy("a", "2024-01-31T23:30:00Z")];
    const asOf = "2024-02-15T00:00:00Z";
    expect(cells(purchaseCohorts(log, { asOf }))).toEqual([
      ["2024-01", 0, 1, 20],
      ["2024-01", 1, 0, 0],
    ]);
    expect(cells(purchaseCohorts(log, { asOf, timeZone: "Europe/Berlin" }))).toEqual([
      ["2024-01", 0, 1, 10],
      ["2024-01", 1, 1, 10],
    ]);
  });

  test("puts a customer in its sign-up cohort, counting it even with no purchase", () => {
    const rows = purchaseCohorts([buy("a", "2024-02-10T00:00:00Z")], {
      asOf: "2024-02-20T00:00:00Z",
      signups: [
        { customerId: "a", signedUpAt: new Date("2024-01-20T00:00:00Z") },
        { customerId: "b", signedUpAt: new Date("2024-01-25T00:00:00Z") },
      ],
    });
    expect(
      rows.map((row) => [row.periodsSince, row.cohortCustomers, row.customers, row.retention]),
    ).toEqual([
      [0, 2, 0, 0],
      [1, 2, 1, 50],
    ]);
    // no revenue in the sign-up month: revenue retention has no base
    expect(rows[1]?.revenueRetention).toBeNull();
  });

  test("gives a triangle per segment, and unknown revenue as null", () => {
    const rows = purchaseCohorts(
      [
        buy("a", "2024-01-05T00:00:00Z", 10),
        buy("b", "2024-01-06T00:00:00Z", null),
        buy("c", "2024-01-07T00:00:00Z", 5),
      ],
      { asOf: "2024-01-31T00:00:00Z", segmentOf: (id) => (id === "a" ? "pro" : "free") },
    );
    expect(rows.map((row) => [row.segment, row.customers, row.revenue])).toEqual([
      ["free", 2, null],
      ["pro", 1, 10],
    ]);
  });

  test("is empty for an empty log", () => {
    expect(purchaseCohorts([])).toEqual([]);
  });
});

describe("subscriptionCohorts", () => {
  const change = (customerId: string, iso: string, mrr: number | null) => ({
    customerId,
    at: new Date(iso),
    mrr,
  });

  test("counts customers paying at each period's end, with their MRR", () => {
    // a pays 50 from January; b 30 from mid-January, 60 from February, cancels in March
    // January: 80 (a + b); February: 110; March: 50 → revenue retention 137.5 %, 62.5 %
    const rows = subscriptionCohorts(
      [
        change("a", "2024-01-03T00:00:00Z", 50),
        change("b", "2024-01-15T00:00:00Z", 30),
        change("b", "2024-02-10T00:00:00Z", 60),
        change("b", "2024-03-05T00:00:00Z", 0),
        change("z", "2024-02-01T00:00:00Z", 0),
      ],
      { asOf: "2024-04-01T00:00:00Z" },
    );
    // z never paid: in no cohort
    expect(
      rows.map((row) => [
        row.cohort,
        row.periodsSince,
        row.customers,
        row.revenue,
        row.revenueRetention,
      ]),
    ).toEqual([
      ["2024-01", 0, 2, 80, 100],
      ["2024-01", 1, 2, 110, 137.5],
      ["2024-01", 2, 1, 50, 62.5],
      ["2024-01", 3, 1, 50, 62.5],
    ]);
    expect(rows.every((row) => row.cohortCustomers === 2)).toBe(true);
  });

  test("an unknown amount makes the period's revenue unknown", () => {
    const rows = subscriptionCohorts(
      [change("a", "2024-01-03T00:00:00Z", 50), change("a", "2024-02-03T00:00:00Z", null)],
      { asOf: "2024-02-28T00:00:00Z" },
    );
    expect(rows.map((row) => row.revenue)).toEqual([50, null]);
  });

  test("rejects an invalid instant, naming the record", () => {
    expect(() => subscriptionCohorts([change("a", "nonsense", 5)])).toThrow(
      "subscriptionCohorts: changes[0].at must be a valid Date, got Invalid Date",
    );
  });
});
