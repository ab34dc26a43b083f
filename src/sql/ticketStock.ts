/**
 * The open-interval rule of src/metrics/tickets/openSpans.ts in SQL, for the compiler: what
 * backlog and queue length declare in their `sql` field (here, so that its SQL words are not
 * among the public names of openSpans.ts).
 */

import { DEFAULT_AGE_BUCKETS } from "../metrics/tickets/openSpans.ts";
import {
  all,
  any,
  compare,
  type ExclusionRule,
  field,
  isNull,
  MEASURED,
  type MetricSql,
  type RelationColumns,
  type StockSql,
} from "./spec.ts";

/**
 * The SQL form of a stock of tickets (backlog, queue length), by openSpans.ts's rule for
 * tickets without status history (`solved` and `closed` are the resolved statuses): open from `createdAt` until `lastResolvedAt` when
 * the status is resolved (unknown when that time is missing), open to this day otherwise.
 * `leftOut` are the metric's own reasons after `notOpen`, `extraEnds` the fields that end a
 * record's span sooner (queue length's first reply). A relation that holds `statusChanges` is
 * refused: with a history the in-memory rule opens and closes the span at each change
 * (openSpans.ts), which is not written in SQL yet.
 *
 * @example
 * const spec = ticketStockSql({ asOf: undefined, ageBuckets: undefined }, { has: () => false }, [], []);
 * [spec.exclude.map((rule) => rule.reason), spec.stock.ends.map((end) => end.field)]
 * //=> [["unknownResolution", "notOpen"], ["lastResolvedAt"]]
 */
export function ticketStockSql(
  options: { asOf?: Date | string | number; ageBuckets?: readonly number[] | undefined },
  relation: RelationColumns,
  leftOut: readonly ExclusionRule[],
  extraEnds: StockSql["ends"],
): Extract<MetricSql, { stock: unknown }> | { refused: string } {
  if (relation.has("statusChanges"))
    return {
      refused:
        "reads statusChanges for the spans a ticket is open (reopened, pending), which the compiler does not write yet",
    };
  const status = field("status");
  const resolved = any(compare("=", status, "solved"), compare("=", status, "closed"));
  const resolvedAt = "lastResolvedAt";
  return {
    exclude: [
      { reason: "unknownResolution", when: all(resolved, isNull(resolvedAt)) },
      { reason: "notOpen", when: all(resolved, compare("<", field(resolvedAt), MEASURED)) },
      ...leftOut,
    ],
    state: {
      count: { count: true },
      byAge: { ages: "createdAt", boundaries: options.ageBuckets ?? DEFAULT_AGE_BUCKETS },
    },
    stock: {
      start: "createdAt",
      ends: [{ field: resolvedAt, when: resolved }, ...extraEnds],
      measuredAt: "measuredAt",
      // The options come checked, where `asOf` is read as epoch milliseconds.
      at: options.asOf as number | undefined,
    },
  };
}
