/**
 * Shared pieces of the SQL parity properties: random helpdesk data whose instants sit on
 * daylight-saving changes and period boundaries, every option of the metrics that compile,
 * and a comparison of two sets of rollup rows (counts exactly, other numbers to a relative
 * 1e-9).
 */

import type { DuckDBConnection } from "@duckdb/node-api";
import fc from "fast-check";
import { expect } from "vitest";
import * as z from "zod/mini";
import { createRecordTable } from "../src/duckdb/index.ts";
import { catalogue } from "../src/metrics/catalogue.ts";
import { compileRollup, SqlRefusedError, sqlSupport } from "../src/sql/compile.ts";
import type { TableKind } from "../src/sql/tableKinds.ts";
import type { PeriodUnit } from "../src/time/period.ts";

/** Zones with DST at 01:00 UTC, at local midnight (Santiago), half-hour DST, and none. */
export const ZONES = [
  "UTC",
  "Europe/London",
  "America/New_York",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
] as const;

/** Instants near the 2024 DST changes of those zones and near month and year boundaries. */
const ANCHORS = [
  "2024-03-31T01:00:00Z",
  "2024-10-27T01:00:00Z",
  "2024-03-10T07:00:00Z",
  "2024-11-03T06:00:00Z",
  "2024-04-07T03:00:00Z",
  "2024-09-08T04:00:00Z",
  "2024-04-06T15:00:00Z",
  "2024-10-05T15:30:00Z",
  "2024-03-31T23:00:00Z",
  "2024-04-01T00:00:00Z",
  "2024-12-31T23:00:00Z",
  "2025-01-01T04:00:00Z",
  "2024-06-30T18:15:00Z",
].map((text) => Date.parse(text));

const HOUR = 3_600_000;

/** An instant within three hours of an anchor, to the second or to the millisecond. */
export const instant = fc
  .tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -3 * HOUR, max: 3 * HOUR }), fc.boolean())
  .map(([anchor, offset, wholeSeconds]) =>
    wholeSeconds ? anchor + Math.round(offset / 1000) * 1000 : anchor + offset,
  );

/** A delay after an instant: zero, seconds, hours, or across a month. */
export const delay = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 600 }).map((s) => s * 1000),
  fc.integer({ min: 1, max: 72 * HOUR }),
  fc.integer({ min: 1, max: 40 * 24 }).map((h) => h * HOUR),
);

/** Period units and week starts. */
export const periodUnit = fc.constantFrom<PeriodUnit>(
  "day",
  "week",
  "isoWeek",
  "month",
  "quarter",
  "year",
);

/** Rollup options shared by every record kind: period (or none), zone, week start, range. */
export const layout = fc.record({
  unit: fc.option(periodUnit, { freq: 6 }),
  timeZone: fc.constantFrom(...ZONES),
  weekStartsOn: fc.constantFrom(0, 1, 3, 6) as fc.Arbitrary<0 | 1 | 3 | 6>,
  byChannel: fc.boolean(),
  range: fc.option(
    fc.tuple(instant, fc.integer({ min: 1, max: 60 * 24 })).map(([start, hours]) => ({
      start: new Date(start).toISOString(),
      end: new Date(start + hours * HOUR).toISOString(),
    })),
    { freq: 3 },
  ),
  placeBy: fc.constantFrom("event", "created") as fc.Arbitrary<"event" | "created">,
});

/** A drawn layout. */
export type Layout = typeof layout extends fc.Arbitrary<infer L> ? L : never;

/**
 * The rollup options of a layout, the same for the in-memory rollup and the engines: the
 * period and the channel key as asked, the zone, the week start, the placement, and the
 * range when there is a period to fill it with.
 */
export function rollupOptionsOf(shape: Layout) {
  return {
    by: {
      ...(shape.unit ? { period: shape.unit } : {}),
      ...(shape.byChannel ? { channel: "channel" } : {}),
    },
    timeZone: shape.timeZone,
    weekStartsOn: shape.weekStartsOn,
    placeBy: shape.placeBy,
    ...(shape.range && shape.unit ? { range: shape.range } : {}),
  };
}

/** A channel label, or none. */
export const channel = fc.constantFrom("email", "chat", "phone", null);

/** The fields of a result that are counts of records. */
const COUNT_FIELD =
  /\.(n|denominator|promoters|passives|detractors|easy|responses)$|\.excluded\.\w+$|volume\.value$/;

/** The smallest normal double, 2^-1022. */
const MIN_NORMAL = 2 ** -1022;

/** Two rollup results are equal: the same shape, counts exactly, other numbers to 1e-9. */
export function expectSameRows(actual: unknown, expected: unknown, path = "rows"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (actual === expected) return;
    // Counts must agree exactly; sums, means, quantiles and rates to a relative 1e-9.
    if (COUNT_FIELD.test(path)) expect(actual, path).toBe(expected);
    const scale = Math.max(Math.abs(expected), Math.abs(actual));
    // Below the smallest normal double a number has fewer than 53 bits: two right orders of
    // the same arithmetic (DuckDB's interpolation between 5e-324 and 6e-323, and ours) can
    // differ by a step of Number.MIN_VALUE, a relative 0.14 there. A few such steps are equal.
    if (scale < MIN_NORMAL && Math.abs(actual - expected) <= 4 * Number.MIN_VALUE) return;
    expect(Math.abs(actual - expected) / scale, `${path}: ${actual} vs ${expected}`).toBeLessThan(
      1e-9,
    );
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((item, i) => {
      expectSameRows((actual as unknown[])[i], item, `${path}[${i}]`);
    });
    return;
  }
  if (expected !== null && typeof expected === "object") {
    expect(actual !== null && typeof actual === "object", path).toBe(true);
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(
      Object.keys(expected).sort(),
    );
    for (const [key, inner] of Object.entries(expected))
      expectSameRows((actual as Record<string, unknown>)[key], inner, `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

/**
 * The metrics of a record kind that compile over `columns`, in a report by month without a
 * range (where a stock is refused: it needs the range's period ends).
 */
export function compiling(kind: TableKind, columns: readonly string[]): string[] {
  const compiles = (metric: (typeof catalogue)[number]) => {
    // A metric that cannot do without an option (status-time's statuses) is not in a report
    // of default options.
    if (!z.safeParse(metric.options, {}).success) return false;
    if (sqlSupport(metric.name, metric, {}, columns).resolved === undefined) return false;
    try {
      compileRollup({
        relation: { name: "records", columns },
        metrics: { [metric.name]: { metric } },
        by: { period: "month" },
      });
      return true;
    } catch (error) {
      if (error instanceof SqlRefusedError) return false;
      throw error;
    }
  };
  return catalogue
    .filter((metric) => metric.records === kind)
    .filter(compiles)
    .map((metric) => metric.name);
}

/**
 * The compiler's reasons for refusing a rollup, in order; `[]` when it compiles. Another
 * error is thrown on, so a test of refusals fails for a crash.
 */
export function refusalReasons(options: Parameters<typeof compileRollup>[0]): string[] {
  try {
    compileRollup(options);
  } catch (error) {
    if (error instanceof SqlRefusedError) return error.refusals.map((r) => r.reason);
    throw error;
  }
  return [];
}

/**
 * Loads sessions and tickets into DuckDB as a table of each and a view `stream` of both (the
 * one relation the self-service metrics read, as their reducers read one mixed stream).
 *
 * @returns The view's columns: every column of either table.
 */
export async function sessionsAndTickets(
  connection: DuckDBConnection,
  sessions: readonly object[],
  tickets: readonly object[],
): Promise<string[]> {
  const sessionColumns = await createRecordTable(connection, "sessions", "sessions", sessions);
  const ticketColumns = await createRecordTable(connection, "tickets", "tickets", tickets);
  await connection.run(
    'CREATE VIEW "stream" AS SELECT * FROM "sessions" UNION ALL BY NAME SELECT * FROM "tickets"',
  );
  return [...new Set([...sessionColumns, ...ticketColumns])];
}
