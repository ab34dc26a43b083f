/**
 * Zendesk ticket audits to assignment histories. An audit is one update of a ticket
 * (`GET /api/v2/tickets/{id}/audits`, or `GET /api/v2/ticket_audits` for all tickets); its
 * `events` list what changed. A `Create` or `Change` event whose `field_name` is
 * `assignee_id` sets the assignee (`value`, null when unassigned) at the audit's
 * `created_at`. Shapes: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/
 * and the audit events reference,
 * https://developer.zendesk.com/documentation/ticketing/reference-guides/ticket-audit-events-reference.
 */
import type { TicketInput } from "../schemas/ticket.ts";
import { isObject, keyOf, listOf, own, pass, type Skipped, skip } from "./common.ts";

type RawAssignment = NonNullable<TicketInput["assignments"]>[number];

/** The assignment histories in a set of audits, by ticket id, with the audits found unusable. */
export interface ZendeskAssignments {
  /** Ticket id → its assignee changes, in the order of the audits. */
  byTicket: Map<string, RawAssignment[]>;
  /** Ticket id → the indexes of its audits, to report those whose ticket is not given. */
  auditIndexes: Map<string, number[]>;
  skipped: Skipped[];
}

const SETS_FIELD = new Set(["Create", "Change"]);

/**
 * Reads ticket audits (the response `{ audits: [...] }` or an array) into assignment histories
 * by ticket. Every audit of a ticket counts, so a ticket whose audits were given has a known
 * history, even when nobody was ever assigned (`[]`); an audit without `ticket_id` is skipped
 * as `noTicketId`. Audits name the assignee by user id; group changes (`group_id`) are not
 * assignments of an agent and are left out.
 *
 * @example
 * const { byTicket } = zendeskAuditAssignments({ audits: [
 *   { id: 1, ticket_id: 7, created_at: "2024-03-01T09:00:00Z", events: [
 *     { type: "Create", field_name: "assignee_id", value: null }] },
 *   { id: 2, ticket_id: 7, created_at: "2024-03-01T09:30:00Z", events: [
 *     { type: "Change", field_name: "assignee_id", value: "501", previous_value: null }] },
 * ] });
 * byTicket.get("7")
 * //=> [{ at: "2024-03-01T09:00:00Z", assigneeId: null }, { at: "2024-03-01T09:30:00Z", assigneeId: "501" }]
 */
export function zendeskAuditAssignments(audits: unknown): ZendeskAssignments {
  const list = listOf(audits, "zendeskTickets", ["audits", "ticket_audits"], ["audit"]);
  const byTicket = new Map<string, RawAssignment[]>();
  const auditIndexes = new Map<string, number[]>();
  const skipped: Skipped[] = [];
  list.forEach((audit, index) => {
    if (!isObject(audit)) {
      skipped.push(skip("audits", index, null, "notAnObject", "audit is not an object"));
      return;
    }
    const ticket = keyOf(own(audit, "ticket_id"));
    if (ticket === null) {
      skipped.push(skip("audits", index, own(audit, "id"), "noTicketId", "audit has no ticket_id"));
      return;
    }
    const history = byTicket.get(ticket) ?? [];
    byTicket.set(ticket, history);
    auditIndexes.set(ticket, [...(auditIndexes.get(ticket) ?? []), index]);
    const events = own(audit, "events");
    if (!Array.isArray(events)) return;
    for (const event of events) {
      if (own(event, "field_name") !== "assignee_id") continue;
      if (!SETS_FIELD.has(own(event, "type") as string)) continue;
      const value = own(event, "value");
      // Zendesk writes ids as strings in change events; "" and null are "unassigned".
      history.push({ at: pass(own(audit, "created_at")), assigneeId: pass(keyOf(value)) });
    }
  });
  return { byTicket, auditIndexes, skipped };
}
