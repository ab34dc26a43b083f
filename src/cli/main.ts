/**
 * The `support-metrics` command line: `report` (grouped KPIs from helpdesk exports),
 * `cohorts` (the cohort triangle of a purchase or subscription log: cohorts.ts) and
 * `validate` (the rejected-row report of one file). `main` runs in-process and returns the exit
 * code: 0 ok, 1 usage error, 2 invalid data (a read error, nothing valid read, or rejected rows
 * under `--strict`).
 *
 * A command is three steps: a plan (the arguments, checked: plan.ts), one pass over the input
 * (pass.ts), and the output (render.ts).
 *
 * Long (about 490 lines): the two commands' wiring, their summaries on stderr and the exit codes
 * belong to one reading of how a run ends; the plan, the pass and the rendering live apart.
 */

import { writeFile } from "node:fs/promises";
import { Command, CommanderError, Option } from "commander";
import { withChange } from "../aggregate/change.ts";
import { rollupReducer } from "../aggregate/rollup.ts";
import { DEFAULT_MAX_ROWS, RowLimitError } from "../aggregate/rowLimit.ts";
import { metricsFor } from "../metrics/catalogue.ts";
import { requiredOptions, resolveMetric } from "../metrics/define.ts";
import { describeRowRejection, type ReadSummary, type RowRejection } from "../node/readRecords.ts";
import { describeReadReport, readReport } from "../node/report.ts";
import { show } from "../reduce/arguments.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import { type ReportData, reportDataReducer } from "../report/data.ts";
import { type DuplicateCopy, describePlace } from "../schemas/duplicates.ts";
import { DIALECTS } from "../sql/dialects.ts";
import { COHORT_KINDS, COHORT_MEASURES, type CohortsOptions, cohorts } from "./cohorts.ts";
import { collectRecords, duckdbReportRows, engineOf } from "./engine.ts";
import { chooseEngine } from "./engineNative.ts";
import { postgresReport, reportSource } from "./enginePostgres.ts";
import { OUTPUT_FORMATS } from "./format.ts";
import type { CliKind } from "./input.ts";
import type { CliIO } from "./io.ts";
import {
  type JoinedReducers,
  joinedReducers,
  type Row,
  reportDataSideBySide,
  sessionsPlan,
  sideBySide,
} from "./joined.ts";
import { combinedSummary, type FileSummary, runPass } from "./pass.ts";
import {
  type InputOptions,
  type InputPlan,
  kindText,
  planInput,
  planReport,
  type ReportOptions,
  type ReportPlan,
  rowLimitText,
} from "./plan.ts";
import { printSqlText } from "./printSql.ts";
import { type RunMeta, render } from "./render.ts";
import { htmlMetricReducer } from "./renderHtmlReducer.ts";
import { metricsWithoutColumns } from "./sourceColumns.ts";
import {
  planStaffing,
  runStaffing,
  STAFFING_FORMATS,
  type StaffingCommandOptions,
  staffingSummary,
  staffingText,
} from "./staffing.ts";
import { DataError, UsageError } from "./usage.ts";
import { packageVersion } from "./version.ts";

export type { CliIO } from "./io.ts";

/** The metrics part of `--help`, read from the catalogue. */
function metricsHelp(): string {
  const kinds: [CliKind, string][] = [
    ["tickets", "tickets"],
    ["surveyResponses", "surveys"],
    ["queueContacts", "queue contacts"],
    ["sessions", "self-service sessions joined with tickets (with --sessions FILE)"],
  ];
  const lines = ["Metrics (short name: label; durations in seconds, shown in hours in tables):"];
  for (const [kind, title] of kinds) {
    lines.push(`  ${title}:`);
    for (const metric of metricsFor(kind)) {
      const aliases = metric.aliases.length > 0 ? ` (${metric.aliases.join(", ")})` : "";
      const needs = requiredOptions(metric).map((option) => ` [needs the ${option} option]`);
      const stock = resolveMetric(metric).placement.by === "stock" ? " [at each period's end]" : "";
      lines.push(`    ${metric.name}${aliases}: ${metric.label}${stock}${needs.join("")}`);
    }
    const defaults = metricsFor(kind).filter((metric) => metric.byDefault);
    lines.push(`    default: ${defaults.map((metric) => metric.name).join(",")}`);
  }
  lines.push("  A metric that needs an option is added when the flag that gives it is used.");
  return `\n${lines.join("\n")}\n`;
}

const REPORT_EXAMPLES = `
Examples:
  $ support-metrics report tickets.csv
  $ support-metrics report tickets.csv --by month,channel --tz Europe/Berlin
  $ support-metrics report jan.ndjson feb.ndjson --metrics frt,resolution,backlog --format csv --out kpis.csv
  $ support-metrics report tickets.csv --schedule hours.json --preset zendesk --format markdown
  $ support-metrics report tickets.csv --policies policies.json --schedule hours.json --out report.html
  $ support-metrics report surveys.csv --metrics csat,nps --by quarter,channel --format json
  $ support-metrics report export.csv --mapping mapping.json --strict
  $ SUPPORT_METRICS_DB=postgresql://me@db/support support-metrics report --engine postgres --table public.tickets --by month,channel
  $ support-metrics report --print-sql bigquery --table project.support.tickets --metrics volume,frt --by month
`;

const COHORTS_EXAMPLES = `
Examples:
  $ support-metrics cohorts purchases.csv --tz Europe/Berlin
  $ support-metrics cohorts purchases.csv --period isoWeek --measures retention --format markdown
  $ support-metrics cohorts subscriptions.ndjson --customers customers.ndjson --segment --format csv
`;

const STAFFING_EXAMPLES = `
Examples:
  $ support-metrics staffing calls.csv --aht 180 --tz Europe/Paris
  $ support-metrics staffing calls.csv --aht 180 --target 20 --service-level 0.8 --max-occupancy 0.85 --shrinkage 0.3 --interval 30
  $ support-metrics staffing tickets.ndjson --aht 600 --target 3600 --format csv --out staffing.csv
`;

const VALIDATE_EXAMPLES = `
Examples:
  $ support-metrics validate tickets.csv
  $ support-metrics validate export.csv --mapping mapping.json --tz America/New_York
  $ support-metrics validate surveys.ndjson --strict   # exit code 2 when any row is rejected
`;

function rejectionLines(file: string, rejections: readonly RowRejection[]): string[] {
  return rejections.map((r) => `${file}: ${describeRowRejection(r)}`);
}

/** The `validate` command that lists every rejection of `file`, with the flags that read it. */
export function validateCommand(file: string, options: InputOptions): string {
  const words = ["support-metrics", "validate", file];
  if (options.mapping !== undefined) words.push("--mapping", options.mapping);
  if (options.tz !== undefined) words.push("--tz", options.tz);
  if (options.kind !== undefined) words.push("--kind", options.kind);
  if (options.inputFormat !== undefined) words.push("--input-format", options.inputFormat);
  return words
    .map((word) => (/^[\w./:@=+,-]+$/.test(word) ? word : JSON.stringify(word)))
    .join(" ");
}

/** The line that reports bytes that are not UTF-8, or `null` when there are none. */
export function encodingLine(file: string, summary: ReadSummary): string | null {
  const { count, lines } = summary.invalidUtf8;
  if (count === 0) return null;
  const where = `line${lines.length === 1 ? "" : "s"} ${lines.slice(0, 10).join(", ")}${lines.length > 10 ? ", ..." : ""}`;
  return `${file}: ${count} invalid UTF-8 byte sequence${count === 1 ? "" : "s"} (${where}), read as U+FFFD; is the file in another encoding (Latin-1, Windows-1252)?`;
}

/**
 * A copy left out, in words: `line 3: id "T1" is a copy of line 9, which is kept`; the kept
 * copy's file is named when it is another.
 */
export function describeCopy(file: string, copy: DuplicateCopy): string {
  const kept =
    copy.kept.source === file || copy.kept.source === null
      ? `line ${copy.kept.at}`
      : describePlace(copy.kept, "line");
  return `line ${copy.place.at}: id ${show(copy.id)} repeats ${kept}, which is kept`;
}

function printSummaries(summaries: readonly FileSummary[], io: CliIO, options: InputOptions): void {
  for (const { file, summary } of summaries) {
    const copies = summary.duplicates;
    io.stderr.write(
      `${file}: ${summary.read} rows read, ${summary.valid} valid, ${summary.rejected} rejected${copies > 0 ? `, ${copies} repeated id${copies === 1 ? "" : "s"} left out (--duplicates ${options.duplicates ?? "last"})` : ""}\n`,
    );
    for (const copy of summary.duplicateCopies.slice(0, 5))
      io.stderr.write(`  ${file}: ${describeCopy(file, copy)}\n`);
    if (copies > 5)
      io.stderr.write(`  ... run ${validateCommand(file, options)} for all of them\n`);
    const encoding = encodingLine(file, summary);
    if (encoding !== null) io.stderr.write(`  ${encoding}\n`);
    if (summary.rejected > 0) {
      for (const line of rejectionLines(file, summary.rejections.slice(0, 5)))
        io.stderr.write(`  ${line}\n`);
      if (summary.rejected > 5)
        io.stderr.write(`  ... run ${validateCommand(file, options)} for all of them\n`);
    }
  }
}

async function report(files: string[], options: ReportOptions, io: CliIO): Promise<number> {
  const source = reportSource(files, options, process.env);
  if (source === "print-sql") {
    const plan = await planReport([], options, io);
    const text = printSqlText(plan, options.printSql as string, options.table);
    await writeOutput(text, plan.out, plan.quiet, io);
    return 0;
  }
  if (source === "postgres") {
    const done = await postgresReport(options, io, process.env);
    await writeOutput(done.text, done.out, done.quiet, io);
    return 0;
  }
  const plan = await planReport(files, options, io);
  try {
    return await reportPlanned(plan, files, options, io);
  } finally {
    await plan.cleanup();
  }
}

/** Exit code 2 and why, when no row of the input became a record. */
function nothingValid(total: ReadSummary, io: CliIO): number | null {
  if (total.valid > 0 || total.read === 0) return null;
  io.stderr.write(
    `support-metrics: none of the ${total.read} rows read is valid; nothing to report\n`,
  );
  return 2;
}

async function reportPlanned(
  plan: ReportPlan,
  files: string[],
  options: ReportOptions,
  io: CliIO,
): Promise<number> {
  if (!plan.quiet)
    for (const warning of plan.warnings) io.stderr.write(`support-metrics: ${warning}\n`);

  // The input's latest instant, for metrics judged at the end of the input (SLA targets without
  // --as-of): known once the pass is over, read by those reducers when their result is read.
  let latest = Number.NEGATIVE_INFINITY;
  const metrics: Record<string, AnyReducer> = {};
  for (const planned of plan.metrics) {
    metrics[planned.column] =
      plan.format === "html"
        ? htmlMetricReducer(planned, () => latest)
        : planned.reducer(() => latest);
  }
  const by: Record<string, string> = {};
  if (plan.period !== undefined) by.period = plan.period;
  for (const key of plan.keys) by[key] = key;
  const grouping = {
    metrics,
    by,
    timeZone: plan.timeZone,
    maxRows: plan.maxRows,
    ...(plan.range ? { range: plan.range } : {}),
    ...(plan.placeBy === "event" ? {} : { placeBy: plan.placeBy }),
  };
  // One reducer over the metrics given: the HTML report's data, or the rollup's rows.
  const build = (of: Record<string, AnyReducer>): AnyReducer =>
    plan.format === "html"
      ? (reportDataReducer({
          metrics: of,
          keys: plan.keys,
          timeZone: plan.timeZone,
          ...(plan.period === undefined ? {} : { period: plan.period }),
          ...(plan.range ? { range: plan.range } : {}),
          ...(plan.placeBy === "event" ? {} : { placeBy: plan.placeBy }),
          timeOf: (record: { createdAt?: Date; respondedAt?: Date | null; offeredAt?: Date }) =>
            record.createdAt ?? record.respondedAt ?? record.offeredAt,
        }) as AnyReducer)
      : (rollupReducer({ ...grouping, metrics: of } as never) as unknown as AnyReducer);
  const asked = engineOf(options.engine);
  if (asked === "duckdb" && plan.format === "html")
    throw new UsageError("--engine duckdb writes json, csv or table output, not html");
  if (asked === "duckdb" && plan.sessions !== undefined)
    throw new UsageError("--engine duckdb does not join --sessions yet: use --engine js");
  // DuckDB reading the file itself where it can (engineNative.ts), or picked for a large file.
  const { engine, native } = await chooseEngine(plan, options.engine, io);
  let reducer: AnyReducer;
  // With --sessions, the metrics that join sessions read them in a second pass (joined.ts).
  let joined: JoinedReducers | undefined;
  try {
    if (engine === "duckdb") {
      reducer = collectRecords();
    } else if (plan.sessions !== undefined) {
      const joins = new Set(
        plan.metrics.filter(({ metric }) => metric.joins).map(({ column }) => column),
      );
      joined = joinedReducers(metrics, joins, build, (tickets, sessions) =>
        plan.format === "html"
          ? reportDataSideBySide(
              tickets as ReportData | undefined,
              sessions as ReportData,
              plan.keys,
            )
          : sideBySide((tickets ?? []) as Row[], sessions as Row[], plan.keys),
      );
      reducer = joined.tickets as AnyReducer;
    } else {
      reducer = build(metrics);
    }
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const pass = native
    ? { state: null, summaries: native.summaries, latest: Number.NEGATIVE_INFINITY }
    : await runPass(plan, reducer, io, plan.needsLatest);
  const sessionsPass = joined && (await runPass(sessionsPlan(plan), joined.sessions, io, false));
  if (sessionsPass) pass.summaries.push(...sessionsPass.summaries);
  latest = Number.isFinite(pass.latest) ? pass.latest : 0;
  const total = combinedSummary(pass.summaries);
  if (plan.strict && total.rejected > 0) {
    for (const { file, summary } of pass.summaries)
      for (const line of rejectionLines(file, summary.rejections)) io.stderr.write(`${line}\n`);
    io.stderr.write(
      `support-metrics: ${total.rejected} of ${total.read} rows rejected (--strict); no report written\n`,
    );
    return 2;
  }
  const none = nothingValid(total, io);
  if (none !== null) {
    if (!plan.quiet) printSummaries(pass.summaries, io, options);
    return none;
  }
  const result = (
    native?.rows
      ? native.rows
      : engine === "duckdb"
        ? await duckdbReportRows(plan, reducer.result(pass.state) as object[])
        : joined && sessionsPass
          ? joined.result(pass.state as never, sessionsPass.state)
          : reducer.result(pass.state)
  ) as Record<string, unknown>[] | ReportData;
  // The state (the rollups' exact durations: most of the heap) is not read again: let the
  // collector take it before the output is rendered (issue 11: the HTML report's peak).
  (pass as { state: unknown }).state = null;
  const data = Array.isArray(result) ? undefined : result;
  const allRows = (data ? data.rows : result) as Record<string, unknown>[];

  // Rows a metric could not place in any period (unresolved tickets for resolution time) hold
  // only exclusions: they are counted in the summary, not shown as a row.
  const placed = plan.period === undefined ? allRows : allRows.filter((row) => row.period !== null);
  // --change: each metric cell against the previous period or the same one a year earlier.
  const rows = plan.change
    ? withChange(placed, {
        against: plan.change,
        ...(plan.interval ? { level: plan.interval } : {}),
      })
    : placed;
  const flows = plan.metrics.filter(({ metric }) => resolveMetric(metric).placement.by !== "stock");
  const account = readReport(
    total,
    Object.fromEntries(flows.map(({ column }) => [column, allRows])),
  );
  if (sessionsPass) {
    // The ticket metrics saw the tickets only: their use is counted against the tickets read.
    const ticketsRead = combinedSummary(pass.summaries.slice(0, plan.files.length));
    const tickets = readReport(
      ticketsRead,
      Object.fromEntries(
        flows.filter(({ metric }) => !metric.joins).map(({ column }) => [column, allRows]),
      ),
    );
    Object.assign(account.metrics, tickets.metrics);
  }
  if (!plan.quiet) {
    printSummaries(pass.summaries, io, options);
    io.stderr.write(`${describeReadReport(account)}\n`);
    const summaries = pass.summaries.map(({ summary }) => summary);
    for (const { column, fields } of metricsWithoutColumns(plan.metrics, summaries, plan.mapping))
      io.stderr.write(`${column}: no source column for ${fields.join(", ")}\n`);
  }

  const judgedAt = plan.asOf ?? (plan.needsLatest ? latest : undefined);
  const meta: RunMeta = {
    title: `Support metrics: ${files.join(", ")}`,
    generatedAt: new Date(io.now ? io.now() : Date.now()).toISOString(),
    by: options.by === "none" ? [] : [...(plan.period ? [plan.period] : []), ...plan.keys],
    timeZone: plan.timeZone,
    metrics: plan.metrics.map(({ column }) => column),
    kind: plan.kind,
    files,
    ...(plan.sessions === undefined ? {} : { sessions: plan.sessions.file }),
    ...(plan.preset === undefined ? {} : { preset: plan.preset }),
    ...(plan.placeBy === "event" ? {} : { placeBy: plan.placeBy }),
    ...(plan.policiesFile !== undefined && judgedAt !== undefined
      ? { policies: plan.policiesFile, asOf: new Date(judgedAt).toISOString() }
      : {}),
  };
  const text = await render(plan, rows, data, meta, account);
  if (plan.out !== undefined) {
    try {
      await writeFile(plan.out, text);
    } catch (error) {
      throw new UsageError(
        `--out ${plan.out}: cannot write (${(error as { code?: string }).code ?? error})`,
      );
    }
    if (!plan.quiet) io.stderr.write(`wrote ${plan.out}\n`);
  } else {
    io.stdout.write(text);
  }
  return 0;
}

async function staffingCommand(
  files: string[],
  options: StaffingCommandOptions,
  io: CliIO,
): Promise<number> {
  // Every flag is checked before a byte is read.
  const plan = planStaffing(options);
  const input = await planInput(files, options, io);
  try {
    const run = await runStaffing(plan, input, io);
    const total = combinedSummary(run.summaries);
    if (input.strict && total.rejected > 0) {
      for (const { file, summary } of run.summaries)
        for (const line of rejectionLines(file, summary.rejections)) io.stderr.write(`${line}\n`);
      io.stderr.write(
        `support-metrics: ${total.rejected} of ${total.read} rows rejected (--strict); no table written\n`,
      );
      return 2;
    }
    const none = nothingValid(total, io);
    if (!input.quiet) {
      printSummaries(run.summaries, io, options);
      if (none === null) io.stderr.write(`${staffingSummary(run)}\n`);
    }
    if (none !== null) return none;
    const text = staffingText(plan, run, {
      files,
      kind: input.kind,
      timeZone: input.timeZone,
      generatedAt: new Date(io.now ? io.now() : Date.now()),
    });
    await writeOutput(text, plan.out, input.quiet, io);
    return 0;
  } finally {
    await input.cleanup();
  }
}

/** Writes a command's output to `--out`, or to stdout. */
async function writeOutput(
  text: string,
  out: string | undefined,
  quiet: boolean,
  io: CliIO,
): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    await writeFile(out, text);
  } catch (error) {
    throw new UsageError(
      `--out ${out}: cannot write (${(error as { code?: string }).code ?? error})`,
    );
  }
  if (!quiet) io.stderr.write(`wrote ${out}\n`);
}

async function validate(file: string, options: InputOptions, io: CliIO): Promise<number> {
  const plan = await planInput([file], options, io);
  try {
    return await validatePlanned(plan, file, io);
  } finally {
    await plan.cleanup();
  }
}

async function validatePlanned(plan: InputPlan, file: string, io: CliIO): Promise<number> {
  // Every default metric that needs nothing more, so each exclusion rule is counted.
  const metrics: Record<string, AnyReducer> = {};
  for (const metric of metricsFor(plan.kind)) {
    if (!metric.byDefault || requiredOptions(metric).length > 0) continue;
    if (resolveMetric(metric).placement.by === "stock") continue;
    metrics[metric.name] = metric.reducer();
  }
  const reducer = rollupReducer({ metrics });
  let rows: Record<string, unknown>[] = [];
  let readFailure: string | null = null;
  let summaries: FileSummary[] = [];
  try {
    const pass = await runPass(plan, reducer as AnyReducer, io, false);
    summaries = pass.summaries;
    rows = reducer.result(pass.state) as Record<string, unknown>[];
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    readFailure = error.message;
  }
  const summary = summaries[0]?.summary;
  const out: string[] = [];
  if (summary && summary.duplicateCopies.length > 0) {
    out.push("file\tline\tid\tleft out because");
    for (const copy of summary.duplicateCopies) {
      out.push(
        [file, copy.place.at, copy.id, describeCopy(file, copy).replace(/^line \d+: /, "")]
          .map((cell) => String(cell).replace(/[\t\r\n]/g, " "))
          .join("\t"),
      );
    }
    if (summary.duplicates > summary.duplicateCopies.length)
      out.push(`... and ${summary.duplicates - summary.duplicateCopies.length} more`);
    out.push("");
  }
  if (summary && summary.rejections.length > 0) {
    out.push("file\tline\tcolumn\tfield\treason");
    for (const r of summary.rejections) {
      out.push(
        [file, r.line, r.column ?? "", r.path.length === 0 ? "(row)" : r.path.join("."), r.message]
          .map((cell) => String(cell).replace(/[\t\r\n]/g, " "))
          .join("\t"),
      );
    }
    if (summary.rejected > summary.rejections.length)
      out.push(`... and ${summary.rejected - summary.rejections.length} more`);
    out.push("");
  }
  const kindName = kindText(plan.kind);
  if (summary) {
    out.push(`${file}: ${summary.format}, ${kindName}`);
    const encoding = encodingLine(file, summary);
    if (encoding !== null) out.push(encoding);
    if (summary.columns) {
      out.push(`columns read: ${summary.columns.used.join(", ") || "(none)"}`);
      if (summary.columns.ignored.length > 0)
        out.push(`columns ignored: ${summary.columns.ignored.join(", ")}`);
    }
    out.push(
      describeReadReport(
        readReport(summary, Object.fromEntries(Object.keys(metrics).map((name) => [name, rows]))),
      ),
    );
  }
  io.stdout.write(`${out.join("\n")}\n`);
  if (readFailure !== null) {
    io.stderr.write(`support-metrics: ${readFailure}\n`);
    return 2;
  }
  if (summary && summary.read > 0 && summary.valid === 0) {
    io.stderr.write(`support-metrics: none of the ${summary.read} rows read is valid\n`);
    return 2;
  }
  if (plan.strict && summary && summary.rejected > 0) {
    io.stderr.write(
      `support-metrics: ${summary.rejected} of ${summary.read} rows rejected (--strict)\n`,
    );
    return 2;
  }
  return 0;
}

function commonOptions(command: Command): Command {
  return command
    .option(
      "--kind <kind>",
      "tickets, surveys or queues (default: detected from the columns or fields)",
    )
    .option(
      "--mapping <file>",
      "column mapping JSON: field → column name or { column, format, ... }",
    )
    .option(
      "--tz <zone>",
      "IANA time zone of periods and of zone-less timestamps (default: periods in UTC, and a zone-less timestamp is an error)",
    )
    .option("--input-format <format>", "csv, tsv, ndjson or json (default: from the extension)")
    .option("--strict", "exit with code 2 when any row is rejected")
    .option(
      "--events <spec>",
      "the input is an event log, one row per event: fold it into tickets by case (case=<column>,at=<column>,activity=<column>[,format=<format>][,assignee=<column>], or a JSON file with statuses and messages maps)",
    )
    .option(
      "--duplicates <policy>",
      "a record id seen before, across all files: last (keep the last copy; default), first, reject (later copies are rejected rows) or allow (count every copy)",
    )
    .option("-q, --quiet", "no progress, summary or warnings on stderr");
}

function program(io: CliIO, run: { code: number }): Command {
  const root = new Command("support-metrics")
    .description("Support KPIs from helpdesk exports (CSV, TSV, NDJSON, JSON).")
    .version(packageVersion(), "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run "support-metrics <command> --help" for usage)')
    .addHelpText(
      "after",
      `${REPORT_EXAMPLES}${metricsHelp()}${STAFFING_EXAMPLES}${VALIDATE_EXAMPLES}`,
    );

  commonOptions(
    root
      .command("report")
      .description("compute grouped metrics over one or more files of the same kind")
      .argument(
        "[files...]",
        "input files: tickets or survey responses (- for standard input); none with --engine postgres or --print-sql",
      )
      .option(
        "--by <keys>",
        "period (day, week, isoWeek, month, quarter, year) and fields, comma-separated; none for one row",
        "month",
      )
      .option("--metrics <names>", "metrics, comma-separated (see below)")
      .option(
        "--schedule <file>",
        "working hours JSON (a ScheduleInput): durations in business time",
      )
      .option(
        "--policies <file>",
        "SLA policies JSON (an array of SlaPolicyInput): adds the sla metric (SLA attainment %)",
      )
      .option(
        "--as-of <date>",
        "instant SLA targets are judged at (default: the latest timestamp in the input)",
      )
      .option(
        "--preset <vendor>",
        "vendor definitions: zendesk, freshdesk, intercom, helpscout, chatwoot",
      )
      .option("--statistic <name>", "headline of duration metrics: mean, median, p90, p95")
      .addOption(
        new Option("--format <format>", "output format (default: from --out, else table)").choices([
          ...OUTPUT_FORMATS,
        ]),
      )
      .option("-o, --out <file>", "write the output to a file instead of stdout")
      .option("--from <date>", "first period (with --to): every period in the range gets a row")
      .option("--to <date>", "end of the range (exclusive)")
      .option(
        "--place-by <event|created>",
        "period of a ticket's metrics: each metric's own event (default) or the ticket's creation",
      )
      .option(
        "--sessions <file>",
        "self-service sessions (id, startedAt, kind, customerId) to join with the tickets: adds the self-service metrics (see below)",
      )
      .option(
        "--max-rows <n>",
        `most rows (periods × key combinations) the report may make (default: ${DEFAULT_MAX_ROWS})`,
      )
      .option(
        "--interval [level]",
        "confidence intervals for rates, scores and durations (default level 0.95; 90 or 0.9 for 90 %)",
      )
      .option(
        "--target <metric=value[@deadline]>",
        "a KPI target, repeatable: baseline the first period, progress and pace at the last (deadline: the last period's end)",
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option(
        "--change <previous|year>",
        "each metric's change against the previous period or the same period a year earlier, with its p-value and whether it is noise",
      )
      .option(
        "--engine <engine>",
        "js (in memory), duckdb (the metrics compiled to SQL, a CSV file read by DuckDB; needs @duckdb/node-api) or postgres (a table on a server, with --db and --table; needs pg); default js, or duckdb for a CSV file of 100 MB or more when installed",
      )
      .option(
        "--db <connection string>",
        "--engine postgres: the server (default: SUPPORT_METRICS_DB, else PGHOST/PGDATABASE; keep the password in PGPASSWORD)",
      )
      .option(
        "--table <name>",
        "--engine postgres, --print-sql: the table or view of records, columns named as the fields (name or schema.name, each part as written)",
      )
      .option(
        "--print-sql <dialect>",
        `print the report's SQL in a dialect (${Object.keys(DIALECTS).join(", ")}) with its parameters, and read no data`,
      ),
  )
    .addHelpText("after", `${REPORT_EXAMPLES}${metricsHelp()}`)
    .action(async (files: string[], options: ReportOptions) => {
      run.code = await report(files, options, io);
    });

  root
    .command("cohorts")
    .description(
      "print the cohort triangle of a purchase or subscription log: customers by the period they started in, active and paying in each period since",
    )
    .argument(
      "<files...>",
      "purchases (customerId, purchasedAt, amount) or subscription changes (customerId, at, mrr)",
    )
    .option(
      "--kind <kind>",
      `${COHORT_KINDS.join(" or ")} (default: subscriptions when there is an mrr column)`,
    )
    .option(
      "--period <unit>",
      "the cohorts' period and step: day, week, isoWeek, month, quarter, year",
      "month",
    )
    .option(
      "--tz <zone>",
      "IANA time zone of periods and of zone-less timestamps (default: periods in UTC)",
    )
    .option("--as-of <date>", "last instant observed (default: the latest in the input)")
    .option(
      "--customers <file>",
      "customers (id, startedAt, segment): each in the cohort of its start",
    )
    .option("--segment", "one triangle per customer segment (read from --customers)")
    .option(
      "--measures <names>",
      `cells of the table, comma-separated: ${COHORT_MEASURES.join(", ")} (default: customers,revenue)`,
    )
    .option(
      "--mapping <file>",
      "column mapping JSON of the log: field → column name or { column, format, ... }",
    )
    .option("--input-format <format>", "csv, tsv, ndjson or json (default: from the extension)")
    .addOption(
      new Option("--format <format>", "output format (default: from --out, else table)").choices([
        "table",
        "markdown",
        "csv",
        "json",
      ]),
    )
    .option("-o, --out <file>", "write the output to a file instead of stdout")
    .option("--strict", "exit with code 2 when any row is rejected")
    .option("-q, --quiet", "no summary on stderr")
    .addHelpText("after", COHORTS_EXAMPLES)
    .action(async (files: string[], options: CohortsOptions) => {
      run.code = await cohorts(files, options, io);
    });

  commonOptions(
    root
      .command("staffing")
      .description(
        "agents needed per weekday and interval (Erlang C) from the arrivals in a ticket or queue log",
      )
      .argument("<files...>", "input files: tickets or queue contacts (- for standard input)")
      .option("--aht <seconds>", "average handle time in seconds (required)")
      .option("--target <seconds>", "answer time the service level counts against", "20")
      .option(
        "--service-level <fraction>",
        "share of contacts to answer within the target, below 1",
        "0.8",
      )
      .option("--max-occupancy <fraction>", "highest share of time agents may be busy (default 1)")
      .option("--shrinkage <fraction>", "share of paid time agents are unavailable (default 0)")
      .option("--interval <minutes>", "interval length: 15, 30 or 60", "60")
      .option(
        "--from <date>",
        "start of the observed range (with --to; default: whole days of the data)",
      )
      .option("--to <date>", "end of the observed range (exclusive)")
      .addOption(
        new Option("--format <format>", "output format (default: from --out, else table)").choices([
          ...STAFFING_FORMATS,
        ]),
      )
      .option("-o, --out <file>", "write the output to a file instead of stdout"),
  )
    .addHelpText("after", STAFFING_EXAMPLES)
    .action(async (files: string[], options: StaffingCommandOptions) => {
      run.code = await staffingCommand(files, options, io);
    });

  commonOptions(
    root
      .command("validate")
      .description(
        "list the rejected rows of a file (file, line, column, field, reason) and the summary",
      )
      .argument("<file>", "input file (- for standard input)"),
  )
    .addHelpText("after", VALIDATE_EXAMPLES)
    .action(async (file: string, options: InputOptions) => {
      run.code = await validate(file, options, io);
    });
  root.commands.forEach((command) => {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  });
  return root;
}

/**
 * Runs the CLI over `argv` (the arguments after the program name) and returns the exit code:
 * 0 ok, 1 usage error (unknown option or metric, missing file), 2 invalid data (a read error,
 * or rejected rows under `--strict`). User mistakes print one line, never a stack trace.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const run = { code: 0 };
  try {
    await program(io, run).parseAsync(argv, { from: "user" });
    return run.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has printed usage errors already.
      return error.exitCode === 0 ? 0 : 1;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`support-metrics: ${error.message}\n`);
      return 1;
    }
    if (error instanceof DataError) {
      io.stderr.write(`support-metrics: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RowLimitError) {
      io.stderr.write(`support-metrics: ${rowLimitText(error)}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`support-metrics: ${message}\n`);
    if (process.env.SUPPORT_METRICS_DEBUG && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
