/**
 * `report --engine duckdb` reading the file itself: DuckDB parses the CSV, the rows are
 * validated in SQL as the readers validate them (src/duckdb/readFiles.ts), and the compiled
 * rollup runs over the used rows, so that no record is built in JavaScript. The summary on
 * stderr (read, valid, rejected by line, field and reason, copies left out) is built from the
 * SQL accounting in the readers' shape, so that both engines print the same.
 *
 * The native path takes what the SQL validation reads exactly; for anything else the command
 * says why in one line and reads the file with the library's readers (then, with `--engine
 * duckdb`, the records are loaded into DuckDB as before, src/cli/engine.ts):
 * - one CSV file (several files share one ledger of ids across files; standard input is read
 *   from its scratch copy like a file); NDJSON and JSON stay on the readers, whose JSON values
 *   are typed (a number, `true`, a string) where the SQL validation reads text cells;
 * - a header of field names (no `--mapping`, `--events`, quoted or repeated names, JSON
 *   columns such as `messages`), the default `--duplicates last`, no `--schedule` span check,
 *   no metric judged at the input's latest instant;
 * - one row per line (no quoted cell spanning lines, no blank line: the line numbers are row
 *   numbers), UTF-8 that DuckDB reads;
 * - without `--tz`, a file whose first rejected row is not one with a zone-less timestamp
 *   (the readers stop at such a row; which row that is, only they can tell then).
 *
 * Without `--engine`, a CSV file of at least {@link AUTO_DUCKDB_BYTES} that the native path
 * takes is reported with DuckDB when @duckdb/node-api loads, and the command says so.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { ReadSummary, RowRejection } from "../node/readRecords.ts";
import type { DuplicateCopy } from "../schemas/duplicates.ts";
import { DUCKDB } from "../sql/dialect.ts";
import { fieldsOf } from "../sql/tableKinds.ts";
import { refusing, rollupOptions } from "./compiledPlan.ts";
import { type Engine, engineOf } from "./engine.ts";
import type { CliIO } from "./io.ts";
import type { FileSummary } from "./pass.ts";
import { kindText, type ReportPlan } from "./plan.ts";
import { DataError } from "./usage.ts";

/** The smallest file `report` reads with DuckDB when `--engine` is not given: 100 MB. */
export const AUTO_DUCKDB_BYTES = 100_000_000;

/** The environment variable that lowers (or raises) {@link AUTO_DUCKDB_BYTES}, in bytes. */
export const AUTO_DUCKDB_VARIABLE = "SUPPORT_METRICS_AUTO_DUCKDB_BYTES";

/** What the native path computed: the files' summaries and the rows (none when unused). */
export interface NativeRun {
  summaries: FileSummary[];
  /** `null` when the run stops before the rows (no valid row, or rejections under --strict). */
  rows: Record<string, unknown>[] | null;
}

/** The engine a report runs on, and the native run when DuckDB read the file itself. */
export interface EngineChoice {
  engine: Engine;
  native: NativeRun | null;
}

/** The JSON-in-a-cell fields the SQL validation refuses, by record kind. */
const JSON_FIELDS = {
  tickets: ["messages", "statusChanges", "assignments"],
  surveyResponses: ["scale"],
};

/** Why the plan is not one the native path reads, or `null` when it is. */
export function nativeRefusal(plan: ReportPlan): string | null {
  if (plan.kind !== "tickets" && plan.kind !== "surveyResponses")
    return `it reads tickets and survey responses, not ${kindText(plan.kind)}`;
  if (plan.files.length !== 1)
    return "several files share one ledger of ids across files, which only the readers keep";
  const format = plan.files[0]?.format;
  if (format === "ndjson" || format === "json")
    return `${format} values are typed (a number, true, a string) and the SQL validation reads text cells`;
  if (format !== "csv") return `it reads CSV, not ${format}`;
  if (plan.mapping !== undefined) return "--mapping is applied by the readers";
  if (plan.events !== undefined) return "--events is folded by the readers";
  if (plan.duplicates !== "last")
    return `--duplicates ${plan.duplicates} is applied by the readers`;
  if (plan.businessSpan !== undefined)
    return "--schedule leaves out records whose span business hours cannot measure, in the readers";
  if (plan.needsLatest) return "a metric is judged at the input's latest instant (no --as-of)";
  if (plan.sessions !== undefined) return "--sessions is joined by the in-memory engine";
  return null;
}

/** The file's header line, split, or why it is not a plain header of field names. */
async function plainHeader(path: string, kind: "tickets" | "surveyResponses") {
  const handle = await open(path, "r");
  let text: string;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    text = buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
  const end = text.search(/\r\n?|\n/);
  if (end < 0) return { problem: "the header is not one line of at most 64 KiB" };
  const line = text.slice(0, end).replace(/^\uFEFF/, "");
  if (line.includes('"')) return { problem: "the header has quoted names" };
  const names = line.split(",");
  if (names.some((name) => name !== name.trim() || name === ""))
    return { problem: "a header name is empty or has spaces around it" };
  if (new Set(names).size !== names.length) return { problem: "the header repeats a name" };
  const json = names.filter((name) => JSON_FIELDS[kind].includes(name));
  if (json.length > 0)
    return { problem: `the column ${json.join(", ")} holds JSON, which the readers read` };
  const fields = fieldsOf(kind);
  const missing = Object.keys(fields).filter(
    (field) => fields[field]?.absent === "required" && !names.includes(field),
  );
  if (missing.length > 0) return { problem: `the header has no column ${missing.join(", ")}` };
  return { names };
}

/**
 * How many lines the file has, with the readers' breaks: `\r\n`, `\n` and a lone `\r` (a
 * last line without a break counts). A lone `\r` inside a quoted cell is a break for the
 * readers' line numbers and none for DuckDB's rows, so such a file falls back on the readers.
 */
async function lineCount(path: string): Promise<number> {
  const LF = 10;
  const CR = 13;
  let breaks = 0;
  let last = LF;
  for await (const chunk of createReadStream(path, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    // A `\r` that ended the previous chunk is a lone one unless this chunk opens with `\n`.
    if (last === CR && chunk[0] !== LF) breaks++;
    for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) breaks++;
    for (let at = chunk.indexOf(CR); at >= 0; at = chunk.indexOf(CR, at + 1))
      if (at + 1 < chunk.length && chunk[at + 1] !== LF) breaks++;
    if (chunk.length > 0) last = chunk[chunk.length - 1] as number;
  }
  if (last === CR) breaks++;
  return breaks + (last === LF || last === CR ? 0 : 1);
}

/** Zod's and the readers' wording of a timestamp with no offset (as in pass.ts). */
const ZONELESS = /^has no UTC offset.*got (.*)$/;

/** A path as the SQL writes it (`tags[2]`), as the readers' array. */
function pathOf(text: string): (string | number)[] {
  if (text === "") return [];
  return text
    .split(/\.|(?=\[)/)
    .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}

/** The DuckDB modules, or `null` when @duckdb/node-api does not load. */
async function loadDuckdb() {
  try {
    const [engine, files] = await Promise.all([
      import("../duckdb/index.ts"),
      import("../duckdb/readFiles.ts"),
    ]);
    return { ...engine, ...files };
  } catch {
    return null;
  }
}

/** Why the native path could not finish: the command falls back on the readers. */
class Fallback extends Error {}

/** The file read, validated and reported by DuckDB; a {@link Fallback} when it cannot. */
async function runNative(
  plan: ReportPlan,
  header: string[],
  duckdb: NonNullable<Awaited<ReturnType<typeof loadDuckdb>>>,
): Promise<NativeRun> {
  const input = plan.files[0] as ReportPlan["files"][number];
  const kind = plan.kind as "tickets" | "surveyResponses";
  const lines = lineCount(input.path);
  // The fields the compiled query names: only their values are kept (every cell is checked).
  const columns = recordColumnsOf(kind, header);
  let keep: Set<string> | undefined;
  try {
    const { sql } = compileReport(plan, columns, duckdb);
    keep = new Set(columns.filter((field) => sql.includes(`"${field}"`)));
  } catch (error) {
    // A metric that does not compile is refused after the read, as by the readers' path.
    if (!(error instanceof duckdb.SqlRefusedError)) throw error;
  }
  const connection = await duckdb.openDuckDB();
  try {
    let read: Awaited<ReturnType<typeof duckdb.readCsvValidated>>;
    try {
      read = await duckdb.readCsvValidated(connection, {
        path: input.path,
        header,
        kind,
        ...(keep === undefined ? {} : { keep }),
        table: "records",
        ...(plan.zoneGiven ? { timeZone: plan.timeZone } : {}),
      });
    } catch (error) {
      await lines.catch(() => 0);
      const first = ((error as Error).message.split("\n")[0] ?? "").slice(0, 200);
      throw new Fallback(`DuckDB cannot read it (${first})`);
    }
    if ((await lines) !== read.counts.read + 1)
      throw new Fallback("a quoted cell spans lines or a line is blank, so rows are not lines");
    if (!plan.zoneGiven && read.rejections.length > 0) {
      const first = read.rejections[0] as (typeof read.rejections)[number];
      const zoneless = ZONELESS.exec(first.reason);
      if (zoneless === null)
        throw new Fallback(
          "rows are rejected without --tz, and the readers tell whether one has a zone-less time",
        );
      throw new DataError(
        `${input.file}: line ${first.line}: column ${JSON.stringify(first.column)} has timestamps without a zone, such as ${zoneless[1]}; give their zone with --tz (for example --tz UTC or --tz Europe/Berlin)`,
      );
    }
    const fields = new Set(Object.keys(fieldsOf(kind)));
    const summary: ReadSummary = {
      kind,
      format: "csv",
      done: true,
      ...read.counts,
      duplicateCopies: read.copies.map(
        (copy): DuplicateCopy => ({
          id: copy.id,
          place: { source: input.file, at: copy.line },
          kept: { source: input.file, at: copy.kept },
        }),
      ),
      rejections: read.rejections.map((r): RowRejection => {
        const issue = { path: pathOf(r.path), code: r.code, message: r.reason, column: r.column };
        return { line: r.line, index: r.line - 2, ...issue, issues: [issue] };
      }),
      columns: {
        used: read.header.filter((name) => fields.has(name)),
        ignored: read.header.filter((name) => !fields.has(name)),
      },
      error: null,
      invalidUtf8: { count: 0, lines: [] },
    };
    const summaries = [{ file: input.file, summary }];
    if (read.counts.valid === 0 || (plan.strict && read.counts.rejected > 0))
      return { summaries, rows: null };
    return { summaries, rows: await reportRows(plan, read.columns, duckdb, connection) };
  } finally {
    connection.closeSync();
  }
}

/** The report compiled over the view of used records (`SqlRefusedError` when it cannot be). */
function compileReport(
  plan: ReportPlan,
  columns: string[],
  duckdb: NonNullable<Awaited<ReturnType<typeof loadDuckdb>>>,
) {
  return duckdb.compileRollup(rollupOptions(plan, { name: "records", columns }, DUCKDB));
}

/** The compiled report over the view of used records; a refusal is a usage error. */
async function reportRows(
  plan: ReportPlan,
  columns: string[],
  duckdb: NonNullable<Awaited<ReturnType<typeof loadDuckdb>>>,
  connection: Awaited<ReturnType<typeof duckdb.openDuckDB>>,
): Promise<Record<string, unknown>[]> {
  const compiled = refusing("--engine duckdb", () => compileReport(plan, columns, duckdb));
  return duckdb.runCompiled(connection, compiled);
}

/** The columns a view of records from a file with `header` has (as `createRecordTable`'s). */
function recordColumnsOf(kind: "tickets" | "surveyResponses", header: readonly string[]): string[] {
  const fields = fieldsOf(kind);
  return Object.keys(fields).filter(
    (field) =>
      fields[field]?.kind !== "records" &&
      !(fields[field]?.absent === "undefined" && !header.includes(field)),
  );
}

/**
 * Whether the plan's report compiles over the columns a file of `header` gives: every metric,
 * with the plan's grouping and range (a stock by period needs the range's period ends).
 */
function compiles(
  plan: ReportPlan,
  header: readonly string[],
  duckdb: NonNullable<Awaited<ReturnType<typeof loadDuckdb>>>,
): boolean {
  const columns = recordColumnsOf(plan.kind as "tickets" | "surveyResponses", header);
  try {
    compileReport(plan, columns, duckdb);
    return true;
  } catch (error) {
    if (error instanceof duckdb.SqlRefusedError) return false;
    throw error;
  }
}

/** The threshold of the automatic choice, from the environment or the default. */
function autoBytes(): number {
  const given = process.env[AUTO_DUCKDB_VARIABLE];
  const bytes = given === undefined || given.trim() === "" ? Number.NaN : Number(given);
  return Number.isFinite(bytes) && bytes >= 0 ? bytes : AUTO_DUCKDB_BYTES;
}

function megabytes(bytes: number): string {
  return bytes >= 1e6 ? `${Math.round(bytes / 1e6)} MB` : `${bytes} byte${bytes === 1 ? "" : "s"}`;
}

/**
 * The engine of a report and, when DuckDB reads the file itself, its run: `--engine js` as
 * asked; `--engine duckdb` natively where it can (else, saying why, the records loaded from
 * the readers); no `--engine`: DuckDB for a large CSV file the native path takes (saying
 * so), else the in-memory engine.
 */
export async function chooseEngine(
  plan: ReportPlan,
  asked: string | undefined,
  io: CliIO,
): Promise<EngineChoice> {
  const say = (line: string) => {
    if (!plan.quiet) io.stderr.write(`support-metrics: ${line}\n`);
  };
  const engine = engineOf(asked);
  const auto = asked === undefined;
  if (engine === "js" && !auto) return { engine, native: null };
  if (auto && (plan.format === "html" || (plan.files[0]?.size ?? 0) < autoBytes()))
    return { engine: "js", native: null };
  const file = plan.files.map(({ file }) => file).join(", ");
  const fallBack = (why: string): EngineChoice => {
    if (!auto) say(`--engine duckdb reads ${file} with the readers: ${why}`);
    else say(`--engine js after all for ${file}: ${why}`);
    return { engine: auto ? "js" : "duckdb", native: null };
  };
  const refusal = nativeRefusal(plan);
  if (refusal !== null) return auto ? { engine: "js", native: null } : fallBack(refusal);
  const input = plan.files[0] as ReportPlan["files"][number];
  const header = await plainHeader(input.path, plan.kind as "tickets" | "surveyResponses");
  if (header.names === undefined)
    return auto ? { engine: "js", native: null } : fallBack(header.problem);
  const duckdb = await loadDuckdb();
  if (auto) {
    if (duckdb === null || !compiles(plan, header.names, duckdb))
      return { engine: "js", native: null };
    say(
      `using --engine duckdb for a ${megabytes(input.size)} file; --engine js to keep the in-memory engine`,
    );
  }
  // An explicit --engine duckdb without the package: the loader of engine.ts says how to get it.
  if (duckdb === null) return { engine: "duckdb", native: null };
  try {
    return { engine: "duckdb", native: await runNative(plan, header.names, duckdb) };
  } catch (error) {
    if (error instanceof Fallback) return fallBack(error.message);
    throw error;
  }
}
