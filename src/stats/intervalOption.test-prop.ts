import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arbitraryContacts } from "../../test/fixtures/queueContacts.ts";
import { survey, ticket } from "../../test/fixtures.ts";
import { reducerLaws } from "../../test/laws.ts";
import { catalogue } from "../metrics/catalogue.ts";
import { type MetricDefinition, requiredOptions } from "../metrics/define.ts";
import { csatReducer } from "../metrics/surveys/csat.ts";
import { npsReducer } from "../metrics/surveys/nps.ts";
import { firstResponseTimeReducer } from "../metrics/tickets/firstResponseTime.ts";
import { reduce } from "../reduce/reduce.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import { rateInterval } from "./metricIntervals.ts";

/**
 * Properties of the `interval` option: the reducer laws still hold with it (the interval is
 * computed in `result` only), for every catalogue metric that takes it; the interval
 * contains the value, widens with the level and narrows with more of the same data.
 */

const DAY = Date.parse("2024-03-01T00:00:00Z");
const iso = (seconds: number) => new Date(DAY + seconds * 1000).toISOString();

const tickets = fc.array(
  fc
    .record({
      created: fc.integer({ min: 0, max: 86_400 }),
      respond: fc.option(fc.integer({ min: 0, max: 7_200 })),
      resolve: fc.option(fc.integer({ min: 0, max: 3 * 86_400 })),
      reopens: fc.integer({ min: 0, max: 2 }),
      escalated: fc.boolean(),
      handle: fc.option(fc.integer({ min: 0, max: 3_600 })),
      assignees: fc.array(fc.constantFrom("a", "b", "c"), { maxLength: 3 }),
    })
    .map((t) =>
      ticket({
        createdAt: iso(t.created),
        firstResponseAt: t.respond === null ? null : iso(t.created + t.respond),
        firstResolvedAt: t.resolve === null ? null : iso(t.created + t.resolve),
        lastResolvedAt: t.resolve === null ? null : iso(t.created + t.resolve),
        status: t.resolve === null ? "open" : "solved",
        reopenCount: t.reopens,
        escalated: t.escalated,
        handleSeconds: t.handle,
        assignments: t.assignees.map((assigneeId, i) => ({ at: iso(t.created + i), assigneeId })),
      }),
    ),
  { maxLength: 25 },
);

const surveys = fc.array(
  fc
    .record({
      kind: fc.constantFrom("nps", "csat", "ces") as fc.Arbitrary<"nps" | "csat" | "ces">,
      score: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 6 }),
      at: fc.integer({ min: 0, max: 86_400 }),
    })
    .map(({ kind, score, at }) =>
      survey(kind, kind === "nps" && score !== null ? score * 2 : score, {
        ...(kind === "nps" ? {} : { scale: { min: 1, max: 5 } }),
        ...(score === null ? { sentAt: iso(at) } : { sentAt: iso(at), respondedAt: iso(at + 60) }),
      }),
    ),
  { maxLength: 25 },
);

const customers = fc.array(
  fc
    .record({
      start: fc.integer({ min: -40, max: 30 }),
      end: fc.option(fc.integer({ min: 0, max: 60 })),
    })
    .map(({ start, end }) => ({
      startedAt: new Date(DAY + start * 86_400_000),
      endedAt: end === null ? null : new Date(DAY + (start + end) * 86_400_000),
    })),
  { maxLength: 25 },
);

/** The options a metric needs to run, by option name (never by metric), as in the junk test. */
const NEEDED: Record<string, unknown> = {
  asOf: "2024-03-10T00:00:00Z",
  policies: [{ name: "All", targets: { firstReply: { minutes: 60, businessHours: false } } }],
  statuses: ["pending"],
  window: { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" },
};

function reducerWithInterval(metric: MetricDefinition, level: number): AnyReducer {
  const options: Record<string, unknown> = { interval: { level } };
  for (const name of requiredOptions(metric)) options[name] = NEEDED[name];
  if (metric.key === "csat") options.method = "mean";
  return metric.reducer(options as never);
}

/** Sessions and tickets of a few customers (the deflection rate reads both). */
const sessionsAndTickets = fc.array(
  fc.oneof(
    fc
      .record({
        at: fc.integer({ min: 0, max: 3 * 86_400 }),
        customer: fc.option(fc.constantFrom("c1", "c2", "c3")),
        kind: fc.constantFrom("articleView", "search", "botFlow"),
      })
      .map(({ at, customer, kind }) => ({
        startedAt: new Date(iso(at)),
        customerId: customer,
        kind,
      })),
    fc
      .record({
        at: fc.integer({ min: 0, max: 3 * 86_400 }),
        customer: fc.constantFrom("c1", "c2"),
      })
      .map(({ at, customer }) => ({ createdAt: new Date(iso(at)), customerId: customer })),
  ),
  { maxLength: 25 },
);

const RECORDS: Record<string, fc.Arbitrary<unknown[]>> = {
  sessions: sessionsAndTickets,
  tickets,
  surveyResponses: surveys,
  customers,
  queueContacts: arbitraryContacts,
};

const taking = catalogue.filter((metric) => metric.takesInterval);

describe("every catalogue metric that takes an interval keeps the reducer laws with it", () => {
  test("the metrics are the rates, scores and durations", () => {
    expect(taking.length).toBeGreaterThanOrEqual(20);
    for (const metric of taking) expect(RECORDS[metric.records]).toBeDefined();
  });
  describe.each(taking.map((metric) => [metric.name, metric] as const))("%s", (_, metric) => {
    reducerLaws(
      (level: number) => reducerWithInterval(metric, level),
      RECORDS[metric.records] as fc.Arbitrary<unknown[]>,
      {
        configs: fc.constantFrom(0.8, 0.95),
        numRuns: 30,
        ...(metric.records === "customers"
          ? { window: { start: DAY, end: DAY + 31 * 86_400_000 } }
          : {}),
      },
    );
  });
});

describe("interval properties", () => {
  const counts = fc
    .tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }))
    .map(([n, k]) => ({ numerator: Math.min(k, n), denominator: n }));

  test("a rate's interval contains the rate, for every method", () => {
    fc.assert(
      fc.property(
        counts,
        fc.constantFrom("wilson", "agresti-coull", "clopper-pearson" as const),
        (rate, method) => {
          const interval = rateInterval(rate, { method });
          const value = (100 * rate.numerator) / rate.denominator;
          expect(interval?.lower).toBeLessThanOrEqual(value + 1e-9);
          expect(interval?.upper).toBeGreaterThanOrEqual(value - 1e-9);
        },
      ),
    );
  });

  test("a higher level gives a wider interval (nested)", () => {
    fc.assert(
      fc.property(counts, fc.double({ min: 0.5, max: 0.98, noNaN: true }), (rate, level) => {
        const narrow = rateInterval(rate, { level });
        const wide = rateInterval(rate, { level: level + 0.01 });
        expect(wide?.lower).toBeLessThanOrEqual(narrow?.lower as number);
        expect(wide?.upper).toBeGreaterThanOrEqual(narrow?.upper as number);
      }),
    );
  });

  test("four times the same answers give a narrower CSAT interval, still around the value", () => {
    const scores = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(scores, fc.constantFrom("top-box", "mean", "happiness" as const), (s, method) => {
        const answers = s.map((score) => survey("csat", score, { scale: { min: 1, max: 5 } }));
        const reducer = csatReducer({ method, interval: true });
        const once = reduce(answers, reducer);
        const more = reduce([...answers, ...answers, ...answers, ...answers], reducer);
        if (once.interval && more.interval) {
          expect(more.interval.upper - more.interval.lower).toBeLessThanOrEqual(
            once.interval.upper - once.interval.lower + 1e-9,
          );
          expect(more.interval.lower).toBeLessThanOrEqual((more.value as number) + 1e-9);
          expect(more.interval.upper).toBeGreaterThanOrEqual((more.value as number) - 1e-9);
        }
      }),
    );
  });

  test("NPS: the interval is within [−100, 100]; Wald contains the NPS", () => {
    const scores = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(scores, (s) => {
        const answers = s.map((score) => survey("nps", score));
        const wald = reduce(answers, npsReducer({ interval: { method: "wald" } }));
        const adjusted = reduce(answers, npsReducer({ interval: true }));
        expect(wald.interval?.lower).toBeLessThanOrEqual((wald.value as number) + 1e-9);
        expect(wald.interval?.upper).toBeGreaterThanOrEqual((wald.value as number) - 1e-9);
        expect(adjusted.interval?.lower).toBeGreaterThanOrEqual(-100);
        expect(adjusted.interval?.upper).toBeLessThanOrEqual(100);
      }),
    );
  });

  test("a duration statistic's interval contains the statistic", () => {
    const seconds = fc.array(fc.integer({ min: 0, max: 86_400 }), { minLength: 2, maxLength: 80 });
    fc.assert(
      fc.property(seconds, fc.constantFrom("mean", "median", "p90" as const), (s, statistic) => {
        const all = s.map((wait) =>
          ticket({ createdAt: iso(0), firstResponseAt: iso(wait), escalated: false }),
        );
        const result = reduce(all, firstResponseTimeReducer({ statistic, interval: true }));
        if (result.interval) {
          expect(result.interval.lower).toBeLessThanOrEqual((result.value as number) + 1e-6);
          expect(result.interval.upper).toBeGreaterThanOrEqual((result.value as number) - 1e-6);
        }
      }),
    );
  });
});
