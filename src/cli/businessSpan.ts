/**
 * Business hours are measured over at most 100 years (MAX_BUSINESS_SPAN_MS, docs/business-
 * hours.md "Limits"); past that the clock throws, and one ticket with a mistyped year (created
 * 1824, answered 2024) ended the whole report with "businessDuration: end must be within 100
 * years of start", no file, no line (issue 12). With `--schedule` (business-hours SLA targets
 * need one too), the CLI now
 * leaves such a ticket out before any metric sees it, names it and keeps the rest: checked
 * whole, before `add`, so no metric counts part of it.
 */
import { show } from "../reduce/arguments.ts";
import { MAX_BUSINESS_SPAN_MS, MAX_BUSINESS_SPAN_YEARS } from "../time/businessTime.ts";

/** The earliest and latest instants found so far, epoch milliseconds. */
interface Bounds {
  min: number;
  max: number;
}

/** Widens `bounds` with every Date in `value`: its fields, and those of its lists (messages, status changes). */
function widen(value: unknown, bounds: Bounds, depth: number): void {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (ms < bounds.min) bounds.min = ms;
    if (ms > bounds.max) bounds.max = ms;
    return;
  }
  if (depth > 2 || typeof value !== "object" || value === null) return;
  for (const item of Array.isArray(value) ? value : Object.values(value))
    widen(item, bounds, depth + 1);
}

/**
 * Why a record cannot be timed in business hours, or `null` when it can: its instants (and
 * `asOf`, where SLA targets are judged) span more than the business-hours limit.
 *
 * @example
 * const ticket = { id: "T2", createdAt: new Date("1824-01-03T09:00:00Z"), firstResponseAt: new Date("2024-01-04T10:00:00Z") };
 * [businessSpanProblem(ticket, undefined), businessSpanProblem({ createdAt: new Date("2024-01-03T09:00:00Z") }, undefined)]
 * //=> ["its instants span more than the 100 years business hours are measured over: 1824-01-03T09:00:00.000Z to 2024-01-04T10:00:00.000Z", null]
 */
export function businessSpanProblem(record: unknown, asOf: number | undefined): string | null {
  const bounds: Bounds = { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
  widen(record, bounds, 0);
  if (asOf !== undefined && bounds.min <= bounds.max) widen(new Date(asOf), bounds, 0);
  if (!(bounds.max - bounds.min > MAX_BUSINESS_SPAN_MS)) return null;
  const judged = asOf !== undefined && (asOf === bounds.min || asOf === bounds.max);
  return `its instants${judged ? " and --as-of" : ""} span more than the ${MAX_BUSINESS_SPAN_YEARS} years business hours are measured over: ${show(new Date(bounds.min))} to ${show(new Date(bounds.max))}`;
}

/**
 * The line that reports a record left out, by its id (the readers give records, not lines).
 *
 * @example
 * leftOutLine("tickets.csv", { id: "T2" }, "its instants span more than …")
 * //=> 'tickets.csv: ticket "T2" left out: its instants span more than …'
 */
export function leftOutLine(file: string, record: unknown, reason: string): string {
  const id = (record as { id?: unknown } | null)?.id;
  const which =
    typeof id === "string" || typeof id === "number"
      ? `ticket ${show(String(id))}`
      : "a ticket without an id";
  return `${file}: ${which} left out: ${reason}`;
}
