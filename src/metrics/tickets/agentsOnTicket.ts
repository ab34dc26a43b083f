import * as z from "zod/mini";
import { oneOf } from "../../reduce/options.ts";
import { badField } from "../../reduce/recordError.ts";
import { isAgentReply, type Ticket, type TicketMessage } from "../../schemas/ticket.ts";
import { type IntervalOption, intervalField } from "../../stats/intervalOption.ts";
import type { MergedSourceExclusion } from "./mergedTickets.ts";

/**
 * How many agents handled a ticket, the one fact behind `handoffs` and `transferRate`, read
 * from one of two histories:
 * - `"assignments"`: the distinct agents the ticket was assigned to, from its assignment
 *   history (`assignments`) and its current `assigneeId`;
 * - `"replies"`: the distinct agents who wrote a public reply (`messages` by role `agent`,
 *   not automated, counted by `authorId`).
 * The count is distinct: a ticket passed from A to B and back to A had two agents.
 */
export type AgentsFrom = "assignments" | "replies";

/** The values of {@link AgentsFrom}, for option schemas. */
export const AGENTS_FROM = ["assignments", "replies"] as const satisfies readonly AgentsFrom[];

/** Options of the metrics that count agents on a ticket (`handoffs`, `transferRate`). */
export interface AgentsOptions extends IntervalOption {
  /**
   * Which agents count: `"assignments"` (default; the assignees in the assignment history)
   * or `"replies"` (the agents who wrote a public reply). See {@link AgentsFrom}.
   */
  from?: AgentsFrom;
}

/** The schema of {@link AgentsOptions}, shared by both metrics' catalogue entries. */
export const AGENTS_OPTIONS = z.strictObject({
  from: z._default(oneOf(AGENTS_FROM), "assignments"),
  ...intervalField,
});

/**
 * Why the number of agents on a ticket is not known, or is none:
 * - `unknownAssignments`: no assignment history (`assignments` null): unknown, never "no
 *   handoff";
 * - `unknownReplies`: no messages (`messages` null), with `from: "replies"`;
 * - `unknownReplier`: an agent reply without `authorId`, so the repliers cannot be told apart;
 * - `neverAssigned`: no agent in the history nor as the assignee (assignments) or no agent
 *   reply (replies): nobody to hand the ticket off from.
 */
export type AgentsExclusion =
  | "unknownAssignments"
  | "unknownReplies"
  | "unknownReplier"
  | "neverAssigned"
  | MergedSourceExclusion;

/** The exclusion reasons of {@link AgentsExclusion}, in the order results list them. */
export const AGENTS_EXCLUSIONS: readonly AgentsExclusion[] = [
  "unknownAssignments",
  "unknownReplies",
  "unknownReplier",
  "neverAssigned",
];

/** The fields the two metrics read; callers may pass whole tickets. */
export type AgentsInput = Pick<Ticket, "createdAt" | "assigneeId" | "assignments" | "messages">;

/**
 * The number of distinct agents who held (or answered) a ticket, at least 1, or the reason
 * there is no such number. Checks the fields it reads, for records that never went through
 * the schema (recordError.ts), and names `fn` in the error.
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * const ticket = (assignments) => ({ createdAt: at, assigneeId: null, messages: null,
 *   assignments: assignments && assignments.map((assigneeId) => ({ at, assigneeId })) });
 * // A, then B, then back to A: two agents; no history: unknown; only "unassigned": nobody
 * [["a", "b", "a"], null, [null]].map((ids) => agentsOnTicket(ticket(ids), "assignments", "handoffs"))
 * //=> [2, "unknownAssignments", "neverAssigned"]
 */
export function agentsOnTicket(
  ticket: AgentsInput,
  from: AgentsFrom,
  fn: string,
): number | AgentsExclusion {
  const agents = new Set<string>();
  if (from === "assignments") {
    const history: unknown = ticket.assignments;
    if (history === null || history === undefined) return "unknownAssignments";
    if (!Array.isArray(history)) badField(fn, "assignments", "an array or null", history);
    for (const change of history as { assigneeId: unknown }[]) addAgent(agents, change, fn);
    const current: unknown = ticket.assigneeId;
    if (current !== null && current !== undefined) {
      if (typeof current !== "string") badField(fn, "assigneeId", "a string or null", current);
      agents.add(current as string);
    }
  } else {
    const messages: unknown = ticket.messages;
    if (messages === null || messages === undefined) return "unknownReplies";
    if (!Array.isArray(messages)) badField(fn, "messages", "an array or null", messages);
    for (const message of messages as TicketMessage[]) {
      if (!isAgentReply(message)) continue;
      if (message.authorId === null || message.authorId === undefined) return "unknownReplier";
      agents.add(message.authorId);
    }
  }
  return agents.size === 0 ? "neverAssigned" : agents.size;
}

function addAgent(agents: Set<string>, change: { assigneeId: unknown }, fn: string): void {
  const id = change?.assigneeId;
  if (id === null || id === undefined) return;
  if (typeof id !== "string") badField(fn, "assignments[].assigneeId", "a string or null", id);
  agents.add(id as string);
}
