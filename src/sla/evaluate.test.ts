import { describe, expect, test } from "vitest";
import { ticket } from "../../test/fixtures.ts";
import { weekdaysIn } from "../../test/schedules.ts";
import { schedule } from "../time/schedule.ts";
import { scheduleVersions } from "../time/scheduleVersions.ts";
import { evaluateSla, type SlaOptions } from "./evaluate.ts";
import { type SlaPolicyInput, slaPolicies } from "./policy.ts";

const calendar = (minutes: number) => ({ minutes, businessHours: false });
const business = (minutes: number) => ({ minutes, businessHours: true });
/** A message at an ISO instant, or at a time of day on 2024-03-01 (a Friday, UTC). */
const message = (
  authorRole: "agent" | "customer" | "bot",
  time: string,
  fields: { public?: boolean; automated?: boolean } = {},
) => ({ at: time.includes("T") ? time : `2024-03-01T${time}Z`, authorRole, ...fields });
const status = (time: string, to: "open" | "pending" | "solved" | "closed") => ({
  at: time.includes("T") ? time : `2024-03-01T${time}Z`,
  status: to,
});
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Mon–Fri 09:00–18:00 in Berlin. */
const berlin = weekdaysIn("Europe/Berlin", "09:00", "18:00");

/** SLA options with one policy named "P" and a fixed `asOf`, unless `options` say otherwise. */
function onePolicy(policy: Omit<SlaPolicyInput, "name">, options: Partial<SlaOptions> = {}) {
  return {
    policies: [{ name: "P", ...policy }],
    asOf: "2024-03-31T00:00:00Z",
    ...options,
  } as SlaOptions;
}

describe("evaluateSla: first reply, calendar time", () => {
  const policy = { targets: { firstReply: calendar(60) } };

  test("a reply before the due instant is achieved", () => {
    // created 09:00, due 09:00 + 60 min = 10:00, answered 09:40
    const t = ticket({ firstResponseAt: "2024-03-01T09:40:00Z" });
    const evaluation = evaluateSla(t, onePolicy(policy));
    expect(evaluation.outcome).toBe("evaluated");
    expect(evaluation.policy?.name).toBe("P");
    expect(evaluation.instances).toEqual([
      {
        kind: "firstReply",
        targetSeconds: 3600,
        businessHours: false,
        start: new Date("2024-03-01T09:00:00Z"),
        due: new Date("2024-03-01T10:00:00Z"),
        completedAt: new Date("2024-03-01T09:40:00Z"),
        completedBy: "reply",
        status: "achieved",
        overdueSeconds: null,
      },
    ]);
    expect(evaluation.notEvaluated).toEqual([]);
  });

  test("a reply after the due instant is a breach, with how far past due", () => {
    // due 10:00, answered 10:30: 30 min = 1800 s late
    const t = ticket({ firstResponseAt: "2024-03-01T10:30:00Z" });
    expect(evaluateSla(t, onePolicy(policy)).instances[0]).toMatchObject({
      status: "breached",
      completedBy: "reply",
      overdueSeconds: 1800,
    });
  });

  test("a reply exactly at the due instant is on time", () => {
    const t = ticket({ firstResponseAt: "2024-03-01T10:00:00Z" });
    expect(evaluateSla(t, onePolicy(policy)).instances[0]?.status).toBe("achieved");
  });

  test("an unanswered ticket is in progress until its due instant, then breached", () => {
    const t = ticket();
    // as of 09:45: not due until 10:00
    expect(
      evaluateSla(t, onePolicy(policy, { asOf: "2024-03-01T09:45:00Z" })).instances[0],
    ).toMatchObject({
      status: "inProgress",
      completedAt: null,
      completedBy: null,
      overdueSeconds: null,
    });
    // as of 10:00 exactly: still in progress
    expect(
      evaluateSla(t, onePolicy(policy, { asOf: "2024-03-01T10:00:00Z" })).instances[0]?.status,
    ).toBe("inProgress");
    // as of 10:15: 15 min = 900 s past due
    expect(
      evaluateSla(t, onePolicy(policy, { asOf: "2024-03-01T10:15:00Z" })).instances[0],
    ).toMatchObject({
      status: "breached",
      completedAt: null,
      overdueSeconds: 900,
    });
  });

  test("events after asOf have not happened yet", () => {
    // answered 10:30, but as of 09:45 the ticket is still waiting
    const t = ticket({ firstResponseAt: "2024-03-01T10:30:00Z" });
    expect(
      evaluateSla(t, onePolicy(policy, { asOf: "2024-03-01T09:45:00Z" })).instances[0],
    ).toMatchObject({
      status: "inProgress",
      completedAt: null,
    });
  });

  test("solving the ticket before any reply meets the reply target", () => {
    // solved 09:30 without a reply: met at 09:30 by the resolution (as dbt_zendesk counts it)
    const t = ticket({ statusChanges: [status("09:30:00", "solved")] });
    expect(evaluateSla(t, onePolicy(policy)).instances[0]).toMatchObject({
      status: "achieved",
      completedAt: new Date("2024-03-01T09:30:00Z"),
      completedBy: "resolution",
    });
  });

  test("counts real elapsed time across the New York spring DST change", () => {
    // created 01:30 EST (06:30Z), 2 h target → due 08:30Z = 04:30 EDT; the wall clock shows
    // 3 h between 01:30 and 04:30. Answered 03:45 EDT (07:45Z): on time, although 2 h 15 min
    // passed on the wall clock.
    const t = ticket({
      createdAt: "2024-03-10T01:30:00-05:00",
      firstResponseAt: "2024-03-10T03:45:00-04:00",
    });
    const [first] = evaluateSla(t, onePolicy({ targets: { firstReply: calendar(120) } })).instances;
    expect(iso(first?.due ?? null)).toBe("2024-03-10T08:30:00.000Z");
    expect(first?.status).toBe("achieved");
  });
});

describe("evaluateSla: business hours", () => {
  test("a ticket created Friday 17:55 and answered Monday 09:10 is on time", () => {
    // Friday 2024-03-01 17:55 CET: 5 working minutes on Friday, 55 on Monday → due Monday
    // 2024-03-04 09:55 CET = 08:55Z; answered Monday 09:10 CET (15 working minutes in all)
    const t = ticket({
      createdAt: "2024-03-01T17:55:00+01:00",
      firstResponseAt: "2024-03-04T09:10:00+01:00",
    });
    const [first] = evaluateSla(
      t,
      onePolicy({ targets: { firstReply: business(60) } }, { schedule: berlin }),
    ).instances;
    expect(iso(first?.due ?? null)).toBe("2024-03-04T08:55:00.000Z");
    expect(first).toMatchObject({ status: "achieved", businessHours: true, overdueSeconds: null });
  });

  test("how far past due is counted in working seconds", () => {
    // Thursday 2024-02-29 17:00 CET, 2 h target: 1 h Thursday + 1 h Friday → due Friday
    // 10:00 CET. Answered Monday 09:30 CET: Friday 10:00–18:00 (8 h) + Monday 09:00–09:30
    // (0.5 h) = 8.5 h = 30600 working seconds late (about 71.5 h on the calendar).
    const t = ticket({
      createdAt: "2024-02-29T17:00:00+01:00",
      firstResponseAt: "2024-03-04T09:30:00+01:00",
    });
    const [first] = evaluateSla(
      t,
      onePolicy({ targets: { firstReply: business(120) } }, { schedule: berlin }),
    ).instances;
    expect(iso(first?.due ?? null)).toBe("2024-03-01T09:00:00.000Z");
    expect(first).toMatchObject({ status: "breached", overdueSeconds: 30_600 });
  });

  test("a target due at closing time and met before the next opening lost no working time", () => {
    // Friday 17:00 CET, 1 h target → due Friday 18:00 CET (closing). Answered 18:30: no working
    // time passed after the due instant, so it is on time in business hours.
    const policy = onePolicy({ targets: { firstReply: business(60) } }, { schedule: berlin });
    const late = ticket({
      createdAt: "2024-03-01T17:00:00+01:00",
      firstResponseAt: "2024-03-01T18:30:00+01:00",
    });
    expect(evaluateSla(late, policy).instances[0]).toMatchObject({
      due: new Date("2024-03-01T18:00:00+01:00"),
      status: "achieved",
    });
    // Unanswered: in progress over the weekend, breached once Monday's working time runs
    const waiting = ticket({ createdAt: "2024-03-01T17:00:00+01:00" });
    expect(
      evaluateSla(waiting, { ...policy, asOf: "2024-03-02T12:00:00+01:00" }).instances[0]?.status,
    ).toBe("inProgress");
    // as of Monday 09:30 CET: 30 working minutes past due = 1800 s
    expect(
      evaluateSla(waiting, { ...policy, asOf: "2024-03-04T09:30:00+01:00" }).instances[0],
    ).toMatchObject({ status: "breached", overdueSeconds: 1800 });
  });

  test("a holiday inside the span does not count", () => {
    // Thursday 2024-03-28 16:00 CET, 4 h target, Good Friday a holiday: 2 h Thursday
    // (16:00–18:00), nothing Friday, then the weekend, 2 h Monday 2024-04-01 (09:00–11:00
    // CEST, after the change to summer time) → due 09:00Z
    const withHoliday = schedule({
      ...berlin,
      holidays: [{ date: "2024-03-29", name: "Good Friday" }],
    });
    const t = ticket({ createdAt: "2024-03-28T16:00:00+01:00" });
    const [first] = evaluateSla(
      t,
      onePolicy({ targets: { firstReply: business(240) } }, { schedule: withHoliday }),
    ).instances;
    expect(iso(first?.due ?? null)).toBe("2024-04-01T09:00:00.000Z");
    // Without the holiday: 2 h Thursday + 2 h Friday → Friday 11:00 CET = 10:00Z
    const [plain] = evaluateSla(
      t,
      onePolicy({ targets: { firstReply: business(240) } }, { schedule: berlin }),
    ).instances;
    expect(iso(plain?.due ?? null)).toBe("2024-03-29T10:00:00.000Z");
  });

  test("scheduleRule decides which version times the overdue span across a schedule change", () => {
    // Weekdays 09:00-18:00 until Monday 2024-03-04, 09:00-13:00 from then (Berlin).
    // Created Thursday 2024-02-29 17:00 CET, 2 h target: 1 h Thursday + 1 h Friday, so due
    // Friday 10:00 CET under the first version; answered Tuesday 2024-03-05 10:00 CET.
    // perSegment: Friday 10-18 (8 h, first version) + Monday 9-13 (4 h) + Tuesday 9-10 (1 h)
    //   = 13 h = 46,800 s late.
    // atEvent: the version in force at the answer (9-13) times it all: Friday 10-13 (3 h)
    //   + Monday 4 h + Tuesday 1 h = 8 h = 28,800 s late.
    const change = "2024-03-04T00:00:00+01:00";
    const versions = scheduleVersions([
      { ...berlin, validUntil: change },
      { ...weekdaysIn("Europe/Berlin", "09:00", "13:00"), validFrom: change },
    ]);
    const t = ticket({
      createdAt: "2024-02-29T17:00:00+01:00",
      firstResponseAt: "2024-03-05T10:00:00+01:00",
    });
    const late = (scheduleRule: "perSegment" | "atEvent") =>
      evaluateSla(
        t,
        onePolicy({ targets: { firstReply: business(120) } }, { schedule: versions, scheduleRule }),
      ).instances[0];
    expect(iso(late("perSegment")?.due ?? null)).toBe("2024-03-01T09:00:00.000Z");
    expect(late("perSegment")).toMatchObject({ status: "breached", overdueSeconds: 46_800 });
    expect(late("atEvent")).toMatchObject({ status: "breached", overdueSeconds: 28_800 });
  });

  test("a due instant where no schedule is in force is reported, not guessed", () => {
    // The schedule is valid only until 2024-03-01: a ticket created after it has no due instant
    const ended = schedule({ ...berlin, validUntil: "2024-03-01T00:00:00+01:00" });
    const t = ticket({ createdAt: "2024-03-04T10:00:00+01:00" });
    const evaluation = evaluateSla(
      t,
      onePolicy(
        { targets: { firstReply: business(60), resolution: calendar(600) } },
        { schedule: ended },
      ),
    );
    expect(evaluation.instances.map((i) => i.kind)).toEqual(["resolution"]);
    expect(evaluation.notEvaluated).toEqual([
      { kind: "firstReply", reason: "noSchedule", start: new Date("2024-03-04T10:00:00+01:00") },
    ]);
  });

  test("a business-hours target without a schedule is an error", () => {
    expect(() =>
      evaluateSla(ticket(), onePolicy({ targets: { firstReply: business(60) } })),
    ).toThrow(
      new TypeError(
        "evaluateSla: schedule must be given for business-hours targets (policies[0].targets.firstReply), got none",
      ),
    );
    expect(() =>
      evaluateSla(
        ticket(),
        onePolicy({ targetsByPriority: { urgent: { resolution: business(60) } } }),
      ),
    ).toThrow(
      new TypeError(
        "evaluateSla: schedule must be given for business-hours targets (policies[0].targetsByPriority.urgent.resolution), got none",
      ),
    );
    // A business target of a kind not evaluated needs no schedule
    expect(() =>
      evaluateSla(
        ticket(),
        onePolicy({ targets: { firstReply: business(60) } }, { targets: ["resolution"] }),
      ),
    ).not.toThrow();
  });
});

describe("evaluateSla: next reply", () => {
  const policy = onePolicy({ targets: { nextReply: calendar(30) } });

  test("a breach on the second customer message only", () => {
    // 09:00 customer, 09:10 first reply (the first reply target's business, not next reply's);
    // 10:00 customer → 10:20 reply: 20 min ≤ 30, achieved;
    // 11:00 and 11:05 customer → 11:50 reply: one wait from 11:00, due 11:30, 20 min late
    const t = ticket({
      messages: [
        message("customer", "09:00:00"),
        message("agent", "09:10:00"),
        message("customer", "10:00:00"),
        message("agent", "10:20:00"),
        message("customer", "11:00:00"),
        message("customer", "11:05:00"),
        message("agent", "11:50:00"),
      ],
    });
    const { instances } = evaluateSla(t, policy);
    expect(
      instances.map((i) => [
        i.kind,
        iso(i.start),
        iso(i.due),
        iso(i.completedAt),
        i.status,
        i.overdueSeconds,
      ]),
    ).toEqual([
      [
        "nextReply",
        "2024-03-01T10:00:00.000Z",
        "2024-03-01T10:30:00.000Z",
        "2024-03-01T10:20:00.000Z",
        "achieved",
        null,
      ],
      [
        "nextReply",
        "2024-03-01T11:00:00.000Z",
        "2024-03-01T11:30:00.000Z",
        "2024-03-01T11:50:00.000Z",
        "breached",
        1200,
      ],
    ]);
  });

  test("notes, bots and automated messages do not answer; an unanswered message waits", () => {
    // 10:00 customer; a note, a bot and an automated reply do not count; as of 10:45 the
    // wait (due 10:30) is 15 min = 900 s past due
    const t = ticket({
      messages: [
        message("customer", "09:00:00"),
        message("agent", "09:10:00"),
        message("customer", "10:00:00"),
        message("agent", "10:05:00", { public: false }),
        message("bot", "10:06:00"),
        message("agent", "10:07:00", { automated: true }),
      ],
    });
    expect(evaluateSla(t, { ...policy, asOf: "2024-03-01T10:45:00Z" }).instances).toMatchObject([
      { kind: "nextReply", status: "breached", completedAt: null, overdueSeconds: 900 },
    ]);
    // as of 10:20 it is still in progress
    expect(evaluateSla(t, { ...policy, asOf: "2024-03-01T10:20:00Z" }).instances[0]?.status).toBe(
      "inProgress",
    );
  });

  test("a customer message answered by a solve is met by the resolution", () => {
    // 10:00 "thanks!", solved 10:10 without a reply: met at 10:10
    const t = ticket({
      messages: [
        message("customer", "09:00:00"),
        message("agent", "09:10:00"),
        message("customer", "10:00:00"),
      ],
      statusChanges: [status("10:10:00", "solved")],
    });
    expect(evaluateSla(t, policy).instances).toMatchObject([
      {
        completedBy: "resolution",
        completedAt: new Date("2024-03-01T10:10:00Z"),
        status: "achieved",
      },
    ]);
  });

  test("before the first reply there is no next reply to wait for", () => {
    const t = ticket({
      messages: [message("customer", "09:00:00"), message("customer", "09:30:00")],
    });
    expect(evaluateSla(t, policy)).toMatchObject({ outcome: "evaluated", instances: [] });
  });

  test("a ticket without messages cannot be evaluated for next reply, and says so", () => {
    const t = ticket({ firstResponseAt: "2024-03-01T09:10:00Z" });
    const both = onePolicy({
      targets: { firstReply: calendar(60), nextReply: calendar(30), periodicUpdate: calendar(120) },
    });
    const evaluation = evaluateSla(t, both);
    expect(evaluation.instances.map((i) => [i.kind, i.status])).toEqual([
      ["firstReply", "achieved"],
    ]);
    expect(evaluation.notEvaluated).toEqual([
      { kind: "nextReply", reason: "noMessages", start: null },
      { kind: "periodicUpdate", reason: "noMessages", start: null },
    ]);
    // An empty list of messages is no messages, as for reply time
    const empty = ticket({ firstResponseAt: "2024-03-01T09:10:00Z", messages: [] });
    expect(evaluateSla(empty, both).notEvaluated.map((n) => n.reason)).toEqual([
      "noMessages",
      "noMessages",
    ]);
  });
});

describe("evaluateSla: periodic update", () => {
  test("a breach between two agent updates; the solve ends the last one", () => {
    // updates at 09:10, 10:20 and 13:00, solved at 14:00; 2 h target:
    // 09:10 → 10:20 (70 min) achieved; 10:20 → 13:00 (160 min) due 12:20, 40 min = 2400 s late;
    // 13:00 → solved 14:00 achieved. Customer messages play no part.
    const t = ticket({
      messages: [
        message("customer", "09:00:00"),
        message("agent", "09:10:00"),
        message("customer", "09:30:00"),
        message("agent", "10:20:00"),
        message("agent", "13:00:00"),
      ],
      statusChanges: [status("09:00:00", "open"), status("14:00:00", "solved")],
    });
    const { instances } = evaluateSla(t, onePolicy({ targets: { periodicUpdate: calendar(120) } }));
    expect(
      instances.map((i) => [
        iso(i.start),
        iso(i.completedAt),
        i.completedBy,
        i.status,
        i.overdueSeconds,
      ]),
    ).toEqual([
      ["2024-03-01T09:10:00.000Z", "2024-03-01T10:20:00.000Z", "reply", "achieved", null],
      ["2024-03-01T10:20:00.000Z", "2024-03-01T13:00:00.000Z", "reply", "breached", 2400],
      ["2024-03-01T13:00:00.000Z", "2024-03-01T14:00:00.000Z", "resolution", "achieved", null],
    ]);
  });

  test("an update sent with the solve, or while solved, starts no clock", () => {
    // 09:10 update; 11:00 update submitted as solved; 12:00 a comment on the solved ticket
    const t = ticket({
      messages: [
        message("agent", "09:10:00"),
        message("agent", "11:00:00"),
        message("agent", "12:00:00"),
      ],
      statusChanges: [status("11:00:00", "solved")],
    });
    const { instances } = evaluateSla(t, onePolicy({ targets: { periodicUpdate: calendar(120) } }));
    expect(instances.map((i) => [iso(i.start), iso(i.completedAt)])).toEqual([
      ["2024-03-01T09:10:00.000Z", "2024-03-01T11:00:00.000Z"],
    ]);
  });
});

describe("evaluateSla: resolution", () => {
  // created 09:00, solved 10:00, reopened 12:00, solved again 13:00; 3 h target → due 12:00
  const reopened = ticket({
    statusChanges: [
      status("09:00:00", "open"),
      status("10:00:00", "solved"),
      status("12:00:00", "open"),
      status("13:00:00", "solved"),
    ],
  });
  const policy = onePolicy({ targets: { resolution: calendar(180) } });

  test("is met by the final resolution by default (Zendesk's total resolution time)", () => {
    // final solve 13:00, due 12:00: 1 h = 3600 s late
    expect(evaluateSla(reopened, policy).instances[0]).toMatchObject({
      kind: "resolution",
      due: new Date("2024-03-01T12:00:00Z"),
      completedAt: new Date("2024-03-01T13:00:00Z"),
      status: "breached",
      overdueSeconds: 3600,
    });
  });

  test('with resolution: "first", by the first', () => {
    expect(evaluateSla(reopened, { ...policy, resolution: "first" }).instances[0]).toMatchObject({
      completedAt: new Date("2024-03-01T10:00:00Z"),
      status: "achieved",
    });
  });

  test("a reopened ticket is running again until it is solved again", () => {
    // as of 11:00 the ticket is solved (since 10:00): achieved as of then
    expect(
      evaluateSla(reopened, { ...policy, asOf: "2024-03-01T11:00:00Z" }).instances[0],
    ).toMatchObject({ completedAt: new Date("2024-03-01T10:00:00Z"), status: "achieved" });
    // as of 12:30 it was reopened at 12:00 and is 30 min = 1800 s past due
    expect(
      evaluateSla(reopened, { ...policy, asOf: "2024-03-01T12:30:00Z" }).instances[0],
    ).toMatchObject({ completedAt: null, status: "breached", overdueSeconds: 1800 });
  });

  test("reads flat fields when there is no status history", () => {
    const solved = ticket({
      firstResolvedAt: "2024-03-01T10:00:00Z",
      lastResolvedAt: "2024-03-01T11:30:00Z",
      status: "solved",
    });
    // final resolution 11:30, due 12:00: achieved
    expect(evaluateSla(solved, policy).instances[0]).toMatchObject({
      completedAt: new Date("2024-03-01T11:30:00Z"),
      status: "achieved",
    });
    // reopened and open now: not resolved, 2024-03-31 is far past due
    const open = ticket({
      firstResolvedAt: "2024-03-01T10:00:00Z",
      lastResolvedAt: "2024-03-01T10:00:00Z",
      status: "open",
    });
    expect(evaluateSla(open, policy).instances[0]).toMatchObject({
      completedAt: null,
      status: "breached",
    });
  });
});

describe("evaluateSla: policies", () => {
  const policies = slaPolicies([
    {
      name: "Urgent email",
      priority: "urgent",
      channel: "email",
      targets: { firstReply: calendar(15) },
    },
    { name: "Urgent", priority: "urgent", targets: { firstReply: calendar(60) } },
    { name: "Normal", priority: "normal", targetsByPriority: { low: { firstReply: calendar(5) } } },
  ]);
  const asOf = "2024-03-31T00:00:00Z";

  test("a ticket matching the second policy because the first one's channel differs", () => {
    // answered after 30 min: late for "Urgent email" (15 min), on time for "Urgent" (60 min)
    const chat = ticket({
      priority: "urgent",
      channel: "chat",
      firstResponseAt: "2024-03-01T09:30:00Z",
    });
    const evaluation = evaluateSla(chat, { policies, asOf });
    expect(evaluation.policy?.name).toBe("Urgent");
    expect(evaluation.instances[0]).toMatchObject({ status: "achieved", targetSeconds: 3600 });
    const email = ticket({
      priority: "urgent",
      channel: "email",
      firstResponseAt: "2024-03-01T09:30:00Z",
    });
    expect(evaluateSla(email, { policies, asOf })).toMatchObject({
      policy: { name: "Urgent email" },
      instances: [{ status: "breached", overdueSeconds: 900 }],
    });
  });

  test("no matching policy, or no target for the ticket: no instances, and the reason", () => {
    expect(evaluateSla(ticket({ priority: "low" }), { policies, asOf })).toEqual({
      policy: null,
      outcome: "noPolicy",
      instances: [],
      notEvaluated: [],
    });
    expect(evaluateSla(ticket({ priority: "normal" }), { policies, asOf })).toMatchObject({
      policy: { name: "Normal" },
      outcome: "noTarget",
      instances: [],
    });
  });

  test("a ticket created after asOf has nothing to evaluate yet", () => {
    expect(
      evaluateSla(ticket({ priority: "urgent" }), { policies, asOf: "2024-02-01T00:00:00Z" }),
    ).toMatchObject({ outcome: "createdAfterAsOf", instances: [] });
  });

  test("targets selects the kinds evaluated", () => {
    const t = ticket({
      firstResponseAt: "2024-03-01T09:10:00Z",
      statusChanges: [status("10:00:00", "solved")],
    });
    const both = onePolicy({ targets: { firstReply: calendar(60), resolution: calendar(600) } });
    expect(evaluateSla(t, both).instances.map((i) => i.kind)).toEqual(["firstReply", "resolution"]);
    expect(
      evaluateSla(t, { ...both, targets: ["resolution"] }).instances.map((i) => i.kind),
    ).toEqual(["resolution"]);
    // A policy with targets only of other kinds sets none of those asked for
    expect(
      evaluateSla(t, {
        ...onePolicy({ targets: { firstReply: calendar(60) } }),
        targets: ["resolution"],
      }).outcome,
    ).toBe("noTarget");
  });
});

describe("evaluateSla: options", () => {
  test("asOf is required and must be an instant", () => {
    const policies = [{ name: "P", targets: { firstReply: calendar(60) } }];
    expect(() => evaluateSla(ticket(), { policies } as unknown as SlaOptions)).toThrow(
      new TypeError(
        "evaluateSla: asOf must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got undefined",
      ),
    );
    expect(() => evaluateSla(ticket(), { policies, asOf: "2024-03-01" })).toThrow(
      new TypeError(
        'evaluateSla: asOf must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got "2024-03-01"',
      ),
    );
  });

  test("rejects bad options", () => {
    const base = onePolicy({ targets: { firstReply: calendar(60) } });
    expect(() => evaluateSla(ticket(), { ...base, targets: [] })).toThrow(
      new RangeError(
        "evaluateSla: targets must be a non-empty array of firstReply, nextReply, periodicUpdate, resolution, got an array",
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => evaluateSla(ticket(), { ...base, targets: "firstReply" })).toThrow(
      new TypeError(
        'evaluateSla: targets must be a non-empty array of firstReply, nextReply, periodicUpdate, resolution, got "firstReply"',
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => evaluateSla(ticket(), { ...base, targets: ["firstResponse"] })).toThrow(
      new RangeError(
        'evaluateSla: targets must be one of firstReply, nextReply, periodicUpdate, resolution, got "firstResponse"',
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => evaluateSla(ticket(), { ...base, resolution: "last" })).toThrow(
      new RangeError('evaluateSla: resolution must be one of first, full, got "last"'),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => evaluateSla(ticket(), { ...base, scheduleRule: "zendesk" })).toThrow(
      new RangeError('evaluateSla: scheduleRule must be one of perSegment, atEvent, got "zendesk"'),
    );
    expect(() =>
      evaluateSla(ticket(), {
        ...base,
        policies: [{ name: "P", targets: { firstReply: calendar(0) } }],
      }),
    ).toThrow(
      new RangeError(
        "evaluateSla: policies[0].targets.firstReply.minutes must be a positive number, got 0",
      ),
    );
  });
});
