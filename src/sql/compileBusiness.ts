/**
 * Business time in the compiled query: a span timed by a schedule is measured by joining the
 * schedule's working intervals (src/sql/businessHours.ts) to each record, in `WITH` clauses
 * that add one column of working milliseconds per such metric; the metric's aggregates then
 * read that column as they read a calendar span.
 */
import type { SchedulesInput } from "../time/businessTime.ts";
import type { BusinessDialect } from "./businessDialect.ts";
import { businessIntervalsRelation, businessSecondsQuery } from "./businessHours.ts";
import type { ResolvedSqlMetric, SqlRollupOptions } from "./compile.ts";
import { nullCount } from "./dialect.ts";
import { type ExpressionContext, writeExpression } from "./expression.ts";
import { type Expr, needsBusinessTime, type SpanTiming } from "./spec.ts";

/** Why a span's duration cannot be compiled with this timing, if it cannot. */
export function timingRefusal(timing: SpanTiming): string | undefined {
  if (needsBusinessTime(timing) && timing.schedule === undefined)
    return 'clock "business" needs a schedule, got none';
  return undefined;
}

/** The column that holds metric `index`'s business milliseconds (see businessSource). */
export function businessColumn(index: number): string {
  return `__business${index}`;
}

/**
 * The SQL of a span's duration in whole milliseconds, from `start` to `end`, timed as the
 * metric's clock options say: calendar milliseconds, or, with a schedule, the working
 * milliseconds that {@link businessSource} computed for the metric `index` into a column.
 */
export function durationSql(
  start: Expr,
  end: Expr,
  timing: SpanTiming,
  context: ExpressionContext,
  index?: number,
): string {
  const refusal = timingRefusal(timing);
  if (refusal) throw new TypeError(`durationSql: ${refusal}`);
  const { dialect } = context;
  if (needsBusinessTime(timing)) {
    if (index === undefined) throw new TypeError("durationSql: business time needs the metric");
    return dialect.quote(businessColumn(index));
  }
  const from = writeExpression(start, context);
  const to = writeExpression(end, context);
  // A column the relation does not have: no duration (an untyped NULL has no epoch).
  if (from === "NULL" || to === "NULL") return "NULL";
  return `(${dialect.epochMilliseconds(to)} - ${dialect.epochMilliseconds(from)})`;
}

/** Whether a metric measures a duration in business time (its options carry a schedule). */
export function timedByBusiness(metric: ResolvedSqlMetric): boolean {
  return "duration" in metric.spec && needsBusinessTime(metric.spec.duration.timing);
}

/** Whole epoch milliseconds of an instant expression, floored (dialect.ts). */
export function epochOf(expression: Expr, context: ExpressionContext): string {
  const sql = writeExpression(expression, context);
  const words = context.dialect as BusinessDialect;
  return sql === "NULL" ? nullCount(context.dialect) : words.epochFloorMs(sql);
}

/**
 * The relation the branches read when metrics are timed by a schedule: the source with one
 * more column per such metric, its span's working milliseconds (businessHours.ts), as `WITH`
 * clauses: per metric, the working intervals over `range` (bound arrays), the span's
 * instants in epoch milliseconds, and the lookup of both in the intervals.
 */
export function businessSource(
  resolved: readonly ResolvedSqlMetric[],
  indexes: readonly number[],
  context: ExpressionContext,
  range: SqlRollupOptions["businessRange"],
  relation: string,
): { ctes: string[]; source: string } {
  if (indexes.length === 0) return { ctes: [], source: relation };
  if (!range)
    throw new TypeError(
      "compileRollup: business time needs businessRange, the least and greatest instant of its spans (compileBusinessRange writes the query; duckdbRollup runs it)",
    );
  const { dialect, parameters } = context;
  const from = range.from ?? 0;
  const to = Math.max(from, range.to ?? from);
  const ctes: string[] = [];
  let source = relation;
  for (const i of indexes) {
    const spec = (resolved[i] as ResolvedSqlMetric).spec;
    if (!("duration" in spec)) continue;
    const { start, end, timing } = spec.duration;
    const rule = timing.scheduleRule === "atEvent" ? "atEvent" : "perSegment";
    const instants = `SELECT *, ${epochOf(start, context)} AS ${dialect.quote(`__b${i}_s`)}, ${epochOf(end, context)} AS ${dialect.quote(`__b${i}_e`)} FROM ${source}`;
    const intervals = businessIntervalsRelation(
      timing.schedule as SchedulesInput,
      { from, to },
      { rule, dialect: dialect as BusinessDialect, firstParam: parameters.values.length + 1 },
    );
    parameters.append(intervals.params);
    const timed = businessSecondsQuery(
      {
        source: `__bs${i}`,
        intervals: `__bi${i}`,
        spans: [{ start: `__b${i}_s`, end: `__b${i}_e`, as: businessColumn(i) }],
        rule,
        milliseconds: true,
        reversedIsNull: true,
      },
      dialect as BusinessDialect,
    );
    ctes.push(
      `${dialect.quote(`__bi${i}`)} AS ${intervals.sql}`,
      `${dialect.quote(`__bs${i}`)} AS (${instants})`,
      `${dialect.quote(`__bt${i}`)} AS (${timed})`,
    );
    source = dialect.quote(`__bt${i}`);
  }
  return { ctes, source };
}
