import { withChange } from "../aggregate/change.ts";
import { rollupReducer } from "../aggregate/rollup.ts";
import { resolveMetric } from "../metrics/define.ts";
import { describeReadReport, readReport } from "../node/report.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import { type ReportData, reportDataReducer } from "../report/data.ts";
import { collectRecords, duckdbReportRows, engineOf } from "./engine.ts";
import { chooseEngine } from "./engineNative.ts";
import { postgresReport, reportSource } from "./enginePostgres.ts";
import type { CliIO } from "./io.ts";
import {
  type JoinedReducers,
  joinedReducers,
  type Row,
  reportDataSideBySide,
  sessionsPlan,
  sideBySide,
} from "./joined.ts";
import { combinedSummary, runPass } from "./pass.ts";
import { planReport, type ReportOptions, type ReportPlan } from "./plan.ts";
import { printSqlText } from "./printSql.ts";
import { type RunMeta, render } from "./render.ts";
import { htmlMetricReducer } from "./renderHtmlReducer.ts";
import { metricsWithoutColumns } from "./sourceColumns.ts";
import { nothingValid, printSummaries, refusedUnderStrict, writeOutput } from "./summaries.ts";
import { UsageError } from "./usage.ts";

export async function report(files: string[], options: ReportOptions, io: CliIO): Promise<number> {
  const source = reportSource(files, options, process.env);
  if (source === "print-sql") {
    const plan = await planReport([], options, io);
    const text = printSqlText(plan, options.printSql as string, options.table);
    await writeOutput(text, plan.out, plan.quiet, io);
    return 0;
  }
  if (source === "postgres") {
    const done = await postgresReport(options, io, process.env);
    if ("code" in done) return done.code;
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
  const refused = refusedUnderStrict(plan.strict, pass.summaries, io, "report");
  if (refused !== null) return refused;
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
  await writeOutput(await render(plan, rows, data, meta, account), plan.out, plan.quiet, io);
  return 0;
}
