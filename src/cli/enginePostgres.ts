/**
 * `report --engine postgres --db <connection string> --table <name>`: the report over data
 * already in PostgreSQL. No file is read: the metrics are compiled in the PostgreSQL dialect
 * and run as one query on the table (or view) whose columns are the record's field names; the
 * columns are read from the server first, so a column the table lacks is "no data" for the
 * metrics that read it, as the compiler reads a missing field everywhere.
 *
 * A table whose field columns are all text (an export loaded as it is) is validated first,
 * row by row as the readers validate a CSV file's rows (src/postgres/textTable.ts: a row's
 * number is its column `line`, else its place in the table counted from line 2), and the
 * report runs over the used rows; the summary, the rejections, the copies, `--strict` and the
 * exit codes are those `--engine js` gives for the same rows in a CSV file, the table's name
 * in the file's place.
 *
 * A typed table is not validated: its rows read, valid and rejected are not counted. The
 * report says so where the file engines print their accounting (stderr, and `summary` in
 * JSON, whose counts are `null`); the metrics' exclusions, summed from the rows, are kept.
 *
 * Long (about 540 lines): the typed and the text table share the connection, the compiled
 * query and the rendering, and a second file would split one command's run in two.
 *
 * `pg` is an optional peer, loaded only here. The connection string comes from `--db`, else
 * SUPPORT_METRICS_DB, else pg's own PGHOST/PGDATABASE family (PGPASSWORD is read in every
 * case when the string has no password), so a password need never be on the command line;
 * no message ever shows one.
 */
import { withChange } from "../aggregate/change.ts";
import { requiredOptions, resolveMetric } from "../metrics/define.ts";
import type { ReadSummary, RowRejection } from "../node/readRecords.ts";
import { describeReadReport, type ReadReport, readReport } from "../node/report.ts";
import type { PostgresClient } from "../postgres/table.ts";
import {
  type ColumnType,
  isTextTable,
  type TextTableValidated,
  validateTextTable,
} from "../postgres/textTable.ts";
import type { DuplicateCopy } from "../schemas/duplicates.ts";
import { compileBusinessRange, compileRollup } from "../sql/compile.ts";
import { POSTGRES } from "../sql/postgres.ts";
import { kindColumns, refusing, rollupOptions, tableKindOf, withRelation } from "./compiledPlan.ts";
import { engineOf } from "./engine.ts";
import type { CliIO } from "./io.ts";
import { planReport, type ReportOptions, type ReportPlan } from "./plan.ts";
import { type RunMeta, render } from "./render.ts";
import { metricsWithoutColumns } from "./sourceColumns.ts";
import { nothingValid, printSummaries, refusedUnderStrict } from "./summaries.ts";

/** How to see every rejection and copy of a table: `--strict` lists them all. */
const LIST_ALL = () => "run again with --strict";

import { DataError, UsageError } from "./usage.ts";

/** Where a report's records come from. */
export type ReportSource = "files" | "postgres" | "print-sql";

/** The file-reading options, which a table on a server has no use for. */
const FILE_OPTIONS: readonly [keyof ReportOptions, string][] = [
  ["mapping", "--mapping"],
  ["inputFormat", "--input-format"],
  ["events", "--events"],
  ["duplicates", "--duplicates"],
  ["sessions", "--sessions"],
];

/**
 * Where `report` reads from, with every mistake in combining the source options found before
 * anything is opened: files (the default), a PostgreSQL table (`--engine postgres`), or
 * nothing (`--print-sql`).
 *
 * @example
 * [reportSource(["t.csv"], { by: "month" }), reportSource([], { by: "month", printSql: "trino" })]
 * //=> ["files", "print-sql"]
 */
export function reportSource(
  files: readonly string[],
  options: ReportOptions,
  env: Readonly<Record<string, string | undefined>> = {},
): ReportSource {
  const engine = engineOf(options.engine);
  if (options.printSql !== undefined) {
    if (files.length > 0)
      throw new UsageError(
        "--print-sql reads no data: leave out the files (--table names the table the SQL reads)",
      );
    if (engine !== "js" || options.db !== undefined)
      throw new UsageError("--print-sql runs nothing: leave out --engine and --db");
    return "print-sql";
  }
  if (engine !== "postgres") {
    if (options.db !== undefined) throw new UsageError("--db needs --engine postgres");
    if (options.table !== undefined)
      throw new UsageError("--table needs --engine postgres or --print-sql");
    if (files.length === 0)
      throw new UsageError(
        "report needs input files (or --engine postgres --table NAME, or --print-sql DIALECT)",
      );
    return "files";
  }
  if (files.length > 0)
    throw new UsageError(
      `--engine postgres reads the table --table names, not files: leave out ${files.join(", ")}`,
    );
  if (options.table === undefined)
    throw new UsageError("--engine postgres needs --table NAME (a table or view of records)");
  connectionOf(options, env);
  for (const [key, flag] of FILE_OPTIONS) {
    if (options[key] !== undefined)
      throw new UsageError(`${flag} applies to files; --engine postgres reads a table`);
  }
  return "postgres";
}

/** How to reach the server: a connection string, or pg's PG* variables; and how to name it. */
export interface Connection {
  /** `undefined`: pg reads PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE itself. */
  readonly connectionString: string | undefined;
  /** The server in words, with no password. */
  readonly shown: string;
  /** The password written in the connection string, to keep out of messages. */
  readonly secret: string | undefined;
}

/**
 * The connection: `--db`, else SUPPORT_METRICS_DB, else pg's PGHOST/PGDATABASE variables;
 * with none of them, a usage error.
 *
 * @example
 * connectionOf({ by: "month", db: "postgresql://me:s3cret@db.example/support" }, {}).shown
 * //=> "postgresql://me:***@db.example/support"
 */
export function connectionOf(
  options: Pick<ReportOptions, "db">,
  env: Readonly<Record<string, string | undefined>>,
): Connection {
  const given = options.db ?? env.SUPPORT_METRICS_DB;
  if (given !== undefined && given.trim() !== "") {
    return { connectionString: given, shown: hidePassword(given), secret: passwordIn(given) };
  }
  if (env.PGHOST !== undefined || env.PGDATABASE !== undefined) {
    const where = `${env.PGHOST ?? "localhost"}:${env.PGPORT ?? "5432"}/${env.PGDATABASE ?? env.PGUSER ?? ""}`;
    return {
      connectionString: undefined,
      shown: `${where} (from PGHOST/PGDATABASE)`,
      secret: undefined,
    };
  }
  throw new UsageError(
    "--engine postgres needs --db <connection string> (or SUPPORT_METRICS_DB, or PGHOST/PGDATABASE; a password is best left to PGPASSWORD or ~/.pgpass)",
  );
}

/** The password of a connection string: a URL's (`user:password@`) or a `password=` setting. */
function passwordIn(connection: string): string | undefined {
  const url = /^[a-z][\w+.-]*:\/\/[^:/?#@]*:(.*)@[^@]*$/is.exec(connection)?.[1];
  if (url !== undefined && url !== "") return url;
  const setting = /(?:^|[\s?&])password=([^\s&]*)/i.exec(connection)?.[1];
  return setting === undefined || setting === "" ? undefined : setting;
}

/**
 * A connection string with its password as `***`: in a URL's user part (up to the last `@`,
 * so an unescaped `@` in the password is hidden too) and in any `password=` setting.
 *
 * @example
 * [hidePassword("postgres://me:p@ss@host/db"), hidePassword("host=db password=s3cret user=me"), hidePassword("postgres://host/db?password=x&sslmode=require")]
 * //=> ["postgres://me:***@host/db", "host=db password=*** user=me", "postgres://host/db?password=***&sslmode=require"]
 */
export function hidePassword(connection: string): string {
  return connection
    .replace(/^([a-z][\w+.-]*:\/\/[^:/?#@]*):(.*)@([^@]*)$/is, "$1:***@$3")
    .replace(/((?:^|[\s?&])password=)[^\s&]*/gi, "$1***");
}

/** An error's message with the password, wherever it appears, as `***`. */
function scrubbed(error: unknown, secret: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  return secret === undefined ? message : message.replaceAll(secret, "***");
}

/** pg's module, or a usage error saying how to install it. */
async function loadPg() {
  try {
    const module = await import("pg");
    return module.default ?? module;
  } catch (error) {
    throw new UsageError(
      `--engine postgres needs the optional package pg (npm install pg): ${(error as Error).message}`,
    );
  }
}

/** A client of pg's with the result's field names, which the engine's interface leaves out. */
interface FieldsClient extends PostgresClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; fields?: ColumnType[] }>;
}

/** The PostgreSQL error codes that mean the table cannot be read, not that its data is wrong. */
const NOT_FOUND = new Set(["42P01", "3F000", "42501", "3D000"]);

/**
 * The columns of the relation `quoted`, read from a select of no rows (so a view, a
 * partitioned or a foreign table, and the search path are read as the query will read them).
 */
async function tableColumns(
  client: FieldsClient,
  table: string,
  quoted: string,
): Promise<ColumnType[]> {
  try {
    const result = await client.query(`SELECT * FROM ${quoted} WHERE false`);
    return (result.fields ?? []).map(({ name, dataTypeID }) => ({ name, dataTypeID }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== undefined && NOT_FOUND.has(code))
      throw new UsageError(`--table ${table}: ${(error as Error).message}`);
    throw error;
  }
}

/** A field whose table column differs in case only: unquoted names fold to lower case. */
function foldedColumns(columns: readonly string[], fields: readonly string[]): string[] {
  const exact = new Set(columns);
  return fields.flatMap((field) => {
    if (exact.has(field)) return [];
    const found = columns.find((column) => column.toLowerCase() === field.toLowerCase());
    return found === undefined ? [] : [`${found} (for ${field})`];
  });
}

/** The temporary view of a text table's used records, which the compiled report reads. */
const VIEW = "support_metrics_records";

/**
 * A table of text cells classified as the readers classify a CSV file's rows, and the view
 * of its used records made (src/postgres/textTable.ts).
 */
async function validateRows(
  client: FieldsClient,
  kind: "tickets" | "surveyResponses",
  quoted: string,
  table: string,
  columns: readonly string[],
  plan: ReportPlan,
  connection: Connection,
): Promise<TextTableValidated> {
  try {
    // The validation's expressions are long: compiling them takes longer than running them.
    await client.query("SET jit = off");
    return await validateTextTable(client, {
      kind,
      relation: quoted,
      columns,
      view: VIEW,
      ...(plan.zoneGiven ? { timeZone: plan.timeZone } : {}),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`--table ${table}: ${error.message}`);
    const hint = columns.includes("line") ? " (is its column line a whole number?)" : "";
    throw new DataError(`validating ${table} failed: ${scrubbed(error, connection.secret)}${hint}`);
  }
}

/** The report's rows (`null` when the accounting stops the report), the columns, the accounting. */
interface TableRun {
  rows: Record<string, unknown>[] | null;
  columns: string[];
  /** A table of text columns' accounting; `undefined` for a typed table. */
  validated: TextTableValidated | undefined;
}

/**
 * The report's rows computed on the server, and the table's columns. A table whose field
 * columns are all text is validated first, and the report runs over its used rows.
 *
 * @throws UsageError when the server cannot be reached or the table read; DataError when the
 *   query fails on the table's data (a column of another type than the field's).
 */
async function postgresRows(
  plan: ReportPlan,
  table: string,
  connection: Connection,
): Promise<TableRun> {
  const who = "--engine postgres";
  tableKindOf(plan, who);
  const pg = await loadPg();
  const client = new pg.Client({
    ...(connection.connectionString === undefined
      ? {}
      : { connectionString: connection.connectionString }),
    application_name: "support-metrics",
    connectionTimeoutMillis: 15_000,
  });
  // A connection lost later surfaces as the query's failure, not as an unhandled event.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new UsageError(
      `cannot connect to PostgreSQL at ${connection.shown}: ${scrubbed(error, connection.secret)}`,
    );
  }
  try {
    const quoted = withRelation(POSTGRES, table).quote(table);
    const described = await tableColumns(client as FieldsClient, table, quoted);
    const columns = described.map(({ name }) => name);
    const kind = tableKindOf(plan, who);
    let validated: TextTableValidated | undefined;
    let relation = { name: table, columns };
    if ((kind === "tickets" || kind === "surveyResponses") && isTextTable(kind, described)) {
      validated = await validateRows(
        client as FieldsClient,
        kind,
        quoted,
        table,
        columns,
        plan,
        connection,
      );
      if ((validated.valid === 0 && validated.read > 0) || (plan.strict && validated.rejected > 0))
        return { rows: null, columns, validated };
      relation = { name: VIEW, columns: validated.columns };
    } else if (plan.strict)
      throw new UsageError(
        `--strict applies to a table of text columns, which is validated; ${table} is typed`,
      );
    const options = rollupOptions(plan, relation, POSTGRES);
    const range = refusing(who, () => compileBusinessRange(options));
    try {
      let timed = options;
      if (range !== undefined) {
        // Business time: first the spans' first and last instants, which the intervals cover.
        const { rows } = await client.query(range.sql, [...range.parameters]);
        const bound = (value: unknown) =>
          value === null || value === undefined ? null : Number(value);
        timed = {
          ...options,
          businessRange: { from: bound(rows[0]?.from), to: bound(rows[0]?.to) },
        };
      }
      const compiled = refusing(who, () => compileRollup(timed));
      const { rows } = await client.query(compiled.sql, [...compiled.parameters]);
      return { rows: compiled.rows(rows as Record<string, unknown>[]), columns, validated };
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new DataError(
        `the report's query failed on ${table}: ${scrubbed(error, connection.secret)} (are its columns of the record's types? docs/cli.md lists them)`,
      );
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The JSON output's `summary` on this engine: no row was read one by one, so `read`,
 * `valid`, `rejected` and `duplicates` are `null` (unknown, never zero), as is each metric's
 * `used`; its exclusions are summed from the rows.
 */
function tableAccount(plan: ReportPlan, rows: readonly Record<string, unknown>[]) {
  const flows = plan.metrics.filter(({ metric }) => resolveMetric(metric).placement.by !== "stock");
  const none = { read: 0, valid: 0, rejected: 0, duplicates: 0, done: true };
  const counted = readReport(
    none as never,
    Object.fromEntries(flows.map(({ column }) => [column, rows])),
  );
  const metrics = Object.fromEntries(
    Object.entries(counted.metrics).map(([name, use]) => [name, { ...use, used: null }]),
  );
  return {
    read: null,
    valid: null,
    rejected: null,
    duplicates: null,
    complete: true,
    validated: false,
    metrics,
  };
}

/**
 * A text table's accounting in the readers' shape, so that the summary on stderr and in the
 * JSON output reads as `--engine js` gives it for the same rows in a CSV file (the table's
 * name in the file's place, a row's number as its line).
 */
function textSummary(
  plan: ReportPlan,
  table: string,
  validated: TextTableValidated,
  columns: readonly string[],
): ReadSummary {
  const fields = new Set(kindColumns(tableKindOf(plan, "--engine postgres")));
  return {
    kind: plan.kind,
    format: "csv",
    done: true,
    read: validated.read,
    valid: validated.valid,
    rejected: validated.rejected,
    duplicates: validated.duplicates,
    duplicateCopies: validated.copies.map(
      (copy): DuplicateCopy => ({
        id: copy.id,
        place: { source: table, at: copy.line },
        kept: { source: table, at: copy.kept },
      }),
    ),
    rejections: validated.rejections.map((r): RowRejection => {
      const path =
        r.path === ""
          ? []
          : r.path
              .split(/\.|(?=\[)/)
              .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
      const issue = { path, code: r.code, message: r.reason, column: r.column };
      return { line: r.line, index: r.line - 2, ...issue, issues: [issue] };
    }),
    columns: {
      used: columns.filter((name) => fields.has(name)),
      ignored: columns.filter((name) => !fields.has(name)),
    },
    error: null,
    invalidUtf8: { count: 0, lines: [] },
  };
}

/** What `report --engine postgres` writes, and where. */
export type TableReport =
  | { text: string; out: string | undefined; quiet: boolean }
  /** Nothing to write: the run ends with this exit code (`--strict`, or no valid row). */
  | { code: number };

/**
 * `report --engine postgres`: plans the report (no files; `--kind` says the records, tickets
 * by default), runs it on the server, and renders the rows as `--engine js` renders them.
 */
export async function postgresReport(
  options: ReportOptions,
  io: CliIO,
  env: Readonly<Record<string, string | undefined>>,
): Promise<TableReport> {
  const connection = connectionOf(options, env);
  const table = options.table as string;
  const plan = await planReport([], options, io);
  try {
    if (plan.format === "html")
      throw new UsageError(
        "--engine postgres writes json, csv, markdown or table output, not html",
      );
    if (plan.needsLatest) {
      const judged = plan.metrics.filter(({ metric }) => requiredOptions(metric).includes("asOf"));
      throw new UsageError(
        `--engine postgres: ${judged.map(({ column }) => column).join(", ")} is judged at the input's latest instant, which is not read from a table: give --as-of`,
      );
    }
    if (!plan.quiet)
      for (const warning of plan.warnings) io.stderr.write(`support-metrics: ${warning}\n`);
    const run = await postgresRows(plan, table, connection);
    const columns = run.columns;
    const summary =
      run.validated === undefined ? undefined : textSummary(plan, table, run.validated, columns);
    if (summary !== undefined) {
      // As `--engine js` stops for the same rows read from a file (summaries.ts).
      const refused = refusedUnderStrict(plan.strict, [{ file: table, summary }], io, "report");
      if (refused !== null) return { code: refused };
      const none = nothingValid(summary, io);
      if (none !== null) {
        if (!plan.quiet) printSummaries([{ file: table, summary }], io, options, LIST_ALL);
        return { code: none };
      }
    }
    const allRows = run.rows ?? [];
    const placed =
      plan.period === undefined ? allRows : allRows.filter((row) => row.period !== null);
    const rows = plan.change
      ? withChange(placed, {
          against: plan.change,
          ...(plan.interval ? { level: plan.interval } : {}),
        })
      : placed;
    const flows = plan.metrics.filter(
      ({ metric }) => resolveMetric(metric).placement.by !== "stock",
    );
    const account =
      summary === undefined
        ? tableAccount(plan, allRows)
        : readReport(summary, Object.fromEntries(flows.map(({ column }) => [column, allRows])));
    if (!plan.quiet && summary !== undefined) {
      printSummaries([{ file: table, summary }], io, options, LIST_ALL);
      io.stderr.write(`${describeReadReport(account as ReadReport)}\n`);
      for (const { column, fields } of metricsWithoutColumns(plan.metrics, [summary], undefined))
        io.stderr.write(`${column}: no source column for ${fields.join(", ")}\n`);
    }
    if (!plan.quiet && summary === undefined) {
      io.stderr.write(
        `${table}: read on PostgreSQL, not row by row: rows read, valid and rejected are not counted (the table's column types stand for validation)\n`,
      );
      for (const [name, use] of Object.entries(account.metrics)) {
        const reasons = Object.entries(use.excluded).filter(([, count]) => count > 0);
        if (reasons.length > 0)
          io.stderr.write(
            `${name}: ${use.excludedTotal} excluded (${reasons.map(([reason, count]) => `${reason} ${count}`).join(", ")})\n`,
          );
      }
      for (const { column, metric } of plan.metrics) {
        const missing = (metric.reads ?? []).filter((field) => !columns.includes(field));
        if (missing.length > 0)
          io.stderr.write(`${column}: no column for ${missing.join(", ")} in ${table}\n`);
      }
    }
    if (!plan.quiet) {
      const folded = foldedColumns(columns, kindColumns(tableKindOf(plan, "--engine postgres")));
      if (folded.length > 0)
        io.stderr.write(
          `support-metrics: ${table} has ${folded.join(", ")}: a column must be named as the field, case and all (create it quoted, or select it AS "field" in a view)\n`,
        );
    }
    const meta: RunMeta & { engine: string; table: string } = {
      title: `Support metrics: ${table}`,
      generatedAt: new Date(io.now ? io.now() : Date.now()).toISOString(),
      by: options.by === "none" ? [] : [...(plan.period ? [plan.period] : []), ...plan.keys],
      timeZone: plan.timeZone,
      metrics: plan.metrics.map(({ column }) => column),
      kind: plan.kind,
      files: [],
      engine: "postgres",
      table,
      ...(plan.preset === undefined ? {} : { preset: plan.preset }),
      ...(plan.placeBy === "event" ? {} : { placeBy: plan.placeBy }),
    };
    const text = await render(plan, rows, undefined, meta, account as unknown as ReadReport);
    return { text, out: plan.out, quiet: plan.quiet };
  } finally {
    await plan.cleanup();
  }
}
