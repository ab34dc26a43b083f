/**
 * The assignment history each vendor exposes, read by its adapter and counted by `handoffs`
 * and `transferRate`. Fixtures: hand-built in the vendors' documented shapes
 * (test/fixtures/vendors/SOURCE.md).
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { handoffs } from "../metrics/tickets/handoffs.ts";
import { transferRate } from "../metrics/tickets/transferRate.ts";
import { chatwootWebhookEvents } from "./chatwoot.ts";
import { validateAdaptedTickets } from "./common.ts";
import { intercomConversations } from "./intercom.ts";
import { zendeskTickets } from "./zendesk.ts";

function fixture(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../../test/fixtures/vendors/${name}`, import.meta.url), "utf8"),
  );
}

describe("Zendesk ticket audits", () => {
  const tickets = [
    { id: 101, created_at: "2024-03-01T09:00:00Z", status: "open", assignee_id: 502 },
    { id: 102, created_at: "2024-03-01T10:00:00Z", status: "open", assignee_id: 503 },
    { id: 103, created_at: "2024-03-01T10:30:00Z", status: "new" },
  ];

  test("assignee_id Create and Change events become the assignment history", () => {
    const adapted = zendeskTickets(tickets, { audits: fixture("zendesk-audits.json") });
    expect(adapted.records.map((t) => [t.id, t.assignments])).toEqual([
      [
        101,
        [
          { at: "2024-03-01T09:00:00Z", assigneeId: null },
          { at: "2024-03-01T09:20:00Z", assigneeId: "501" },
          { at: "2024-03-01T11:00:00Z", assigneeId: "502" },
        ],
      ],
      [102, [{ at: "2024-03-01T10:00:00Z", assigneeId: "503" }]],
      // no audit of 103 was given: its history is unknown, not empty
      [103, undefined],
    ]);
    // the audit without ticket_id, and the audit of a ticket not given, are reported
    expect(adapted.skipped.map((s) => [s.source, s.index, s.reason])).toEqual([
      ["audits", 5, "noTicketId"],
      ["audits", 4, "noTicket"],
    ]);
  });

  test("counted: 101 went 501 → 502 (one handoff), 102 stayed with 503, 103 is unknown", () => {
    const adapted = zendeskTickets(tickets, { audits: fixture("zendesk-audits.json") });
    const { records } = validateAdaptedTickets(adapted);
    // handoffs 1 and 0 → mean 0.5; 1 of 2 transferred → 50 %
    expect(handoffs(records)).toMatchObject({ value: 0.5, distribution: [1, 1] });
    expect(transferRate(records)).toMatchObject({
      value: 50,
      excluded: { unknownAssignments: 1 },
    });
  });
});

describe("Intercom conversation parts", () => {
  test("admin assignments are assignees; team assignments are not teammates", () => {
    const adapted = intercomConversations(fixture("intercom-assignments.json"));
    expect(adapted.records[0]?.assignments).toEqual([
      { at: "2024-03-01T09:10:00.000Z", assigneeId: "814859" },
      { at: "2024-03-01T10:00:00.000Z", assigneeId: "814860" },
    ]);
    const { records } = validateAdaptedTickets(adapted);
    // 814859 then 814860 (also the current admin_assignee_id): one handoff
    expect(handoffs(records)).toMatchObject({ value: 1, n: 1 });
  });

  test("unassigning is no agent; a conversation without parts has an unknown history", () => {
    const { records } = intercomConversations([
      {
        id: "1",
        created_at: 1709283600,
        conversation_parts: {
          conversation_parts: [
            {
              part_type: "assignment",
              created_at: 1709283700,
              assigned_to: { type: "admin", id: "7" },
            },
            {
              part_type: "assignment",
              created_at: 1709283800,
              assigned_to: { type: "nobody_admin", id: null },
            },
          ],
        },
      },
      { id: "2", created_at: 1709283600 },
    ]);
    expect(records.map((r) => r.assignments)).toEqual([
      [
        { at: "2024-03-01T09:01:40.000Z", assigneeId: "7" },
        { at: "2024-03-01T09:03:20.000Z", assigneeId: null },
      ],
      undefined,
    ]);
  });
});

describe("Chatwoot webhook events", () => {
  test("the assignee at creation and each assignee_id change; no creation seen, unknown", () => {
    const adapted = chatwootWebhookEvents(fixture("chatwoot-assignments.json"));
    expect(adapted.records.map((t) => [t.id, t.assignments])).toEqual([
      [
        42,
        [
          { at: "2024-03-01T09:00:00.000Z", assigneeId: null },
          { at: "2024-03-01T09:05:00.000Z", assigneeId: "1" },
          { at: "2024-03-01T10:00:00.000Z", assigneeId: "2" },
        ],
      ],
      [43, undefined],
    ]);
    const { records } = validateAdaptedTickets(adapted);
    // 42: agents 1 and 2 → transferred; 43: history unknown
    expect(transferRate(records)).toMatchObject({
      value: 100,
      numerator: 1,
      denominator: 1,
      excluded: { unknownAssignments: 1 },
    });
  });
});
