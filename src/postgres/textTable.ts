/**
 * A PostgreSQL table of raw text cells (an export loaded as it is, one text column per field)
 * made ready for the compiled report: its rows classified as the readers classify the rows of
 * a CSV file ({@link validatePostgresTable}), and a temporary view of the used rows typed as
 * a table of records is (src/postgres/table.ts), which the compiled rollup reads.
 *
 * A table has no lines: a row's number is its column `line` when the table has one, else its
 * place in the table's physical order (`ctid`) counted as a CSV file's lines are, the first
 * row being line 2 (a header is line 1), so that a table filled by `COPY … FROM` a file (and
 * not updated since) numbers its rows as the file's lines.
 *
 * Everything made here is temporary (the session's own schema): the view of the cells with
 * their line, the classified rows, the view of used records, and for survey responses the
 * composite type of their scale.
 */

import type { FieldSpec } from "../schemas/fieldTable.ts";
import { absentColumn } from "../sql/expression.ts";
import { POSTGRES } from "../sql/postgres.ts";
import { fieldsOf } from "../sql/tableKinds.ts";
import type { SqlRecordKind } from "../sql/validation.ts";
import { postgresValidation } from "../sql/validationPostgres.ts";
import { typeOf } from "./table.ts";
import { type PostgresAccounting, validatePostgresTable } from "./validate.ts";

/** PostgreSQL's type ids of the text types a cell may be held in: text and varchar. */
const TEXT_TYPES = new Set([25, 1043]);

/** A column of a relation as the server describes it (pg's `fields`). */
export interface ColumnType {
  name: string;
  dataTypeID: number;
}

/**
 * Whether a relation of `kind` holds raw text cells: every column named like a field of the
 * kind is text (or varchar), and there is at least one. Names are compared in any case here
 * (an unquoted `createdat` of type timestamptz makes the table typed), so that a typed table
 * whose columns were folded to lower case is not read as text cells missing their fields.
 *
 * @example
 * [isTextTable("tickets", [{ name: "id", dataTypeID: 25 }, { name: "createdAt", dataTypeID: 1043 }, { name: "line", dataTypeID: 23 }]),
 *  isTextTable("tickets", [{ name: "id", dataTypeID: 25 }, { name: "createdat", dataTypeID: 1184 }])]
 * //=> [true, false]
 */
export function isTextTable(kind: SqlRecordKind, columns: readonly ColumnType[]): boolean {
  const fields = new Set(Object.keys(fieldsOf(kind)).map((name) => name.toLowerCase()));
  const held = columns.filter(({ name }) => fields.has(name.toLowerCase()));
  return held.length > 0 && held.every(({ dataTypeID }) => TEXT_TYPES.has(dataTypeID));
}

/** What {@link validateTextTable} reads, and what it names. */
export interface TextTableOptions {
  kind: SqlRecordKind;
  /** The relation of text cells, quoted as the SQL names it (`"raw"`, `"s"."raw"`). */
  relation: string;
  /** Its columns. */
  columns: readonly string[];
  /** The zone of zone-less timestamps; without it they are rejected, as by the readers. */
  timeZone?: string;
  /** The name of the temporary view of used records to create; others start with it. */
  view: string;
}

/** A row left out as a copy of the row with the same id kept at line `kept`. */
export interface TextTableCopy {
  line: number;
  id: string;
  kept: number;
}

/** What {@link validateTextTable} found and made. */
export interface TextTableValidated extends PostgresAccounting {
  /** The first 10,000 copies left out, in line order. */
  copies: TextTableCopy[];
  /** The columns of the view of used records, for the compiler. */
  columns: string[];
  /** Where the rows' numbers come from: the column `line`, or the table's order. */
  numbered: "line" | "ctid";
}

/** The most copies listed (all are counted), as the readers keep. */
const MAX_COPIES = 10_000;

const q = (name: string) => POSTGRES.quote(name);

/**
 * A field of the used records from the classified rows: timestamps (epoch milliseconds
 * there) as timestamptz, a survey's scale as its composite type, the others cast to the
 * column type of a table of records.
 */
function typedField(name: string, spec: FieldSpec, scaleType: string): string {
  if (spec.kind === "timestamp")
    return `TIMESTAMPTZ 'epoch' + CAST(${q(name)} AS bigint) * INTERVAL '1 millisecond'`;
  if (spec.kind === "record") return `ROW("scaleMin", "scaleMax")::${scaleType}`;
  return `CAST(${q(name)} AS ${typeOf(spec, "", name)})`;
}

/**
 * Classifies the rows of a relation of text cells as the readers would and creates the
 * temporary view `view` of the used records, typed as a table of records: every field of the
 * kind (a field the relation has no column for is null, or its absence flag true where
 * leaving it out means something). Returns the readers' accounting, the copies left out and
 * the view's columns. Fields holding JSON (a ticket's `messages`) are refused with a
 * RangeError, as by `validationQuery`.
 *
 * @example
 * // What a server answers: the counts beside the one rejection, then no copies.
 * const answers = [
 *   [], [],
 *   [{ read: "2", valid: "1", rejected: "1", duplicates: "0", line: 3, column: "createdAt", path: "createdAt", code: "invalid_cell", reason: "must be an ISO 8601 timestamp" }],
 *   [], [],
 * ];
 * const client = { query: async () => ({ rows: answers.shift() }) };
 * (async () => {
 *   const read = await validateTextTable(client, {
 *     kind: "tickets", relation: '"raw"', columns: ["id", "createdAt"], view: "records",
 *   });
 *   return [read.valid, read.rejections[0].line, read.numbered, read.columns.includes("firstResponseAt:absent")];
 * })()
 * //=> [1, 3, "ctid", true]
 */
export async function validateTextTable(
  client: Parameters<typeof validatePostgresTable>[0],
  options: TextTableOptions,
): Promise<TextTableValidated> {
  const { kind, view } = options;
  const fields = Object.entries(fieldsOf(kind)).filter(([, spec]) => spec.kind !== "records");
  const present = fields.map(([name]) => name).filter((name) => options.columns.includes(name));
  // Fields of JSON in a cell (a ticket's messages) are named to the validation, which refuses
  // them: the readers would read them, and leaving them out would change the records.
  const json = Object.entries(fieldsOf(kind))
    .filter(([name, spec]) => spec.kind === "records" && options.columns.includes(name))
    .map(([name]) => name);
  const numbered = options.columns.includes("line") ? "line" : "ctid";
  const line =
    numbered === "line"
      ? `CAST(${q("line")} AS bigint)`
      : // A CSV file's lines: the header is line 1.
        "row_number() OVER (ORDER BY ctid) + 1";
  const cells = `${view}:cells`;
  const checked = `${view}:checked`;
  await client.query(
    `CREATE TEMPORARY VIEW ${q(cells)} AS SELECT ${[`${line} AS "line"`, ...present.map(q)].join(", ")} FROM ${options.relation}`,
  );
  const accounting = await validatePostgresTable(client, {
    kind,
    table: cells,
    columns: ["line", ...present, ...json],
    line: "line",
    into: checked,
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  // The last line of each id (within its source, for tickets), rejected rows included: the
  // key the validation finds copies by, the cells trimmed as JavaScript trims them.
  const key = (field: string) => postgresValidation.trim(`coalesce(${q(field)}, '')`);
  const within = kind === "tickets" ? `, ${key("source")}` : "";
  const copies = (
    await client.query(
      `SELECT "line", "id", "kept" FROM (SELECT "line", "outcome", ${key("id")} AS "id", max("line") OVER (PARTITION BY ${key("id")}${within}) AS "kept" FROM ${q(checked)}) AS "c"
WHERE "outcome" = 'duplicate' ORDER BY "line" LIMIT ${MAX_COPIES}`,
    )
  ).rows as Record<string, unknown>[];
  const scaleType = `pg_temp.${q(`${view}:scale`)}`;
  if (kind === "surveyResponses")
    await client.query(
      `CREATE TYPE ${scaleType} AS ("min" double precision, "max" double precision)`,
    );
  // A field whose leaving out means something (a first response) is left out when the
  // relation has no column for it, as the readers leave it out of every record.
  const flags = fields
    .filter(([name, spec]) => spec.absent === "undefined" && !present.includes(name))
    .map(([name]) => name);
  const columns = [...fields.map(([name]) => name), ...flags.map(absentColumn)];
  await client.query(
    `CREATE TEMPORARY VIEW ${q(view)} AS SELECT ${[
      ...fields.map(([name, spec]) => `${typedField(name, spec, scaleType)} AS ${q(name)}`),
      ...flags.map((name) => `TRUE AS ${q(absentColumn(name))}`),
    ].join(", ")} FROM ${q(checked)} WHERE "outcome" = 'used'`,
  );
  return {
    ...accounting,
    copies: copies.map((row) => ({
      line: Number(row.line),
      id: String(row.id),
      kept: Number(row.kept),
    })),
    columns,
    numbered,
  };
}
