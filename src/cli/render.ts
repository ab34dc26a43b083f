/**
 * The `report` command's output, from the plan and what the pass computed: JSON (the rows as
 * the library gives them), CSV, Markdown or a table (flat columns), or the HTML report.
 */
import { evaluateTargets, type RowTargetEvaluation } from "../aggregate/targets.ts";
import { resolveMetric } from "../metrics/define.ts";
import type { ReadReport } from "../node/report.ts";
import type { ReportData } from "../report/data.ts";
import { flatten, type OutputMetric, toCsv, toMarkdown, toTable } from "./format.ts";
import type { ReportPlan } from "./plan.ts";

/** What the output says about the run, beside the rows. */
export interface RunMeta {
  title: string;
  generatedAt: string;
  by: string[];
  timeZone: string;
  metrics: string[];
  kind: string;
  files: string[];
  /** `--sessions`: the file of self-service sessions joined with the tickets. */
  sessions?: string;
  preset?: string;
  policies?: string;
  asOf?: string;
  /** Present when the rows place ticket metrics by creation (`--place-by created`). */
  placeBy?: string;
}

/** The metric columns with the unit each reports in, for the options it was given. */
export function outputMetrics(plan: ReportPlan): OutputMetric[] {
  return plan.metrics.map(({ metric, column, options }) => ({
    column,
    unit: resolveMetric(metric, options).unit,
  }));
}

/** The HTML report, loaded only for `--format html` (it pulls in the chart library). */
async function html(plan: ReportPlan, data: ReportData, meta: RunMeta, account: ReadReport) {
  const { renderHtmlReport } = await import("../report/html.ts");
  return renderHtmlReport({
    data,
    metrics: plan.metrics.map(({ metric, column, options }) => {
      const { unit, better } = resolveMetric(metric, options);
      return { column, label: metric.label, unit, better, result: metric.result };
    }),
    targets: plan.targets,
    meta: {
      title: meta.title,
      generatedAt: new Date(meta.generatedAt),
      by: meta.by,
      timeZone: meta.timeZone,
      read: account.read,
      rejected: account.rejected,
    },
  });
}

/**
 * The output text.
 *
 * @param rows - The rollup's rows (period-less rows already left out when grouped by period).
 * @param data - The HTML report's data, for `--format html`.
 */
export async function render(
  plan: ReportPlan,
  rows: Record<string, unknown>[],
  data: ReportData | undefined,
  meta: RunMeta,
  account: ReadReport,
): Promise<string> {
  const targets = plan.targets.flatMap((target) => evaluateTargets(rows, target));
  switch (plan.format) {
    case "json":
      return `${JSON.stringify({ meta, rows, summary: account, ...(targets.length > 0 ? { targets } : {}) }, null, 2)}\n`;
    case "html":
      return html(plan, data as ReportData, meta, account);
    default: {
      const flat = flatten(rows, plan.keys, outputMetrics(plan));
      if (plan.format === "csv") return toCsv(flat);
      return `${plan.format === "markdown" ? toMarkdown(flat) : toTable(flat)}${targetLines(targets)}`;
    }
  }
}

const number = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/**
 * `--target`'s evaluations as lines under the table: the target, its baseline, the current
 * value, progress against the pace, and the status (or why there is none).
 */
export function targetLines(targets: readonly RowTargetEvaluation[]): string {
  if (targets.length === 0) return "";
  const lines = targets.map((t) => {
    const keys = Object.entries(t.keys)
      .map(([name, value]) => `${name}=${String(value)}`)
      .join(", ");
    const head = `${t.column}${keys ? ` [${keys}]` : ""} ${t.direction === "higher" ? "≥" : "≤"} ${number(t.target)} by ${t.deadline.slice(0, 10)}`;
    if (t.reason !== null || t.baseline === null || t.progress === null) {
      return `${head}: unknown (${t.reason ?? "no current value"})`;
    }
    return `${head}: baseline ${number(t.baseline.value)} (${t.baseline.period.label}), current ${number(t.current as number)} (${t.latest?.label}), progress ${t.progress.toFixed(2)} against ${t.expectedProgress.toFixed(2)} of the time: ${t.status}`;
  });
  return `\ntargets\n${lines.join("\n")}\n`;
}
