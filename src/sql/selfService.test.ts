/**
 * The self-service score and knowledge-base engagement in SQL on real DuckDB: sessions and
 * tickets in one relation (a view of a table of each), by month across London's
 * spring-forward (March ends at 23:00 UTC) with records on that edge, and not by period,
 * against hand-computed distinct counts and the in-memory rollup; and the sketch refused.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { refusalReasons, sessionsAndTickets } from "../../test/sqlParity.ts";
import { rollup } from "../aggregate/rollup.ts";
import { duckdbRollup, openDuckDB } from "../duckdb/index.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { sessionSchema } from "../schemas/session.ts";
import { ticketSchema } from "../schemas/ticket.ts";

let connection: DuckDBConnection;
let columns: string[];
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
  columns = await sessionsAndTickets(connection, sessions, tickets);
});
afterAll(() => connection.closeSync());

const score = findMetric("self-service-score") as MetricDefinition;
const engagement = findMetric("kb-engagement") as MetricDefinition;

const session = (id: string, customerId: string | null, startedAt: string) =>
  sessionSchema().parse({ id, customerId, startedAt, kind: "articleView" });
const ticket = (id: string, customerId: string | null, createdAt: string) =>
  ticketSchema().parse({ id, customerId, createdAt });

// London by month: March 2024 is [03-01T00:00Z, 03-31T23:00Z), April from 03-31T23:00Z.
const sessions = [
  session("s1", "a", "2024-03-10T09:00:00Z"), // March
  session("s2", "a", "2024-03-31T22:30:00Z"), // March (a again: one user)
  session("s3", "b", "2024-03-31T23:00:00Z"), // April, on the edge
  session("s4", null, "2024-03-12T09:00:00Z"), // March, anonymous
  session("s5", "d", "2024-03-20T09:00:00Z"), // March
];
const tickets = [
  ticket("t1", "a", "2024-03-05T09:00:00Z"), // March
  ticket("t2", "c", "2024-03-31T23:30:00Z"), // April
  ticket("t3", null, "2024-04-03T09:00:00Z"), // April, anonymous
  ticket("t4", "b", "2024-04-02T09:00:00Z"), // April
];

const metrics = { score: { metric: score }, engagement: { metric: engagement } };

/** A row's period label and the numbers of both results. */
function numbersOf(row: Record<string, unknown>) {
  const s = row.score as Record<string, unknown>;
  const e = row.engagement as Record<string, unknown>;
  return [
    (row.period as { label: string } | null)?.label ?? null,
    [s.value, s.users, s.requesters, (s.excluded as { anonymous: number }).anonymous],
    [e.value, e.numerator, e.denominator, (e.excluded as { anonymous: number }).anonymous],
  ];
}

describe("self-service score and knowledge-base engagement in SQL", () => {
  test("by month across a DST change, records on the month's edge", async () => {
    const byMonth = { by: { period: "month" as const }, timeZone: "Europe/London" };
    const rows = await duckdbRollup(connection, {
      ...byMonth,
      relation: { name: "stream", columns },
      metrics,
    });
    expect(rows.map(numbersOf)).toEqual([
      // March: users a (twice), d = 2; requesters a = 1; either a, d = 2; s4 anonymous.
      // Score 2 / 1 = 2; engagement 100 × 2 / 2 = 100.
      ["2024-03", [2, 2, 1, 1], [100, 2, 2, 1]],
      // April: users b = 1; requesters c, b = 2; either b, c = 2; t3 anonymous.
      // Score 1 / 2 = 0.5; engagement 100 × 1 / 2 = 50.
      ["2024-04", [0.5, 1, 2, 1], [50, 1, 2, 1]],
    ]);
    const expected = rollup([...sessions, ...tickets] as Record<string, unknown>[], {
      ...byMonth,
      metrics: { score: score.reducer({}), engagement: engagement.reducer({}) },
    });
    expect(JSON.parse(JSON.stringify(rows))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test("not by period, every record in one group", async () => {
    const rows = await duckdbRollup(connection, { relation: { name: "stream", columns }, metrics });
    // Users a, b, d = 3; requesters a, c, b = 3; either a, b, c, d = 4; s4 and t3 anonymous.
    // Score 3 / 3 = 1; engagement 100 × 3 / 4 = 75.
    expect(rows.map(numbersOf)).toEqual([[null, [1, 3, 3, 2], [75, 3, 4, 2]]]);
  });

  test("refuse a HyperLogLog sketch, whose estimate is its own", () => {
    const sketch = { distinct: { sketch: "hyperloglog" } };
    expect(
      refusalReasons({
        relation: { name: "stream", columns: ["startedAt", "createdAt", "customerId"] },
        metrics: {
          score: { metric: score, options: sketch },
          engagement: { metric: engagement, options: sketch },
        },
      }),
    ).toEqual([
      'a HyperLogLog count is the sketch\'s own estimate; SQL counts distinct customers exactly (use distinct: "exact")',
      'a HyperLogLog count is the sketch\'s own estimate; SQL counts distinct customers exactly (use distinct: "exact")',
    ]);
  });
});
