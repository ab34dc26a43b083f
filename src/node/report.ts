import type { ReadSummary } from "./readRecords.ts";

/** How one metric used the valid records. */
export interface MetricUse {
  /**
   * Valid records the metric used: `valid - excludedTotal`; `null` when the metric counted
   * more records than were valid (a grouped stock metric counts a record in every period).
   */
  used: number | null;
  /** Records left out, by the rule that left them out (the metric's `excluded`). */
  excluded: Record<string, number>;
  /** Sum of `excluded`. */
  excludedTotal: number;
}

/** Where every row of a file went: read, rejected, and per metric used or excluded. */
export interface ReadReport {
  /** Rows read (data rows): `valid + rejected + duplicates`. */
  read: number;
  /** Rows that became records. */
  valid: number;
  /** Rows rejected by the reader (see the summary's `rejections` for lines and reasons). */
  rejected: number;
  /** Valid rows left out as copies of a record with the same id (the summary's `duplicateCopies`). */
  duplicates: number;
  /** Whether the whole input was read (false when a read error stopped it). */
  complete: boolean;
  /** Per metric, how the valid records were used. */
  metrics: Record<string, MetricUse>;
}

/** A metric's result (anything with `excluded` counts), or rollup rows holding it by name. */
export type MetricOutcome =
  | { readonly excluded: Readonly<Record<string, number>> }
  | readonly Readonly<Record<string, unknown>>[];

function addExcluded(into: Record<string, number>, excluded: unknown): void {
  if (excluded === null || typeof excluded !== "object") return;
  for (const [reason, count] of Object.entries(excluded)) {
    if (typeof count !== "number") continue;
    // Own keys only, on a prototype-free object: a reason named __proto__ stays a reason.
    into[reason] = (into[reason] ?? 0) + count;
  }
}

/**
 * Combines a reader's summary with metric results into one account of every row: read,
 * rejected by the reader (with reasons in the summary), and for each metric, used or excluded
 * by one of its rules. Pass each metric's result over all the records read (or rollup rows,
 * whose results under the same name are summed: exact for flow metrics, while stock metrics
 * count a record once per period, and then `used` is `null`).
 *
 * @example
 * const summary = { kind: "tickets", format: "csv", done: true, read: 10, valid: 9, rejected: 1, rejections: [], columns: null, error: null };
 * const report = readReport(summary, { frt: { value: 600, excluded: { unanswered: 2 } } });
 * [report.read, report.rejected, report.metrics.frt.used, report.metrics.frt.excluded.unanswered]
 * //=> [10, 1, 7, 2]
 */
export function readReport(
  summary: ReadSummary,
  results: Readonly<Record<string, MetricOutcome>> = {},
): ReadReport {
  const metrics: Record<string, MetricUse> = Object.create(null);
  for (const name of Object.keys(results)) {
    const outcome = results[name];
    const excluded: Record<string, number> = Object.create(null);
    if (Array.isArray(outcome)) {
      for (const row of outcome as readonly Record<string, unknown>[]) {
        const cell = row?.[name] as { excluded?: unknown } | undefined;
        addExcluded(excluded, cell?.excluded);
      }
    } else {
      addExcluded(excluded, (outcome as { excluded?: unknown } | undefined)?.excluded);
    }
    let excludedTotal = 0;
    for (const count of Object.values(excluded)) excludedTotal += count;
    const used = summary.valid - excludedTotal;
    metrics[name] = {
      used: used >= 0 ? used : null,
      excluded: { ...excluded },
      excludedTotal,
    };
  }
  return {
    read: summary.read,
    valid: summary.valid,
    rejected: summary.rejected,
    duplicates: summary.duplicates ?? 0,
    complete: summary.done,
    metrics: { ...metrics },
  };
}

/**
 * The report as lines of text, for a terminal.
 *
 * @example
 * describeReadReport({ read: 10, valid: 9, rejected: 1, complete: true, metrics: { frt: { used: 7, excluded: { unanswered: 2, otherKind: 0 }, excludedTotal: 2 } } })
 * //=> "10 rows read: 9 valid, 1 rejected\nfrt: 7 used, 2 excluded (unanswered 2)"
 */
export function describeReadReport(report: ReadReport): string {
  const copies = report.duplicates ?? 0;
  const duplicates = copies > 0 ? `, ${copies} repeated id${copies === 1 ? "" : "s"} left out` : "";
  const lines = [
    `${report.read} rows read: ${report.valid} valid, ${report.rejected} rejected${duplicates}${report.complete ? "" : " (reading stopped early)"}`,
  ];
  for (const [name, use] of Object.entries(report.metrics)) {
    const reasons = Object.entries(use.excluded)
      .filter(([, count]) => count > 0)
      .map(([reason, count]) => `${reason} ${count}`);
    const used = use.used === null ? "used n/a" : `${use.used} used`;
    lines.push(
      `${name}: ${used}, ${use.excludedTotal} excluded${reasons.length > 0 ? ` (${reasons.join(", ")})` : ""}`,
    );
  }
  return lines.join("\n");
}
