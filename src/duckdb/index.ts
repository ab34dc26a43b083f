/**
 * `support-metrics/duckdb`: the catalogue's metrics run on embedded DuckDB (@duckdb/node-api),
 * compiled to SQL by src/sql. The same rollup options give the same rows as the in-memory
 * `rollup`: counts exactly, other numbers to floating-point rounding. Node only; the core
 * and its browser bundle never load DuckDB.
 */
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { type CompiledRollup, compileRollup, type SqlRollupOptions } from "../sql/compile.ts";

export type {
  CompiledRollup,
  ResolvedSqlMetric,
  SqlMetric,
  SqlRefusal,
  SqlRollupOptions,
} from "../sql/compile.ts";
export { compileRollup, SqlRefusedError, sqlSupport } from "../sql/compile.ts";
export { type Dialect, DUCKDB } from "../sql/dialect.ts";
export { createRecordTable, type TableKind } from "./table.ts";

/**
 * Opens an in-memory DuckDB database and a connection to it.
 *
 * @example
 * (async () => {
 *   const connection = await openDuckDB();
 *   const reader = await connection.runAndReadAll("SELECT 40 + 2 AS answer");
 *   connection.closeSync();
 *   return reader.getRowObjectsJS();
 * })()
 * //=> [{ answer: 42 }]
 */
export async function openDuckDB(options: { threads?: number } = {}): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(
    ":memory:",
    options.threads === undefined ? {} : { threads: String(options.threads) },
  );
  return DuckDBConnection.create(instance);
}

/**
 * Runs a compiled rollup on a connection and returns its rollup rows.
 *
 * @example
 * import { escalationRateMetric } from "support-metrics";
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * const tickets = [true, false, null].map((escalated, i) => ({ id: String(i), createdAt, escalated }));
 * (async () => {
 *   const connection = await openDuckDB();
 *   const columns = await createRecordTable(connection, "tickets", "tickets", tickets);
 *   const compiled = compileRollup({
 *     relation: { name: "tickets", columns },
 *     metrics: { escalation: { metric: escalationRateMetric } },
 *   });
 *   const [row] = await runCompiled(connection, compiled);
 *   connection.closeSync();
 *   return row.escalation;
 * })()
 * //=> { value: 50, numerator: 1, denominator: 2, excluded: { unknownEscalation: 1 } }
 */
export async function runCompiled(
  connection: DuckDBConnection,
  compiled: CompiledRollup,
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(compiled.sql, [...compiled.parameters]);
  return compiled.rows(reader.getRowObjectsJS() as Record<string, unknown>[]);
}

/**
 * A rollup of catalogue metrics over a DuckDB table or view (its columns named after the
 * record's fields), as one SQL query: the rows `rollup` gives over the same records.
 *
 * @example
 * import { ticketVolumeMetric } from "support-metrics";
 * const created = ["2024-01-31T23:30:00Z", "2024-02-01T08:00:00Z"];
 * const tickets = created.map((at, i) => ({ id: String(i), createdAt: new Date(at) }));
 * (async () => {
 *   const connection = await openDuckDB();
 *   const columns = await createRecordTable(connection, "tickets", "tickets", tickets);
 *   const rows = await duckdbRollup(connection, {
 *     relation: { name: "tickets", columns },
 *     metrics: { volume: { metric: ticketVolumeMetric } },
 *     by: { period: "month" },
 *     timeZone: "Europe/Berlin",
 *   });
 *   connection.closeSync();
 *   return rows.map((row) => [row.period.label, row.volume.value]);
 * })()
 * //=> [["2024-02", 2]]
 */
export async function duckdbRollup(
  connection: DuckDBConnection,
  options: SqlRollupOptions,
): Promise<Record<string, unknown>[]> {
  return runCompiled(connection, compileRollup(options));
}
