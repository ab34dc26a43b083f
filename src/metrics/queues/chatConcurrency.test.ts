import { describe, expect, test } from "vitest";
import { abandoned, answered, queueContact } from "../../../test/fixtures/queueContacts.ts";
import { chatConcurrency } from "./chatConcurrency.ts";

/** A chat held by `agentId`, answered at `time` (UTC, 4 March 2024) for `minutes`. */
function chat(agentId: string | null, time: string, minutes: number) {
  const at = new Date(`2024-03-04T${time}:00Z`);
  return answered(0, { offeredAt: at, agentId, talkSeconds: minutes * 60, channel: "chat" });
}

const none = {
  notAnswered: 0,
  noAgent: 0,
  noTalkTime: 0,
  unknownOutcome: 0,
  bothOutcomes: 0,
  endsBeforeOffer: 0,
};

describe("chatConcurrency", () => {
  test("weights the number of open chats by time", () => {
    // ana: 10:00–10:20 and 10:10–10:30 → 40 chat-minutes in 30 busy minutes
    // ben: 10:00–10:30, 10:00–10:30 and 10:15–10:45 → 90 chat-minutes in 45 busy minutes
    // (40 + 90) / (30 + 45) = 130 / 75 = 1.7333
    const result = chatConcurrency([
      chat("ana", "10:00", 20),
      chat("ana", "10:10", 20),
      chat("ben", "10:00", 30),
      chat("ben", "10:00", 30),
      chat("ben", "10:15", 30),
    ]);
    expect(result).toEqual({
      value: 130 / 75,
      conversationSeconds: 130 * 60,
      busySeconds: 75 * 60,
      conversations: 5,
      agents: 2,
      excluded: none,
    });
  });

  test("never counts one agent's chats against another's", () => {
    // two agents at the same time, one chat each: 1 at once, not 2
    expect(chatConcurrency([chat("ana", "10:00", 20), chat("ben", "10:00", 20)]).value).toBe(1);
  });

  test("back-to-back chats are one at a time", () => {
    expect(chatConcurrency([chat("ana", "10:00", 20), chat("ana", "10:20", 20)]).value).toBe(1);
  });

  test("excludes what it cannot place, by reason", () => {
    const result = chatConcurrency([
      abandoned(30),
      chat(null, "10:00", 5),
      answered(5, { agentId: "ana", talkSeconds: null }),
      queueContact(),
    ]);
    expect(result).toEqual({
      value: null,
      conversationSeconds: 0,
      busySeconds: 0,
      conversations: 0,
      agents: 0,
      excluded: { ...none, notAnswered: 1, noAgent: 1, noTalkTime: 1, unknownOutcome: 1 },
    });
  });

  test("an agent id that is no string, or talk that is no number, is a TypeError naming it", () => {
    expect(() => chatConcurrency([answered(5, { agentId: 5 as never, talkSeconds: 60 })])).toThrow(
      new TypeError('chatConcurrency: record 0 field "agentId" must be a string or null, got 5'),
    );
    expect(() =>
      chatConcurrency([answered(5, { agentId: "ana", talkSeconds: "x" as never })]),
    ).toThrow(
      new TypeError(
        'chatConcurrency: record 0 field "talkSeconds" must be a number of seconds at least 0, or null, got "x"',
      ),
    );
    // Unknown agents are excluded, not refused: undefined and null alike.
    expect(
      chatConcurrency([answered(5, { agentId: undefined as never, talkSeconds: 60 })]).excluded,
    ).toMatchObject({ noAgent: 1 });
  });

  test("a chat of no length counts as a conversation but adds no time", () => {
    expect(chatConcurrency([chat("ana", "10:00", 0)])).toMatchObject({
      value: null,
      conversations: 1,
      agents: 1,
    });
  });
});
