/**
 * The PostgreSQL dialect: the words the compiler needs, as PostgreSQL 12 and later spell
 * them. The same SQL runs on one server, on a coordinator whose tables are partitioned over
 * shards (postgres_fdw), and on Citus, which plans it across workers itself.
 */
import type { Dialect } from "./dialect.ts";

/** Doubles every double quote and wraps the name in them (SQL's standard quoting). */
function quote(identifier: string): string {
  if (identifier.includes("\u0000"))
    throw new TypeError(`sql: an identifier must not hold a NUL character, got ${identifier}`);
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * The compiler writes a column the relation does not have as a bare NULL; PostgreSQL cannot
 * choose `sum`, `min` or `max` of an untyped NULL, so it gets a type (the aggregate is NULL
 * all the same).
 */
function typed(expression: string): string {
  return expression === "NULL" ? "CAST(NULL AS double precision)" : expression;
}

/**
 * PostgreSQL: `timezone(zone, instant)` reads the wall clock of an instant in an IANA zone
 * (from one instant to one wall time, so no wall time is ever skipped or repeated here; the
 * rows' decoder finds the instant a period starts from its first local day by the library's
 * rule, as for every dialect). The day is written with `to_char`, which does not depend on
 * the server's DateStyle. `percentile_cont` interpolates linearly between closest ranks, the
 * library's rule; aggregates take `FILTER (WHERE ...)`; lists are text arrays; epoch
 * milliseconds come from `extract(epoch ...)`, exact (a numeric) since PostgreSQL 14.
 *
 * @example
 * POSTGRES.periodStart("month", '"createdAt"', "$1", "$2")
 * //=> `to_char(date_trunc('month', CAST(CAST(timezone($1, "createdAt") AS date) AS timestamp)), 'YYYY-MM-DD')`
 * @example
 * POSTGRES.periodStart("week", '"createdAt"', "$1", "$2")
 * //=> `to_char(CAST(timezone($1, "createdAt") AS date) - (CAST(extract(dow FROM CAST(timezone($1, "createdAt") AS date)) AS integer) - CAST($2 AS integer) + 7) % 7, 'YYYY-MM-DD')`
 * @example
 * POSTGRES.quantilesWhere('"s"', [0.5, 0.9], '"r0" = -1')
 * //=> `percentile_cont(ARRAY[0.5, 0.9]::double precision[]) WITHIN GROUP (ORDER BY CAST("s" AS double precision)) FILTER (WHERE "r0" = -1)`
 * @example
 * POSTGRES.sumWhere("NULL", '"r0" = -1')
 * //=> `sum(CAST(NULL AS double precision)) FILTER (WHERE "r0" = -1)`
 * @example
 * [POSTGRES.listHolds('"tags"', "CAST($1 AS text)"), POSTGRES.epochMilliseconds('"createdAt"')]
 * //=> ['coalesce(CAST($1 AS text) = ANY("tags"), false)', 'CAST(floor(extract(epoch FROM "createdAt") * 1000) AS bigint)']
 */
export const POSTGRES: Dialect = {
  name: "postgres",
  quote,
  parameter: (index) => `$${index}`,
  periodStart(unit, instant, zone, weekStartsOn) {
    const day = `CAST(timezone(${zone}, ${instant}) AS date)`;
    const text = (date: string) => `to_char(${date}, 'YYYY-MM-DD')`;
    if (unit === "day") return text(day);
    if (unit === "week" || unit === "isoWeek") {
      // dow: Sunday 0 ... Saturday 6; back to the latest day that starts a week.
      const back = `(CAST(extract(dow FROM ${day}) AS integer) - CAST(${weekStartsOn} AS integer) + 7) % 7`;
      return text(`${day} - ${back}`);
    }
    // On a timestamp without zone, so the session's zone never enters.
    return text(`date_trunc('${unit}', CAST(${day} AS timestamp))`);
  },
  epochMilliseconds: (instant) => `CAST(floor(extract(epoch FROM ${instant}) * 1000) AS bigint)`,
  countWhere: (condition) => `count(*) FILTER (WHERE ${condition})`,
  sumWhere: (expression, condition) => `sum(${typed(expression)}) FILTER (WHERE ${condition})`,
  minWhere: (expression, condition) => `min(${typed(expression)}) FILTER (WHERE ${condition})`,
  maxWhere: (expression, condition) => `max(${typed(expression)}) FILTER (WHERE ${condition})`,
  quantilesWhere: (expression, fractions, condition) =>
    `percentile_cont(ARRAY[${fractions.join(", ")}]::double precision[]) WITHIN GROUP (ORDER BY CAST(${expression} AS double precision)) FILTER (WHERE ${condition})`,
  listHolds: (list, item) => `coalesce(${item} = ANY(${list}), false)`,
  // A composite value's field: the parentheses keep PostgreSQL from reading a table name.
  member: (record, name) => `(${record}).${quote(name)}`,
  asDouble: (expression) => `CAST(${expression} AS double precision)`,
  asText: (expression) => `CAST(${expression} AS text)`,
  asInstant: (expression) => `CAST(${expression} AS timestamptz)`,
};
