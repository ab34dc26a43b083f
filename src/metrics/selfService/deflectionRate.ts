import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { oneOf, positive, readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { excludedCounts, mergeExcluded, type RatioResult } from "../../reduce/results.ts";
import { SESSION_KINDS, type Session, type SessionKind } from "../../schemas/session.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { all, any, compare, field, isNull, type MetricSql, not } from "../../sql/spec.ts";
import {
  type IntervalChoice,
  type IntervalOption,
  intervalField,
  intervalFor,
  rateIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import { IS_SESSION } from "./selfServiceCustomers.ts";

/**
 * What {@link deflectionRate} reads: self-service sessions and tickets, in one stream (a
 * record with `startedAt` is a session, one with `createdAt` a ticket). Callers may pass
 * whole records.
 */
export type DeflectionInput =
  | Pick<Session, "startedAt" | "customerId" | "kind">
  | Pick<Ticket, "createdAt" | "customerId">;

/** Options for {@link deflectionRate}. */
export interface DeflectionRateOptions extends IntervalOption {
  /** How long after a session a ticket from the same customer undoes it, in hours; default 24. */
  windowHours?: number;
  /** The session kinds that count (default: all of article views, searches and bot flows). */
  kinds?: readonly SessionKind[];
}

/**
 * Why a session did not count: `anonymous` (no `customerId`: whether the visitor wrote in
 * afterwards cannot be known) or `otherKind` (a kind left out by `kinds`). Tickets are never
 * counted, only looked up, so they are not in `excluded`.
 */
export type DeflectionExclusion = "anonymous" | "otherKind";

/**
 * The state: per customer, the instants of their sessions and of their tickets. Both are
 * kept whole because a ticket may come in another shard than the session it undoes; memory
 * grows with the sessions and tickets of known customers (about 16 bytes an instant, plus one
 * entry per customer). Merging concatenates the lists, customer by customer.
 */
export interface DeflectionState {
  sessions: Map<string, number[]>;
  tickets: Map<string, number[]>;
  excluded: Record<DeflectionExclusion, number>;
}

const EXCLUSIONS: readonly DeflectionExclusion[] = ["anonymous", "otherKind"];

function push(map: Map<string, number[]>, key: string, time: number): void {
  const list = map.get(key);
  if (list) list.push(time);
  else map.set(key, [time]);
}

function mergeLists(a: Map<string, number[]>, b: Map<string, number[]>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const map of [a, b])
    for (const [key, list] of map) out.set(key, [...(out.get(key) ?? []), ...list]);
  return out;
}

/** The schema of {@link DeflectionRateOptions}. */
const OPTIONS = z.strictObject({
  windowHours: z._default(positive(), 24),
  kinds: z.optional(z.array(oneOf(SESSION_KINDS))),
  ...intervalField,
});

/**
 * Self-service deflection rate: the percentage of self-service sessions (article views,
 * searches, bot flows) not followed by a ticket from the same customer within `windowHours`
 * (default 24 h) after the session began. A ticket at the very instant of the session counts
 * as following it; one before it does not. Anonymous sessions are excluded as `anonymous`,
 * since whether the visitor wrote in cannot be known. Placed by the session's start.
 * Definition: docs/definitions.md, "Self-service".
 *
 * @param items - Sessions and tickets, in any order, in one iterable.
 * @param options - See {@link DeflectionRateOptions}.
 * @returns `value` (percentage deflected, `null` with no counted session), `numerator`
 *   (deflected sessions), `denominator` (counted sessions), `excluded`.
 *
 * @example
 * const s = (customerId, at) => ({ startedAt: new Date(at), customerId, kind: "search" });
 * const t = (customerId, at) => ({ createdAt: new Date(at), customerId });
 * deflectionRate([
 *   s("a", "2024-03-01T09:00:00Z"), t("a", "2024-03-01T15:00:00Z"), // a wrote in 6 h later
 *   s("b", "2024-03-01T09:00:00Z"), t("b", "2024-03-03T09:00:00Z"), // b, 48 h later: deflected
 *   s("c", "2024-03-01T10:00:00Z"),                                  // c never wrote in
 *   s(null, "2024-03-01T11:00:00Z"),                                 // anonymous
 * ])
 * //=> { value: 66.67, numerator: 2, denominator: 3, excluded: { anonymous: 1, otherKind: 0 } }
 */
export const deflectionRate = callOf(deflectionRateReducer);

/**
 * The mergeable reducer behind {@link deflectionRate}. Deflection joins two record kinds, so
 * the state keeps, per customer, the instants of their sessions and tickets, and the join runs
 * in `result`; shards merge by concatenating those lists. In a rollup by period a session is
 * placed by its start, and a ticket in every period a session it follows can lie in
 * (`timesOf`: its creation, `windowHours` before it, and instants between: `placingShifts`),
 * so the period of a session late on its last day sees the tickets of the next period that
 * follow it, and a window longer than a day reaches past the next day.
 *
 * @example Sessions in one shard, the ticket that undoes one of them in another
 * const reducer = deflectionRateReducer();
 * const fold = (part) => {
 *   const state = reducer.init();
 *   for (const record of part) reducer.add(state, record, undefined);
 *   return state;
 * };
 * const sessions = fold([
 *   { startedAt: new Date("2024-03-01T23:00:00Z"), customerId: "a", kind: "articleView" },
 *   { startedAt: new Date("2024-03-01T23:30:00Z"), customerId: "b", kind: "botFlow" },
 * ]);
 * const tickets = fold([{ createdAt: new Date("2024-03-02T08:00:00Z"), customerId: "a" }]);
 * reducer.result(reducer.merge(sessions, tickets)).value
 * //=> 50
 */
export function deflectionRateReducer(
  options: DeflectionRateOptions = {},
): Reducer<DeflectionInput, DeflectionState, RatioResult<DeflectionExclusion>> {
  const fn = "deflectionRate";
  const read = readOptions(fn, OPTIONS, options);
  const windowMs = read.windowHours * 3_600_000;
  const shifts = placingShifts(windowMs);
  const kinds = new Set<string>(read.kinds ?? SESSION_KINDS);
  const isSession = (
    record: DeflectionInput,
  ): record is Pick<Session, "startedAt" | "customerId" | "kind"> => "startedAt" in record;
  const instantOf = (record: DeflectionInput) =>
    isSession(record) ? record.startedAt : record.createdAt;
  return withInterval(
    {
      name: fn,
      timeOf: instantOf,
      timesOf: (record) =>
        isSession(record)
          ? [record.startedAt]
          : shifts.map((before) => new Date(record.createdAt.getTime() - before)),
      init: () => ({
        sessions: new Map(),
        tickets: new Map(),
        excluded: excludedCounts(EXCLUSIONS),
      }),
      add(state, record) {
        const field = isSession(record) ? "startedAt" : "createdAt";
        const at: unknown = instantOf(record);
        if (!isInstant(at)) badField(fn, field, "a valid Date", at);
        const customer: unknown = record.customerId;
        if (customer !== null && customer !== undefined && typeof customer !== "string") {
          badField(fn, "customerId", "a string or null", customer);
        }
        if (isSession(record)) {
          if (!kinds.has(record.kind)) state.excluded.otherKind++;
          else if (customer === null || customer === undefined) state.excluded.anonymous++;
          else push(state.sessions, customer as string, at.getTime());
        } else if (typeof customer === "string") {
          // A ticket without a customer cannot follow anyone's session: it is not kept.
          push(state.tickets, customer, at.getTime());
        }
      },
      merge: (a, b) => ({
        sessions: mergeLists(a.sessions, b.sessions),
        tickets: mergeLists(a.tickets, b.tickets),
        excluded: mergeExcluded(a.excluded, b.excluded),
      }),
      result(state) {
        let sessions = 0;
        let deflected = 0;
        for (const [customer, starts] of state.sessions) {
          // A customer without tickets has an empty list: any placeholder would do as well,
          // since `followed` finds no number in it at or after the session.
          const tickets = [...(state.tickets.get(customer) ?? [])].sort((x, y) => x - y);
          for (const start of starts) {
            sessions++;
            if (!followed(tickets, start, start + windowMs)) deflected++;
          }
        }
        return {
          value: sessions === 0 ? null : (100 * deflected) / sessions,
          numerator: deflected,
          denominator: sessions,
          excluded: { ...state.excluded },
        };
      },
    },
    intervalFor(fn, "rate", read.interval),
    rateIntervalOf,
  );
}

/** Whether a sorted list holds an instant in `[from, to]`: a binary search for `from`. */
function followed(sorted: readonly number[], from: number, to: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < from) low = mid + 1;
    else high = mid;
  }
  // Past the end sorted[low] is undefined and `undefined <= to` is false already: the length
  // check says so rather than rely on it.
  return low < sorted.length && (sorted[low] as number) <= to;
}

/**
 * The longest step between a ticket's placing instants: no period is shorter. A day is 24 h
 * but across a change of its zone's offset: an hour for most daylight-saving changes, three
 * at Antarctica/Casey as late as 2022 (a 21-hour day), ten at Antarctica/Macquarie in 1948 (a
 * 14-hour day, the shortest in the time-zone database; a zone that crossed the date line
 * skipped a whole day, which is then no period at all). 12 h leaves a margin.
 */
const PLACING_STEP_MS = 12 * 3_600_000;

/**
 * How far before its creation a ticket is placed, in milliseconds, largest first: the window,
 * then every 12 h down to 0 (its creation). A session the ticket follows started in
 * `[createdAt - window, createdAt]`; every period meeting that stretch holds one of these
 * instants, as none is shorter than the step between two of them. Up to 12 h that is the
 * window and 0; a 24 h window adds one instant, 12 h before the creation, for the 23-hour day
 * of a spring change. The SQL declaration places tickets by the same shifts.
 */
function placingShifts(windowMs: number): number[] {
  const shifts = [windowMs];
  for (let step = Math.ceil(windowMs / PLACING_STEP_MS) - 1; step > 0; step--)
    shifts.push(step * PLACING_STEP_MS);
  shifts.push(0);
  return shifts;
}

/**
 * Deflection for the SQL compiler, over one relation of sessions and tickets (a view of both
 * tables): a session of a kind left out is `otherKind`, then one without a customer
 * `anonymous` (in `add`'s order); tickets are neither counted nor excluded, only looked up.
 * A counted session is deflected unless followed (spec.ts `FollowsSql`) by a ticket of the
 * same customer created within `[startedAt, startedAt + windowHours]` that the rollup puts in
 * the session's group: as `timesOf` places it, in every period from that of `windowHours`
 * before its creation to that of its creation. Sessions are placed by `startedAt`, tickets by
 * the instants `placingShifts` gives; the interval, if asked, comes from the two counts as the
 * reducer's does.
 */
function deflectionRateSql(options: DeflectionRateOptions): MetricSql {
  const fn = "deflectionRate";
  // Checked options: the default window is filled in, the interval read into a choice.
  const windowMs = (options.windowHours ?? 24) * 3_600_000;
  const kinds = options.kinds ?? SESSION_KINDS;
  const counted = { count: all(IS_SESSION) };
  const choice = intervalFor(fn, "rate", options.interval as IntervalChoice | null | undefined);
  return {
    exclude: [
      {
        reason: "otherKind",
        when: all(IS_SESSION, not(any(...kinds.map((kind) => compare("=", field("kind"), kind))))),
      },
      { reason: "anonymous", when: all(IS_SESSION, isNull("customerId")) },
    ],
    state: { sessions: counted, deflected: { count: all(IS_SESSION, not({ followed: true })) } },
    events: {
      placedBy: [
        { field: "startedAt" },
        ...placingShifts(windowMs).map((before) =>
          before === 0 ? { field: "createdAt" } : { field: "createdAt", before },
        ),
      ],
    },
    follows: {
      from: "startedAt",
      at: "createdAt",
      match: "customerId",
      withinMs: windowMs,
      before: [windowMs, 0],
    },
    result: (numbers, excluded) => {
      const sessions = numbers.sessions as number;
      const deflected = numbers.deflected as number;
      const plain = {
        value: sessions === 0 ? null : (100 * deflected) / sessions,
        numerator: deflected,
        denominator: sessions,
        excluded: excluded as Record<DeflectionExclusion, number>,
      };
      return choice === null ? plain : { ...plain, interval: rateIntervalOf(null, plain, choice) };
    },
  };
}

/** Deflection rate in the catalogue: sessions joined with the tickets that follow them. */
export const deflectionRateMetric = defineMetric({
  name: "deflection",
  aliases: ["deflection-rate"],
  key: "deflectionRate",
  label: "Self-service deflection rate",
  description:
    "Share of self-service sessions not followed by a ticket from the same customer within 24 h.",
  unit: "percent",
  better: "higher",
  records: "sessions",
  joins: "tickets",
  reads: ["startedAt", "customerId", "kind", "createdAt"],
  placement: { by: "instant", field: "startedAt" },
  result: "ratio",
  takesInterval: true,
  options: OPTIONS,
  byDefault: true,
  sql: deflectionRateSql,
  reducer: deflectionRateReducer,
});
