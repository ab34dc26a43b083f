import { describe, expect, test } from "vitest";
import { runCli, scratchFolder } from "../../test/cli.ts";
import { triangle } from "./cohorts.ts";

const { write } = scratchFolder("cohorts");

// a and b first buy in January, c in February; c's last purchase is 23:30 UTC on 29
// February, which is 00:30 on 1 March in Berlin (UTC+1). Line 9 is not a date.
const PURCHASES = write(
  "purchases.csv",
  [
    "customerId,purchasedAt,amount",
    "a,2024-01-05T12:00:00Z,10",
    "b,2024-01-20T12:00:00Z,20",
    "a,2024-02-03T12:00:00Z,15",
    "c,2024-02-10T12:00:00Z,40",
    "c,2024-02-20T12:00:00Z,10",
    "c,2024-02-29T23:30:00Z,7",
    "b,2024-03-09T12:00:00Z,5",
    "x,notadate,3",
    "",
  ].join("\n"),
);

describe("support-metrics cohorts", () => {
  test("prints the triangles of customers and revenue, by month in UTC", async () => {
    const { code, stdout, stderr } = await runCli([
      "cohorts",
      PURCHASES,
      "--as-of",
      "2024-03-31T00:00:00Z",
    ]);
    expect(code).toBe(0);
    // January {a, b}: both in January (10 + 20 = 30), a in February (15), b in March (5).
    // February {c}: 40 + 10 + 7 = 57 in February, nothing in March.
    expect(stdout).toBe(
      [
        "customers by months since the cohort's",
        "",
        "cohort   size  0  1  2",
        "-------  ----  -  -  -",
        "2024-01     2  2  1  1",
        "2024-02     1  1  0  –",
        "",
        "revenue by months since the cohort's",
        "",
        "cohort   size   0   1  2",
        "-------  ----  --  --  -",
        "2024-01     2  30  15  5",
        "2024-02     1  57   0  –",
        "",
      ].join("\n"),
    );
    expect(stderr).toContain("8 rows read, 7 valid, 1 rejected");
    expect(stderr).toContain('line 9, column "purchasedAt"');
  });

  test("reads periods in the zone given: CSV, one line per cell", async () => {
    const { code, stdout } = await runCli([
      "cohorts",
      PURCHASES,
      "--tz",
      "Europe/Berlin",
      "--as-of",
      "2024-03-31T00:00:00Z",
      "--format",
      "csv",
      "-q",
    ]);
    expect(code).toBe(0);
    // In Berlin c's 7 falls in March: February 40 + 10 = 50, March 7 (14 % of 50). January's
    // March: 5 of 30 = 16.67 %. March has not ended at --as-of: complete false.
    expect(stdout.split("\r\n")).toEqual([
      "segment,cohort,periodsSince,period,cohortCustomers,customers,retention,revenue,revenueRetention,complete",
      ",2024-01,0,2024-01,2,2,100,30,100,true",
      ",2024-01,1,2024-02,2,1,50,15,50,true",
      `,2024-01,2,2024-03,2,1,50,5,${(100 * 5) / 30},false`,
      ",2024-02,0,2024-02,1,1,100,50,100,true",
      ",2024-02,1,2024-03,1,1,100,7,14,false",
      "",
    ]);
  });

  test("a subscription log, cohorts by the customers' start, one triangle per segment (JSON)", async () => {
    const changes = write(
      "changes.ndjson",
      [
        '{"customerId":"a","at":"2024-01-03T00:00:00Z","mrr":50}',
        '{"customerId":"b","at":"2024-01-15T00:00:00Z","mrr":30}',
        '{"customerId":"b","at":"2024-02-10T00:00:00Z","mrr":60}',
        '{"customerId":"b","at":"2024-03-05T00:00:00Z","mrr":0}',
        "",
      ].join("\n"),
    );
    const customers = write(
      "customers.ndjson",
      [
        '{"id":"a","startedAt":"2023-12-20T00:00:00Z","segment":"pro"}',
        '{"id":"b","startedAt":"2024-01-10T00:00:00Z","segment":"basic"}',
        "",
      ].join("\n"),
    );
    const { code, stdout } = await runCli([
      "cohorts",
      changes,
      "--customers",
      customers,
      "--segment",
      "--as-of",
      "2024-03-31T00:00:00Z",
      "--format",
      "json",
      "-q",
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.meta).toMatchObject({ kind: "subscriptions", period: "month", timeZone: "UTC" });
    expect(out.summary).toEqual({ read: 6, valid: 6, rejected: 0 });
    // Active = paying at the month's end. basic/2024-01 (b): 30, then 60, then cancelled.
    // pro/2023-12 (a signed up in December, first paid 3 January): 0, then 50 each month.
    expect(
      out.rows.map((r: Record<string, unknown>) => [
        r.segment,
        r.cohort,
        r.periodsSince,
        r.customers,
        r.revenue,
      ]),
    ).toEqual([
      ["basic", "2024-01", 0, 1, 30],
      ["basic", "2024-01", 1, 1, 60],
      ["basic", "2024-01", 2, 0, 0],
      ["pro", "2023-12", 0, 0, 0],
      ["pro", "2023-12", 1, 1, 50],
      ["pro", "2023-12", 2, 1, 50],
      ["pro", "2023-12", 3, 1, 50],
    ]);
  });

  test("usage mistakes exit 1 before reading; rejected rows under --strict exit 2", async () => {
    const period = await runCli(["cohorts", PURCHASES, "--period", "fortnight"]);
    expect([period.code, period.stderr]).toEqual([
      1,
      expect.stringContaining(
        '--period must be one of day, week, isoWeek, month, quarter, year, got "fortnight"',
      ),
    ]);
    const segment = await runCli(["cohorts", PURCHASES, "--segment"]);
    expect(segment.code).toBe(1);
    expect(segment.stderr).toContain("--segment reads each customer's segment from --customers");
    const measure = await runCli(["cohorts", PURCHASES, "--measures", "profit"]);
    expect(measure.stderr).toContain(
      '--measures must be among customers, retention, revenue, revenueRetention, got "profit"',
    );
    const kind = await runCli(["cohorts", PURCHASES, "--kind", "tickets"]);
    expect(kind.stderr).toContain('--kind must be one of purchases, subscriptions, got "tickets"');
    const strict = await runCli(["cohorts", PURCHASES, "--strict", "-q"]);
    expect([strict.code, strict.stdout]).toEqual([2, ""]);
  });
});

describe("triangle", () => {
  test("one row per cohort, a column per period since, empty where the period is to come", () => {
    const row = (cohort: string, periodsSince: number, revenue: number | null) => ({
      segment: null,
      cohort,
      periodsSince,
      cohortCustomers: 3,
      customers: 1,
      retention: 100 / 3,
      revenue,
      revenueRetention: null,
    });
    expect(triangle([row("Q1", 0, 9), row("Q1", 1, null), row("Q2", 0, 4)], "revenue")).toEqual({
      columns: ["cohort", "size", "0", "1"],
      units: ["", "count", "money", "money"],
      rows: [
        ["Q1", 3, 9, null],
        ["Q2", 3, 4, null],
      ],
    });
  });
});
