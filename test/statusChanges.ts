/**
 * What the tests of time in statuses and the wait times built on it share: status changes
 * written by time of day, and their exclusions when none applies.
 */
import type { TicketStatus } from "../src/schemas/ticket.ts";

/** A status change at a time of day on 2024-03-01 (UTC), or at an ISO instant. */
export function change(status: TicketStatus, time: string) {
  return { status, at: time.includes("T") ? time : `2024-03-01T${time}Z` };
}

/** The exclusions of time in statuses (and the wait times) with nothing excluded. */
export const noStatusTimeExclusions = { unresolved: 0, noStatusHistory: 0, noSchedule: 0 };
