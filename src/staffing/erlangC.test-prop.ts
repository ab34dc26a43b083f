import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { erlangC, erlangCProbability } from "./erlangC.ts";

/**
 * C(N, A) from the textbook sums, each term in logarithms and summed with log-sum-exp, so it
 * neither overflows nor shares a line with the recursion: the independent check.
 */
function logSpaceWait(agents: number, traffic: number): number {
  if (agents <= traffic) return 1;
  const logs: number[] = [];
  let logFactorial = 0;
  for (let k = 0; k < agents; k++) {
    if (k > 0) logFactorial += Math.log(k);
    logs.push(k * Math.log(traffic) - logFactorial);
  }
  logFactorial += Math.log(agents);
  const waiting = agents * Math.log(traffic) - logFactorial + Math.log(agents / (agents - traffic));
  const top = Math.max(waiting, ...logs);
  let sum = Math.exp(waiting - top);
  for (const value of logs) sum += Math.exp(value - top);
  return Math.exp(waiting - top) / sum;
}

const workload = fc.record({
  contacts: fc.double({ min: 0.5, max: 5000, noNaN: true }),
  intervalSeconds: fc.constantFrom(900, 1800, 3600),
  ahtSeconds: fc.double({ min: 10, max: 1200, noNaN: true }),
  targetSeconds: fc.double({ min: 0, max: 120, noNaN: true }),
});

describe("erlangC properties", () => {
  test("the recursion agrees with an independent log-space computation", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0.01, max: 1.2, noNaN: true }),
        (agents, load) => {
          const traffic = agents * load;
          const expected = logSpaceWait(agents, traffic);
          const actual = erlangCProbability(agents, traffic);
          expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-10 * expected + 1e-300);
        },
      ),
    );
  });

  test("more agents never lower the service level or raise the wait probability", () => {
    fc.assert(
      fc.property(workload, fc.integer({ min: 1, max: 60 }), (options, extra) => {
        const first = Math.max(
          1,
          Math.floor((options.contacts * options.ahtSeconds) / options.intervalSeconds) - 3,
        );
        let previous = erlangC({ ...options, agents: first });
        for (let agents = first + 1; agents <= first + extra; agents++) {
          const next = erlangC({ ...options, agents });
          expect(next.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel - 1e-15);
          expect(next.waitProbability).toBeLessThanOrEqual(previous.waitProbability + 1e-15);
          expect(next.asaSeconds).toBeLessThanOrEqual(previous.asaSeconds);
          previous = next;
        }
      }),
    );
  });

  test("ASA is finite exactly when there are more agents than erlangs", () => {
    fc.assert(
      fc.property(workload, fc.integer({ min: 1, max: 3000 }), (options, agents) => {
        const result = erlangC({ ...options, agents });
        expect(Number.isFinite(result.asaSeconds)).toBe(agents > result.traffic);
      }),
    );
  });

  test("every fraction lies in [0, 1] and nothing is NaN", () => {
    fc.assert(
      fc.property(workload, fc.integer({ min: 1, max: 3000 }), (options, agents) => {
        const result = erlangC({ ...options, agents });
        for (const value of [result.waitProbability, result.serviceLevel, result.occupancy]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        expect(Number.isNaN(result.asaSeconds)).toBe(false);
        expect(result.asaSeconds).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
