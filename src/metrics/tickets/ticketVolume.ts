import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import { requireInstant } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type CountResult, type CountState, count } from "../../reduce/results.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { MERGED_SOURCE_RULE } from "../../sql/spec.ts";
import { defineMetric } from "../define.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";

/** The fields {@link ticketVolume} reads; callers may pass whole tickets. */
export type TicketVolumeInput = Pick<Ticket, "createdAt">;

/**
 * Options for {@link ticketVolume}: none today. The count takes an options object like every
 * metric, so that a misspelt or misplaced option is refused rather than ignored.
 */
export type TicketVolumeOptions = Record<string, never>;

/** Why a ticket did not count: none, every validated ticket has a creation time. */
export type TicketVolumeExclusion = MergedSourceExclusion;

/** The schema of {@link TicketVolumeOptions}: no option. */
const OPTIONS = z.strictObject({});

/**
 * Ticket volume: the number of tickets created. Every validated ticket counts; split it by
 * channel, priority or any key with `rollup`. Definition: docs/definitions.md, "Ticket volume".
 *
 * @param items - Validated tickets.
 * @param options - None; see {@link TicketVolumeOptions}.
 * @returns `value`: the count (0, not `null`, when there are none), and an empty `excluded`.
 *
 * @example
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * ticketVolume([{ createdAt }, { createdAt }, { createdAt }]).value
 * //=> 3
 */
export const ticketVolume = callOf(ticketVolumeReducer);

/**
 * The mergeable reducer behind {@link ticketVolume}, for `rollup` and for shards. Placed by `createdAt`.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * const all = [{ createdAt }, { createdAt }, { createdAt }];
 * // two shards folded apart, then merged: the same result as one pass
 * foldShards(ticketVolumeReducer(), [all.slice(0, 1), all.slice(1)]).value
 * //=> 3
 */
export function ticketVolumeReducer(
  options: TicketVolumeOptions = {},
): Reducer<
  TicketVolumeInput,
  CountState<TicketVolumeExclusion>,
  CountResult<TicketVolumeExclusion>
> {
  readOptions("ticketVolume", OPTIONS, options);
  return skipMergedSources({
    name: "ticketVolume",
    timeOf: (ticket) => ticket.createdAt,
    init: () => count.init<TicketVolumeExclusion>([]),
    add(state, ticket) {
      // A record that never went through the schema must at least have a creation instant.
      requireInstant("ticketVolume", "createdAt", ticket.createdAt);
      state.count++;
    },
    merge: count.merge,
    result: count.result,
  });
}

/** Ticket volume in the catalogue: the CLI's `volume`. */
export const ticketVolumeMetric = defineMetric({
  name: "volume",
  key: "ticketVolume",
  label: "Ticket volume",
  description: "Tickets created in each period.",
  unit: "count",
  better: "neither",
  records: "tickets",
  reads: ["createdAt"],
  placement: { by: "instant", field: "createdAt" },
  result: "count",
  options: OPTIONS,
  byDefault: true,
  sql: () => ({ exclude: [MERGED_SOURCE_RULE], state: { count: { count: true } } }),
  reducer: ticketVolumeReducer,
});
