import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { stateFromJSON, stateToJSON } from "../../reduce/serialize.ts";
import { agentsOnTicket } from "./agentsOnTicket.ts";
import { handoffs, handoffsReducer } from "./handoffs.ts";

const NONE = { unknownAssignments: 0, unknownReplies: 0, unknownReplier: 0, neverAssigned: 0 };

/** A ticket assigned to `ids` in turn, an hour apart (null: unassigned). */
const passed = (ids: (string | null)[] | null, createdAt = "2024-03-01T09:00:00Z") =>
  ticket({
    createdAt,
    assignments:
      ids === null
        ? null
        : ids.map((assigneeId, i) => ({
            at: new Date(Date.parse(createdAt) + (i + 1) * 3_600_000),
            assigneeId,
          })),
  });

/** A ticket whose agent replies were written by `authors`, after a customer's message. */
const answered = (authors: (string | null)[]) =>
  ticket({
    messages: [
      { at: "2024-03-01T09:00:00Z", authorRole: "customer" },
      ...authors.map((authorId, i) => ({
        at: `2024-03-01T1${i}:00:00Z`,
        authorRole: "agent" as const,
        authorId,
      })),
    ],
  });

describe("handoffs", () => {
  test("counts distinct agents minus one, and gives the distribution", () => {
    // agents: {a} 1, {a,b} 2, {a,b} 2 (back to a), {a,b,c} 3, {b} 1 (the unassignment is nobody)
    // handoffs: 0, 1, 1, 2, 0 → sum 4 over 5 tickets = 0.8; distribution [2, 2, 1]
    const tickets = [
      passed(["a"]),
      passed(["a", "b"]),
      passed(["a", "b", "a"]),
      passed(["a", "b", "c"]),
      passed(["b", null]),
    ];
    expect(handoffs(tickets)).toEqual({
      value: 0.8,
      sum: 4,
      n: 5,
      distribution: [2, 2, 1],
      excluded: NONE,
    });
  });

  test("no history is unknown, never 'no handoff'; a ticket nobody held is left out by name", () => {
    // 2 known tickets: handoffs 1 and 0 → 0.5; one with no history; one only ever unassigned
    expect(handoffs([passed(["a", "b"]), passed(["c"]), passed(null), passed([null])])).toEqual({
      value: 0.5,
      sum: 1,
      n: 2,
      distribution: [1, 1],
      excluded: { ...NONE, unknownAssignments: 1, neverAssigned: 1 },
    });
    // a file without an assignment column: nothing known, value null
    expect(handoffs([ticket(), ticket()])).toMatchObject({
      value: null,
      n: 0,
      distribution: [],
      excluded: { unknownAssignments: 2 },
    });
    expect(handoffs([])).toEqual({ value: null, sum: 0, n: 0, distribution: [], excluded: NONE });
  });

  test("the current assignee counts with the history", () => {
    // the history names a; the ticket is now with b: two agents, one handoff
    expect(agentsOnTicket(ticket({ assigneeId: "b", assignments: [] }), "assignments", "f")).toBe(
      1,
    );
    const t = ticket({
      assigneeId: "b",
      assignments: [{ at: "2024-03-01T10:00:00Z", assigneeId: "a" }],
    });
    expect(handoffs([t]).distribution).toEqual([0, 1]);
  });

  test("from replies: distinct replying agents; notes, automation and customers do not count", () => {
    const t = ticket({
      messages: [
        { at: "2024-03-01T09:00:00Z", authorRole: "customer", authorId: "cust" },
        { at: "2024-03-01T10:00:00Z", authorRole: "agent", authorId: "a" },
        { at: "2024-03-01T11:00:00Z", authorRole: "agent", authorId: "b", public: false },
        { at: "2024-03-01T12:00:00Z", authorRole: "agent", authorId: "c", automated: true },
        { at: "2024-03-01T13:00:00Z", authorRole: "agent", authorId: "a" },
      ],
    });
    // repliers {a}: 0 handoffs; {a, b}: 1; {} → noAgentReply; a reply without author → unknown
    const result = handoffs([t, answered(["a", "b"]), answered([]), answered(["a", null])], {
      from: "replies",
    });
    expect(result).toEqual({
      value: 0.5,
      sum: 1,
      n: 2,
      distribution: [1, 1],
      excluded: { ...NONE, neverAssigned: 1, unknownReplier: 1 },
    });
    expect(handoffs([passed(["a", "b"])], { from: "replies" }).excluded.unknownReplies).toBe(1);
  });

  test("a month is the sum of its days, bucket by bucket", () => {
    const tickets = [
      passed(["a", "b"], "2024-03-01T09:00:00Z"),
      passed(["a"], "2024-03-01T10:00:00Z"),
      passed(["a", "b", "c"], "2024-03-02T09:00:00Z"),
    ];
    const metrics = { handoffs: handoffsReducer() };
    const days = rollup(tickets, { by: { period: "day" }, metrics });
    // 1 March: handoffs 1 and 0 → 0.5; 2 March: 2
    expect(days.map((row) => row.handoffs.value)).toEqual([0.5, 2]);
    const month = rollup(tickets, { by: { period: "month" }, metrics });
    // March: (1 + 0 + 2) / 3 = 1
    expect(month.map((row) => [row.handoffs.value, row.handoffs.distribution])).toEqual([
      [1, [1, 1, 1]],
    ]);
  });

  test("saves its state as JSON, and the saved state merges like the live one", () => {
    const reducer = handoffsReducer();
    const a = reducer.init();
    const b = reducer.init();
    reducer.add(a, passed(["a", "b", "c", "d"]), undefined);
    reducer.add(b, passed(["a"]), undefined);
    const saved = stateFromJSON<typeof a>(stateToJSON(a));
    expect(reducer.result(reducer.merge(saved, b))).toEqual(reducer.result(reducer.merge(a, b)));
    // 3 and 0 handoffs: mean 1.5
    expect(reducer.result(reducer.merge(saved, b)).distribution).toEqual([1, 0, 0, 1]);
  });

  test("rejects an option it does not know and a record it cannot read", () => {
    expect(() => handoffs([], { from: "assignees" as "assignments" })).toThrow(
      new RangeError('handoffs: from must be one of assignments, replies, got "assignees"'),
    );
    const bad = { ...passed(["a"]), assignments: "a,b" } as unknown as ReturnType<typeof passed>;
    expect(() => handoffs([bad])).toThrow(
      new TypeError('handoffs: record 0 field "assignments" must be an array or null, got "a,b"'),
    );
  });

  test("an unchecked record's creation instant is refused by name", () => {
    const record = { ...passed(["a", "b"]), createdAt: "2024-03-01" };
    expect(() => handoffs([record] as never)).toThrow(
      new TypeError('handoffs: record 0 field "createdAt" must be a valid Date, got "2024-03-01"'),
    );
  });
});
