/**
 * What a metric says about itself for the SQL compiler, as data: which records it leaves out
 * and why (in order, the first rule that holds names the reason), and what it measures of the
 * others (counts, filtered counts, sums, or a duration between two instants). Each catalogue
 * entry declares this in its `sql` field, a function of its checked options; the compiler
 * reads only that, never a metric's name. A metric that SQL cannot express with some options
 * (a function option, the messages arrays a relation cannot hold) says so with a refusal and
 * its reason, and is never approximated.
 *
 * The expressions are a small tree (fields, bound values, arithmetic, comparisons, tests for
 * null and for a column the relation does not have) that each dialect writes in its own words.
 */
import { MERGED_SOURCE_TAG } from "../metrics/tickets/mergedTickets.ts";

/** A value bound as a parameter, never written into the SQL text. */
export type SqlValue = string | number | boolean;

/** An expression over one record (one row of the relation). */
export type Expr =
  /** A field of the record; `member` reads a field of a record-valued field (`scale.max`). */
  | { readonly field: string; readonly member?: string }
  /** A constant, bound as a parameter. */
  | { readonly value: SqlValue }
  | { readonly op: "+" | "-" | "*"; readonly args: readonly [Expr, Expr] }
  | {
      readonly compare: "=" | "<>" | "<" | "<=" | ">" | ">=";
      readonly args: readonly [Expr, Expr];
    }
  /** `field` is null (a field the relation does not have reads as null). */
  | { readonly isNull: string }
  /** The relation has no column `field`: true or false for every row, known when compiling. */
  | { readonly absent: string }
  /**
   * For a stock (see {@link StockSql}): the instant it is measured at (a period's end, or
   * `asOf`), or the start of the period measured (`asOf` itself without a period).
   */
  | { readonly instant: "measured" | "periodStart" }
  /** A constant instant (epoch milliseconds), bound as a parameter: an `asOf`. */
  | { readonly instantAt: number }
  /**
   * The instant field `inWindow` is not null and lies in the window the record is counted in
   * (see {@link EventsSql}): its period, the metric's own `window` when the rollup is not by
   * period, anywhere when there is no window (the `null` period, `placeBy: "created"`).
   */
  | { readonly inWindow: string }
  /**
   * The seconds from the instant `from` to the instant `to`, a double: their whole epoch
   * milliseconds subtracted, divided by 1000 (as a reducer divides `getTime()`s), so that a
   * comparison with a threshold in seconds decides as the reducer does.
   */
  | { readonly seconds: { readonly from: Expr; readonly to: Expr } }
  /** The whole number nearest a number, halves up (as `Math.round`): null when it is null. */
  | { readonly round: Expr }
  /** The local date (`YYYY-MM-DD` text) of the instant field `localDay` in an IANA zone. */
  | { readonly localDay: string; readonly timeZone: string }
  /** The list-valued `field` holds `value` (a missing column holds nothing). */
  | { readonly holds: string; readonly value: string }
  /**
   * How many distinct values, nulls aside, the member `member` takes over the elements of
   * the nested array of records `list` (a ticket's assignments: src/sql/nested.ts) and the
   * `also` expressions together (the current assignee beside the history): null when the
   * list is null or the relation has no such column.
   */
  /**
   * The seconds (whole milliseconds summed, then divided by 1000, as a reducer divides) a
   * record spent in `statuses` between the instants `start` and `end`, read from its status
   * history, the nested array `list` of `{ at, status }` sorted by time: each change holds
   * until the next, and before the first the status is `initial`; changes are clipped to
   * `[start, end]`. Null when the history is null or empty (unknown), or the relation has no
   * such column (src/sql/nested.ts).
   */
  | {
      readonly statusSeconds: {
        readonly list: string;
        readonly start: string;
        readonly end: string;
        readonly statuses: readonly string[];
        readonly initial: string;
      };
    }
  /**
   * The instant (`at`) of the first element after the first of the nested array of messages
   * `list` (a ticket's messages, in their order: src/sql/nested.ts) that is public and written
   * in one of `roles`: null when there is none, when the list is null, or when the relation
   * has no such column. The first message is never a reply: a reply there is the ticket.
   */
  | {
      readonly firstMessageAt: {
        readonly list: string;
        readonly roles: readonly string[];
      };
    }
  /**
   * Of the agent replies among the nested array of messages `list` (public, written by an
   * agent, not automated, as `isAgentReply` reads them): how many distinct `authorId`s they
   * have (`"count"`: null when the list is null or the relation has no such column), or
   * whether one has none (`"unknown"`: false then).
   */
  | { readonly replyAuthors: { readonly list: string; readonly read: "count" | "unknown" } }
  /** The record is followed by another, as its metric's `follows` says ({@link FollowsSql}). */
  | { readonly followed: true }
  /** The expression is null (a field the relation lacks, a nested reading with no result). */
  | { readonly missing: Expr }
  | {
      readonly distinctMembers: {
        readonly list: string;
        readonly member: string;
        readonly also: readonly Expr[];
      };
    }
  | { readonly all: readonly Expr[] }
  | { readonly any: readonly Expr[] }
  | { readonly not: Expr }
  /** The first `result` whose `when` holds, else `otherwise`. */
  | {
      readonly cases: readonly { readonly when: Expr; readonly result: Expr }[];
      readonly otherwise: Expr;
    };

/** A rule that leaves a record out of a metric, under a named reason. */
export interface ExclusionRule {
  readonly reason: string;
  readonly when: Expr;
  /**
   * The reason is listed in a result only when it counted a record (as `mergedSource` is):
   * the in-memory reducer adds it on first use.
   */
  readonly sparse?: boolean;
}

/** One number of a metric's state, aggregated over the records it counts. */
export type Aggregate =
  /** The records for which `where` holds (every counted record without it). */
  | { readonly count: Expr | true }
  /** The sum of `sum` over the counted records. */
  | { readonly sum: Expr }
  /**
   * The number of distinct tuples of `distinct` over the counted records (a tuple with a null
   * is not counted): exact, as the reducer's set of ids is.
   */
  | { readonly distinct: readonly Expr[] }
  /**
   * A stock's counted records by age, a list of counts: the seconds from the instant field
   * `ages` to the instant measured, in `[0, b0)`, `[b0, b1)` ... `[bLast, ∞)` of `boundaries`.
   */
  | { readonly ages: string; readonly boundaries: readonly number[] }
  /**
   * Milliseconds covered by the spans of the counted records, each span counted once where
   * spans of the same `by` overlap, summed over the values of `by` (an agent's busy time):
   * a span runs from the instant field `start` for `length` whole milliseconds. Exact, as
   * the union of the spans in memory is.
   */
  | { readonly union: { readonly by: Expr; readonly start: string; readonly length: Expr } }
  /**
   * The counted records by the whole number `tally` (at least 0) each has, as a list whose
   * k-th entry counts those with k (a reducer's distribution, as long as its greatest k + 1):
   * exact, however large the numbers (src/sql/nested.ts).
   */
  | { readonly tally: Expr };

/**
 * A stock, measured at each period's end (or at `asOf` without a period): each record has a
 * span, from `start` to the earliest of `ends`, and is handed to the metric in every period
 * its span reaches (starts before the period's end, and has not ended before its start: the
 * in-memory rollup's rule, src/aggregate/stock.ts), where the exclusion rules and aggregates
 * read the instant measured as `{ instant: "measured" }`.
 */
export interface StockSql {
  /** The instant field a record's span starts at. */
  readonly start: string;
  /** Where the span ends: each field where its `when` holds; a null field never ends it. */
  readonly ends: readonly { readonly field: string; readonly when?: Expr }[];
  /**
   * The state field that holds the instant measured (epoch ms) once a record reached it; none
   * for a state that does not keep it (the customer counts).
   */
  readonly measuredAt?: string;
  /** The instant measured when the rollup is not grouped by period (`asOf`), epoch ms. */
  readonly at: number | undefined;
  /**
   * For a stock measured over a window rather than at an instant (customers present at its
   * start and at its end): the metric's `window`, epoch ms, measured when the rollup is not
   * grouped by period, where `{ instant: "periodStart" }` is its start and `MEASURED` its end.
   * Declared (even undefined) by such a stock, so that a refusal names the right option.
   */
  readonly window?: { readonly start: number; readonly end: number } | undefined;
}

/**
 * One instant that places a record (see {@link EventsSql}): the field, where `when` holds; a
 * null field places nothing.
 */
export interface PlacingInstant {
  readonly field: string;
  readonly when?: Expr;
  /**
   * The instant is the field's less this many milliseconds (a ticket placed `windowHours`
   * before its creation too), cut to a whole millisecond toward zero as a `Date` cuts it.
   */
  readonly before?: number;
}

/**
 * A record followed by another of the same relation (deflection: a session followed by a
 * ticket from the same customer): the compiler adds a column, true when some record with the
 * same `match` (not null) and the same group keys has its instant `at` within `[from, from +
 * withinMs]` of this record's `from`, and is counted in this record's group as the in-memory
 * rollup counts it there: grouped by period, the period of this record's `from` lies between
 * the periods of the follower's `at` less `before[0]` and `at` less `before[1]`, both
 * included (its reducer places it in every period between them: see {@link PlacingInstant});
 * by creation, the period of `at` alone (the follower's creation); not by period, anywhere.
 * Read as `{ followed: true }`.
 */
export interface FollowsSql {
  readonly from: string;
  readonly at: string;
  readonly match: string;
  readonly withinMs: number;
  /** The shifts of the earliest and the latest period the follower is placed in. */
  readonly before: readonly [number, number];
}

/**
 * A metric counted at each of several instants of a record (its reducer's `timesOf`: a
 * ticket's creation and its resolution): grouped by period, the record is counted once in
 * every period holding one of `placedBy` (several in one period count it once), with that
 * period as its window, and in the `null` period without a window when none places it; its
 * rules and aggregates ask which instants lie in the window with `{ inWindow: field }`. Not
 * grouped by period, it is counted once, in the metric's own `window` if it has one; placed by
 * creation (`placeBy: "created"`), once in its creation's period, without a window.
 */
export interface EventsSql {
  readonly placedBy: readonly PlacingInstant[];
}

/**
 * A metric of the waits in a ticket's messages (reply time): each customer message waits for
 * the next public human agent reply (an agent's message, public, not automated), in the
 * list's order; `"firstUnanswered"` keeps only the first customer message of each run, and
 * `excludeFirstReply` drops the waits the first answering reply ends. The compiler gives each
 * record one row per wait (src/sql/waits.ts), or one row without a wait when it has none, with
 * the columns that `WAIT_COLUMNS` names; each wait is placed by its reply (by creation with
 * `placeBy: "created"`), its seconds measured in calendar time. The exclusion rules are read
 * per record (a record counted once per group however many waits it has there), and the
 * duration result is of the counted waits, with `records` (the field of the result) the
 * records that gave at least one.
 */
export interface WaitsSql {
  readonly list: string;
  readonly from: "each" | "firstUnanswered";
  readonly excludeFirstReply: boolean;
  readonly records: string;
}

/**
 * The columns a waits metric's rules may read (see {@link WaitsSql}): the instants a wait
 * starts and ends (null on a record's row without a wait), and how many messages the record
 * has (null when it has none given).
 */
export const WAIT_COLUMNS = {
  asked: "__asked",
  replied: "__replied",
  messages: "__messageCount",
} as const;

/** How a duration's span is timed: the metric's clock options, as it was given them. */
export interface SpanTiming {
  readonly schedule?: unknown;
  readonly clock?: "calendar" | "business" | undefined;
  readonly scheduleRule?: string | undefined;
}

/**
 * What a metric measures, for the compiler:
 * - `state`: its reducer's state, field by field (counts and sums; `excluded` is filled from
 *   the rules), handed to the reducer's own `result`, so the result has its very shape;
 * - `state` with `stock`: the same, for a stock measured at each period's end ({@link StockSql});
 * - `state` with `events`: the same, for a record counted at each of several instants
 *   ({@link EventsSql});
 * - `duration`: seconds from `start` to `end` of each counted record, reported as a duration
 *   result (n, sum, mean, median, p90, p95 with linear interpolation, min, max);
 * - `recorded`: the same duration result, of seconds recorded on each record (handle time);
 * - `refused`: SQL cannot express it with these options, for the reason given.
 */
export type MetricSql =
  | {
      readonly exclude: readonly ExclusionRule[];
      readonly state: Readonly<Record<string, Aggregate>>;
      /**
       * For a reducer whose state SQL cannot hold (a set of ids, where SQL returns how many):
       * its result from the aggregates' numbers, as its own `result` computes it.
       */
      readonly result?: (
        numbers: Readonly<Record<string, number>>,
        excluded: Record<string, number>,
      ) => unknown;
    }
  | {
      readonly exclude: readonly ExclusionRule[];
      readonly state: Readonly<Record<string, Aggregate>>;
      readonly stock: StockSql;
    }
  | {
      readonly exclude: readonly ExclusionRule[];
      readonly state: Readonly<Record<string, Aggregate>>;
      readonly events: EventsSql;
      /** Whether each record is followed by another (see {@link FollowsSql}). */
      readonly follows?: FollowsSql;
      /** As for a plain state: the result from the aggregates' numbers (cost per ticket's sum). */
      readonly result?: (
        numbers: Readonly<Record<string, number>>,
        excluded: Record<string, number>,
      ) => unknown;
    }
  | {
      readonly exclude: readonly ExclusionRule[];
      readonly duration: { readonly start: Expr; readonly end: Expr; readonly timing: SpanTiming };
      readonly statistic: "mean" | "median" | "p90" | "p95";
    }
  | {
      readonly exclude: readonly ExclusionRule[];
      /** The waits of each record, each a duration, placed by its reply (see {@link WaitsSql}). */
      readonly waits: WaitsSql;
      readonly statistic: "mean" | "median" | "p90" | "p95";
    }
  | {
      readonly exclude: readonly ExclusionRule[];
      /** Seconds recorded on each counted record (a field), reported as a duration result. */
      readonly recorded: Expr;
      readonly statistic: "mean" | "median" | "p90" | "p95";
    }
  | { readonly refused: string };

/** What a metric's `sql` function may know of the relation: which columns it has. */
export interface RelationColumns {
  has(field: string): boolean;
}

/** A field of the record. */
export const field = (name: string, member?: string): Expr =>
  member === undefined ? { field: name } : { field: name, member };
/** A constant, bound as a parameter. */
export const value = (constant: SqlValue): Expr => ({ value: constant });
/** `a op b` for a comparison. */
export const compare = (
  op: "=" | "<>" | "<" | "<=" | ">" | ">=",
  a: Expr,
  b: Expr | SqlValue,
): Expr => ({
  compare: op,
  args: [a, typeof b === "object" ? b : value(b)],
});
/** Every condition holds. */
export const all = (...of: Expr[]): Expr => ({ all: of });
/** Some condition holds. */
export const any = (...of: Expr[]): Expr => ({ any: of });
/** The condition does not hold. */
export const not = (of: Expr): Expr => ({ not: of });
/** The seconds from instant `from` to instant `to` (null when either is). */
export const secondsBetween = (from: Expr, to: Expr): Expr => ({ seconds: { from, to } });
/** The instant a stock is measured at (see {@link StockSql}). */
export const MEASURED: Expr = { instant: "measured" };
/** The start of the period (or window) a stock is measured over (see {@link StockSql}). */
export const PERIOD_START: Expr = { instant: "periodStart" };
/** The field is null. */
export const isNull = (name: string): Expr => ({ isNull: name });

/**
 * The rule every ticket flow metric starts with: a merged source (tagged `closed_by_merge`) is
 * left out as `mergedSource`, listed only when the data held one (see mergedTickets.ts).
 */
export const MERGED_SOURCE_RULE: ExclusionRule = {
  reason: "mergedSource",
  when: { holds: "tags", value: MERGED_SOURCE_TAG },
  sparse: true,
};

/**
 * The refusal for a metric whose options ask for business time, until working intervals are
 * compiled to SQL: the compiler never counts calendar seconds in their place.
 */
export function needsBusinessTime(timing: SpanTiming): boolean {
  if (timing.clock === "calendar") return false;
  return timing.clock === "business" || timing.schedule !== undefined;
}

/** The refusal of an option that is a function: SQL cannot call it. */
export function functionOption(option: string): { refused: string } {
  return { refused: `${option} is a function, which SQL cannot call` };
}

/** Whether a duration metric's `percentiles` option asks for a sketch (given or checked). */
export function sketchAsked(percentiles: unknown): boolean {
  if (typeof percentiles !== "object" || percentiles === null) return false;
  return Boolean((percentiles as { sketch?: unknown }).sketch);
}

/** The refusal of sketched percentiles: SQL computes exact ones, which a sketch's are not. */
export const SKETCH_REFUSAL = {
  refused:
    'percentiles from a DDSketch are the sketch\'s own approximation; SQL computes exact quantiles (use percentiles: "exact")',
} as const;

/**
 * The `sql` declaration of a metric that SQL cannot express with any options: its reason,
 * read before the options are checked (a declaration that takes no arguments).
 *
 * @example
 * refuse("reads statusChanges, which SQL does not hold")()
 * //=> { refused: "reads statusChanges, which SQL does not hold" }
 */
export function refuse(reason: string): () => { refused: string } {
  return () => ({ refused: reason });
}
