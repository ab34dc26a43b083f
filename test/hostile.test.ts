/**
 * Issue 12's fuzz test: random extreme instants, spans and saved states fed to every metric
 * in the catalogue, to a rollup of it and to merges. Each run must end, within the test's
 * timeout, in a result or a typed error (TypeError, RangeError, or a schema's refusal):
 * never a hang, and never the internal "Invalid time value" of a Date past its range.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type RollupState, rollupReducer } from "../src/aggregate/rollup.ts";
import { catalogue } from "../src/metrics/catalogue.ts";
import type { MetricDefinition, RecordKind } from "../src/metrics/define.ts";
import { EARLIEST_INSTANT, LATEST_INSTANT } from "../src/reduce/arguments.ts";
import type { AnyReducer } from "../src/reduce/reducer.ts";
import { stateFromJSON, stateToJSON } from "../src/reduce/serialize.ts";
import { queueContactSchema } from "../src/schemas/queueContact.ts";
import { sessionSchema } from "../src/schemas/session.ts";
import { customer, purchase, shift, supportCost, survey, ticket } from "./fixtures.ts";

const DAY = 86_400_000;

/** The options a metric cannot do without, for the few that need some. */
const WINDOW = { window: { start: "2024-01-01T00:00:00Z", end: "2025-01-01T00:00:00Z" } };
const NEEDED: Record<string, object> = {
  "status-time": { statuses: ["pending"] },
  sla: {
    asOf: "2025-01-01T00:00:00Z",
    policies: [{ name: "All", targets: { firstReply: { minutes: 60, businessHours: false } } }],
  },
  churn: WINDOW,
  retention: WINDOW,
  clv: { lifespan: 12, ...WINDOW },
  "queue-length": { asOf: "2025-01-01T00:00:00Z" },
  backlog: { asOf: "2025-01-01T00:00:00Z" },
  "margin-clv": { grossMargin: 0.5, ...WINDOW },
  "contact-rate": WINDOW,
  "cac-payback": { grossMargin: 0.5 },
};

/** Instants worth trying: the ends of the supported years, past them, years 0-99, and any. */
const instant = fc.oneof(
  fc.constantFrom(
    EARLIEST_INSTANT,
    LATEST_INSTANT,
    EARLIEST_INSTANT - 1,
    LATEST_INSTANT + 1,
    8.64e15,
    -8.64e15,
    -8e15,
    Date.parse("0024-05-02T00:00:00Z"),
    Date.parse("0050-01-01T00:00:00Z"),
    0,
  ),
  fc.integer({ min: EARLIEST_INSTANT, max: LATEST_INSTANT }),
  fc.integer({ min: Date.parse("2023-01-01T00:00:00Z"), max: Date.parse("2025-01-01T00:00:00Z") }),
);

/** A span: a start and a length from nothing to centuries (or open). */
const span = fc.record({
  start: instant,
  length: fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 400 * 365 }).map((d) => d * DAY),
  ),
});

const iso = (ms: number) => new Date(ms).toISOString();

/** One record of a kind from a span; the schema may refuse it (that is a typed error too). */
function recordOf(kind: RecordKind, s: { start: number; length: number | null }): unknown {
  const end = s.length === null ? null : s.start + s.length;
  const endText = end === null ? null : new Date(end);
  switch (kind) {
    case "tickets":
      return ticket({
        createdAt: new Date(s.start),
        firstResponseAt: endText,
        firstResolvedAt: endText,
        status: end === null ? "open" : "solved",
      } as never);
    case "surveyResponses":
      return survey("csat", 4, {
        respondedAt: new Date(s.start),
        sentAt: new Date(s.start),
      } as never);
    case "customers":
      return customer({ startedAt: new Date(s.start), endedAt: endText } as never);
    case "purchases":
      return purchase({ purchasedAt: new Date(s.start) } as never);
    case "supportCosts":
      return supportCost({ incurredAt: new Date(s.start) } as never);
    case "agentShifts":
      return shift({
        scheduled: { start: iso(s.start), end: endText === null ? iso(s.start) : endText },
      } as never);
    case "queueContacts":
      return queueContactSchema().parse({
        id: "q",
        offeredAt: new Date(s.start),
        answeredAt: endText,
        talkSeconds: 60,
        wrapSeconds: 10,
        agentId: "ana",
      });
    case "sessions":
      // A session starting at the extreme instant (the self-service metrics also read
      // tickets, which the tickets case above feeds to every ticket metric).
      return sessionSchema().parse({
        id: "s",
        startedAt: new Date(s.start),
        kind: "search",
        customerId: "c1",
      });
  }
}

/** Runs `work`: `true` when it gave a result, `false` for a typed refusal; else it fails. */
function resultOrTypedError(work: () => unknown): boolean {
  try {
    work();
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    const { name, message } = error as Error;
    // A schema's refusal is zod/mini's $ZodError (classic zod named it ZodError).
    expect(["TypeError", "RangeError", "$ZodError"]).toContain(name);
    expect(message).not.toBe("Invalid time value");
    return false;
  }
}

function reducerOf(metric: MetricDefinition): AnyReducer {
  return metric.reducer(NEEDED[metric.name] as never);
}

describe("every metric in the catalogue, fed extreme instants and spans (issue 12)", () => {
  for (const metric of catalogue) {
    test(metric.name, () => {
      // Some runs must give a result: a test that only ever sees refusals proves nothing.
      let results = 0;
      fc.assert(
        fc.property(fc.array(span, { minLength: 1, maxLength: 4 }), (spans) => {
          const records: unknown[] = [];
          for (const s of spans)
            resultOrTypedError(() => records.push(recordOf(metric.records, s)));
          const measured = resultOrTypedError(() => {
            const reducer = reducerOf(metric);
            const state = reducer.init();
            for (const record of records) reducer.add(state, record, reducer.window);
            const back = stateFromJSON(stateToJSON(state, reducer), reducer);
            const result = reducer.result(reducer.merge(back, state));
            expect(result).toHaveProperty("value");
          });
          if (measured) results++;
          resultOrTypedError(() => {
            const rollup = rollupReducer({
              by: { period: "year" },
              timeZone: "America/New_York",
              metrics: { m: reducerOf(metric) },
            });
            const state = rollup.init();
            for (const record of records) rollup.add(state, record, undefined);
            const back = stateFromJSON<RollupState>(stateToJSON(state, rollup), rollup);
            expect(Array.isArray(rollup.result(rollup.merge(back, state)))).toBe(true);
          });
        }),
        { numRuns: 15 },
      );
      expect(results).toBeGreaterThan(0);
    }, 60_000);
  }
});

describe("saved states with random values in place of counts and instants (issue 12)", () => {
  const hostileNumber = fc.oneof(
    fc.constantFrom(Number.NaN, -5, 0.5, -8e15, 8.64e15, 1e308, Number.POSITIVE_INFINITY),
    fc.integer(),
    fc.double(),
  );

  test("every number of a saved rollup state replaced at random: read, merged and reported, or refused", () => {
    const volume = catalogue.find((m) => m.name === "volume") as MetricDefinition;
    const backlog = catalogue.find((m) => m.name === "backlog") as MetricDefinition;
    const rollup = rollupReducer({
      by: { period: "month" },
      metrics: { volume: volume.reducer(), backlog: backlog.reducer() },
    });
    const state = rollup.init();
    rollup.add(
      state,
      ticket({ createdAt: "2024-01-05T00:00:00Z", status: "open" } as never),
      undefined,
    );
    rollup.add(state, ticket({ createdAt: "2024-03-05T00:00:00Z" }), undefined);
    const text = stateToJSON(state, rollup);
    // [read and reported, refused]: both must happen for the test to mean anything.
    const outcomes = [0, 0];
    // The numbers of the state itself (not of its header and its description of the rollup).
    const from = text.indexOf('"state":');
    const numbers = [
      ...text.slice(from).matchAll(/(?<=[:[,])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?=[,\]}])/g),
    ];
    fc.assert(
      fc.property(fc.nat({ max: numbers.length - 1 }), hostileNumber, (which, value) => {
        const match = numbers[which] as RegExpMatchArray;
        const written = Number.isFinite(value)
          ? String(value)
          : `{"$":"number","value":"${String(value)}"}`;
        const bad =
          text.slice(0, from + (match.index as number)) +
          written +
          text.slice(from + (match.index as number) + match[0].length);
        const read = resultOrTypedError(() => {
          const back = stateFromJSON<RollupState>(bad, rollup);
          rollup.result(rollup.merge(back, rollup.init()));
        });
        if (read) outcomes[0] = (outcomes[0] ?? 0) + 1;
        else outcomes[1] = (outcomes[1] ?? 0) + 1;
      }),
      { numRuns: 200 },
    );
    expect(outcomes[0]).toBeGreaterThan(0);
    expect(outcomes[1]).toBeGreaterThan(0);
  }, 60_000);
});
