/**
 * A dialect: how one SQL engine writes the few things the compiler needs that engines spell
 * differently (identifier quoting, parameter markers, a period's start in a time zone, filtered
 * aggregates, quantiles with linear interpolation, list membership). The compiler writes
 * everything else in the SQL they share. DuckDB is the first; PostgreSQL and the warehouses
 * add one object each.
 */
import type { PeriodUnit } from "../time/period.ts";

/** The SQL words of one engine. */
export interface Dialect {
  /** The engine's name, as the CLI and the docs call it. */
  readonly name: string;
  /** An identifier, quoted so that any name (a keyword, a space, a quote) is read as written. */
  quote(identifier: string): string;
  /** The marker of the parameter at `index` (1-based). */
  parameter(index: number): string;
  /**
   * The first local day of the period holding the instant `instant` (a timestamp with zone),
   * in the zone named by the text expression `zone`, as text `YYYY-MM-DD`. `weekStartsOn` is
   * an integer expression (0 Sunday ... 6 Saturday), read for weeks only.
   */
  periodStart(unit: PeriodUnit, instant: string, zone: string, weekStartsOn: string): string;
  /** Whole epoch milliseconds of an instant, as a 64-bit integer. */
  epochMilliseconds(instant: string): string;
  /** The number of rows where `condition` holds. */
  countWhere(condition: string): string;
  /** The sum of `expression` over the rows where `condition` holds (null over none). */
  sumWhere(expression: string, condition: string): string;
  /** The least and greatest of `expression` where `condition` holds. */
  minWhere(expression: string, condition: string): string;
  maxWhere(expression: string, condition: string): string;
  /**
   * The quantiles `fractions` of `expression` where `condition` holds, interpolating linearly
   * between closest ranks, as a list (or array) of numbers.
   */
  quantilesWhere(expression: string, fractions: readonly number[], condition: string): string;
  /** Whether the list-valued `list` holds the text `item`. */
  listHolds(list: string, item: string): string;
  /** The field `name` of a record-valued expression. */
  member(record: string, name: string): string;
  /** A bound parameter read as a double-precision number, or text. */
  asDouble(expression: string): string;
  asText(expression: string): string;
  /** A bound parameter read as a timestamp with zone (an ISO 8601 text). */
  asInstant(expression: string): string;
}

/** Doubles every double quote and wraps the name in them (SQL's standard quoting). */
function standardQuote(identifier: string): string {
  if (identifier.includes("\u0000"))
    throw new TypeError(`sql: an identifier must not hold a NUL character, got ${identifier}`);
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * DuckDB (with its ICU extension, built into @duckdb/node-api): `timezone(zone, instant)`
 * reads the wall clock in an IANA zone; `quantile_cont` interpolates linearly, the library's
 * rule; aggregates take `FILTER (WHERE ...)`.
 *
 * @example
 * DUCKDB.periodStart("month", '"createdAt"', "$1", "$2")
 * //=> `CAST(CAST(date_trunc('month', CAST(timezone($1, "createdAt") AS DATE)) AS DATE) AS VARCHAR)`
 */
export const DUCKDB: Dialect = {
  name: "duckdb",
  quote: standardQuote,
  parameter: (index) => `$${index}`,
  periodStart(unit, instant, zone, weekStartsOn) {
    const day = `CAST(timezone(${zone}, ${instant}) AS DATE)`;
    if (unit === "day") return `CAST(${day} AS VARCHAR)`;
    if (unit === "week" || unit === "isoWeek") {
      // dayofweek: Sunday 0 ... Saturday 6; back to the latest day that starts a week.
      const back = `CAST((dayofweek(${day}) - ${weekStartsOn} + 7) % 7 AS INTEGER)`;
      return `CAST(${day} - ${back} AS VARCHAR)`;
    }
    return `CAST(CAST(date_trunc('${unit}', ${day}) AS DATE) AS VARCHAR)`;
  },
  epochMilliseconds: (instant) => `epoch_ms(${instant})`,
  countWhere: (condition) => `count(*) FILTER (WHERE ${condition})`,
  sumWhere: (expression, condition) => `sum(${expression}) FILTER (WHERE ${condition})`,
  minWhere: (expression, condition) => `min(${expression}) FILTER (WHERE ${condition})`,
  maxWhere: (expression, condition) => `max(${expression}) FILTER (WHERE ${condition})`,
  quantilesWhere: (expression, fractions, condition) =>
    `quantile_cont(CAST(${expression} AS DOUBLE), [${fractions.join(", ")}]) FILTER (WHERE ${condition})`,
  listHolds: (list, item) => `coalesce(list_contains(${list}, ${item}), false)`,
  member: (record, name) => `${record}.${standardQuote(name)}`,
  asDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
  asText: (expression) => `CAST(${expression} AS VARCHAR)`,
  asInstant: (expression) => `CAST(${expression} AS TIMESTAMPTZ)`,
};
