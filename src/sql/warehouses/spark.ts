/**
 * The Spark SQL dialect (Spark 3.4 and later, Databricks SQL). Generated only in our tests:
 * no Spark can be reached from the machines the tests run on, and no parser of Spark SQL is
 * installed (node-sql-parser has no Spark grammar; its Hive grammar lacks `FILTER`).
 */
import type { Dialect } from "../dialect.ts";
import { backticksDoubled } from "./quoting.ts";

/** A missing column's NULL, typed, so that `sum` has a numeric argument. */
function typed(expression: string): string {
  return expression === "NULL" ? "CAST(NULL AS DOUBLE)" : expression;
}

/**
 * Spark SQL, as https://spark.apache.org/docs/latest/api/sql/ spells things:
 * - the local day of an instant in a zone: `from_utc_timestamp(instant, zone)` shifts the
 *   instant by the zone's offset (`#from_utc_timestamp`), so its microseconds since the epoch
 *   (`unix_micros`) count the local wall clock; whole days of those, floored, are the local
 *   day (`date_from_unix_date`). Unlike `to_date(from_utc_timestamp(...))` this never reads
 *   the session's time zone (`spark.sql.session.timeZone`). Months, quarters and years start
 *   at `trunc(day, 'MM')`; a week goes back from `dayofweek` (Sunday 1 ... Saturday 7); the
 *   day is written by `CAST(day AS STRING)` (yyyy-MM-dd);
 * - aggregates take `FILTER (WHERE ...)` (Spark 3.0 and later);
 * - quantiles are exact with `percentile(x, array(...))`, which interpolates linearly
 *   between closest ranks at position (n − 1) × p (`#percentile`; not `percentile_approx`);
 *   its arithmetic may differ from the library's in the last bit;
 * - list membership is `array_contains(list, item)`;
 * - a nested array of records is an `ARRAY<STRUCT<...>>` column: a member's distinct values
 *   are `size(array_distinct(filter(concat(transform(list, e -> e.member), array(...)),
 *   v -> v IS NOT NULL)))` (`#transform`, `#filter`), NULL for a NULL list (where `size`
 *   would say -1); a distribution is every number, `collect_list(x) FILTER (WHERE ...)`,
 *   counted by the decoder;
 * - parameters are named, `:p1` (Spark 3.4's parameter markers, Databricks'
 *   `sql-ref-parameter-marker`; a name may be used twice);
 * - identifiers are quoted with backticks; epoch milliseconds are `unix_millis`.
 *
 * @example
 * SPARK.periodStart("month", "`createdAt`", ":p1", "1")
 * //=> "CAST(trunc(date_from_unix_date(CAST(floor(unix_micros(from_utc_timestamp(`createdAt`, :p1)) / 86400000000) AS INT)), 'MM') AS STRING)"
 * @example
 * SPARK.periodStart("week", "`c`", ":p1", ":p2")
 * //=> "CAST(date_sub(date_from_unix_date(CAST(floor(unix_micros(from_utc_timestamp(`c`, :p1)) / 86400000000) AS INT)), CAST((dayofweek(date_from_unix_date(CAST(floor(unix_micros(from_utc_timestamp(`c`, :p1)) / 86400000000) AS INT))) - 1 - CAST(:p2 AS INT) + 7) % 7 AS INT)) AS STRING)"
 * @example
 * [SPARK.countWhere("`r0` = -1"), SPARK.quantilesWhere?.("`s`", [0.5, 0.9], "`r0` = -1")]
 * //=> ["count(*) FILTER (WHERE `r0` = -1)", "percentile(`s`, array(0.5, 0.9)) FILTER (WHERE `r0` = -1)"]
 * @example
 * [SPARK.parameter(2), SPARK.listHolds("`tags`", ":p1"), SPARK.epochMilliseconds("`createdAt`")]
 * //=> [":p2", "coalesce(array_contains(`tags`, :p1), false)", "unix_millis(`createdAt`)"]
 */
export const SPARK: Dialect = {
  name: "spark",
  quote: backticksDoubled,
  parameter: (index) => `:p${index}`,
  periodStart(unit, instant, zone, weekStartsOn) {
    const wall = `unix_micros(from_utc_timestamp(${instant}, ${zone}))`;
    const day = `date_from_unix_date(CAST(floor(${wall} / 86400000000) AS INT))`;
    const text = (date: string) => `CAST(${date} AS STRING)`;
    if (unit === "day") return text(day);
    if (unit === "week" || unit === "isoWeek") {
      // dayofweek: Sunday 1 ... Saturday 7; back to the latest day that starts a week.
      const back = `CAST((dayofweek(${day}) - 1 - CAST(${weekStartsOn} AS INT) + 7) % 7 AS INT)`;
      return text(`date_sub(${day}, ${back})`);
    }
    const format = unit === "month" ? "MM" : unit.toUpperCase();
    return text(`trunc(${day}, '${format}')`);
  },
  epochMilliseconds: (instant) => `unix_millis(${instant})`,
  countWhere: (condition) => `count(*) FILTER (WHERE ${condition})`,
  sumWhere: (expression, condition) => `sum(${typed(expression)}) FILTER (WHERE ${condition})`,
  minWhere: (expression, condition) => `min(${typed(expression)}) FILTER (WHERE ${condition})`,
  maxWhere: (expression, condition) => `max(${typed(expression)}) FILTER (WHERE ${condition})`,
  quantilesWhere: (expression, fractions, condition) =>
    `percentile(${expression}, array(${fractions.join(", ")})) FILTER (WHERE ${condition})`,
  listHolds: (list, item) => `coalesce(array_contains(${list}, ${item}), false)`,
  distinctMembers: (list, member, also) => {
    const members = `transform(${list}, e -> e.${backticksDoubled(member)})`;
    const all = also.length === 0 ? members : `concat(${members}, array(${also.join(", ")}))`;
    return `CASE WHEN ${list} IS NULL THEN NULL ELSE size(array_distinct(filter(${all}, v -> v IS NOT NULL))) END`;
  },
  tallyWhere: (expression, condition) =>
    `collect_list(CAST(${expression} AS BIGINT)) FILTER (WHERE ${condition})`,
  member: (record, name) => `${record}.${backticksDoubled(name)}`,
  asDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
  asText: (expression) => `CAST(${expression} AS STRING)`,
  asInstant: (expression) => `CAST(${expression} AS TIMESTAMP)`,
};
