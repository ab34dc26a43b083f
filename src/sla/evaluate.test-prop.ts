import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../test/fixtures.ts";
import { weekdaysIn } from "../../test/schedules.ts";
import { isAgentReply } from "../schemas/ticket.ts";
import { schedule } from "../time/schedule.ts";
import { evaluateSla, type SlaOptions, type SlaResolution } from "./evaluate.ts";
import { SLA_KINDS, type SlaKind, type SlaPolicyInput, slaPolicies } from "./policy.ts";

const start = Date.parse("2024-03-08T12:00:00Z");
const iso = (offsetSeconds: number) => new Date(start + offsetSeconds * 1000).toISOString();
const DAY = 86_400;

// Tickets over up to four days around the Berlin and New York spring DST changes (March 10
// and 31 are both ahead), with every author role, notes, automation and status changes.
const message = fc.record({
  offset: fc.integer({ min: 0, max: 4 * DAY }),
  authorRole: fc.constantFrom("agent", "agent", "customer", "customer", "bot") as fc.Arbitrary<
    "agent" | "customer" | "bot"
  >,
  public: fc.constantFrom(true, true, true, false),
  automated: fc.constantFrom(false, false, false, true),
});
const change = fc.record({
  offset: fc.integer({ min: 0, max: 4 * DAY }),
  status: fc.constantFrom("open", "pending", "solved", "closed") as fc.Arbitrary<
    "open" | "pending" | "solved" | "closed"
  >,
});
const aTicket = fc
  .record({
    created: fc.integer({ min: 0, max: 30 * DAY }),
    priority: fc.constantFrom("urgent", "high", "normal", "low", null),
    channel: fc.constantFrom("email", "chat", null),
    messages: fc.option(fc.array(message, { maxLength: 8 }), { freq: 6 }),
    changes: fc.option(fc.array(change, { maxLength: 4 }), { freq: 3 }),
  })
  .map(({ created, priority, channel, messages, changes }) =>
    ticket({
      createdAt: iso(created),
      priority,
      channel,
      messages:
        messages === null
          ? null
          : messages.map(({ offset, ...m }) => ({ ...m, at: iso(created + offset) })),
      statusChanges:
        changes === null
          ? null
          : changes.map(({ offset, status }) => ({ at: iso(created + offset), status })),
    }),
  );

const berlin = weekdaysIn("Europe/Berlin", "09:00", "18:00", {
  weekly: {
    friday: [
      { start: "09:00", end: "12:30" },
      { start: "13:30", end: "17:00" },
    ],
  },
  holidays: [{ date: "2024-03-29" }],
});
const always = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
/** Open all day, every day, in UTC: business time is calendar time. */
const allDay = schedule({
  timeZone: "UTC",
  weekly: Object.fromEntries(always.map((day) => [day, [{ start: "00:00", end: "24:00" }]])),
});

const target = fc.record({
  minutes: fc.integer({ min: 1, max: 3 * 24 * 60 }),
  businessHours: fc.boolean(),
});
const targets = fc.record(
  {
    firstReply: target,
    nextReply: target,
    periodicUpdate: target,
    resolution: target,
  },
  { requiredKeys: [] },
);
const policyList: fc.Arbitrary<SlaPolicyInput[]> = fc
  .tuple(targets, targets, targets)
  .map(([urgentEmail, urgent, rest]) => [
    { name: "Urgent email", priority: "urgent", channel: "email", targets: urgentEmail },
    { name: "Urgent", priority: ["urgent", "high"], targets: urgent },
    { name: "Rest", priority: ["normal", "low"], targets: rest },
  ]);
const options = fc.record({
  asOf: fc.integer({ min: 0, max: 40 * DAY }).map(iso),
  resolution: fc.constantFrom<SlaResolution>("first", "full"),
  targets: fc.subarray([...SLA_KINDS], { minLength: 1 }),
});

function optionsFor(
  policies: SlaPolicyInput[],
  o: { asOf: string; resolution: SlaResolution; targets: SlaKind[] },
): SlaOptions {
  return { policies: slaPolicies(policies), schedule: berlin, ...o };
}

describe("evaluateSla properties", () => {
  test("every instance is consistent with its status, due instant and asOf", () => {
    fc.assert(
      fc.property(aTicket, policyList, options, (t, policies, o) => {
        const asOf = Date.parse(o.asOf);
        const evaluation = evaluateSla(t, optionsFor(policies, o));
        if (evaluation.outcome !== "evaluated") expect(evaluation.instances).toEqual([]);
        for (const i of evaluation.instances) {
          const s = i.start.getTime();
          const due = i.due.getTime();
          expect(s).toBeLessThanOrEqual(asOf);
          expect(s).toBeGreaterThanOrEqual(t.createdAt.getTime());
          expect(due).toBeGreaterThan(s);
          if (!i.businessHours) expect(due - s).toBe(i.targetSeconds * 1000);
          const end = i.completedAt?.getTime() ?? null;
          if (end !== null) {
            expect(end).toBeGreaterThanOrEqual(s);
            expect(end).toBeLessThanOrEqual(asOf);
          }
          expect(i.completedBy === null).toBe(end === null);
          if (i.status === "achieved") {
            expect(end).not.toBeNull();
            expect(i.overdueSeconds).toBeNull();
          }
          if (i.status === "inProgress") {
            expect(end).toBeNull();
            expect(i.overdueSeconds).toBeNull();
          }
          if (i.status === "breached") {
            expect(i.overdueSeconds).toBeGreaterThan(0);
            // never more than the calendar time past due
            expect(i.overdueSeconds as number).toBeLessThanOrEqual(((end ?? asOf) - due) / 1000);
            if (!i.businessHours) {
              expect(i.overdueSeconds).toBe(((end ?? asOf) - due) / 1000);
            }
          }
          // In calendar time, on time means not after the due instant
          if (!i.businessHours) {
            expect(i.status === "breached").toBe((end ?? asOf) > due);
          }
        }
      }),
    );
  });

  test("instances are bounded by the messages that start them", () => {
    fc.assert(
      fc.property(aTicket, policyList, options, (t, policies, o) => {
        const { instances } = evaluateSla(t, optionsFor(policies, o));
        const count = (kind: SlaKind) => instances.filter((i) => i.kind === kind).length;
        expect(count("firstReply")).toBeLessThanOrEqual(1);
        expect(count("resolution")).toBeLessThanOrEqual(1);
        const messages = t.messages ?? [];
        const replies = messages.filter(isAgentReply).length;
        const customer = messages.filter((m) => m.authorRole === "customer").length;
        expect(count("periodicUpdate")).toBeLessThanOrEqual(replies);
        expect(count("nextReply")).toBeLessThanOrEqual(customer);
      }),
    );
  });

  test("a decided reply target stays decided, the same way, as asOf moves later", () => {
    fc.assert(
      fc.property(
        aTicket,
        policyList,
        options,
        fc.integer({ min: 0, max: 10 * DAY }),
        (t, policies, o, later) => {
          const early = evaluateSla(t, optionsFor(policies, o));
          const lateAsOf = new Date(Date.parse(o.asOf) + later * 1000).toISOString();
          const late = evaluateSla(t, optionsFor(policies, { ...o, asOf: lateAsOf }));
          // Two replies in the same second start two periodic updates at one instant (the
          // second completes the first at 0 s), so the k-th instance of a kind and start is
          // matched with the k-th of the later evaluation, not with the first one found.
          const seen = new Map<string, number>();
          for (const i of early.instances) {
            if (i.kind === "resolution") continue; // a reopen can undo a resolution
            const key = `${i.kind} ${i.start.getTime()}`;
            const nth = seen.get(key) ?? 0;
            seen.set(key, nth + 1);
            const same = late.instances.filter(
              (j) => j.kind === i.kind && j.start.getTime() === i.start.getTime(),
            )[nth];
            expect(same).toBeDefined();
            if (i.status !== "inProgress") expect(same?.status).toBe(i.status);
          }
        },
      ),
    );
  });

  test("under a schedule open all day, every day, business targets equal calendar targets", () => {
    const asBusiness = (policies: SlaPolicyInput[], businessHours: boolean) =>
      policies.map((policy) => ({
        ...policy,
        targets: Object.fromEntries(
          Object.entries(policy.targets ?? {}).map(([kind, t]) => [kind, { ...t, businessHours }]),
        ),
      }));
    fc.assert(
      fc.property(aTicket, policyList, options, (t, policies, o) => {
        const strip = (options: SlaOptions, businessHours: boolean) =>
          evaluateSla(t, {
            ...options,
            policies: asBusiness(policies, businessHours),
            schedule: allDay,
          }).instances.map(({ businessHours: _, ...rest }) => rest);
        const base = { policies: [], ...o };
        expect(strip(base, true)).toEqual(strip(base, false));
      }),
    );
  });
});
