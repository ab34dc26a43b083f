/**
 * Business time on PostgreSQL: first response and resolution timed by a random schedule
 * (weekly ranges on a 15-minute or 1-minute grid, overnight ranges, holidays and closures
 * on the data's days, one to three versions in zones with daylight-saving changes, with or
 * without gaps between them, under both schedule rules) give the in-memory rollup's rows on
 * a real server: counts exactly, other numbers to a relative 1e-9. The schedules are drawn
 * as src/sql/businessHours.test-prop.ts draws them for DuckDB, here near the instants of the
 * parity data (src/sql/parityData.testing.ts), so that spans cross versions, holidays and
 * offset changes. Each run creates and fills a table over the network: the run count stays
 * small.
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type PostgresServer,
  postgresAvailable,
  startPostgres,
} from "../../test/postgres/server.ts";
import { expectSameRows, layout, ZONES } from "../../test/sqlParity.ts";
import { type GroupBy, rollup } from "../aggregate/rollup.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import type { BusinessDialect } from "../sql/businessDialect.ts";
import { versionsArbitrary } from "../sql/businessSchedules.testing.ts";
import { compileRollup } from "../sql/compile.ts";
import { entries, rawTicket, TICKET_COLUMNS, ticketsOf } from "../sql/parityData.testing.ts";
import { POSTGRES } from "../sql/postgres.ts";
import type { ScheduleInput } from "../time/schedule.ts";
import { createRecordTable, postgresRollup, runCompiled } from "./index.ts";

const DAY = 86_400_000;

/** Instants the parity data's tickets are created near (its DST changes and year end). */
const NEAR = [
  "2024-03-31T01:00:00Z",
  "2024-10-27T01:00:00Z",
  "2024-03-10T07:00:00Z",
  "2024-11-03T06:00:00Z",
  "2024-09-08T04:00:00Z",
  "2024-04-06T15:00:00Z",
  "2024-12-31T23:00:00Z",
].map((text) => Date.parse(text));

/**
 * One to three versions near one of the data's instants, each in one of the zones: holidays
 * and closures from two days before to four after, bounds from four hours before.
 */
const scheduleArbitrary = (base: number) =>
  versionsArbitrary(fc.constantFrom(...ZONES), base, {
    daysBefore: 2,
    daysAfter: 4,
    boundsFrom: 4 * 60,
  });

/** The columns the spans start and end at: always kept, so that most tickets have spans. */
const SPAN_COLUMNS: readonly string[] = [
  "firstResponseAt",
  "firstCustomerMessageAt",
  "firstResolvedAt",
  "lastResolvedAt",
  "agentReplyCount",
];

const statistic = fc.constantFrom("mean", "median", "p90", "p95");
const scheduleRule = fc.constantFrom("perSegment", "atEvent");

/** First response and resolution, each timed by its own random schedule and rule. */
const businessMetrics = (base: number) =>
  fc.record({
    frt: fc.record({
      startFrom: fc.constantFrom("created", "firstCustomerMessage"),
      countAutomatedReplies: fc.boolean(),
      statistic,
      schedule: scheduleArbitrary(base),
      scheduleRule,
    }),
    resolution: fc.record({
      resolution: fc.constantFrom("first", "full"),
      requireAgentReply: fc.boolean(),
      statistic,
      schedule: scheduleArbitrary(base),
      scheduleRule,
    }),
  });

/** The instants where a version of the schedules starts or ends. */
function versionBounds(versions: readonly ScheduleInput[]): number[] {
  return versions.flatMap((version) =>
    [version.validFrom, version.validUntil].filter((b): b is number => typeof b === "number"),
  );
}

/**
 * Tickets created within days of `base` (the parity data's tickets, moved there), and the
 * metrics' options with schedules near the same instant. Some tickets are created, or
 * resolved, exactly where a version starts or ends: there a lookup at an instant and one
 * just before it find different versions.
 */
const caseArbitrary = fc.constantFrom(...NEAR).chain((base) =>
  businessMetrics(base).chain((options) => {
    const bounds = versionBounds([...options.frt.schedule, ...options.resolution.schedule]);
    const onBound = fc.option(fc.nat(), { freq: 3 });
    return fc.record({
      options: fc.constant(options),
      raws: fc
        .array(fc.tuple(rawTicket, fc.integer({ min: -2 * DAY, max: 3 * DAY }), onBound, onBound), {
          minLength: 5,
          maxLength: 30,
        })
        .map((drawn) =>
          drawn.map(([raw, offset, createdOn, resolvedOn]) => {
            const at = (pick: number | null) =>
              pick === null || bounds.length === 0 ? undefined : bounds[pick % bounds.length];
            const createdAt = at(createdOn) ?? base + offset;
            const resolvedAt = at(resolvedOn);
            const firstResolved =
              resolvedAt !== undefined && resolvedAt >= createdAt
                ? resolvedAt - createdAt
                : raw.firstResolved;
            return { ...raw, createdAt, firstResolved, omitsResponse: false };
          }),
        ),
    });
  }),
);
const BUSINESS_ENTRIES = entries({ frt: "frt", resolution: "resolution" });
const RESOLUTION = BUSINESS_ENTRIES.resolution as MetricDefinition;

async function connected(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe.skipIf(!postgresAvailable())("business time on PostgreSQL", () => {
  let server: PostgresServer;
  let client: pg.Client;
  beforeAll(async () => {
    server = await startPostgres();
    client = await connected(server.url);
    // A session zone far from UTC: it may not change a row.
    await client.query("SET TIME ZONE 'Pacific/Chatham'");
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    server?.stop();
  });

  test("frt and resolution timed by a random schedule give the in-memory rollup's rows", async () => {
    // Rows with business time measured (a positive sum): the property must not pass on
    // empty or all-zero results alone.
    const measured = { frt: 0, resolution: 0 };
    await fc.assert(
      fc.asyncProperty(
        caseArbitrary,
        fc.subarray(TICKET_COLUMNS.filter((name) => !SPAN_COLUMNS.includes(name))),
        layout,
        async ({ raws, options }, kept, shape) => {
          const tickets = ticketsOf(raws, [...SPAN_COLUMNS, ...kept]);
          const columns = await createRecordTable(client, "records", "tickets", tickets);
          const by = {
            ...(shape.unit ? { period: shape.unit } : {}),
            ...(shape.byChannel ? { channel: "channel" } : {}),
          };
          const common = {
            by,
            timeZone: shape.timeZone,
            weekStartsOn: shape.weekStartsOn,
            placeBy: shape.placeBy,
          };
          const given = options as Record<string, object>;
          const expected = rollup(tickets as unknown as Record<string, unknown>[], {
            ...common,
            by: by as GroupBy<Record<string, unknown>>,
            metrics: Object.fromEntries(
              Object.entries(BUSINESS_ENTRIES).map(([name, m]) => [name, m.reducer(given[name])]),
            ),
          });
          const actual = await postgresRollup(client, {
            ...common,
            relation: { name: "records", columns },
            metrics: Object.fromEntries(
              Object.entries(BUSINESS_ENTRIES).map(([name, metric]) => [
                name,
                { metric, options: given[name] as object },
              ]),
            ),
          });
          expectSameRows(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)));
          for (const row of expected as Record<string, { sum?: number }>[]) {
            if ((row.frt?.sum ?? 0) > 0) measured.frt++;
            if ((row.resolution?.sum ?? 0) > 0) measured.resolution++;
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(measured.frt).toBeGreaterThan(0);
    expect(measured.resolution).toBeGreaterThan(0);
  }, 120_000);

  test("epoch milliseconds are floored, before 1970 too, to the microsecond", async () => {
    // Expected: the same instants with their extra microseconds cut off, read by Date.parse.
    // Before 1970 flooring goes to the earlier millisecond (-0.5 ms is -1, not 0).
    const texts = [
      ["1969-12-31T23:59:59.9995Z", Date.parse("1969-12-31T23:59:59.999Z")],
      ["1900-01-01T00:00:00.000999Z", Date.parse("1900-01-01T00:00:00.000Z")],
      ["2024-03-10T07:00:00.123999Z", Date.parse("2024-03-10T07:00:00.123Z")],
    ] as const;
    const select = texts
      .map(
        (_, i) =>
          `${(POSTGRES as BusinessDialect).epochFloorMs(`CAST($${i + 1} AS timestamptz)`)} AS "m${i}"`,
      )
      .join(", ");
    const { rows } = await client.query(
      `SELECT ${select}`,
      texts.map(([text]) => text),
    );
    expect(texts.map((_, i) => Number(rows[0][`m${i}`]))).toEqual(texts.map(([, ms]) => ms));
  });

  test("a span outside the working intervals' range fails the query with our message", async () => {
    // One ticket resolved a day after it was created; the intervals cover only its first hour
    // (a range that does not hold the spans' instants, as a stale businessRange would).
    const created = Date.parse("2024-03-04T09:00:00Z");
    const tickets = [
      {
        id: "1",
        createdAt: new Date(created).toISOString(),
        firstResolvedAt: new Date(created + DAY).toISOString(),
        lastResolvedAt: new Date(created + DAY).toISOString(),
      },
    ];
    const columns = await createRecordTable(client, "records", "tickets", tickets);
    const schedule = { timeZone: "UTC", weekly: { monday: [{ start: "09:00", end: "17:00" }] } };
    const compile = (to: number) =>
      compileRollup({
        dialect: POSTGRES,
        relation: { name: "records", columns },
        metrics: { resolution: { metric: RESOLUTION, options: { schedule } } },
        businessRange: { from: created, to },
      });
    // Covered: Monday 09:00 to 17:00 UTC is 8 hours = 28800 s (the CASE's failing arms are
    // not taken, so the volatile failure is never evaluated).
    const [row] = await runCompiled(client, compile(created + DAY));
    expect((row as { resolution: { value: number } }).resolution.value).toBe(28_800);
    await expect(runCompiled(client, compile(created + 3_600_000))).rejects.toThrow(
      new RangeError(
        "businessSecondsQuery: span must lie within the range of the business intervals",
      ),
    );
  });
});
