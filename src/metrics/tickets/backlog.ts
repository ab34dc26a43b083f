import * as z from "zod/mini";
import { type CallNeeding, callOf } from "../../reduce/folds.ts";
import { oneOf, readOptions } from "../../reduce/options.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import type { Excluded } from "../../reduce/results.ts";
import { all } from "../../sql/spec.ts";
import { ticketStockSql } from "../../sql/ticketStock.ts";
import { defineMetric } from "../define.ts";
import {
  type AgeBucket,
  type OpenSpanInput,
  openSpan,
  statusAt,
  stockOptionFields,
  ticketStockReducer,
} from "./openSpans.ts";

/** The fields {@link backlog} reads; callers may pass whole tickets. */
export type BacklogInput = OpenSpanInput;

/** The unresolved statuses a backlog can be restricted to. */
export type BacklogStatus = "new" | "open" | "pending" | "onHold";

/** Options for {@link backlog}. */
export interface BacklogOptions {
  /**
   * The instant to measure, for the plain call (required there) and for a rollup that is not
   * grouped by period. In a rollup by period, each period is measured at its end instead.
   */
  asOf?: Date | string | number;
  /**
   * Age bucket boundaries in seconds, strictly increasing. Defaults to 1 day, 3 days, 7 days
   * and 30 days, giving the buckets `<1d`, `1d-3d`, `3d-7d`, `7d-30d`, `>=30d`. Age is the
   * time from creation to the instant measured.
   */
  ageBuckets?: readonly number[];
  /**
   * Count only tickets whose status at the instant is one of these (for example `["new",
   * "open"]` to leave out tickets pending on the customer). Needs status history; a ticket
   * without history is excluded as `unknownStatus`. Defaults to every unresolved status.
   */
  statuses?: readonly BacklogStatus[];
}

/**
 * Why a ticket handed to the metric is not in the count:
 * - `notOpen`: handed to the metric (its span reaches the period or instant) but not open at
 *   the instant measured: resolved before it, inside the period (the period it was resolved
 *   in), or solved at it between a first resolution and a reopen (by its status history). A
 *   ticket created at or after the instant (one created exactly at a period's end is created
 *   in the next period) or resolved before the period is never handed to the metric;
 * - `unknownResolution`: `solved` or `closed` without a resolution time or status history;
 * - `otherStatus`: open, but its status at the instant is not in `statuses`;
 * - `unknownStatus`: `statuses` was given but the ticket has no status history.
 */
export type BacklogExclusion = "notOpen" | "unknownResolution" | "otherStatus" | "unknownStatus";

/** The accumulator behind {@link backlog}: counts only, plus the instant measured. */
export interface BacklogState {
  count: number;
  byAge: number[];
  /** Epoch milliseconds of the instant measured; `null` until a ticket is added. */
  measuredAt: number | null;
  excluded: Excluded<BacklogExclusion>;
}

/** The backlog at an instant, with its age distribution. */
export interface BacklogResult {
  /** Tickets open at the instant (0, not `null`, when none). */
  value: number;
  /** Open tickets by age at the instant; the counts add up to `value`. */
  byAge: AgeBucket[];
  /**
   * The instant measured (ISO 8601): the window's end, or `asOf` when no ticket was added;
   * `null` for a rollup period that no ticket reached.
   */
  measuredAt: string | null;
  excluded: Excluded<BacklogExclusion>;
}

const EXCLUSIONS: readonly BacklogExclusion[] = [
  "notOpen",
  "unknownResolution",
  "otherStatus",
  "unknownStatus",
];
const OPEN_STATUSES = [
  "new",
  "open",
  "pending",
  "onHold",
] as const satisfies readonly BacklogStatus[];

/** The schema of {@link BacklogOptions}. */
const OPTIONS = z.strictObject({
  ...stockOptionFields,
  statuses: z.optional(
    z.array(oneOf(OPEN_STATUSES), {
      error: `must list unresolved statuses (${OPEN_STATUSES.join(", ")})`,
    }),
  ),
});

/**
 * Backlog: the number of tickets open at an instant T — created before T and not resolved
 * before T — with their ages. T is a period's end, the first instant of the next period, so
 * the backlog is the snapshot of everything that happened before it: a ticket created exactly
 * at T is not in it (it is created in the next period), and one resolved exactly at T still
 * is (it is resolved in the next period), as Zendesk's end-of-day snapshot, taken in the
 * day's last hour, counts them. So backlog(end) = backlog(start) + created − resolved +
 * reopened for every period. A stock, not a flow: in a rollup by period it is read at each
 * period's end, never summed over the period. Definition: docs/definitions.md, "Backlog".
 *
 * With status history a reopened ticket is open again from its reopen; without it a ticket
 * counts as open from creation until its final resolution (see `openSpans.ts`).
 *
 * @param items - Validated tickets.
 * @param options - `asOf` (required): the instant to measure. See {@link BacklogOptions}.
 * @returns `value` (a count, 0 when nothing is open), `byAge`, `measuredAt` and `excluded`.
 * @throws TypeError when `asOf` is missing.
 *
 * @example
 * const tickets = [
 *   { createdAt: new Date("2024-03-01T09:00:00Z"), status: "open", lastResolvedAt: null },
 *   { createdAt: new Date("2024-03-01T10:00:00Z"), status: "solved", lastResolvedAt: new Date("2024-03-02T10:00:00Z") },
 *   { createdAt: new Date("2024-03-05T10:00:00Z"), status: "new", lastResolvedAt: null },
 * ];
 * backlog(tickets, { asOf: new Date("2024-03-04T00:00:00Z") }).value
 * //=> 1
 */
export const backlog: CallNeeding<typeof backlogReducer, "asOf"> = callOf(backlogReducer);

/**
 * The mergeable reducer behind {@link backlog}, for `rollup` and for shards. It declares
 * `spanOf` (creation to final resolution), so a rollup adds each ticket to every period it
 * may be open in and the reducer measures it at that period's end.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const tickets = [
 *   { createdAt: new Date("2024-03-01T09:00:00Z"), status: "open", lastResolvedAt: null },
 *   { createdAt: new Date("2024-03-01T10:00:00Z"), status: "solved", lastResolvedAt: new Date("2024-03-02T10:00:00Z") },
 *   { createdAt: new Date("2024-03-05T10:00:00Z"), status: "new", lastResolvedAt: null },
 * ];
 * const all = tickets;
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(backlogReducer({ asOf: new Date("2024-03-04T00:00:00Z") }), [all.slice(0, 1), all.slice(1)]).value
 * //=> 1
 */
export function backlogReducer(
  options: BacklogOptions = {},
): Reducer<BacklogInput, BacklogState, BacklogResult> {
  const { asOf, ageBuckets, statuses: only } = readOptions("backlog", OPTIONS, options);
  const statuses = only === undefined ? undefined : new Set<string>(only);
  return ticketStockReducer("backlog", {
    asOf,
    ageBuckets,
    exclusions: EXCLUSIONS,
    spanOf: openSpan,
    steady: statuses === undefined,
    leftOut(ticket: BacklogInput, t: number) {
      if (!statuses) return null;
      const status = statusAt(ticket, t);
      if (status === null) return "unknownStatus";
      return statuses.has(status) ? null : "otherStatus";
    },
  });
}

/** Backlog in the catalogue: the CLI's `backlog`, measured at each period's end. */
export const backlogMetric = defineMetric({
  name: "backlog",
  key: "backlog",
  label: "Backlog",
  description: "Tickets open at the end of each period, with their ages.",
  unit: "count",
  better: "lower",
  records: "tickets",
  reads: ["createdAt", "status", "lastResolvedAt"],
  placement: { by: "stock", span: "open" },
  result: "count",
  options: OPTIONS,
  byDefault: true,
  // Without status history every open ticket's status at the instant is unknown, so with
  // `statuses` each is excluded as unknownStatus, as the reducer does.
  sql: (options, relation) =>
    ticketStockSql(
      options,
      relation,
      options.statuses === undefined ? [] : [{ reason: "unknownStatus", when: all() }],
      [],
    ),
  reducer: backlogReducer,
});
