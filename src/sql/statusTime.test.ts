/**
 * Time in statuses and the wait times in SQL (statusTime.ts, nested.ts) on real DuckDB and
 * PostgreSQL: the status history loaded as a LIST of STRUCTs and as jsonb, against
 * hand-computed values and the in-memory rollup; business time and sketches are refused.
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
import { compileRollup, sqlSupport } from "./compile.ts";
import { BUSINESS_STAYS_REFUSAL } from "./statusTime.ts";
import { TRINO } from "./warehouses/trino.ts";

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
});
afterAll(() => connection.closeSync());

const metric = (name: string) => findMetric(name) as MetricDefinition;
const schema = ticketSchema();
const at = (time: string) => `2024-03-01T${time}:00Z`;
const changes = (...pairs: [string, string][]) =>
  pairs.map(([time, status]) => ({ at: at(time), status }));

// t1: new 09:00–09:30, pending 09:30–10:00, open 10:00–10:15, pending 10:15–11:00, solved at
//     11:00 (its only resolution), closed at 12:00 (after the end: clipped away).
// t2: open from its creation 09:00 (new for no time), onHold 09:20–09:50, solved 09:50 (first
//     resolution), open again 10:00–10:30, solved 10:30 (latest resolution).
// t3: resolved, no history: noStatusHistory. t4: an empty history: noStatusHistory too.
// t5: a history, never resolved: unresolved. t6: a merged source.
const tickets = [
  {
    id: "t1",
    createdAt: at("09:00"),
    statusChanges: changes(
      ["09:30", "pending"],
      ["10:00", "open"],
      ["10:15", "pending"],
      ["11:00", "solved"],
      ["12:00", "closed"],
    ),
  },
  {
    id: "t2",
    createdAt: at("09:00"),
    statusChanges: changes(
      ["09:00", "open"],
      ["09:20", "onHold"],
      ["09:50", "solved"],
      ["10:00", "open"],
      ["10:30", "solved"],
    ),
  },
  { id: "t3", createdAt: at("09:00"), firstResolvedAt: at("10:00"), lastResolvedAt: at("10:00") },
  { id: "t4", createdAt: at("09:00"), firstResolvedAt: at("10:00"), statusChanges: [] },
  { id: "t5", createdAt: at("09:00"), statusChanges: changes(["09:10", "open"]) },
  {
    id: "t6",
    createdAt: at("09:00"),
    tags: ["closed_by_merge"],
    statusChanges: changes(["09:10", "solved"]),
  },
].map((ticket) => schema.parse(ticket));

type Run = (records: readonly object[], metrics: object) => Promise<Record<string, unknown>[]>;

const METRICS = {
  requester: "requester-wait",
  agent: "agent-wait",
  onHold: "on-hold",
  pending: "status-time",
};

/** The four metrics on an engine (not by period), and the in-memory rollup's rows. */
async function both(run: Run, records: readonly object[], options: object = {}) {
  const optionsOf = (name: string) =>
    name === "pending" ? { ...options, statuses: ["pending"] } : options;
  const metrics = Object.fromEntries(
    Object.entries(METRICS).map(([name, id]) => [
      name,
      { metric: metric(id), options: optionsOf(name) },
    ]),
  );
  const sql = await run(records, metrics);
  const memory = rollup(
    records as Record<string, unknown>[],
    {
      metrics: Object.fromEntries(
        Object.entries(METRICS).map(([name, id]) => [
          name,
          metric(id).reducer(optionsOf(name) as never),
        ]),
      ),
    } as never,
  );
  return { sql: JSON.parse(JSON.stringify(sql)), memory: JSON.parse(JSON.stringify(memory)) };
}

function statusProperties(engine: () => Run) {
  test("hand-computed: the stays in the statuses up to the latest resolution", async () => {
    const { sql, memory } = await both(engine(), tickets);
    const row = sql[0];
    // requester (new, open, onHold): t1 1800 + 900 = 2700; t2 1200 + 1800 + 1800 = 4800.
    expect([row.requester.n, row.requester.sum, row.requester.mean]).toEqual([2, 7500, 3750]);
    // agent (pending): t1 1800 + 2700 = 4500; t2 0 (counted: it has a history).
    expect([row.agent.sum, row.agent.min, row.agent.max]).toEqual([4500, 0, 4500]);
    // on hold: t1 0, t2 1800.
    expect([row.onHold.sum, row.onHold.median]).toEqual([1800, 900]);
    expect(row.pending.sum).toBe(4500);
    expect(row.requester.excluded).toEqual({
      unresolved: 1,
      noStatusHistory: 2,
      noSchedule: 0,
      mergedSource: 1,
    });
    expect(sql).toEqual(memory);
  });

  test("up to the first resolution: changes after it are clipped", async () => {
    const { sql, memory } = await both(engine(), tickets, { resolution: "first" });
    // t2 ends at 09:50: open 1200 + onHold 1800 = 3000; t1 still 2700.
    expect(sql[0].requester.sum).toBe(5700);
    expect(sql).toEqual(memory);
  });

  test("a data set without any history: every resolved ticket has none", async () => {
    const bare = tickets.map((ticket) => ({ ...ticket, statusChanges: null }));
    const { sql, memory } = await both(engine(), bare);
    // t1-t4 resolved (the schema derived t1's and t2's resolutions), t5 unresolved.
    expect(sql[0].requester.value).toBeNull();
    expect(sql[0].requester.excluded.noStatusHistory).toBe(4);
    expect(sql).toEqual(memory);
  });
}

describe("time in statuses on DuckDB", () => {
  statusProperties(() => async (records, metrics) => {
    const columns = await createRecordTable(connection, "records", "tickets", records);
    return duckdbRollup(connection, {
      relation: { name: "records", columns },
      metrics: metrics as never,
    });
  });
});

describe.skipIf(!postgresAvailable())("time in statuses on PostgreSQL", () => {
  const db = connectedPostgres();
  statusProperties(() => async (records, metrics) => {
    const columns = await postgres.createRecordTable(db.client, "records", "tickets", records);
    return postgres.postgresRollup(db.client, {
      relation: { name: "records", columns },
      metrics: metrics as never,
    });
  });
});

describe("what does not compile is refused with its reason", () => {
  const columns = ["createdAt", "lastResolvedAt", "statusChanges"];
  test("business time over the stays, and sketched percentiles", () => {
    const schedule = { timeZone: "UTC", weekly: { monday: [{ start: "09:00", end: "17:00" }] } };
    expect(sqlSupport("w", metric("requester-wait"), { schedule }, columns).reason).toBe(
      BUSINESS_STAYS_REFUSAL,
    );
    expect(
      sqlSupport("w", metric("on-hold"), { percentiles: { sketch: "ddsketch" } }, columns).reason,
    ).toMatch(/DDSketch/);
  });

  test("a warehouse without the status words refuses, naming what it cannot read", () => {
    expect(() =>
      compileRollup({
        relation: { name: "t", columns },
        metrics: { wait: { metric: metric("agent-wait") } },
        dialect: TRINO,
      }),
    ).toThrow(
      "reads a status history (a nested array of records), which the trino dialect does not read",
    );
  });
});
