/**
 * Business time's view of a SQL dialect. Its few engine-specific words (epoch milliseconds
 * floored, the as-of lookup, JavaScript arrays as rows, failing a query with a message) are
 * optional members of the compiler's one `Dialect` (src/sql/dialect.ts); everything else
 * that src/sql/businessHours.ts writes is plain SQL that DuckDB and PostgreSQL read alike. A
 * PostgreSQL dialect adds `unnest($1::bigint[], …)` in FROM, a `LEFT JOIN LATERAL (… ORDER
 * BY start_ms DESC LIMIT 1) ON TRUE` lookup and a raising helper function. This file keeps
 * DuckDB's `ASOF` variant of the lookup, and identifier quoting for the validation queries.
 */
import { type Dialect, DUCKDB } from "./dialect.ts";

export type { BusinessColumnType } from "./dialect.ts";

/**
 * A dialect that has the words of business time (src/sql/dialect.ts lists them; they are
 * optional there, as an engine may not time by a schedule).
 */
export type BusinessDialect = Dialect &
  Required<Pick<Dialect, "byDay" | "arrays" | "asOf" | "fail" | "epochFloorMs">>;

/** What each word of business time is, as a refusal names the ones a dialect lacks. */
const BUSINESS_WORDS = {
  byDay: "a way to find a schedule's piece by day",
  arrays: "a schedule's working intervals bound as arrays",
  asOf: "an as-of join to those intervals",
  fail: "a query that stops with a message",
  epochFloorMs: "epoch milliseconds",
} as const;

/**
 * The dialect itself when it has the words of business time, else the reason it cannot
 * time by a schedule, naming what it lacks in a reader's words (the members are the
 * compiler's business, not the user's).
 *
 * @example
 * import { DUCKDB } from "./dialect.ts";
 * [businessWords(DUCKDB) === DUCKDB, businessWords({ ...DUCKDB, asOf: undefined, fail: undefined })]
 * //=> [true, "the duckdb dialect has no words for business time: it lacks an as-of join to those intervals and a query that stops with a message"]
 */
export function businessWords(dialect: Dialect): BusinessDialect | string {
  const missing = (Object.keys(BUSINESS_WORDS) as (keyof typeof BUSINESS_WORDS)[])
    .filter((word) => dialect[word] === undefined)
    .map((word) => BUSINESS_WORDS[word]);
  if (missing.length === 0) return dialect as BusinessDialect;
  const listed =
    missing.length === 1
      ? missing[0]
      : `${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]}`;
  return `the ${dialect.name} dialect has no words for business time: it lacks ${listed}`;
}

/**
 * A quoted SQL identifier: `"name"`, inner quotes doubled, so any name is read as a name.
 *
 * @example
 * quoteIdentifier('my "table"')
 * //=> '"my ""table"""'
 */
export function quoteIdentifier(name: string): string {
  if (typeof name !== "string" || name.length === 0 || name.includes("\u0000")) {
    throw new TypeError(
      `quoteIdentifier: name must be a non-empty string without NUL, got ${JSON.stringify(name)}`,
    );
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal of constant text (our own messages only, never data). */
export function quoteText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * DuckDB's business-time pieces. Arrays are bound as LIST parameters (the engine wraps each
 * JavaScript array with `listValue`) and zipped by `unnest` in the select list; the lookup is
 * an `ASOF LEFT JOIN`; a failure is `error(message)`; epoch milliseconds are floored from
 * microseconds (DuckDB's `epoch_ms` truncates toward zero, which differs before 1970).
 *
 * @example
 * duckdbBusiness.asOf('"iv"', '"s"', "0", '"t"."start"', false)
 * //=> 'ASOF LEFT JOIN "iv" AS "s" ON "s"."timeline" = 0 AND "t"."start" >= "s"."start_ms"'
 */
export const duckdbBusiness: BusinessDialect = {
  ...(DUCKDB as BusinessDialect),
  byDay: false,
  asOf: (relation, alias, timeline, key, strict) =>
    `ASOF LEFT JOIN ${relation} AS ${alias} ON ${alias}."timeline" = ${timeline} AND ${key} ${
      strict ? ">" : ">="
    } ${alias}."start_ms"`,
};

/**
 * DuckDB's business-time pieces with the lookup as an equi-join on the UTC day and a range
 * test instead of an `ASOF` join (the pieces are split at UTC midnights): the same values,
 * and a plan every SQL engine has (a hash join), for engines without as-of joins and for
 * comparing the two plans' speed. This is the DuckDB dialect itself (src/sql/dialect.ts).
 *
 * @example
 * duckdbBusinessByDay.asOf('"iv"', '"e"', "0", '"t"."end"', true)
 * //=> 'LEFT JOIN "iv" AS "e" ON "e"."timeline" = 0 AND "e"."day" = CAST(floor(("t"."end" - 1) / 86400000.0) AS BIGINT) AND "e"."start_ms" <= ("t"."end" - 1) AND ("t"."end" - 1) < "e"."end_ms"'
 */
export const duckdbBusinessByDay: BusinessDialect = DUCKDB as BusinessDialect;
