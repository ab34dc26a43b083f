/**
 * The Trino dialect (and Presto's descendants that share its functions, such as Athena
 * engine 3 where it has them). Generated and parsed in our tests, never executed: no Trino
 * can be reached from the machines the tests run on.
 */
import type { Dialect } from "../dialect.ts";
import { doubleQuoted } from "./quoting.ts";

/** A missing column's NULL, typed: Trino has no `sum` of an untyped NULL. */
function typed(expression: string): string {
  return expression === "NULL" ? "CAST(NULL AS double)" : expression;
}

/**
 * The quantile at fraction `p` of the ascending array `a`, interpolating linearly between
 * closest ranks exactly as the library does: h = (n − 1) × p, x[⌊h⌋] + (h − ⌊h⌋) ×
 * (x[⌊h⌋+1] − x[⌊h⌋]), null over no values (Trino's arrays count from 1; `element_at` is null past the end, and
 * `IF` evaluates only the branch it chooses).
 */
const LAMBDA = (() => {
  const h = "(cardinality(a) - 1) * p";
  const at = (offset: string) => `element_at(a, CAST(floor(${h}) AS bigint) + ${offset})`;
  const interpolated = `${at("1")} + (${h} - floor(${h})) * (${at("2")} - ${at("1")})`;
  return `(p, a) -> IF(cardinality(a) = 0, NULL, IF(floor(${h}) + 1 >= cardinality(a), ${at("1")}, ${interpolated}))`;
})();

/**
 * Trino, as https://trino.io/docs/current/ spells things:
 * - the local day of an instant in a zone: `at_timezone(instant, zone)` keeps the instant
 *   and changes its zone (`functions/datetime`), and a cast of a timestamp with time zone to
 *   `date` takes the day on its wall clock. (`instant AT TIME ZONE zone` says the same, but
 *   Trino's grammar takes only a literal zone there, and the zone is a bound parameter.)
 *   Months, quarters and years start at `date_trunc('month', day)`; a week goes back from
 *   `day_of_week` (ISO: Monday 1 ... Sunday 7); the day is written by `CAST(day AS varchar)`;
 * - aggregates take `FILTER (WHERE ...)`;
 * - quantiles: Trino's only percentile aggregate, `approx_percentile`, is approximate
 *   (`functions/aggregate`), so they are computed exactly from the sorted values instead:
 *   `array_sort(filter(array_agg(IF(condition, x, NULL)), v -> v IS NOT NULL))`, and for each fraction the library's linear
 *   interpolation between closest ranks, by `zip_with` over the fractions and `repeat` of the
 *   sorted array (`functions/array`). It holds a group's values in memory, as every exact
 *   quantile does;
 * - list membership is `contains(list, item)`;
 * - a nested array of records is an `ARRAY(ROW(...))` column: a member's distinct values are
 *   `cardinality(array_distinct(filter(concat(transform(list, e -> e.member), ARRAY[...]),
 *   v -> v IS NOT NULL)))` (`functions/array`), and a distribution is every number,
 *   `array_agg(x) FILTER (WHERE ...)`, counted by the decoder;
 * - parameters are `?` only, bound by position (`sql/execute`, `EXECUTE ... USING`): the
 *   compiler repeats a value for each marker, in order (`positional`);
 * - identifiers are quoted with double quotes; epoch milliseconds are `date_diff` in
 *   milliseconds from the epoch, exact (`to_unixtime` is a double).
 *
 * @example
 * TRINO.periodStart("month", '"createdAt"', "CAST(? AS varchar)", "1")
 * //=> `CAST(date_trunc('month', CAST(at_timezone("createdAt", CAST(? AS varchar)) AS date)) AS varchar)`
 * @example
 * TRINO.periodStart("week", '"c"', "?", "?")
 * //=> `CAST(date_add('day', -((day_of_week(CAST(at_timezone("c", ?) AS date)) % 7 - CAST(? AS integer) + 7) % 7), CAST(at_timezone("c", ?) AS date)) AS varchar)`
 * @example
 * const sql = TRINO.quantilesWhere?.('"s"', [0.5, 0.9], '"r0" = -1') ?? "";
 * sql.slice(0, sql.indexOf(" (p, a) ->"))
 * //=> `zip_with(ARRAY[0.5E0, 0.9E0], repeat(array_sort(filter(array_agg(IF("r0" = -1, "s", NULL)), v -> v IS NOT NULL)), 2),`
 * @example
 * [TRINO.countWhere('"r0" = -1'), TRINO.listHolds('"tags"', "?"), TRINO.epochMilliseconds('"c"')]
 * //=> [`count(*) FILTER (WHERE "r0" = -1)`, `coalesce(contains("tags", ?), false)`, `date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00 UTC', "c")`]
 */
export const TRINO: Dialect = {
  name: "trino",
  quote: doubleQuoted,
  parameter: () => "?",
  positional: true,
  periodStart(unit, instant, zone, weekStartsOn) {
    const day = `CAST(at_timezone(${instant}, ${zone}) AS date)`;
    const text = (date: string) => `CAST(${date} AS varchar)`;
    if (unit === "day") return text(day);
    if (unit === "week" || unit === "isoWeek") {
      // day_of_week % 7: Sunday 0 ... Saturday 6; back to the latest day that starts a week.
      const back = `(day_of_week(${day}) % 7 - CAST(${weekStartsOn} AS integer) + 7) % 7`;
      return text(`date_add('day', -(${back}), ${day})`);
    }
    return text(`date_trunc('${unit}', ${day})`);
  },
  epochMilliseconds: (instant) =>
    `date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00 UTC', ${instant})`,
  countWhere: (condition) => `count(*) FILTER (WHERE ${condition})`,
  sumWhere: (expression, condition) => `sum(${typed(expression)}) FILTER (WHERE ${condition})`,
  minWhere: (expression, condition) => `min(${typed(expression)}) FILTER (WHERE ${condition})`,
  maxWhere: (expression, condition) => `max(${typed(expression)}) FILTER (WHERE ${condition})`,
  quantilesWhere: (expression, fractions, condition) => {
    // array_agg keeps nulls: the values where the condition holds, the nulls dropped after.
    const values = `array_agg(IF(${condition}, ${expression}, NULL))`;
    const sorted = `array_sort(filter(${values}, v -> v IS NOT NULL))`;
    const ps = `ARRAY[${fractions.map((f) => `${f}E0`).join(", ")}]`;
    return `zip_with(${ps}, repeat(${sorted}, ${fractions.length}), ${LAMBDA})`;
  },
  listHolds: (list, item) => `coalesce(contains(${list}, ${item}), false)`,
  distinctMembers: (list, member, also) => {
    const members = `transform(${list}, e -> e.${doubleQuoted(member)})`;
    const all = also.length === 0 ? members : `concat(${members}, ARRAY[${also.join(", ")}])`;
    return `cardinality(array_distinct(filter(${all}, v -> v IS NOT NULL)))`;
  },
  tallyWhere: (expression, condition) =>
    `array_agg(CAST(${expression} AS bigint)) FILTER (WHERE ${condition})`,
  // A row field: Trino reads "scale"."max" as the field when no table is called "scale".
  member: (record, name) => `${record}.${doubleQuoted(name)}`,
  asDouble: (expression) => `CAST(${expression} AS double)`,
  asText: (expression) => `CAST(${expression} AS varchar)`,
  asInstant: (expression) => `from_iso8601_timestamp(${expression})`,
};
