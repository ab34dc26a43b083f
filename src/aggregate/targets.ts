/**
 * KPI targets over a rollup's rows (the definition book's section 5): for each key
 * combination, the baseline is the metric's value in the first period that has one, the
 * current value the last period's that has one, and the target is evaluated at the end of
 * that last period with `evaluateTarget` (progress, the progress the pace calls for, on track
 * or behind, achieved or missed). Works on rows only, like `withChange`.
 */
import { show } from "../reduce/arguments.ts";
import {
  type Direction,
  defineTarget,
  evaluateTarget,
  type TargetEvaluation,
} from "../stats/target.ts";
import type { PeriodLabel } from "./rows.ts";

/** A target for one metric column of the rows. */
export interface RowTarget {
  /** The metric's column in the rows. */
  column: string;
  /** The value to reach. */
  target: number;
  /** Which way the metric gets better (from the catalogue's `better`). */
  direction: Direction;
  /** When the target is due (Date, ISO string with an offset, epoch ms); defaults to the end of the last period. */
  deadline?: Date | string | number;
}

/** A target evaluated for one key combination. */
export interface RowTargetEvaluation extends TargetEvaluation {
  column: string;
  target: number;
  direction: Direction;
  /** The key values of the rows evaluated (empty without keys). */
  keys: Record<string, unknown>;
  /** The first period with a value, and that value; `null` when no period has one. */
  baseline: { period: PeriodLabel; value: number } | null;
  /** The last period with a value: where `current` comes from, its end the instant judged at. */
  latest: PeriodLabel | null;
  /** The deadline, as an ISO instant. */
  deadline: string;
  /** Why the target could not be evaluated (the baseline already past it, no data), or `null`. */
  reason: string | null;
}

/**
 * Evaluates a target over grouped rows, once per key combination (see the file's
 * introduction). Rows without a period are left out.
 *
 * @param rows - A rollup's rows, grouped by a period.
 * @param target - The metric column, the target value, its direction and deadline.
 * @returns One evaluation per key combination, in the rows' order.
 *
 * @example
 * const month = (m) => ({ start: `2024-0${m}-01T00:00:00.000Z`, end: `2024-0${m + 1}-01T00:00:00.000Z`, label: `2024-0${m}` });
 * const rows = [1, 2, 3].map((m, i) => ({ period: month(m), csat: { value: [80, 84, 86][i] } }));
 * // CSAT 80 → 90 by 1 July: at the end of March 86, progress 0.6 against 0.5 of the time
 * const [csat] = evaluateTargets(rows, { column: "csat", target: 90, direction: "higher", deadline: "2024-07-01T00:00:00Z" });
 * [csat.progress, Number(csat.expectedProgress.toFixed(3)), csat.status]
 * //=> [0.6, 0.5, "on-track"]
 */
export function evaluateTargets(
  rows: readonly Record<string, unknown>[],
  target: RowTarget,
): RowTargetEvaluation[] {
  const fn = "evaluateTargets";
  if (!Array.isArray(rows)) throw new TypeError(`${fn}: rows must be an array, got ${show(rows)}`);
  const groups = new Map<
    string,
    { keys: Record<string, unknown>; rows: Record<string, unknown>[] }
  >();
  for (const row of rows) {
    const period = row.period as PeriodLabel | null | undefined;
    if (!period) continue;
    const keys: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      const isCell = typeof value === "object" && value !== null && "value" in value;
      if (name !== "period" && !isCell) keys[name] = value;
    }
    const id = JSON.stringify(keys);
    const group = groups.get(id) ?? { keys, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  const metricValue = (row: Record<string, unknown>) => {
    const value = (row[target.column] as { value?: unknown } | undefined)?.value;
    return typeof value === "number" ? value : null;
  };
  return [...groups.values()].map(({ keys, rows: group }) => {
    const sorted = [...group].sort((a, b) =>
      (a.period as PeriodLabel).start < (b.period as PeriodLabel).start ? -1 : 1,
    );
    const withValue = sorted.filter((row) => metricValue(row) !== null);
    const first = withValue[0];
    const last = withValue[withValue.length - 1];
    const lastPeriod = (sorted[sorted.length - 1] as Record<string, unknown>).period as PeriodLabel;
    const deadline = new Date(target.deadline ?? lastPeriod.end).toISOString();
    const base = {
      column: target.column,
      target: target.target,
      direction: target.direction,
      keys,
      deadline,
    };
    if (!first || !last) {
      return {
        ...base,
        ...evaluateUnknown(),
        baseline: null,
        latest: null,
        reason: "no period has a value",
      };
    }
    const firstPeriod = first.period as PeriodLabel;
    const latest = last.period as PeriodLabel;
    const baseline = { period: firstPeriod, value: metricValue(first) as number };
    try {
      const checked = defineTarget({
        baseline: baseline.value,
        target: target.target,
        start: firstPeriod.start,
        deadline,
        direction: target.direction,
      });
      return {
        ...base,
        ...evaluateTarget(checked, metricValue(last), latest.end),
        baseline,
        latest,
        reason: null,
      };
    } catch (error) {
      return {
        ...base,
        ...evaluateUnknown(),
        baseline,
        latest,
        reason: (error as Error).message.replace(/^defineTarget: /, ""),
      };
    }
  });
}

function evaluateUnknown(): TargetEvaluation {
  return { current: null, progress: null, expectedProgress: 0, onTrack: null, status: "unknown" };
}
