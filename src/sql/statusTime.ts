/**
 * Time in statuses in SQL, as src/metrics/tickets/statusTime.ts measures it in memory: the
 * seconds a ticket spent in some statuses between its creation and the resolution that ends
 * the measure (the latest by default), read from its status history (a nested column:
 * src/sql/nested.ts), each change holding until the next and the ticket `"new"` before the
 * first. The rules leave a ticket out in the reducer's order: a merged source, then one not
 * resolved (`unresolved`), then one without a status history or with an empty one
 * (`noStatusHistory`: unknown, not 0). Every stay of a resolved ticket ends by the next change
 * or by the resolution, so no span is left open. Business time over the stays is refused
 * with its reason, as are sketched percentiles.
 */
import type { WaitTimeOptions } from "../metrics/tickets/statusTime.ts";
import type { TicketStatus } from "../schemas/ticket.ts";
import {
  compare,
  type Expr,
  isNull,
  MERGED_SOURCE_RULE,
  type MetricSql,
  needsBusinessTime,
  not,
  SKETCH_REFUSAL,
  sketchAsked,
} from "./spec.ts";

/** Why business time over a status history does not compile. */
export const BUSINESS_STAYS_REFUSAL =
  "business time over the stays of a status history is not compiled to SQL (each stay would be joined to the working intervals); use the calendar clock, or the in-memory engine";

/**
 * The `sql` declaration of a time-in-statuses metric for `statuses`, with its checked options;
 * `initial` is the status a ticket has before its first change (statusTime.ts
 * `INITIAL_STATUS`, passed in so that the two files do not import each other).
 *
 * @example
 * statusTimeSql(["pending"], "new", { schedule: { timeZone: "UTC", weekly: {} } })
 * //=> { refused: "business time over the stays of a status history is not compiled to SQL (each stay would be joined to the working intervals); use the calendar clock, or the in-memory engine" }
 * @example
 * statusTimeSql(["pending"], "new", {}).exclude.map((rule) => rule.reason)
 * //=> ["mergedSource", "unresolved", "noStatusHistory"]
 */
export function statusTimeSql(
  statuses: readonly TicketStatus[],
  initial: TicketStatus,
  options: { readonly [K in keyof WaitTimeOptions]?: WaitTimeOptions[K] | undefined },
): MetricSql {
  if (needsBusinessTime(options)) return { refused: BUSINESS_STAYS_REFUSAL };
  if (sketchAsked(options.percentiles)) return SKETCH_REFUSAL;
  const end = options.resolution === "first" ? "firstResolvedAt" : "lastResolvedAt";
  const seconds: Expr = {
    statusSeconds: {
      list: "statusChanges",
      start: "createdAt",
      end,
      statuses,
      initial,
    },
  };
  return {
    exclude: [
      MERGED_SOURCE_RULE,
      { reason: "unresolved", when: isNull(end) },
      // The seconds are null exactly when the history is null or empty (never negative).
      { reason: "noStatusHistory", when: not(compare(">=", seconds, 0)) },
    ],
    recorded: seconds,
    statistic: options.statistic ?? "mean",
  };
}
