/**
 * Deflection in SQL on real DuckDB: sessions and tickets in one relation (a view of a table of
 * each), by day, with tickets on the window's edges (at the session's instant, exactly
 * `windowHours` after it, a millisecond late, a millisecond early) and one in the next day
 * that the rollup puts in the session's day by its creation less the window; a window of three
 * days, which places a ticket in the days between too; by kind; not by period; against
 * hand-computed counts and the in-memory rollup.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { refusalReasons, sessionsAndTickets } from "../../test/sqlParity.ts";
import { rollup } from "../aggregate/rollup.ts";
import { duckdbRollup, openDuckDB } from "../duckdb/index.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { type SessionKind, sessionSchema } from "../schemas/session.ts";
import { ticketSchema } from "../schemas/ticket.ts";
import { BIGQUERY } from "./warehouses/bigquery.ts";

const session = (id: string, customerId: string | null, startedAt: string, kind = "search") =>
  sessionSchema().parse({ id, customerId, startedAt, kind });
const ticket = (id: string, customerId: string | null, createdAt: string) =>
  ticketSchema().parse({ id, customerId, createdAt });

// UTC days; the window is 24 h unless said.
const sessions = [
  // a: followed by t1 2 h later, in the next day: t1 is in 03-01's group by 01:00 on 03-01
  // (its creation less 24 h).
  session("s1", "a", "2024-03-01T23:00:00Z"),
  // b: followed by t2 exactly 24 h later (the window's end is in it).
  session("s2", "b", "2024-03-01T10:00:00.000Z"),
  // c: t3 comes 24 h and a millisecond later: deflected.
  session("s3", "c", "2024-03-01T12:00:00.000Z"),
  // d: t4 came a millisecond before: deflected.
  session("s4", "d", "2024-03-01T08:00:00.000Z"),
  // e, a bot flow: t5 at the very instant follows it.
  session("s5", "e", "2024-03-01T09:00:00Z", "botFlow"),
  // anonymous
  session("s6", null, "2024-03-01T15:00:00Z"),
];
const tickets = [
  ticket("t1", "a", "2024-03-02T01:00:00Z"),
  ticket("t2", "b", "2024-03-02T10:00:00.000Z"),
  ticket("t3", "c", "2024-03-02T12:00:00.001Z"),
  ticket("t4", "d", "2024-03-01T07:59:59.999Z"),
  ticket("t5", "e", "2024-03-01T09:00:00Z"),
  // a ticket without a customer follows nobody
  ticket("t6", null, "2024-03-01T16:00:00Z"),
];

let connection: DuckDBConnection;
let columns: string[];
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
  columns = await sessionsAndTickets(connection, sessions, tickets);
});
afterAll(() => connection.closeSync());

const deflection = findMetric("deflection") as MetricDefinition;

/** A row's period label and its result's counts. */
function countsOf(row: Record<string, unknown>) {
  const r = row.deflection as Record<string, unknown>;
  const excluded = r.excluded as Record<string, number>;
  return [
    (row.period as { label: string } | null)?.label ?? null,
    [r.value, r.numerator, r.denominator, excluded.anonymous, excluded.otherKind],
  ];
}

async function both(options: object, by?: { period: "day" }) {
  const rows = await duckdbRollup(connection, {
    ...(by ? { by } : {}),
    relation: { name: "stream", columns },
    metrics: { deflection: { metric: deflection, options } },
  });
  const expected = rollup([...sessions, ...tickets] as Record<string, unknown>[], {
    ...(by ? { by } : {}),
    metrics: { deflection: deflection.reducer(options) },
  });
  expect(JSON.parse(JSON.stringify(rows))).toEqual(JSON.parse(JSON.stringify(expected)));
  return rows.map(countsOf);
}

describe("deflection in SQL", () => {
  test("by day, tickets on the window's edges and in the next day", async () => {
    expect(await both({}, { period: "day" })).toEqual([
      // 02-29: t4 and t5 less 24 h place them here; no session.
      ["2024-02-29", [null, 0, 0, 0, 0]],
      // 03-01: s1, s2, s5 followed; s3, s4 deflected: 100 × 2 / 5 = 40; s6 anonymous.
      ["2024-03-01", [40, 2, 5, 1, 0]],
      // 03-02: t1, t2, t3 by their creation; no session.
      ["2024-03-02", [null, 0, 0, 0, 0]],
    ]);
  });

  test("only the kinds asked for, with an interval", async () => {
    const rows = await both(
      { kinds: ["search" as SessionKind], interval: true },
      { period: "day" },
    );
    // s5, a bot flow, is otherKind: s1, s2 followed, s3, s4 deflected: 100 × 2 / 4 = 50.
    expect(rows[1]).toEqual(["2024-03-01", [50, 2, 4, 1, 1]]);
  });

  test("not by period, every ticket in reach, with a longer window", async () => {
    // 72 h: t3 now follows s3 (24 h and 1 ms); s4 alone deflected: 100 × 1 / 5 = 20.
    expect(await both({ windowHours: 72 })).toEqual([[null, [20, 1, 5, 1, 0]]]);
  });

  test("by day, a window of three days reaches across the days between", async () => {
    // 72 h: t3 (03-02 12:00:00.001) follows s3. Its creation (03-02) and its creation less
    // 72 h (02-28) miss s3's day, 03-01; 36 h before it (03-01 00:00:00.001) is on it. s4 alone
    // deflected: 100 × 1 / 5 = 20 (placed by the two ends only, s3 was deflected too: 40).
    const rows = await both({ windowHours: 72 }, { period: "day" });
    expect(rows.find(([label]) => label === "2024-03-01")).toEqual([
      "2024-03-01",
      [20, 1, 5, 1, 0],
    ]);
  });

  test("a warehouse refuses it, with the reason", () => {
    expect(
      refusalReasons({
        relation: { name: "stream", columns },
        metrics: { deflection: { metric: deflection } },
        dialect: BIGQUERY,
      }),
    ).toEqual([
      "it reads, for each record, the records of the same relation that follow it (a correlated subquery, with instants shifted by milliseconds), which the compiler writes for DuckDB and PostgreSQL, not bigquery",
    ]);
  });
});
