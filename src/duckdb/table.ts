/**
 * Records as a DuckDB table whose columns are the record's field names, typed from the record
 * kind's field table (timestamps with zone, counts as integers, flags as booleans, lists as
 * text lists, a record-valued field as a struct). Arrays of records that a metric reads in SQL
 * (a ticket's assignments, status changes and messages: tableKinds.ts `isNestedField`) are
 * a LIST of STRUCTs, one per element in the record's order, NULL when the record has none
 * (unknown, not an empty list); any other array of records would be kept as JSON text.
 */
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBListType,
  DuckDBTimestampTZValue,
  type DuckDBType,
  type DuckDBValue,
  LIST,
  listValue,
  STRUCT,
  structValue,
  TIMESTAMPTZ,
  VARCHAR,
} from "@duckdb/node-api";
import type { FieldSpec, RecordsField } from "../schemas/fieldTable.ts";
import { DUCKDB } from "../sql/dialect.ts";
import { absentColumn } from "../sql/expression.ts";
import { fieldsOf, isNestedField, type TableKind } from "../sql/tableKinds.ts";

export { fieldsOf, type TableKind } from "../sql/tableKinds.ts";

/** The DuckDB type of a field. */
export function typeOf(spec: FieldSpec): DuckDBType {
  switch (spec.kind) {
    case "timestamp":
      return TIMESTAMPTZ;
    case "count":
      return BIGINT;
    case "integer":
    case "number":
    case "amount":
      return DOUBLE;
    case "flag":
      return BOOLEAN;
    case "list":
      return LIST(VARCHAR);
    case "record": {
      const entries: Record<string, DuckDBType> = {};
      for (const [name, inner] of Object.entries(spec.of.fields)) entries[name] = typeOf(inner);
      return STRUCT(entries);
    }
    default:
      // Identifiers, labels, enums, and arrays of records as JSON text.
      return VARCHAR;
  }
}

/**
 * The DuckDB type of a nested array of records (see {@link isNestedField}): a LIST of STRUCTs
 * whose members are typed as fields are.
 */
function nestedTypeOf(spec: RecordsField): DuckDBListType {
  const members: Record<string, DuckDBType> = {};
  for (const [name, inner] of Object.entries(spec.of.fields)) members[name] = typeOf(inner);
  return LIST(STRUCT(members));
}

/** The DuckDB value of a member of a nested record, or NULL. */
function memberValue(spec: FieldSpec, value: unknown): DuckDBValue {
  if (value === null || value === undefined) return null;
  switch (spec.kind) {
    case "timestamp":
      return new DuckDBTimestampTZValue(BigInt((value as Date).getTime()) * 1000n);
    case "count":
      return BigInt(value as number);
    case "integer":
    case "number":
    case "flag":
      return value as number | boolean;
    default:
      return String(value);
  }
}

/** Appends a nested array of records (one STRUCT per element), or NULL. */
function appendNested(appender: DuckDBAppender, spec: RecordsField, value: unknown): void {
  if (value === null || value === undefined) {
    appender.appendNull();
    return;
  }
  const members = Object.entries(spec.of.fields);
  const items = (value as readonly Record<string, unknown>[]).map((item) =>
    structValue(
      Object.fromEntries(members.map(([name, inner]) => [name, memberValue(inner, item[name])])),
    ),
  );
  appender.appendList(listValue(items), nestedTypeOf(spec));
}

/**
 * The DuckDB type of field `field` of a table of records of `kind`: a nested column's LIST of
 * STRUCTs (see {@link isNestedField}), else the field's own type.
 *
 * @example
 * [columnTypeOf("tickets", "assignments").toString(), columnTypeOf("tickets", "channel").toString()]
 * //=> ['STRUCT("at" TIMESTAMP WITH TIME ZONE, "assigneeId" VARCHAR)[]', "VARCHAR"]
 * @example
 * columnTypeOf("tickets", "messages").toString()
 * //=> 'STRUCT("at" TIMESTAMP WITH TIME ZONE, "authorRole" VARCHAR, "public" BOOLEAN, "automated" BOOLEAN, "authorId" VARCHAR)[]'
 */
export function columnTypeOf(kind: TableKind, field: string): DuckDBType {
  const spec = fieldsOf(kind)[field] as FieldSpec;
  return isNestedField(kind, field) ? nestedTypeOf(spec as RecordsField) : typeOf(spec);
}

/** Appends one field's value, or NULL. */
function append(appender: DuckDBAppender, spec: FieldSpec, value: unknown): void {
  if (value === null || value === undefined) {
    appender.appendNull();
    return;
  }
  switch (spec.kind) {
    case "timestamp":
      appender.appendTimestampTZ(
        new DuckDBTimestampTZValue(BigInt((value as Date).getTime()) * 1000n),
      );
      return;
    case "count":
      appender.appendBigInt(BigInt(value as number));
      return;
    case "integer":
    case "number":
    case "amount":
      appender.appendDouble(value as number);
      return;
    case "flag":
      appender.appendBoolean(value as boolean);
      return;
    case "list":
      appender.appendList((value as readonly unknown[]).map(String), LIST(VARCHAR));
      return;
    case "record":
      appender.appendStruct(value as Record<string, number>, typeOf(spec) as never);
      return;
    case "records":
      appender.appendVarchar(JSON.stringify(value));
      return;
    default:
      appender.appendVarchar(String(value));
  }
}

/**
 * Creates (or replaces) table `name` of validated records of `kind` and returns its columns:
 * the required fields and every field some record gives (a field left `undefined` by every
 * record, such as a first response with no such column, is not a column: the compiler reads it
 * as not given; nor are arrays of records that every record leaves null).
 *
 * @example
 * import { openDuckDB } from "./index.ts";
 * const tickets = [{ id: "1", createdAt: new Date("2024-03-01T09:00:00Z"), channel: "email" }];
 * (async () => {
 *   const connection = await openDuckDB();
 *   const columns = await createRecordTable(connection, "tickets", "tickets", tickets);
 *   connection.closeSync();
 *   return columns;
 * })()
 * //=> ["id", "createdAt", "channel"]
 */
export async function createRecordTable(
  connection: DuckDBConnection,
  name: string,
  kind: TableKind,
  records: readonly object[],
): Promise<string[]> {
  const fields = fieldsOf(kind);
  const columns = Object.keys(fields).filter(
    (field) =>
      fields[field]?.absent === "required" ||
      records.some((record) => {
        const value = (record as Record<string, unknown>)[field];
        // Arrays of records count only where given: null messages are no messages column.
        return fields[field]?.kind === "records"
          ? value !== undefined && value !== null
          : value !== undefined;
      }),
  );
  // A field left out by some records and given by others (a first response only some rows
  // of a JSON file have): a flag column keeps "not given" apart from null.
  const flags = columns.filter(
    (field) =>
      fields[field]?.absent === "undefined" &&
      records.some((record) => (record as Record<string, unknown>)[field] === undefined),
  );
  const nested = new Set(columns.filter((field) => isNestedField(kind, field)));
  const list = [
    ...columns.map((field) => `${DUCKDB.quote(field)} ${columnTypeOf(kind, field).toString()}`),
    ...flags.map((field) => `${DUCKDB.quote(absentColumn(field))} BOOLEAN`),
  ].join(", ");
  await connection.run(`CREATE OR REPLACE TABLE ${DUCKDB.quote(name)} (${list})`);
  const appender = await connection.createAppender(name);
  for (const record of records) {
    for (const field of columns) {
      const value = (record as Record<string, unknown>)[field];
      if (nested.has(field)) appendNested(appender, fields[field] as RecordsField, value);
      else append(appender, fields[field] as FieldSpec, value);
    }
    for (const field of flags)
      appender.appendBoolean((record as Record<string, unknown>)[field] === undefined);
    appender.endRow();
  }
  appender.closeSync();
  return [...columns, ...flags.map(absentColumn)];
}
