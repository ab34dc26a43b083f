import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { csat } from "../metrics/surveys/csat.ts";
import { escalationRate } from "../metrics/tickets/escalationRate.ts";
import { firstResponseTime } from "../metrics/tickets/firstResponseTime.ts";
import { reopenRate } from "../metrics/tickets/reopenRate.ts";
import { resolutionTime } from "../metrics/tickets/resolutionTime.ts";
import { validateAdaptedSurveys, validateAdaptedTickets } from "./common.ts";
import { freshdeskSatisfactionRatings, freshdeskTickets } from "./freshdesk.ts";

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../test/fixtures/vendors/${name}`, import.meta.url), "utf8"),
  );
}

describe("freshdeskTickets", () => {
  test("maps the documentation example (no stats) exactly", () => {
    expect(freshdeskTickets(fixture("freshdesk-ticket.json"))).toEqual({
      records: [
        {
          id: 20,
          createdAt: "2015-08-24T11:56:51Z",
          channel: "phone", // source 3
          priority: "medium", // priority 2
          status: "pending", // status 3
          assigneeId: null,
          groupId: null,
          customerId: 1,
          firstResponseAt: undefined, // no stats: unknown, not "never answered"
          firstResolvedAt: null,
          lastResolvedAt: null,
          closedAt: null,
          reopenCount: null, // no stats: unknown, not 0
          escalated: false,
          tags: [],
          category: null,
        },
      ],
      sources: [0],
      skipped: [],
    });
  });

  const rich = fixture("freshdesk-rich.json");
  const adapted = freshdeskTickets(rich, { statuses: { 6: "pending" } });

  test("maps tickets with stats exactly, and skips spam", () => {
    expect(adapted.records).toEqual([
      {
        id: 1,
        createdAt: "2024-03-04T09:00:00Z",
        channel: "email",
        priority: "urgent",
        status: "closed",
        assigneeId: 11,
        groupId: 2,
        customerId: 100,
        firstResponseAt: "2024-03-04T09:15:00Z",
        firstResolvedAt: "2024-03-04T11:00:00Z",
        lastResolvedAt: "2024-03-04T11:00:00Z",
        closedAt: "2024-03-06T11:00:00Z",
        reopenCount: 0,
        escalated: true, // fr_escalated
        tags: ["vip"],
        category: "Incident",
      },
      {
        id: 2,
        createdAt: "2024-03-04T09:30:00Z",
        channel: "chat",
        priority: "low",
        status: "open",
        assigneeId: 12,
        groupId: 2,
        customerId: 101,
        firstResponseAt: "2024-03-04T09:40:00Z",
        firstResolvedAt: null, // reopened: the first resolution is not in the export
        lastResolvedAt: "2024-03-04T10:30:00Z",
        closedAt: null,
        reopenCount: 1, // reopened_at is set: at least once
        escalated: false,
        tags: [],
        category: null,
      },
      {
        id: 3,
        createdAt: "2024-03-04T10:00:00Z",
        channel: "portal",
        priority: "medium",
        status: "pending", // custom status 6, from the statuses option
        assigneeId: null,
        groupId: null,
        customerId: 102,
        firstResponseAt: null,
        firstResolvedAt: null,
        lastResolvedAt: null,
        closedAt: null,
        reopenCount: 0,
        escalated: null, // neither is_escalated nor fr_escalated given: unknown
        tags: [],
        category: "Question",
      },
      {
        id: 5,
        createdAt: "2024-03-04T10:00:00Z",
        channel: "source-99", // an unknown source code stays visible
        priority: "medium",
        status: "solved",
        assigneeId: 11,
        groupId: 3,
        customerId: 104,
        firstResponseAt: "2024-03-04T10:20:00Z",
        firstResolvedAt: "2024-03-04T10:50:00Z",
        lastResolvedAt: "2024-03-04T10:50:00Z",
        closedAt: null,
        reopenCount: 0,
        escalated: null, // neither flag given: unknown
        tags: ["api"],
        category: null,
      },
    ]);
    expect(adapted.sources).toEqual([0, 1, 2, 4]);
    expect(adapted.skipped.map((s) => [s.index, s.id, s.reason])).toEqual([[3, "4", "spam"]]);
  });

  test("the validated tickets give the hand-computed metrics", () => {
    const { records, rejected } = validateAdaptedTickets(adapted);
    expect(rejected).toEqual([]);
    // 900 s, 600 s, 1200 s (ticket 3 never answered): (900 + 600 + 1200) / 3 = 900 s
    expect(firstResponseTime(records).value).toBe(900);
    // first resolution: ticket 1 2 h = 7200 s; ticket 2 falls back to its latest resolution,
    // 1 h = 3600 s; ticket 5 50 min = 3000 s → (7200 + 3600 + 3000) / 3 = 4600 s
    expect(resolutionTime(records).value).toBe(4600);
    // 3 resolved, ticket 2 reopened: 1 / 3 = 33.33 %
    expect(reopenRate(records).value).toBeCloseTo(33.33, 2);
  });

  test("a ticket without stats keeps its counts unknown through validation (issue 11)", () => {
    const { records } = validateAdaptedTickets(freshdeskTickets(fixture("freshdesk-ticket.json")));
    const [validated] = records;
    // reopenCount null stays null (validation made it 0) and the first response unknown (it
    // read as "never answered"); the export says is_escalated: false, which stays false
    expect([validated?.reopenCount, validated?.firstResponseAt, validated?.escalated]).toEqual([
      null,
      undefined,
      false,
    ]);
    expect(firstResponseTime(records).excluded).toMatchObject({
      unknownFirstResponse: 1,
      unanswered: 0,
    });
  });

  test("a ticket with neither escalation flag is of unknown escalation, not unescalated", () => {
    const adapted = freshdeskTickets([{ id: 1, created_at: "2024-03-04T10:00:00Z", status: 2 }]);
    const { records } = validateAdaptedTickets(adapted);
    expect(records[0]?.escalated).toBeNull();
    expect(escalationRate(records)).toMatchObject({
      value: null,
      excluded: { unknownEscalation: 1 },
    });
  });

  test("a custom status without a mapping is rejected by validation, with its path", () => {
    const plain = freshdeskTickets(rich);
    const { rejected } = validateAdaptedTickets(plain);
    expect(rejected.map((r) => [r.sourceIndex, r.path])).toEqual([[2, ["status"]]]);
  });

  test("checks the statuses option", () => {
    expect(() => freshdeskTickets([], { statuses: { 6: "waiting" as never } })).toThrow(
      new RangeError(
        'freshdeskTickets: statuses[6] must be one of new, open, pending, onHold, solved, closed, got "waiting"',
      ),
    );
    expect(() => freshdeskTickets([], { statuses: 5 as never })).toThrow(
      new TypeError("freshdeskTickets: statuses must be an object { code: status }, got 5"),
    );
  });
});

describe("freshdeskSatisfactionRatings", () => {
  test("maps the documentation example; its malformed timestamp is rejected", () => {
    const adapted = freshdeskSatisfactionRatings(fixture("freshdesk-satisfaction-ratings.json"));
    expect(adapted.records).toEqual([
      {
        id: 102,
        kind: "csat",
        score: 7, // 103: extremely happy
        scale: { min: 1, max: 7 },
        respondedAt: "2015-08-28T09:08:16Z",
        ticketId: 432,
        customerId: 2,
        agentId: 1,
      },
      {
        id: 112,
        kind: "csat",
        score: 5, // 101: happy
        scale: { min: 1, max: 7 },
        respondedAt: "2015-08-28T010:08:16Z",
        ticketId: 432,
        customerId: 2,
        agentId: 1,
      },
    ]);
    const { records, rejected } = validateAdaptedSurveys(adapted);
    expect(records.map((r) => r.id)).toEqual(["102"]);
    expect(rejected.map((r) => [r.sourceIndex, r.path, r.message])).toEqual([
      [
        1,
        ["respondedAt"],
        'must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got "2015-08-28T010:08:16Z"',
      ],
    ]);
  });

  test("maps every answer on the 7-point scale and gives CSAT by top two boxes and mean", () => {
    const adapted = freshdeskSatisfactionRatings(fixture("freshdesk-rich.json"));
    // 103, 101, 100, -102, -103 → 7, 5, 4, 2, 1
    expect(adapted.records.map((r) => r.score)).toEqual([7, 5, 4, 2, 1]);
    expect(adapted.skipped.map((s) => [s.index, s.reason])).toEqual([
      [5, "noDefaultQuestion"],
      [6, "unknownRating"],
    ]);
    const { records } = validateAdaptedSurveys(adapted);
    // top two boxes of 1–7 are 6 and 7: one of five = 20 %
    expect(csat(records).value).toBe(20);
    // (7 + 5 + 4 + 2 + 1) / 5 = 19 / 5 = 3.8
    expect(csat(records, { method: "mean" }).value).toBeCloseTo(3.8, 10);
  });
});

describe("hostile input", () => {
  test("__proto__ and constructor keys and values pollute nothing", () => {
    const tickets = JSON.parse(`[{ "__proto__": { "polluted": 1 }, "id": 1,
      "created_at": "2024-03-01T09:00:00Z", "status": "__proto__", "priority": "constructor",
      "source": "toString", "stats": { "__proto__": { "resolved_at": "2024-03-01T10:00:00Z" } } }]`);
    const statuses = JSON.parse(`{ "__proto__": "open" }`);
    const { records } = freshdeskTickets(tickets, { statuses });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(records[0]).toMatchObject({
      status: "open", // the caller's own table said so
      priority: "constructor",
      channel: "toString",
      lastResolvedAt: null,
    });
    const ratings = JSON.parse(
      `[{ "id": 1, "ratings": { "__proto__": { "default_question": 103 } } }]`,
    );
    expect(freshdeskSatisfactionRatings(ratings).skipped[0]?.reason).toBe("noDefaultQuestion");
  });
});
