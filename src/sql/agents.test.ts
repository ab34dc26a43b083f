/**
 * Handoffs and transfer rate in SQL (agents.ts, nested.ts) on real DuckDB and PostgreSQL: the
 * assignment history and the messages loaded as LISTs of STRUCTs and as jsonb, from
 * assignments and from replies, against hand-computed values
 * and the in-memory rollup; what cannot compile is refused with its reason.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectedPostgres } from "../../test/postgres/connected.ts";
import { postgresAvailable } from "../../test/postgres/server.ts";
import { rollup } from "../aggregate/rollup.ts";
import { createRecordTable, duckdbRollup, openDuckDB } from "../duckdb/index.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import * as postgres from "../postgres/index.ts";
import { ticketSchema } from "../schemas/ticket.ts";
import { compileRollup, SqlRefusedError, sqlSupport } from "./compile.ts";
import { BIGQUERY } from "./warehouses/bigquery.ts";
import { SNOWFLAKE } from "./warehouses/snowflake.ts";
import { SPARK } from "./warehouses/spark.ts";
import { TRINO } from "./warehouses/trino.ts";

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

type Run = (records: readonly object[], metrics: object) => Promise<Record<string, unknown>[]>;

/** Both metrics by month on an engine, and the in-memory rollup's rows of the same. */
async function both(run: Run, records: readonly object[], options: object = {}) {
  const metrics = {
    handoffs: { metric: handoffs, options },
    transfer: { metric: transfer, options },
  };
  const sql = await run(records, metrics);
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

const onDuckDB: Run = async (records, metrics) => {
  const columns = await createRecordTable(connection, "records", "tickets", records);
  return duckdbRollup(connection, {
    relation: { name: "records", columns },
    metrics: metrics as never,
    by: { period: "month" },
  });
};

/** The same tests on each engine. */
function agentProperties(engine: () => Run) {
  test("hand-computed: distinct agents of the history and the assignee", async () => {
    const { sql, memory } = await both(engine(), tickets);
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
    expect(sql[1].transfer).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(sql).toEqual(memory);
  });

  test("a data set without any history: every ticket unknown, no column needed", async () => {
    const bare = tickets.map((ticket) => ({ ...ticket, assignments: null }));
    const { sql, memory } = await both(engine(), bare);
    // March: a-e unknown (5), f a merged source; no ticket counted: value null.
    expect(sql[0].handoffs.value).toBeNull();
    expect(sql[0].handoffs.excluded.unknownAssignments).toBe(5);
    expect(sql[0].transfer.value).toBeNull();
    expect(sql).toEqual(memory);
  });

  test("the interval of the mean reads the distribution; the rate's its counts", async () => {
    const { sql, memory } = await both(engine(), tickets, { interval: { level: 0.9 } });
    expect(sql[0].handoffs.interval).toEqual(memory[0].handoffs.interval);
    expect(sql[0].handoffs.interval.lower).toBeLessThan(1);
    expect(sql[0].transfer.interval).toEqual(memory[0].transfer.interval);
    expect(sql).toEqual(memory);
  });

  test("hand-computed: agents from replies, the public human agent replies' authors", async () => {
    const message = (authorRole: string, authorId: string | null, more = {}) => ({
      at: at(1),
      authorRole,
      authorId,
      ...more,
    });
    const replied = [
      // p: x, y, x replied; an internal note by z and an automated reply by w do not count:
      // 2 agents, 1 handoff, transferred.
      {
        id: "p",
        messages: [
          message("customer", "c"),
          message("agent", "x"),
          message("agent", "y"),
          message("agent", "x"),
          message("agent", "z", { public: false }),
          message("agent", "w", { automated: true }),
        ],
      },
      // q: x alone (a bot's reply is no agent's): 1 agent, 0 handoffs.
      { id: "q", messages: [message("agent", "x"), message("bot", "b")] },
      // r: an agent reply without an author: unknownReplier.
      { id: "r", messages: [message("agent", "x"), message("agent", null)] },
      // s: only a customer: neverAssigned; t: no messages: unknownReplies.
      { id: "s", messages: [message("customer", "c")] },
      { id: "t", messages: null },
    ].map((ticket) => schema.parse({ createdAt: at(0), ...ticket }));
    const { sql, memory } = await both(engine(), replied, { from: "replies" });
    // Handoffs (1 + 0) / 2 = 0.5, distribution [1, 1]; transferred p alone: 1 / 2 = 50 %.
    expect(sql[0].handoffs).toEqual({
      value: 0.5,
      sum: 1,
      n: 2,
      distribution: [1, 1],
      excluded: {
        unknownAssignments: 0,
        unknownReplies: 1,
        unknownReplier: 1,
        neverAssigned: 1,
      },
    });
    expect(sql[0].transfer).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(sql).toEqual(memory);
  });

  test("a distribution past any fixed list: a ticket passed between 40 agents", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `agent${i}`);
    const long = [schema.parse({ id: "l", createdAt: at(0), assignments: history(...ids) })];
    const { sql, memory } = await both(engine(), long);
    // 40 agents: 39 handoffs, the distribution's 40th entry.
    expect(sql[0].handoffs.distribution.length).toBe(40);
    expect(sql[0].handoffs.distribution[39]).toBe(1);
    expect(sql).toEqual(memory);
  });
}

describe("handoffs and transfer rate on DuckDB", () => {
  agentProperties(() => onDuckDB);

  test("the history is a LIST of STRUCTs, NULL where not given (not an empty list)", async () => {
    await createRecordTable(connection, "records", "tickets", tickets);
    const reader = await connection.runAndReadAll(
      `SELECT "id", "assignments" IS NULL AS "unknown", len("assignments") AS "n", typeof("assignments") AS "type" FROM "records" ORDER BY "id"`,
    );
    const rows = reader.getRowObjectsJS().map((row) => [row.id, row.unknown, row.n]);
    expect(rows).toEqual([
      ["a", false, 1n],
      ["b", false, 3n],
      ["c", false, 3n],
      ["d", false, 1n],
      ["e", true, null],
      ["f", false, 2n],
      ["g", false, 0n],
    ]);
    expect(reader.getRowObjectsJS()[0]?.type).toBe(
      'STRUCT("at" TIMESTAMP WITH TIME ZONE, assigneeId VARCHAR)[]',
    );
  });
});

describe.skipIf(!postgresAvailable())("handoffs and transfer rate on PostgreSQL", () => {
  const db = connectedPostgres();
  const onPostgres: Run = async (records, metrics) => {
    const columns = await postgres.createRecordTable(db.client, "records", "tickets", records);
    return postgres.postgresRollup(db.client, {
      relation: { name: "records", columns },
      metrics: metrics as never,
      by: { period: "month" },
    });
  };
  agentProperties(() => onPostgres);

  test("the history is jsonb, NULL where not given; a json or text column reads alike", async () => {
    const columns = await postgres.createRecordTable(db.client, "records", "tickets", tickets);
    const types = await db.client.query(
      `SELECT DISTINCT pg_typeof("assignments")::text AS "type", "assignments" IS NULL AS "unknown" FROM "records" ORDER BY 2`,
    );
    expect(types.rows).toEqual([
      { type: "jsonb", unknown: false },
      { type: "jsonb", unknown: true },
    ]);
    // The same records with the history as text (JSON in a cell): the same rows.
    await db.client.query(
      `CREATE TEMPORARY VIEW "as_text" AS SELECT ${columns.map((c) => (c === "assignments" ? `CAST("assignments" AS text) AS "assignments"` : `"${c}"`)).join(", ")} FROM "records"`,
    );
    const metrics = { handoffs: { metric: handoffs }, transfer: { metric: transfer } };
    const read = (name: string) =>
      postgres.postgresRollup(db.client, {
        relation: { name, columns },
        metrics,
        by: { period: "month" },
      });
    expect(await read("as_text")).toEqual(await read("records"));
  });
});

describe("what does not compile is refused with its reason", () => {
  test("agents from replies read the messages, which the warehouses do not", () => {
    const columns = ["createdAt", "assignments", "messages"];
    expect(sqlSupport("m", handoffs, { from: "replies" }, columns).reason).toBeUndefined();
    expect(() =>
      compileRollup({
        relation: { name: "t", columns },
        metrics: { handoffs: { metric: handoffs, options: { from: "replies" } } },
        dialect: TRINO,
      }),
    ).toThrow("reads a ticket's messages (a nested array of records), which the trino dialect");
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

  test("Snowflake refuses, with the reason from its documentation", () => {
    expect(() =>
      compileRollup({
        relation: { name: "t", columns: ["createdAt", "assignments", "assigneeId"] },
        metrics: { transfer: { metric: transfer } },
        dialect: SNOWFLAKE,
      }),
    ).toThrow(/which the snowflake dialect does not read \(.*WHERE clauses only/);
  });
});

describe("the warehouses write the nested words in their own terms", () => {
  const compiled = (dialect: typeof TRINO) =>
    compileRollup({
      relation: { name: "t", columns: ["createdAt", "assignments", "assigneeId", "tags"] },
      metrics: { handoffs: { metric: handoffs }, transfer: { metric: transfer } },
      by: { period: "month" },
      dialect,
    });

  test("Trino: ARRAY(ROW) read by transform and filter, every number by array_agg", () => {
    const { sql, parameters } = compiled(TRINO);
    expect(sql).toContain(
      'cardinality(array_distinct(filter(concat(transform("assignments", e -> e."assigneeId"), ARRAY["assigneeId"]), v -> v IS NOT NULL)))',
    );
    expect(sql).toContain("array_agg(CAST(");
    // Positional markers: one value per marker.
    expect(sql.split("?").length - 1).toBe(parameters.length);
  });

  test("Spark: ARRAY<STRUCT> read by transform and filter, NULL for a NULL list", () => {
    const { sql } = compiled(SPARK);
    expect(sql).toContain(
      "CASE WHEN `assignments` IS NULL THEN NULL ELSE size(array_distinct(filter(concat(transform(`assignments`, e -> e.`assigneeId`), array(`assigneeId`)), v -> v IS NOT NULL))) END",
    );
    expect(sql).toContain("collect_list(CAST(");
  });

  test("BigQuery: ARRAY<STRUCT> read by UNNEST in a subquery, no FILTER clause", () => {
    const { sql } = compiled(BIGQUERY);
    expect(sql).toContain(
      "IF(`assignments` IS NULL, NULL, (SELECT COUNT(DISTINCT v) FROM (SELECT e.`assigneeId` AS v FROM UNNEST(`assignments`) AS e UNION ALL SELECT CAST(`assigneeId` AS STRING))))",
    );
    expect(sql).toContain("IGNORE NULLS)");
    expect(sql).not.toContain("FILTER (WHERE");
  });
});
