/**
 * The clocks of SLA targets on one ticket: when each target instance starts and which event
 * (a reply, a resolution) stops it, if any by the evaluation instant. src/sla/evaluate.ts
 * turns each clock into an instance with its due instant and status. Definition:
 * docs/business-hours.md, "SLA policies".
 */
import { isAgentReply, isResolvedStatus, type TicketMessage } from "../schemas/ticket.ts";
import type { SlaResolution } from "./evaluate.ts";
import type { SlaTicket } from "./policy.ts";

/** A ticket's resolved stretches `[start, end)` and every entry into a resolved status. */
export interface Resolutions {
  entries: number[];
  stretches: { start: number; end: number }[];
}

/**
 * When the ticket was resolved. From status changes when given: each change into `solved`
 * or `closed` from another status is an entry, and the ticket stays resolved until a change
 * to an unresolved status. Without them, from the flat fields: the first and the last
 * resolution are entries, and a ticket resolved now has been resolved since its last one.
 */
export function resolutionsOf(ticket: SlaTicket): Resolutions {
  const changes = ticket.statusChanges;
  if (changes && changes.length > 0) {
    const entries: number[] = [];
    const stretches: { start: number; end: number }[] = [];
    let since: number | null = null;
    for (const change of changes) {
      const at = change.at.getTime();
      const resolved = isResolvedStatus(change.status);
      if (resolved && since === null) {
        since = at;
        entries.push(at);
      } else if (!resolved && since !== null) {
        stretches.push({ start: since, end: at });
        since = null;
      }
    }
    if (since !== null) stretches.push({ start: since, end: Number.POSITIVE_INFINITY });
    return { entries, stretches };
  }
  const entries: number[] = [];
  const first = ticket.firstResolvedAt?.getTime();
  const last = ticket.lastResolvedAt?.getTime();
  if (first !== undefined) entries.push(first);
  if (last !== undefined && last !== first) entries.push(last);
  entries.sort((a, b) => a - b);
  const stretches =
    last !== undefined && isResolvedStatus(ticket.status)
      ? [{ start: last, end: Number.POSITIVE_INFINITY }]
      : [];
  return { entries, stretches };
}

/** The first entry into a resolved status at or after `from`, if any. */
function nextEntry(resolutions: Resolutions, from: number): number | null {
  for (const entry of resolutions.entries) if (entry >= from) return entry;
  return null;
}

function resolvedAt(resolutions: Resolutions, at: number): boolean {
  return resolutions.stretches.some((stretch) => stretch.start <= at && at < stretch.end);
}

/** A clock to evaluate: its start, and the instant and kind of event that met it, if any. */
export interface Clock {
  start: number;
  end: number | null;
  by: "reply" | "resolution" | null;
}

/**
 * Ends a clock at the earlier of its reply and the next resolution at or after its start
 * (solving a ticket meets its reply targets, as dbt_zendesk counts them), ignoring events
 * after `asOf`.
 */
export function clock(
  start: number,
  reply: number | null,
  resolutions: Resolutions,
  asOf: number,
): Clock {
  const solved = nextEntry(resolutions, start);
  const replied = reply !== null && reply <= asOf ? reply : null;
  const resolved = solved !== null && solved <= asOf ? solved : null;
  if (replied !== null && (resolved === null || replied <= resolved)) {
    return { start, end: replied, by: "reply" };
  }
  if (resolved !== null) return { start, end: resolved, by: "resolution" };
  return { start, end: null, by: null };
}

/**
 * Next-reply clocks: one per run of customer messages after the first reply, from the first
 * message of the run to the next public human agent reply. A resolution in between ends the
 * run's clock; a customer message after it starts a new one.
 */
export function nextReplyClocks(
  messages: readonly TicketMessage[],
  firstReply: number | null,
  resolutions: Resolutions,
  asOf: number,
): Clock[] {
  const clocks: Clock[] = [];
  if (firstReply === null || firstReply > asOf) return clocks;
  let waiting: number | null = null;
  for (const message of messages) {
    const at = message.at.getTime();
    if (at > asOf) break;
    if (at <= firstReply) continue; // answered by the first reply: the first reply target
    if (waiting !== null) {
      const solved = nextEntry(resolutions, waiting);
      if (solved !== null && solved <= at) {
        clocks.push({ start: waiting, end: solved, by: "resolution" });
        waiting = null;
      }
    }
    if (message.authorRole === "customer") {
      waiting ??= at;
    } else if (waiting !== null && isAgentReply(message)) {
      clocks.push({ start: waiting, end: at, by: "reply" });
      waiting = null;
    }
  }
  if (waiting !== null) clocks.push(clock(waiting, null, resolutions, asOf));
  return clocks;
}

/**
 * Periodic-update clocks: from each public human agent message to the next one (Zendesk's
 * "time between each public comment from agents"). The opening message of an agent-created
 * ticket counts as an update. A message sent while the ticket is resolved starts no clock,
 * and a resolution ends the running one.
 */
export function periodicClocks(
  messages: readonly TicketMessage[],
  resolutions: Resolutions,
  asOf: number,
): Clock[] {
  const clocks: Clock[] = [];
  let since: number | null = null;
  for (const message of messages) {
    const at = message.at.getTime();
    if (at > asOf) break;
    if (!isAgentReply(message)) continue;
    if (since !== null) {
      const solved = nextEntry(resolutions, since);
      clocks.push(
        solved !== null && solved < at
          ? { start: since, end: solved, by: "resolution" }
          : { start: since, end: at, by: "reply" },
      );
    }
    since = resolvedAt(resolutions, at) ? null : at;
  }
  if (since !== null) clocks.push(clock(since, null, resolutions, asOf));
  return clocks;
}

/** The resolution clock: creation → the first, or the final, resolution. */
export function resolutionClock(
  created: number,
  resolutions: Resolutions,
  asOf: number,
  which: SlaResolution,
): Clock {
  if (which === "first") {
    const first = resolutions.entries[0];
    return first !== undefined && first <= asOf
      ? { start: created, end: first, by: "resolution" }
      : { start: created, end: null, by: null };
  }
  // Final: the stretch the ticket is resolved in at asOf, if it is resolved then.
  const stretch = resolutions.stretches.find((s) => s.start <= asOf && asOf < s.end);
  return stretch
    ? { start: created, end: stretch.start, by: "resolution" }
    : { start: created, end: null, by: null };
}
