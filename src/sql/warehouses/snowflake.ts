/**
 * The Snowflake dialect. Generated and parsed in our tests, never executed: no Snowflake can
 * be reached from the machines the tests run on.
 */
import type { Dialect } from "../dialect.ts";
import { doubleQuoted, sqlText } from "./quoting.ts";

/** A missing column's NULL, typed, so that `SUM` and `IFF` have a type to work with. */
function typed(expression: string): string {
  return expression === "NULL" ? "CAST(NULL AS DOUBLE)" : expression;
}

/**
 * Snowflake, as https://docs.snowflake.com/en/sql-reference spells things:
 * - the local day of an instant in a zone is `CAST(CONVERT_TIMEZONE(zone, instant) AS DATE)`
 *   (`functions/convert_timezone`; the two-argument form reads a TIMESTAMP_TZ or
 *   TIMESTAMP_LTZ column, so timestamps should be stored with their zone); months, quarters
 *   and years start at `DATE_TRUNC('MONTH', day)`; a week goes back from `DAYOFWEEKISO`
 *   (Monday 1 ... Sunday 7), which, unlike `DAYOFWEEK`, does not depend on the session's
 *   WEEK_START; the day is written by `TO_CHAR(day, 'YYYY-MM-DD')`;
 * - there is no `FILTER` clause: a filtered count is `COUNT_IF(condition)`, a filtered sum,
 *   least or greatest the aggregate over `IFF(condition, x, NULL)`;
 * - quantiles are exact with `PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY x)`, which
 *   interpolates linearly between closest ranks (`functions/percentile_cont`), one per
 *   fraction, over `IFF(condition, x, NULL)` (nulls are skipped), gathered by
 *   `ARRAY_CONSTRUCT` (a driver that returns an ARRAY column as JSON text needs it parsed
 *   before `compiled.rows`);
 * - list membership is `ARRAY_CONTAINS(TO_VARIANT(item), list)` on an ARRAY column;
 * - a nested array of records (a VARIANT, read row by row with `FLATTEN`) is not read: the
 *   distinct members of each row's array need a correlated subquery in the select list,
 *   which Snowflake does not run (it runs correlated scalar subqueries in WHERE clauses
 *   only), so the compiler refuses such a metric (`noNested`);
 * - parameters are bound by number, `:1` (the drivers' binding by position, usable twice:
 *   `developer-guide/node-js/nodejs-driver-execute`);
 * - identifiers are quoted with double quotes (case-sensitive); epoch milliseconds are
 *   `DATE_PART(epoch_millisecond, instant)`.
 *
 * @example
 * SNOWFLAKE.periodStart("month", '"createdAt"', "CAST(:1 AS VARCHAR)", "1")
 * //=> `TO_CHAR(DATE_TRUNC('MONTH', CAST(CONVERT_TIMEZONE(CAST(:1 AS VARCHAR), "createdAt") AS DATE)), 'YYYY-MM-DD')`
 * @example
 * SNOWFLAKE.periodStart("week", '"createdAt"', ":1", ":2")
 * //=> `TO_CHAR(DATEADD(day, -MOD(MOD(DAYOFWEEKISO(CAST(CONVERT_TIMEZONE(:1, "createdAt") AS DATE)), 7) - CAST(:2 AS INTEGER) + 7, 7), CAST(CONVERT_TIMEZONE(:1, "createdAt") AS DATE)), 'YYYY-MM-DD')`
 * @example
 * [SNOWFLAKE.countWhere('"r0" = -1'), SNOWFLAKE.sumWhere('"x"', '"r0" = -1')]
 * //=> [`COUNT_IF("r0" = -1)`, `SUM(IFF("r0" = -1, "x", NULL))`]
 * @example
 * SNOWFLAKE.quantilesWhere?.('"s"', [0.5, 0.9], '"r0" = -1')
 * //=> `ARRAY_CONSTRUCT(PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY IFF("r0" = -1, "s", NULL)), PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY IFF("r0" = -1, "s", NULL)))`
 * @example
 * [SNOWFLAKE.parameter(2), SNOWFLAKE.listHolds('"tags"', ":1"), SNOWFLAKE.member('"scale"', "max")]
 * //=> [":2", `coalesce(ARRAY_CONTAINS(TO_VARIANT(:1), "tags"), false)`, `GET("scale", 'max')`]
 */
export const SNOWFLAKE: Dialect = {
  name: "snowflake",
  quote: doubleQuoted,
  parameter: (index) => `:${index}`,
  periodStart(unit, instant, zone, weekStartsOn) {
    const day = `CAST(CONVERT_TIMEZONE(${zone}, ${instant}) AS DATE)`;
    const text = (date: string) => `TO_CHAR(${date}, 'YYYY-MM-DD')`;
    if (unit === "day") return text(day);
    if (unit === "week" || unit === "isoWeek") {
      // MOD(DAYOFWEEKISO, 7): Sunday 0 ... Saturday 6; back to the latest day that starts a week.
      const back = `MOD(MOD(DAYOFWEEKISO(${day}), 7) - CAST(${weekStartsOn} AS INTEGER) + 7, 7)`;
      return text(`DATEADD(day, -${back}, ${day})`);
    }
    return text(`DATE_TRUNC('${unit.toUpperCase()}', ${day})`);
  },
  epochMilliseconds: (instant) => `DATE_PART(epoch_millisecond, ${instant})`,
  countWhere: (condition) => `COUNT_IF(${condition})`,
  sumWhere: (expression, condition) => `SUM(IFF(${condition}, ${typed(expression)}, NULL))`,
  minWhere: (expression, condition) => `MIN(IFF(${condition}, ${typed(expression)}, NULL))`,
  maxWhere: (expression, condition) => `MAX(IFF(${condition}, ${typed(expression)}, NULL))`,
  quantilesWhere: (expression, fractions, condition) =>
    `ARRAY_CONSTRUCT(${fractions
      .map(
        (f) =>
          `PERCENTILE_CONT(${f}) WITHIN GROUP (ORDER BY IFF(${condition}, ${expression}, NULL))`,
      )
      .join(", ")})`,
  noNested:
    "each row's VARIANT array is read by FLATTEN in a correlated subquery of the select list, and Snowflake runs correlated scalar subqueries in WHERE clauses only: https://docs.snowflake.com/en/user-guide/querying-subqueries",
  listHolds: (list, item) => `coalesce(ARRAY_CONTAINS(TO_VARIANT(${item}), ${list}), false)`,
  // An OBJECT (or VARIANT) column's field.
  member: (record, name) => `GET(${record}, ${sqlText(name)})`,
  asDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
  asText: (expression) => `CAST(${expression} AS VARCHAR)`,
  asInstant: (expression) => `TO_TIMESTAMP_TZ(${expression})`,
};
