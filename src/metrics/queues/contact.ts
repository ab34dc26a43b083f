/**
 * Queue contacts: one phone call, chat or messaging conversation offered to a queue, as an
 * ACD, a telephony platform or a chat tool exports it, in a vendor-neutral shape. The queue
 * metrics (service level, speed of answer, abandonment, handle time, chat concurrency) read
 * it; each is placed in a period by `offeredAt`, the moment the contact reached the queue.
 *
 * Every field a source may not know is nullable, and `null` means unknown, never zero: a
 * missing wrap time is excluded from handle time, not counted as 0 seconds.
 *
 * Why there is no queue occupancy here: occupancy is handling time divided by the time agents
 * were available (logged in, not on a break). Contacts give the numerator but not the
 * denominator: an agent idle for an hour between two calls leaves no contact behind. Use
 * `occupancy` over agent shifts, whose `working` intervals can come from these contacts.
 *
 * The Zod schema of these records, for the readers and `validate`, is in
 * src/schemas/queueContact.ts.
 */

import * as z from "zod/mini";
import { requireOneOf } from "../../reduce/arguments.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import {
  type DurationOptions,
  type DurationReducer,
  durations,
  STATISTICS,
} from "../../reduce/results.ts";
import { readInterval } from "../../stats/intervalOption.ts";

/** One contact offered to a queue. */
export interface QueueContact {
  /** The source's identifier. */
  id: string;
  /** The queue (skill, split, inbox) it was offered to, when known. */
  queue: string | null;
  /** `"phone"`, `"chat"`, `"email"`, `"messaging"`... as the source names it, when known. */
  channel: string | null;
  /** When it reached the queue: the start of its wait. */
  offeredAt: Date;
  /** When an agent answered it; `null` if it was not answered (or it is not known). */
  answeredAt: Date | null;
  /** When the customer gave up waiting; `null` if they did not (or it is not known). */
  abandonedAt: Date | null;
  /** Seconds of conversation once answered (for chat: until it was closed). */
  talkSeconds: number | null;
  /** Seconds of after-contact work (wrap-up, notes). */
  wrapSeconds: number | null;
  /**
   * Seconds on hold during the conversation. Leave it out when the source has no separate
   * hold time (many count hold inside talk); set it to `null` when the source has hold times
   * but not this contact's.
   */
  holdSeconds?: number | null | undefined;
  /** The agent who answered it, when known. */
  agentId: string | null;
}

/**
 * How a contact ended, as far as its record says:
 * - `"answered"`: `answeredAt` set, `abandonedAt` not;
 * - `"abandoned"`: `abandonedAt` set, `answeredAt` not;
 * - `"unknownOutcome"`: neither: still waiting when the data was exported, or the source
 *   does not say. Never counted as answered or abandoned;
 * - `"bothOutcomes"`: both set, so the record contradicts itself;
 * - `"endsBeforeOffer"`: answered or abandoned before it was offered (clock or export error).
 */
export type ContactOutcome =
  | "answered"
  | "abandoned"
  | "unknownOutcome"
  | "bothOutcomes"
  | "endsBeforeOffer";

/** The outcomes that leave a contact out of every queue metric, with their counts. */
export type OutcomeExclusion = "unknownOutcome" | "bothOutcomes" | "endsBeforeOffer";

/** The fields `contactOutcome` reads. */
export type ContactOutcomeInput = Pick<QueueContact, "offeredAt" | "answeredAt" | "abandonedAt">;

/**
 * How a contact ended (see {@link ContactOutcome}).
 *
 * @param contact - A contact, or its three timestamps.
 * @returns Its outcome.
 *
 * @example
 * const offeredAt = new Date("2024-03-04T09:00:00Z");
 * const at = new Date("2024-03-04T09:00:15Z");
 * [contactOutcome({ offeredAt, answeredAt: at, abandonedAt: null }),
 *   contactOutcome({ offeredAt, answeredAt: null, abandonedAt: null })]
 * //=> ["answered", "unknownOutcome"]
 */
export function contactOutcome(contact: ContactOutcomeInput): ContactOutcome {
  const { answeredAt, abandonedAt } = contact;
  if (answeredAt !== null && abandonedAt !== null) return "bothOutcomes";
  const end = answeredAt ?? abandonedAt;
  if (end === null) return "unknownOutcome";
  if (end.getTime() < contact.offeredAt.getTime()) return "endsBeforeOffer";
  return answeredAt !== null ? "answered" : "abandoned";
}

/**
 * Seconds a contact waited in the queue: from `offeredAt` to its answer or abandonment
 * (whichever is set; read `contactOutcome` first for contacts that may have both).
 *
 * @param contact - A contact, or its three timestamps.
 * @returns The wait in seconds, or `null` when it has neither end (still queued, or unknown).
 *
 * @example
 * queueWaitSeconds({
 *   offeredAt: new Date("2024-03-04T09:00:00Z"),
 *   answeredAt: new Date("2024-03-04T09:00:42Z"),
 *   abandonedAt: null,
 * })
 * //=> 42
 */
export function queueWaitSeconds(contact: ContactOutcomeInput): number | null {
  const end = contact.answeredAt ?? contact.abandonedAt;
  return end === null ? null : (end.getTime() - contact.offeredAt.getTime()) / 1000;
}

/** The outcome exclusions every queue metric lists, in order. */
export const OUTCOME_EXCLUSIONS: readonly OutcomeExclusion[] = [
  "unknownOutcome",
  "bothOutcomes",
  "endsBeforeOffer",
];

/**
 * The reducer of a duration measured on each queue contact (speed of answer, handle time):
 * placed by `offeredAt`, `statistic` (default `"mean"`) and `percentiles` checked once here,
 * `measure` giving the seconds or why the contact does not count.
 *
 * @internal
 */
export function contactDurationReducer<Input extends ContactOutcomeInput, Exclusion extends string>(
  fn: string,
  options: DurationOptions,
  exclusions: readonly Exclusion[],
  measure: (contact: Input) => number | Exclusion,
): DurationReducer<Input, Exclusion> {
  const statistic = requireOneOf(fn, "statistic", options.statistic ?? "mean", STATISTICS);
  const percentiles = durations.percentiles(fn, options.percentiles);
  return durations.reducer(fn, {
    timeOf: (contact: Input) => contact.offeredAt,
    measure,
    exclusions,
    percentiles,
    statistic,
    interval: readInterval(fn, options.interval),
  });
}

/**
 * The schema of a seconds option of a queue metric (a target, a short-abandon threshold): a
 * finite number at least 0, as the reducers check it.
 *
 * @internal
 */
export function secondsOption() {
  const message = "must be a number at least 0";
  return z
    .number({ error: message })
    .check(
      z.refine((n) => Number.isFinite(n) && n >= 0, { error: message, params: { kind: "range" } }),
    );
}

/** Where every queue metric places a contact: by the instant it was offered. */
export const BY_OFFER = { by: "instant", field: "offeredAt" } as const;

/**
 * `contactOutcome` for a record that may not have been through the schema: its three
 * instants are checked first, and a wrong one throws a field error naming `fn` (the reducer
 * turns it into `fn: record i field "x" must be ...`), never a NaN or a crash later.
 *
 * @internal
 */
export function checkedOutcome(fn: string, contact: ContactOutcomeInput): ContactOutcome {
  if (!isInstant(contact.offeredAt)) badField(fn, "offeredAt", "a valid Date", contact.offeredAt);
  if (contact.answeredAt !== null && !isInstant(contact.answeredAt))
    badField(fn, "answeredAt", "a valid Date or null", contact.answeredAt);
  if (contact.abandonedAt !== null && !isInstant(contact.abandonedAt))
    badField(fn, "abandonedAt", "a valid Date or null", contact.abandonedAt);
  return contactOutcome(contact);
}

/**
 * A seconds field of a contact (talk, hold, wrap) that may not have been through the schema:
 * `null` when unknown (or `undefined`: left out), else a finite number at least 0, or a field
 * error naming `fn`.
 *
 * @internal
 */
export function checkedSeconds(fn: string, field: string, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !(value >= 0 && value < Number.POSITIVE_INFINITY))
    badField(fn, field, "a number of seconds at least 0, or null", value);
  return value;
}
