/**
 * A metric counted at several instants in SQL (events.ts) on real DuckDB: resolution rate's
 * flow form, a ticket counted where it was created and where it was resolved, against
 * hand-computed values and the in-memory rollup; by month, with a range, not by period in the
 * metric's own window, and placed by creation.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rollup } from "../aggregate/rollup.ts";
import { createRecordTable, duckdbRollup, openDuckDB } from "../duckdb/index.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { ticketSchema } from "../schemas/ticket.ts";
import { type SqlRollupOptions, sqlSupport } from "./compile.ts";

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
});
afterAll(() => connection.closeSync());

const rate = findMetric("resolution-rate") as MetricDefinition;
const schema = ticketSchema();
const tickets = [
  // created in March, resolved in April: counted in both months
  { id: "a", createdAt: "2024-03-31T10:00:00Z", firstResolvedAt: "2024-04-02T00:00:00Z" },
  // created in April, still open
  { id: "b", createdAt: "2024-04-05T10:00:00Z" },
  // created and resolved in April: counted once there
  { id: "c", createdAt: "2024-04-05T10:00:00Z", firstResolvedAt: "2024-04-06T00:00:00Z" },
  // created and resolved in February
  { id: "d", createdAt: "2024-02-10T00:00:00Z", firstResolvedAt: "2024-02-11T00:00:00Z" },
].map((ticket) => schema.parse({ reopenCount: 0, ...ticket }));

type Rollup = Omit<SqlRollupOptions, "relation" | "metrics">;

/** The rate's value, numerator and denominator per row, on DuckDB and in memory. */
async function both(layout: Rollup, options: object = {}) {
  const columns = await createRecordTable(connection, "records", "tickets", tickets);
  const show = (rows: Record<string, unknown>[]) =>
    rows.map((row) => {
      const r = row.rate as { value: number | null; numerator: number; denominator: number };
      const period = row.period as { label: string } | null | undefined;
      return [period?.label ?? null, r.value, r.numerator, r.denominator];
    });
  const sql = await duckdbRollup(connection, {
    ...layout,
    relation: { name: "records", columns },
    metrics: { rate: { metric: rate, options } },
  });
  const memory = rollup(tickets, {
    ...(layout as object),
    metrics: { rate: rate.reducer(options as never) },
  } as never) as Record<string, unknown>[];
  return { sql: show(sql), memory: show(memory) };
}

describe("resolution rate's flow form, counted at creation and at resolution", () => {
  test("by month: a ticket counts in its creation's month and in its resolution's", async () => {
    // February: d created and resolved → 1/1. March: a created, nothing resolved → 0/1.
    // April: b and c created, a and c resolved → 2/2 (c once, though both its instants
    // fall in April).
    const expected = [
      ["2024-02", 100, 1, 1],
      ["2024-03", 0, 0, 1],
      ["2024-04", 100, 2, 2],
    ];
    const { sql, memory } = await both({ by: { period: "month" }, timeZone: "UTC" });
    expect(sql).toEqual(expected);
    expect(memory).toEqual(expected);
  });

  test("with a range, a ticket counts in the periods of it its instants fall in", async () => {
    // April only: a (created in March) still counts as resolved in April → 2/2.
    const layout: Rollup = {
      by: { period: "month" },
      timeZone: "UTC",
      range: { start: "2024-04-01", end: "2024-05-01" },
    };
    const { sql, memory } = await both(layout);
    expect(sql).toEqual([["2024-04", 100, 2, 2]]);
    expect(memory).toEqual(sql);
  });

  test("not by period: once, in the metric's own window", async () => {
    // Window 1–6 April: a resolved in it (created before), b and c created in it; c's
    // resolution at 6 April 00:00 is the window's end, outside → 1 resolved / 2 created;
    // d is outside the window altogether.
    const window = { start: "2024-04-01T00:00:00Z", end: "2024-04-06T00:00:00Z" };
    const { sql, memory } = await both({ timeZone: "UTC" }, { window });
    expect(sql).toEqual([[null, 50, 1, 2]]);
    expect(memory).toEqual(sql);
  });

  test("placed by creation: every resolution counts in the creation's month", async () => {
    // February: d 1/1; March: a created, resolved (in April) → 1/1; April: b open, c → 1/2.
    const layout: Rollup = { by: { period: "month" }, timeZone: "UTC", placeBy: "created" };
    const { sql, memory } = await both(layout);
    expect(sql).toEqual([
      ["2024-02", 100, 1, 1],
      ["2024-03", 100, 1, 1],
      ["2024-04", 50, 1, 2],
    ]);
    expect(memory).toEqual(sql);
  });

  test("resolves to a branch of its own, or to creation's with placeBy created", () => {
    const columns = ["createdAt", "firstResolvedAt"];
    const place = (options: object, placeBy?: "event" | "created") =>
      sqlSupport("rate", rate, options, columns, placeBy).resolved?.place;
    expect(place({})).toBe("\u0000events:rate");
    expect(place({}, "created")).toBe("createdAt");
    expect(place({ form: "cohort" })).toBe("createdAt");
  });
});
