/**
 * The SQL compiler: the options of a `rollup` over catalogue metrics become one SQL query over
 * a relation whose columns are the record's field names (a table, a view, a file read as one),
 * and the query's rows become the very rows the in-memory rollup returns (rows.ts).
 *
 * The query is a UNION ALL of one grouped SELECT per placing instant: the metrics placed by
 * the same field (creation, first resolution, response) share one scan and one GROUP BY on
 * (period start in the zone, keys). Each metric gets a reason column (the first exclusion
 * rule that holds, else -1 for a counted record) and its aggregates filtered on it. A range
 * keeps the records placed in it (and those with no instant, which land in the `null`
 * period); one more branch lists every key combination, for the rows a range fills in.
 *
 * It reads only what each catalogue entry declares (`sql`, `placement`, `reducer`), never a
 * metric's name. A metric's own columns are written by metricColumns.ts, business time by
 * compileBusiness.ts, the waits of reply time by waits.ts; what stays here (about 630 lines)
 * is the query's assembly: resolving and refusing metrics, the branches per placing instant,
 * stocks at period ends, the range.
 */
import type { CatalogueEntry } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { resolveMetric } from "../metrics/define.ts";
import { requireInstant } from "../reduce/arguments.ts";
import { readOptions } from "../reduce/options.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import { parseTimestamp } from "../schemas/timestamp.ts";
import { period as makePeriod, type Period, type PeriodUnit } from "../time/period.ts";
import { checkTimeZone } from "../time/zone.ts";
import { businessWords } from "./businessDialect.ts";
import {
  businessColumn,
  businessSource,
  epochOf,
  timedByBusiness,
  timingRefusal,
} from "./compileBusiness.ts";
import { type Dialect, DUCKDB } from "./dialect.ts";
import { eventsPlace, eventsSource, type WindowWriting, withWindow } from "./events.ts";
import {
  type ExpressionContext,
  Parameters,
  type SqlParameter,
  writeExpression,
} from "./expression.ts";
import { followedColumn, followsSource } from "./follows.ts";
import {
  isDuration,
  metricColumns,
  type OutputColumn,
  quantilesRefusal,
  reasonColumn,
} from "./metricColumns.ts";
import { nestedRefusal } from "./nested.ts";
import { numberedMarkers, toPositional } from "./positional.ts";
import { type Decoder, decodeRows } from "./rows.ts";
import {
  all,
  compare,
  type Expr,
  field,
  isNull,
  type MetricSql,
  not,
  type StockSql,
  WAIT_COLUMNS,
} from "./spec.ts";
import { unionWindows } from "./unionLength.ts";
import { WAIT_AT, WAIT_ROW, waitsBase, waitsRelation } from "./waits.ts";

/** One metric of a compiled rollup: a catalogue entry and the options it is given. */
export interface SqlMetric {
  /** An entry of the catalogue (`ticketVolumeMetric`, or one from `catalogue`). */
  readonly metric: MetricDefinition | CatalogueEntry;
  readonly options?: object;
}

/** Options for {@link compileRollup}: those of `rollup`, with keys as field names. */
export interface SqlRollupOptions {
  /** The relation: a table or view name (quoted as an identifier) and its columns. */
  readonly relation: { readonly name: string; readonly columns: readonly string[] };
  /** The metrics, by the column name each gets in the rows. */
  readonly metrics: Readonly<Record<string, SqlMetric>>;
  /** A period unit, and keys as field names of the relation. */
  readonly by?: { readonly period?: PeriodUnit } & Readonly<Record<string, string | undefined>>;
  readonly timeZone?: string;
  readonly weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  readonly range?: { readonly start: Date | string | number; readonly end: Date | string | number };
  readonly placeBy?: "event" | "created";
  /** The engine's dialect; DuckDB by default. */
  readonly dialect?: Dialect;
  /**
   * The least and greatest instant (epoch milliseconds) of the spans that business time
   * measures, which the working intervals must cover: the result of the query
   * {@link compileBusinessRange} writes (duckdbRollup runs it first). Needed only when a
   * metric's options carry a schedule; `null` bounds when the spans hold no instant.
   */
  readonly businessRange?: { readonly from: number | null; readonly to: number | null };
}

/** A compiled rollup: the query, its parameters, and how its rows become rollup rows. */
export interface CompiledRollup {
  readonly sql: string;
  readonly parameters: readonly SqlParameter[];
  /** The rollup rows of the query's result rows (objects by column name). */
  rows(result: readonly Record<string, unknown>[]): Record<string, unknown>[];
}

/** A metric the compiler refused, and why. */
export interface SqlRefusal {
  readonly name: string;
  readonly reason: string;
}

/** Thrown when a metric of the rollup cannot be compiled: its reasons, never an approximation. */
export class SqlRefusedError extends TypeError {
  readonly refusals: readonly SqlRefusal[];
  constructor(refusals: readonly SqlRefusal[]) {
    super(
      `compileRollup: cannot compile ${refusals.map((r) => `metrics.${r.name} (${r.reason})`).join("; ")}`,
    );
    this.name = "SqlRefusedError";
    this.refusals = refusals;
  }
}

/** A metric ready to compile: its declaration, reducer and placing field. */
export interface ResolvedSqlMetric {
  readonly name: string;
  readonly spec: Exclude<MetricSql, { refused: string }>;
  readonly reducer: AnyReducer;
  /** The field that places a record in a period. */
  readonly place: string;
}

/** The `place` of a stock metric: this prefix and its name (no field is named so). */
const STOCK_PLACE = "\u0000stock:";
/** The `place` of a waits metric: this prefix and its name (no field is named so). */
const WAITS_PLACE = "\u0000waits:";

/**
 * Whether `metric` compiles with `options` over a relation with `columns`: its resolved
 * declaration, or the reason it is refused.
 *
 * @example
 * import { ticketVolumeMetric, escalationRateMetric } from "support-metrics";
 * const columns = ["createdAt", "escalated"];
 * [sqlSupport("volume", ticketVolumeMetric, {}, columns).reason,
 *   sqlSupport("escalation", escalationRateMetric, { isEscalated: () => true }, columns).reason]
 * //=> [undefined, "isEscalated is a function, which SQL cannot call"]
 */
export function sqlSupport(
  name: string,
  metric: MetricDefinition,
  options: object | undefined,
  columns: readonly string[],
  placeBy: "event" | "created" = "event",
): { resolved?: ResolvedSqlMetric; reason?: string } {
  if (!metric.sql) return { reason: "its catalogue entry declares no SQL form" };
  // A declaration that reads no options refuses whatever they are: its reason comes first,
  // before the options are checked (some metrics have required ones).
  if (metric.sql.length === 0) {
    const constant = metric.sql(undefined as never, { has: () => false });
    if ("refused" in constant) return { reason: constant.refused };
  }
  const given = { ...options, ...metric.fixed };
  const checked = readOptions(metric.function, metric.options, given) as object;
  const has = new Set(columns);
  const spec = metric.sql(checked as never, { has: (field) => has.has(field) });
  if ("refused" in spec) return { reason: spec.refused };
  if ("duration" in spec) {
    const refusal = timingRefusal(spec.duration.timing);
    if (refusal) return { reason: refusal };
  }
  // A rate's interval comes from its counts, which the query returns; a duration's needs every
  // value (order statistics, a variance), which it does not.
  const interval = (given as { interval?: unknown }).interval;
  if (isDuration(spec) && interval !== undefined && interval !== null && interval !== false)
    return {
      reason: "a duration's interval needs every value, which the compiled query does not return",
    };
  const placement = resolveMetric(metric, given as never).placement;
  const reducer = metric.reducer(options as never);
  // A stock is measured apart from the flows, in a branch of its own (stockBranch).
  if (placement.by === "stock" && "stock" in spec)
    return { resolved: { name, spec, reducer, place: `${STOCK_PLACE}${name}` } };
  // Each wait is a row of its own branch, placed by its reply or by creation (waits.ts).
  if ("waits" in spec) return { resolved: { name, spec, reducer, place: `${WAITS_PLACE}${name}` } };
  if (placement.by === "instants" && "events" in spec)
    return { resolved: { name, spec, reducer, place: eventsPlace(name, placeBy, has) } };
  // One instant per record, which field depending on the record (a stream of tickets and
  // support costs): by creation, a record with a `createdAt` is placed by it, one without
  // keeps its own instant, as creationPlacement does.
  if (placement.by === "instant" && "events" in spec)
    return {
      resolved: {
        name,
        spec: byCreation(spec, placeBy, has),
        reducer,
        place: eventsPlace(name, "event", has),
      },
    };
  if (placement.by !== "instant")
    return {
      reason: `placed by ${placement.by === "instants" ? "several events per record" : placement.by === "stock" ? "a stock at each period's end" : "a window"}, which the compiler does not place yet`,
    };
  const place = placeBy === "created" && has.has("createdAt") ? "createdAt" : placement.field;
  return { resolved: { name, spec, reducer, place } };
}

/**
 * A declaration placed by one of several instants per record, placed by creation when asked
 * (`placeBy: "created"` over a relation with `createdAt`): a record's `createdAt` first, its
 * own instants only where it has none.
 */
function byCreation(
  spec: Extract<MetricSql, { events: unknown }>,
  placeBy: "event" | "created",
  has: ReadonlySet<string>,
): Extract<MetricSql, { events: unknown }> {
  if (placeBy !== "created" || !has.has("createdAt")) return spec;
  const created = isNull("createdAt");
  const placedBy = spec.events.placedBy.map((instant) => ({
    ...instant,
    when: instant.when ? all(created, instant.when) : created,
  }));
  return { ...spec, events: { placedBy: [{ field: "createdAt" }, ...placedBy] } };
}

/** The period of the rollup, if grouped by one. */
function periodOf(options: SqlRollupOptions, timeZone: string): Period | undefined {
  const unit = options.by?.period;
  if (unit === undefined) return undefined;
  return makePeriod(unit, {
    timeZone,
    ...(options.weekStartsOn === undefined ? {} : { weekStartsOn: options.weekStartsOn }),
  });
}

/** The range as instants: the first period's start and the end of the last, as rollup reads it. */
function rangeOf(options: SqlRollupOptions, period: Period | undefined, timeZone: string) {
  if (!options.range) return undefined;
  if (!period) throw new TypeError("compileRollup: range needs by.period");
  const read = (value: Date | string | number, which: string) => {
    const parsed =
      typeof value === "string"
        ? parseTimestamp(value, timeZone)
        : requireInstant("compileRollup", which, value);
    if (typeof parsed === "string") throw new TypeError(`compileRollup: ${which} ${parsed}`);
    return parsed;
  };
  const start = read(options.range.start, "range.start");
  const end = read(options.range.end, "range.end");
  if (end <= start) throw new RangeError("compileRollup: range.end must be after range.start");
  const first = period.floor(start);
  const last = period.floor(end - 1);
  return { first, last, end: period.next(last) };
}

/**
 * Compiles a rollup over catalogue metrics to one SQL query and a decoder of its rows. Every
 * metric must compile: one that cannot is refused with its reason ({@link SqlRefusedError}).
 *
 * @example
 * import { ticketVolumeMetric } from "support-metrics";
 * const compiled = compileRollup({
 *   relation: { name: "tickets", columns: ["id", "createdAt", "channel"] },
 *   metrics: { volume: { metric: ticketVolumeMetric } },
 *   by: { period: "month", channel: "channel" },
 *   timeZone: "Europe/Paris",
 * });
 * compiled.parameters
 * //=> ["Europe/Paris"]
 */
export function compileRollup(options: SqlRollupOptions): CompiledRollup {
  const dialect = numberedMarkers(options.dialect ?? DUCKDB);
  const timeZone = checkTimeZone(options.timeZone ?? "UTC", "compileRollup");
  const period = periodOf(options, timeZone);
  const range = rangeOf(options, period, timeZone);
  const columns = new Set(options.relation.columns);
  const by = options.by ?? {};
  const keyNames = Object.keys(by).filter((name) => name !== "period" && by[name] !== undefined);
  const names = Object.keys(options.metrics);
  if (names.length === 0) throw new TypeError("compileRollup: metrics must name at least one");
  for (const name of keyNames) {
    if (names.includes(name))
      throw new TypeError(`compileRollup: "${name}" is both a key and a metric name`);
    if (typeof by[name] !== "string")
      throw new TypeError(`compileRollup: by.${name} must be a field name`);
  }

  const resolved = resolveAll(options);
  const business = resolved.flatMap((metric, i) => (timedByBusiness(metric) ? [i] : []));
  for (const i of business) {
    // A span the schedule cannot time (no version in force) is left out, as the reducer does.
    const metric = resolved[i] as ResolvedSqlMetric;
    const noSchedule = { reason: "noSchedule", when: { isNull: businessColumn(i) }, sparse: true };
    resolved[i] = {
      ...metric,
      spec: { ...metric.spec, exclude: [...metric.spec.exclude, noSchedule] },
    };
    columns.add(businessColumn(i));
  }

  // The columns a waits metric's relation adds, which its rules read (waits.ts).
  if (resolved.some((metric) => "waits" in metric.spec))
    for (const name of [...Object.values(WAIT_COLUMNS), WAIT_ROW, WAIT_AT]) columns.add(name);
  const hasMessages = (list: string) => options.relation.columns.includes(list);
  const waitCtes: string[] = [];

  const parameters = new Parameters(dialect);
  const context: ExpressionContext = { dialect, columns, parameters };
  // Bound only where used: an engine may refuse a parameter its statement does not read.
  const zone = () => dialect.asText(parameters.bind(timeZone));
  const weekStart = () =>
    period?.unit === "week" || period?.unit === "isoWeek"
      ? parameters.bind(weekStartOf(options))
      : "1";
  const relation = dialect.quote(options.relation.name);
  const withBusiness = businessSource(resolved, business, context, options.businessRange, relation);
  const keyColumns = keyNames.map((name) => writeKey(by[name] as string, context));

  refuseStocks(resolved, period, range);
  // A stock's expressions read the instant measured: each period's end, or `asOf`.
  const stockContext = (spec: ResolvedSqlMetric["spec"]): ExpressionContext => {
    if (!("stock" in spec)) return context;
    if (period) return { ...context, stock: { measured: PERIOD_END, periodStart: PERIOD_START } };
    const instant = (ms: number) => dialect.asInstant(parameters.bind(iso(ms)));
    // Over a window: customers at its start and at its end, lost and new in between.
    const { window } = spec.stock;
    if (window)
      return {
        ...context,
        stock: { measured: instant(window.end), periodStart: instant(window.start) },
      };
    const at = instant(spec.stock.at as number);
    return { ...context, stock: { measured: at, periodStart: at } };
  };
  // Bound when first written, as the zone is.
  const rangeSql = range
    ? () => ({
        from: dialect.asInstant(parameters.bind(iso(range.first))),
        to: dialect.asInstant(parameters.bind(iso(range.end))),
      })
    : undefined;
  const writing: WindowWriting = {
    periodStartOf:
      period &&
      ((instant) => dialect.periodStart(period.unit as PeriodUnit, instant, zone(), weekStart())),
    range: rangeSql,
  };
  const contexts = resolved.map((metric, i) => {
    const windowed = withWindow(metric, stockContext(metric.spec), writing);
    return "follows" in metric.spec && metric.spec.follows
      ? { ...windowed, followed: dialect.quote(followedColumn(i)) }
      : windowed;
  });
  // The flow branches' relation, with whether each record is followed (follows.ts).
  const flowSource = followsSource(resolved, withBusiness.source, context, {
    relation,
    keys: keyNames.map((name) => by[name] as string),
    periodStartOf: writing.periodStartOf,
    byCreation: options.placeBy === "created" && columns.has("createdAt"),
  });
  // Every output column of every branch, in one order, so the branches line up.
  const perMetric = resolved.map((metric, i) =>
    metricColumns(i, metric, contexts[i] as ExpressionContext),
  );
  const allColumns = perMetric.flatMap((map) => [...map.keys()]);

  const places = [...new Set(resolved.map((metric) => metric.place))];
  const groupBy = period || keyNames.length > 0 ? groupByList(keyNames.length) : "";
  const branches = places.map((place, g) => {
    const inGroup = new Set(resolved.flatMap((m, i) => (m.place === place ? [i] : [])));
    const select = allColumns.map((name) => {
      const i = Number(name.slice(1, name.indexOf("_")));
      const output = (perMetric[i] as Map<string, OutputColumn>).get(name) as OutputColumn;
      return `${inGroup.has(i) ? output.sql : output.pad} AS ${dialect.quote(name)}`;
    });
    const stockIndex = resolved.findIndex((m, i) => inGroup.has(i) && "stock" in m.spec);
    if (stockIndex >= 0) {
      const metric = resolved[stockIndex] as ResolvedSqlMetric;
      const stockSql = (metric.spec as { stock: StockSql }).stock;
      const inner = contexts[stockIndex] as ExpressionContext;
      const periodSql = period
        ? dialect.periodStart(period.unit as PeriodUnit, PERIOD_START, zone(), weekStart())
        : "NULL";
      // Each record joined to every period end its span reaches (or kept if it reaches `asOf`).
      const reach = writeExpression(reaches(stockSql), inner);
      const reached = period
        ? `(SELECT * FROM ${withBusiness.source} AS ${dialect.quote("__records")} JOIN ${periodEnds(period, range as RangeOf, context)} ON ${reach})`
        : `(SELECT * FROM ${withBusiness.source} WHERE ${reach})`;
      return [
        `SELECT ${g} AS ${dialect.quote("branch")}, ${periodSql} AS ${dialect.quote("period")}`,
        ...keyColumns.map((key, k) => `, ${key} AS ${dialect.quote(`k${k}`)}`),
        ...select.map((text) => `, ${text}`),
        `\nFROM (SELECT *, ${reasonColumn(metric, inner)} AS ${dialect.quote(`r${stockIndex}`)} FROM ${reached} AS ${dialect.quote("reached")}) AS ${dialect.quote("counted")}`,
        groupBy,
      ].join("");
    }
    const inBranch = resolved.filter((_m, i) => inGroup.has(i));
    const events = eventsSource(inBranch, flowSource, context, writing);
    // A waits metric's branch reads one row per wait, placed by WAIT_AT (waits.ts).
    const waits = inBranch.find((metric) => "waits" in metric.spec)?.spec as
      | Extract<MetricSql, { waits: unknown }>
      | undefined;
    let source = flowSource;
    if (waits) {
      const base = dialect.quote(`__wb${g}`);
      const list = waits.waits.list;
      waitCtes.push(waitsBase(base, waits.waits, withBusiness.source, hasMessages(list), dialect));
      const byCreation = options.placeBy === "created" && columns.has("createdAt");
      const placing = byCreation ? `${base}.${dialect.quote("createdAt")}` : undefined;
      const relation = waitsRelation(waits.waits, base, hasMessages(list), placing, dialect);
      source = `(${relation}) AS ${dialect.quote("__waits")}`;
    }
    const instant = events
      ? events.placing
      : waits
        ? dialect.quote(WAIT_AT)
        : column(place, columns, dialect);
    const periodSql =
      period && instant !== "NULL"
        ? dialect.periodStart(period.unit as PeriodUnit, instant, zone(), weekStart())
        : "NULL";
    const reasons = resolved
      .map((metric, i) =>
        inGroup.has(i)
          ? `${reasonColumn(metric, contexts[i] as ExpressionContext)} AS ${dialect.quote(`r${i}`)}`
          : null,
      )
      .filter((text) => text !== null);
    const where =
      rangeSql && instant !== "NULL" && !events
        ? ` WHERE ${instant} IS NULL OR (${instant} >= ${rangeSql().from} AND ${instant} < ${rangeSql().to})`
        : "";
    const from = events ? events.from : `${source}${where}`;
    // A union's spans are windowed over the group they land in, once the reasons are known.
    const windows = unionWindows(resolved, inGroup, [periodSql, ...keyColumns], context);
    const reasoned = `SELECT *, ${reasons.join(", ")} FROM ${from}`;
    const counted =
      windows.length === 0
        ? reasoned
        : `SELECT *, ${windows.join(", ")} FROM (${reasoned}) AS ${dialect.quote("reasoned")}`;
    return [
      `SELECT ${g} AS ${dialect.quote("branch")}, ${periodSql} AS ${dialect.quote("period")}`,
      ...keyColumns.map((key, k) => `, ${key} AS ${dialect.quote(`k${k}`)}`),
      ...select.map((text) => `, ${text}`),
      `\nFROM (${counted}) AS ${dialect.quote("counted")}`,
      groupBy,
    ].join("");
  });
  if (range && keyNames.length > 0) {
    // Every key combination seen gets a row in each period of the range.
    branches.push(
      [
        `SELECT -1 AS ${dialect.quote("branch")}, NULL AS ${dialect.quote("period")}`,
        ...keyColumns.map((key, k) => `, ${key} AS ${dialect.quote(`k${k}`)}`),
        ...allColumns.map((name) => {
          const i = Number(name.slice(1, name.indexOf("_")));
          const output = (perMetric[i] as Map<string, OutputColumn>).get(name) as OutputColumn;
          return `, ${output.pad} AS ${dialect.quote(name)}`;
        }),
        `\nFROM ${relation}`,
        groupByList(keyNames.length),
      ].join(""),
    );
  }
  const ctes = [...withBusiness.ctes, ...waitCtes];
  const prefix = ctes.length > 0 ? `WITH ${ctes.join(",\n")}\n` : "";
  const text = `${prefix}${branches.join("\nUNION ALL\n")}\n`;
  const decoder: Decoder = { period, keyNames, metrics: resolved, names, range };
  const { sql, parameters: values } = dialect.positional
    ? toPositional(text, parameters.values)
    : { sql: text, parameters: parameters.values };
  return {
    sql,
    parameters: values,
    rows: (result) => decodeRows(result, decoder),
  };
}

/** The columns of the period ends a stock is joined to (see {@link periodEnds}). */
const PERIOD_START = '"__periodStart"';
const PERIOD_END = '"__periodEnd"';

/** More period ends than this are not bound one by one (PostgreSQL takes 65,535 parameters). */
const MOST_PERIOD_ENDS = 20_000;

type RangeOf = NonNullable<ReturnType<typeof rangeOf>>;

/**
 * Refuses the stocks of a rollup the compiler cannot measure: by period, the periods are
 * those of the `range` (without one, the in-memory rollup measures from the first to the
 * last period any record of any metric reaches, which the query cannot list without reading
 * the data first); not by period, the instant is `asOf`, or the metric's `window` for a stock
 * measured over one (without it, the in-memory rollup throws too).
 */
function refuseStocks(
  resolved: readonly ResolvedSqlMetric[],
  period: Period | undefined,
  range: RangeOf | undefined,
): void {
  const refusals: SqlRefusal[] = [];
  for (const metric of resolved) {
    if (!("stock" in metric.spec)) continue;
    if (period && !range)
      refusals.push({
        name: metric.name,
        reason:
          "a stock by period is measured at the end of each period of the range, and needs one (range)",
      });
    else if (period && range && periodsOf(period, range).length > MOST_PERIOD_ENDS)
      refusals.push({
        name: metric.name,
        reason: `a stock is measured at each period's end, bound one by one: at most ${MOST_PERIOD_ENDS} periods`,
      });
    else if (!period && "window" in metric.spec.stock && metric.spec.stock.window === undefined)
      refusals.push({
        name: metric.name,
        reason: "a stock is measured over a window: give it one (window) or group by period",
      });
    else if (!period && !("window" in metric.spec.stock) && metric.spec.stock.at === undefined)
      refusals.push({
        name: metric.name,
        reason: "a stock is measured at an instant: give it one (asOf) or group by period",
      });
  }
  if (refusals.length > 0) throw new SqlRefusedError(refusals);
}

/** The period starts of a range, first to last. */
function periodsOf(period: Period, range: RangeOf): number[] {
  const starts: number[] = [];
  for (let start = range.first; start <= range.last; start = period.next(start)) starts.push(start);
  return starts;
}

/**
 * The periods of the range as a relation of bound instants, one row per period: its start
 * and its end (the next period's start, the instant a stock is measured at), computed by the
 * library's own period rule, so the SQL never does period arithmetic in a zone.
 */
function periodEnds(period: Period, range: RangeOf, context: ExpressionContext): string {
  const { dialect, parameters } = context;
  const at = (instant: number) => dialect.asInstant(parameters.bind(iso(instant)));
  const rows = periodsOf(period, range).map((start) => `(${at(start)}, ${at(period.next(start))})`);
  return `(VALUES ${rows.join(", ")}) AS ${dialect.quote("__periods")}(${PERIOD_START}, ${PERIOD_END})`;
}

/**
 * Whether a record's span reaches the period measured: it starts before the instant measured
 * and no end of it comes before the period's start (an `asOf` is both).
 */
function reaches(stock: StockSql): Expr {
  const measured: Expr = { instant: "measured" };
  const periodStart: Expr = { instant: "periodStart" };
  return all(
    compare("<", field(stock.start), measured),
    ...stock.ends.map((end) =>
      not(all(end.when ?? all(), compare("<", field(end.field), periodStart))),
    ),
  );
}

/** Every metric of the rollup resolved, or the refusals of those that cannot compile. */
function resolveAll(options: SqlRollupOptions): ResolvedSqlMetric[] {
  const refusals: SqlRefusal[] = [];
  const resolved: ResolvedSqlMetric[] = [];
  for (const name of Object.keys(options.metrics)) {
    const { metric, options: given } = options.metrics[name] as SqlMetric;
    const entry = metric as MetricDefinition;
    const support = sqlSupport(name, entry, given, options.relation.columns, options.placeBy);
    const dialect = options.dialect ?? DUCKDB;
    const words = businessWords(dialect);
    if (support.resolved && timedByBusiness(support.resolved) && typeof words === "string")
      refusals.push({ name, reason: words });
    else if (support.resolved && isDuration(support.resolved.spec) && !dialect.quantilesWhere)
      refusals.push({ name, reason: quantilesRefusal(dialect) });
    else if (support.resolved && !dialect.fromEpochMilliseconds && shiftsInstants(support.resolved))
      refusals.push({
        name,
        reason: `it reads, for each record, the records of the same relation that follow it (a correlated subquery, with instants shifted by milliseconds), which the compiler writes for DuckDB and PostgreSQL, not ${dialect.name}`,
      });
    else if (support.resolved && nestedRefusal(dialect, support.resolved.spec))
      refusals.push({ name, reason: nestedRefusal(dialect, support.resolved.spec) as string });
    else if (support.resolved) resolved.push(support.resolved);
    else refusals.push({ name, reason: support.reason as string });
  }
  if (refusals.length > 0) throw new SqlRefusedError(refusals);
  return resolved;
}

/** Whether a metric reads followers or an instant shifted before its field (follows.ts). */
function shiftsInstants(metric: ResolvedSqlMetric): boolean {
  if (!("events" in metric.spec)) return false;
  return Boolean(metric.spec.follows) || metric.spec.events.placedBy.some((p) => p.before);
}

/**
 * The query whose one row holds the least and greatest instant (`from`, `to`, epoch
 * milliseconds) of the spans that business time measures in this rollup, to pass as
 * `businessRange`; undefined when no metric is timed by a schedule.
 *
 * @example
 * import { ticketVolumeMetric } from "support-metrics";
 * compileBusinessRange({
 *   relation: { name: "tickets", columns: ["createdAt"] },
 *   metrics: { volume: { metric: ticketVolumeMetric } },
 * })
 * //=> undefined
 */
export function compileBusinessRange(
  options: SqlRollupOptions,
): { sql: string; parameters: readonly SqlParameter[] } | undefined {
  const dialect = options.dialect ?? DUCKDB;
  const business = resolveAll(options).filter(timedByBusiness);
  if (business.length === 0) return undefined;
  const parameters = new Parameters(dialect);
  const context: ExpressionContext = {
    dialect,
    columns: new Set(options.relation.columns),
    parameters,
  };
  const relation = dialect.quote(options.relation.name);
  const t = dialect.quote("t");
  const instants = business.flatMap((metric) => {
    if (!("duration" in metric.spec)) return [];
    const { start, end } = metric.spec.duration;
    return [start, end].map((e) => `SELECT ${epochOf(e, context)} AS ${t} FROM ${relation}`);
  });
  const sql = `SELECT min(${t}) AS ${dialect.quote("from")}, max(${t}) AS ${dialect.quote("to")} FROM (${instants.join(" UNION ALL ")}) AS ${dialect.quote("instants")}`;
  return { sql, parameters: parameters.values };
}

function weekStartOf(options: SqlRollupOptions): number {
  return options.by?.period === "isoWeek" ? 1 : (options.weekStartsOn ?? 1);
}

function iso(instant: number): string {
  return new Date(instant).toISOString();
}

function column(name: string, columns: ReadonlySet<string>, dialect: Dialect): string {
  return columns.has(name) ? dialect.quote(name) : "NULL";
}

/** A key column: the field, or NULL when the relation has no such column (every key null). */
function writeKey(name: string, context: ExpressionContext): string {
  return column(name, context.columns, context.dialect);
}

/** GROUP BY the period (2nd) and the keys (3rd on), by position. */
function groupByList(keyCount: number): string {
  const positions = [2];
  for (let k = 0; k < keyCount; k++) positions.push(3 + k);
  return `\nGROUP BY ${positions.join(", ")}`;
}
