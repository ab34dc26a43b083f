/**
 * Customer lifetime value in its two definitions (revenue over a lifetime, and margin over
 * churn), which share their revenue and churn arithmetic. Long (about 440 lines) because each
 * has its plain call, reducer, options and catalogue entry.
 */
import * as z from "zod/mini";
import { show } from "../../reduce/arguments.ts";
import { oneOf, positive, readOptions, window as windowField } from "../../reduce/options.ts";
import { badField, isInstant, requireInstant } from "../../reduce/recordError.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { Reducer, Span, Window } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts, mergeExcluded } from "../../reduce/results.ts";
import type { Customer, Purchase } from "../../schemas/customer.ts";
import { MRR_REFUSAL } from "../../sql/customerStock.ts";
import { refuse } from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import {
  type CustomerCountsOptions,
  type CustomerCountsState,
  customerCounts,
  customerCountsOptionFields,
  customerSpan,
  grossMargin,
  orderedSum,
  requireMeasuredWindow,
  type WindowInput,
} from "./customerCounts.ts";

const NAME = "customerLifetimeValue";
const DAY = 86_400_000;
/** A Julian year: 365.25 days. */
const YEAR = 365.25 * DAY;

/** The unit time is measured in by the simple method: frequency per unit, lifespan in units. */
export type LifetimeUnit = "day" | "week" | "month" | "year";

/** Length of each {@link LifetimeUnit} in milliseconds: a month is a twelfth of 365.25 days. */
export const LIFETIME_UNIT_MS: Readonly<Record<LifetimeUnit, number>> = {
  day: DAY,
  week: 7 * DAY,
  month: YEAR / 12,
  year: YEAR,
};

const UNITS = ["day", "week", "month", "year"] as const satisfies readonly LifetimeUnit[];
const METHODS = ["simple", "margin-over-churn"] as const;

/** The method chosen, read before the method's own options. */
const METHOD = z.looseObject({ method: z._default(oneOf(METHODS), "simple") });

/** The schema of {@link SimpleLifetimeValueOptions}. */
const SIMPLE_OPTIONS = z.strictObject({
  method: z.optional(oneOf(["simple"])),
  lifespan: positive(),
  unit: z._default(oneOf(UNITS), "year"),
  window: z.optional(windowField()),
});

/** The schema of {@link MarginLifetimeValueOptions}. */
const MARGIN_OPTIONS = z.strictObject({
  method: oneOf(["margin-over-churn"]),
  grossMargin: grossMargin(),
  ...customerCountsOptionFields,
});

/** The fields the simple method reads from purchases. */
export type SimpleLifetimeValueInput = Pick<Purchase, "customerId" | "purchasedAt" | "amount">;

/** The fields the margin-over-churn method reads from customers. */
export type MarginLifetimeValueInput = Pick<Customer, "startedAt" | "endedAt" | "mrr">;

/** Options of the simple method (the default). */
export interface SimpleLifetimeValueOptions {
  method?: "simple";
  /** Expected customer lifespan, in `unit`s. Required, positive. */
  lifespan: number;
  /** The unit of the purchase frequency and of `lifespan`. Defaults to `"year"`. */
  unit?: LifetimeUnit;
  /**
   * The observation window `[start, end)`: purchases are counted in it and frequency is per
   * unit of its length. Required by {@link customerLifetimeValue}; in a rollup grouped by
   * period, each period is the window.
   */
  window?: WindowInput;
}

/**
 * Options of the margin-over-churn method: the customer counts' `includeNewChurners` and
 * `window` (the window churn is measured over: use one month, so that MRR and churn share a
 * unit), and the gross margin.
 */
export interface MarginLifetimeValueOptions extends CustomerCountsOptions {
  method: "margin-over-churn";
  /** Gross margin as a fraction, above 0 and at most 1 (0.8 for 80 %). Required. */
  grossMargin: number;
}

/** Options for {@link customerLifetimeValue}: one of the two methods. */
export type CustomerLifetimeValueOptions = SimpleLifetimeValueOptions | MarginLifetimeValueOptions;

/** Why a record did not count in the simple method. */
export type SimpleLifetimeValueExclusion = "outsideWindow";

/** Why a customer did not count (fully) in the margin-over-churn method. */
export type MarginLifetimeValueExclusion = "outsideWindow" | "noMrr";

/** The accumulator of the simple method. */
export interface SimpleLifetimeValueState {
  /** Every amount in the window, refunds included; summed in order only by `result`. */
  amounts: number[];
  purchases: number;
  refunds: number;
  customers: Set<string>;
  /** The hull of the windows measured (Infinity / −Infinity before any record). */
  windowStart: number;
  windowEnd: number;
  excluded: Excluded<SimpleLifetimeValueExclusion>;
}

/** The result of the simple method: value = averagePurchaseValue × purchaseFrequency × lifespan. */
export interface SimpleLifetimeValueResult {
  value: number | null;
  method: "simple";
  /** Sum of all amounts in the window, refunds included. */
  revenue: number;
  /** Records with an amount of 0 or more. */
  purchases: number;
  /** Records with a negative amount: they lower revenue but are not purchases. */
  refunds: number;
  /** Distinct customers with at least one purchase in the window. */
  customers: number;
  /** revenue / purchases. */
  averagePurchaseValue: number | null;
  /** purchases / customers / windowLength: purchases per customer per unit. */
  purchaseFrequency: number | null;
  lifespan: number;
  unit: LifetimeUnit;
  /** The window's length in units, or `null` before any record. */
  windowLength: number | null;
  excluded: Excluded<SimpleLifetimeValueExclusion>;
}

/** The accumulator of the margin-over-churn method. */
export interface MarginLifetimeValueState extends Omit<CustomerCountsState, "excluded"> {
  /** MRR in effect at the window's start, of each starting customer that had one. */
  startMrr: number[];
  excluded: Excluded<MarginLifetimeValueExclusion>;
}

/** The result of the margin-over-churn method: value = arpa × grossMargin / (churnRate / 100). */
export interface MarginLifetimeValueResult {
  value: number | null;
  method: "margin-over-churn";
  /** Average MRR per account at the window's start: mrr / accounts. */
  arpa: number | null;
  grossMargin: number;
  /** Customer churn over the window, in percent (as {@link churnRate} reports it). */
  churnRate: number | null;
  /** Customers at the start with an MRR in effect then. */
  accounts: number;
  /** Their MRR, summed. */
  mrr: number;
  start: number;
  new: number;
  lost: number;
  end: number;
  newChurners: number;
  excluded: Excluded<MarginLifetimeValueExclusion>;
}

/** The result of {@link customerLifetimeValue}, depending on the method. */
export type CustomerLifetimeValueResult = SimpleLifetimeValueResult | MarginLifetimeValueResult;

/**
 * Customer lifetime value, by one of two methods.
 *
 * - `"simple"` (default), over purchases in a window: average purchase value × purchase
 *   frequency × expected lifespan, where average purchase value = revenue / purchases and
 *   frequency = purchases / distinct customers / the window's length in `unit`s (a year is
 *   365.25 days, a month a twelfth of it). `lifespan` is in the same unit. Refunds (negative
 *   amounts) lower revenue but are not purchases.
 * - `"margin-over-churn"`, over customers with MRR: ARPA × gross margin / churn rate, where
 *   ARPA is the mean MRR in effect at the window's start of the customers present then, and
 *   churn is {@link churnRate} over the same window (`null` when nobody was lost).
 *
 * Definition: docs/definitions.md, "Customer lifetime value".
 *
 * @param records - Purchases (simple) or customers (margin-over-churn), validated.
 * @param options - The method and its options; see {@link CustomerLifetimeValueOptions}.
 * @returns `value` in the currency of the amounts, or `null` when nothing qualifies, with
 *   every quantity behind it.
 *
 * @example
 * const window = { start: "2024-01-01T00:00:00Z", end: "2024-01-29T00:00:00Z" }; // 4 weeks
 * const purchasedAt = new Date("2024-01-10T00:00:00Z");
 * // revenue 120 over 4 purchases: APV 30; 4 purchases / 2 customers / 4 weeks = 0.5 a week;
 * // 30 × 0.5 × 52 weeks = 780
 * customerLifetimeValue([
 *   { customerId: "a", purchasedAt, amount: 20 },
 *   { customerId: "a", purchasedAt, amount: 40 },
 *   { customerId: "b", purchasedAt, amount: 25 },
 *   { customerId: "b", purchasedAt, amount: 35 },
 * ], { lifespan: 52, unit: "week", window }).value
 * //=> 780
 */
export function customerLifetimeValue(
  records: Iterable<SimpleLifetimeValueInput>,
  options: SimpleLifetimeValueOptions & { window: WindowInput },
): SimpleLifetimeValueResult;
export function customerLifetimeValue(
  records: Iterable<MarginLifetimeValueInput>,
  options: MarginLifetimeValueOptions & { window: WindowInput },
): MarginLifetimeValueResult;
export function customerLifetimeValue(
  records: Iterable<SimpleLifetimeValueInput> | Iterable<MarginLifetimeValueInput>,
  options: CustomerLifetimeValueOptions,
): CustomerLifetimeValueResult {
  // biome-ignore lint/suspicious/noExplicitAny: the overloads above tie records to the method
  return reduce(records as Iterable<any>, customerLifetimeValueReducer(options as any));
}

/**
 * The mergeable reducer behind {@link customerLifetimeValue}, for `rollup` and for shards.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const window = { start: "2024-01-01T00:00:00Z", end: "2024-01-29T00:00:00Z" }; // 4 weeks
 * const purchasedAt = new Date("2024-01-10T00:00:00Z");
 * // revenue 120 over 4 purchases: APV 30; 4 purchases / 2 customers / 4 weeks = 0.5 a week;
 * // 30 × 0.5 × 52 weeks = 780
 * const all = [
 *   { customerId: "a", purchasedAt, amount: 20 },
 *   { customerId: "a", purchasedAt, amount: 40 },
 *   { customerId: "b", purchasedAt, amount: 25 },
 *   { customerId: "b", purchasedAt, amount: 35 },
 * ];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(customerLifetimeValueReducer({ lifespan: 52, unit: "week", window }), [all.slice(0, 1), all.slice(1)]).value
 * //=> 780
 */
export function customerLifetimeValueReducer(
  options: SimpleLifetimeValueOptions,
): Reducer<SimpleLifetimeValueInput, SimpleLifetimeValueState, SimpleLifetimeValueResult>;
export function customerLifetimeValueReducer(
  options: MarginLifetimeValueOptions,
): Reducer<MarginLifetimeValueInput, MarginLifetimeValueState, MarginLifetimeValueResult>;
export function customerLifetimeValueReducer(
  options: CustomerLifetimeValueOptions,
):
  | Reducer<SimpleLifetimeValueInput, SimpleLifetimeValueState, SimpleLifetimeValueResult>
  | Reducer<MarginLifetimeValueInput, MarginLifetimeValueState, MarginLifetimeValueResult> {
  // The options are required (lifespan or grossMargin is), so a missing object is named as such
  // (readOptions names null the same way, and would read undefined as no options).
  if (typeof options !== "object") {
    throw new TypeError(`${NAME}: options must be an object, got ${show(options)}`);
  }
  const { method } = readOptions(NAME, METHOD, options);
  return method === "simple"
    ? simpleLifetimeValueReducer(options as SimpleLifetimeValueOptions)
    : marginLifetimeValueReducer(options as MarginLifetimeValueOptions);
}

function simpleLifetimeValueReducer(
  options: SimpleLifetimeValueOptions,
): Reducer<SimpleLifetimeValueInput, SimpleLifetimeValueState, SimpleLifetimeValueResult> {
  const { lifespan, unit, window } = readOptions(NAME, SIMPLE_OPTIONS, options);
  const unitMs = LIFETIME_UNIT_MS[unit];
  return {
    name: NAME,
    timeOf: (purchase) => requireInstant(NAME, "purchasedAt", purchase.purchasedAt),
    ...(window ? { window } : {}),
    init: () => ({
      amounts: [],
      purchases: 0,
      refunds: 0,
      customers: new Set(),
      windowStart: Number.POSITIVE_INFINITY,
      windowEnd: Number.NEGATIVE_INFINITY,
      excluded: excludedCounts(["outsideWindow"]),
    }),
    add(state, purchase, measured) {
      const { start, end } = requireMeasuredPurchaseWindow(measured);
      state.windowStart = Math.min(state.windowStart, start);
      state.windowEnd = Math.max(state.windowEnd, end);
      // Cheap checks for records that never went through the schema (recordError.ts).
      const time = requireInstant(NAME, "purchasedAt", purchase.purchasedAt).getTime();
      const amount: unknown = purchase.amount;
      // Number.isFinite alone refuses what is not a number; the typeof narrows the type (so
      // dropping it is an equivalent mutant).
      if (typeof amount !== "number" || !Number.isFinite(amount)) {
        badField(NAME, "amount", "a finite number", amount);
      }
      const customer: unknown = purchase.customerId;
      if (typeof customer !== "string") badField(NAME, "customerId", "a string", customer);
      if (time < start || time >= end) {
        state.excluded.outsideWindow++;
        return;
      }
      state.amounts.push(amount);
      if (amount < 0) {
        state.refunds++;
        return;
      }
      state.purchases++;
      state.customers.add(customer);
    },
    merge: (a, b) => ({
      amounts: a.amounts.concat(b.amounts),
      purchases: a.purchases + b.purchases,
      refunds: a.refunds + b.refunds,
      customers: new Set([...a.customers, ...b.customers]),
      windowStart: Math.min(a.windowStart, b.windowStart),
      windowEnd: Math.max(a.windowEnd, b.windowEnd),
      excluded: mergeExcluded(a.excluded, b.excluded),
    }),
    result(state) {
      const revenue = orderedSum(state.amounts);
      const customers = state.customers.size;
      const lengthMs = state.windowEnd - state.windowStart;
      const windowLength = Number.isFinite(lengthMs) ? lengthMs / unitMs : null;
      const averagePurchaseValue = state.purchases === 0 ? null : revenue / state.purchases;
      const purchaseFrequency =
        customers === 0 || !windowLength ? null : state.purchases / customers / windowLength;
      // Customers are counted with purchases only, and a window holding a purchase has a
      // length: the two are null together, and either check would do (equivalent mutants).
      return {
        value:
          averagePurchaseValue === null || purchaseFrequency === null
            ? null
            : averagePurchaseValue * purchaseFrequency * lifespan,
        method: "simple",
        revenue,
        purchases: state.purchases,
        refunds: state.refunds,
        customers,
        averagePurchaseValue,
        purchaseFrequency,
        lifespan,
        unit,
        windowLength,
        excluded: { ...state.excluded },
      };
    },
  };
}

function requireMeasuredPurchaseWindow(window: Window | undefined): Window {
  if (!window) {
    throw new TypeError(`${NAME}: window must be given when purchases are not grouped by period`);
  }
  return window;
}

/**
 * The MRR in effect at a window's start S: the latest change before S, if any. A change
 * exactly at S belongs to the window `[S, E)`, as the customer counts' "at start" holds what
 * was present just before S (and as mrrMovements' opening MRR).
 */
function mrrAt(customer: MarginLifetimeValueInput, instant: number): number | undefined {
  let amount: number | undefined;
  for (const change of customer.mrr) {
    if (change.at.getTime() >= instant) break;
    amount = change.amount;
  }
  return amount;
}

const MRR = "a list of MRR changes { at: a valid Date, amount: a finite number at least 0 }";

/**
 * The span of a customer whose fields were checked, for records that never went through the
 * schema (recordError.ts). The span is read before `add`, once per customer, so this is where
 * a garbage instant or MRR change is caught, as in the customer counts.
 */
function checkedSpan(customer: MarginLifetimeValueInput): Span {
  requireInstant(NAME, "startedAt", customer.startedAt);
  const ended: unknown = customer.endedAt;
  if (ended !== null && ended !== undefined && !isInstant(ended)) {
    badField(NAME, "endedAt", "a valid Date or null", ended);
  }
  const mrr: unknown = customer.mrr;
  if (!Array.isArray(mrr)) badField(NAME, "mrr", MRR, mrr);
  for (const change of mrr as unknown[]) {
    const { at, amount } = (change ?? {}) as { at?: unknown; amount?: unknown };
    if (!isInstant(at) || typeof amount !== "number" || !(amount >= 0 && amount < Infinity)) {
      badField(NAME, "mrr", MRR, change);
    }
  }
  return customerSpan(customer);
}

function marginLifetimeValueReducer(
  options: MarginLifetimeValueOptions,
): Reducer<MarginLifetimeValueInput, MarginLifetimeValueState, MarginLifetimeValueResult> {
  const {
    grossMargin: margin,
    includeNewChurners,
    window,
  } = readOptions(NAME, MARGIN_OPTIONS, options);
  return {
    name: NAME,
    timeOf: (customer) => customer.startedAt,
    spanOf: checkedSpan,
    ...(window ? { window } : {}),
    init: () => {
      const { excluded, ...counts } = customerCounts.init();
      return { ...counts, startMrr: [], excluded: { ...excluded, noMrr: 0 } };
    },
    add(state, customer, measured) {
      const window = requireMeasuredWindow(NAME, measured);
      const position = customerCounts.add(state, customer, window);
      if (!position?.atStart) return;
      const mrr = mrrAt(customer, window.start);
      if (mrr === undefined) state.excluded.noMrr++;
      else state.startMrr.push(mrr);
    },
    merge: (a, b) => ({
      ...customerCounts.merge(a, b),
      startMrr: a.startMrr.concat(b.startMrr),
      excluded: mergeExcluded(a.excluded, b.excluded),
    }),
    result(state) {
      const counts = customerCounts.counts(state, includeNewChurners);
      const accounts = state.startMrr.length;
      const mrr = orderedSum(state.startMrr);
      const arpa = accounts === 0 ? null : mrr / accounts;
      const churnRate = counts.start === 0 ? null : (100 * counts.lost) / counts.start;
      // A null churn rate (nobody at the start) comes with a null ARPA (no account then): its
      // check is for the types, dropping it an equivalent mutant.
      return {
        value:
          arpa === null || churnRate === null || churnRate === 0
            ? null
            : (arpa * margin) / (churnRate / 100),
        method: "margin-over-churn",
        arpa,
        grossMargin: margin,
        churnRate,
        accounts,
        mrr,
        ...counts,
        excluded: { ...state.excluded },
      };
    },
  };
}

/** Lifetime value by the simple method in the catalogue: the CLI's `clv`, over purchases. */
export const customerLifetimeValueMetric = defineMetric({
  name: "clv",
  key: "customerLifetimeValue",
  function: "customerLifetimeValue",
  label: "Customer lifetime value",
  description:
    "Average purchase value times purchase frequency times expected lifespan, from the purchases in a window.",
  unit: "money",
  better: "higher",
  records: "purchases",
  reads: ["customerId", "purchasedAt", "amount"],
  placement: { by: "window", field: "purchasedAt" },
  result: "amount",
  options: SIMPLE_OPTIONS,
  fixed: { method: "simple" },
  sql: refuse("placed by a window, not compiled yet"),
  reducer: simpleLifetimeValueReducer,
});

/** Lifetime value by margin over churn in the catalogue, over customers with MRR. */
export const marginLifetimeValueMetric = defineMetric({
  name: "margin-clv",
  key: "marginLifetimeValue",
  function: "customerLifetimeValue",
  label: "Customer lifetime value (margin over churn)",
  description:
    "Average MRR per account times gross margin, divided by the churn rate over the same window.",
  unit: "money",
  better: "higher",
  records: "customers",
  reads: ["startedAt", "endedAt", "mrr"],
  placement: { by: "stock", span: "active" },
  result: "amount",
  options: MARGIN_OPTIONS,
  fixed: { method: "margin-over-churn" },
  sql: refuse(MRR_REFUSAL),
  reducer: marginLifetimeValueReducer,
});
