/**
 * `support-metrics/sql`: the SQL compiler and every dialect it writes, for running the
 * catalogue's metrics where the data already lives. `compileRollup` turns `rollup` options
 * into one query and its parameters in a dialect; run them with the engine's own client and
 * hand the result rows to `compiled.rows`, which returns the rows the in-memory `rollup`
 * gives. DuckDB and PostgreSQL (one server or sharded) are executed in the library's tests;
 * BigQuery, Snowflake, Spark SQL and Trino are generated and parsed only (docs/engines.md).
 * Pure and browser-safe: it loads no driver.
 */
export {
  type CompiledRollup,
  compileBusinessRange,
  compileRollup,
  type ResolvedSqlMetric,
  type SqlMetric,
  type SqlRefusal,
  SqlRefusedError,
  type SqlRollupOptions,
  sqlSupport,
} from "./compile.ts";
export { type BusinessColumnType, type Dialect, DUCKDB } from "./dialect.ts";
export { DIALECTS, dialectNamed } from "./dialects.ts";
export type { SqlParameter } from "./expression.ts";
export { POSTGRES } from "./postgres.ts";
export { BIGQUERY } from "./warehouses/bigquery.ts";
export { SNOWFLAKE } from "./warehouses/snowflake.ts";
export { SPARK } from "./warehouses/spark.ts";
export { TRINO } from "./warehouses/trino.ts";
