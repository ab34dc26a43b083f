/**
 * The customer counts behind churn, retention and margin-over-churn lifetime value: how many
 * customers a window starts with, gains, loses and ends with. One place, so the three metrics
 * can never count the same customer differently.
 */
import * as z from "zod/mini";
import { flag, readOptions, window as windowField } from "../../reduce/options.ts";
import { badField, isInstant, requireInstant } from "../../reduce/recordError.ts";
import type { Reducer, Span, Window } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts } from "../../reduce/results.ts";
import type { Customer } from "../../schemas/customer.ts";
import type { ConfidenceInterval } from "../../stats/interval.ts";
import {
  type IntervalOption,
  intervalField,
  intervalFor,
  rateIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
import { mergeCounts } from "../mergeCounts.ts";

/** An instant as a caller may give it: a Date, an ISO 8601 string with an offset, or epoch ms. */
export type InstantInput = Date | string | number;

/** A window `[start, end)` as a caller may give it. */
export interface WindowInput {
  start: InstantInput;
  end: InstantInput;
}

/** The fields the customer counts read. */
export type CustomerCountsInput = Pick<Customer, "startedAt" | "endedAt">;

/**
 * Why a customer did not count: its life does not reach the window (it started at or after
 * the window's end, or ended before its start). Only a caller that hands `add` such a customer
 * sees it: the plain call and `rollup` hand a window only the customers that reach it.
 */
export type CustomerCountsExclusion = "outsideWindow";

/**
 * Additive counts over a half-open window `[S, E)`. `new` and `lost` include the customers who
 * joined and left inside the window; `newChurners` counts those, so `result` can take them out.
 */
export interface CustomerCountsState {
  start: number;
  new: number;
  lost: number;
  end: number;
  newChurners: number;
  excluded: Excluded<CustomerCountsExclusion>;
}

/**
 * The counts as a result reports them. Always `end = start + new − lost`.
 * With `includeNewChurners: false`, customers who joined and left inside the window are in
 * neither `new` nor `lost`, only in `newChurners`.
 */
export interface CustomerCounts {
  start: number;
  new: number;
  lost: number;
  end: number;
  /** Customers who joined and left inside the window (reported in both modes). */
  newChurners: number;
}

/** The result of churn and retention: a rate with the counts behind it. */
export interface CustomerRateResult extends CustomerCounts {
  /** Percentage; `null` when no customer was present at the window's start. */
  value: number | null;
  numerator: number;
  /** Customers at the window's start. */
  denominator: number;
  excluded: Excluded<CustomerCountsExclusion>;
  /** With `interval` only: the confidence interval of `value`, in percent. */
  interval?: ConfidenceInterval | null;
}

/** Options shared by the metrics built on the customer counts. */
export interface CustomerCountsOptions {
  /**
   * Whether customers who joined and left inside the window count in `new` and `lost`.
   * Defaults to `true`. They never count at the window's start.
   */
  includeNewChurners?: boolean;
  /**
   * The window `[start, end)` measured: a Date, an ISO 8601 string with an offset, or epoch
   * milliseconds for each end. Required by the plain call; in a rollup grouped by period,
   * each period is the window.
   */
  window?: WindowInput;
}

const EXCLUSIONS: readonly CustomerCountsExclusion[] = ["outsideWindow"];

/**
 * The options of {@link CustomerCountsOptions} as schema fields, for every metric built on the
 * counts (churn, retention, margin-over-churn lifetime value).
 */
export const customerCountsOptionFields = {
  includeNewChurners: z._default(flag(), true),
  window: z.optional(windowField()),
};

/** Options of churn and retention: the counts' options, and `interval` (Wilson by default). */
export interface CustomerRateOptions extends CustomerCountsOptions, IntervalOption {}

/** The schema of {@link CustomerRateOptions}: all that churn and retention take. */
export const CUSTOMER_COUNTS_OPTIONS = z.strictObject({
  ...customerCountsOptionFields,
  ...intervalField,
});

/**
 * A gross margin option: a fraction above 0 and at most 1 (0.8 for 80 %), as lifetime value's
 * margin-over-churn method and CAC payback take it.
 */
export function grossMargin() {
  const message = "must be a fraction above 0 and at most 1";
  return z.number({ error: message }).check(
    z.refine((n) => n > 0 && n <= 1, {
      error: message,
      params: { kind: "range" },
    }),
  );
}

/**
 * The span during which a customer counts: `[startedAt, endedAt)` (open: Infinity). A customer
 * is present from the instant it started and no longer at the instant it ended.
 */
export function customerSpan(customer: CustomerCountsInput): Span {
  return {
    start: customer.startedAt.getTime(),
    end: customer.endedAt ? customer.endedAt.getTime() : Number.POSITIVE_INFINITY,
  };
}

/**
 * Sums numbers in ascending order, so the sum does not depend on the order records arrived in
 * or shards were merged: money amounts are not exact in binary, and a different order of
 * additions could change the last digit.
 *
 * @example
 * orderedSum([0.3, 0.1, 0.2]) === orderedSum([0.2, 0.3, 0.1])
 * //=> true
 */
export function orderedSum(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return sum;
}

/** The window a stock metric measures, or a `TypeError` naming the metric when there is none. */
export function requireMeasuredWindow(fn: string, window: Window | undefined): Window {
  if (!window) {
    throw new TypeError(`${fn}: window must be given when customers are not grouped by period`);
  }
  return window;
}

/** Where a customer stands in a window. */
export interface CustomerPosition {
  atStart: boolean;
  isNew: boolean;
  isLost: boolean;
  atEnd: boolean;
}

/**
 * Where a customer stands in the half-open window `[S, E)`, the convention of every period
 * (docs/periods.md): an instant exactly at S belongs to the window, one exactly at E to the next.
 * at start = startedAt < S and (endedAt null or endedAt ≥ S);
 * new = S ≤ startedAt < E; lost = S ≤ endedAt < E;
 * at end = startedAt < E and (endedAt null or endedAt ≥ E).
 * So `end = start + new − lost`, and the end of one window is the start of the next.
 *
 * @example
 * const window = { start: Date.parse("2024-03-01T00:00:00Z"), end: Date.parse("2024-04-01T00:00:00Z") };
 * positionIn({ startedAt: new Date("2024-03-10T00:00:00Z"), endedAt: new Date("2024-03-20T00:00:00Z") }, window)
 * //=> { atStart: false, isNew: true, isLost: true, atEnd: false }
 */
export function positionIn(customer: CustomerCountsInput, window: Window): CustomerPosition {
  const { start, end } = customerSpan(customer);
  return {
    atStart: start < window.start && end >= window.start,
    isNew: window.start <= start && start < window.end,
    isLost: window.start <= end && end < window.end,
    atEnd: start < window.end && end >= window.end,
  };
}

/** Arithmetic of the customer counts. */
export const customerCounts = {
  init(): CustomerCountsState {
    return {
      start: 0,
      new: 0,
      lost: 0,
      end: 0,
      newChurners: 0,
      excluded: excludedCounts(EXCLUSIONS),
    };
  },
  /** Counts one customer; returns its position, or `undefined` when it was excluded. */
  add(
    state: CustomerCountsState,
    customer: CustomerCountsInput,
    window: Window,
  ): CustomerPosition | undefined {
    const position = positionIn(customer, window);
    if (!position.atStart && !position.isNew) {
      // Its life does not reach the window (it starts at or after the end, or ended before
      // the start): it is neither in the window's stock nor in its flows.
      state.excluded.outsideWindow++;
      return undefined;
    }
    if (position.atStart) state.start++;
    if (position.isNew) state.new++;
    if (position.isLost) state.lost++;
    if (position.atEnd) state.end++;
    if (position.isNew && position.isLost) state.newChurners++;
    return position;
  },
  merge: mergeCounts<CustomerCountsState>,
  /** The counts to report, with or without the customers who joined and left inside. */
  counts(state: CustomerCountsState, includeNewChurners: boolean): CustomerCounts {
    const taken = includeNewChurners ? 0 : state.newChurners;
    return {
      start: state.start,
      new: state.new - taken,
      lost: state.lost - taken,
      end: state.end,
      newChurners: state.newChurners,
    };
  },
};

/**
 * A stock reducer over customers whose result is a rate of the window's counts: churn and
 * retention differ only in `rate`, so they share the options, the placement (each customer is
 * added to every period from the one it started in to the one it ended in) and the counting.
 *
 * @param fn - The metric's name, for messages.
 * @param options - See {@link CustomerCountsOptions}.
 * @param rate - The numerator and denominator of the percentage, from the counts.
 */
export function customerRateReducer(
  fn: string,
  options: CustomerRateOptions,
  rate: (counts: CustomerCounts) => { numerator: number; denominator: number },
): Reducer<CustomerCountsInput, CustomerCountsState, CustomerRateResult> {
  const { includeNewChurners, window, interval } = readOptions(
    fn,
    CUSTOMER_COUNTS_OPTIONS,
    options,
  );
  const plain: ReturnType<typeof customerRateReducer> = {
    name: fn,
    timeOf: (customer) => customer.startedAt,
    // Cheap checks for records that never went through the schema (recordError.ts); the span
    // is read before `add`, so this is where a garbage instant is caught.
    spanOf(customer) {
      requireInstant(fn, "startedAt", customer.startedAt);
      const ended: unknown = customer.endedAt;
      if (ended !== null && ended !== undefined && !isInstant(ended)) {
        badField(fn, "endedAt", "a valid Date or null", ended);
      }
      return customerSpan(customer);
    },
    ...(window ? { window } : {}),
    init: customerCounts.init,
    add(state, customer, measured) {
      customerCounts.add(state, customer, requireMeasuredWindow(fn, measured));
    },
    merge: customerCounts.merge,
    result(state) {
      const counts = customerCounts.counts(state, includeNewChurners);
      const { numerator, denominator } = rate(counts);
      return {
        value: denominator === 0 ? null : (100 * numerator) / denominator,
        numerator,
        denominator,
        ...counts,
        excluded: { ...state.excluded },
      };
    },
  };
  // Customers who join and leave inside the window can put the numerator outside
  // 0..denominator (retention's end − new below 0, churn's lost above the start): no
  // interval then (rateIntervalOf).
  return withInterval(plain, intervalFor(fn, "rate", interval), rateIntervalOf);
}
