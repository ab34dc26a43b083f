import { findMetric } from "../metrics/catalogue.ts";
import type { Better, ResultShape, Unit } from "../metrics/define.ts";
import { resolveMetric } from "../metrics/define.ts";

/**
 * The metrics a report shows, each with what the report needs to know about it: its column in
 * the rows, a label, its unit and which way is better. Catalogue metrics are named by their
 * column (their CLI name or key); a user's own reducer is described in full.
 */

/** One metric column of the report. */
export interface ReportMetric {
  /** The column of the rows holding the metric's results. */
  column: string;
  label: string;
  unit: Unit;
  better: Better;
  /** The shape of the results (`"targets"` adds the per-target section of SLA attainment). */
  result?: ResultShape;
}

/**
 * A report metric from a column name found in the catalogue, or as given.
 *
 * @example
 * reportMetric("frt")
 * //=> { column: "frt", label: "First response time", unit: "seconds", better: "lower", result: "duration" }
 */
export function reportMetric(metric: string | ReportMetric): ReportMetric {
  if (typeof metric !== "string") return metric;
  const found = findMetric(metric);
  if (!found) {
    throw new TypeError(
      `renderHtmlReport: metric "${metric}" is not in the catalogue; describe it as { column, label, unit, better }`,
    );
  }
  const { unit, better } = resolveMetric(found);
  return { column: metric, label: found.label, unit, better, result: found.result };
}
