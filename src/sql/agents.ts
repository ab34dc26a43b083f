/**
 * The agents on a ticket in SQL, the one fact behind handoffs and transfer rate, as
 * src/metrics/tickets/agentsOnTicket.ts reads it in memory: the distinct assignees of the
 * assignment history (a nested column: src/sql/nested.ts) and the current `assigneeId`
 * together. The rules leave a ticket out in the reducers' order: a merged source, then a
 * ticket without a history (`unknownAssignments`: unknown, never "no handoff"), then one
 * with no agent at all (`neverAssigned`). Agents counted from replies read the messages,
 * which SQL does not hold: refused.
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

/**
 * The `sql` declaration of a metric of the agents on a ticket counted `from` its assignments
 * (the default) or its replies: its rules, and the state `state` makes of the number of
 * agents (at least 1 on every counted ticket).
 *
 * @example
 * agentsSql("replies", () => ({}))
 * //=> { refused: 'from: "replies" reads messages, which SQL does not hold' }
 * @example
 * agentsSql("assignments", () => ({ n: { count: true } })).exclude.map((rule) => rule.reason)
 * //=> ["mergedSource", "unknownAssignments", "neverAssigned"]
 */
export function agentsSql(
  from: AgentsFrom | undefined,
  state: (agents: Expr) => Readonly<Record<string, Aggregate>>,
): Exclude<MetricSql, { refused: string }> | { refused: string } {
  if (from === "replies")
    return { refused: 'from: "replies" reads messages, which SQL does not hold' };
  return {
    exclude: [
      MERGED_SOURCE_RULE,
      { reason: "unknownAssignments", when: isNull("assignments") },
      { reason: "neverAssigned", when: compare("=", AGENTS_ON_TICKET, 0) },
    ],
    state: state(AGENTS_ON_TICKET),
  };
}
