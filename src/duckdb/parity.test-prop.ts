import type { DuckDBConnection } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, test } from "vitest";
import { expectSameRows, type Layout, layout, rollupOptionsOf } from "../../test/sqlParity.ts";
import { type GroupBy, rollup } from "../aggregate/rollup.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import {
  COST_ENTRIES,
  CUSTOMER_ENTRIES,
  costMetrics,
  costsOf,
  customerMetrics,
  customerOptions,
  customersOf,
  rawCost,
  rawCustomer,
  reachesNoWindow,
} from "../sql/parityCustomers.testing.ts";
import {
  AGENTS_ENTRIES,
  agentsMetrics,
  CHAT_ENTRIES,
  CONTACT_COLUMNS,
  contactsOf,
  EVENTS_ENTRIES,
  entries,
  eventsColumns,
  eventsMetrics,
  keyedBy,
  maybeMessagesColumns,
  messagesColumns,
  QUEUE_ENTRIES,
  queueMetrics,
  REPLY_ENTRIES,
  rawChat,
  rawContact,
  rawSurvey,
  rawTicket,
  replyMetrics,
  STATUS_ENTRIES,
  STOCK_ENTRIES,
  SURVEY_ENTRIES,
  ticketProperty as sharedTicketProperty,
  statusColumns,
  statusMetrics,
  stockLayout,
  stockMetrics,
  stockOptions,
  surveyMetrics,
  surveysOf,
  TICKET_COLUMNS,
  TICKET_ENTRIES,
  ticketMetrics,
  ticketsOf,
} from "../sql/parityData.testing.ts";
import {
  DEFLECTION_ENTRIES,
  deflectionMetrics,
  rawSession,
  SELF_SERVICE_ENTRIES,
  selfServiceMetrics,
  sessionsOf,
} from "../sql/paritySessions.testing.ts";
import { createRecordTable, duckdbRollup, openDuckDB, type TableKind } from "./index.ts";

// The in-memory rollup and the DuckDB engine give the same rows for every metric of the
// standard report, every option that compiles, on random data whose instants sit on DST
// changes and period boundaries, with nulls, merged sources, reopened tickets and columns
// left out.

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDB({ threads: 1 });
  // A session zone far from the process's (and from UTC): DuckDB takes the host's zone by
  // default, and no row may depend on it. This is what lets `npm test` skip these properties
  // in its UTC repeat.
  await connection.run("SET TimeZone = 'Pacific/Chatham'");
});
afterAll(() => connection.closeSync());

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

/**
 * The parity data's ticket metrics (src/sql/parityData.testing.ts), first response and
 * resolution also timed by a random schedule or left in calendar time.
 */
const timedTicketMetrics = fc
  .tuple(ticketMetrics, timing, timing)
  .map(([metrics, frt, resolution]) => ({
    ...metrics,
    frt: { ...metrics.frt, ...frt },
    resolution: { ...metrics.resolution, ...resolution },
  }));

/** The parity data's survey metrics and the survey response rate (it reads `sentAt`). */
const surveyMetricsWithRate = fc
  .tuple(
    surveyMetrics,
    fc.record({ kind: fc.constantFrom("nps", "csat", "ces") }, { requiredKeys: [] }),
  )
  .map(([metrics, responseRate]) => ({ ...metrics, responseRate }));
const SURVEY_ENTRIES_WITH_RATE = {
  ...SURVEY_ENTRIES,
  ...entries({ responseRate: "response-rate" }),
};

/** Optional ticket columns, each kept or left out of the whole data set. */

/**
 * Tickets and support costs as one relation, the stream cost per ticket reads (a cost has an
 * `incurredAt`, a ticket none): a view of a table of each, its columns those of both.
 */
async function ticketsAndCosts(records: object[]): Promise<string[]> {
  const costs = records.filter((record) => "incurredAt" in record);
  const tickets = records.filter((record) => !("incurredAt" in record));
  const ticketColumns = await createRecordTable(connection, "tickets", "tickets", tickets);
  const costColumns = await createRecordTable(connection, "costs", "supportCosts", costs);
  await connection.run(
    'CREATE OR REPLACE VIEW "ticketsAndCosts" AS SELECT * FROM "tickets" UNION ALL BY NAME SELECT * FROM "costs"',
  );
  return [...new Set([...ticketColumns, ...costColumns])];
}

/**
 * Sessions and tickets as one relation, the stream the self-service metrics read (a session
 * has a `startedAt`, a ticket none): a view of a table of each, its columns those of both.
 */
async function sessionsAndTickets(records: object[]): Promise<string[]> {
  const sessions = records.filter((record) => "startedAt" in record);
  const tickets = records.filter((record) => !("startedAt" in record));
  const ticketColumns = await createRecordTable(connection, "tickets", "tickets", tickets);
  const sessionColumns = await createRecordTable(connection, "sessions", "sessions", sessions);
  await connection.run(
    'CREATE OR REPLACE VIEW "sessionsAndTickets" AS SELECT * FROM "tickets" UNION ALL BY NAME SELECT * FROM "sessions"',
  );
  return [...new Set([...ticketColumns, ...sessionColumns])];
}

/**
 * The same rollup in memory and on DuckDB; their rows must agree. The layout's key is the
 * field `key` (a channel, or a customer's segment).
 */
async function sameRows(
  kind: TableKind | "ticketsAndCosts" | "sessionsAndTickets",
  records: object[],
  entries: Record<string, MetricDefinition>,
  options: Record<string, object>,
  shape: Layout,
  key = "channel",
) {
  const name = kind === "ticketsAndCosts" || kind === "sessionsAndTickets" ? kind : "records";
  const columns =
    kind === "ticketsAndCosts"
      ? await ticketsAndCosts(records)
      : kind === "sessionsAndTickets"
        ? await sessionsAndTickets(records)
        : await createRecordTable(connection, name, kind, records);
  const common = keyedBy(rollupOptionsOf(shape), key);
  const reducers = Object.fromEntries(
    Object.entries(entries).map(([name, metric]) => [name, metric.reducer(options[name])]),
  );
  const expected = JSON.parse(
    JSON.stringify(
      rollup(records as Record<string, unknown>[], {
        ...common,
        by: common.by as GroupBy<Record<string, unknown>>,
        metrics: reducers,
      }),
    ),
  );
  const actual = await duckdbRollup(connection, {
    ...common,
    relation: { name, columns },
    metrics: Object.fromEntries(
      Object.entries(entries).map(([name, metric]) => [
        name,
        { metric, options: options[name] as object },
      ]),
    ),
  });
  expectSameRows(JSON.parse(JSON.stringify(actual)), expected);
}

/** The shared ticket property (parityData.testing.ts) on DuckDB. */
const ticketProperty = (property: Parameters<typeof sharedTicketProperty>[1]) =>
  sharedTicketProperty(
    (tickets, entries, options, shape) => sameRows("tickets", tickets, entries, options, shape),
    property,
  );

describe("the DuckDB engine gives the in-memory rollup's rows", () => {
  test("ticket metrics of the standard report, every option", async () => {
    await ticketProperty({
      maxLength: 40,
      columns: fc.subarray([...TICKET_COLUMNS]),
      metrics: timedTicketMetrics,
      entries: TICKET_ENTRIES,
      numRuns: 80,
    });
  });

  test("handoffs and transfer rate from assignment histories and replies, every option", async () => {
    await ticketProperty({
      maxLength: 40,
      columns: maybeMessagesColumns,
      metrics: agentsMetrics,
      entries: AGENTS_ENTRIES,
      numRuns: 80,
    });
  });

  test("time in statuses from status histories, every option", async () => {
    await ticketProperty({
      maxLength: 40,
      columns: statusColumns,
      metrics: statusMetrics,
      entries: STATUS_ENTRIES,
      numRuns: 80,
    });
  });

  test("first response and reply time from the messages, every option, first response in calendar or business time", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawTicket, { maxLength: 30 }),
        messagesColumns,
        fc.tuple(replyMetrics, timing).map(([metrics, frt]) => ({
          ...metrics,
          frt: { ...metrics.frt, ...frt },
        })),
        layout,
        async (raws, kept, options, shape) => {
          const tickets = ticketsOf(raws, kept);
          await sameRows("tickets", tickets, REPLY_ENTRIES, options, shape);
        },
      ),
      { numRuns: 100 },
    );
  });

  test("stocks at each period's end of a range, or at asOf, beside flows", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawTicket, { maxLength: 40 }),
        fc.subarray([...TICKET_COLUMNS]),
        stockMetrics,
        stockLayout,
        fc.option(fc.nat(), { freq: 3 }),
        async (raws, kept, options, shape, pick) => {
          const tickets = ticketsOf(raws, kept);
          const given = stockOptions(options, shape.unit !== null, tickets, pick);
          await sameRows("tickets", tickets, STOCK_ENTRIES, given, shape);
        },
      ),
      { numRuns: 120 },
    );
  });

  test("metrics counted at several instants (creation and resolution), every option", async () => {
    await ticketProperty({
      maxLength: 40,
      columns: eventsColumns,
      metrics: eventsMetrics,
      entries: EVENTS_ENTRIES,
      numRuns: 120,
    });
  });

  test("survey metrics of the standard report, every option", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawSurvey, { maxLength: 40 }),
        surveyMetricsWithRate,
        layout,
        async (raws, options, shape) => {
          await sameRows(
            "surveyResponses",
            surveysOf(raws),
            SURVEY_ENTRIES_WITH_RATE,
            options,
            shape,
          );
        },
      ),
      { numRuns: 80 },
    );
  });

  test("queue metrics, every option, on contacts of every outcome", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawContact, { maxLength: 40 }),
        fc.subarray([...CONTACT_COLUMNS]),
        queueMetrics,
        layout,
        async (raws, kept, options, shape) => {
          await sameRows("queueContacts", contactsOf(raws, kept), QUEUE_ENTRIES, options, shape);
        },
      ),
      { numRuns: 80 },
    );
  });

  test("churn and retention over random customers, every option", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawCustomer, { maxLength: 40 }),
        customerMetrics,
        stockLayout,
        fc.option(fc.nat(), { freq: 3 }),
        async (raws, options, shape, pick) => {
          const customers = customersOf(raws);
          const given = customerOptions(options, shape.unit !== null, customers, pick);
          fc.pre(!reachesNoWindow(customers, given, shape.unit !== null || shape.byChannel));
          await sameRows("customers", customers, CUSTOMER_ENTRIES, given, shape, "segment");
        },
      ),
      { numRuns: 120 },
    );
  });

  test("cost per ticket over tickets and support costs, every option", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawTicket, { maxLength: 30 }),
        fc.subarray([...TICKET_COLUMNS]),
        fc.array(rawCost, { maxLength: 15 }),
        costMetrics,
        layout,
        async (raws, kept, costs, options, shape) => {
          const records = [...ticketsOf(raws, kept), ...costsOf(costs)];
          await sameRows("ticketsAndCosts", records, COST_ENTRIES, options, shape);
        },
      ),
      { numRuns: 80 },
    );
  });

  test("self-service score and engagement over sessions and tickets, every option", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawTicket, { maxLength: 20 }),
        fc.subarray([...TICKET_COLUMNS]),
        fc.array(rawSession, { maxLength: 20 }),
        selfServiceMetrics,
        layout,
        async (raws, kept, sessions, options, shape) => {
          const records = [...ticketsOf(raws, kept), ...sessionsOf(sessions)];
          await sameRows("sessionsAndTickets", records, SELF_SERVICE_ENTRIES, options, shape);
        },
      ),
      { numRuns: 60 },
    );
  });

  test("deflection over sessions and the tickets that follow them, every option", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawTicket, { maxLength: 20 }),
        fc.subarray([...TICKET_COLUMNS]),
        fc.array(rawSession, { maxLength: 20 }),
        deflectionMetrics,
        layout,
        async (raws, kept, sessions, options, shape) => {
          const records = [...ticketsOf(raws, kept), ...sessionsOf(sessions)];
          await sameRows("sessionsAndTickets", records, DEFLECTION_ENTRIES, options, shape);
        },
      ),
      { numRuns: 60 },
    );
  });

  test("chat concurrency on overlapping and touching conversations", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawChat, { minLength: 2, maxLength: 30 }),
        layout,
        async (raws, shape) => {
          await sameRows(
            "queueContacts",
            contactsOf(raws, CONTACT_COLUMNS),
            CHAT_ENTRIES,
            {},
            shape,
          );
        },
      ),
      { numRuns: 80 },
    );
  });
});
