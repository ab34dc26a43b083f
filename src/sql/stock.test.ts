/**
 * Stocks in SQL on real DuckDB: backlog at each day's end across London's spring-forward day
 * (a 23-hour day), with tickets created and resolved exactly at a period's end, against
 * hand-computed values and the in-memory rollup; and the rollups the compiler refuses.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { refusalReasons } from "../../test/sqlParity.ts";
import { rollup } from "../aggregate/rollup.ts";
import { createRecordTable, duckdbRollup, openDuckDB } from "../duckdb/index.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { ticketSchema } from "../schemas/ticket.ts";

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
});
afterAll(() => connection.closeSync());

const backlog = findMetric("backlog") as MetricDefinition;
const queue = findMetric("queue-length") as MetricDefinition;

// London, by day, 30 and 31 March 2024: 30 March ends at 2024-03-31T00:00Z; 31 March, the
// clocks going forward, is 23 hours long and ends at 2024-03-31T23:00Z.
const raw = [
  // open all along
  { id: "a", createdAt: "2024-03-30T10:00:00Z" },
  // resolved exactly at 30 March's end: still open then, not open at 31 March's end
  {
    id: "b",
    createdAt: "2024-03-30T12:00:00Z",
    lastResolvedAt: "2024-03-31T00:00:00Z",
    firstResponseAt: "2024-03-30T12:30:00Z",
  },
  // created exactly at 30 March's end: in 31 March's backlog only
  { id: "c", createdAt: "2024-03-31T00:00:00Z", firstResponseAt: null },
  // solved at an unknown time: unknownResolution wherever it may be open
  { id: "d", createdAt: "2024-03-30T01:00:00Z", status: "solved" },
  // pending (open), created a millisecond before 31 March's end
  { id: "e", createdAt: "2024-03-31T22:59:59.999Z", status: "pending", firstResponseAt: null },
];
const tickets = raw.map((ticket) => ticketSchema().parse(ticket));

const options = {
  by: { period: "day" as const },
  timeZone: "Europe/London",
  range: { start: "2024-03-30", end: "2024-04-01" },
};

describe("a stock measured at each period's end in SQL", () => {
  test("backlog and queue length across a DST change, with instants on the period ends", async () => {
    const columns = await createRecordTable(connection, "tickets", "tickets", tickets);
    const rows = await duckdbRollup(connection, {
      ...options,
      relation: { name: "tickets", columns },
      metrics: { backlog: { metric: backlog }, queue: { metric: queue } },
    });
    const byDay = rows.map((row) => {
      const { value, byAge, measuredAt, excluded } = row.backlog as {
        value: number;
        byAge: { count: number }[];
        measuredAt: string;
        excluded: Record<string, number>;
      };
      return [
        (row.period as { label: string }).label,
        value,
        byAge.map((bucket) => bucket.count),
        measuredAt,
        excluded,
        (row.queue as { value: number | null }).value,
      ];
    });
    expect(byDay).toEqual([
      // 30 March: a (age 14 h) and b (12 h) open, both under a day; d unknown.
      // Queue: a has no first-response column value given (unknown), b was answered.
      [
        "2024-03-30",
        2,
        [2, 0, 0, 0, 0],
        "2024-03-31T00:00:00.000Z",
        { notOpen: 0, unknownResolution: 1, otherStatus: 0, unknownStatus: 0 },
        null,
      ],
      // 31 March: a (37 h: 1d-3d), c (23 h) and e (1 ms) open; b resolved before; d unknown.
      // Queue: c and e wait (firstResponseAt null); a's first response is unknown.
      [
        "2024-03-31",
        3,
        [2, 1, 0, 0, 0],
        "2024-03-31T23:00:00.000Z",
        { notOpen: 1, unknownResolution: 1, otherStatus: 0, unknownStatus: 0 },
        2,
      ],
    ]);
    const expected = rollup(tickets, {
      ...options,
      metrics: { backlog: backlog.reducer({}), queue: queue.reducer({}) },
    });
    expect(JSON.parse(JSON.stringify(rows))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test("is refused by period without a range, without asOf not by period, and over status history", () => {
    const relation = { name: "tickets", columns: ["id", "createdAt", "status", "lastResolvedAt"] };
    const metrics = { backlog: { metric: backlog } };
    expect([
      refusalReasons({ relation, metrics, by: { period: "month" } }),
      refusalReasons({ relation, metrics }),
      refusalReasons({
        relation: { ...relation, columns: [...relation.columns, "statusChanges"] },
        metrics,
        ...options,
      }),
      refusalReasons({ relation, metrics: { backlog: { metric: backlog, options: { asOf: 0 } } } }),
    ]).toEqual([
      [
        "a stock by period is measured at the end of each period of the range, and needs one (range)",
      ],
      ["a stock is measured at an instant: give it one (asOf) or group by period"],
      [
        "reads statusChanges for the spans a ticket is open (reopened, pending), which the compiler does not write yet",
      ],
      [],
    ]);
  });
});
