/**
 * First contact resolution, in its two modes: one-touch (resolved with one agent reply and
 * never reopened) and repeat contact (no other contact from the customer within a window after
 * the resolution), with the reducer, the catalogue entry and the SQL declaration.
 *
 * Long (about 450 lines): the repeat-contact mode indexes the customers' contacts, which the
 * one-touch mode does not need; both modes share the options, the exclusions and the result,
 * and a metric is one file.
 */
import * as z from "zod/mini";
import { flag, instant, oneOf, positive, readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type RatioResult, type RatioState, ratio } from "../../reduce/results.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import {
  all,
  any,
  compare,
  field,
  isNull,
  MERGED_SOURCE_RULE,
  not,
  value,
} from "../../sql/spec.ts";
import {
  type IntervalOption,
  intervalField,
  intervalFor,
  rateIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";

/**
 * The fields {@link firstContactResolution} reads; callers may pass whole tickets.
 * `agentReplyCount` and `reopenCount` are read in `"one-touch"` mode, `customerId` and
 * `category` in `"no-repeat-contact"` mode.
 */
export type FirstContactResolutionInput = Pick<
  Ticket,
  "createdAt" | "firstResolvedAt" | "reopenCount" | "agentReplyCount" | "customerId" | "category"
>;

/** The fields read from the tickets searched for repeat contacts. */
export type FirstContactResolutionContact = Pick<Ticket, "createdAt" | "customerId" | "category">;

/**
 * What counts as resolved on first contact:
 * - `"one-touch"`: the ticket was resolved with exactly one public agent reply and never
 *   reopened (the ticket's own view; "single-reply resolution rate");
 * - `"no-repeat-contact"`: the same customer did not open another ticket within
 *   `windowDays` after this ticket's first resolution (the contact-centre view).
 */
export type FirstContactResolutionMode = "one-touch" | "no-repeat-contact";

/**
 * How one-touch treats a ticket resolved without any public agent reply: `"exclude"` it
 * (counted as `noReply`), count it as a `"success"` (Zendesk Explore's "fewer than 2
 * replies"), or as a `"failure"`.
 */
export type ZeroReplySolves = "exclude" | "success" | "failure";

/** Options for {@link firstContactResolution}. */
export interface FirstContactResolutionOptions extends IntervalOption {
  /** See {@link FirstContactResolutionMode}. Defaults to `"one-touch"`. */
  mode?: FirstContactResolutionMode;
  /** One-touch: see {@link ZeroReplySolves}. Defaults to `"exclude"`. */
  zeroReplySolves?: ZeroReplySolves;
  /**
   * One-touch: let a reopened ticket still count as a one-touch resolution when its reply
   * count qualifies, as Zendesk Explore's formula does. Defaults to `false`: a reopened ticket
   * is never resolved on first contact.
   */
  ignoreReopens?: boolean;
  /**
   * No-repeat-contact: how long after the first resolution a new ticket by the same customer
   * counts as a repeat, in days of 24 hours. Defaults to 7.
   */
  windowDays?: number;
  /**
   * No-repeat-contact: only a new ticket with the same `category` counts as a repeat. A
   * ticket without a category is then excluded as `noCategory`. Defaults to `false`.
   */
  sameCategory?: boolean;
  /**
   * No-repeat-contact: every ticket to look for repeat contacts in, usually the whole data
   * set, since a repeat may fall in another period or shard. Indexed once, when the reducer is
   * built. The plain {@link firstContactResolution} call defaults it to its own tickets; the
   * reducer requires it in this mode.
   */
  contacts?: Iterable<FirstContactResolutionContact>;
  /**
   * No-repeat-contact: the instant the data runs to. A ticket whose window has not fully
   * elapsed by then cannot be judged yet and is excluded as `windowOpen`. Defaults to the
   * latest `createdAt` among `contacts`.
   */
  asOf?: Date | string | number;
}

/**
 * Why a ticket did not count:
 * - `unresolved`: never solved or closed;
 * - `unknownReopens` (one-touch, unless `ignoreReopens`): `reopenCount` unknown (`null`),
 *   neither given nor derivable from status changes; excluded whatever its replies, so that
 *   the tickets left are not biased towards failures;
 * - `unknownReplyCount` (one-touch): `agentReplyCount` unknown, neither given nor derivable;
 * - `noReply` (one-touch, `zeroReplySolves: "exclude"`): resolved without an agent reply;
 * - `noCustomer` (no-repeat-contact): no `customerId` to look for repeats by;
 * - `noCategory` (no-repeat-contact with `sameCategory`): no `category`;
 * - `windowOpen` (no-repeat-contact): the repeat window had not elapsed by `asOf`.
 */
export type FirstContactResolutionExclusion =
  | "unresolved"
  | "unknownReopens"
  | "unknownReplyCount"
  | "noReply"
  | "noCustomer"
  | "noCategory"
  | "windowOpen"
  | MergedSourceExclusion;

/** FCR's result: a rate with its counts, and the mode that produced it. */
export interface FirstContactResolutionResult extends RatioResult<FirstContactResolutionExclusion> {
  mode: FirstContactResolutionMode;
}

const MODES = [
  "one-touch",
  "no-repeat-contact",
] as const satisfies readonly FirstContactResolutionMode[];
const ZERO_REPLY = ["exclude", "success", "failure"] as const satisfies readonly ZeroReplySolves[];
const EXCLUSIONS: readonly FirstContactResolutionExclusion[] = [
  "unresolved",
  "unknownReopens",
  "unknownReplyCount",
  "noReply",
  "noCustomer",
  "noCategory",
  "windowOpen",
];
const DAY_MS = 86_400_000;

/** A count read by one-touch FCR: a whole number at least 0, or null (recordError.ts). */
function checkCount(fn: string, field: string, count: unknown): void {
  if (count !== null && !(Number.isSafeInteger(count) && (count as number) >= 0)) {
    badField(fn, field, "a whole number at least 0, or null", count);
  }
}

/** Anything with an iterator: the contacts are read once, when the reducer is built. */
function isIterable(value: unknown): value is Iterable<FirstContactResolutionContact> {
  // (An undefined option never reaches here: the schema's optional() lets it through.)
  return (
    value !== null &&
    value !== undefined &&
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === "function"
  );
}

/** The schema of {@link FirstContactResolutionOptions}. */
const OPTIONS = z.strictObject({
  mode: z._default(oneOf(MODES), "one-touch"),
  zeroReplySolves: z._default(oneOf(ZERO_REPLY), "exclude"),
  ignoreReopens: z._default(flag(), false),
  windowDays: z._default(positive(), 7),
  sameCategory: z._default(flag(), false),
  contacts: z.optional(
    z.custom<Iterable<FirstContactResolutionContact>>(isIterable, {
      error: "must be an iterable of tickets",
    }),
  ),
  asOf: z.optional(instant()),
  ...intervalField,
});

/** The key repeats are matched by: the customer, and the category with `sameCategory`. */
function contactKey(
  contact: FirstContactResolutionContact,
  sameCategory: boolean,
): string | undefined {
  // (A ticket without a customer is excluded before its key is asked for, so indexing its
  // contacts or not gives the same results: leaving them out saves memory.)
  if (contact.customerId === null) return undefined;
  if (!sameCategory) return contact.customerId;
  if (contact.category === null) return undefined;
  return JSON.stringify([contact.customerId, contact.category]);
}

/** Creation times by key, sorted, and the latest creation time of all. */
function indexContacts(
  contacts: Iterable<FirstContactResolutionContact>,
  sameCategory: boolean,
): { times: Map<string, number[]>; latest: number } {
  const times = new Map<string, number[]>();
  let latest = Number.NEGATIVE_INFINITY;
  for (const contact of contacts) {
    const created = contact.createdAt.getTime();
    latest = Math.max(latest, created);
    const key = contactKey(contact, sameCategory);
    if (key === undefined) continue; // never looked up (see contactKey)
    const list = times.get(key);
    if (list) list.push(created);
    else times.set(key, [created]);
  }
  for (const list of times.values()) list.sort((a, b) => a - b);
  return { times, latest };
}

/** Whether a sorted list holds a value in `(after, until]`. */
function hasBetween(sorted: readonly number[], after: number, until: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= after) low = mid + 1;
    else high = mid;
  }
  // (Past the end, `undefined <= until` is false already: the length test says it plainly.)
  return low < sorted.length && (sorted[low] as number) <= until;
}

/**
 * First contact resolution (FCR): the percentage of resolved tickets that were resolved on
 * first contact. Definition: docs/definitions.md, "First contact resolution".
 *
 * - `"one-touch"` (default): resolved with exactly one public agent reply and never
 *   reopened. A reopened ticket fails; a ticket with an unknown reply count is excluded; one
 *   resolved without any reply follows `zeroReplySolves` (excluded by default).
 * - `"no-repeat-contact"`: the customer did not open another ticket (optionally of the same
 *   category) within `windowDays` after this ticket's first resolution. Repeats are looked
 *   for in `contacts` (here: the tickets given, unless `contacts` says otherwise).
 *
 * Unresolved tickets are excluded as `unresolved`.
 *
 * @param tickets - Validated tickets.
 * @param options - See {@link FirstContactResolutionOptions}.
 * @returns `value` from 0 to 100, or `null` when no ticket qualifies; `numerator`
 *   (resolved on first contact), `denominator`, `excluded` and `mode`.
 *
 * @example
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * const firstResolvedAt = new Date("2024-03-01T10:00:00Z");
 * const t = (agentReplyCount, reopenCount) => ({ createdAt, firstResolvedAt, agentReplyCount, reopenCount });
 * // one reply, never reopened: 2 of 4 (the reopened one and the three-reply one fail)
 * firstContactResolution([t(1, 0), t(1, 0), t(1, 1), t(3, 0)]).value
 * //=> 50
 */
export function firstContactResolution(
  tickets: Iterable<FirstContactResolutionInput>,
  options: FirstContactResolutionOptions = {},
): FirstContactResolutionResult {
  // The tickets are read twice in no-repeat-contact mode (as contacts, then reduced), so a
  // one-shot iterable is kept in an array first.
  const list = Array.from(tickets);
  return reduce(
    list,
    firstContactResolutionReducer({ ...options, contacts: options.contacts ?? list }),
  );
}

/**
 * The mergeable reducer behind {@link firstContactResolution}, for `rollup` and for shards.
 * Placed by `firstResolvedAt`. In `"no-repeat-contact"` mode it needs `contacts`: give every
 * shard's reducer the same contacts, so that repeats across shards and periods are found.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * const firstResolvedAt = new Date("2024-03-01T10:00:00Z");
 * const t = (agentReplyCount, reopenCount) => ({ createdAt, firstResolvedAt, agentReplyCount, reopenCount });
 * // 1 of 2 in each shard: 2 of 4 overall
 * foldShards(firstContactResolutionReducer(), [[t(1, 0), t(1, 1)], [t(1, 0), t(3, 0)]]).value
 * //=> 50
 */
export function firstContactResolutionReducer(
  options: FirstContactResolutionOptions = {},
): Reducer<
  FirstContactResolutionInput,
  RatioState<FirstContactResolutionExclusion>,
  FirstContactResolutionResult
> {
  const fn = "firstContactResolution";
  const {
    mode,
    zeroReplySolves,
    ignoreReopens,
    windowDays,
    sameCategory,
    contacts,
    asOf: asOfOption,
    interval,
  } = readOptions(fn, OPTIONS, options);
  const windowMs = windowDays * DAY_MS;

  let index: Map<string, number[]> | undefined;
  let asOf = Number.NEGATIVE_INFINITY;
  if (mode === "no-repeat-contact") {
    if (contacts === undefined) {
      throw new TypeError(
        `${fn}: contacts must be given in no-repeat-contact mode (the tickets to look for repeat contacts in), got undefined`,
      );
    }
    const built = indexContacts(contacts, sameCategory);
    index = built.times;
    asOf = asOfOption ?? built.latest;
  }

  function oneTouch(
    state: RatioState<FirstContactResolutionExclusion>,
    ticket: FirstContactResolutionInput,
  ) {
    if (!ignoreReopens) {
      if (ticket.reopenCount === null) {
        state.excluded.unknownReopens++;
        return;
      }
      if (ticket.reopenCount > 0) {
        state.denominator++;
        return;
      }
    }
    const replies = ticket.agentReplyCount;
    if (replies === null) {
      state.excluded.unknownReplyCount++;
      return;
    }
    if (replies === 0) {
      if (zeroReplySolves === "exclude") {
        state.excluded.noReply++;
        return;
      }
      state.denominator++;
      if (zeroReplySolves === "success") state.numerator++;
      return;
    }
    state.denominator++;
    if (replies === 1) state.numerator++;
  }

  function noRepeat(
    state: RatioState<FirstContactResolutionExclusion>,
    ticket: FirstContactResolutionInput,
    resolvedAt: number,
  ) {
    if (ticket.customerId === null) {
      state.excluded.noCustomer++;
      return;
    }
    const key = contactKey(ticket, sameCategory);
    if (key === undefined) {
      state.excluded.noCategory++;
      return;
    }
    const until = resolvedAt + windowMs;
    if (until > asOf) {
      state.excluded.windowOpen++;
      return;
    }
    state.denominator++;
    const times = (index as Map<string, number[]>).get(key);
    if (!times || !hasBetween(times, resolvedAt, until)) state.numerator++;
  }

  const plain: ReturnType<typeof firstContactResolutionReducer> = skipMergedSources({
    name: fn,
    timeOf: (ticket) => ticket.firstResolvedAt,
    init: () => ratio.init(EXCLUSIONS),
    add(state, ticket) {
      if (!ticket.firstResolvedAt) {
        state.excluded.unresolved++;
        return;
      }
      // Cheap checks for records that never went through the schema (recordError.ts).
      if (!isInstant(ticket.firstResolvedAt)) {
        badField(fn, "firstResolvedAt", "a valid Date or null", ticket.firstResolvedAt);
      }
      if (mode === "one-touch") {
        checkCount(fn, "reopenCount", ticket.reopenCount);
        checkCount(fn, "agentReplyCount", ticket.agentReplyCount);
      }
      if (mode === "one-touch") oneTouch(state, ticket);
      else noRepeat(state, ticket, ticket.firstResolvedAt.getTime());
    },
    merge: ratio.merge,
    result: (state) => ({ ...ratio.percent(state), mode }),
  });
  return withInterval(plain, intervalFor(fn, "rate", interval), rateIntervalOf);
}

/** First contact resolution in the catalogue: the CLI's `one-touch` (alias `fcr`). */
export const firstContactResolutionMetric = defineMetric({
  name: "one-touch",
  aliases: ["fcr"],
  key: "firstContactResolution",
  label: "First contact resolution",
  description:
    "Share of resolved tickets resolved on first contact: one agent reply and never reopened, by default.",
  unit: "percent",
  better: "higher",
  records: "tickets",
  reads: ["firstResolvedAt", "reopenCount", "agentReplyCount"],
  placement: { by: "instant", field: "firstResolvedAt" },
  result: "ratio",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  vendors: {
    zendesk: { mode: "one-touch", zeroReplySolves: "success", ignoreReopens: true },
    freshdesk: { mode: "one-touch", zeroReplySolves: "exclude", ignoreReopens: false },
    intercom: { mode: "one-touch", zeroReplySolves: "exclude", ignoreReopens: false },
    helpscout: { mode: "one-touch", zeroReplySolves: "exclude", ignoreReopens: false },
  },
  sql: (options) => {
    if (options.mode === "no-repeat-contact")
      return {
        refused:
          "no-repeat-contact looks for repeat contacts in a contacts list given as an option, not in the relation",
      };
    // A reopened ticket counts in the denominator and never as a success (unless ignored).
    const reopened = options.ignoreReopens ? value(false) : compare(">", field("reopenCount"), 0);
    const replies = field("agentReplyCount");
    return {
      exclude: [
        MERGED_SOURCE_RULE,
        { reason: "unresolved", when: isNull("firstResolvedAt") },
        ...(options.ignoreReopens
          ? []
          : [{ reason: "unknownReopens", when: isNull("reopenCount") }]),
        { reason: "unknownReplyCount", when: all(not(reopened), isNull("agentReplyCount")) },
        ...(options.zeroReplySolves === "exclude"
          ? [{ reason: "noReply", when: all(not(reopened), compare("=", replies, 0)) }]
          : []),
      ],
      state: {
        numerator: {
          count: all(
            not(reopened),
            options.zeroReplySolves === "success"
              ? any(compare("=", replies, 1), compare("=", replies, 0))
              : compare("=", replies, 1),
          ),
        },
        denominator: { count: true },
      },
    };
  },
  reducer: firstContactResolutionReducer,
});
