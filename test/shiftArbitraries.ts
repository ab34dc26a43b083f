/**
 * What the agent metrics' `.test-prop.ts` files share: intervals of whole minutes within a day
 * and a half, so that work, schedules, log-ins and breaks overlap often; and the range every
 * per-agent time ratio keeps.
 */
import fc from "fast-check";
import { expect } from "vitest";
import type { AgentTimeResult } from "../src/metrics/agents/intervals.ts";

const BASE = Date.parse("2024-03-04T00:00:00Z");
const MINUTE = 60_000;

/** The instant shifts fall back to when they have no interval to start at. */
export const shiftDay = new Date(BASE);

/** An interval of up to 10 hours starting within a day of `shiftDay` (possibly empty). */
export const intervalArb = fc
  .tuple(fc.integer({ min: 0, max: 24 * 60 }), fc.integer({ min: 0, max: 10 * 60 }))
  .map(([start, length]) => ({
    start: new Date(BASE + start * MINUTE),
    end: new Date(BASE + (start + length) * MINUTE),
  }));

/** Total length in seconds of intervals, overlaps counted twice. */
export function plainSeconds(intervals: readonly { start: Date; end: Date }[]): number {
  return intervals.reduce((t, i) => t + (i.end.getTime() - i.start.getTime()) / 1000, 0);
}

/** A time ratio lies in [0, 100], work counted never exceeds the time it is measured against. */
export function expectTimeRatioInRange(result: AgentTimeResult<string>): void {
  expect(result.numerator).toBeLessThanOrEqual(result.denominator);
  if (result.value === null) expect(result.denominator).toBe(0);
  else {
    expect(result.value).toBeGreaterThanOrEqual(0);
    expect(result.value).toBeLessThanOrEqual(100);
  }
}
