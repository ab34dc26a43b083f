/**
 * Every dialect the compiler writes, by the name the CLI's `--print-sql` and the docs use.
 * Only the CLI and the docs read this table: an engine imports its own dialect, so a
 * DuckDB user never loads the warehouses' words.
 */
import { type Dialect, DUCKDB } from "./dialect.ts";
import { POSTGRES } from "./postgres.ts";
import { BIGQUERY } from "./warehouses/bigquery.ts";
import { SNOWFLAKE } from "./warehouses/snowflake.ts";
import { SPARK } from "./warehouses/spark.ts";
import { TRINO } from "./warehouses/trino.ts";

/** The dialects by name. */
export const DIALECTS: Readonly<Record<string, Dialect>> = {
  duckdb: DUCKDB,
  postgres: POSTGRES,
  bigquery: BIGQUERY,
  snowflake: SNOWFLAKE,
  spark: SPARK,
  trino: TRINO,
};

/**
 * The dialect called `name`, or a RangeError that lists the names there are.
 *
 * @example
 * dialectNamed("postgres").name
 * //=> "postgres"
 */
export function dialectNamed(name: string): Dialect {
  const dialect = Object.hasOwn(DIALECTS, name) ? DIALECTS[name] : undefined;
  if (dialect === undefined)
    throw new RangeError(
      `sql: dialect must be one of ${Object.keys(DIALECTS).join(", ")}, got ${JSON.stringify(name)}`,
    );
  return dialect;
}
