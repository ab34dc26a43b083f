/**
 * `support-metrics/duckdb`: the catalogue's metrics run on embedded DuckDB (@duckdb/node-api),
 * compiled to SQL by src/sql. The same rollup options give the same rows as the in-memory
 * `rollup`: counts exactly, other numbers to floating-point rounding. Node only; the core
 * and its browser bundle never load DuckDB.
 */
import {
  BIGINT,
  BOOLEAN,
  DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  LIST,
  listValue,
} from "@duckdb/node-api";
import {
  type CompiledRollup,
  compileBusinessRange,
  compileRollup,
  type SqlRollupOptions,
} from "../sql/compile.ts";
import type { SqlParameter } from "../sql/expression.ts";

export type {
  CompiledRollup,
  ResolvedSqlMetric,
  SqlMetric,
  SqlRefusal,
  SqlRollupOptions,
} from "../sql/compile.ts";
export {
  compileBusinessRange,
  compileRollup,
  SqlRefusedError,
  sqlSupport,
} from "../sql/compile.ts";
export { type BusinessColumnType, type Dialect, DUCKDB } from "../sql/dialect.ts";
export type { SqlParameter } from "../sql/expression.ts";
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
 * Runs SQL with the compiler's parameters: arrays (business time's working intervals) bound
 * as typed lists, whole numbers in them as BIGINT (the driver would type a list by its first
 * item), other values as the driver reads them.
 */
async function query(
  connection: DuckDBConnection,
  sql: string,
  parameters: readonly SqlParameter[],
): Promise<Record<string, unknown>[]> {
  const values: DuckDBValue[] = [];
  const types: (DuckDBType | undefined)[] = [];
  for (const parameter of parameters) {
    if (Array.isArray(parameter)) {
      const booleans = parameter.some((item) => typeof item === "boolean");
      values.push(
        listValue(parameter.map((item) => (typeof item === "number" ? BigInt(item) : item))),
      );
      types.push(LIST(booleans ? BOOLEAN : BIGINT));
    } else {
      values.push(parameter as DuckDBValue);
      types.push(undefined);
    }
  }
  const reader = await connection.runAndReadAll(sql, values, types as DuckDBType[]);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
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
  return compiled.rows(await query(connection, compiled.sql, compiled.parameters));
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
  const range = compileBusinessRange(options);
  if (!range || options.businessRange) return runCompiled(connection, compileRollup(options));
  // Business time: first the span instants' range, which the working intervals must cover.
  const [bounds] = await query(connection, range.sql, range.parameters);
  const bound = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const businessRange = { from: bound(bounds?.from), to: bound(bounds?.to) };
  return runCompiled(connection, compileRollup({ ...options, businessRange }));
}
