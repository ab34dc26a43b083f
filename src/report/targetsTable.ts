/**
 * The report's KPI targets: one table row per target (and key combination, when the rows
 * are grouped), with the baseline, the latest value, the progress made against the progress
 * the pace calls for, and the status, as `evaluateTargets` worked them out. Values are shown
 * in the metric's display unit, as the cards show them.
 */

import type { RowTargetEvaluation } from "../aggregate/targets.ts";
import { escapeHtml } from "./escape.ts";
import type { ReportMetric } from "./metrics.ts";
import { displayUnit, formatIn } from "./units.ts";

/** Words for a status; `unknown` comes with its reason. */
const STATUS: Readonly<Record<string, string>> = {
  "on-track": "on track",
  behind: "behind",
  achieved: "achieved",
  missed: "missed",
  unknown: "unknown",
};

/**
 * The targets table, or `""` when there are no targets.
 *
 * @param targets - Evaluations over the report's period totals.
 * @param metrics - The report's metrics, for each target's label and unit.
 *
 * @example
 * const evaluation = {
 *   column: "csat", target: 90, direction: "higher", keys: {}, reason: null,
 *   baseline: { period: { label: "2024-01" }, value: 80 }, latest: { label: "2024-03" },
 *   current: 86, progress: 0.6, expectedProgress: 0.5, status: "on-track",
 *   deadline: "2024-07-01T00:00:00.000Z",
 * };
 * const metric = { column: "csat", label: "CSAT", unit: "percent", better: "higher", result: "ratio" };
 * targetsTable([evaluation], [metric]).includes("<td>on track</td>")
 * //=> true
 */
export function targetsTable(
  targets: readonly RowTargetEvaluation[],
  metrics: readonly ReportMetric[],
): string {
  if (targets.length === 0) return "";
  const rows = targets.map((t) => {
    const metric = metrics.find((m) => m.column === t.column);
    const values = [t.target, t.baseline?.value ?? null, t.current ?? null].filter(
      (v): v is number => v !== null,
    );
    const display = displayUnit(metric?.unit ?? "ratio", values);
    const keys = Object.entries(t.keys)
      .map(([name, value]) => `${name} ${String(value)}`)
      .join(", ");
    const progress =
      t.progress === null
        ? "–"
        : `${(100 * t.progress).toFixed(0)} % of the way, ${(100 * t.expectedProgress).toFixed(0)} % of the time`;
    const status = t.reason === null ? (STATUS[t.status] ?? t.status) : `unknown: ${t.reason}`;
    const cells = [
      `${metric?.label ?? t.column}${keys ? ` (${keys})` : ""}`,
      `${t.direction === "higher" ? "≥" : "≤"} ${formatIn(t.target, display)} by ${t.deadline.slice(0, 10)}`,
      t.baseline === null
        ? "–"
        : `${formatIn(t.baseline.value, display)} (${t.baseline.period.label})`,
      t.latest === null ? "–" : `${formatIn(t.current ?? null, display)} (${t.latest.label})`,
      progress,
      status,
    ];
    return `<tr class="target-${escapeHtml(t.reason === null ? t.status : "unknown")}">${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`;
  });
  const head = ["Metric", "Target", "Baseline", "Latest", "Progress", "Status"]
    .map((name) => `<th>${name}</th>`)
    .join("");
  return `<table class="targets"><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
