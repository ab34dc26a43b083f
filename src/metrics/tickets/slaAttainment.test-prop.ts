import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { weekdaysIn } from "../../../test/schedules.ts";
import { rollup, rollupReducer } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { SlaOptions, SlaResolution } from "../../sla/evaluate.ts";
import { evaluateSla } from "../../sla/evaluate.ts";
import { SLA_KINDS, type SlaKind, type SlaTicket, slaPolicies } from "../../sla/policy.ts";
import { slaAttainmentReducer } from "./slaAttainment.ts";

const start = Date.parse("2024-03-08T12:00:00Z");
const iso = (offsetSeconds: number) => new Date(start + offsetSeconds * 1000).toISOString();
const DAY = 86_400;

// Tickets over a month (across the New York and Berlin spring DST changes), with messages,
// notes, bots, automation and status changes; some without messages or a priority.
const message = fc.record({
  offset: fc.integer({ min: 0, max: 3 * DAY }),
  authorRole: fc.constantFrom("agent", "customer", "customer", "bot") as fc.Arbitrary<
    "agent" | "customer" | "bot"
  >,
  public: fc.constantFrom(true, true, true, false),
  automated: fc.constantFrom(false, false, false, true),
});
const change = fc.record({
  offset: fc.integer({ min: 0, max: 3 * DAY }),
  status: fc.constantFrom("open", "pending", "solved") as fc.Arbitrary<
    "open" | "pending" | "solved"
  >,
});
const aTicket = fc
  .record({
    created: fc.integer({ min: 0, max: 25 * DAY }),
    priority: fc.constantFrom("urgent", "normal", "low", null),
    channel: fc.constantFrom("email", "chat"),
    assigneeId: fc.constantFrom("ana", "bo", null),
    messages: fc.option(fc.array(message, { maxLength: 6 }), { freq: 5 }),
    changes: fc.array(change, { maxLength: 3 }),
  })
  .map(({ created, messages, changes, ...fields }) =>
    ticket({
      ...fields,
      createdAt: iso(created),
      messages:
        messages === null
          ? null
          : messages.map(({ offset, ...m }) => ({ ...m, at: iso(created + offset) })),
      statusChanges: changes.map(({ offset, status }) => ({ at: iso(created + offset), status })),
    }),
  );
const tickets = fc.array(aTicket, { maxLength: 8 });

const newYork = weekdaysIn("America/New_York", "09:00", "18:00", {
  weekly: { saturday: [{ start: "22:00", end: "02:00" }] },
});
const policies = slaPolicies([
  {
    name: "Urgent email",
    priority: "urgent",
    channel: "email",
    targets: {
      firstReply: { minutes: 30, businessHours: false },
      nextReply: { minutes: 60, businessHours: true },
      resolution: { minutes: 8 * 60, businessHours: true },
    },
  },
  {
    name: "Standard",
    priority: ["urgent", "normal"],
    targets: {
      firstReply: { minutes: 4 * 60, businessHours: true },
      periodicUpdate: { minutes: 24 * 60, businessHours: false },
      resolution: { minutes: 3 * 24 * 60, businessHours: false },
    },
  },
  {
    name: "Low",
    priority: "low",
    targetsByPriority: { urgent: { firstReply: { seconds: 60, businessHours: false } } },
  },
]);
const configs = fc.record({
  asOf: fc.integer({ min: 0, max: 35 * DAY }).map(iso),
  resolution: fc.constantFrom<SlaResolution>("first", "full"),
  targets: fc.subarray([...SLA_KINDS], { minLength: 1 }),
  scheduleRule: fc.constantFrom("perSegment", "atEvent") as fc.Arbitrary<"perSegment" | "atEvent">,
});
const optionsOf = (config: {
  asOf: string;
  resolution: SlaResolution;
  targets: SlaKind[];
  scheduleRule: "perSegment" | "atEvent";
}): SlaOptions => ({ policies, schedule: newYork, ...config });

describe("slaAttainment properties", () => {
  reducerLaws((config) => slaAttainmentReducer(optionsOf(config)), tickets, { configs });

  test("achieved + breached + in progress = instances, value in [0, 100], kinds add up", () => {
    fc.assert(
      fc.property(tickets, configs, (ts, config) => {
        const result = reduce(ts, slaAttainmentReducer(optionsOf(config)));
        expect(result.achieved + result.breached + result.inProgress).toBe(result.instances);
        expect(result.numerator).toBe(result.achieved);
        expect(result.denominator).toBe(result.achieved + result.breached);
        expect(result.value === null).toBe(result.denominator === 0);
        if (result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(100);
        }
        const kinds = Object.values(result.byKind);
        expect(kinds).toHaveLength(config.targets.length);
        for (const status of ["achieved", "breached", "inProgress"] as const) {
          expect(kinds.reduce((sum, k) => sum + k[status], 0)).toBe(result[status]);
        }
        // The instances are exactly those evaluateSla lists, ticket by ticket
        const options = optionsOf(config);
        const evaluations = ts.map((t) => evaluateSla(t, options));
        expect(result.instances).toBe(evaluations.reduce((n, e) => n + e.instances.length, 0));
        expect(result.tickets).toBe(evaluations.filter((e) => e.instances.length > 0).length);
        // Whole-ticket exclusions: one per ticket without a policy, a target, or a start
        const whole = evaluations.filter((e) => e.outcome !== "evaluated").length;
        expect(
          result.excluded.noPolicy + result.excluded.noTarget + result.excluded.createdAfterAsOf,
        ).toBe(whole);
      }),
    );
  });

  test("a rollup by day and policy splits the instances without losing or repeating any", () => {
    fc.assert(
      fc.property(
        tickets,
        configs,
        fc.constantFrom("UTC", "America/New_York"),
        (ts, config, timeZone) => {
          const reducer = slaAttainmentReducer(optionsOf(config));
          const whole = reduce(ts, reducer);
          const rows = rollup(ts, {
            by: {
              period: "day",
              policy: (t) => evaluateSla(t, optionsOf(config)).policy?.name ?? null,
            },
            timeZone,
            metrics: { sla: reducer },
          });
          const sum = (read: (row: (typeof rows)[number]) => number) =>
            rows.reduce((total, row) => total + read(row), 0);
          expect(sum((row) => row.sla.achieved)).toBe(whole.achieved);
          expect(sum((row) => row.sla.breached)).toBe(whole.breached);
          expect(sum((row) => row.sla.inProgress)).toBe(whole.inProgress);
          for (const reason of Object.keys(whole.excluded) as (keyof typeof whole.excluded)[]) {
            expect(sum((row) => row.sla.excluded[reason] ?? 0)).toBe(whole.excluded[reason]);
          }
          // Rows without a period hold no instance
          expect(
            rows.filter((row) => row.period === null).every((row) => row.sla.instances === 0),
          ).toBe(true);
        },
      ),
    );
  });

  test("judged late (asOf read at the result) equals judged at the same instant given", () => {
    // The latest instant of the input: every ticket's events are at or before it, which is
    // what the CLI gives a late asOf.
    const latestOf = (
      ts: readonly (typeof tickets extends fc.Arbitrary<infer T> ? T : never)[number][],
    ) => {
      let latest = start;
      for (const t of ts) {
        for (const date of [
          t.createdAt,
          ...(t.messages ?? []).map((m) => m.at),
          ...(t.statusChanges ?? []).map((c) => c.at),
        ])
          latest = Math.max(latest, date.getTime());
      }
      return latest;
    };
    fc.assert(
      fc.property(tickets, configs, fc.integer({ min: 0, max: 10 * DAY }), (ts, config, after) => {
        const at = latestOf(ts) + after * 1000;
        const byDay = (metric: ReturnType<typeof slaAttainmentReducer>) =>
          rollupReducer<SlaTicket, { sla: typeof metric }>({
            by: { period: "day" },
            timeZone: "UTC",
            metrics: { sla: metric },
          });
        const given = byDay(slaAttainmentReducer({ ...optionsOf(config), asOf: at }));
        let judged = Number.NaN;
        const late = byDay(slaAttainmentReducer({ ...optionsOf(config), asOf: () => judged }));
        const fold = (reducer: typeof given) => {
          const state = reducer.init();
          for (const t of ts) reducer.add(state, t, undefined);
          return state;
        };
        const lateState = fold(late);
        judged = at; // known only once every record is read
        expect(late.result(lateState)).toEqual(given.result(fold(given)));
      }),
    );
  });
});
