import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { csat } from "../metrics/surveys/csat.ts";
import { firstResponseTime } from "../metrics/tickets/firstResponseTime.ts";
import { reopenRate } from "../metrics/tickets/reopenRate.ts";
import { resolutionTime } from "../metrics/tickets/resolutionTime.ts";
import { validateAdaptedSurveys, validateAdaptedTickets } from "./common.ts";
import { intercomConversations, intercomRatings } from "./intercom.ts";

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../test/fixtures/vendors/${name}`, import.meta.url), "utf8"),
  );
}

const at = (time: string) => `2024-03-04T${time}:00.000Z`;

describe("intercomConversations", () => {
  test("maps the documentation example exactly (statistics and rating are null there)", () => {
    const example = fixture("intercom-conversations-list.json");
    expect(intercomConversations(example)).toEqual({
      records: [
        {
          id: "471",
          createdAt: "2024-12-18T15:57:40.000Z", // 1734537460 s
          channel: "conversation",
          priority: "not_priority",
          status: "solved", // closed
          assigneeId: 991267715,
          groupId: 5017691,
          customerId: "6762f0f31bb69f9f2193bb8b",
          firstCustomerMessageAt: null,
          // statistics is null: the first reply is not given (left out), not "never answered"
          firstResolvedAt: null,
          lastResolvedAt: null,
          reopenCount: null,
          handleSeconds: null,
          tags: [],
          messages: null,
          statusChanges: null,
        },
      ],
      sources: [0],
      skipped: [],
    });
    expect(intercomConversations(example).records[0]).not.toHaveProperty("firstResponseAt");
    expect(intercomRatings(example).skipped.map((s) => [s.id, s.reason])).toEqual([
      ["471", "unrated"],
    ]);
    expect(validateAdaptedTickets(intercomConversations(example)).rejected).toEqual([]);
  });

  const rich = fixture("intercom-rich.json");
  const adapted = intercomConversations(rich);

  test("maps statistics and parts exactly", () => {
    const customer = (time: string, id: string) => ({
      at: at(time),
      authorRole: "customer",
      public: true,
      authorId: id,
    });
    const admin = (time: string, id: string, visible = true) => ({
      at: at(time),
      authorRole: "agent",
      public: visible,
      authorId: id,
    });
    expect(adapted.records).toEqual([
      {
        id: "c1",
        createdAt: at("09:00"),
        channel: "conversation",
        priority: "not_priority",
        status: "solved",
        assigneeId: 7,
        assignments: [], // parts without an assignment: none in the parts
        groupId: 3,
        customerId: "u1",
        firstCustomerMessageAt: at("09:00"),
        firstResponseAt: at("09:10"),
        firstResolvedAt: at("10:00"),
        lastResolvedAt: at("10:00"),
        reopenCount: 0,
        handleSeconds: 2400,
        tags: ["billing"],
        messages: [
          customer("09:00", "u1"), // the source message
          { at: at("09:01"), authorRole: "bot", public: true, authorId: "b1" },
          admin("09:05", "7", false), // a note
          admin("09:10", "7"),
          // the assignment and the close carry no body: not messages
        ],
        statusChanges: [
          { at: at("09:00"), status: "open" },
          { at: at("10:00"), status: "solved" },
        ],
      },
      {
        id: "c2",
        createdAt: at("10:00"),
        channel: "email",
        priority: "priority",
        status: "open",
        assigneeId: 8,
        assignments: [], // parts without an assignment: none in the parts
        groupId: null,
        customerId: "u2",
        firstCustomerMessageAt: null,
        // no statistics: firstResponseAt left out, the schema reads it from the parts
        firstResolvedAt: null,
        lastResolvedAt: null,
        reopenCount: null,
        handleSeconds: null,
        tags: [],
        messages: [
          customer("10:00", "u2"),
          admin("10:30", "8"),
          admin("11:00", "8"), // "reply and close": the close part has a body
          customer("12:00", "u2"),
          admin("12:30", "8"),
        ],
        statusChanges: [
          { at: at("10:00"), status: "open" },
          { at: at("11:00"), status: "solved" },
          { at: at("12:00"), status: "open" },
        ],
      },
      {
        id: "c3",
        createdAt: at("11:00"),
        channel: "conversation",
        priority: "not_priority",
        status: "onHold", // snoozed
        assigneeId: 7,
        groupId: 3,
        customerId: "u3",
        firstCustomerMessageAt: at("11:30"),
        firstResponseAt: at("11:40"),
        firstResolvedAt: null,
        lastResolvedAt: null,
        reopenCount: 0,
        handleSeconds: null,
        tags: [],
        messages: null,
        statusChanges: null,
      },
    ]);
    expect(adapted.skipped.map((s) => [s.index, s.reason])).toEqual([[3, "notAnObject"]]);
  });

  test("the validated conversations give the hand-computed metrics", () => {
    const { records, rejected } = validateAdaptedTickets(adapted);
    expect(rejected).toEqual([]);
    // c2 had no statistics: its first reply (10:30), resolution and reopen come from the parts
    expect(records[1]).toMatchObject({
      firstResponseAt: new Date(at("10:30")),
      firstResolvedAt: new Date(at("11:00")),
      reopenCount: 1,
      agentReplyCount: 3,
    });
    // from creation: c1 600 s, c2 1800 s, c3 2400 s → (600 + 1800 + 2400) / 3 = 1600 s
    expect(firstResponseTime(records).value).toBe(1600);
    // Intercom's clock starts at the customer's first message: c1 600 s, c2 1800 s,
    // c3 (started by an admin at 11:00, customer wrote 11:30, reply 11:40) 600 s → 1000 s
    expect(firstResponseTime(records, { startFrom: "firstCustomerMessage" }).value).toBe(1000);
    // first close: c1 1 h, c2 1 h → 3600 s; reopened: c2 of c1, c2 → 50 %
    expect(resolutionTime(records).value).toBe(3600);
    expect(reopenRate(records).value).toBe(50);
  });
});

describe("intercomRatings", () => {
  test("maps conversation ratings exactly; CSAT is the share of 4–5", () => {
    const adapted = intercomRatings(fixture("intercom-rich.json"));
    expect(adapted.records).toEqual([
      {
        id: "c1",
        kind: "csat",
        score: 5,
        scale: { min: 1, max: 5 },
        respondedAt: at("11:00"),
        ticketId: "c1",
        customerId: "u1",
        agentId: "7",
      },
      {
        id: "c2",
        kind: "csat",
        score: 3,
        scale: { min: 1, max: 5 },
        respondedAt: at("11:30"),
        ticketId: "c2",
        customerId: "u2",
        agentId: "8",
      },
    ]);
    expect(adapted.skipped.map((s) => [s.index, s.reason])).toEqual([
      [2, "unrated"],
      [3, "notAnObject"],
    ]);
    // 5 is in the top two boxes, 3 is not: 1 / 2 = 50 %
    expect(csat(validateAdaptedSurveys(adapted).records).value).toBe(50);
  });
});

describe("hostile input", () => {
  test("__proto__ and constructor keys and values pollute nothing", () => {
    const conversations = JSON.parse(`[{ "__proto__": { "polluted": 1 }, "id": "x",
      "created_at": 1709542800, "state": "constructor",
      "statistics": { "__proto__": { "first_admin_reply_at": 1709543400 } },
      "source": { "type": "email", "author": { "type": "__proto__", "id": "a" } },
      "conversation_parts": { "conversation_parts": [
        { "part_type": "toString", "created_at": 1709543400, "author": { "type": "constructor" }, "body": "hi" }
      ] } }]`);
    const { records } = intercomConversations(conversations);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(records[0]).toMatchObject({
      status: "constructor",
      firstResponseAt: null,
      messages: [
        { authorRole: "system", public: true },
        { authorRole: "system", public: true },
      ],
      statusChanges: [{ status: "open" }],
    });
  });

  test("an epoch beyond the Date range is rejected, never read as another date", () => {
    const { records } = intercomConversations([{ id: 1, created_at: 1e14 }]);
    const { rejected } = validateAdaptedTickets({ records, sources: [0], skipped: [] });
    expect(rejected[0]?.path).toEqual(["createdAt"]);
  });
});
