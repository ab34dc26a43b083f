/**
 * Cost per ticket in SQL on real DuckDB, over one relation of tickets and support costs (the
 * stream the reducer reads, as a view of the two tables): by month in London, with a cost and
 * a resolution exactly at April's start (23:00 UTC on 31 March), an unresolved ticket, both
 * denominators and placement by creation, against hand-computed values and the in-memory
 * rollup.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type GroupBy, rollup } from "../aggregate/rollup.ts";
import { createRecordTable, duckdbRollup, openDuckDB } from "../duckdb/index.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { supportCostSchema } from "../schemas/customer.ts";
import { ticketSchema } from "../schemas/ticket.ts";

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
});
afterAll(() => connection.closeSync());

const costPerTicket = findMetric("cost-per-ticket") as MetricDefinition;

// London by month: March 2024 ends at 2024-03-31T23:00Z (the clocks went forward that day).
const costs = [
  { id: "k1", incurredAt: "2024-03-31T22:59:59.999Z", amount: 9000, channel: "email" },
  { id: "k2", incurredAt: "2024-03-31T23:00:00Z", amount: 1000.5, channel: "chat" },
  { id: "k3", incurredAt: "2024-03-15T00:00:00Z", amount: 1000, channel: "email" },
].map((cost) => supportCostSchema().parse(cost));
const tickets = [
  // resolved exactly at April's start
  {
    id: "t1",
    createdAt: "2024-03-10T00:00:00Z",
    firstResolvedAt: "2024-03-31T23:00:00Z",
    channel: "email",
  },
  // created exactly at April's start
  {
    id: "t2",
    createdAt: "2024-03-31T23:00:00Z",
    firstResolvedAt: "2024-04-02T00:00:00Z",
    channel: "chat",
  },
  { id: "t3", createdAt: "2024-03-05T00:00:00Z", firstResolvedAt: null, channel: "email" },
  {
    id: "t4",
    createdAt: "2024-03-05T00:00:00Z",
    firstResolvedAt: "2024-03-06T00:00:00Z",
    channel: "email",
  },
].map((ticket) => ticketSchema().parse(ticket));

/** Both tables, and one view of their rows by column name: the relation compiled over. */
async function costsAndTickets(): Promise<string[]> {
  const ticketColumns = await createRecordTable(connection, "t", "tickets", tickets);
  const costColumns = await createRecordTable(connection, "c", "supportCosts", costs);
  await connection.run(
    'CREATE OR REPLACE VIEW "records" AS SELECT * FROM "t" UNION ALL BY NAME SELECT * FROM "c"',
  );
  return [...new Set([...ticketColumns, ...costColumns])];
}

const byMonth = {
  by: { period: "month" as const },
  timeZone: "Europe/London",
};

/** Label, value, cost, cost entries, tickets and unresolved tickets of each row. */
function summary(rows: Record<string, unknown>[]) {
  return rows.map((row) => {
    const { value, cost, costEntries, tickets, excluded } = row.cost as Record<string, number> & {
      excluded: { unresolved: number };
    };
    const period = row.period as { label: string } | null;
    return [period?.label ?? null, value, cost, costEntries, tickets, excluded.unresolved];
  });
}

describe("cost per ticket in SQL", () => {
  test("each denominator, by event and by creation, as in memory", async () => {
    const columns = await costsAndTickets();
    const run = async (options: object, placeBy: "event" | "created") => {
      const rows = await duckdbRollup(connection, {
        ...byMonth,
        placeBy,
        relation: { name: "records", columns },
        metrics: { cost: { metric: costPerTicket, options } },
      });
      const expected = rollup([...tickets, ...costs], {
        ...byMonth,
        placeBy,
        metrics: { cost: costPerTicket.reducer(options) },
      });
      expect(JSON.parse(JSON.stringify(rows))).toEqual(JSON.parse(JSON.stringify(expected)));
      return summary(rows);
    };
    // Resolved: March costs k1 + k3 = 10000 over t4; April k2 = 1000.5 over t1 and t2
    // (500.25); t3 unresolved, in the null period.
    expect(await run({}, "event")).toEqual([
      ["2024-03", 10000, 10000, 2, 1, 0],
      ["2024-04", 500.25, 1000.5, 1, 2, 0],
      [null, null, 0, 0, 0, 1],
    ]);
    // Created: March 10000 over t1, t3, t4; April 1000.5 over t2.
    expect(await run({ denominator: "created" }, "event")).toEqual([
      ["2024-03", 10000 / 3, 10000, 2, 3, 0],
      ["2024-04", 1000.5, 1000.5, 1, 1, 0],
    ]);
    // Resolved, placed by creation: tickets where created (t3 left out in March), costs where
    // incurred: March 10000 over t1 and t4, April 1000.5 over t2.
    expect(await run({}, "created")).toEqual([
      ["2024-03", 5000, 10000, 2, 2, 1],
      ["2024-04", 1000.5, 1000.5, 1, 1, 0],
    ]);
  });

  test("by channel, and not by period, as in memory", async () => {
    const columns = await costsAndTickets();
    for (const by of [{ channel: "channel" }, {}]) {
      const rows = await duckdbRollup(connection, {
        by,
        relation: { name: "records", columns },
        metrics: { cost: { metric: costPerTicket } },
      });
      const expected = rollup([...tickets, ...costs] as Record<string, unknown>[], {
        by: by as GroupBy<Record<string, unknown>>,
        metrics: { cost: costPerTicket.reducer({}) },
      });
      expect(JSON.parse(JSON.stringify(rows))).toEqual(JSON.parse(JSON.stringify(expected)));
    }
    // Not by period: 11000.5 over t1, t2 and t4.
    const [whole] = await duckdbRollup(connection, {
      relation: { name: "records", columns },
      metrics: { cost: { metric: costPerTicket } },
    });
    expect(summary([{ ...whole, period: null }])).toEqual([[null, 11000.5 / 3, 11000.5, 3, 3, 1]]);
  });
});
