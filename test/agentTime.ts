/**
 * What the agent metrics' tests share: intervals of whole minutes within a day and a half, so
 * that work, schedules, log-ins and breaks overlap often; the range every per-agent time ratio
 * keeps; its empty result; and a rollup by day across the Berlin spring-forward night.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { rollup } from "../src/aggregate/rollup.ts";
import type { AgentTimeResult } from "../src/metrics/agents/intervals.ts";
import type { Reducer } from "../src/reduce/reducer.ts";
import type { AgentShift } from "../src/schemas/shift.ts";

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

/** A per-agent time ratio with nothing measured: no value, every count 0. */
export function noAgentTime<Reason extends string>(excluded: Record<Reason, number>) {
  return { value: null, numerator: 0, denominator: 0, clipped: 0, agents: 0, shifts: 0, excluded };
}

/** Shifts rolled up by day in Europe/Berlin: each row's label, value and denominator. */
export function berlinDays<State, Reason extends string>(
  shifts: AgentShift[],
  reducer: Reducer<AgentShift, State, AgentTimeResult<Reason>>,
): [string | undefined, number | null, number][] {
  const rows = rollup(shifts, {
    by: { period: "day" },
    timeZone: "Europe/Berlin",
    metrics: { m: reducer },
  });
  return rows.map((row) => [row.period?.label, row.m.value, row.m.denominator]);
}
