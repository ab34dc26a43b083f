/**
 * Customer churn and retention in SQL on real DuckDB: by month across London's spring-forward
 * (March ends at 23:00 UTC), with customers starting and ending exactly on a month's edges,
 * against hand-computed counts and the in-memory rollup; over a window when not by period;
 * and what the compiler refuses (no window, no range, the metrics that read MRR changes).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { refusalReasons } from "../../test/sqlParity.ts";
import { rollup } from "../aggregate/rollup.ts";
import { createRecordTable, duckdbRollup, openDuckDB } from "../duckdb/index.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { customerSchema } from "../schemas/customer.ts";
import { MRR_REFUSAL } from "./customerStock.ts";

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
});
afterAll(() => connection.closeSync());

const churn = findMetric("churn") as MetricDefinition;
const retention = findMetric("retention") as MetricDefinition;

// London by month: March 2024 is [03-01T00:00Z, 03-31T23:00Z) (the clocks go forward on the
// 31st), April [03-31T23:00Z, 04-30T23:00Z).
const raw = [
  // a: a customer all along
  { id: "a", startedAt: "2024-01-01T00:00:00Z", segment: "pro" },
  // b: lost exactly at March's end: present at March's end, lost in April
  { id: "b", startedAt: "2024-01-15T00:00:00Z", endedAt: "2024-03-31T23:00:00Z" },
  // c: started exactly at March's start (new in March), lost in March: a new churner
  { id: "c", startedAt: "2024-03-01T00:00:00Z", endedAt: "2024-03-20T00:00:00Z", segment: "pro" },
  // d: started a millisecond before March's end: new in March, at April's start
  { id: "d", startedAt: "2024-03-31T22:59:59.999Z" },
  // e: started exactly at April's start: new in April only
  { id: "e", startedAt: "2024-03-31T23:00:00Z", segment: "pro" },
  // f: came and went in February: reaches neither month
  { id: "f", startedAt: "2024-02-01T00:00:00Z", endedAt: "2024-02-29T23:59:59Z" },
  // g: lost exactly at March's start: at March's start, lost in March
  { id: "g", startedAt: "2024-02-10T00:00:00Z", endedAt: "2024-03-01T00:00:00Z" },
];
const customers = raw.map((customer) => customerSchema().parse(customer));

const byMonth = {
  by: { period: "month" as const },
  timeZone: "Europe/London",
  range: { start: "2024-03-01", end: "2024-05-01" },
};

/** The counts and value of a customer rate, as a tuple. */
function countsOf(result: unknown) {
  const { start, new: fresh, lost, end, newChurners, value } = result as Record<string, number>;
  return [start, fresh, lost, end, newChurners, value];
}

describe("churn and retention in SQL", () => {
  test("by month across a DST change, with customers on the months' edges", async () => {
    const columns = await createRecordTable(connection, "customers", "customers", customers);
    const metrics = {
      churn: { metric: churn },
      retention: { metric: retention, options: { includeNewChurners: false } },
    };
    const rows = await duckdbRollup(connection, {
      ...byMonth,
      relation: { name: "customers", columns },
      metrics,
    });
    expect(
      rows.map((row) => [
        (row.period as { label: string }).label,
        countsOf(row.churn),
        countsOf(row.retention),
      ]),
    ).toEqual([
      // March: start a, b, g = 3; new c, d = 2; lost c, g = 2; end a, b, d = 3; c came and
      // went. Churn 100 × 2 / 3; retention without c: new 1, so 100 × (3 − 1) / 3.
      ["2024-03", [3, 2, 2, 3, 1, (100 * 2) / 3], [3, 1, 1, 3, 1, (100 * 2) / 3]],
      // April: start a, b, d = 3; new e = 1; lost b = 1; end a, d, e = 3. Churn 100 × 1 / 3;
      // retention 100 × (3 − 1) / 3.
      ["2024-04", [3, 1, 1, 3, 0, 100 / 3], [3, 1, 1, 3, 0, (100 * 2) / 3]],
    ]);
    const expected = rollup(customers, {
      ...byMonth,
      metrics: {
        churn: churn.reducer({}),
        retention: retention.reducer({ includeNewChurners: false }),
      },
    });
    expect(JSON.parse(JSON.stringify(rows))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test("over the metric's window when not by period, by segment, with an interval", async () => {
    const columns = await createRecordTable(connection, "customers", "customers", customers);
    const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
    const options = { window, interval: true };
    const rows = await duckdbRollup(connection, {
      relation: { name: "customers", columns },
      metrics: { churn: { metric: churn, options }, retention: { metric: retention, options } },
    });
    // [03-01, 04-01) UTC: start a, b, g = 3; new c, d, e = 3; lost b (at 23:00 on the 31st),
    // c, g = 3; end a, d, e = 3. Churn 100 × 3 / 3 = 100; retention 100 × (3 − 3) / 3 = 0.
    expect([countsOf(rows[0]?.churn), countsOf(rows[0]?.retention)]).toEqual([
      [3, 3, 3, 3, 1, 100],
      [3, 3, 3, 3, 1, 0],
    ]);
    const bySegment = await duckdbRollup(connection, {
      relation: { name: "customers", columns },
      by: { segment: "segment" },
      metrics: { churn: { metric: churn, options } },
    });
    // pro: a (start, end), c (new, lost), e (new, end): 100 × 1 / 1; no segment: b, g at the
    // start and lost, d new: 100 × 2 / 2.
    expect(bySegment.map((row) => [row.segment, countsOf(row.churn)])).toEqual([
      ["pro", [1, 2, 1, 2, 1, 100]],
      [null, [2, 1, 2, 1, 0, 100]],
    ]);
    for (const [given, by] of [
      [rows, {}],
      [bySegment, { segment: (customer: { segment: string | null }) => customer.segment }],
    ] as const) {
      const metrics =
        given === rows
          ? { churn: churn.reducer(options), retention: retention.reducer(options) }
          : { churn: churn.reducer(options) };
      const expected = rollup(customers, { by, metrics });
      expect(JSON.parse(JSON.stringify(given))).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  });

  test("is refused without a window or a range, and where a metric reads MRR changes", () => {
    const relation = { name: "customers", columns: ["id", "startedAt", "endedAt", "mrr"] };
    const metric = (name: string, options?: object) => ({
      metric: findMetric(name) as MetricDefinition,
      ...(options ? { options } : {}),
    });
    expect([
      refusalReasons({ relation, metrics: { churn: metric("churn") } }),
      refusalReasons({
        relation,
        metrics: { retention: metric("retention") },
        by: { period: "month" },
      }),
      refusalReasons({ relation, metrics: { clv: metric("margin-clv", { grossMargin: 0.8 }) } }),
      refusalReasons({ relation, metrics: { cac: metric("cac-payback", { grossMargin: 0.8 }) } }),
      refusalReasons({
        relation,
        metrics: { churn: metric("churn", { window: { start: 0, end: 1 } }) },
      }),
    ]).toEqual([
      ["a stock is measured over a window: give it one (window) or group by period"],
      [
        "a stock by period is measured at the end of each period of the range, and needs one (range)",
      ],
      [MRR_REFUSAL],
      [MRR_REFUSAL],
      [],
    ]);
  });
});
