/**
 * The customer counts of src/metrics/customers/customerCounts.ts in SQL, for the compiler:
 * what churn and retention declare in their `sql` field (one declaration, as they are one
 * reducer; here, so that its SQL words are not among the public names of customerCounts.ts).
 */
import {
  all,
  any,
  compare,
  type Expr,
  field,
  isNull,
  MEASURED,
  type MetricSql,
  not,
  PERIOD_START,
} from "./spec.ts";

/** The customer is still a customer at `instant`: it has not ended, or ended at or after it. */
function presentAt(instant: Expr): Expr {
  return any(isNull("endedAt"), compare(">=", field("endedAt"), instant));
}

/**
 * The SQL form of a customer rate (churn, retention): a stock over `[startedAt, endedAt)`,
 * measured over each period (or the metric's `window` when the rollup is not by period) by
 * positionIn's rule, S the window's start and E its end: at start when `startedAt < S` and
 * still present at S; new when `S ≤ startedAt < E`; lost when `S ≤ endedAt < E`; at end when
 * `startedAt < E` and still present at E. The reducer's own `result` then takes the customers
 * who came and went out or not (`includeNewChurners`) and adds the interval, so those options
 * need nothing here. A customer that reaches neither the start nor the flows is left out as
 * `outsideWindow`, as `add` does (the placement hands it none, so the count is 0 there too).
 *
 * @example
 * const spec = customerRateSql({ window: { start: 0, end: 10 } });
 * [spec.exclude.map((rule) => rule.reason), Object.keys(spec.state), spec.stock.window]
 * //=> [["outsideWindow"], ["start", "new", "lost", "end", "newChurners"], { start: 0, end: 10 }]
 */
export function customerRateSql(options: {
  /** Checked, so epoch milliseconds (typed as given, a Date or text too, by defineMetric). */
  readonly window?: unknown;
}): Extract<MetricSql, { stock: unknown }> {
  const startedAt = field("startedAt");
  const endedAt = field("endedAt");
  const atStart = all(compare("<", startedAt, PERIOD_START), presentAt(PERIOD_START));
  const isNew = all(compare(">=", startedAt, PERIOD_START), compare("<", startedAt, MEASURED));
  const isLost = all(compare(">=", endedAt, PERIOD_START), compare("<", endedAt, MEASURED));
  const atEnd = all(compare("<", startedAt, MEASURED), presentAt(MEASURED));
  return {
    exclude: [{ reason: "outsideWindow", when: not(any(atStart, isNew)) }],
    state: {
      start: { count: atStart },
      new: { count: isNew },
      lost: { count: isLost },
      end: { count: atEnd },
      newChurners: { count: all(isNew, isLost) },
    },
    stock: {
      start: "startedAt",
      ends: [{ field: "endedAt" }],
      at: undefined,
      window: options.window as { start: number; end: number } | undefined,
    },
  };
}

/**
 * Why lifetime value by margin over churn and CAC payback do not compile: they read the MRR a
 * customer paid at an instant (or first paid) from its list of MRR changes, an array of
 * records the engines keep as JSON text and no compiled expression reads; the compiler
 * refuses them rather than guess an amount.
 */
export const MRR_REFUSAL =
  "reads mrr, each customer's list of MRR changes, which the engines keep as JSON text and the compiler does not read";
