/**
 * Test support, not part of the library: runs SQL with bound parameters on an in-memory
 * DuckDB (@duckdb/node-api, a devDependency), one instance per test file. JavaScript arrays
 * are bound as DuckDB lists, as the engine binds the relations of business time.
 */
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  LIST,
  listValue,
  VARCHAR,
} from "@duckdb/node-api";

let opened: Promise<DuckDBConnection> | undefined;

/** The test file's connection, opened on first use. */
export function duckdb(): Promise<DuckDBConnection> {
  opened ??= DuckDBInstance.create(":memory:").then((instance) => instance.connect());
  return opened;
}

/**
 * A JavaScript value as a DuckDB parameter: arrays as lists, whole numbers as BIGINT (the
 * driver would otherwise type a list by its first value and refuse a later, larger one).
 */
function bindable(value: unknown): DuckDBValue {
  if (Array.isArray(value)) return listValue(value.map(bindable));
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  return value as DuckDBValue;
}

/**
 * The DuckDB type of a parameter, from its values: the driver would type a list by its
 * first item, and a list starting with null as a list of nulls.
 */
function typeOf(value: unknown): DuckDBType {
  if (Array.isArray(value)) {
    const item = value.find((v) => v !== null && v !== undefined);
    return LIST(item === undefined ? BIGINT : typeOf(item));
  }
  if (typeof value === "boolean") return BOOLEAN;
  if (typeof value === "string") return VARCHAR;
  if (typeof value === "number" && !Number.isSafeInteger(value)) return DOUBLE;
  return BIGINT;
}

/** Runs `sql` with `params` and returns the rows as objects (BIGINT as bigint). */
export async function queryRows(
  sql: string,
  params: readonly unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const connection = await duckdb();
  const reader = await connection.runAndReadAll(sql, params.map(bindable), params.map(typeOf));
  return reader.getRowObjects() as Record<string, unknown>[];
}
