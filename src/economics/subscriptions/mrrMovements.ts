/**
 * MRR movements over a window: each customer's MRR in force just before the window starts
 * (opening) and just before it ends (closing), and the bridge between the two. One place,
 * so that NRR, GRR, revenue and subscriber churn and ARPA can never count a customer
 * differently.
 *
 * Each customer is classified once, by comparing the two edges (as ProfitWell and Baremetrics
 * report monthly movements): opening 0 and closing positive is new, or a reactivation when
 * the customer had paid before the window; opening positive and closing 0 is churned;
 * both positive, a rise is expansion and a fall contraction. So the bridge always holds:
 * closing = opening + new + reactivation + expansion − contraction − churned. Changes inside
 * the window that cancel out (a trial that converts and cancels within the month) move
 * nothing.
 */

import type { WindowInput } from "../../metrics/customers/customerCounts.ts";
import { requireWindow } from "../../reduce/arguments.ts";
import { type CallNeeding, callOf } from "../../reduce/folds.ts";
import type { Reducer, Window } from "../../reduce/reducer.ts";
import { exactSum } from "../../reduce/results.ts";
import type { SubscriptionChange } from "./records.ts";

/** The fields the movements read. */
export type MrrMovementsInput = Pick<SubscriptionChange, "customerId" | "at" | "mrr">;

/** What is known of one customer at the window's two edges. */
interface Edges {
  /** Time and amount of the last change before the window's start (−Infinity: none). */
  openAt: number;
  openMrr: number | null;
  /** Time and amount of the last change before the window's end. */
  closeAt: number;
  closeMrr: number | null;
  /** Whether any change before the start had a positive amount. */
  paidBefore: boolean;
}

/** The accumulator: per customer, the edges seen so far. Merging keeps the later change. */
export interface MrrMovementsState {
  customers: Map<string, Edges>;
}

/** Options of the movement metrics. */
export interface MrrMovementsOptions {
  /**
   * The window `[start, end)` measured. Required by the plain call; in a rollup grouped by
   * period each period is the window.
   */
  window?: WindowInput;
}

/** The movements of a window, in MRR and in customers. */
export interface MrrMovements {
  /** MRR in force just before the start and just before the end. */
  openingMrr: number;
  closingMrr: number;
  newMrr: number;
  expansionMrr: number;
  contractionMrr: number;
  churnedMrr: number;
  reactivationMrr: number;
  /** Paying customers (MRR > 0) at each edge, and those new, churned and reactivated. */
  customers: {
    opening: number;
    closing: number;
    new: number;
    churned: number;
    reactivated: number;
  };
  /** Customers left out: an unknown amount at either edge. */
  excluded: { unknownMrr: number };
}

/** The result of {@link mrrMovements}: `value` is the closing MRR. */
export interface MrrMovementsResult extends MrrMovements {
  value: number;
}

/** Ties at one instant: the unknown amount wins, then the larger, so order never matters. */
function later(at: number, mrr: number | null, thanAt: number, thanMrr: number | null): boolean {
  if (at !== thanAt) return at > thanAt;
  const rank = (v: number | null) => (v === null ? Number.POSITIVE_INFINITY : v);
  return rank(mrr) > rank(thanMrr);
}

function fresh(): Edges {
  return {
    openAt: Number.NEGATIVE_INFINITY,
    openMrr: 0,
    closeAt: Number.NEGATIVE_INFINITY,
    closeMrr: 0,
    paidBefore: false,
  };
}

/** Arithmetic of the movements, shared by every metric built on them. */
export const movements = {
  init(): MrrMovementsState {
    return { customers: new Map() };
  },
  add(state: MrrMovementsState, change: MrrMovementsInput, window: Window): void {
    const at = change.at.getTime();
    if (at >= window.end) return;
    let edges = state.customers.get(change.customerId);
    if (!edges) {
      edges = fresh();
      state.customers.set(change.customerId, edges);
    }
    if (at < window.start) {
      if (later(at, change.mrr, edges.openAt, edges.openMrr)) {
        edges.openAt = at;
        edges.openMrr = change.mrr;
      }
      if (change.mrr !== null && change.mrr > 0) edges.paidBefore = true;
    }
    if (later(at, change.mrr, edges.closeAt, edges.closeMrr)) {
      edges.closeAt = at;
      edges.closeMrr = change.mrr;
    }
  },
  merge(a: MrrMovementsState, b: MrrMovementsState): MrrMovementsState {
    const customers = new Map<string, Edges>();
    for (const [id, edges] of a.customers) customers.set(id, { ...edges });
    for (const [id, other] of b.customers) {
      const edges = customers.get(id);
      if (!edges) {
        customers.set(id, { ...other });
        continue;
      }
      if (later(other.openAt, other.openMrr, edges.openAt, edges.openMrr)) {
        edges.openAt = other.openAt;
        edges.openMrr = other.openMrr;
      }
      if (later(other.closeAt, other.closeMrr, edges.closeAt, edges.closeMrr)) {
        edges.closeAt = other.closeAt;
        edges.closeMrr = other.closeMrr;
      }
      edges.paidBefore ||= other.paidBefore;
    }
    return { customers };
  },
  /** Classifies every customer; sums are exact, so they do not depend on merge order. */
  result(state: MrrMovementsState): MrrMovements {
    const parts = {
      opening: [] as number[],
      closing: [] as number[],
      new: [] as number[],
      expansion: [] as number[],
      contraction: [] as number[],
      churned: [] as number[],
      reactivation: [] as number[],
    };
    const customers = { opening: 0, closing: 0, new: 0, churned: 0, reactivated: 0 };
    let unknownMrr = 0;
    for (const edges of state.customers.values()) {
      if (edges.openMrr === null || edges.closeMrr === null) {
        unknownMrr++;
        continue;
      }
      const open = edges.openMrr;
      const close = edges.closeMrr;
      parts.opening.push(open);
      parts.closing.push(close);
      if (open > 0) customers.opening++;
      if (close > 0) customers.closing++;
      if (open <= 0 && close > 0) {
        if (edges.paidBefore) {
          parts.reactivation.push(close);
          customers.reactivated++;
        } else {
          parts.new.push(close);
          customers.new++;
        }
      } else if (open > 0 && close <= 0) {
        parts.churned.push(open);
        customers.churned++;
      } else if (close > open) {
        parts.expansion.push(close - open);
      } else if (close < open) {
        parts.contraction.push(open - close);
      }
    }
    return {
      openingMrr: exactSum(parts.opening),
      closingMrr: exactSum(parts.closing),
      newMrr: exactSum(parts.new),
      expansionMrr: exactSum(parts.expansion),
      contractionMrr: exactSum(parts.contraction),
      churnedMrr: exactSum(parts.churned),
      reactivationMrr: exactSum(parts.reactivation),
      customers,
      excluded: { unknownMrr },
    };
  },
};

/** A window for the plain call, or a `TypeError` naming the metric when there is none. */
function measured(fn: string, window: Window | undefined): Window {
  if (!window)
    throw new TypeError(`${fn}: window must be given when changes are not grouped by period`);
  return window;
}

/**
 * A stock reducer over subscription changes whose result is computed from the window's
 * movements: every metric of this folder is one of these with its own `result`. A change
 * weighs on every period from its instant on (its span is open-ended), so in a rollup each
 * period sees the changes before it.
 */
export function movementReducer<Result>(
  fn: string,
  options: MrrMovementsOptions,
  result: (movements: MrrMovements) => Result,
): Reducer<MrrMovementsInput, MrrMovementsState, Result> {
  const window = options.window ? requireWindow(fn, "window", options.window) : undefined;
  return {
    name: fn,
    timeOf: (change) => change.at,
    spanOf: (change) => ({ start: change.at.getTime(), end: Number.POSITIVE_INFINITY }),
    ...(window ? { window } : {}),
    init: movements.init,
    add(state, change, at) {
      movements.add(state, change, measured(fn, at));
    },
    merge: movements.merge,
    result: (state) => result(movements.result(state)),
  };
}

/**
 * MRR movements over a window: opening and closing MRR, and new, expansion, contraction,
 * churned and reactivation MRR, with the paying customers behind them. See the file's
 * comment for how each customer is classified.
 *
 * @param items - Subscription changes `{ customerId, at, mrr }`, in any order, including
 *   those before the window (they set the opening MRR).
 * @param options - `window` (required).
 * @returns `value` (the closing MRR) and the {@link MrrMovements}.
 *
 * @example
 * const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const change = (customerId, day, mrr) => ({ customerId, at: new Date(`2024-${day}T00:00:00Z`), mrr });
 * const m = mrrMovements([
 *   change("a", "01-10", 100), change("a", "03-15", 150), // expansion 50
 *   change("b", "02-01", 80), change("b", "03-20", 0), // churned 80
 *   change("c", "03-05", 40), // new 40
 * ], { window });
 * [m.openingMrr, m.expansionMrr, m.churnedMrr, m.newMrr, m.value]
 * //=> [180, 50, 80, 40, 190]
 */
export const mrrMovements: CallNeeding<typeof mrrMovementsReducer, "window"> =
  callOf(mrrMovementsReducer);

/**
 * The mergeable reducer behind {@link mrrMovements}, for `rollup` and shards.
 *
 * @example
 * const reducer = mrrMovementsReducer({ window: { start: 0, end: 10 } });
 * const state = reducer.init();
 * reducer.add(state, { customerId: "a", at: new Date(5), mrr: 30 }, reducer.window);
 * reducer.result(state).newMrr
 * //=> 30
 */
export function mrrMovementsReducer(
  options: MrrMovementsOptions = {},
): Reducer<MrrMovementsInput, MrrMovementsState, MrrMovementsResult> {
  return movementReducer("mrrMovements", options, (m) => ({ value: m.closingMrr, ...m }));
}

/** A rate over a window's movements, with the movements behind it. */
export interface MovementRateResult {
  /** The rate (a percentage unless the metric says otherwise); `null` with a zero denominator. */
  value: number | null;
  numerator: number;
  denominator: number;
  movements: MrrMovements;
}

/**
 * `scale` × numerator / denominator over a window's movements, or `null` when the
 * denominator is 0 (no paying customer at the start: unknown, not 0 %).
 *
 * @example
 * movementRate(1, 4, mrrMovements([], { window: { start: 0, end: 1 } })).value
 * //=> 25
 */
export function movementRate(
  numerator: number,
  denominator: number,
  m: MrrMovements,
  scale = 100,
): MovementRateResult {
  return {
    value: denominator === 0 ? null : (scale * numerator) / denominator,
    numerator,
    denominator,
    movements: m,
  };
}
