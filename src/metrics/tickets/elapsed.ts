import { secondsBetween } from "../../reduce/results.ts";

/**
 * Seconds elapsed between two instants given in epoch milliseconds: real (calendar) time, so a
 * span across a daylight-saving change counts the hour that was skipped or repeated exactly
 * once. Every ticket duration metric measures through this one function, so business hours can
 * replace it in one place later.
 *
 * @param startMs - Start instant, epoch milliseconds.
 * @param endMs - End instant, epoch milliseconds, at or after `startMs`.
 * @returns The seconds between them.
 *
 * @example
 * // 01:30 EST to 03:30 EDT on 2024-03-10 in New York: one real hour
 * elapsed(Date.parse("2024-03-10T01:30:00-05:00"), Date.parse("2024-03-10T03:30:00-04:00"))
 * //=> 3600
 */
export function elapsed(startMs: number, endMs: number): number {
  return secondsBetween(startMs, endMs);
}
