import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { weekdaysIn } from "../../../test/schedules.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { foldShards } from "../../reduce/folds.ts";
import { policyFor, slaPolicies } from "../../sla/policy.ts";
import { schedule } from "../../time/schedule.ts";
import { type SlaAttainmentInput, slaAttainment, slaAttainmentReducer } from "./slaAttainment.ts";

const calendar = (minutes: number) => ({ minutes, businessHours: false });
const at = (time: string) => (time.includes("T") ? time : `2024-03-01T${time}Z`);
const message = (authorRole: "agent" | "customer", time: string) => ({ at: at(time), authorRole });
const solved = (time: string) => ({ at: at(time), status: "solved" as const });

const policies = slaPolicies([
  {
    name: "Urgent",
    priority: "urgent",
    targets: { firstReply: calendar(30), resolution: calendar(240) },
  },
  {
    name: "Standard",
    priority: ["normal", "low"],
    targets: { firstReply: calendar(120), nextReply: calendar(60) },
  },
]);
const asOf = "2024-03-31T00:00:00Z";
const none = {
  noPolicy: 0,
  noTarget: 0,
  createdAfterAsOf: 0,
  noMessages: 0,
  noSchedule: 0,
  unknownFirstResponse: 0,
};

// Urgent (first reply 30 min, resolution 4 h):
// T1 created 09:00, answered 09:20 (due 09:30) ✓, solved 12:00 (due 13:00) ✓
const t1 = ticket({
  priority: "urgent",
  assigneeId: "ana",
  firstResponseAt: at("09:20:00"),
  statusChanges: [solved("12:00:00")],
});
// T2 created 10:00, answered 11:00 (due 10:30) ✗, never solved (due 14:00) ✗
const t2 = ticket({
  priority: "urgent",
  assigneeId: "bo",
  createdAt: at("10:00:00"),
  firstResponseAt: at("11:00:00"),
});
// Standard (first reply 2 h, next reply 1 h):
// T3 first reply 09:00 → 10:00 ✓; 10:30 → 12:00 (due 11:30) ✗; 13:00 unanswered (due 14:00) ✗
const t3 = ticket({
  priority: "normal",
  assigneeId: "ana",
  messages: [
    message("customer", "09:00:00"),
    message("agent", "10:00:00"),
    message("customer", "10:30:00"),
    message("agent", "12:00:00"),
    message("customer", "13:00:00"),
  ],
});
// T4 created 2024-03-30 23:30, unanswered: first reply due 03-31 01:30, in progress at asOf;
// no messages, so its next reply target cannot be evaluated
const t4 = ticket({ priority: "low", createdAt: "2024-03-30T23:30:00Z" });
// T5 has no priority: no policy
const t5 = ticket({ priority: null });

describe("slaAttainment", () => {
  test("counts target instances: achieved / (achieved + breached), in progress apart", () => {
    // achieved: T1 ×2, T3 first reply = 3; breached: T2 ×2, T3 next reply ×2 = 4;
    // in progress: T4 = 1. value 100 × 3 / 7 = 42.857…
    // first reply: 2 ✓ (T1, T3), 1 ✗ (T2), 1 in progress (T4) → 2 / 3 = 66.67 %
    // next reply: 2 ✗ → 0 %; resolution: 1 ✓ 1 ✗ → 50 %; periodic update: none → null
    expect(slaAttainment([t1, t2, t3, t4, t5], { policies, asOf })).toEqual({
      per: "instance",
      value: (100 * 3) / 7,
      numerator: 3,
      denominator: 7,
      achieved: 3,
      breached: 4,
      inProgress: 1,
      instances: 8,
      tickets: 4,
      byKind: {
        firstReply: { value: (100 * 2) / 3, achieved: 2, breached: 1, inProgress: 1 },
        nextReply: { value: 0, achieved: 0, breached: 2, inProgress: 0 },
        periodicUpdate: { value: null, achieved: 0, breached: 0, inProgress: 0 },
        resolution: { value: 50, achieved: 1, breached: 1, inProgress: 0 },
      },
      excluded: { ...none, noPolicy: 1, noMessages: 1 },
    });
  });

  describe('per: "ticket" (issue 11)', () => {
    // T6 urgent, created 03-30 23:00, answered 23:10 (due 23:30) ✓; resolution due 03-31
    // 03:00, after asOf: in progress. One target met, one open: the ticket is undecided.
    const t6 = ticket({
      priority: "urgent",
      createdAt: "2024-03-30T23:00:00Z",
      firstResponseAt: "2024-03-30T23:10:00Z",
    });
    const all = [t1, t2, t3, t4, t5, t6];

    test("a ticket is achieved only when all its targets were met", () => {
      // T1 all met ✓; T2 both breached ✗; T3 first reply met, next replies breached ✗;
      // T4 first reply open → undecided; T5 no policy; T6 one met, one open → undecided.
      // achieved 1, breached 2, in progress 2 → 100 × 1 / 3 = 33.33 %
      expect(slaAttainment(all, { policies, asOf, per: "ticket" })).toMatchObject({
        per: "ticket",
        value: 100 / 3,
        numerator: 1,
        denominator: 3,
        achieved: 1,
        breached: 2,
        inProgress: 2,
        tickets: 5,
        // the instances are still reported: 3 + 1 (T6's first reply) achieved, 4 breached,
        // 1 + 1 (T6's resolution) in progress
        instances: 10,
        excluded: { noPolicy: 1, noMessages: 1 },
      });
    });

    test("the default counts instances, as Zendesk does", () => {
      // achieved 3 + 1 = 4, breached 4 → 50 %
      expect(slaAttainment(all, { policies, asOf })).toMatchObject({
        per: "instance",
        value: 50,
        achieved: 4,
        breached: 4,
        inProgress: 2,
      });
    });

    test("judged late gives the same tickets as judged at the instant given", () => {
      const judged = slaAttainment(all, { policies, asOf: () => new Date(asOf), per: "ticket" });
      expect(judged).toMatchObject({ value: 100 / 3, achieved: 1, breached: 2, inProgress: 2 });
      // judged a day later, T4's first reply (due 03-31 01:30) and T6's resolution (due
      // 03:00) are breached: achieved 1, breached 4
      const later = slaAttainment(all, {
        policies,
        asOf: () => new Date("2024-04-01T00:00:00Z"),
        per: "ticket",
      });
      expect(later).toMatchObject({ value: 20, achieved: 1, breached: 4, inProgress: 0 });
    });

    test("judged late, a business-hours target is judged in business time", () => {
      // Friday 2024-03-01, 09:00–18:00 UTC; first reply within 60 business minutes.
      // Created 17:00, unanswered: due 18:00. At 20:00 the office is closed: no working time
      // was lost, so the target is still in progress, late or not (it read as breached late).
      const office = schedule({
        timeZone: "UTC",
        weekly: { friday: [{ start: "09:00", end: "18:00" }] },
      });
      const business = [
        { name: "All", targets: { firstReply: { minutes: 60, businessHours: true } } },
      ];
      const open = ticket({ createdAt: "2024-03-01T17:00:00Z" });
      const at = "2024-03-01T20:00:00Z";
      const options = { policies: business, schedule: office, targets: ["firstReply" as const] };
      const given = slaAttainment([open], { ...options, asOf: at });
      const late = slaAttainment([open], { ...options, asOf: () => new Date(at) });
      expect([given.inProgress, given.breached]).toEqual([1, 0]);
      expect([late.inProgress, late.breached]).toEqual([1, 0]);
      const perTicket = slaAttainment([open], {
        ...options,
        asOf: () => new Date(at),
        per: "ticket",
      });
      expect([perTicket.inProgress, perTicket.breached]).toEqual([1, 0]);
    });

    test("shards merged count what one pass counts, judged at asOf or late", () => {
      // T2 and T4 in one shard, the rest in the other: each shard holds a decided ticket and
      // an undecided one, so every count is the sum of two parts.
      const shards = [
        [t2, t4],
        [t1, t3, t5, t6],
      ];
      // At asOf (the test above): achieved 1 (T1), breached 2 (T2, T3), in progress 2 (T4, T6)
      const given = { policies, asOf, per: "ticket" } as const;
      const merged = foldShards(slaAttainmentReducer(given), shards);
      expect(merged).toMatchObject({ achieved: 1, breached: 2, inProgress: 2, instances: 10 });
      expect(merged).toEqual(slaAttainment(all, given));
      // Judged late, a day later: T4's first reply and T6's resolution, held open by their
      // shards, are breached: achieved 1, breached 4 → 20 %. Per instance, first reply: T1,
      // T3, T6 met, T2 and T4 breached; resolution: T1 met, T2 and T6 breached.
      const late = {
        policies,
        asOf: () => new Date("2024-04-01T00:00:00Z"),
        per: "ticket",
      } as const;
      const lateMerged = foldShards(slaAttainmentReducer(late), shards);
      expect(lateMerged).toMatchObject({
        value: 20,
        achieved: 1,
        breached: 4,
        inProgress: 0,
        instances: 10,
        byKind: {
          firstReply: { achieved: 3, breached: 2, inProgress: 0 },
          resolution: { achieved: 1, breached: 2, inProgress: 0 },
        },
      });
      expect(lateMerged).toEqual(slaAttainment(all, late));
    });

    test("judged late, a target is breached from the first instant after its due one", () => {
      // Created Friday 09:00, unanswered, first reply within 60 minutes: due 10:00, in
      // calendar time; in business time too, inside Friday's 09:00–18:00 (UTC), a schedule
      // that ends on Saturday.
      const open = ticket({ createdAt: "2024-03-01T09:00:00Z" });
      const office = schedule({
        timeZone: "UTC",
        weekly: { friday: [{ start: "09:00", end: "18:00" }] },
        validUntil: "2024-03-02T00:00",
      });
      const judged = (businessHours: boolean, at: string, per: "instance" | "ticket") => {
        const result = slaAttainment([open], {
          policies: [{ name: "All", targets: { firstReply: { minutes: 60, businessHours } } }],
          schedule: office,
          targets: ["firstReply"],
          asOf: () => new Date(at),
          per,
        });
        return [result.inProgress, result.breached, result.excluded.noSchedule];
      };
      for (const per of ["instance", "ticket"] as const) {
        for (const businessHours of [false, true]) {
          // before and at 10:00 in progress; one millisecond later breached
          expect(judged(businessHours, "2024-03-01T09:30:00Z", per)).toEqual([1, 0, 0]);
          expect(judged(businessHours, "2024-03-01T10:00:00Z", per)).toEqual([1, 0, 0]);
          expect(judged(businessHours, "2024-03-01T10:00:00.001Z", per)).toEqual([0, 1, 0]);
        }
        // Monday, after the schedule has ended: the business target cannot be judged, and
        // the ticket, with nothing breached, stays undecided
        expect(judged(true, "2024-03-04T10:00:00Z", per)).toEqual(
          per === "instance" ? [0, 0, 1] : [1, 0, 1],
        );
      }
    });

    test("judged late, a calendar target due at the epoch itself is held as a calendar one", () => {
      // Created 1969-12-31 23:00, first reply within 60 minutes: due at 0 ms, which the held
      // encoding (a business due as −due − 1) must not read as a business target
      const open = ticket({ createdAt: "1969-12-31T23:00:00Z" });
      for (const per of ["instance", "ticket"] as const) {
        const result = slaAttainment([open], {
          policies: [{ name: "All", targets: { firstReply: calendar(60) } }],
          targets: ["firstReply"],
          asOf: () => new Date("1970-01-01T00:00:00.001Z"),
          per,
        });
        expect([result.inProgress, result.breached]).toEqual([0, 1]);
      }
    });

    test("rejects another value", () => {
      // @ts-expect-error: testing a wrong value from plain JavaScript
      expect(() => slaAttainment([], { policies, asOf, per: "agent" })).toThrow(
        'slaAttainment: per must be one of instance, ticket, got "agent"',
      );
    });
  });

  describe("records that never went through the schema", () => {
    const one = { firstReply: calendar(60) };
    const options = { policies: [{ name: "All", targets: one }], asOf };
    // Only the fields the evaluation needs; priority, channel, groupId and messages left out.
    const record = {
      createdAt: new Date("2024-03-01T09:00:00Z"),
      status: "open",
      firstResponseAt: new Date("2024-03-01T09:30:00Z"),
      firstResolvedAt: null,
      lastResolvedAt: null,
    } as const;
    const refusal = (field: string, expected: string, got: string) =>
      new TypeError(`slaAttainment: record 0 field "${field}" must be ${expected}, got ${got}`);
    const run = (fields: object) =>
      slaAttainment([{ ...record, ...fields } as unknown as SlaAttainmentInput], options);

    test("are read with the fields left out that they do not need", () => {
      // answered after 30 minutes, due after 60: achieved
      expect(run({})).toMatchObject({ value: 100, achieved: 1, instances: 1 });
    });

    test("a malformed field is a TypeError naming it", () => {
      const date = "a valid Date or null";
      expect(() => run({ firstResponseAt: "09:30" })).toThrow(
        refusal("firstResponseAt", date, '"09:30"'),
      );
      expect(() => run({ firstResolvedAt: new Date(Number.NaN) })).toThrow(
        refusal("firstResolvedAt", date, "Invalid Date"),
      );
      expect(() => run({ priority: 5 })).toThrow(refusal("priority", "a string or null", "5"));
      expect(() => run({ channel: false })).toThrow(
        refusal("channel", "a string or null", "false"),
      );
      expect(() => run({ groupId: 7 })).toThrow(refusal("groupId", "a string or null", "7"));
      const messages = "a list of messages { at: a valid Date, authorRole, public, automated }";
      expect(() => run({ messages: "hi" })).toThrow(refusal("messages", messages, '"hi"'));
      expect(() =>
        run({ messages: [{ at: new Date("2024-03-01T09:00:00Z"), authorRole: "robot" }] }),
      ).toThrow(refusal("messages", messages, "an object"));
      // The status history is checked entry by entry, as its resolution is read from it.
      expect(() => run({ statusChanges: [{ at: "10:00", status: "solved" }] })).toThrow(
        refusal("statusChanges", "a list of { at: a valid Date, status }", "an object"),
      );
    });

    test("asOf as a function must return an instant, read when the result is", () => {
      for (const [returned, shown] of [
        ["tomorrow", '"tomorrow"'],
        [Number.NaN, "NaN"],
        [new Date(Number.NaN), "Invalid Date"],
      ] as const) {
        const reducer = slaAttainmentReducer({ ...options, asOf: () => returned as number });
        expect(() => reducer.result(reducer.init())).toThrow(
          new TypeError(
            `slaAttainment: asOf() must return a Date or epoch milliseconds, got ${shown}`,
          ),
        );
      }
    });
  });

  test("has no value with no ticket", () => {
    expect(slaAttainment([], { policies, asOf })).toMatchObject({
      value: null,
      numerator: 0,
      denominator: 0,
      instances: 0,
      tickets: 0,
      excluded: none,
    });
  });

  test("a single ticket", () => {
    // T1: both targets met → 100 %
    expect(slaAttainment([t1], { policies, asOf })).toMatchObject({
      value: 100,
      achieved: 2,
      tickets: 1,
    });
  });

  test("in-progress instances alone give no value", () => {
    expect(slaAttainment([t4], { policies, asOf })).toMatchObject({
      value: null,
      inProgress: 1,
      instances: 1,
      tickets: 1,
    });
  });

  test("counts every exclusion reason", () => {
    const lowOnly = slaPolicies([
      { name: "Low", priority: "low", targetsByPriority: { urgent: { firstReply: calendar(5) } } },
      {
        name: "Rest",
        priority: ["normal", "urgent"],
        targets: { firstReply: { minutes: 60, businessHours: true }, periodicUpdate: calendar(60) },
      },
    ]);
    // A schedule valid only in 2023: no due instant for a 2024 ticket
    const expired = schedule({
      timeZone: "UTC",
      weekly: { friday: [{ start: "09:00", end: "17:00" }] },
      validUntil: "2024-01-01T00:00:00Z",
    });
    const result = slaAttainment(
      [
        t5, // noPolicy
        ticket({ priority: "low" }), // "Low" has no target for priority low: noTarget
        ticket({ priority: "normal", createdAt: "2024-04-02T00:00:00Z" }), // createdAfterAsOf
        ticket({ priority: "normal" }), // periodic update: noMessages; first reply: noSchedule
      ],
      { policies: lowOnly, asOf, schedule: expired },
    );
    expect(result).toMatchObject({
      value: null,
      instances: 0,
      tickets: 0,
      excluded: {
        ...none,
        noPolicy: 1,
        noTarget: 1,
        createdAfterAsOf: 1,
        noMessages: 1,
        noSchedule: 1,
      },
    });
  });

  test("targets counts only the kinds asked for", () => {
    // resolution only: T1 ✓, T2 ✗; T3 and T4 have no resolution target → noTarget
    expect(slaAttainment([t1, t2, t3, t4], { policies, asOf, targets: ["resolution"] })).toEqual({
      per: "instance",
      value: 50,
      numerator: 1,
      denominator: 2,
      achieved: 1,
      breached: 1,
      inProgress: 0,
      instances: 2,
      tickets: 2,
      byKind: { resolution: { value: 50, achieved: 1, breached: 1, inProgress: 0 } },
      excluded: { ...none, noTarget: 2 },
    });
  });

  test("asOf decides what has happened", () => {
    // As of 10:45 on March 1: T1's reply ✓, its resolution (due 13:00) in progress; T2's
    // first reply (due 10:30) is 15 minutes late and still unanswered ✗, its resolution in
    // progress → 1 / 2 = 50 %
    expect(slaAttainment([t1, t2], { policies, asOf: "2024-03-01T10:45:00Z" })).toMatchObject({
      value: 50,
      achieved: 1,
      breached: 1,
      inProgress: 2,
    });
  });

  test("business-hours targets need a schedule; policies and asOf are required", () => {
    const business = [{ name: "B", targets: { firstReply: { minutes: 60, businessHours: true } } }];
    expect(() => slaAttainment([], { policies: business, asOf })).toThrow(
      new TypeError(
        "slaAttainment: schedule must be given for business-hours targets (policies[0].targets.firstReply), got none",
      ),
    );
    // @ts-expect-error: testing a missing option from plain JavaScript
    expect(() => slaAttainment([], { policies })).toThrow(
      new TypeError(
        "slaAttainment: asOf must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, or a function returning one, got undefined",
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => slaAttainment([], { policies, asOf, targets: ["firstResponse"] })).toThrow(
      new RangeError(
        'slaAttainment: targets[0] must be one of firstReply, nextReply, periodicUpdate, resolution, got "firstResponse"',
      ),
    );
    expect(() => slaAttainment([], { policies, asOf, targets: [] })).toThrow(
      new TypeError(
        "slaAttainment: targets must be a non-empty array of firstReply, nextReply, periodicUpdate, resolution, got an array",
      ),
    );
    // @ts-expect-error: testing a missing option from plain JavaScript
    expect(() => slaAttainment([], { asOf })).toThrow(
      new TypeError("slaAttainment: policies must be an array of policies, got undefined"),
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => slaAttainment([], { policies, asOf, at: asOf })).toThrow(
      new TypeError("slaAttainment: at is not an option of slaAttainment"),
    );
  });

  test("business hours: a ticket created Friday 17:55 answered Monday 09:10", () => {
    const weekdays = [{ start: "09:00", end: "18:00" }];
    const berlin = weekdaysIn("Europe/Berlin", "09:00", "18:00");
    const business = [{ name: "B", targets: { firstReply: { minutes: 30, businessHours: true } } }];
    // 5 working minutes Friday + 10 Monday = 15 ≤ 30 ✓; answered Monday 09:40 = 45 ✗
    const onTime = ticket({
      createdAt: "2024-03-01T17:55:00+01:00",
      firstResponseAt: "2024-03-04T09:10:00+01:00",
    });
    const late = ticket({
      createdAt: "2024-03-01T17:55:00+01:00",
      firstResponseAt: "2024-03-04T09:40:00+01:00",
    });
    expect(
      slaAttainment([onTime, late], {
        policies: business,
        asOf,
        schedule: berlin,
        scheduleRule: "atEvent",
      }),
    ).toMatchObject({ value: 50, achieved: 1, breached: 1 });
    // the schedule may also be given as plain input, as the duration metrics take it
    const plain = {
      timeZone: "Europe/Berlin",
      weekly: { friday: weekdays, monday: weekdays },
    };
    expect(
      slaAttainment([onTime, late], { policies: business, asOf, schedule: plain }),
    ).toMatchObject({ value: 50, achieved: 1, breached: 1 });
  });

  describe("placement by due instant", () => {
    // created 2024-02-29 23:00: first reply due 23:30 (answered 23:20 ✓) in February;
    // resolution due 2024-03-01 03:00 (solved 04:00 ✗) in March
    const leap = ticket({
      priority: "urgent",
      assigneeId: "ana",
      createdAt: "2024-02-29T23:00:00Z",
      firstResponseAt: "2024-02-29T23:20:00Z",
      statusChanges: [solved("2024-03-01T04:00:00Z")],
    });

    test("timesOf lists every instance's due instant; timeOf the earliest", () => {
      const reducer = slaAttainmentReducer({ policies, asOf });
      expect(reducer.timesOf?.(leap)).toEqual([
        new Date("2024-02-29T23:30:00Z"),
        new Date("2024-03-01T03:00:00Z"),
      ]);
      expect(reducer.timeOf(leap)).toEqual(new Date("2024-02-29T23:30:00Z"));
      expect(reducer.timesOf?.(t5)).toEqual([]);
      expect(reducer.timeOf(t5)).toBeNull();
    });

    test("add counts only the instances due inside the window", () => {
      const reducer = slaAttainmentReducer({ policies, asOf });
      const state = reducer.init();
      const march = {
        start: Date.parse("2024-03-01T00:00:00Z"),
        end: Date.parse("2024-04-01T00:00:00Z"),
      };
      reducer.add(state, leap, march);
      expect(reducer.result(state)).toMatchObject({
        value: 0,
        breached: 1,
        instances: 1,
        tickets: 1,
      });
    });

    test("a window holds the instances due from its start, up to but not at its end", () => {
      // leap's resolution is due 2024-03-01 03:00: in a window starting then, not in one
      // ending then (its first reply, due 02-29 23:30, is in neither)
      const reducer = slaAttainmentReducer({ policies, asOf });
      const due = Date.parse("2024-03-01T03:00:00Z");
      const counted = (window: { start: number; end: number }) => {
        const state = reducer.init();
        reducer.add(state, leap, window);
        return reducer.result(state).instances;
      };
      expect(counted({ start: due, end: due + 3_600_000 })).toBe(1);
      expect(counted({ start: due - 3_600_000, end: due })).toBe(0);
    });

    test("a rollup by month splits a ticket's instances without losing any", () => {
      const rows = rollup([leap, t5], {
        by: { period: "month" },
        metrics: { sla: slaAttainmentReducer({ policies, asOf }) },
      });
      expect(
        rows.map((row) => [
          row.period?.label ?? null,
          row.sla.value,
          row.sla.instances,
          row.sla.tickets,
        ]),
      ).toEqual([
        ["2024-02", 100, 1, 1],
        ["2024-03", 0, 1, 1],
        [null, null, 0, 0],
      ]);
      // The ticket without a policy is counted once, in the row without a period
      expect(rows.map((row) => row.sla.excluded.noPolicy)).toEqual([0, 0, 1]);
    });

    test("a rollup by month and policy, with policyFor as the key", () => {
      const rows = rollup([leap, t1, t2, t3, t4, t5], {
        by: { period: "month", policy: (t) => policyFor(t, policies)?.name ?? null },
        metrics: { sla: slaAttainmentReducer({ policies, asOf }) },
      });
      // Rows sort by period, then by key value. February: the leap ticket's first reply ✓.
      // March, Urgent: leap's resolution ✗ + T1 ✓✓
      // + T2 ✗✗ → 2 / 5 = 40 %; Standard: T3 ✓✗✗ + T4 in progress → 1 / 3; no policy: T5.
      expect(
        rows.map((row) => [
          row.period?.label ?? null,
          row.policy,
          row.sla.achieved,
          row.sla.breached,
          row.sla.inProgress,
        ]),
      ).toEqual([
        ["2024-02", "Urgent", 1, 0, 0],
        ["2024-03", "Standard", 1, 2, 1],
        ["2024-03", "Urgent", 2, 3, 0],
        [null, null, 0, 0, 0],
      ]);
      expect(rows[2]?.sla.value).toBe(40);
      expect(rows[1]?.sla.excluded).toEqual({ ...none, noMessages: 1 });
    });

    test("a rollup by agent (assignee)", () => {
      const rows = rollup([t1, t2, t3], {
        by: { agent: "assigneeId" },
        metrics: { sla: slaAttainmentReducer({ policies, asOf }) },
      });
      // ana: T1 ✓✓ + T3 ✓✗✗ → 3 / 5 = 60 %; bo: T2 ✗✗ → 0 %
      expect(rows.map((row) => [row.agent, row.sla.value, row.sla.instances])).toEqual([
        ["ana", 60, 5],
        ["bo", 0, 2],
      ]);
    });
  });
});
