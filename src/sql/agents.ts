/**
 * The agents on a ticket in SQL, the one fact behind handoffs and transfer rate, as
 * src/metrics/tickets/agentsOnTicket.ts reads it in memory: the distinct assignees of the
 * assignment history (a nested column: src/sql/nested.ts) and the current `assigneeId`
 * together. The rules leave a ticket out in the reducers' order: a merged source, then a
 * ticket without a history (`unknownAssignments`: unknown, never "no handoff"), then one
 * with no agent at all (`neverAssigned`). Counted `from: "replies"`, the agents are the
 * distinct authors of the public agent replies among the ticket's messages (a nested column
 * too), after a ticket without messages (`unknownReplies`) and one with an agent reply of no
 * known author (`unknownReplier`), in the reducer's order.
 */
import type { AgentsFrom } from "../metrics/tickets/agentsOnTicket.ts";
import { distinctMembers } from "./nested.ts";
import {
  type Aggregate,
  compare,
  type Expr,
  field,
  isNull,
  MERGED_SOURCE_RULE,
  type MetricSql,
} from "./spec.ts";

/** The number of distinct agents on a ticket: its history's assignees and its assignee. */
export const AGENTS_ON_TICKET: Expr = distinctMembers(
  "assignments",
  "assigneeId",
  field("assigneeId"),
);

/** The number of distinct agents who wrote a public reply on a ticket (its messages). */
const REPLIERS: Expr = { replyAuthors: { list: "messages", read: "count" } };

/**
 * The `sql` declaration of a metric of the agents on a ticket counted `from` its assignments
 * (the default) or its replies: its rules, and the state `state` makes of the number of
 * agents (at least 1 on every counted ticket).
 *
 * @example
 * agentsSql("replies", () => ({})).exclude.map((rule) => rule.reason)
 * //=> ["mergedSource", "unknownReplies", "unknownReplier", "neverAssigned"]
 * @example
 * agentsSql("assignments", () => ({ n: { count: true } })).exclude.map((rule) => rule.reason)
 * //=> ["mergedSource", "unknownAssignments", "neverAssigned"]
 */
export function agentsSql(
  from: AgentsFrom | undefined,
  state: (agents: Expr) => Readonly<Record<string, Aggregate>>,
): Exclude<MetricSql, { refused: string }> | { refused: string } {
  if (from === "replies")
    return {
      exclude: [
        MERGED_SOURCE_RULE,
        { reason: "unknownReplies", when: isNull("messages") },
        { reason: "unknownReplier", when: { replyAuthors: { list: "messages", read: "unknown" } } },
        { reason: "neverAssigned", when: compare("=", REPLIERS, 0) },
      ],
      state: state(REPLIERS),
    };
  return {
    exclude: [
      MERGED_SOURCE_RULE,
      { reason: "unknownAssignments", when: isNull("assignments") },
      { reason: "neverAssigned", when: compare("=", AGENTS_ON_TICKET, 0) },
    ],
    state: state(AGENTS_ON_TICKET),
  };
}
