/**
 * `support-metrics/postgres`: the catalogue's metrics run on PostgreSQL, compiled to SQL by
 * src/sql in the PostgreSQL dialect. The same rollup options give the same rows as the
 * in-memory `rollup`: counts exactly, other numbers to floating-point rounding. The engine
 * imports nothing from a driver: it takes any client with `pg`'s `query(text, values)` (a
 * `pg.Client` or `pg.Pool`), so the core never loads one.
 */
import {
  type CompiledRollup,
  compileBusinessRange,
  compileRollup,
  type SqlRollupOptions,
} from "../sql/compile.ts";
import { POSTGRES } from "../sql/postgres.ts";
import { queryChecked } from "./failure.ts";
import type { PostgresClient } from "./table.ts";

export type {
  CompiledRollup,
  ResolvedSqlMetric,
  SqlMetric,
  SqlRefusal,
  SqlRollupOptions,
} from "../sql/compile.ts";
export { compileRollup, SqlRefusedError, sqlSupport } from "../sql/compile.ts";
export type { BusinessColumnType, Dialect } from "../sql/dialect.ts";
export type { SqlParameter } from "../sql/expression.ts";
export { POSTGRES } from "../sql/postgres.ts";
export type { TableKind } from "../sql/tableKinds.ts";
export type { SqlRecordKind } from "../sql/validation.ts";
export {
  createRecordTable,
  insertRecords,
  type PostgresClient,
  type RecordTableSql,
  recordTableSql,
} from "./table.ts";
export {
  type PostgresAccounting,
  type PostgresRejection,
  type PostgresValidationOptions,
  validatePostgresTable,
} from "./validate.ts";

/**
 * Runs a compiled rollup (compiled in the PostgreSQL dialect) on a client and returns its
 * rollup rows. `pg` returns 64-bit integers and numerics as text; the decoder reads them.
 * When the query fails by one of the compiler's own checks (a business-time span outside
 * the working intervals' range, say), the error is a RangeError with our message alone, the
 * server's error as its `cause`.
 *
 * @example
 * import { ticketVolumeMetric } from "support-metrics";
 * const compiled = compileRollup({
 *   relation: { name: "tickets", columns: ["id", "createdAt"] },
 *   metrics: { volume: { metric: ticketVolumeMetric } },
 *   dialect: POSTGRES,
 * });
 * // What a server answers: count(*) comes back as text.
 * const client = { query: async () => ({ rows: [{ branch: 0, period: null, m0_s_count: "2" }] }) };
 * (async () => (await runCompiled(client, compiled))[0].volume.value)()
 * //=> 2
 */
export async function runCompiled(
  client: PostgresClient,
  compiled: CompiledRollup,
): Promise<Record<string, unknown>[]> {
  const result = await queryChecked(() => client.query(compiled.sql, [...compiled.parameters]));
  return compiled.rows(result.rows as Record<string, unknown>[]);
}

/**
 * A rollup of catalogue metrics over a PostgreSQL table or view (its columns named after the
 * record's fields), as one SQL query: the rows `rollup` gives over the same records. The
 * dialect is PostgreSQL's unless `options.dialect` says otherwise. A metric timed by a
 * schedule takes one query more first: the range of its spans' instants, which the working
 * intervals bound to the rollup's query must cover.
 *
 * @example
 * import { ticketVolumeMetric } from "support-metrics";
 * const sent = [];
 * const client = { query: async (text, values) => { sent.push(values); return { rows: [] }; } };
 * (async () => {
 *   const rows = await postgresRollup(client, {
 *     relation: { name: "tickets", columns: ["id", "createdAt"] },
 *     metrics: { volume: { metric: ticketVolumeMetric } },
 *     by: { period: "month" },
 *     timeZone: "Europe/Berlin",
 *   });
 *   return [rows, sent];
 * })()
 * //=> [[], [["Europe/Berlin"]]]
 */
export async function postgresRollup(
  client: PostgresClient,
  options: SqlRollupOptions,
): Promise<Record<string, unknown>[]> {
  const given = { dialect: POSTGRES, ...options };
  const range = compileBusinessRange(given);
  if (!range || given.businessRange) return runCompiled(client, compileRollup(given));
  const result = await client.query(range.sql, [...range.parameters]);
  const bounds = result.rows[0] as { from?: unknown; to?: unknown } | undefined;
  // bigint comes back as text from pg.
  const bound = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const businessRange = { from: bound(bounds?.from), to: bound(bounds?.to) };
  return runCompiled(client, compileRollup({ ...given, businessRange }));
}
