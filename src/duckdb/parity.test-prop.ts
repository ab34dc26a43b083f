import type { DuckDBConnection } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, test } from "vitest";
import { channel, delay, expectSameRows, instant, layout } from "../../test/sqlParity.ts";
import { type GroupBy, rollup } from "../aggregate/rollup.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { surveyResponseSchema } from "../schemas/survey.ts";
import { ticketSchema } from "../schemas/ticket.ts";
import { createRecordTable, duckdbRollup, openDuckDB, type TableKind } from "./index.ts";

// The in-memory rollup and the DuckDB engine give the same rows for every metric of the
// standard report, every option that compiles, on random data whose instants sit on DST
// changes and period boundaries, with nulls, merged sources, reopened tickets and columns
// left out.

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
});
afterAll(() => connection.closeSync());

/** Catalogue entries by the column names the rows give them. */
function entries(names: Record<string, string>): Record<string, MetricDefinition> {
  return Object.fromEntries(
    Object.entries(names).map(([column, name]) => [column, findMetric(name) as MetricDefinition]),
  );
}

const statistic = fc.constantFrom("mean", "median", "p90", "p95");

// Weekdays 9-17 in a zone with daylight-saving changes, Easter Monday 2024 (an anchor of the
// data) a holiday; and the same hours as two versions with a gap between them, so that some
// spans have no version in force (excluded as noSchedule) and others cross a change.
const WEEKDAYS = Object.fromEntries(
  ["monday", "tuesday", "wednesday", "thursday", "friday"].map((day) => [
    day,
    [{ start: "09:00", end: "17:00" }],
  ]),
);
const BERLIN = { timeZone: "Europe/Berlin", weekly: WEEKDAYS, holidays: [{ date: "2024-04-01" }] };
const SCHEDULES = [
  BERLIN,
  [
    { ...BERLIN, validUntil: Date.parse("2024-06-30T19:00:00Z") },
    {
      timeZone: "America/New_York",
      weekly: WEEKDAYS,
      validFrom: Date.parse("2024-07-01T00:00:00Z"),
    },
  ],
];

/** Calendar time, or business time under one of the schedules and either rule. */
const timing = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        schedule: fc.constantFrom(...SCHEDULES),
        scheduleRule: fc.constantFrom("perSegment", "atEvent"),
      },
      { requiredKeys: ["schedule"] },
    ),
  },
);

/** Every ticket metric of the standard report, each with random options. */
const ticketMetrics = fc.record({
  volume: fc.constant({}),
  escalation: fc.constant({}),
  frt: fc
    .tuple(
      fc.record({
        startFrom: fc.constantFrom("created", "firstCustomerMessage"),
        countAutomatedReplies: fc.boolean(),
        statistic,
      }),
      timing,
    )
    .map(([options, clock]) => ({ ...options, ...clock })),
  resolution: fc
    .tuple(
      fc.record({
        resolution: fc.constantFrom("first", "full"),
        requireAgentReply: fc.boolean(),
        statistic,
      }),
      timing,
    )
    .map(([options, clock]) => ({ ...options, ...clock })),
  fullResolution: fc.record({ statistic }),
  reopen: fc.constant({}),
  oneTouch: fc.record({
    zeroReplySolves: fc.constantFrom("exclude", "success", "failure"),
    ignoreReopens: fc.boolean(),
  }),
});
const TICKET_ENTRIES = entries({
  volume: "volume",
  escalation: "escalation",
  frt: "frt",
  resolution: "resolution",
  fullResolution: "full-resolution",
  oneTouch: "one-touch",
  reopen: "reopen",
});

const surveyMetrics = fc.record({
  csat: fc.record(
    {
      method: fc.constantFrom("top-box", "mean", "percent-of-max", "happiness"),
      topBoxFrom: fc.integer({ min: 0, max: 7 }),
    },
    { requiredKeys: ["method"] },
  ),
  nps: fc.constant({}),
  ces: fc.record(
    { higherIsEasier: fc.boolean(), topBoxFrom: fc.integer({ min: 1, max: 7 }) },
    { requiredKeys: [] },
  ),
  responseRate: fc.record({ kind: fc.constantFrom("nps", "csat", "ces") }, { requiredKeys: [] }),
});
const SURVEY_ENTRIES = entries({
  csat: "csat",
  nps: "nps",
  ces: "ces",
  responseRate: "response-rate",
});

/** Optional ticket columns, each kept or left out of the whole data set. */
const TICKET_COLUMNS = [
  "firstResponseAt",
  "firstCustomerMessageAt",
  "firstResolvedAt",
  "lastResolvedAt",
  "reopenCount",
  "agentReplyCount",
  "escalated",
  "tags",
  "channel",
] as const;

const rawTicket = fc.record({
  createdAt: instant,
  channel,
  firstResponse: fc.option(delay, { freq: 4 }),
  firstCustomerMessage: fc.option(delay, { freq: 3 }),
  firstResolved: fc.option(delay, { freq: 3 }),
  reopenedFor: fc.option(delay, { freq: 2 }),
  reopenCount: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 4 }),
  agentReplyCount: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 4 }),
  escalated: fc.option(fc.boolean(), { freq: 4 }),
  tags: fc.constantFrom([], ["vip"], ["closed_by_merge"], ["closed_by_merge", "vip"]),
  // A record of a JSON file may leave its first response out alone (not given, not null).
  omitsResponse: fc.boolean(),
});

type RawTicket = typeof rawTicket extends fc.Arbitrary<infer T> ? T : never;

function ticketsOf(raws: RawTicket[], kept: readonly string[]) {
  const schema = ticketSchema();
  const at = (ms: number) => new Date(ms).toISOString();
  return raws.flatMap((raw, i) => {
    const first = raw.firstResolved === null ? null : raw.createdAt + raw.firstResolved;
    const full: Record<string, unknown> = {
      id: String(i),
      createdAt: at(raw.createdAt),
      channel: raw.channel,
      firstResponseAt: raw.firstResponse === null ? null : at(raw.createdAt + raw.firstResponse),
      firstCustomerMessageAt:
        raw.firstCustomerMessage === null ? null : at(raw.createdAt + raw.firstCustomerMessage),
      firstResolvedAt: first === null ? null : at(first),
      lastResolvedAt:
        first === null ? null : at(first + (raw.reopenedFor === null ? 0 : raw.reopenedFor)),
      reopenCount: raw.reopenCount,
      agentReplyCount: raw.agentReplyCount,
      escalated: raw.escalated,
      tags: raw.tags,
    };
    for (const name of TICKET_COLUMNS) if (!kept.includes(name)) delete full[name];
    if (raw.omitsResponse) delete full.firstResponseAt;
    const parsed = schema.safeParse(full);
    return parsed.success ? [parsed.data] : [];
  });
}

const SCALES = [
  null,
  { min: 0, max: 10 },
  { min: 1, max: 5 },
  { min: 1, max: 7 },
  { min: 0, max: 1 },
];
const rawSurvey = fc.record({
  kind: fc.constantFrom("nps", "csat", "ces"),
  scale: fc.constantFrom(...SCALES),
  score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 5 }),
  respondedAt: instant,
  // Sent some time before the response, or not tracked (a feedback widget).
  sentBefore: fc.option(delay, { freq: 3 }),
  channel,
});

type RawSurvey = typeof rawSurvey extends fc.Arbitrary<infer T> ? T : never;

function surveysOf(raws: RawSurvey[]) {
  const schema = surveyResponseSchema();
  const defaults = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } };
  return raws.flatMap((raw, i) => {
    const scale = raw.scale ?? defaults[raw.kind as keyof typeof defaults];
    const score =
      raw.score === null ? null : scale.min + Math.round(raw.score * (scale.max - scale.min));
    const parsed = schema.safeParse({
      id: String(i),
      kind: raw.kind,
      score,
      ...(raw.scale ? { scale: raw.scale } : {}),
      respondedAt: new Date(raw.respondedAt).toISOString(),
      ...(raw.sentBefore === null
        ? {}
        : { sentAt: new Date(raw.respondedAt - raw.sentBefore).toISOString() }),
      channel: raw.channel,
    });
    return parsed.success ? [parsed.data] : [];
  });
}

type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

/** The same rollup in memory and on DuckDB; their rows must agree. */
async function sameRows(
  kind: TableKind,
  records: object[],
  entries: Record<string, MetricDefinition>,
  options: Record<string, object>,
  shape: Layout,
) {
  const columns = await createRecordTable(connection, "records", kind, records);
  const by = {
    ...(shape.unit ? { period: shape.unit } : {}),
    ...(shape.byChannel ? { channel: "channel" } : {}),
  };
  const common = {
    by,
    timeZone: shape.timeZone,
    weekStartsOn: shape.weekStartsOn,
    placeBy: shape.placeBy,
    ...(shape.range && shape.unit ? { range: shape.range } : {}),
  };
  const reducers = Object.fromEntries(
    Object.entries(entries).map(([name, metric]) => [name, metric.reducer(options[name])]),
  );
  const expected = JSON.parse(
    JSON.stringify(
      rollup(records as Record<string, unknown>[], {
        ...common,
        by: by as GroupBy<Record<string, unknown>>,
        metrics: reducers,
      }),
    ),
  );
  const actual = await duckdbRollup(connection, {
    ...common,
    relation: { name: "records", columns },
    metrics: Object.fromEntries(
      Object.entries(entries).map(([name, metric]) => [
        name,
        { metric, options: options[name] as object },
      ]),
    ),
  });
  expectSameRows(JSON.parse(JSON.stringify(actual)), expected);
}

describe("the DuckDB engine gives the in-memory rollup's rows", () => {
  test("ticket metrics of the standard report, every option", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawTicket, { maxLength: 40 }),
        fc.subarray([...TICKET_COLUMNS]),
        ticketMetrics,
        layout,
        async (raws, kept, options, shape) => {
          const tickets = ticketsOf(raws, kept);
          await sameRows("tickets", tickets, TICKET_ENTRIES, options, shape);
        },
      ),
      { numRuns: 80 },
    );
  });

  test("survey metrics of the standard report, every option", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawSurvey, { maxLength: 40 }),
        surveyMetrics,
        layout,
        async (raws, options, shape) => {
          await sameRows("surveyResponses", surveysOf(raws), SURVEY_ENTRIES, options, shape);
        },
      ),
      { numRuns: 80 },
    );
  });
});
