import { describe, expect, test } from "vitest";
import { type AgentsInput, agentsOnTicket } from "./agentsOnTicket.ts";

const at = new Date("2024-03-01T09:00:00Z");

/**
 * A record that never went through the schema (recordError.ts): plain JavaScript, where a
 * column left out is `undefined` rather than the schema's `null`, and any field may be junk.
 */
const raw = (fields: Record<string, unknown>) => ({ createdAt: at, ...fields }) as AgentsInput;

const reply = (authorId?: unknown) => ({
  at,
  authorRole: "agent",
  public: true,
  automated: false,
  ...(authorId === undefined ? {} : { authorId }),
});

describe("agentsOnTicket on records that never went through the schema", () => {
  test("a history or message list left out is unknown, as null is", () => {
    expect(agentsOnTicket(raw({}), "assignments", "handoffs")).toBe("unknownAssignments");
    expect(agentsOnTicket(raw({}), "replies", "handoffs")).toBe("unknownReplies");
  });

  test("an assignee left out is nobody, as null is", () => {
    // history a, then an entry without assigneeId (unassigned), a null entry, no current
    // assignee: one agent, a
    const ticket = raw({ assignments: [{ at, assigneeId: "a" }, { at }, null] });
    expect(agentsOnTicket(ticket, "assignments", "handoffs")).toBe(1);
    // a history naming nobody and no assigneeId field: nobody held it
    expect(agentsOnTicket(raw({ assignments: [{ at }] }), "assignments", "handoffs")).toBe(
      "neverAssigned",
    );
  });

  test("a reply whose authorId is left out cannot be told apart, as with null", () => {
    // repliers a and an unnamed one: not "one agent", unknown
    const ticket = raw({ messages: [reply("a"), reply()] });
    expect(agentsOnTicket(ticket, "replies", "transferRate")).toBe("unknownReplier");
  });

  test("a junk field is a TypeError naming it and the metric", () => {
    const fails = (ticket: AgentsInput, from: "assignments" | "replies", message: string) => {
      const run = () => agentsOnTicket(ticket, from, "handoffs");
      expect(run).toThrow(TypeError);
      expect(run).toThrow(message);
    };
    fails(
      raw({ assignments: [], assigneeId: 7 }),
      "assignments",
      'handoffs: field "assigneeId" must be a string or null, got 7',
    );
    fails(
      raw({ assignments: [{ at, assigneeId: 7 }] }),
      "assignments",
      'handoffs: field "assignments[].assigneeId" must be a string or null, got 7',
    );
    fails(
      raw({ messages: "hi" }),
      "replies",
      'handoffs: field "messages" must be an array or null, got "hi"',
    );
  });
});
