import { describe, expect, test } from "vitest";
import { validateTickets } from "../../schemas/validate.ts";
import { escalationRate } from "./escalationRate.ts";
import { firstContactResolution } from "./firstContactResolution.ts";
import { firstResponseTime } from "./firstResponseTime.ts";
import { queueLength } from "./queueLength.ts";
import { reopenRate } from "./reopenRate.ts";
import { slaAttainment } from "./slaAttainment.ts";

/**
 * Issue 11, "Missing is not zero": tickets read from a file without a reopen, escalation or
 * first-response column. Each metric that needs the missing column gives `value: null` and
 * counts every ticket under a named reason, instead of 0 % or "unanswered".
 */
const rows = [
  { id: 1, createdAt: "2024-03-01T09:00:00Z", firstResolvedAt: "2024-03-01T12:00:00Z" },
  { id: 2, createdAt: "2024-03-02T09:00:00Z", firstResolvedAt: "2024-03-02T10:00:00Z" },
  { id: 3, createdAt: "2024-03-03T09:00:00Z", agentReplyCount: 1 },
];
const { records: tickets, rejected } = validateTickets(rows);

describe("a column that is missing gives no value, and the count excluded for it", () => {
  test("the rows are valid", () => {
    expect(rejected).toEqual([]);
  });

  test("reopen rate: unknown reopens, not 0 %", () => {
    // 2 resolved, both without a reopen count → none counted; 1 unresolved
    expect(reopenRate(tickets)).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      excluded: { unresolved: 1, unknownReopens: 2 },
    });
  });

  test("escalation rate: unknown escalation, not 0 %", () => {
    expect(escalationRate(tickets)).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      excluded: { unknownEscalation: 3 },
    });
  });

  test("first response time: unknown first response, not unanswered", () => {
    expect(firstResponseTime(tickets)).toMatchObject({
      value: null,
      n: 0,
      excluded: { unknownFirstResponse: 3, unanswered: 0 },
    });
  });

  test("one-touch resolution: unknown reopens, not 'never reopened'", () => {
    expect(firstContactResolution(tickets)).toMatchObject({
      value: null,
      excluded: { unresolved: 1, unknownReopens: 2 },
    });
    // ignoreReopens does not need the column
    expect(firstContactResolution(tickets, { ignoreReopens: true }).excluded.unknownReopens).toBe(
      0,
    );
  });

  test("queue length: unknown, not an empty queue", () => {
    // at 2024-03-04 ticket 3 is open; whether it was answered is unknown
    expect(queueLength(tickets, { asOf: "2024-03-04T00:00:00Z" })).toMatchObject({
      value: null,
      excluded: { unknownFirstResponse: 1 },
    });
  });

  test("SLA first reply target: not evaluated, not breached", () => {
    const policies = [
      { name: "All", targets: { firstReply: { minutes: 60, businessHours: false } } },
    ];
    expect(
      slaAttainment(tickets, { policies, asOf: "2024-03-10T00:00:00Z", targets: ["firstReply"] }),
    ).toMatchObject({ value: null, instances: 0, excluded: { unknownFirstResponse: 3 } });
  });
});

describe("a first response told apart: never answered, not given, answered", () => {
  const created = "2024-03-01T09:00:00Z";
  const { records } = validateTickets([
    { id: "explicit null", createdAt: created, firstResponseAt: null },
    { id: "empty cell", createdAt: created, firstResponseAt: "" },
    { id: "not given", createdAt: created },
    {
      id: "messages, no reply",
      createdAt: created,
      messages: [{ at: created, authorRole: "customer" }],
    },
    {
      id: "messages, a reply",
      createdAt: created,
      messages: [
        { at: created, authorRole: "customer" },
        { at: "2024-03-01T09:10:00Z", authorRole: "agent" },
      ],
    },
  ]);

  test("null is never answered, undefined is not given", () => {
    expect(records.map((t) => [t.id, t.firstResponseAt])).toEqual([
      ["explicit null", null],
      ["empty cell", null],
      ["not given", undefined],
      ["messages, no reply", null],
      ["messages, a reply", new Date("2024-03-01T09:10:00Z")],
    ]);
  });

  test("first response time counts each apart", () => {
    // one answered after 600 s; three never answered; one unknown
    expect(firstResponseTime(records)).toMatchObject({
      value: 600,
      n: 1,
      excluded: { unanswered: 3, unknownFirstResponse: 1 },
    });
  });
});
