/**
 * Records as a PostgreSQL table whose columns are the record's field names, typed from the
 * record kind's field table (timestamptz, bigint counts, double-precision numbers, booleans,
 * text arrays for lists, a composite type for a record-valued field such as a survey's
 * scale). Arrays of records that a metric reads in SQL (a ticket's assignments, status
 * changes and messages: tableKinds.ts `isNestedField`) are jsonb arrays of objects in the
 * record's order, NULL when the record has none (unknown, not an empty array); any other
 * array of records would be kept as JSON text. Rows go in as one JSON
 * parameter per batch, spread into the table's row type by `json_populate_recordset`.
 *
 * jsonb rather than an array of a composite type: it is how such histories already sit in
 * the tables a data team loads from a helpdesk (an export's nested arrays land as jsonb), so
 * the compiler reads their tables as they are; it needs no type created per table; and its
 * elements are read by name (`->>`), as a missing member reads as NULL. Its timestamps are
 * ISO 8601 text, exact to the millisecond, cast where a metric compares them.
 */

import type { FieldSpec } from "../schemas/fieldTable.ts";
import { absentColumn } from "../sql/expression.ts";
import { POSTGRES } from "../sql/postgres.ts";
import { fieldsOf, isNestedField, type TableKind } from "../sql/tableKinds.ts";

/** What the engine needs of a client: `pg`'s `Client` and `Pool` have it. */
export interface PostgresClient {
  query(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[] } | { rows: unknown[] }>;
}

/** The SQL of a table of records: its columns, the composite types they need, its DDL. */
export interface RecordTableSql {
  /** The column names, as the compiler reads them. */
  readonly columns: string[];
  /** `CREATE TYPE` statements for record-valued fields, to run before the table's. */
  readonly types: string[];
  /** The column definitions, as in `CREATE TABLE name (...)`. */
  readonly definition: string;
}

/** The name of the composite type of a record-valued field of table `table`. */
function compositeName(table: string, field: string): string {
  return `${table}:${field}`;
}

/** The PostgreSQL type of a field (`table` names the composite type of a record): the type of its column in a table of records. */
export function typeOf(spec: FieldSpec, table: string, field: string): string {
  switch (spec.kind) {
    case "timestamp":
      return "timestamptz";
    case "count":
      return "bigint";
    case "integer":
    case "number":
    case "amount":
      return "double precision";
    case "flag":
      return "boolean";
    case "list":
      return "text[]";
    case "record":
      return POSTGRES.quote(compositeName(table, field));
    default:
      // Identifiers, labels, enums, and arrays of records as JSON text.
      return "text";
  }
}

/**
 * The PostgreSQL type of the column `field` of a table of `kind` records named `table`: jsonb
 * for a history the compiler reads (tableKinds.ts `isNestedField`), else {@link typeOf}'s. A
 * view that lines up tables of two kinds casts its NULLs to this.
 */
export function columnTypeOf(kind: TableKind, table: string, field: string): string {
  return isNestedField(kind, field)
    ? "jsonb"
    : typeOf(fieldsOf(kind)[field] as FieldSpec, table, field);
}

/**
 * The columns and DDL of table `name` of records of `kind`: every field of the kind, and a
 * flag column `field:absent` for a field that some records leave out (`undefined`, which
 * means something of its own, as a first response no column records). Arrays of records
 * are columns only where some record gives them.
 *
 * A field no record gives is a column of nulls here, not a missing column as in the DuckDB
 * engine: the compiler reads both alike (a field whose leaving out means something gets its
 * flag, true on every row), but writes a missing column as a bare NULL, and PostgreSQL
 * refuses to choose a type for `NULL = $1` or `NULL - NULL`, where DuckDB picks one.
 *
 * @example
 * const tickets = [
 *   { id: "1", createdAt: new Date("2024-03-01T09:00:00Z"), firstResponseAt: null },
 *   { id: "2", createdAt: new Date("2024-03-01T10:00:00Z") },
 * ];
 * recordTableSql("tickets", "tickets", tickets).columns.filter((c) => c.startsWith("first"))
 * //=> ["firstCustomerMessageAt", "firstResponseAt", "firstResolvedAt", "firstResponseAt:absent"]
 * @example
 * const tickets = [{ id: "1", createdAt: new Date("2024-03-01T09:00:00Z") }];
 * recordTableSql("tickets", "tickets", tickets).columns.filter((c) => c.includes("Response"))
 * //=> ["firstResponseAt", "firstResponseAt:absent"]
 * @example
 * const surveys = [{ id: "1", kind: "nps", score: 9 }];
 * recordTableSql("answers", "surveyResponses", surveys).types
 * //=> ['CREATE TYPE "answers:scale" AS ("min" double precision, "max" double precision)']
 */
export function recordTableSql(
  name: string,
  kind: TableKind,
  records: readonly object[],
): RecordTableSql {
  const fields = fieldsOf(kind);
  const given = (record: object, field: string) => (record as Record<string, unknown>)[field];
  const columns = Object.keys(fields).filter(
    (field) =>
      fields[field]?.kind !== "records" ||
      records.some((record) => {
        const value = given(record, field);
        return value !== undefined && value !== null;
      }),
  );
  const flags = columns.filter(
    (field) =>
      fields[field]?.absent === "undefined" &&
      records.some((record) => given(record, field) === undefined),
  );
  const types = columns.flatMap((field) => {
    const spec = fields[field] as FieldSpec;
    if (spec.kind !== "record") return [];
    const members = Object.entries(spec.of.fields)
      .map(([member, inner]) => `${POSTGRES.quote(member)} ${typeOf(inner, name, member)}`)
      .join(", ");
    return [`CREATE TYPE ${POSTGRES.quote(compositeName(name, field))} AS (${members})`];
  });
  const definition = [
    ...columns.map((field) => `${POSTGRES.quote(field)} ${columnTypeOf(kind, name, field)}`),
    ...flags.map((field) => `${POSTGRES.quote(absentColumn(field))} boolean`),
  ].join(", ");
  return { columns: [...columns, ...flags.map(absentColumn)], types, definition };
}

/** Records per INSERT statement: one JSON parameter each. */
const BATCH = 5000;

/**
 * Inserts records of `kind` into table `name` made by {@link recordTableSql} with `columns`,
 * in batches of one JSON parameter each (a partitioned table routes each row to its shard).
 *
 * @example
 * const sent = [];
 * const client = { query: async (text, values) => { sent.push([text, values]); return { rows: [] }; } };
 * const tickets = [{ id: "1", createdAt: new Date("2024-03-01T09:00:00Z"), tags: ["vip"] }];
 * (async () => {
 *   await insertRecords(client, "tickets", "tickets", ["id", "createdAt", "tags"], tickets);
 *   return sent;
 * })()
 * //=> [['INSERT INTO "tickets" SELECT * FROM json_populate_recordset(NULL::"tickets", $1)', ['[{"id":"1","createdAt":"2024-03-01T09:00:00.000Z","tags":["vip"]}]']]]
 */
export async function insertRecords(
  client: PostgresClient,
  name: string,
  kind: TableKind,
  columns: readonly string[],
  records: readonly object[],
): Promise<void> {
  const fields = fieldsOf(kind);
  const table = POSTGRES.quote(name);
  const sql = `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1)`;
  const flagged = new Set(
    columns.filter((column) => column.endsWith(":absent")).map((c) => c.slice(0, -7)),
  );
  for (let from = 0; from < records.length; from += BATCH) {
    const rows = records.slice(from, from + BATCH).map((record) => {
      const row: Record<string, unknown> = {};
      for (const column of columns) {
        if (column.endsWith(":absent")) continue;
        const value = (record as Record<string, unknown>)[column];
        if (value === undefined || value === null) row[column] = null;
        // A nested column's array goes in as JSON (jsonb); other arrays of records as text.
        else if (isNestedField(kind, column)) row[column] = value;
        else if (fields[column]?.kind === "records") row[column] = JSON.stringify(value);
        else row[column] = value;
      }
      for (const field of flagged)
        row[absentColumn(field)] = (record as Record<string, unknown>)[field] === undefined;
      return row;
    });
    await client.query(sql, [JSON.stringify(rows)]);
  }
}

/**
 * Creates (or replaces) table `name` of validated records of `kind` on one server, fills it,
 * and returns its columns (as {@link recordTableSql} chooses them).
 *
 * @example
 * const sent = [];
 * const client = { query: async (text) => { sent.push(text); return { rows: [] }; } };
 * const tickets = [{ id: "1", createdAt: new Date("2024-03-01T09:00:00Z"), channel: "email" }];
 * (async () => {
 *   const columns = await createRecordTable(client, "tickets", "tickets", tickets);
 *   return [columns.slice(0, 3), columns.includes("firstResponseAt:absent"), sent.length];
 * })()
 * //=> [["id", "createdAt", "channel"], true, 3]
 */
export async function createRecordTable(
  client: PostgresClient,
  name: string,
  kind: TableKind,
  records: readonly object[],
): Promise<string[]> {
  const table = recordTableSql(name, kind, records);
  // The table first: it depends on its composite types.
  await client.query(`DROP TABLE IF EXISTS ${POSTGRES.quote(name)}`);
  for (const statement of table.types) {
    const type = statement.slice("CREATE TYPE ".length, statement.indexOf(" AS ("));
    await client.query(`DROP TYPE IF EXISTS ${type}`);
    await client.query(statement);
  }
  await client.query(`CREATE TABLE ${POSTGRES.quote(name)} (${table.definition})`);
  await insertRecords(client, name, kind, table.columns, records);
  return table.columns;
}
