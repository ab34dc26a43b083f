/**
 * A CSV file read by DuckDB itself and validated in SQL, for the CLI's `report --engine
 * duckdb`: DuckDB parses the file with every column as text, each row is classified as the
 * readers (src/node/readRecords.ts) classify it (rejected with its first problem, left out as
 * a copy of a record kept at a later line, or used), and the used rows become a view typed as
 * the compiler reads a relation of records (src/duckdb/table.ts `createRecordTable`), so that
 * no record crosses into JavaScript. A row's line is its number in the table DuckDB fills from
 * the scan (in file order: DuckDB preserves insertion order) plus the header's line.
 *
 * Two tiers, one outcome. The validation query of src/sql/validation.ts is exact for every
 * cell the readers accept or refuse, but it is written for every grammar (ISO 8601 in full,
 * zone-less times, lists, numbers in every notation) and took 54 s over a million rows on the
 * benchmark's machine (bench/README.md, duckdb.bench.ts). Most cells of an export are plain:
 * `2024-03-01T09:30:00Z`, `42`, `true`, a status spelled as the enum spells it. So a row whose every cell is plain, in a form this file
 * checks with one pattern and reads with one cast (where the readers read the same text to
 * the same value), and whose timestamps keep the readers' order rules, is used straight away;
 * every other row (the ones with something to refuse or to read with care) goes through the
 * validation query, which gives its outcome and its reason. A plain cell is never decided
 * differently from the readers: a form is plain only when both read it the same way, and a
 * doubtful one is left to the exact query.
 *
 * Copies (the readers' default `--duplicates last`) are found over all rows, rejected ones
 * too, by the id cell trimmed (within its `source` label for tickets), as the readers note
 * every row's id before keeping the last copy.
 *
 * The caller decides whether the file is one this reads exactly (src/cli/engineNative.ts: a
 * header of plain field names, one row per line); what DuckDB cannot read (bytes that are not
 * UTF-8, a row with a wrong number of cells) is an error here, for the caller to fall back on
 * the library's readers.
 *
 * Long (about 410 lines): the plain tier's patterns and casts sit beside the accounting that
 * merges both tiers, so that what counts as plain is read with what it must agree with.
 */
import { BIGINT, type DuckDBConnection, LIST, listValue } from "@duckdb/node-api";
import type { FieldSpec } from "../schemas/fieldTable.ts";
import { DEFAULT_SCALES } from "../schemas/survey.ts";
import { quoteIdentifier as q } from "../sql/businessDialect.ts";
import { type SqlRecordKind, validationQuery } from "../sql/validation.ts";
import { jsTrim, sqlText } from "../sql/validationText.ts";
import { fieldsOf, typeOf } from "./table.ts";

/** Options of {@link readCsvValidated}. */
export interface CsvReadOptions {
  /** The CSV file: comma-separated, `"` quotes, a header row. */
  path: string;
  /**
   * The header's names when the caller has read them: DuckDB then skips its first line and
   * does not sniff the file (a file with another number of cells per row is an error).
   */
  header?: readonly string[];
  kind: SqlRecordKind;
  /** The zone of zone-less timestamps; without it they are rejected, as by the readers. */
  timeZone?: string;
  /** The name of the view of used records to create. */
  table: string;
  /**
   * The fields whose values the caller reads (the columns its query names): the others are
   * checked as every field is, but not kept (null in the view). Every field by default.
   */
  keep?: ReadonlySet<string>;
  /** The most rejections and copies listed (all are counted); the readers keep 10 000. */
  maxListed?: number;
}

/** A rejected row: its line and first problem, as the SQL validation gives them. */
export interface SqlRowRejection {
  line: number;
  column: string;
  path: string;
  code: string;
  reason: string;
}

/** A row left out as a copy of the record kept at line `kept` (the last with its id). */
export interface SqlRowCopy {
  line: number;
  id: string;
  kept: number;
}

/** What {@link readCsvValidated} found and made. */
export interface CsvValidated {
  /** The file's header, as DuckDB read it. */
  header: string[];
  /** The table's columns, for the compiler: the fields the records have. */
  columns: string[];
  counts: { read: number; valid: number; rejected: number; duplicates: number };
  /** Rows that needed the exact validation query (not plain), rejected ones included. */
  checked: number;
  /** The first `maxListed` rejections, in file order. */
  rejections: SqlRowRejection[];
  /** The first `maxListed` copies left out, in file order. */
  copies: SqlRowCopy[];
}

/** An ISO 8601 UTC instant as exports write it: both readers take it to the same instant. */
const PLAIN_INSTANT = "[12]\\d{3}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,3})?Z";
/** A whole number that is a safe integer without leading zeros. */
const PLAIN_WHOLE = "0|[1-9]\\d{0,14}";
/** A non-negative decimal with a point, as `Number` and DuckDB's DOUBLE read it alike. */
const PLAIN_DECIMAL = "(0|[1-9]\\d{0,14})(\\.\\d{1,15})?";
/** The longest text cell the readers take (MAX_TEXT), counted safely in bytes. */
const MAX_TEXT_BYTES = 1024;

const TRUE_WORDS = ["true", "1", "yes", "y", "TRUE", "True", "YES", "Yes", "Y"];
const FALSE_WORDS = ["false", "0", "no", "n", "FALSE", "False", "NO", "No", "N"];
const words = (list: readonly string[]) => list.map(sqlText).join(", ");

/** A field read the plain way: its value, and whether the cell is plain given that value. */
interface PlainField {
  value: string;
  ok(value: string): string;
}

/**
 * A field read the plain way from its cell. An empty cell (or no column) is the field's absent
 * value; a required field left empty is not plain.
 */
function plainField(spec: FieldSpec, cell: string | null): PlainField {
  const type = typeOf(spec).toString();
  const absent = (): { ok: string; value: string } => {
    if (spec.absent === "required") return { ok: "FALSE", value: `CAST(NULL AS ${type})` };
    if (Array.isArray(spec.absent)) return { ok: "TRUE", value: `CAST([] AS ${type})` };
    if (typeof spec.absent === "boolean" || typeof spec.absent === "number")
      return { ok: "TRUE", value: `CAST(${spec.absent} AS ${type})` };
    return { ok: "TRUE", value: `CAST(NULL AS ${type})` };
  };
  const none = absent();
  if (cell === null) return { value: none.value, ok: () => none.ok };
  const c = `nullif(${cell}, '')`;
  // The value is computed once, in the query's inner step; `ok` reads it as `v`.
  const given = (value: string, ok: (v: string) => string): PlainField => ({
    value: `CASE WHEN ${c} IS NULL THEN ${none.value} ELSE ${value} END`,
    ok: (v) => `CASE WHEN ${c} IS NULL THEN ${none.ok} ELSE coalesce(${ok(v)}, FALSE) END`,
  });
  const full = (pattern: string) => `regexp_full_match(${c}, ${sqlText(pattern)})`;
  const printableEnds = `ascii(${c}) BETWEEN 33 AND 126 AND ascii(right(${c}, 1)) BETWEEN 33 AND 126`;
  switch (spec.kind) {
    case "identifier":
      return given(c, () => `strlen(${c}) <= ${MAX_TEXT_BYTES}`);
    case "label":
      // Trimmed as it is: a printable ASCII character at each end (no pattern: cheaper).
      return given(c, () => `strlen(${c}) <= ${MAX_TEXT_BYTES} AND ${printableEnds}`);
    case "enum":
      return given(c, () => `${c} IN (${words(spec.values)})`);
    case "timestamp":
      return given(
        `TRY_CAST(${c} AS TIMESTAMPTZ)`,
        (v) => `${v} IS NOT NULL AND ${full(PLAIN_INSTANT)}`,
      );
    case "count":
      return given(`TRY_CAST(${c} AS BIGINT)`, (v) => `${v} IS NOT NULL AND ${full(PLAIN_WHOLE)}`);
    case "number":
      return given(
        `TRY_CAST(${c} AS DOUBLE)`,
        (v) => `${v} IS NOT NULL AND ${full(PLAIN_DECIMAL)}`,
      );
    case "flag":
      return given(
        `${c} IN (${words(TRUE_WORDS)})`,
        () => `${c} IN (${words([...TRUE_WORDS, ...FALSE_WORDS])})`,
      );
    default:
      // Lists, integers (a scale's ends) and records: always read by the exact query.
      return { value: `CAST(NULL AS ${type})`, ok: () => "FALSE" };
  }
}

/** The readers' derived fields and cross-field rules of a plain row (src/sql/validation.ts). */
function plainRules(kind: SqlRecordKind): { derived: Record<string, string>; holds: string } {
  if (kind === "tickets") {
    const first = `coalesce("firstResolvedAt", "lastResolvedAt", "closedAt")`;
    const last = `coalesce("lastResolvedAt", ${first})`;
    const notBefore = (a: string, b: string) => `NOT coalesce(${a} < ${b}, FALSE)`;
    return {
      derived: {
        firstResolvedAt: first,
        lastResolvedAt: last,
        status: `coalesce("status", CASE WHEN "closedAt" IS NOT NULL THEN 'closed' WHEN ${last} IS NOT NULL THEN 'solved' ELSE 'open' END)`,
      },
      holds: [
        notBefore(`"firstCustomerMessageAt"`, `"createdAt"`),
        notBefore(`"firstResponseAt"`, `"createdAt"`),
        notBefore(first, `"createdAt"`),
        notBefore(`"closedAt"`, `"createdAt"`),
        notBefore(last, first),
      ].join(" AND "),
    };
  }
  const end = (which: "min" | "max") =>
    `CASE "kind" ${Object.entries(DEFAULT_SCALES)
      .map(([name, scale]) => `WHEN ${sqlText(name)} THEN ${scale[which]}`)
      .join(" ")} END`;
  return {
    derived: {
      scale: `{'min': CAST(${end("min")} AS DOUBLE), 'max': CAST(${end("max")} AS DOUBLE)}`,
    },
    holds: [
      `("score" IS NULL OR ("score" >= ${end("min")} AND "score" <= ${end("max")} AND "respondedAt" IS NOT NULL))`,
      `("sentAt" IS NOT NULL OR "respondedAt" IS NOT NULL)`,
      `NOT coalesce("respondedAt" < "sentAt", FALSE)`,
    ].join(" AND "),
  };
}

/**
 * The columns a table of the same records would have (`createRecordTable`): a field the
 * readers leave `undefined` when its column is missing (a first response) is no column then;
 * arrays of records (never in such a file) are none.
 */
function recordColumns(kind: SqlRecordKind, header: ReadonlySet<string>): [string, FieldSpec][] {
  return Object.entries(fieldsOf(kind)).filter(
    ([name, spec]) =>
      spec.kind !== "records" && !(spec.absent === "undefined" && !header.has(name)),
  );
}

/** A field as the table holds it, from the validation query's typed output. */
function fromChecked(kind: SqlRecordKind, name: string, spec: FieldSpec): string {
  if (kind === "surveyResponses" && name === "scale")
    return `{'min': CAST("scaleMin" AS DOUBLE), 'max': CAST("scaleMax" AS DOUBLE)}`;
  if (spec.kind === "timestamp") return `make_timestamptz(CAST(${q(name)} AS BIGINT) * 1000)`;
  return `CAST(${q(name)} AS ${typeOf(spec).toString()})`;
}

const count = (value: unknown) => Number(value);

/**
 * Reads a CSV file into DuckDB, classifies every row as the readers do, and creates the
 * view `table` of the used records; returns the accounting. The view reads temporary tables
 * named after it (`<table>_rows`, `<table>_checked`, `<table>_outcomes`).
 *
 * @example
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { openDuckDB } from "./index.ts";
 * const path = join(mkdtempSync(join(tmpdir(), "read-")), "t.csv");
 * writeFileSync(path, "id,createdAt\n1,2024-03-01T09:00:00Z\n2,yesterday\n1,2024-03-02T09:00:00Z\n");
 * (async () => {
 *   const connection = await openDuckDB();
 *   const read = await readCsvValidated(connection, { path, kind: "tickets", table: "t" });
 *   connection.closeSync();
 *   return [read.counts, read.rejections[0].line, read.copies];
 * })()
 * //=> [{ read: 3, valid: 1, rejected: 1, duplicates: 1 }, 3, [{ line: 2, id: "1", kept: 4 }]]
 */
export async function readCsvValidated(
  connection: DuckDBConnection,
  options: CsvReadOptions,
): Promise<CsvValidated> {
  const { kind } = options;
  const name = (suffix: string) => `${options.table}_${suffix}`;
  const limit = options.maxListed ?? 10_000;
  const dialect = `header = true, delim = ',', quote = '"', escape = '"'`;
  const given = options.header;
  const csv =
    given === undefined
      ? `read_csv(${sqlText(options.path)}, all_varchar = true, ${dialect})`
      : `read_csv(${sqlText(options.path)}, columns = {${given.map((name) => `${sqlText(name)}: 'VARCHAR'`).join(", ")}}, auto_detect = false, ${dialect})`;
  // A table created from a scan keeps the file's order (DuckDB preserves insertion order):
  // a row's rowid is its number, and its line that number after the header, exact when
  // every row is one line. No window over the scan, no copy of the text cells.
  const header =
    given === undefined
      ? (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${csv}`))
          .getRowObjectsJS()
          .map((row) => String(row.column_name))
      : [...given];
  const present = new Set(header);
  const columns = recordColumns(kind, present);
  const cellOf = (field: string) => (present.has(field) ? `"r".${q(field)}` : null);
  const fields = Object.entries(fieldsOf(kind)).filter(([, spec]) => spec.kind !== "records");
  const plain = fields.map(([field, spec]) => [field, plainField(spec, cellOf(field))] as const);
  const rules = plainRules(kind);
  const idCell = cellOf("id") ?? "NULL";
  const sourceCell = kind === "tickets" ? cellOf("source") : null;
  // The id cell trimmed as JavaScript trims: a cell with a printable ASCII character at each
  // end is its own key, without the cost of the pattern.
  const trimmed = (cell: string) =>
    `CASE WHEN ascii(${cell}) BETWEEN 33 AND 126 AND ascii(right(${cell}, 1)) BETWEEN 33 AND 126 THEN ${cell} ELSE ${jsTrim(cell)} END`;
  const key = (cell: string) => `nullif(${trimmed(`coalesce(${cell}, '')`)}, '')`;
  const rowsTable = q(name("rows"));
  const line = `("rowid" + 2)`;

  // 1. Every row: its key, its values read the plain way (the derived ones too), and whether
  // it is plain. Values first, then the checks that read them, then the rules.
  const v = (field: string) => q(`v:${field}`);
  const stored = plain.map(([field]) => field).filter((field) => options.keep?.has(field) ?? true);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${rowsTable} AS
SELECT ${stored.map((field) => `${rules.derived[field] ?? q(field)} AS ${q(field)}`).join(", ")}, "id_key", "source_key",
  ${plain.map(([field]) => q(`ok:${field}`)).join(" AND ")} AND ${rules.holds} AS "plain"
FROM (SELECT "id_key", "source_key",
  ${plain.map(([field, sql]) => `${v(field)} AS ${q(field)}, ${sql.ok(v(field))} AS ${q(`ok:${field}`)}`).join(",\n  ")}
FROM (SELECT "r".*, ${key(idCell)} AS "id_key", ${sourceCell === null ? "''" : trimmed(`coalesce(${sourceCell}, '')`)} AS "source_key",
  ${plain.map(([field, sql]) => `${sql.value} AS ${v(field)}`).join(",\n  ")}
FROM ${csv} AS "r") AS "r")`,
  );
  const [{ slow } = { slow: 0 }] = (
    await connection.runAndReadAll(`SELECT count(*) AS "slow" FROM ${rowsTable} WHERE NOT "plain"`)
  ).getRowObjectsJS();

  // 2. The other rows through the exact validation query (the file read again for their cells).
  const checked = q(name("checked"));
  if (count(slow) > 0) {
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE ${q(name("cells"))} AS SELECT * FROM ${csv}`,
    );
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE ${q(name("raw"))} AS SELECT ${line} AS "line", * FROM ${q(name("cells"))} WHERE "rowid" IN (SELECT "rowid" FROM ${rowsTable} WHERE NOT "plain")`,
    );
    await connection.run(`DROP TABLE ${q(name("cells"))}`);
    const { sql, params } = validationQuery({
      kind,
      source: name("raw"),
      columns: header,
      line: "line",
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    });
    // The zone's pieces (lists of whole numbers), bound as BIGINT lists.
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE ${checked} AS ${sql}`,
      params.map((list) => listValue((list as number[]).map(BigInt))),
      params.map(() => LIST(BIGINT)),
    );
    await connection.run(`DROP TABLE ${q(name("raw"))}`);
  } else {
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE ${checked} AS SELECT 0 AS "line", '' AS "outcome", '' AS "column", '' AS "path", '' AS "code", '' AS "reason" WHERE FALSE`,
    );
  }

  // 3. Copies: the ids seen more than once, and the last line of each.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${q(name("last"))} AS SELECT "id_key", "source_key", max(${line}) AS "kept"
FROM ${rowsTable} WHERE "id_key" IS NOT NULL GROUP BY ALL HAVING count(*) > 1`,
  );
  const outcome = `CASE WHEN "c"."outcome" = 'rejected' THEN 'rejected' WHEN "l"."kept" IS NOT NULL AND "l"."kept" <> "r"."line" THEN 'duplicate' ELSE 'used' END`;
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${q(name("outcomes"))} AS
SELECT "r"."line", "r"."id_key", "l"."kept", ${outcome} AS "outcome"
FROM (SELECT ${line} AS "line", "id_key", "source_key", "plain" FROM ${rowsTable}) AS "r"
LEFT JOIN ${q(name("last"))} AS "l" ON "l"."id_key" = "r"."id_key" AND "l"."source_key" = "r"."source_key"
LEFT JOIN ${checked} AS "c" ON NOT "r"."plain" AND "c"."line" = "r"."line"
WHERE "l"."kept" IS NOT NULL OR NOT "r"."plain"`,
  );

  // 4. The used records: plain rows as read, the others as the query typed them (a view: the
  // records are not copied again).
  const others = count(slow) > 0;
  const [{ left } = { left: 0 }] = (
    await connection.runAndReadAll(
      `SELECT count(*) AS "left" FROM ${q(name("outcomes"))} WHERE "outcome" <> 'used'`,
    )
  ).getRowObjectsJS();
  await connection.run(
    `CREATE OR REPLACE TEMP VIEW ${q(options.table)} AS
SELECT ${columns.map(([field, spec]) => (stored.includes(field) ? q(field) : `CAST(NULL AS ${typeOf(spec).toString()}) AS ${q(field)}`)).join(", ")}
FROM ${rowsTable} WHERE "plain"${count(left) > 0 ? ` AND ${line} NOT IN (SELECT "line" FROM ${q(name("outcomes"))} WHERE "outcome" <> 'used')` : ""}
${
  others
    ? `UNION ALL SELECT ${columns.map(([field, spec]) => `${fromChecked(kind, field, spec)} AS ${q(field)}`).join(", ")}
FROM ${checked} WHERE "line" IN (SELECT "line" FROM ${q(name("outcomes"))} WHERE "outcome" = 'used')`
    : ""
}`,
  );

  const [counts] = (
    await connection.runAndReadAll(
      `SELECT (SELECT count(*) FROM ${rowsTable}) AS "read",
  count(*) FILTER (WHERE "outcome" = 'rejected') AS "rejected",
  count(*) FILTER (WHERE "outcome" = 'duplicate') AS "duplicates"
FROM ${q(name("outcomes"))}`,
    )
  ).getRowObjectsJS();
  const read = count(counts?.read);
  const rejected = count(counts?.rejected);
  const duplicates = count(counts?.duplicates);
  const rejections = (
    await connection.runAndReadAll(
      `SELECT "line", "column", "path", "code", "reason" FROM ${checked} WHERE "outcome" = 'rejected' ORDER BY "line" LIMIT ${limit}`,
    )
  )
    .getRowObjectsJS()
    .map((row) => ({
      line: count(row.line),
      column: String(row.column),
      path: String(row.path),
      code: String(row.code),
      reason: String(row.reason),
    }));
  const copies = (
    await connection.runAndReadAll(
      `SELECT "line", "id_key" AS "id", "kept" FROM ${q(name("outcomes"))} WHERE "outcome" = 'duplicate' ORDER BY "line" LIMIT ${limit}`,
    )
  )
    .getRowObjectsJS()
    .map((row) => ({ line: count(row.line), id: String(row.id), kept: count(row.kept) }));
  await connection.run(`DROP TABLE ${q(name("last"))}`);
  return {
    header,
    columns: columns.map(([field]) => field),
    counts: { read, valid: read - rejected - duplicates, rejected, duplicates },
    checked: count(slow),
    rejections,
    copies,
  };
}
