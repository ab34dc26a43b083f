/**
 * Which metrics had no source column: a CSV that lacks the column a metric reads (a reopen
 * count, an escalation flag, a first reply) gives that metric `value: null` and an exclusion
 * per record; this says why in one line, from the catalogue's `reads` and the header, so a
 * missing column is not mistaken for a quiet month (issue 11). Nothing here knows a metric by
 * name: each entry says what it reads.
 */
import type { ColumnMapping } from "../node/mapping.ts";
import type { ReadSummary } from "../node/readRecords.ts";
import type { PlannedMetric } from "./plan.ts";

/** Fields that a ticket derives from its events when they are given as columns. */
const EVENT_FIELDS = ["messages", "statusChanges"];

/**
 * Flat fields the ticket schema fills from others when left out (src/schemas/ticket.ts,
 * `derive`): a resolution time from the other resolution times, a status from them (else
 * "open"). Such a field is given when any of its sources is.
 */
const FILLED_FROM: Readonly<Record<string, readonly string[]>> = {
  firstResolvedAt: ["lastResolvedAt", "closedAt"],
  lastResolvedAt: ["firstResolvedAt", "closedAt"],
  status: [],
};

/** The column a field is read from: its mapping's column, or a column of its own name. */
function columnOf(field: string, mapping: ColumnMapping | undefined): string | null | true {
  if (mapping === undefined) return field;
  if (!Object.hasOwn(mapping, field)) return null;
  const how = mapping[field];
  if (typeof how === "string") return how;
  if (how !== null && typeof how === "object" && "column" in how) return how.column;
  return true; // a constant or a function fills it
}

/**
 * The metrics whose fields no column of the input provides, with those fields: one entry a
 * metric. Empty for input without a header (JSON, NDJSON: fields vary by record) and when
 * events (messages, status changes) are given, since the schema derives fields from them.
 *
 * @example
 * const summary = { columns: { used: ["id", "createdAt"], ignored: [] } };
 * const planned = [{ column: "reopen", metric: { reads: ["firstResolvedAt", "reopenCount"] } }];
 * metricsWithoutColumns(planned, [summary], undefined)
 * //=> [{ column: "reopen", fields: ["firstResolvedAt", "reopenCount"] }]
 * // a closing time gives the resolution times; the reopen count still has no column
 * metricsWithoutColumns(planned, [{ columns: { used: ["id", "createdAt", "closedAt"], ignored: [] } }], undefined)
 * //=> [{ column: "reopen", fields: ["reopenCount"] }]
 */
export function metricsWithoutColumns(
  planned: readonly Pick<PlannedMetric, "column" | "metric">[],
  summaries: readonly Pick<ReadSummary, "columns">[],
  mapping: ColumnMapping | undefined,
): { column: string; fields: string[] }[] {
  const header = new Set<string>();
  for (const summary of summaries) {
    if (summary.columns === null) return [];
    for (const column of summary.columns.used) header.add(column);
  }
  const inHeader = (field: string) => {
    const column = columnOf(field, mapping);
    return column === true || (column !== null && header.has(column));
  };
  if (EVENT_FIELDS.some(inHeader)) return [];
  const given = (field: string) => {
    const sources = FILLED_FROM[field];
    if (sources === undefined) return inHeader(field);
    return sources.length === 0 || inHeader(field) || sources.some(inHeader);
  };
  const out: { column: string; fields: string[] }[] = [];
  for (const { column, metric } of planned) {
    const missing = (metric.reads ?? []).filter((field) => !given(field));
    if (missing.length > 0) out.push({ column, fields: missing });
  }
  return out;
}
