import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { csat } from "../metrics/surveys/csat.ts";
import { firstResponseTime } from "../metrics/tickets/firstResponseTime.ts";
import { reopenRate } from "../metrics/tickets/reopenRate.ts";
import { resolutionTime } from "../metrics/tickets/resolutionTime.ts";
import { validateAdaptedSurveys, validateAdaptedTickets } from "./common.ts";
import { helpscoutConversations, helpscoutRatings } from "./helpscout.ts";

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../test/fixtures/vendors/${name}`, import.meta.url), "utf8"),
  );
}

const at = (time: string) => `2024-03-04T${time}:00Z`;
const message = (time: string, authorRole: string, authorId: number, visible = true) => ({
  at: at(time),
  authorRole,
  public: visible,
  authorId,
});

describe("helpscoutConversations", () => {
  const rich = fixture("helpscout-rich.json");
  const adapted = helpscoutConversations(rich.conversations);

  test("maps conversations and threads exactly; skips spam and deleted", () => {
    expect(adapted.records).toEqual([
      {
        id: 1001,
        createdAt: at("09:00"),
        channel: "email",
        status: "solved", // closed
        assigneeId: 5,
        groupId: 77, // the mailbox
        customerId: 900,
        lastResolvedAt: at("11:00"), // closedAt
        tags: ["refund"],
        messages: [
          message("09:00", "customer", 900),
          message("09:10", "agent", 5, false), // a note
          message("09:30", "agent", 5),
          message("10:00", "customer", 900),
          message("11:00", "agent", 5),
          // the line item at 11:00 is an event, not a message
        ],
        statusChanges: [
          { at: at("09:00"), status: "open" },
          { at: at("09:30"), status: "pending" },
          { at: at("10:00"), status: "open" },
          { at: at("11:00"), status: "solved" },
        ],
      },
      {
        id: 1002,
        createdAt: at("10:00"),
        channel: "chat",
        status: "open", // active
        assigneeId: 6,
        groupId: 78,
        customerId: 901,
        lastResolvedAt: null,
        tags: [],
        messages: [
          message("10:00", "customer", 901), // a chat thread by the customer
          message("10:05", "agent", 6), // a chat thread by a user
          message("10:20", "agent", 6),
          message("13:00", "customer", 901),
          // the draft at 13:10 was never sent
        ],
        statusChanges: [
          { at: at("10:00"), status: "open" },
          { at: at("10:20"), status: "solved" },
          { at: at("13:00"), status: "open" },
        ],
      },
    ]);
    expect(adapted.skipped.map((s) => [s.index, s.id, s.reason])).toEqual([
      [2, "1003", "spam"],
      [3, "1004", "deleted"],
    ]);
  });

  test("the validated conversations give the hand-computed metrics", () => {
    const { records, rejected } = validateAdaptedTickets(adapted);
    expect(rejected).toEqual([]);
    // the note at 09:10 is not a reply: 1001 waited 30 min = 1800 s, 1002 5 min = 300 s
    // (1800 + 300) / 2 = 1050 s
    expect(firstResponseTime(records).value).toBe(1050);
    // first resolution from the status changes: 1001 at 11:00 (2 h = 7200 s), 1002 at 10:20
    // (20 min = 1200 s) → (7200 + 1200) / 2 = 4200 s; Help Scout counts only replied ones
    expect(resolutionTime(records, { requireAgentReply: true }).value).toBe(4200);
    // 1002 was reopened at 13:00: 1 of 2 resolved = 50 %
    expect(records.map((r) => r.reopenCount)).toEqual([0, 1]);
    expect(reopenRate(records).value).toBe(50);
  });

  test("reads a single conversation and the plain list shape", () => {
    const one = { id: 1, createdAt: at("09:00"), status: "pending" };
    expect(helpscoutConversations(one).records[0]?.status).toBe("pending");
    expect(helpscoutConversations([one, "x"]).skipped[0]?.reason).toBe("notAnObject");
  });
});

describe("helpscoutRatings", () => {
  test("maps the documentation example exactly", () => {
    expect(helpscoutRatings(fixture("helpscout-rating.json"))).toEqual({
      records: [
        {
          id: 5434,
          kind: "csat",
          score: 3, // Great
          scale: { min: 1, max: 3 },
          respondedAt: "2015-04-13T12:34:12Z",
          ticketId: 1560011,
          customerId: 449379,
          agentId: null,
        },
      ],
      sources: [0],
      skipped: [],
    });
  });

  test("gives Help Scout's happiness score", () => {
    const rich = fixture("helpscout-rich.json");
    const adapted = helpscoutRatings(rich.ratings);
    // Great, Okay, Not Good, great → 3, 2, 1, 3; "meh" is skipped
    expect(adapted.records.map((r) => [r.score, r.agentId])).toEqual([
      [3, 5],
      [2, 6],
      [1, 6],
      [3, 5],
    ]);
    expect(adapted.skipped.map((s) => [s.index, s.reason, s.message])).toEqual([
      [4, "unknownRating", 'rating must be Great, Okay or Not Good, got "meh"'],
    ]);
    const { records } = validateAdaptedSurveys(adapted);
    // % great − % not good = 2/4 − 1/4 = 25 points
    expect(csat(records, { method: "happiness" }).value).toBe(25);
  });
});

describe("hostile input", () => {
  test("__proto__ and constructor keys and values pollute nothing", () => {
    const conversation = JSON.parse(`{ "__proto__": { "polluted": 1 }, "id": 1,
      "createdAt": "2024-03-04T09:00:00Z", "status": "constructor",
      "_embedded": { "threads": [
        { "type": "message", "status": "__proto__", "createdAt": "2024-03-04T09:10:00Z",
          "createdBy": { "type": "toString", "id": 2 } }
      ] } }`);
    const { records } = helpscoutConversations(conversation);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(records[0]).toMatchObject({
      status: "constructor",
      messages: [{ authorRole: "system" }],
      statusChanges: [],
    });
    const ratings = JSON.parse(
      `[{ "id": 1, "rating": "constructor" }, { "id": 2, "rating": "__proto__" }]`,
    );
    expect(helpscoutRatings(ratings).skipped.map((s) => s.reason)).toEqual([
      "unknownRating",
      "unknownRating",
    ]);
  });
});
