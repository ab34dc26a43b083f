/**
 * The dialect-specific pieces of business time in SQL, in one small object per dialect:
 * placeholders, epoch milliseconds, the as-of lookup, turning JavaScript arrays into rows, and
 * failing a query with a message. Everything else that src/sql/businessHours.ts writes is
 * plain SQL that DuckDB and PostgreSQL read alike. Only DuckDB is written here for now; a
 * PostgreSQL object needs `$n` placeholders, `unnest($1::bigint[], …)` in FROM, a
 * `LEFT JOIN LATERAL (… ORDER BY start_ms DESC LIMIT 1) ON TRUE` lookup and a raising helper
 * function. The compiler (src/sql/dialect*.ts) defines its own dialect; the lead unifies them.
 */

/** The column types the business relations use. */
export type BusinessColumnType = "bigint" | "integer" | "boolean";

/** What business time needs from a SQL dialect. */
export interface BusinessDialect {
  /** The dialect's name, as the compiler names it. */
  readonly name: string;
  /**
   * Whether {@link BusinessDialect.asOf} finds a piece by its UTC day (an equi-join), which
   * needs the pieces split at UTC midnights; otherwise by an as-of lookup.
   */
  readonly byDay: boolean;
  /** The placeholder of the `index`-th bound parameter (1-based). */
  placeholder(index: number): string;
  /** A relation whose rows zip bound array parameters, one column per array. */
  arrays(
    columns: readonly { name: string; type: BusinessColumnType; placeholder: string }[],
  ): string;
  /**
   * A join clause that adds `alias`, the row of `relation` with the greatest `start_ms` that is
   * at or before `key` (`strict`: before it), among the rows where `timeline` equals
   * `timeline`; all its columns null when there is none.
   */
  asOf(relation: string, alias: string, timeline: string, key: string, strict: boolean): string;
  /** An expression that fails the query with `message` when evaluated (a constant text). */
  fail(message: string): string;
  /** Epoch milliseconds (BIGINT, floored) of a timestamp-with-zone expression. */
  epochMs(instant: string): string;
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

const SQL_TYPES: Record<BusinessColumnType, string> = {
  bigint: "BIGINT",
  integer: "INTEGER",
  boolean: "BOOLEAN",
};

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
  name: "duckdb",
  byDay: false,
  placeholder: (index) => `$${index}`,
  arrays: (columns) =>
    `(SELECT ${columns
      .map((c) => `unnest(${c.placeholder}::${SQL_TYPES[c.type]}[]) AS ${quoteIdentifier(c.name)}`)
      .join(", ")})`,
  asOf: (relation, alias, timeline, key, strict) =>
    `ASOF LEFT JOIN ${relation} AS ${alias} ON ${alias}."timeline" = ${timeline} AND ${key} ${
      strict ? ">" : ">="
    } ${alias}."start_ms"`,
  fail: (message) => `error(${quoteText(message)})`,
  epochMs: (instant) => {
    const us = `epoch_us(${instant})`;
    // Whole milliseconds first (an exact integer division), then floored for negative instants.
    return `((${us} - ((${us} % 1000) + 1000) % 1000) // 1000)`;
  },
};

/**
 * DuckDB's business-time pieces with the lookup as an equi-join on the UTC day and a range
 * test instead of an `ASOF` join (the pieces are split at UTC midnights): the same values,
 * and a plan every SQL engine has (a hash join), for engines without as-of joins and for
 * comparing the two plans' speed.
 *
 * @example
 * duckdbBusinessByDay.asOf('"iv"', '"e"', "0", '"t"."end"', true)
 * //=> 'LEFT JOIN "iv" AS "e" ON "e"."timeline" = 0 AND "e"."day" = CAST(floor(("t"."end" - 1) / 86400000.0) AS BIGINT) AND "e"."start_ms" <= ("t"."end" - 1) AND ("t"."end" - 1) < "e"."end_ms"'
 */
export const duckdbBusinessByDay: BusinessDialect = {
  ...duckdbBusiness,
  byDay: true,
  // An instant is in a piece when start ≤ t < end; "before t" is "at or before t − 1 ms".
  asOf: (relation, alias, timeline, key, strict) => {
    const t = strict ? `(${key} - 1)` : key;
    return `LEFT JOIN ${relation} AS ${alias} ON ${alias}."timeline" = ${timeline} AND ${alias}."day" = CAST(floor(${t} / 86400000.0) AS BIGINT) AND ${alias}."start_ms" <= ${t} AND ${t} < ${alias}."end_ms"`;
  },
};
