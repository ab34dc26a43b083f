/**
 * Business time in SQL, equal to `businessDuration` to the millisecond.
 *
 * How: the schedule is known when the SQL is written, so it is expanded in JavaScript, with
 * the library's own calendar code, into pieces of working and non-working time over a range
 * of instants, each with the working milliseconds before it (src/sql/businessIntervals.ts).
 * The pieces travel to SQL as bound array parameters ({@link businessIntervalsRelation}); the
 * working time of a span `[s, e)` is then `cum(e) − cum(s)`, where `cum(t)` comes from the
 * piece holding `t` ({@link businessSecondsQuery}), found either by an as-of lookup (DuckDB's
 * `ASOF JOIN`, PostgreSQL's `LATERAL … LIMIT 1`) or, with the pieces cut at UTC midnights,
 * by an equi-join on the UTC day and a range test, which every engine has and DuckDB runs
 * faster (the default; src/sql/businessDialect.ts holds both). All
 * arithmetic is on whole epoch milliseconds (BIGINT), divided by 1000 once at the end, as
 * the in-memory code does, so both give the same double. Why not wall-clock arithmetic in
 * SQL: time-zone rules, skipped and repeated hours, holidays on local dates and closures
 * would each be a second implementation to keep equal; expanding with the one calendar
 * keeps a single definition. The cost is a relation of about two rows per working interval
 * in the range (a Mon–Fri schedule: about 520 rows a year).
 *
 * The rules kept, as `businessDuration` has them:
 * - `null` start or end gives `null` (unknown, never 0);
 * - `"perSegment"` (default): `null` when some part of the span has no version in force;
 *   `"atEvent"`: the version in force at the end times the whole span, `null` when none;
 * - a zero-length span is 0 when a version is in force at its instant (else `null`);
 * - an end before its start, a span over 100 years, or an instant outside the range the
 *   relation was built for fails the query with a message (the in-memory function throws;
 *   SQL must not quietly give a number for a span it cannot measure).
 */
import type { SchedulesInput } from "../time/businessTime.ts";
import { MAX_BUSINESS_SPAN_MS } from "../time/businessTime.ts";
import { type BusinessDialect, duckdbBusinessByDay, quoteIdentifier } from "./businessDialect.ts";
import {
  type BusinessPiecesOptions,
  type BusinessRange,
  businessPieces,
  ruleOf,
} from "./businessIntervals.ts";

/** A relation of business pieces: SQL text and the values bound to its placeholders. */
export interface BusinessRelation {
  /** A parenthesised relation (usable in `FROM` or `WITH name AS …`). */
  sql: string;
  /**
   * The bound values, in placeholder order: seven arrays (timeline, start_ms, end_ms,
   * before_ms, working, segment, day: the UTC day of start_ms) then the range's `from` and
   * `to` in epoch milliseconds.
   */
  params: (readonly (number | boolean | null)[] | number)[];
  /** How many rows the relation holds. */
  rows: number;
}

/** Options of {@link businessIntervalsRelation}. */
export interface BusinessRelationOptions extends BusinessPiecesOptions {
  /**
   * The SQL dialect; by default DuckDB with the lookup by UTC day (`duckdbBusinessByDay`),
   * which DuckDB runs faster than its as-of join. The query must use the same one.
   */
  dialect?: BusinessDialect;
  /** The number of the first placeholder, when other parameters come before; 1 by default. */
  firstParam?: number;
}

/**
 * The working time of a schedule over `[range.from, range.to]` as a SQL relation with the
 * columns `timeline, start_ms, end_ms, before_ms, working, segment, day, range_from, range_to`,
 * for {@link businessSecondsQuery}. Values are bound, never written into the text. Build it
 * with the same `rule` as the query that reads it.
 *
 * @example One working day in UTC: the pieces before, during and after it, and the end
 * const support = { timeZone: "UTC", weekly: { monday: [{ start: "09:00", end: "17:00" }] } };
 * const relation = businessIntervalsRelation(support, {
 *   from: Date.parse("2024-03-04T00:00:00Z"),
 *   to: Date.parse("2024-03-05T00:00:00Z"),
 * });
 * [relation.rows, relation.params.length, relation.sql.startsWith('(SELECT "p".*, CAST($8 AS BIGINT)')]
 * //=> [4, 9, true]
 */
export function businessIntervalsRelation(
  schedules: SchedulesInput,
  range: BusinessRange,
  options: BusinessRelationOptions = {},
): BusinessRelation {
  const dialect = options.dialect ?? duckdbBusinessByDay;
  const first = options.firstParam ?? 1;
  if (!Number.isSafeInteger(first) || first < 1) {
    throw new RangeError(
      `businessIntervalsRelation: firstParam must be a whole number at least 1, got ${String(first)}`,
    );
  }
  const rule = ruleOf("businessIntervalsRelation", options);
  const pieces = businessPieces(schedules, range, { rule, splitDays: dialect.byDay });
  const at = (offset: number) => dialect.parameter(first + offset);
  const columns = [
    { name: "timeline", type: "integer" as const, placeholder: at(0) },
    { name: "start_ms", type: "bigint" as const, placeholder: at(1) },
    { name: "end_ms", type: "bigint" as const, placeholder: at(2) },
    { name: "before_ms", type: "bigint" as const, placeholder: at(3) },
    { name: "working", type: "boolean" as const, placeholder: at(4) },
    { name: "segment", type: "integer" as const, placeholder: at(5) },
    { name: "day", type: "bigint" as const, placeholder: at(6) },
  ];
  const from = range.from instanceof Date ? range.from.getTime() : range.from;
  const to = range.to instanceof Date ? range.to.getTime() : range.to;
  const sql = `(SELECT "p".*, CAST(${at(7)} AS BIGINT) AS "range_from", CAST(${at(8)} AS BIGINT) AS "range_to" FROM ${dialect.arrays(columns)} AS "p")`;
  return {
    sql,
    params: [
      pieces.map((p) => p.timeline),
      pieces.map((p) => p.start),
      pieces.map((p) => p.end),
      pieces.map((p) => p.before),
      pieces.map((p) => p.working),
      pieces.map((p) => p.segment),
      pieces.map((p) => Math.floor(p.start / 86_400_000)),
      from,
      to,
    ],
    rows: pieces.length,
  };
}

/** One business duration to compute: two columns of the source, in epoch milliseconds. */
export interface BusinessSpanColumns {
  /** Column holding the span's start (BIGINT epoch milliseconds, null when unknown). */
  start: string;
  /** Column holding the span's end (excluded). */
  end: string;
  /** Name of the output column (DOUBLE seconds). */
  as: string;
}

/** What {@link businessSecondsQuery} reads. */
export interface BusinessSecondsInput extends BusinessPiecesOptions {
  /** Name of the source relation (a table or a `WITH` name). */
  source: string;
  /** Name under which the relation of {@link businessIntervalsRelation} is visible. */
  intervals: string;
  /** The spans to time; each adds one column. */
  spans: readonly BusinessSpanColumns[];
  /**
   * Whole milliseconds (BIGINT) rather than seconds, for a caller that aggregates them as it
   * aggregates calendar milliseconds. False by default.
   */
  milliseconds?: boolean;
  /**
   * A span ending before it starts gives null rather than failing the query: the compiler
   * times every row, also those a metric leaves out for that very reason. False by default.
   */
  reversedIsNull?: boolean;
}

/** Working milliseconds before `t` on the piece `alias` (the piece holds `t`). */
function cumulative(alias: string, t: string): string {
  return `(${alias}."before_ms" + CASE WHEN ${alias}."working" THEN ${t} - ${alias}."start_ms" ELSE 0 END)`;
}

/**
 * A query that returns every column of `source` plus one column of business seconds
 * (DOUBLE, equal to `businessDuration`) per span. The instants are BIGINT epoch
 * milliseconds (a dialect's `epochFloorMs` turns a timestamp column into them); the relation
 * must have been built with the same `rule` and a range holding every instant.
 *
 * @example
 * const sql = businessSecondsQuery({
 *   source: "tickets",
 *   intervals: "business",
 *   spans: [{ start: "created_ms", end: "solved_ms", as: "resolution_business" }],
 * });
 * sql.split("\n")[0]
 * //=> 'SELECT "src".*,'
 */
export function businessSecondsQuery(
  input: BusinessSecondsInput,
  dialect: BusinessDialect = duckdbBusinessByDay,
): string {
  const fn = "businessSecondsQuery";
  const rule = ruleOf(fn, input);
  if (!Array.isArray(input.spans) || input.spans.length === 0) {
    throw new RangeError(
      `${fn}: spans must be a non-empty array, got ${JSON.stringify(input.spans)}`,
    );
  }
  const intervals = quoteIdentifier(input.intervals);
  const columns: string[] = [];
  const joins: string[] = [];
  input.spans.forEach((span, index) => {
    const s = `"src".${quoteIdentifier(span.start)}`;
    const e = `"src".${quoteIdentifier(span.end)}`;
    const ps = quoteIdentifier(`bs${index}_s`);
    const pe = quoteIdentifier(`bs${index}_e`);
    const check = (outside: string) => [
      `WHEN ${s} IS NULL OR ${e} IS NULL THEN NULL`,
      `WHEN ${e} < ${s} THEN ${input.reversedIsNull ? "NULL" : dialect.fail("businessDuration: end must not be before start")}`,
      `WHEN ${e} - ${s} > ${MAX_BUSINESS_SPAN_MS} THEN ${dialect.fail("businessDuration: end must be within 100 years of start")}`,
      `WHEN ${outside} THEN ${dialect.fail("businessSecondsQuery: span must lie within the range of the business intervals")}`,
    ];
    const difference = `(${cumulative(pe, e)} - ${cumulative(ps, s)})`;
    const seconds = input.milliseconds ? difference : `${difference} / 1000.0`;
    let cases: string[];
    if (rule === "perSegment") {
      joins.push(
        dialect.asOf(intervals, ps, "0", s, false),
        dialect.asOf(intervals, pe, "0", e, true),
      );
      cases = [
        ...check(`${ps}."range_from" IS NULL OR ${e} > ${ps}."range_to"`),
        `WHEN ${ps}."segment" IS NULL THEN NULL`,
        `WHEN ${e} = ${s} THEN 0`,
        `WHEN ${pe}."segment" IS NULL OR ${pe}."segment" <> ${ps}."segment" THEN NULL`,
      ];
    } else {
      const pv = quoteIdentifier(`bs${index}_v`);
      joins.push(
        dialect.asOf(intervals, pv, "0", e, false),
        dialect.asOf(intervals, ps, `${pv}."segment"`, s, false),
        dialect.asOf(intervals, pe, `${pv}."segment"`, e, true),
      );
      cases = [
        ...check(
          `${pv}."range_from" IS NULL OR ${s} < ${pv}."range_from" OR ${e} > ${pv}."range_to"`,
        ),
        `WHEN ${pv}."segment" IS NULL THEN NULL`,
        `WHEN ${e} = ${s} THEN 0`,
      ];
    }
    columns.push(`CASE ${cases.join(" ")} ELSE ${seconds} END AS ${quoteIdentifier(span.as)}`);
  });
  return [
    `SELECT "src".*,`,
    `  ${columns.join(",\n  ")}`,
    `FROM ${quoteIdentifier(input.source)} AS "src"`,
    ...joins.map((join) => `  ${join}`),
  ].join("\n");
}
