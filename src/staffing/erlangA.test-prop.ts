import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { birthDeathErlangA } from "../../test/fixtures/erlangOracle.ts";
import { erlangA } from "./erlangA.ts";

// Small queues, so that the brute-force oracle stays quick: up to 12 erlangs, 1–20 agents.
const scenario = fc.record({
  contacts: fc.double({ min: 1, max: 120, noNaN: true }),
  intervalSeconds: fc.constant(1800),
  ahtSeconds: fc.double({ min: 60, max: 180, noNaN: true }),
  targetSeconds: fc.double({ min: 0, max: 90, noNaN: true }),
  patienceSeconds: fc.double({ min: 20, max: 900, noNaN: true }),
  agents: fc.integer({ min: 1, max: 20 }),
});

describe("erlangA properties", () => {
  test("agrees with the independent birth-death computation", () => {
    fc.assert(
      fc.property(scenario, (options) => {
        const result = erlangA(options);
        const oracle = birthDeathErlangA(
          options.contacts / options.intervalSeconds,
          1 / options.ahtSeconds,
          1 / options.patienceSeconds,
          options.agents,
          options.targetSeconds,
          options.agents + 600,
        );
        for (const key of Object.keys(oracle) as (keyof typeof oracle)[]) {
          const tolerance = key.endsWith("Seconds") ? 1e-7 * (1 + oracle[key]) : 1e-9;
          expect(Math.abs(result[key] - oracle[key]), key).toBeLessThanOrEqual(tolerance);
        }
      }),
      { numRuns: 40 },
    );
  });

  test("more agents raise the service level and lower waiting and abandonment", () => {
    fc.assert(
      fc.property(scenario, (options) => {
        const fewer = erlangA(options);
        const more = erlangA({ ...options, agents: options.agents + 1 });
        expect(more.serviceLevel).toBeGreaterThanOrEqual(fewer.serviceLevel - 1e-12);
        expect(more.waitProbability).toBeLessThanOrEqual(fewer.waitProbability + 1e-12);
        expect(more.abandonProbability).toBeLessThanOrEqual(fewer.abandonProbability + 1e-12);
      }),
    );
  });

  test("less patience means more abandonment", () => {
    fc.assert(
      fc.property(scenario, (options) => {
        const patient = erlangA({ ...options, patienceSeconds: options.patienceSeconds * 2 });
        const impatient = erlangA(options);
        expect(impatient.abandonProbability).toBeGreaterThanOrEqual(
          patient.abandonProbability - 1e-12,
        );
      }),
    );
  });

  test("fractions lie in [0, 1], waits are finite, and the answered share of the mean wait fits in it", () => {
    fc.assert(
      fc.property(scenario, (options) => {
        const result = erlangA(options);
        for (const key of [
          "waitProbability",
          "abandonProbability",
          "serviceLevel",
          "occupancy",
        ] as const) {
          expect(result[key]).toBeGreaterThanOrEqual(0);
          expect(result[key]).toBeLessThanOrEqual(1);
        }
        expect(Number.isFinite(result.asaSeconds)).toBe(true);
        // mean wait = P(answered) × ASA + P(abandoned) × (mean wait of those who left) ≥ the first
        // term. (ASA itself may exceed the mean wait: who leaves early lowers the mean.)
        expect((1 - result.abandonProbability) * result.asaSeconds).toBeLessThanOrEqual(
          result.meanWaitSeconds * (1 + 1e-12),
        );
        // Nobody is answered in time who was not answered: SL ≤ 1 − P(abandon).
        expect(result.serviceLevel).toBeLessThanOrEqual(1 - result.abandonProbability + 1e-12);
      }),
    );
  });
});
