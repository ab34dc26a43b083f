import * as z from "zod/mini";
import { type CallNeeding, callOf } from "../../reduce/folds.ts";
import { oneOf, readOptions, window as windowField } from "../../reduce/options.ts";
import { badField, isInstant, requireInstant } from "../../reduce/recordError.ts";
import type { Reducer, Span, Window } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts, mergeExcluded } from "../../reduce/results.ts";
import type { Customer } from "../../schemas/customer.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { refuse } from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";

/** The ticket fields {@link contactRate} reads. */
export type ContactRateTicket = Pick<Ticket, "createdAt" | "customerId">;
/** The customer fields {@link contactRate} reads. */
export type ContactRateCustomer = Pick<Customer, "id" | "startedAt" | "endedAt">;
/** One record of the stream {@link contactRate} reads: a ticket or a customer. */
export type ContactRateInput = ContactRateTicket | ContactRateCustomer;

/**
 * What the numerator counts: `"tickets"` (every ticket created in the window) or
 * `"customers"` (distinct customers who opened at least one ticket in it).
 */
export type ContactRateCount = "tickets" | "customers";

/** Options for {@link contactRate}. */
export interface ContactRateOptions {
  /** See {@link ContactRateCount}. Defaults to `"tickets"`. */
  count?: ContactRateCount;
  /**
   * The window `[start, end)` to measure, for the plain call (required there) and for a
   * rollup that is not grouped by period. In a rollup by period each period is the window.
   */
  window?: { start: Date | string | number; end: Date | string | number };
}

/**
 * Why a record handed to the metric did not count:
 * - `outsideWindow`: a ticket created outside the window;
 * - `inactive`: a customer handed to the window but not active at any instant of it (one
 *   lost exactly at the window's start: its span `[startedAt, endedAt)` ends there);
 * - `noCustomer`: with `count: "customers"`, a ticket without `customerId`.
 */
export type ContactRateExclusion =
  | "outsideWindow"
  | "inactive"
  | "noCustomer"
  | MergedSourceExclusion;

/**
 * The accumulator behind {@link contactRate}. Customers are kept as sets of ids, so merging
 * is exact: two shards, or two adjacent periods, merge into the distinct customers of both
 * (a customer active in January and February is one active customer of January–February).
 * Serialise a set with `[...set]`.
 */
export interface ContactRateState {
  tickets: number;
  contacting: Set<string>;
  active: Set<string>;
  excluded: Excluded<ContactRateExclusion>;
}

/** Contact rate with the counts behind it: value = 100 × numerator / denominator. */
export interface ContactRateResult {
  /**
   * Contacts per 100 active customers (a percentage), or `null` with no active customer.
   * With `count: "tickets"` it can exceed 100.
   */
  value: number | null;
  /** Tickets, or distinct contacting customers, in the window. */
  numerator: number;
  /** Distinct customers active at any time in the window. */
  denominator: number;
  count: ContactRateCount;
  excluded: Excluded<ContactRateExclusion>;
}

const COUNTS = ["tickets", "customers"] as const satisfies readonly ContactRateCount[];
const EXCLUSIONS: readonly ContactRateExclusion[] = ["outsideWindow", "inactive", "noCustomer"];

/**
 * The schema of {@link ContactRateOptions}. A rate over no time has no meaning, so the window
 * must have a length.
 */
const OPTIONS = z.strictObject({
  count: z._default(oneOf(COUNTS), "tickets"),
  window: z.optional(
    windowField().check(
      z.refine((given) => given.end > given.start, {
        error: "must end after it starts",
        params: { kind: "range" },
      }),
    ),
  ),
});

/**
 * Whether a record of the stream is a customer (rather than a ticket).
 *
 * @example
 * const at = new Date("2024-03-01T00:00:00Z");
 * [{ id: "a", startedAt: at, endedAt: null }, { createdAt: at, customerId: "a" }].map(isCustomer)
 * //=> [true, false]
 */
export function isCustomer(item: ContactRateInput): item is ContactRateCustomer {
  return "startedAt" in item;
}

/**
 * A customer's active span, its fields checked on the way for records that never went through
 * the schema (recordError.ts): a junk `startedAt`, `endedAt` or `id` throws naming the field.
 */
function customerSpan(customer: ContactRateCustomer): Span {
  const fn = "contactRate";
  const start = requireInstant(fn, "startedAt", customer.startedAt).getTime();
  const ended: unknown = customer.endedAt;
  if (ended !== null && ended !== undefined && !isInstant(ended)) {
    badField(fn, "endedAt", "a valid Date or null", ended);
  }
  const id: unknown = customer.id;
  if (typeof id !== "string") badField(fn, "id", "a string", id);
  return { start, end: customer.endedAt?.getTime() ?? Number.POSITIVE_INFINITY };
}

/**
 * Contact rate: how often customers contact support, as contacts per 100 active customers.
 * The numerator is the tickets created in the window (or, with `count: "customers"`, the
 * distinct customers who opened one); the denominator is the distinct customers active at any
 * time in the window (started before its end, not lost before its start). Takes one stream
 * of tickets and customers, told apart by `startedAt`. Definition: docs/definitions.md,
 * "Contact rate".
 *
 * @param items - Validated tickets and customers, in any order.
 * @param options - `window` (required): the window to measure. See {@link ContactRateOptions}.
 * @returns `value` (a percentage; `null` with no active customer), `numerator`,
 *   `denominator`, `count` and `excluded`.
 * @throws TypeError when `window` is missing.
 *
 * @example
 * const march = { start: new Date("2024-03-01T00:00:00Z"), end: new Date("2024-04-01T00:00:00Z") };
 * const since = new Date("2024-01-01T00:00:00Z");
 * const createdAt = new Date("2024-03-15T00:00:00Z");
 * contactRate([
 *   { id: "a", startedAt: since, endedAt: null },
 *   { id: "b", startedAt: since, endedAt: null },
 *   { id: "c", startedAt: since, endedAt: null },
 *   { id: "d", startedAt: since, endedAt: null },
 *   { createdAt, customerId: "a" },
 * ], { window: march }).value
 * //=> 25
 */
export const contactRate: CallNeeding<typeof contactRateReducer, "window"> =
  callOf(contactRateReducer);

/**
 * The mergeable reducer behind {@link contactRate}, for `rollup` and for shards. Tickets are
 * a flow placed by `createdAt`; customers are a stock: they declare `spanOf` (from
 * `startedAt` to `endedAt`, or open-ended), so a rollup adds each to every period it may be
 * active in.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const march = { start: new Date("2024-03-01T00:00:00Z"), end: new Date("2024-04-01T00:00:00Z") };
 * const since = new Date("2024-01-01T00:00:00Z");
 * const createdAt = new Date("2024-03-15T00:00:00Z");
 * const all = [
 *   { id: "a", startedAt: since, endedAt: null },
 *   { id: "b", startedAt: since, endedAt: null },
 *   { id: "c", startedAt: since, endedAt: null },
 *   { id: "d", startedAt: since, endedAt: null },
 *   { createdAt, customerId: "a" },
 * ];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(contactRateReducer({ window: march }), [all.slice(0, 1), all.slice(1)]).value
 * //=> 25
 */
export function contactRateReducer(
  options: ContactRateOptions = {},
): Reducer<ContactRateInput, ContactRateState, ContactRateResult> {
  const fn = "contactRate";
  const { count: counting, window } = readOptions(fn, OPTIONS, options);
  return skipMergedSources({
    name: fn,
    // Left out rather than undefined for exactOptionalPropertyTypes; every reader tests
    // `reducer.window` for truth, so `window: undefined` would read the same.
    ...(window === undefined ? {} : { window }),
    timeOf: (item) =>
      isCustomer(item) ? item.startedAt : requireInstant(fn, "createdAt", item.createdAt),
    spanOf: (item) => (isCustomer(item) ? customerSpan(item) : undefined),
    init: () => ({
      tickets: 0,
      contacting: new Set(),
      active: new Set(),
      excluded: excludedCounts(EXCLUSIONS),
    }),
    add(state, item, at: Window | undefined) {
      if (!at) throw new TypeError(`${fn}: add needs the window to measure, got undefined`);
      if (isCustomer(item)) {
        const span = customerSpan(item);
        if (span.start < at.end && span.end > at.start) state.active.add(item.id);
        else state.excluded.inactive++;
        return;
      }
      const created = requireInstant(fn, "createdAt", item.createdAt).getTime();
      if (created < at.start || created >= at.end) {
        state.excluded.outsideWindow++;
        return;
      }
      if (counting === "customers") {
        const customer: unknown = item.customerId;
        if (customer === null || customer === undefined) {
          state.excluded.noCustomer++;
          return;
        }
        if (typeof customer !== "string") badField(fn, "customerId", "a string or null", customer);
        state.contacting.add(customer);
      }
      state.tickets++;
    },
    merge: (a, b) => ({
      tickets: a.tickets + b.tickets,
      contacting: new Set([...a.contacting, ...b.contacting]),
      active: new Set([...a.active, ...b.active]),
      excluded: mergeExcluded(a.excluded, b.excluded),
    }),
    result(state) {
      const numerator = counting === "tickets" ? state.tickets : state.contacting.size;
      const denominator = state.active.size;
      return {
        value: denominator === 0 ? null : (100 * numerator) / denominator,
        numerator,
        denominator,
        count: counting,
        excluded: { ...state.excluded },
      };
    },
  });
}

/** Contact rate in the catalogue: `contact-rate`, over each period as its window. */
export const contactRateMetric = defineMetric({
  name: "contact-rate",
  key: "contactRate",
  label: "Contact rate",
  description: "Contacts per 100 customers active in each period.",
  unit: "percent",
  better: "lower",
  records: "tickets",
  reads: ["createdAt", "customerId", "startedAt", "endedAt"],
  placement: { by: "window", field: "createdAt" },
  result: "ratio",
  options: OPTIONS,
  sql: refuse("placed by a window, not compiled yet"),
  reducer: contactRateReducer,
});
