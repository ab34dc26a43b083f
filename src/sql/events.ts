/**
 * Metrics counted at each of several instants of a record (spec.ts, `EventsSql`: resolution
 * rate's flow form counts a ticket where it was created and where it was resolved), in the
 * compiled query. Grouped by period, the relation is unpivoted: one row per instant that
 * places the record, in a column `__at`, leaving out an instant whose period an earlier
 * instant of the same record already placed it in (the in-memory rollup adds a record once
 * per period, src/aggregate/placement.ts), and keeping one row with a null `__at` for a record
 * that no instant places (the `null` period). The branch then groups by `__at`'s period as
 * it groups by one field's, and `{ inWindow: field }` asks whether the field's period is
 * `__at`'s. Not grouped by period, or placed by creation, a record is one row as usual.
 */
import type { ResolvedSqlMetric } from "./compile.ts";
import { column, type ExpressionContext, writeExpression } from "./expression.ts";
import { all, type EventsSql, isNull, not } from "./spec.ts";

/** The `place` of a metric placed by its events: this prefix and its name (no field is named so). */
const EVENTS_PLACE = "\u0000events:";

/** The column of the unpivoted relation that holds the instant placing each row. */
const AT = "__at";

/**
 * The field that places a metric counted at several instants: its own events (a branch of its
 * own), or, by creation (`placeBy: "created"`, a record with a `createdAt`), its creation.
 *
 * @internal
 */
export function eventsPlace(name: string, placeBy: "event" | "created", has: Set<string>): string {
  return placeBy === "created" && has.has("createdAt") ? "createdAt" : `${EVENTS_PLACE}${name}`;
}

/** The metric's events, when it is placed by them (not by creation). */
function eventsOf(metric: ResolvedSqlMetric): EventsSql | undefined {
  return "events" in metric.spec && metric.place.startsWith(EVENTS_PLACE)
    ? metric.spec.events
    : undefined;
}

/**
 * The SQL of a placing instant: its field, or the field less `before` milliseconds, cut to a
 * whole millisecond toward zero (as `new Date(createdAt.getTime() - windowMs)` is).
 *
 * @internal
 */
export function shiftedInstant(
  event: { readonly field: string; readonly before?: number },
  context: ExpressionContext,
  of = column(event.field, context),
): string {
  const { dialect, parameters } = context;
  if (!event.before || of === "NULL") return of;
  if (!dialect.fromEpochMilliseconds)
    throw new TypeError(`compileRollup: ${dialect.name} has no instants from epoch milliseconds`);
  const before = dialect.asDouble(parameters.bind(event.before));
  return dialect.fromEpochMilliseconds(`trunc(${dialect.epochMilliseconds(of)} - ${before})`);
}

/** What writing the window tests and the unpivot needs from the compiler. */
export interface WindowWriting {
  /** The start of the period holding an instant (its SQL), when grouped by period. */
  readonly periodStartOf: ((instant: string) => string) | undefined;
  /** The range's first instant and its end, as SQL of bound instants, if it has one. */
  readonly range: (() => { readonly from: string; readonly to: string }) | undefined;
}

/**
 * `context` with the test `{ inWindow }` writes for `metric`: grouped by period, the instant's
 * period is the one the record is counted in (that of its placing field, or of `__at`), and
 * no test in the `null` period; not grouped, the metric's own `window`; placed by creation
 * while it counts several events, no window (as `creationPlacement` gives none).
 *
 * @internal
 */
export function withWindow(
  metric: ResolvedSqlMetric,
  context: ExpressionContext,
  writing: WindowWriting,
): ExpressionContext {
  const { dialect, parameters } = context;
  const { periodStartOf } = writing;
  if ("stock" in metric.spec) return context;
  if (!periodStartOf) {
    const window = metric.reducer.window;
    if (!window) return context;
    const at = (instant: number) =>
      dialect.asInstant(parameters.bind(new Date(instant).toISOString()));
    return {
      ...context,
      inWindow: (instant) => `${instant} >= ${at(window.start)} AND ${instant} < ${at(window.end)}`,
    };
  }
  if ("events" in metric.spec && !eventsOf(metric)) return context;
  const placing = eventsOf(metric) ? dialect.quote(AT) : column(metric.place, context);
  if (placing === "NULL") return context;
  return {
    ...context,
    inWindow: (instant) =>
      instant === placing
        ? "true"
        : `(${placing} IS NULL OR coalesce(${periodStartOf(instant)} = ${periodStartOf(placing)}, false))`,
  };
}

/**
 * The relation one branch reads for a metric placed by its events, grouped by period: the
 * source unpivoted on the placing instants (see the top of this file), or undefined for any
 * other branch. `placing` is the SQL of the instant that places each row.
 *
 * @internal
 */
export function eventsSource(
  inBranch: readonly ResolvedSqlMetric[],
  source: string,
  context: ExpressionContext,
  writing: WindowWriting,
): { from: string; placing: string } | undefined {
  const { dialect } = context;
  const { periodStartOf, range } = writing;
  const events = inBranch.map(eventsOf).find((found) => found !== undefined);
  if (!events || !periodStartOf) return undefined;
  const at = dialect.quote(AT);
  // A field the relation lacks places nothing.
  const present = events.placedBy.filter((event) => context.columns.has(event.field));
  if (present.length === 0)
    return {
      from: `(SELECT *, ${dialect.asInstant("NULL")} AS ${at} FROM ${source}) AS ${dialect.quote("__events")}`,
      placing: at,
    };
  const fields = present.map((event) => shiftedInstant(event, context));
  const places = present.map((event) =>
    writeExpression(all(not(isNull(event.field)), event.when ?? all()), context),
  );
  const inRange = (field: string) =>
    range ? ` AND ${field} >= ${range().from} AND ${field} < ${range().to}` : "";
  const pieces = fields.map((field, k) => {
    const placed = `${places[k]}${inRange(field)}`;
    // The first instant's rows also keep the records no instant places: the `null` period.
    const keep =
      k === 0
        ? `(${placed}) OR NOT (${places.join(" OR ")})`
        : `${placed} AND NOT (${fields
            .slice(0, k)
            .map(
              (earlier, j) =>
                `(${places[j]} AND coalesce(${periodStartOf(earlier)} = ${periodStartOf(field)}, false))`,
            )
            .join(" OR ")})`;
    return `SELECT *, CASE WHEN ${places[k]} THEN ${field} END AS ${at} FROM ${source} WHERE ${keep}`;
  });
  return {
    from: `(${pieces.join("\nUNION ALL ")}) AS ${dialect.quote("__events")}`,
    placing: at,
  };
}
