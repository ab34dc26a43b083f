/**
 * A half-open span of time `[start, end)` in epoch milliseconds. `end` is `Infinity` for
 * something still open (a ticket not yet resolved, a customer who has not churned).
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The period a record is being counted in, in epoch milliseconds: `[start, end)`.
 * Stock metrics read it (backlog is measured at `end`, churn compares customers at `start`
 * and `end`); flow metrics may ignore it.
 */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/**
 * A mergeable reducer: the one definition of a metric, shared by the plain array call, the
 * group-by layer ({@link rollup}), streaming, and shards computed apart and merged later.
 *
 * The aggregation layer never asks which metric it holds; it reads only the declared
 * properties below.
 *
 * - **Flow metrics** (volume, first response time, NPS...) place each record in the period
 *   that contains `timeOf(record)`.
 * - **Stock metrics** (backlog, churn, active customers) declare `spanOf`: a record with a
 *   span is added to every period from the one holding its start to the one holding its end,
 *   with that period passed to `add`, so the metric can measure "open at the period end" or
 *   "present at the period start". Periods are half-open, `[start, end)`, as for flows.
 *
 * @typeParam Item - The record the metric reads.
 * @typeParam State - The accumulator: counts and sums (plus what percentiles need), so that
 *   merging is exact.
 * @typeParam Result - What `result` returns: always a plain object with a `value`.
 */
export interface Reducer<Item, State, Result> {
  /** The metric's name, used in error messages and as a default column name. */
  readonly name: string;
  /** A fresh, private accumulator. */
  init(): State;
  /**
   * Folds one record into `state` (may mutate it). `window` is the period the record is
   * being counted in, or the reducer's own `window` when records are not grouped by period.
   */
  add(state: State, item: Item, window: Window | undefined): void;
  /** Combines two accumulators; associative and commutative, so shards merge in any order. */
  merge(a: State, b: State): State;
  /** Turns an accumulator into the result. Pure: it may be called more than once. */
  result(state: State): Result;
  /**
   * The timestamp that places a record in a period (for example `createdAt` for ticket
   * volume, the resolution time for resolution time). `null` or `undefined` means the record
   * has no such moment; it is still added, in the group whose period is `null`, so that its
   * exclusion is counted rather than lost.
   */
  timeOf(item: Item): Date | null | undefined;
  /**
   * For records that hold several events, each to be placed by its own time (every agent reply
   * of a ticket, for reply time): the events' times. The record is added once to every period
   * that contains one of them, with that period as `window`, and `add` counts only the events
   * inside the window (all of them when `window` is undefined). When present it is used
   * instead of `timeOf`; an empty list places the record in the `null` period, like a missing
   * `timeOf`.
   */
  timesOf?(item: Item): readonly Date[];
  /**
   * Stock metrics only: the span `[start, end)` during which a record counts. When it
   * returns a span, the record is added once for every period from the one holding `start`
   * to the one holding `end` (where it ends: lost, resolved) instead of by `timeOf`.
   */
  spanOf?(item: Item): Span | undefined;
  /**
   * For a metric that summarises one number per record (a duration in seconds): that number,
   * or `null` when the record is excluded. The report's distributions and per-record table
   * read it, so they show exactly what the metric summarises, in the same clock.
   */
  measure?(item: Item): number | null;
  /**
   * Stock metrics only: the window measured when records are not grouped by period (for
   * example backlog's `at` option becomes `{ start: at, end: at }`).
   */
  readonly window?: Window;
}

/** Any reducer, whatever its types; used where reducers are held in a collection. */
// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous collection of reducers needs it
export type AnyReducer<Item = any> = Reducer<Item, any, any>;

/** The result type of a reducer. */
// biome-ignore lint/suspicious/noExplicitAny: type-level extraction only
export type ResultOf<R> = R extends Reducer<any, any, infer Result> ? Result : never;
