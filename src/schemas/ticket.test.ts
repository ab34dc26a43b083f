import { describe, expect, test } from "vitest";
import { isAgentReply, isResolvedStatus, type TicketMessage, ticketSchema } from "./ticket.ts";
import { validateTickets } from "./validate.ts";

const CREATED = "2024-03-01T09:00:00Z";
const d = (iso: string) => new Date(iso);
/** `HH:MM` on 2024-03-01, UTC. */
const on = (time: string) => `2024-03-01T${time}:00Z`;

function issuesOf(input: unknown) {
  const { records, rejected } = validateTickets([input]);
  expect(records).toEqual([]);
  return rejected[0]?.issues.map((issue) => [issue.path, issue.message]);
}

describe("ticketSchema", () => {
  test("fills every flat field of a minimal ticket", () => {
    expect(ticketSchema().parse({ id: 7, createdAt: CREATED })).toEqual({
      id: "7",
      source: null,
      createdAt: d(CREATED),
      channel: null,
      priority: null,
      status: "open",
      assigneeId: null,
      groupId: null,
      customerId: null,
      firstCustomerMessageAt: null,
      // not given: unknown, never "unanswered", "never reopened" or "not escalated" (issue 11)
      firstResponseAt: undefined,
      firstResolvedAt: null,
      lastResolvedAt: null,
      closedAt: null,
      reopenCount: null,
      agentReplyCount: null,
      handleSeconds: null,
      escalated: null,
      tags: [],
      category: null,
      messages: null,
      statusChanges: null,
      assignments: null,
    });
  });

  test("keeps the flat fields it is given", () => {
    const ticket = ticketSchema().parse({
      id: "T1",
      createdAt: CREATED,
      channel: "  email ",
      priority: "",
      status: "pending",
      assigneeId: 42,
      groupId: "",
      customerId: "c9",
      firstCustomerMessageAt: on("09:00"),
      firstResponseAt: on("09:20"),
      firstResolvedAt: on("10:00"),
      lastResolvedAt: on("12:00"),
      closedAt: on("13:00"),
      reopenCount: 1,
      agentReplyCount: 3,
      handleSeconds: 600,
      escalated: true,
      tags: ["vip", "billing"],
      category: "Billing",
    });
    expect(ticket).toMatchObject({
      channel: "email",
      priority: null,
      status: "pending",
      assigneeId: "42",
      groupId: null,
      customerId: "c9",
      firstResponseAt: d(on("09:20")),
      firstResolvedAt: d(on("10:00")),
      lastResolvedAt: d(on("12:00")),
      closedAt: d(on("13:00")),
      reopenCount: 1,
      agentReplyCount: 3,
      handleSeconds: 600,
      escalated: true,
      tags: ["vip", "billing"],
      category: "Billing",
    });
  });

  test("reads zone-less timestamps in the given zone", () => {
    // 10:00 in Tokyo (+09:00) is 01:00 UTC.
    const ticket = ticketSchema({ timeZone: "Asia/Tokyo" }).parse({
      id: 1,
      createdAt: "2024-03-01 10:00",
      messages: [{ at: "2024-03-01 10:30", authorRole: "agent" }],
    });
    expect(ticket.createdAt).toEqual(new Date(Date.UTC(2024, 2, 1, 1)));
    expect(ticket.messages?.[0]?.at).toEqual(new Date(Date.UTC(2024, 2, 1, 1, 30)));
    expect(ticketSchema().safeParse({ id: 1, createdAt: "2024-03-01 10:00" }).success).toBe(false);
  });
});

describe("derivation from messages", () => {
  test("the first response is the first public reply by a human agent", () => {
    const ticket = ticketSchema().parse({
      id: 1,
      createdAt: CREATED,
      messages: [
        { at: on("09:00"), authorRole: "customer" },
        { at: on("09:05"), authorRole: "agent", public: false }, // internal note
        { at: on("09:10"), authorRole: "bot" },
        { at: on("09:15"), authorRole: "agent", automated: true }, // trigger / macro
        { at: on("09:16"), authorRole: "system" },
        { at: on("09:20"), authorRole: "agent", authorId: "ana" },
        { at: on("09:30"), authorRole: "customer" },
        { at: on("09:40"), authorRole: "agent" },
      ],
    });
    expect(ticket.firstCustomerMessageAt).toEqual(d(on("09:00")));
    expect(ticket.firstResponseAt).toEqual(d(on("09:20")));
    // Replies that count: 09:20 and 09:40.
    expect(ticket.agentReplyCount).toBe(2);
    expect(ticket.messages?.[5]).toEqual({
      at: d(on("09:20")),
      authorRole: "agent",
      public: true,
      automated: false,
      authorId: "ana",
    });
  });

  test("messages are sorted by time whatever the input order", () => {
    const ticket = ticketSchema().parse({
      id: 1,
      createdAt: CREATED,
      messages: [
        { at: on("09:40"), authorRole: "agent" },
        { at: on("09:00"), authorRole: "customer" },
        { at: on("09:20"), authorRole: "agent" },
      ],
    });
    expect(ticket.messages?.map((m) => m.at.toISOString().slice(11, 16))).toEqual([
      "09:00",
      "09:20",
      "09:40",
    ]);
    expect(ticket.firstResponseAt).toEqual(d(on("09:20")));
  });

  test("notes, bots and automated messages alone leave the ticket unanswered", () => {
    const ticket = ticketSchema().parse({
      id: 1,
      createdAt: CREATED,
      messages: [
        { at: on("09:00"), authorRole: "customer" },
        { at: on("09:05"), authorRole: "agent", public: false },
        { at: on("09:10"), authorRole: "bot" },
        { at: on("09:15"), authorRole: "agent", automated: true },
      ],
    });
    expect(ticket.firstResponseAt).toBeNull();
    expect(ticket.agentReplyCount).toBe(0);
  });

  test("an agent-created ticket's opening message is not a reply", () => {
    const ticket = ticketSchema().parse({
      id: 1,
      createdAt: CREATED,
      messages: [
        { at: on("09:00"), authorRole: "agent" }, // the outbound ticket itself
        { at: on("10:00"), authorRole: "customer" },
        { at: on("11:00"), authorRole: "agent" },
      ],
    });
    expect(ticket.firstResponseAt).toEqual(d(on("11:00")));
    expect(ticket.agentReplyCount).toBe(1);
    expect(ticket.firstCustomerMessageAt).toEqual(d(on("10:00")));
  });

  test("an agent-created ticket with no further reply is unanswered", () => {
    const ticket = ticketSchema().parse({
      id: 1,
      createdAt: CREATED,
      messages: [{ at: on("09:00"), authorRole: "agent" }],
    });
    expect(ticket.firstResponseAt).toBeNull();
    expect(ticket.agentReplyCount).toBe(0);
    expect(ticket.firstCustomerMessageAt).toBeNull();
  });

  test("no messages: nothing to derive; an empty list: zero replies", () => {
    expect(ticketSchema().parse({ id: 1, createdAt: CREATED }).agentReplyCount).toBeNull();
    const empty = ticketSchema().parse({ id: 1, createdAt: CREATED, messages: [] });
    expect(empty).toMatchObject({ agentReplyCount: 0, firstResponseAt: null, messages: [] });
  });

  test("given flat fields win over derived ones", () => {
    const ticket = ticketSchema().parse({
      id: 1,
      createdAt: CREATED,
      firstCustomerMessageAt: on("09:01"),
      firstResponseAt: on("09:30"),
      agentReplyCount: 5,
      messages: [
        { at: on("09:00"), authorRole: "customer" },
        { at: on("09:20"), authorRole: "agent" },
      ],
    });
    expect(ticket).toMatchObject({
      firstCustomerMessageAt: d(on("09:01")),
      firstResponseAt: d(on("09:30")),
      agentReplyCount: 5,
    });
  });

  test("isAgentReply", () => {
    const message = (fields: Partial<TicketMessage>): TicketMessage => ({
      at: d(CREATED),
      authorRole: "agent",
      public: true,
      automated: false,
      authorId: null,
      ...fields,
    });
    expect(isAgentReply(message({}))).toBe(true);
    expect(isAgentReply(message({ public: false }))).toBe(false);
    expect(isAgentReply(message({ automated: true }))).toBe(false);
    expect(isAgentReply(message({ authorRole: "bot" }))).toBe(false);
    expect(isAgentReply(message({ authorRole: "customer" }))).toBe(false);
    expect(isAgentReply(message({ authorRole: "system" }))).toBe(false);
  });
});

describe("derivation from status changes", () => {
  const parse = (changes: [string, string][], fields: Record<string, unknown> = {}) =>
    ticketSchema().parse({
      id: 1,
      createdAt: CREATED,
      statusChanges: changes.map(([time, status]) => ({ at: on(time), status })),
      ...fields,
    });

  test("solved then closed: one resolution at the solve, closed at the close", () => {
    const ticket = parse([
      ["09:00", "new"],
      ["09:05", "open"],
      ["10:00", "solved"],
      ["12:00", "closed"],
    ]);
    expect(ticket).toMatchObject({
      firstResolvedAt: d(on("10:00")),
      lastResolvedAt: d(on("10:00")),
      closedAt: d(on("12:00")),
      reopenCount: 0,
      status: "closed",
    });
  });

  test("a reopened ticket: first and last resolution, one reopen", () => {
    const ticket = parse([
      ["09:00", "new"],
      ["10:00", "solved"],
      ["11:00", "open"],
      ["11:30", "pending"],
      ["13:00", "solved"],
    ]);
    expect(ticket).toMatchObject({
      firstResolvedAt: d(on("10:00")),
      lastResolvedAt: d(on("13:00")),
      closedAt: null,
      reopenCount: 1,
      status: "solved",
    });
  });

  test("reopened twice and open now", () => {
    const ticket = parse([
      ["10:00", "solved"],
      ["11:00", "open"],
      ["12:00", "closed"],
      ["13:00", "onHold"],
    ]);
    expect(ticket).toMatchObject({
      firstResolvedAt: d(on("10:00")),
      lastResolvedAt: d(on("12:00")),
      // closed at 12:00, then opened again at 13:00: it is not closed now
      closedAt: null,
      reopenCount: 2,
      status: "onHold",
    });
  });

  test("closedAt is the closing in force: closed twice in a row keeps the first, reopened clears it", () => {
    // solved 10:00 → closed 11:00 → closed 12:00 (a repeated event): closed since 11:00
    expect(
      parse([
        ["10:00", "solved"],
        ["11:00", "closed"],
        ["12:00", "closed"],
      ]).closedAt,
    ).toEqual(d(on("11:00")));
    // closed 11:00, reopened 12:00, closed again 14:00: the closing in force is 14:00
    expect(
      parse([
        ["11:00", "closed"],
        ["12:00", "open"],
        ["14:00", "closed"],
      ]).closedAt,
    ).toEqual(d(on("14:00")));
  });

  test("status changes are sorted by time first", () => {
    const ticket = parse([
      ["13:00", "solved"],
      ["09:00", "new"],
      ["11:00", "open"],
      ["10:00", "solved"],
    ]);
    expect(ticket).toMatchObject({ reopenCount: 1, status: "solved" });
    expect(ticket.lastResolvedAt).toEqual(d(on("13:00")));
  });

  test("never resolved: no resolution, status from the last change", () => {
    const ticket = parse([
      ["09:00", "new"],
      ["09:30", "pending"],
    ]);
    expect(ticket).toMatchObject({
      firstResolvedAt: null,
      lastResolvedAt: null,
      closedAt: null,
      reopenCount: 0,
      status: "pending",
    });
  });

  test("given flat fields win over derived ones", () => {
    const ticket = parse(
      [
        ["10:00", "solved"],
        ["11:00", "open"],
        ["12:00", "solved"],
      ],
      { firstResolvedAt: on("09:30"), reopenCount: 4, status: "closed", closedAt: on("14:00") },
    );
    expect(ticket).toMatchObject({
      firstResolvedAt: d(on("09:30")),
      lastResolvedAt: d(on("12:00")),
      closedAt: d(on("14:00")),
      reopenCount: 4,
      status: "closed",
    });
  });

  test("without status changes, resolution fields fill each other and the status", () => {
    expect(parse([], { closedAt: on("12:00") })).toMatchObject({
      firstResolvedAt: d(on("12:00")),
      lastResolvedAt: d(on("12:00")),
      status: "closed",
    });
    expect(parse([], { lastResolvedAt: on("11:00") })).toMatchObject({
      firstResolvedAt: d(on("11:00")),
      lastResolvedAt: d(on("11:00")),
      status: "solved",
    });
    expect(parse([], { firstResolvedAt: on("10:00") })).toMatchObject({
      lastResolvedAt: d(on("10:00")),
      status: "solved",
    });
  });

  test("isResolvedStatus", () => {
    expect(
      ["new", "open", "pending", "onHold", "solved", "closed"].map((s) =>
        isResolvedStatus(s as never),
      ),
    ).toEqual([false, false, false, false, true, true]);
  });
});

describe("contradicting timestamps", () => {
  test.each([["firstCustomerMessageAt"], ["firstResponseAt"], ["firstResolvedAt"]])(
    "%s before createdAt is rejected",
    (field) => {
      expect(issuesOf({ id: 1, createdAt: CREATED, [field]: "2024-03-01T08:59:59Z" })).toEqual([
        [[field], "must not be before createdAt"],
      ]);
    },
  );

  test("closedAt before createdAt is rejected, with the resolution filled from it", () => {
    expect(issuesOf({ id: 1, createdAt: CREATED, closedAt: "2024-03-01T08:59:59Z" })).toEqual([
      [["firstResolvedAt"], "must not be before createdAt"],
      [["closedAt"], "must not be before createdAt"],
    ]);
  });

  test("a resolution before createdAt from lastResolvedAt alone", () => {
    // firstResolvedAt is filled from lastResolvedAt, then found before createdAt.
    expect(issuesOf({ id: 1, createdAt: CREATED, lastResolvedAt: on("08:00") })).toEqual([
      [["firstResolvedAt"], "must not be before createdAt"],
    ]);
  });

  test("the last resolution before the first is rejected", () => {
    expect(
      issuesOf({
        id: 1,
        createdAt: CREATED,
        firstResolvedAt: on("12:00"),
        lastResolvedAt: on("11:00"),
      }),
    ).toEqual([[["lastResolvedAt"], "must not be before firstResolvedAt"]]);
  });

  test("a message before createdAt is reported at its index in the input", () => {
    expect(
      issuesOf({
        id: 1,
        createdAt: CREATED,
        messages: [
          { at: on("09:30"), authorRole: "agent" },
          { at: on("08:00"), authorRole: "customer" },
        ],
      }),
    ).toEqual([
      // Index 1 as given, although the 08:00 message sorts first. Only the cause is reported:
      // fields derived from a bad message (firstCustomerMessageAt) are not derived at all.
      [["messages", 1, "at"], "must not be before createdAt"],
    ]);
  });

  test("a negative count does not hide an event before createdAt", () => {
    // Zod lets a number out of bounds go on to the record's rules (a wrong type stops them).
    expect(
      issuesOf({
        id: 1,
        createdAt: CREATED,
        reopenCount: -1,
        messages: [{ at: on("08:00"), authorRole: "customer" }],
      }),
    ).toEqual([
      [["reopenCount"], "must be at least 0"],
      [["messages", 0, "at"], "must not be before createdAt"],
    ]);
    expect(
      issuesOf({ id: 1, createdAt: CREATED, reopenCount: "1", messages: [{ at: on("08:00") }] }),
    ).toEqual([
      [["reopenCount"], "must be a number, got string"],
      [["messages", 0, "authorRole"], 'must be one of "agent", "customer", "bot", "system"'],
    ]);
  });

  test("a status change before createdAt is reported at its index in the input", () => {
    expect(
      issuesOf({
        id: 1,
        createdAt: CREATED,
        statusChanges: [
          { at: on("09:30"), status: "open" },
          { at: on("10:00"), status: "solved" },
          { at: on("08:00"), status: "new" },
        ],
      }),
    ).toEqual([[["statusChanges", 2, "at"], "must not be before createdAt"]]);
  });

  test("an assignment history is sorted by time, and one before createdAt is reported", () => {
    const ticket = ticketSchema().parse({
      id: 1,
      createdAt: CREATED,
      assignments: [
        { at: on("10:00"), assigneeId: "bo" },
        { at: on("09:05"), assigneeId: 7 },
        { at: on("11:00"), assigneeId: null },
      ],
    });
    expect(ticket.assignments).toEqual([
      { at: d(on("09:05")), assigneeId: "7" },
      { at: d(on("10:00")), assigneeId: "bo" },
      { at: d(on("11:00")), assigneeId: null },
    ]);
    expect(
      issuesOf({ id: 1, createdAt: CREATED, assignments: [{ at: on("08:00"), assigneeId: "a" }] }),
    ).toEqual([[["assignments", 0, "at"], "must not be before createdAt"]]);
  });

  test("equal timestamps are not a contradiction", () => {
    const ticket = ticketSchema().parse({
      id: 1,
      createdAt: CREATED,
      firstResponseAt: CREATED,
      firstResolvedAt: CREATED,
      closedAt: CREATED,
      messages: [{ at: CREATED, authorRole: "customer" }],
    });
    expect(ticket.closedAt).toEqual(d(CREATED));
  });
});

describe("malformed tickets", () => {
  test("every field problem is listed with its path", () => {
    expect(
      issuesOf({
        id: 1,
        createdAt: 0,
        channel: 5,
        reopenCount: -1,
        escalated: "yes",
        tags: "vip",
        messages: [{ at: 0, authorRole: "robot" }],
        statusChanges: [{ at: 0, status: "archived" }],
      }),
    ).toEqual([
      [["channel"], "must be a string or null, got number"],
      [["reopenCount"], "must be at least 0"],
      [["escalated"], "must be a boolean, got string"],
      [["tags"], "must be an array, got string"],
      [["messages", 0, "authorRole"], 'must be one of "agent", "customer", "bot", "system"'],
      [
        ["statusChanges", 0, "status"],
        'must be one of "new", "open", "pending", "onHold", "solved", "closed"',
      ],
    ]);
  });

  test("identifiers: required, not empty, a string or a number", () => {
    expect(issuesOf({ createdAt: CREATED })).toEqual([[["id"], "is required"]]);
    expect(issuesOf({ id: "", createdAt: CREATED })).toEqual([[["id"], "must not be empty"]]);
    expect(issuesOf({ id: {}, createdAt: CREATED })).toEqual([
      [["id"], "must be a string or a number, got object"],
    ]);
    expect(issuesOf({ id: Number.NaN, createdAt: CREATED })).toEqual([
      [["id"], "must be a string or a number, got NaN"],
    ]);
    expect(issuesOf({ id: 1, createdAt: CREATED, assigneeId: true })).toEqual([
      [["assigneeId"], "must be a string, a number or null, got boolean"],
    ]);
  });

  test("counts must be whole numbers", () => {
    expect(issuesOf({ id: 1, createdAt: CREATED, reopenCount: 1.5 })).toEqual([
      [["reopenCount"], "must be an integer, got number"],
    ]);
  });
});
