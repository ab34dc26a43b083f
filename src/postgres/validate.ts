/**
 * The readers' accounting of a PostgreSQL table of raw text cells (an export loaded as text,
 * one column per field, named like the fields, and a column giving each row's line): which
 * rows the readers would reject and why, which are copies of a later row, how many are
 * valid. The classification is src/sql/validation.ts's query in PostgreSQL's words
 * (src/sql/validationPostgres.ts); its header lists what is exact and what is not.
 */

import { type BusinessDialect, quoteIdentifier } from "../sql/businessDialect.ts";
import { POSTGRES } from "../sql/postgres.ts";
import {
  type SqlRecordKind,
  validationCountsQuery,
  validationQuery,
  validationRejectionsQuery,
} from "../sql/validation.ts";
import { postgresValidation } from "../sql/validationPostgres.ts";
import { queryChecked } from "./failure.ts";
import type { PostgresClient } from "./table.ts";

/** What {@link validatePostgresTable} reads, and how. */
export interface PostgresValidationOptions {
  /** The record kind of the rows. */
  kind: SqlRecordKind;
  /** The table (or view) of text cells; one name, quoted as given. */
  table: string;
  /** Its columns; the fields are read from the columns named like them, others ignored. */
  columns: readonly string[];
  /** The column holding each row's line (a number); of two copies the later line is kept. */
  line: string;
  /** The zone of zone-less timestamps; without it they are rejected, as by the readers. */
  timeZone?: string;
  /** Read `"1,5"` as 1.5. */
  decimalComma?: boolean;
  /** Local years `[from, to)` zone-less timestamps may fall in; `[1970, 2070)` by default. */
  zoneYears?: readonly [number, number];
  /**
   * A temporary table to create with the classified rows (the validation query's columns:
   * `line`, `outcome`, the first problem, the typed fields), for a query over the used rows
   * afterwards (src/postgres/textTable.ts); without it nothing is kept.
   */
  into?: string;
}

/** A rejected row: its line and first problem, in the readers' words. */
export interface PostgresRejection {
  line: number;
  /** The column (field) of the problem. */
  column: string;
  /** Its path: the field, or a list item as `tags[2]`. */
  path: string;
  /** The code (`invalid_cell` for a cell that could not be read). */
  code: string;
  reason: string;
}

/** The readers' summary of the rows: the same counts `readRecords` gives for the file. */
export interface PostgresAccounting {
  read: number;
  valid: number;
  rejected: number;
  duplicates: number;
  /** Every rejected row, in line order. */
  rejections: PostgresRejection[];
}

/**
 * Classifies every row of a table of text cells as the library's readers classify the rows
 * of a CSV file: the counts read, valid, rejected and duplicates (copies of an id kept at a
 * later line), and each rejection with its line, field and reason, in one query. Fields read
 * from JSON in a cell (a ticket's `messages`) are refused, as by `validationQuery`. A
 * zone-less time outside `zoneYears` fails with a RangeError rather than guess its offset.
 *
 * On a large table, turn PostgreSQL's JIT compilation off for the session first (`SET jit =
 * off`): the query's expressions are long, and compiling them takes longer than running them
 * (100,000 rows: about 24 s without JIT, 50 s and more with it, on a busy two-CPU machine).
 *
 * @example
 * // What a server answers: one row per rejection, each beside the counts (bigint as text).
 * const client = {
 *   query: async () => ({
 *     rows: [{ read: "3", valid: "1", rejected: "1", duplicates: "1", line: 3, column: "createdAt",
 *       path: "createdAt", code: "invalid_cell", reason: 'must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got "soon"' }],
 *   }),
 * };
 * (async () => {
 *   const accounting = await validatePostgresTable(client, {
 *     kind: "tickets", table: "raw_tickets", columns: ["line", "id", "createdAt"], line: "line",
 *   });
 *   return [accounting.valid, accounting.duplicates, accounting.rejections[0].line];
 * })()
 * //=> [1, 1, 3]
 */
export async function validatePostgresTable(
  client: PostgresClient,
  options: PostgresValidationOptions,
): Promise<PostgresAccounting> {
  const { sql, params } = validationQuery(
    {
      kind: options.kind,
      source: options.table,
      columns: options.columns.filter((column) => column !== options.line),
      line: options.line,
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
      ...(options.decimalComma === undefined ? {} : { decimalComma: options.decimalComma }),
      ...(options.zoneYears === undefined ? {} : { zoneYears: options.zoneYears }),
    },
    postgresValidation,
    POSTGRES as BusinessDialect,
  );
  // Classified once (kept in a table when asked); the counts sit beside every rejection (or
  // alone, on a row of nulls).
  const checked = options.into ?? "checked";
  const summary = `"counts" AS (${validationCountsQuery(checked)})
SELECT "c"."read", "c"."valid", "c"."rejected", "c"."duplicates", "r"."line", "r"."column", "r"."path", "r"."code", "r"."reason"
FROM "counts" AS "c" LEFT JOIN (${validationRejectionsQuery(checked)}) AS "r" ON TRUE
ORDER BY "r"."line"`;
  const into = options.into;
  const result = await queryChecked(async () => {
    if (into === undefined)
      return client.query(`WITH "checked" AS MATERIALIZED (${sql}),\n${summary}`, params);
    await client.query(`CREATE TEMPORARY TABLE ${quoteIdentifier(into)} AS ${sql}`, params);
    return client.query(`WITH ${summary}`);
  });
  const rows = result.rows as Record<string, unknown>[];
  const first = rows[0] ?? {};
  return {
    read: Number(first.read ?? 0),
    valid: Number(first.valid ?? 0),
    rejected: Number(first.rejected ?? 0),
    duplicates: Number(first.duplicates ?? 0),
    rejections: rows
      .filter((row) => row.line !== null && row.line !== undefined)
      .map((row) => ({
        line: Number(row.line),
        column: String(row.column),
        path: String(row.path),
        code: String(row.code),
        reason: String(row.reason),
      })),
  };
}
