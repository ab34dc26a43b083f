/**
 * The BigQuery dialect (GoogleSQL). Generated and parsed in our tests, never executed: no
 * BigQuery can be reached from the machines the tests run on.
 */
import type { Dialect } from "../dialect.ts";
import { backticksEscaped } from "./quoting.ts";

/** BigQuery has no untyped NULL in `SUM`/`MIN`/`MAX` of a missing column: a FLOAT64 one. */
function typed(expression: string): string {
  return expression === "NULL" ? "CAST(NULL AS FLOAT64)" : expression;
}

const REFERENCE = "https://cloud.google.com/bigquery/docs/reference/standard-sql";

/**
 * BigQuery, as its GoogleSQL reference spells things:
 * - the local day of an instant in a zone is `DATE(timestamp, zone)`, which takes the zone
 *   as an expression, so it is bound (`date_functions#date`); months, quarters and years
 *   start at `DATE_TRUNC(day, MONTH)`; a week goes back from `EXTRACT(DAYOFWEEK ...)`
 *   (Sunday 1 ... Saturday 7); the day is written as text by `CAST(... AS STRING)`
 *   (YYYY-MM-DD);
 * - there is no `FILTER` clause: a filtered count is `COUNTIF(condition)`, a filtered sum,
 *   least or greatest is the aggregate over `IF(condition, x, NULL)` (aggregates skip
 *   nulls; `aggregate_functions#countif`);
 * - quantiles: `PERCENTILE_CONT` is an analytic (window) function only
 *   (`navigation_functions#percentile_cont`) and `APPROX_QUANTILES` is approximate
 *   (`approximate_aggregate_functions#approx_quantiles`), so the dialect writes none and
 *   the compiler refuses durations on BigQuery;
 * - list membership is `item IN UNNEST(list)` on an ARRAY column;
 * - a nested array of records is an `ARRAY<STRUCT<...>>` column: a member's distinct values
 *   are counted by a subquery over `UNNEST(list)` and the other values (`COUNT(DISTINCT)`
 *   skips nulls; `arrays#querying_nested_arrays`), NULL for a NULL list; a distribution is
 *   every number, `ARRAY_AGG(IF(condition, x, NULL) IGNORE NULLS)`, counted by the decoder;
 * - parameters are named, `@p1` (`/docs/parameterized-queries`; a name may be used twice);
 * - identifiers are quoted with backticks; epoch milliseconds are `UNIX_MILLIS`, which
 *   rounds down (`timestamp_functions#unix_millis`).
 *
 * @example
 * BIGQUERY.periodStart("month", "`createdAt`", "CAST(@p1 AS STRING)", "1")
 * //=> "CAST(DATE_TRUNC(DATE(`createdAt`, CAST(@p1 AS STRING)), MONTH) AS STRING)"
 * @example
 * BIGQUERY.periodStart("week", "`createdAt`", "@p1", "@p2")
 * //=> "CAST(DATE_SUB(DATE(`createdAt`, @p1), INTERVAL MOD(EXTRACT(DAYOFWEEK FROM DATE(`createdAt`, @p1)) - 1 - CAST(@p2 AS INT64) + 7, 7) DAY) AS STRING)"
 * @example
 * [BIGQUERY.countWhere("`r0` = -1"), BIGQUERY.sumWhere("`x`", "`r0` = -1"), BIGQUERY.quantilesWhere]
 * //=> ["COUNTIF(`r0` = -1)", "SUM(IF(`r0` = -1, `x`, NULL))", undefined]
 * @example
 * [BIGQUERY.parameter(3), BIGQUERY.listHolds("`tags`", "@p1"), BIGQUERY.epochMilliseconds("`createdAt`")]
 * //=> ["@p3", "coalesce(@p1 IN UNNEST(`tags`), false)", "UNIX_MILLIS(`createdAt`)"]
 */
export const BIGQUERY: Dialect = {
  name: "bigquery",
  quote: backticksEscaped,
  parameter: (index) => `@p${index}`,
  periodStart(unit, instant, zone, weekStartsOn) {
    const day = `DATE(${instant}, ${zone})`;
    const text = (date: string) => `CAST(${date} AS STRING)`;
    if (unit === "day") return text(day);
    if (unit === "week" || unit === "isoWeek") {
      // DAYOFWEEK: Sunday 1 ... Saturday 7; back to the latest day that starts a week.
      const back = `MOD(EXTRACT(DAYOFWEEK FROM ${day}) - 1 - CAST(${weekStartsOn} AS INT64) + 7, 7)`;
      return text(`DATE_SUB(${day}, INTERVAL ${back} DAY)`);
    }
    return text(`DATE_TRUNC(${day}, ${unit.toUpperCase()})`);
  },
  epochMilliseconds: (instant) => `UNIX_MILLIS(${instant})`,
  countWhere: (condition) => `COUNTIF(${condition})`,
  sumWhere: (expression, condition) => `SUM(IF(${condition}, ${typed(expression)}, NULL))`,
  minWhere: (expression, condition) => `MIN(IF(${condition}, ${typed(expression)}, NULL))`,
  maxWhere: (expression, condition) => `MAX(IF(${condition}, ${typed(expression)}, NULL))`,
  noExactQuantiles: `PERCENTILE_CONT is analytic only and APPROX_QUANTILES approximates: ${REFERENCE}/navigation_functions#percentile_cont`,
  listHolds: (list, item) => `coalesce(${item} IN UNNEST(${list}), false)`,
  distinctMembers: (list, member, also) => {
    const others = also.map((other) => ` UNION ALL SELECT CAST(${other} AS STRING)`).join("");
    const members = `SELECT e.${backticksEscaped(member)} AS v FROM UNNEST(${list}) AS e${others}`;
    return `IF(${list} IS NULL, NULL, (SELECT COUNT(DISTINCT v) FROM (${members})))`;
  },
  tallyWhere: (expression, condition) =>
    `ARRAY_AGG(IF(${condition}, CAST(${expression} AS INT64), NULL) IGNORE NULLS)`,
  member: (record, name) => `${record}.${backticksEscaped(name)}`,
  asDouble: (expression) => `CAST(${expression} AS FLOAT64)`,
  // BigQuery reads BIGINT as an alias of INT64; its own name is the one every tool parses.
  bigint: "INT64",
  asText: (expression) => `CAST(${expression} AS STRING)`,
  asInstant: (expression) => `CAST(${expression} AS TIMESTAMP)`,
};
