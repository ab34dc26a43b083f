import { rollupReducer } from "../aggregate/rollup.ts";
import { metricsFor } from "../metrics/catalogue.ts";
import { requiredOptions, resolveMetric } from "../metrics/define.ts";
import { describeReadReport, readReport } from "../node/report.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import type { CliIO } from "./io.ts";
import { type FileSummary, runPass } from "./pass.ts";
import { type InputOptions, type InputPlan, kindText, planInput } from "./plan.ts";
import { describeCopy, encodingLine } from "./summaries.ts";
import { DataError } from "./usage.ts";

export async function validate(file: string, options: InputOptions, io: CliIO): Promise<number> {
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
