import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { csat } from "../metrics/surveys/csat.ts";
import { firstResponseTime } from "../metrics/tickets/firstResponseTime.ts";
import { chatwootConversations, chatwootCsatResponses, chatwootWebhookEvents } from "./chatwoot.ts";
import { validateAdaptedSurveys, validateAdaptedTickets } from "./common.ts";

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../test/fixtures/vendors/${name}`, import.meta.url), "utf8"),
  );
}

const at = (time: string) => `2024-03-04T${time}:00.000Z`;

describe("chatwootWebhookEvents on the documentation samples", () => {
  const created = fixture("chatwoot-message-created.json");
  const changed = fixture("chatwoot-conversation-status-changed.json");

  test("maps the message_created sample exactly", () => {
    expect(chatwootWebhookEvents([created])).toEqual({
      records: [
        {
          id: 10,
          // the payloads carry no creation time: the earliest message seen stands for it
          createdAt: "2021-07-23T18:02:48.000Z",
          channel: "web_widget",
          priority: null,
          status: "open",
          assigneeId: 1,
          groupId: null,
          customerId: 14,
          firstResponseAt: null,
          tags: [],
          messages: [
            {
              // message 120 inside the conversation: the widget's email form (a template)
              at: "2021-07-23T18:02:49.000Z",
              authorRole: "system",
              public: true,
              automated: false,
              authorId: null,
            },
            {
              // the event's own message: "hi" from the contact
              at: "2021-07-23T18:02:48.000Z",
              authorRole: "customer",
              public: true,
              automated: false,
              authorId: 14,
            },
          ],
        },
      ],
      sources: [0],
      skipped: [],
    });
  });

  test("the status_changed sample updates the same conversation; the latest snapshot wins", () => {
    const adapted = chatwootWebhookEvents([created, changed]);
    expect(adapted.records).toHaveLength(1);
    // the two documentation samples disagree on the contact (14, then 12): the later one wins
    expect(adapted.records[0]).toMatchObject({ id: 10, status: "open", customerId: 12 });
    expect(adapted.records[0]?.messages).toHaveLength(2);
    const { records, rejected } = validateAdaptedTickets(adapted);
    expect(rejected).toEqual([]);
    // no agent ever answered: no first response time, one ticket excluded as unanswered
    const frt = firstResponseTime(records);
    expect([frt.value, frt.excluded.unanswered]).toEqual([null, 1]);
  });

  test("reports events it cannot use", () => {
    const { skipped } = chatwootWebhookEvents([
      { event: "contact_created", id: 5 },
      { event: "message_created", id: 6 },
      { event: "message_created", id: 7, message_type: 0, conversation: { id: 3 } },
      { event: "message_updated", id: 7, message_type: 0, conversation: { id: 3 } },
    ]);
    expect(skipped.map((s) => [s.index, s.reason])).toEqual([
      [0, "unsupportedEvent"],
      [1, "noConversation"],
      [2, "replaced"],
    ]);
  });
});

describe("chatwootConversations with their messages", () => {
  const rich = fixture("chatwoot-rich.json");
  const adapted = chatwootConversations(rich.conversations, { messages: rich.messages });

  test("maps conversations and messages exactly", () => {
    const message = (
      time: string,
      authorRole: string,
      authorId: number | null,
      more: { public?: boolean; automated?: boolean } = {},
    ) => ({
      at: at(time),
      authorRole,
      public: more.public ?? true,
      automated: more.automated ?? false,
      authorId,
    });
    expect(adapted.records).toEqual([
      {
        id: 10,
        createdAt: at("09:00"),
        channel: "web_widget",
        priority: "high",
        status: "solved", // resolved
        assigneeId: 1,
        groupId: 4, // the team
        customerId: 12,
        firstResponseAt: null,
        tags: ["billing"],
        messages: [
          message("09:00", "customer", 12),
          message("09:01", "bot", 1), // AgentBot
          // 09:02 is an activity message: skipped
          message("09:03", "agent", null, { automated: true }), // automation rule 5
          message("09:05", "agent", 1, { public: false }), // private note
          message("09:12", "agent", 1),
          message("09:13", "system", null), // template
        ],
      },
      {
        id: 11,
        createdAt: at("10:00"),
        channel: "email",
        priority: null,
        status: "new", // pending: not picked up yet
        assigneeId: null,
        groupId: null,
        customerId: 13,
        firstResponseAt: null,
        tags: [],
        messages: [message("10:00", "customer", 13), message("10:45", "agent", 2)],
      },
      {
        id: 12,
        createdAt: at("11:00"),
        channel: "api",
        priority: "low",
        status: "onHold", // snoozed
        assigneeId: 2,
        groupId: null,
        customerId: 14,
        firstResponseAt: null,
        tags: [],
        messages: [message("11:00", "customer", 14)],
      },
    ]);
    expect(adapted.skipped.map((s) => [s.source, s.index, s.reason])).toEqual([
      ["messages", 2, "activity"],
      ["messages", 10, "noConversation"],
    ]);
  });

  test("the validated conversations give the hand-computed first response times", () => {
    const { records, rejected } = validateAdaptedTickets(adapted);
    expect(rejected).toEqual([]);
    // 10: the bot (09:01), the automation (09:03) and the private note (09:05) do not count;
    // the first human public reply is at 09:12 → 720 s. 11: 45 min = 2700 s. 12: unanswered.
    // (720 + 2700) / 2 = 1710 s
    const frt = firstResponseTime(records);
    expect([frt.value, frt.n, frt.excluded.unanswered]).toEqual([1710, 2, 1]);
    // counting bots and automation, 10 was answered by the bot after 60 s: (60 + 2700) / 2
    expect(firstResponseTime(records, { countAutomatedReplies: true }).value).toBe(1380);
    expect(records[0]?.agentReplyCount).toBe(1);
  });

  test("without the messages option, each conversation's own messages are read", () => {
    const one = chatwootConversations([
      {
        id: 1,
        created_at: 1709542800,
        messages: [
          { id: 1, message_type: 1, created_at: 1709543400, sender_type: "User", sender_id: 3 },
          5,
        ],
      },
    ]);
    expect(one.records[0]?.messages).toHaveLength(1);
    expect(one.skipped.map((s) => [s.source, s.index, s.reason])).toEqual([
      ["conversations[0].messages", 1, "notAnObject"],
    ]);
  });
});

describe("chatwootCsatResponses", () => {
  test("maps responses exactly; CSAT is the share of 4–5", () => {
    const adapted = chatwootCsatResponses(fixture("chatwoot-rich.json").csat_survey_responses);
    expect(adapted.records).toEqual([
      {
        id: 1,
        kind: "csat",
        score: 5,
        scale: { min: 1, max: 5 },
        sentAt: null,
        respondedAt: "2024-03-04T10:00:00Z",
        ticketId: 10,
        customerId: 12,
        agentId: 1,
      },
      {
        id: 2,
        kind: "csat",
        score: 4,
        scale: { min: 1, max: 5 },
        sentAt: null,
        respondedAt: "2024-03-04T11:00:00Z",
        ticketId: 11,
        customerId: 13,
        agentId: 2,
      },
      {
        id: 3,
        kind: "csat",
        score: 2,
        scale: { min: 1, max: 5 },
        sentAt: null,
        respondedAt: "2024-03-04T12:00:00Z",
        ticketId: 12,
        customerId: 14, // contact_id
        agentId: 2, // assigned_agent_id
      },
    ]);
    // (count of 4 + count of 5) / responses = 2 / 3 = 66.67 %
    expect(csat(validateAdaptedSurveys(adapted).records).value).toBeCloseTo(66.67, 2);
  });

  test("a rating out of 1–5 is rejected by validation", () => {
    const { rejected } = validateAdaptedSurveys(
      chatwootCsatResponses([{ id: 1, rating: 6, created_at: "2024-03-04T10:00:00Z" }]),
    );
    expect(rejected[0]?.message).toBe("must be between 1 and 5 on this csat scale, got 6");
  });
});

describe("hostile input", () => {
  test("__proto__ and constructor keys and values pollute nothing", () => {
    const conversations = JSON.parse(`[{ "__proto__": { "polluted": 1 }, "id": 1,
      "created_at": 1709542800, "status": "__proto__", "channel": "Channel::Constructor",
      "meta": { "__proto__": { "assignee": { "id": 9 } } },
      "messages": [
        { "id": 1, "message_type": "constructor", "created_at": 1709542800 },
        { "id": 2, "message_type": 1, "created_at": 1709542900, "sender_type": "__proto__",
          "content_attributes": { "__proto__": { "automation_rule_id": 1 } } }
      ] }]`);
    const { records, skipped } = chatwootConversations(conversations);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(records[0]).toMatchObject({
      status: "__proto__",
      channel: "constructor",
      assigneeId: null,
      messages: [{ authorRole: "system", automated: false }],
    });
    expect(skipped.map((s) => s.reason)).toEqual(["unknownType"]);
    const { rejected } = validateAdaptedTickets({ records, sources: [0], skipped });
    expect(rejected[0]?.path).toEqual(["status"]);
  });
});
