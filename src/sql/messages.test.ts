/**
 * A ticket's messages in SQL (nested.ts `firstMessageAt`) on real DuckDB and PostgreSQL: the
 * messages loaded as a LIST of STRUCTs and as jsonb, first response time counting automated
 * and bot replies read from them, against hand-computed values and the in-memory rollup; a
 * warehouse without the words and sketches are refused.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectedPostgres } from "../../test/postgres/connected.ts";
import { postgresAvailable } from "../../test/postgres/server.ts";
import { expectSameRows } from "../../test/sqlParity.ts";
import { rollup } from "../aggregate/rollup.ts";
import { createRecordTable, duckdbRollup, openDuckDB } from "../duckdb/index.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import * as postgres from "../postgres/index.ts";
import { ticketSchema } from "../schemas/ticket.ts";
import { compileRollup, sqlSupport } from "./compile.ts";
import { TRINO } from "./warehouses/trino.ts";

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
});
afterAll(() => connection.closeSync());

const frt = findMetric("frt") as MetricDefinition;
const schema = ticketSchema();
const at = (time: string) => `2024-03-01T${time}:00Z`;
const message = (time: string, authorRole: string, isPublic = true, automated = false) => ({
  at: at(time),
  authorRole,
  public: isPublic,
  automated,
});

// Every ticket created at 09:00. With automated replies counted, a reply is the first public
// agent or bot message after the first message (the first is the ticket itself):
// r1: customer 09:00, bot 09:05, agent 09:20: replied 09:05 (300 s; a human at 09:20, 1200 s).
// r2: agent 09:00 (outbound: the ticket), an internal note 09:10, an automated agent message
//     09:30: replied 09:30 (1800 s); no human reply (unanswered without automation).
// r3: customer 09:00, a public system message 09:10: no reply either way (unanswered).
// r4: an empty list of messages and a first response given at 09:40: unanswered when the
//     messages are read (none is a reply), 2400 s from firstResponseAt otherwise.
// r5: no messages, a first response at 09:15: 900 s either way (the reducer keeps it).
// r6: no messages and no first response given (left out): unknownFirstResponse.
// r7: a merged source. r8: a bot 09:00 then a customer 09:00 (a tie, kept in its order) and an
//     internal note: the bot is the first message, not a reply: unanswered.
const tickets = [
  {
    id: "r1",
    messages: [message("09:00", "customer"), message("09:05", "bot"), message("09:20", "agent")],
  },
  {
    id: "r2",
    messages: [
      message("09:00", "agent"),
      message("09:10", "agent", false),
      message("09:30", "agent", true, true),
    ],
  },
  { id: "r3", messages: [message("09:00", "customer"), message("09:10", "system")] },
  { id: "r4", messages: [], firstResponseAt: at("09:40") },
  { id: "r5", firstResponseAt: at("09:15") },
  { id: "r6" },
  {
    id: "r7",
    tags: ["closed_by_merge"],
    messages: [message("09:00", "customer"), message("09:01", "bot")],
  },
  {
    id: "r8",
    messages: [
      message("09:00", "bot"),
      message("09:00", "customer"),
      message("09:30", "agent", false),
    ],
  },
].map(({ id, ...rest }) => {
  const parsed = schema.parse({ id, createdAt: at("09:00"), ...rest });
  // r6 leaves its first response out (undefined), as a record of a JSON file may.
  if (id === "r6") delete (parsed as { firstResponseAt?: unknown }).firstResponseAt;
  return parsed;
});

type Run = (
  records: readonly object[],
  metrics: object,
  grouping?: object,
) => Promise<Record<string, unknown>[]>;

/**
 * First response time with `options` on an engine (not by period), and in memory; the two are
 * compared as the parity properties compare them (quantiles to relative 1e-9: DuckDB's
 * interpolation may differ from ours in the last bit, 1709.9999999999998 for 1710).
 */
async function both(run: Run, options: object) {
  const sql = await run(tickets, { frt: { metric: frt, options } });
  const memory = rollup(
    tickets as unknown as Record<string, unknown>[],
    {
      metrics: { frt: frt.reducer(options as never) },
    } as never,
  );
  return { sql: JSON.parse(JSON.stringify(sql)), memory: JSON.parse(JSON.stringify(memory)) };
}

function messageProperties(engine: () => Run) {
  test("hand-computed: the first public agent or bot message after the first", async () => {
    const { sql, memory } = await both(engine(), { countAutomatedReplies: true });
    const result = sql[0].frt;
    // r1 300, r2 1800, r5 900: n 3, sum 3000, mean 1000, median 900, min 300, max 1800.
    expect([result.n, result.sum, result.mean, result.median]).toEqual([3, 3000, 1000, 900]);
    expect([result.min, result.max]).toEqual([300, 1800]);
    // unanswered: r3, r4, r8; unknown: r6; merged: r7.
    expect(result.excluded).toEqual({
      unknownFirstResponse: 1,
      unanswered: 3,
      noCustomerMessage: 0,
      replyBeforeStart: 0,
      noSchedule: 0,
      mergedSource: 1,
    });
    expectSameRows(sql, memory);
  });

  test("without automation, the first human reply the schema derived from the messages", async () => {
    const { sql, memory } = await both(engine(), {});
    const result = sql[0].frt;
    // r1 1200, r4 2400, r5 900: sum 4500, mean 1500; unanswered r2, r3, r8.
    expect([result.n, result.sum, result.mean]).toEqual([3, 4500, 1500]);
    expect(result.excluded.unanswered).toBe(3);
    expectSameRows(sql, memory);
  });

  test("from the first customer message: answered tickets without one are left out", async () => {
    const options = { countAutomatedReplies: true, startFrom: "firstCustomerMessage" };
    const { sql, memory } = await both(engine(), options);
    const result = sql[0].frt;
    // r1 from 09:00 to 09:05: 300 s; r2 and r5 were answered but no customer wrote.
    expect([result.n, result.sum]).toEqual([1, 300]);
    expect(result.excluded.noCustomerMessage).toBe(2);
    expectSameRows(sql, memory);
  });
}

// Reply time's tickets, every message on 2024-03-01 unless said:
// q1: customer 09:00, customer 09:10, agent 09:20, customer 10:00, an internal note 10:10,
//     agent 10:30, agent 10:40 (nothing waiting: it ends no wait), customer 11:00 (unanswered).
//     Each: 09:00→09:20 1200 s, 09:10→09:20 600 s, 10:00→10:30 1800 s; first unanswered of
//     each run: 1200 s and 1800 s; without the first reply's waits: 1800 s.
// q2: agent 09:00 (outbound), customer 09:05, bot 09:06, automated agent 09:07, agent 09:15:
//     09:05→09:15 600 s (the bot and the automation end no wait); nothing after the first reply.
// q3: a customer message never answered: noReplies. q4: an empty list, q5: none: noMessages.
// q6: a merged source with a wait. q7: customer 23:50, agent 00:10 the next day: 1200 s, on
//     2024-03-02.
const replyTickets = [
  {
    id: "q1",
    messages: [
      message("09:00", "customer"),
      message("09:10", "customer"),
      message("09:20", "agent"),
      message("10:00", "customer"),
      message("10:10", "agent", false),
      message("10:30", "agent"),
      message("10:40", "agent"),
      message("11:00", "customer"),
    ],
  },
  {
    id: "q2",
    messages: [
      message("09:00", "agent"),
      message("09:05", "customer"),
      message("09:06", "bot"),
      message("09:07", "agent", true, true),
      message("09:15", "agent"),
    ],
  },
  { id: "q3", messages: [message("09:00", "customer")] },
  { id: "q4", messages: [] },
  { id: "q5" },
  {
    id: "q6",
    tags: ["closed_by_merge"],
    messages: [message("09:00", "customer"), message("09:30", "agent")],
  },
  {
    id: "q7",
    messages: [
      message("23:50", "customer"),
      { ...message("00:10", "agent"), at: "2024-03-02T00:10:00Z" },
    ],
  },
].map((ticket) => schema.parse({ createdAt: at("00:00"), ...ticket }));

const reply = findMetric("reply") as MetricDefinition;

/** Reply time with `options` on an engine and in memory, by day or not by period. */
async function replyBoth(run: Run, options: object, byDay = false) {
  const grouping = byDay ? { by: { period: "day" } } : {};
  const sql = await run(replyTickets, { reply: { metric: reply, options } }, grouping);
  const memory = rollup(
    replyTickets as unknown as Record<string, unknown>[],
    { ...grouping, metrics: { reply: reply.reducer(options as never) } } as never,
  );
  return { sql: JSON.parse(JSON.stringify(sql)), memory: JSON.parse(JSON.stringify(memory)) };
}

function replyProperties(engine: () => Run) {
  test("hand-computed: each customer message waits for the next human reply", async () => {
    const { sql, memory } = await replyBoth(engine(), {});
    const result = sql[0].reply;
    // q1 1200, 600, 1800; q2 600; q7 1200: n 5, sum 5400, mean 1080, median 1200; 3 tickets.
    expect([result.n, result.sum, result.mean, result.median]).toEqual([5, 5400, 1080, 1200]);
    expect([result.min, result.max, result.tickets]).toEqual([600, 1800, 3]);
    expect(result.excluded).toEqual({
      noMessages: 2,
      noReplies: 1,
      noSchedule: 0,
      mergedSource: 1,
    });
    expectSameRows(sql, memory);
  });

  test("the first unanswered message of each run, and without the first reply", async () => {
    const first = await replyBoth(engine(), { from: "firstUnanswered" });
    // q1 1200, 1800; q2 600; q7 1200: n 4, sum 4800.
    expect([first.sql[0].reply.n, first.sql[0].reply.sum]).toEqual([4, 4800]);
    expectSameRows(first.sql, first.memory);
    const later = await replyBoth(engine(), { excludeFirstReply: true });
    // q1 1800 alone; q2 and q7 were answered once only: noReplies with q3.
    expect([later.sql[0].reply.n, later.sql[0].reply.sum, later.sql[0].reply.tickets]).toEqual([
      1, 1800, 1,
    ]);
    expect(later.sql[0].reply.excluded.noReplies).toBe(3);
    expectSameRows(later.sql, later.memory);
  });

  test("a relation without a messages column: every ticket has no messages", async () => {
    const bare = replyTickets.map(({ messages: _messages, ...ticket }) => ticket);
    const sql = await engine()(bare, { reply: { metric: reply, options: {} } });
    const memory = rollup(
      bare as unknown as Record<string, unknown>[],
      {
        metrics: { reply: reply.reducer() },
      } as never,
    );
    // Seven tickets, q6 a merged source: six without messages.
    expect(JSON.parse(JSON.stringify(sql))[0].reply).toMatchObject({
      value: null,
      n: 0,
      tickets: 0,
      excluded: { noMessages: 6, noReplies: 0, mergedSource: 1 },
    });
    expectSameRows(JSON.parse(JSON.stringify(sql)), JSON.parse(JSON.stringify(memory)));
  });

  test("by day, each wait is placed by its reply", async () => {
    const { sql, memory } = await replyBoth(engine(), {}, true);
    // 2024-03-01: q1 and q2, 1200 + 600 + 1800 + 600 = 4200 over 4 waits, and the merged q6;
    // 2024-03-02: q7's 1200; the null period: q3 (noReplies), q4 and q5 (noMessages).
    expect(sql.map((row: { reply: { n: number; sum: number } }) => row.reply.n)).toEqual([4, 1, 0]);
    expect(sql[0].reply.sum).toBe(4200);
    expect(sql[0].reply.excluded.mergedSource).toBe(1);
    expect(sql[2].reply.excluded).toMatchObject({ noMessages: 2, noReplies: 1 });
    expectSameRows(sql, memory);
  });
}

describe("first response time from the messages on DuckDB", () => {
  messageProperties(() => async (records, metrics) => {
    const columns = await createRecordTable(connection, "records", "tickets", records);
    return duckdbRollup(connection, {
      relation: { name: "records", columns },
      metrics: metrics as never,
    });
  });
});

describe.skipIf(!postgresAvailable())("first response time from the messages on PostgreSQL", () => {
  const db = connectedPostgres();
  messageProperties(() => async (records, metrics) => {
    const columns = await postgres.createRecordTable(db.client, "records", "tickets", records);
    return postgres.postgresRollup(db.client, {
      relation: { name: "records", columns },
      metrics: metrics as never,
    });
  });
});

describe("reply time on DuckDB", () => {
  replyProperties(() => async (records, metrics, grouping) => {
    const columns = await createRecordTable(connection, "records", "tickets", records);
    return duckdbRollup(connection, {
      ...grouping,
      relation: { name: "records", columns },
      metrics: metrics as never,
    });
  });
});

describe.skipIf(!postgresAvailable())("reply time on PostgreSQL", () => {
  const db = connectedPostgres();
  replyProperties(() => async (records, metrics, grouping) => {
    const columns = await postgres.createRecordTable(db.client, "records", "tickets", records);
    return postgres.postgresRollup(db.client, {
      ...grouping,
      relation: { name: "records", columns },
      metrics: metrics as never,
    });
  });
});

describe("what does not compile is refused with its reason", () => {
  const columns = ["createdAt", "firstResponseAt", "messages"];
  test("sketched percentiles", () => {
    const options = { countAutomatedReplies: true, percentiles: { sketch: "ddsketch" } };
    expect(sqlSupport("f", frt, options, columns).reason).toMatch(/DDSketch/);
  });

  test("reply time in business time, with a sketch, or with an interval", () => {
    const schedule = { timeZone: "UTC", weekly: { monday: [{ start: "09:00", end: "17:00" }] } };
    expect(sqlSupport("r", reply, { schedule }, columns).reason).toBe(
      "business time over each wait of a ticket's messages is not compiled to SQL (each wait would be joined to the working intervals); use the calendar clock, or the in-memory engine",
    );
    expect(sqlSupport("r", reply, { percentiles: { sketch: "ddsketch" } }, columns).reason).toMatch(
      /DDSketch/,
    );
    expect(sqlSupport("r", reply, { interval: true }, columns).reason).toBe(
      "a duration's interval needs every value, which the compiled query does not return",
    );
  });

  test("a warehouse without the words for messages refuses, naming what it cannot read", () => {
    expect(() =>
      compileRollup({
        relation: { name: "t", columns },
        metrics: { reply: { metric: reply } },
        dialect: TRINO,
      }),
    ).toThrow(
      "reads a ticket's messages (a nested array of records), which the trino dialect does not read",
    );
    expect(() =>
      compileRollup({
        relation: { name: "t", columns },
        metrics: { frt: { metric: frt, options: { countAutomatedReplies: true } } },
        dialect: TRINO,
      }),
    ).toThrow(
      "reads a ticket's messages (a nested array of records), which the trino dialect does not read",
    );
  });
});
