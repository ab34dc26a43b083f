/**
 * The `support-metrics` command line: `report` (grouped KPIs from helpdesk exports) and
 * `validate` (the rejected-row report of one file). `main` runs in-process and returns the exit
 * code: 0 ok, 1 usage error, 2 invalid data (a read error, or rejected rows under `--strict`).
 */
import { writeFile } from "node:fs/promises";
import { Command, CommanderError, Option } from "commander";
import { rollup, rollupReducer } from "../aggregate/rollup.ts";
import { foldAsync, rollupAsync } from "../aggregate/stream.ts";
import type { ColumnMapping } from "../node/mapping.ts";
import { RECORD_FIELDS } from "../node/mapping.ts";
import { describeRowRejection, type ReadSummary, type RowRejection } from "../node/readRecords.ts";
import { describeReadReport, readReport } from "../node/report.ts";
import { ReadError } from "../node/rows.ts";
import type { FileFormat } from "../node/source.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import type { Statistic } from "../reduce/results.ts";
import { ValidationError } from "../schemas/validate.ts";
import type { SlaPolicyInput } from "../sla/policy.ts";
import { schedule as makeSchedule, type ScheduleInput } from "../time/schedule.ts";
import { checkTimeZone } from "../time/zone.ts";
import {
  flatten,
  OUTPUT_FORMATS,
  type OutputFormat,
  toCsv,
  toMarkdown,
  toTable,
} from "./format.ts";
import { fileSize, inputFormat, kindOf, openReader, readJsonOption } from "./input.ts";
import {
  buildReducers,
  type CliKind,
  DEFAULT_METRICS,
  type MetricSpec,
  metricSpec,
  UsageError,
} from "./metrics.ts";
import { progress } from "./progress.ts";

/** Where the CLI writes, and whether stderr is a terminal (progress is shown only then). */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether stderr is a terminal. */
  isTTY: boolean;
  /** The clock, for progress and `generatedAt` (tests pass a fixed one). */
  now?: () => number;
}

/** A data problem: exit code 2. */
class DataError extends Error {}

const PERIOD_UNITS = ["day", "week", "isoWeek", "month", "quarter", "year"];
const STATISTICS: readonly Statistic[] = ["mean", "median", "p90", "p95"];

const REPORT_EXAMPLES = `
Examples:
  $ support-metrics report tickets.csv
  $ support-metrics report tickets.csv --by month,channel --tz Europe/Berlin
  $ support-metrics report jan.ndjson feb.ndjson --metrics frt,resolution,backlog --format csv --out kpis.csv
  $ support-metrics report tickets.csv --schedule hours.json --preset zendesk --format markdown
  $ support-metrics report tickets.csv --policies policies.json --schedule hours.json --out report.html
  $ support-metrics report surveys.csv --metrics csat,nps --by quarter,channel --format json
  $ support-metrics report export.csv --mapping mapping.json --strict

Metrics (short name → library reducer; durations in seconds, shown in hours in tables):
  tickets: volume, frt, reply, resolution, full-resolution, requester-wait, agent-wait,
           on-hold, handle, one-touch (fcr), reopen, escalation, backlog,
           sla (with --policies)
  surveys: csat, nps, ces, response-rate
  Default: volume,frt,resolution,one-touch,reopen,escalation,backlog for tickets;
           csat,nps,ces for survey responses. --policies adds sla.
`;

const VALIDATE_EXAMPLES = `
Examples:
  $ support-metrics validate tickets.csv
  $ support-metrics validate export.csv --mapping mapping.json --tz America/New_York
  $ support-metrics validate surveys.ndjson --strict   # exit code 2 when any row is rejected
`;

function list(value: string): string[] {
  return value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function zone(tz: string): string {
  try {
    return checkTimeZone(tz, "--tz");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function sameKind(kinds: CliKind[], files: string[]): CliKind {
  const first = kinds[0] as CliKind;
  kinds.forEach((kind, i) => {
    if (kind !== first) {
      throw new UsageError(
        `${files[i]} holds ${kind === "tickets" ? "tickets" : "survey responses"} but ${files[0]} holds ${first === "tickets" ? "tickets" : "survey responses"}; report one kind at a time`,
      );
    }
  });
  return first;
}

function outputFormatOf(given: string | undefined, out: string | undefined): OutputFormat {
  if (given !== undefined) return given as OutputFormat;
  const ext = out === undefined ? undefined : /\.([^./\\]+)$/.exec(out)?.[1]?.toLowerCase();
  const byExt: Record<string, OutputFormat> = {
    json: "json",
    csv: "csv",
    md: "markdown",
    markdown: "markdown",
    html: "html",
    htm: "html",
  };
  return (ext === undefined ? undefined : byExt[ext]) ?? "table";
}

interface CommonOptions {
  kind?: string;
  mapping?: string;
  tz: string;
  inputFormat?: string;
  strict?: boolean;
  quiet?: boolean;
}

interface ReportOptions extends CommonOptions {
  by: string;
  metrics?: string;
  schedule?: string;
  policies?: string;
  asOf?: string;
  preset?: string;
  statistic?: string;
  format?: string;
  out?: string;
  from?: string;
  to?: string;
}

interface Opened {
  file: string;
  size: number;
  format: FileFormat;
}

async function openFiles(files: string[], options: CommonOptions) {
  const opened: Opened[] = [];
  for (const file of files) {
    const size = await fileSize(file);
    opened.push({ file, size, format: inputFormat(file, options.inputFormat) });
  }
  let mapping: ColumnMapping | undefined;
  if (options.mapping !== undefined) {
    const json = await readJsonOption(options.mapping, "--mapping");
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
      throw new UsageError(`--mapping ${options.mapping}: must be a JSON object of field → column`);
    }
    mapping = json as ColumnMapping;
  }
  const kinds: CliKind[] = [];
  for (const { file, format } of opened)
    kinds.push(await kindOf(file, format, options.kind, mapping));
  return { opened, mapping, kind: sameKind(kinds, files) };
}

/** Reads the files one after another, with progress; summaries are filled as they go. */
function records(
  opened: Opened[],
  settings: { kind: CliKind; mapping: ColumnMapping | undefined; timeZone: string },
  io: CliIO,
  quiet: boolean,
  summaries: { file: string; summary: ReadSummary }[],
  keep?: unknown[],
): AsyncIterable<unknown> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const { file, size, format } of opened) {
        const { reader, bytes } = openReader(file, {
          kind: settings.kind,
          format,
          timeZone: settings.timeZone,
          ...(settings.mapping === undefined ? {} : { mapping: settings.mapping }),
        });
        summaries.push({ file, summary: reader.summary });
        const bar = progress(io.stderr, file, size, io.isTTY && !quiet, io.now);
        try {
          for await (const record of reader) {
            bar.tick(reader.summary.read, bytes());
            keep?.push(record);
            yield record;
          }
        } catch (error) {
          if (error instanceof ReadError) {
            const line = error.line === null ? "" : `line ${error.line}: `;
            throw new DataError(`${file}: ${line}${error.message}`);
          }
          if (error instanceof ValidationError) throw new DataError(`${file}: ${error.message}`);
          throw error;
        } finally {
          bar.done();
        }
      }
    },
  };
}

function rejectionLines(file: string, rejections: readonly RowRejection[]): string[] {
  return rejections.map((r) => `${file}: ${describeRowRejection(r)}`);
}

function combined(summaries: { summary: ReadSummary }[]): ReadSummary {
  const first = summaries[0]?.summary as ReadSummary;
  return {
    ...first,
    done: summaries.every((s) => s.summary.done),
    read: summaries.reduce((n, s) => n + s.summary.read, 0),
    valid: summaries.reduce((n, s) => n + s.summary.valid, 0),
    rejected: summaries.reduce((n, s) => n + s.summary.rejected, 0),
    rejections: summaries.flatMap((s) => s.summary.rejections),
  };
}

/** The latest instant in a record: its own timestamps and those of its messages and events. */
function latestTime(record: unknown): number {
  let latest = Number.NEGATIVE_INFINITY;
  const visit = (value: unknown, depth: number) => {
    if (value instanceof Date) {
      if (!Number.isNaN(value.getTime())) latest = Math.max(latest, value.getTime());
    } else if (Array.isArray(value) && depth < 2) {
      for (const item of value) visit(item, depth + 1);
    } else if (typeof value === "object" && value !== null && depth < 2) {
      for (const field of Object.values(value)) visit(field, depth + 1);
    }
  };
  visit(record, 0);
  return latest;
}

/** The HTML report, loaded only for `--format html` (it pulls in the chart library). */
async function loadHtmlRenderer(): Promise<typeof import("../report/html.ts").renderHtmlReport> {
  return (await import("../report/html.ts")).renderHtmlReport;
}

/**
 * The HTML report: the rows, plus exact totals by period and one breakdown per key, computed
 * again over the records kept (a duration's median cannot be combined from group medians).
 */
async function html(
  rows: Record<string, unknown>[],
  records: unknown[],
  kind: CliKind,
  options: {
    metrics: Record<string, AnyReducer<never>>;
    by: Record<string, string>;
    timeZone: string;
  },
  keys: string[],
  sla: boolean,
  meta: { title: string; generatedAt: string; by: string[]; timeZone: string; metrics: string[] },
): Promise<string> {
  const renderHtmlReport = await loadHtmlRenderer();
  const again = (by: Record<string, string>) =>
    (rollup(records as never[], { ...options, by } as never) as Record<string, unknown>[]).filter(
      (row) => by.period === undefined || row.period !== null,
    );
  const period: Record<string, string> =
    options.by.period === undefined ? {} : { period: options.by.period };
  const breakdowns: Record<string, Record<string, unknown>[]> = {};
  for (const key of keys) breakdowns[key] = again({ ...period, [key]: key });
  const totals = keys.length === 0 ? rows : again(period);
  return renderHtmlReport({
    rows: rows as never,
    totals: totals as never,
    breakdowns: breakdowns as never,
    // The SLA section reads the `sla` column of the rows by period alone.
    ...(sla ? { sla: totals.map((row) => ({ period: row.period, sla: row.sla })) as never } : {}),
    ...(kind === "tickets" ? { tickets: records as never } : {}),
    meta: { ...meta, generatedAt: new Date(meta.generatedAt) },
  });
}

async function report(files: string[], options: ReportOptions, io: CliIO): Promise<number> {
  const timeZone = zone(options.tz);
  const format = outputFormatOf(options.format, options.out);
  if (options.statistic !== undefined && !STATISTICS.includes(options.statistic as Statistic)) {
    throw new UsageError(
      `--statistic must be one of ${STATISTICS.join(", ")}, got "${options.statistic}"`,
    );
  }
  const { opened, mapping, kind } = await openFiles(files, options);

  let scheduleInput: ScheduleInput | undefined;
  if (options.schedule !== undefined) {
    scheduleInput = (await readJsonOption(options.schedule, "--schedule")) as ScheduleInput;
    try {
      makeSchedule(scheduleInput);
    } catch (error) {
      throw new UsageError(`--schedule ${options.schedule}: ${(error as Error).message}`);
    }
  }

  // Backlog is a stock, read at each period's end: without a period there is no instant to read
  // it at, so the defaults leave it out and asking for it is a usage error.
  const groupedByPeriod =
    options.by !== "none" && list(options.by).some((name) => PERIOD_UNITS.includes(name));
  const names =
    options.metrics === undefined
      ? DEFAULT_METRICS[kind].filter((name) => groupedByPeriod || name !== "backlog")
      : list(options.metrics);
  if (names.length === 0) throw new UsageError("--metrics must name at least one metric");
  if (!groupedByPeriod && names.includes("backlog")) {
    throw new UsageError(
      `metric "backlog" is measured at each period's end: add a period to --by (${PERIOD_UNITS.join(", ")})`,
    );
  }

  // SLA attainment: --policies adds the `sla` metric; `asOf` is --as-of, else the latest
  // timestamp of the input (known only once it is read, so the records are held).
  let policies: SlaPolicyInput[] | undefined;
  if (options.policies !== undefined) {
    const json = await readJsonOption(options.policies, "--policies");
    if (!Array.isArray(json)) {
      throw new UsageError(
        `--policies ${options.policies}: must be a JSON array of SLA policies, got ${json === null ? "null" : typeof json}`,
      );
    }
    if (kind !== "tickets") {
      throw new UsageError(`--policies ${options.policies}: SLA policies apply to tickets only`);
    }
    policies = json as SlaPolicyInput[];
    if (!names.includes("sla")) names.push("sla");
  } else if (names.includes("sla")) {
    throw new UsageError(
      'metric "sla" needs --policies FILE (a JSON array of SLA policies); see --help',
    );
  }
  let asOf: Date | undefined;
  if (options.asOf !== undefined) {
    asOf = new Date(options.asOf);
    if (Number.isNaN(asOf.getTime())) {
      throw new UsageError(`--as-of must be a date or timestamp, got "${options.asOf}"`);
    }
  }
  const slaSettings = (at: Date) =>
    policies === undefined || options.policies === undefined
      ? {}
      : { sla: { policies, asOf: at, file: options.policies } };
  const warn = (message: string) => {
    if (!options.quiet) io.stderr.write(`support-metrics: ${message}\n`);
  };
  let built: { reducers: Record<string, AnyReducer<never>>; specs: MetricSpec[] };
  try {
    built = buildReducers(
      names,
      kind,
      {
        ...(options.statistic === undefined ? {} : { statistic: options.statistic as Statistic }),
        ...(scheduleInput === undefined ? {} : { schedule: scheduleInput }),
        ...(options.preset === undefined ? {} : { preset: options.preset }),
        // Checked now with a stand-in instant when --as-of is not given; built again below.
        ...slaSettings(asOf ?? new Date(0)),
      },
      warn,
    );
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
  const { reducers, specs } = built;
  const hasSla = Object.hasOwn(reducers, "sla");
  const deferAsOf = hasSla && asOf === undefined;

  const byNames = options.by === "none" ? [] : list(options.by);
  const periods = byNames.filter((name) => PERIOD_UNITS.includes(name));
  if (periods.length > 1) throw new UsageError(`--by takes one period, got ${periods.join(", ")}`);
  const fields = RECORD_FIELDS[kind].fields;
  const keys = byNames.filter((name) => !PERIOD_UNITS.includes(name));
  for (const key of keys) {
    if (!Object.hasOwn(fields, key) || !["text", "number", "boolean"].includes(fields[key] ?? "")) {
      throw new UsageError(
        `--by: "${key}" is neither a period (${PERIOD_UNITS.join(", ")}) nor a field of the records (${Object.keys(
          fields,
        )
          .filter((f) => ["text", "number", "boolean"].includes(fields[f] ?? ""))
          .join(", ")})`,
      );
    }
    if (Object.hasOwn(reducers, key)) throw new UsageError(`--by: "${key}" is also a metric name`);
  }
  const by: Record<string, string> = {};
  if (periods[0] !== undefined) by.period = periods[0];
  for (const key of keys) by[key] = key;
  if ((options.from === undefined) !== (options.to === undefined)) {
    throw new UsageError("--from and --to go together");
  }
  if (options.from !== undefined && by.period === undefined) {
    throw new UsageError("--from and --to need a period in --by");
  }
  const rollupOptions = {
    metrics: reducers,
    by,
    timeZone,
    ...(options.from !== undefined && options.to !== undefined
      ? { range: { start: options.from, end: options.to } }
      : {}),
  };
  let reducer: ReturnType<typeof rollupReducer<never, typeof reducers>>;
  try {
    reducer = rollupReducer(rollupOptions as never);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const summaries: { file: string; summary: ReadSummary }[] = [];
  // The HTML report needs the records themselves (distributions, the per-ticket table, totals).
  // So does SLA attainment without --as-of: its instant is the input's latest timestamp.
  const kept: unknown[] | undefined = format === "html" || deferAsOf ? [] : undefined;
  const source = records(
    opened,
    { kind, mapping, timeZone },
    io,
    options.quiet === true,
    summaries,
    kept,
  );
  // Stock metrics by period without a range: hold the open-ended stock records until the last period is
  // known (what rollupAsync refuses to do silently); with --from/--to, stream.
  const stock = specs.some((spec) => spec.stock) && by.period !== undefined;
  let allRows: Record<string, unknown>[];
  if (deferAsOf) {
    let latest = Number.NEGATIVE_INFINITY;
    for await (const record of source) latest = Math.max(latest, latestTime(record));
    asOf = new Date(Number.isFinite(latest) ? latest : 0);
    reducers.sla = metricSpec("sla").make({
      ...(scheduleInput === undefined ? {} : { schedule: scheduleInput }),
      ...slaSettings(asOf),
    }) as AnyReducer<never>;
    allRows = rollup((kept ?? []) as never[], rollupOptions as never) as Record<string, unknown>[];
  } else {
    allRows = (
      stock && !("range" in rollupOptions)
        ? reducer.result(await foldAsync(source as AsyncIterable<never>, reducer))
        : await rollupAsync(source as AsyncIterable<never>, rollupOptions as never)
    ) as Record<string, unknown>[];
  }

  const total = combined(summaries);
  if (options.strict && total.rejected > 0) {
    for (const { file, summary } of summaries)
      for (const line of rejectionLines(file, summary.rejections)) io.stderr.write(`${line}\n`);
    io.stderr.write(
      `support-metrics: ${total.rejected} of ${total.read} rows rejected (--strict); no report written\n`,
    );
    return 2;
  }

  // Rows a metric could not place in any period (unresolved tickets for resolution time) hold
  // only exclusions: they are counted in the summary, not shown as a row.
  const rows = by.period === undefined ? allRows : allRows.filter((row) => row.period !== null);
  const flowResults = Object.fromEntries(
    specs.filter((spec) => !spec.stock).map((spec) => [spec.name, allRows]),
  );
  const account = readReport(total, flowResults);
  if (!options.quiet) {
    for (const { file, summary } of summaries) {
      io.stderr.write(
        `${file}: ${summary.read} rows read, ${summary.valid} valid, ${summary.rejected} rejected\n`,
      );
      if (summary.rejected > 0) {
        for (const line of rejectionLines(file, summary.rejections.slice(0, 5)))
          io.stderr.write(`  ${line}\n`);
        if (summary.rejected > 5)
          io.stderr.write(`  ... run "support-metrics validate ${file}" for all of them\n`);
      }
    }
    io.stderr.write(`${describeReadReport(account)}\n`);
  }

  const meta = {
    title: `Support metrics: ${files.join(", ")}`,
    generatedAt: new Date(io.now ? io.now() : Date.now()).toISOString(),
    by: byNames,
    timeZone,
    metrics: specs.map((spec) => spec.name),
    kind,
    files,
    ...(options.preset === undefined ? {} : { preset: options.preset }),
    ...(hasSla && asOf !== undefined
      ? { policies: options.policies, asOf: asOf.toISOString() }
      : {}),
  };
  let text: string;
  if (format === "json") {
    text = `${JSON.stringify({ meta, rows, summary: account }, null, 2)}\n`;
  } else if (format === "html") {
    text = await html(rows, kept ?? [], kind, { ...rollupOptions, by }, keys, hasSla, meta);
  } else {
    const flat = flatten(rows, keys, specs);
    text =
      format === "csv" ? toCsv(flat) : format === "markdown" ? toMarkdown(flat) : toTable(flat);
  }
  if (options.out !== undefined) {
    try {
      await writeFile(options.out, text);
    } catch (error) {
      throw new UsageError(
        `--out ${options.out}: cannot write (${(error as { code?: string }).code ?? error})`,
      );
    }
    if (!options.quiet) io.stderr.write(`wrote ${options.out}\n`);
  } else {
    io.stdout.write(text);
  }
  return 0;
}

async function validate(file: string, options: CommonOptions, io: CliIO): Promise<number> {
  const timeZone = zone(options.tz);
  const { opened, mapping, kind } = await openFiles([file], options);
  const { reducers, specs } = buildReducers(
    DEFAULT_METRICS[kind].filter((name) => name !== "backlog"),
    kind,
    {},
    () => {},
  );
  const summaries: { file: string; summary: ReadSummary }[] = [];
  const source = records(
    opened,
    { kind, mapping, timeZone },
    io,
    options.quiet === true,
    summaries,
  );
  let rows: Record<string, unknown>[];
  let readFailure: string | null = null;
  try {
    rows = (await rollupAsync(
      source as AsyncIterable<never>,
      { metrics: reducers } as never,
    )) as Record<string, unknown>[];
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    readFailure = error.message;
    rows = [];
  }
  const summary = (summaries[0] as { summary: ReadSummary }).summary;
  const out: string[] = [];
  if (summary.rejections.length > 0) {
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
  const kindName = kind === "tickets" ? "tickets" : "survey responses";
  out.push(`${file}: ${summary.format}, ${kindName}`);
  if (summary.columns) {
    out.push(`columns read: ${summary.columns.used.join(", ") || "(none)"}`);
    if (summary.columns.ignored.length > 0)
      out.push(`columns ignored: ${summary.columns.ignored.join(", ")}`);
  }
  out.push(
    describeReadReport(
      readReport(summary, Object.fromEntries(specs.map((spec) => [spec.name, rows]))),
    ),
  );
  io.stdout.write(`${out.join("\n")}\n`);
  if (readFailure !== null) {
    io.stderr.write(`support-metrics: ${readFailure}\n`);
    return 2;
  }
  if (options.strict && summary.rejected > 0) {
    io.stderr.write(
      `support-metrics: ${summary.rejected} of ${summary.read} rows rejected (--strict)\n`,
    );
    return 2;
  }
  return 0;
}

function commonOptions(command: Command): Command {
  return command
    .option("--kind <kind>", "tickets or surveys (default: detected from the columns or fields)")
    .option(
      "--mapping <file>",
      "column mapping JSON: field → column name or { column, format, ... }",
    )
    .option("--tz <zone>", "IANA time zone of periods and of zone-less timestamps", "UTC")
    .option("--input-format <format>", "csv, tsv, ndjson or json (default: from the extension)")
    .option("--strict", "exit with code 2 when any row is rejected")
    .option("-q, --quiet", "no progress, summary or warnings on stderr");
}

function program(io: CliIO, run: { code: number }): Command {
  const root = new Command("support-metrics")
    .description("Support KPIs from helpdesk exports (CSV, TSV, NDJSON, JSON).")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run "support-metrics <command> --help" for usage)')
    .addHelpText("after", `${REPORT_EXAMPLES}${VALIDATE_EXAMPLES}`);

  commonOptions(
    root
      .command("report")
      .description("compute grouped metrics over one or more files of the same kind")
      .argument("<files...>", "input files: tickets or survey responses")
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
      .option("--to <date>", "end of the range (exclusive)"),
  )
    .addHelpText("after", REPORT_EXAMPLES)
    .action(async (files: string[], options: ReportOptions) => {
      run.code = await report(files, options, io);
    });

  commonOptions(
    root
      .command("validate")
      .description(
        "list the rejected rows of a file (file, line, column, field, reason) and the summary",
      )
      .argument("<file>", "input file"),
  )
    .addHelpText("after", VALIDATE_EXAMPLES)
    .action(async (file: string, options: CommonOptions) => {
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
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`support-metrics: ${message}\n`);
    if (process.env.SUPPORT_METRICS_DEBUG && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
