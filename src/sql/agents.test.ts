/**
 * Handoffs and transfer rate in SQL (agents.ts, nested.ts) on real DuckDB: the assignment
 * history loaded as a LIST of STRUCTs, against hand-computed values and the in-memory
 * rollup; what cannot compile is refused with its reason.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rollup } from "../aggregate/rollup.ts";
import { createRecordTable, duckdbRollup, openDuckDB } from "../duckdb/index.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { ticketSchema } from "../schemas/ticket.ts";
import { compileRollup, SqlRefusedError, sqlSupport } from "./compile.ts";
import { BIGQUERY } from "./warehouses/bigquery.ts";

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
});
afterAll(() => connection.closeSync());

const handoffs = findMetric("handoffs") as MetricDefinition;
const transfer = findMetric("transfer-rate") as MetricDefinition;
const schema = ticketSchema();
const at = (minutes: number) => new Date(Date.UTC(2024, 2, 1, 9, minutes)).toISOString();
const history = (...ids: (string | null)[]) =>
  ids.map((assigneeId, i) => ({ at: at(i + 1), assigneeId }));

// March (UTC): agents per ticket a: {x} 1; b: {x, y} 2 (x again later); c: {x, y, z} 3 (the
// current assignee z is not in the history); d: none, only "unassigned" → neverAssigned;
// e: no history → unknownAssignments (its assignee does not make it known); f: a merged
// source. April: g: {y} 1 (an empty history, the assignee alone).
const tickets = [
  { id: "a", createdAt: at(0), assignments: history("x") },
  { id: "b", createdAt: at(0), assignments: history("x", "y", "x") },
  { id: "c", createdAt: at(0), assigneeId: "z", assignments: history("x", null, "y") },
  { id: "d", createdAt: at(0), assignments: history(null) },
  { id: "e", createdAt: at(0), assigneeId: "x" },
  { id: "f", createdAt: at(0), tags: ["closed_by_merge"], assignments: history("x", "y") },
  { id: "g", createdAt: "2024-04-02T00:00:00Z", assigneeId: "y", assignments: [] },
].map((ticket) => schema.parse(ticket));

/** Both metrics by month on DuckDB, and the in-memory rollup's rows of the same. */
async function both(records: readonly object[], options: object = {}) {
  const columns = await createRecordTable(connection, "records", "tickets", records);
  const metrics = {
    handoffs: { metric: handoffs, options },
    transfer: { metric: transfer, options },
  };
  const sql = await duckdbRollup(connection, {
    relation: { name: "records", columns },
    metrics,
    by: { period: "month" },
  });
  const memory = rollup(
    records as Record<string, unknown>[],
    {
      by: { period: "month" },
      metrics: {
        handoffs: handoffs.reducer(options as never),
        transfer: transfer.reducer(options as never),
      },
    } as never,
  );
  return { sql: JSON.parse(JSON.stringify(sql)), memory: JSON.parse(JSON.stringify(memory)) };
}

describe("handoffs and transfer rate on DuckDB", () => {
  test("hand-computed: distinct agents of the history and the assignee", async () => {
    const { sql, memory } = await both(tickets);
    // March: handoffs 0 + 1 + 2 = 3 over a, b, c: mean 1, distribution [1, 1, 1];
    // transferred b and c: 2 / 3 = 66.67 %. April: g alone, 0 handoffs, not transferred.
    expect(sql.map((row: { handoffs: unknown }) => row.handoffs)).toEqual([
      {
        value: 1,
        sum: 3,
        n: 3,
        distribution: [1, 1, 1],
        excluded: {
          unknownAssignments: 1,
          unknownReplies: 0,
          unknownReplier: 0,
          neverAssigned: 1,
          mergedSource: 1,
        },
      },
      {
        value: 0,
        sum: 0,
        n: 1,
        distribution: [1],
        excluded: { unknownAssignments: 0, unknownReplies: 0, unknownReplier: 0, neverAssigned: 0 },
      },
    ]);
    expect(sql[0].transfer.value).toBeCloseTo((2 / 3) * 100, 12);
    expect([sql[0].transfer.numerator, sql[0].transfer.denominator]).toEqual([2, 3]);
    expect(sql).toEqual(memory);
  });

  test("a data set without any history: every ticket unknown, no column needed", async () => {
    const bare = tickets.map(({ assignments: _left, ...ticket }) => ({
      ...ticket,
      assignments: null,
    }));
    const { sql, memory } = await both(bare);
    // a-e and g unknown (6), f a merged source; no ticket counted: value null.
    expect(sql[0].handoffs.value).toBeNull();
    expect(sql[0].handoffs.excluded.unknownAssignments).toBe(5);
    expect(sql).toEqual(memory);
  });

  test("the interval of the mean reads the distribution; the rate's its counts", async () => {
    const { sql, memory } = await both(tickets, { interval: { level: 0.9 } });
    expect(sql[0].handoffs.interval).toEqual(memory[0].handoffs.interval);
    expect(sql[0].transfer.interval).toEqual(memory[0].transfer.interval);
    expect(sql).toEqual(memory);
  });

  test("a distribution past any fixed list: a ticket passed between 40 agents", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `agent${i}`);
    const long = [schema.parse({ id: "l", createdAt: at(0), assignments: history(...ids) })];
    const { sql, memory } = await both(long);
    // 40 agents: 39 handoffs, the distribution's 40th entry.
    expect(sql[0].handoffs.distribution.length).toBe(40);
    expect(sql[0].handoffs.distribution[39]).toBe(1);
    expect(sql).toEqual(memory);
  });
});

describe("what does not compile is refused with its reason", () => {
  test("agents from replies read the messages", () => {
    const columns = ["createdAt", "assignments", "messages"];
    for (const metric of [handoffs, transfer])
      expect(sqlSupport("m", metric, { from: "replies" }, columns).reason).toBe(
        'from: "replies" reads messages, which SQL does not hold',
      );
  });

  test("a dialect without nested arrays refuses, naming itself", () => {
    const { distinctMembers: _left, ...words } = BIGQUERY;
    const dialect = { ...words, noNested: "no reason" };
    const compile = () =>
      compileRollup({
        relation: { name: "t", columns: ["createdAt", "assignments"] },
        metrics: { handoffs: { metric: handoffs } },
        dialect,
      });
    expect(compile).toThrow(SqlRefusedError);
    expect(compile).toThrow(
      "reads a nested array of records, which the bigquery dialect does not read (no reason)",
    );
  });
});
