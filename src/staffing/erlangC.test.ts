import { describe, expect, test } from "vitest";
import { erlangC, erlangCProbability } from "./erlangC.ts";

const book = { contacts: 100, intervalSeconds: 1800, ahtSeconds: 180, targetSeconds: 20 };

describe("erlangC", () => {
  test("reproduces the definition book's vector (issue 19; pyworkforce and R ErlangC agree)", () => {
    // A = 100 × 180 / 1800 = 10 erlangs on 14 agents
    const result = erlangC({ ...book, agents: 14 });
    expect(Object.keys(result).sort()).toEqual([
      "asaSeconds",
      "occupancy",
      "serviceLevel",
      "traffic",
      "waitProbability",
    ]);
    expect(result.traffic).toBe(10);
    expect(result.waitProbability).toBeCloseTo(0.1741319, 7);
    // SL = 1 − 0.1741319 × e^(−(14 − 10) × 20 / 180) = 1 − 0.1741319 × 0.641180 = 0.88835
    expect(result.serviceLevel).toBeCloseTo(0.88835, 5);
    // ASA = 0.1741319 × 180 / (14 − 10) = 7.836 s
    expect(result.asaSeconds).toBeCloseTo(7.836, 3);
    // occupancy = 10 / 14
    expect(result.occupancy).toBeCloseTo(0.7142857, 7);
  });

  test("an overloaded queue never empties: everyone waits, ASA is infinite", () => {
    for (const agents of [5, 10]) {
      expect(erlangC({ ...book, agents })).toEqual({
        traffic: 10,
        waitProbability: 1,
        serviceLevel: 0,
        asaSeconds: Number.POSITIVE_INFINITY,
        occupancy: 1,
      });
    }
  });

  test("with no contacts nobody waits", () => {
    expect(erlangC({ ...book, contacts: 0, agents: 3 })).toEqual({
      traffic: 0,
      waitProbability: 0,
      serviceLevel: 1,
      asaSeconds: 0,
      occupancy: 0,
    });
  });

  test("a target of 0 s counts only contacts that do not wait", () => {
    const result = erlangC({ ...book, agents: 14, targetSeconds: 0 });
    expect(result.serviceLevel).toBeCloseTo(1 - result.waitProbability, 15);
  });

  test("rejects agents that are not a positive integer", () => {
    expect(() => erlangC({ ...book, agents: 0 })).toThrow(
      new RangeError("erlangC: agents must be a positive integer, got 0"),
    );
    expect(() => erlangC({ ...book, agents: 13.5 })).toThrow(
      new RangeError("erlangC: agents must be a positive integer, got 13.5"),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => erlangC({ ...book, agents: "14" })).toThrow(
      new TypeError('erlangC: agents must be a positive integer, got "14"'),
    );
    expect(() => erlangC({ ...book, agents: 2e7 })).toThrow(
      new RangeError("erlangC: agents must be at most 10000000, got 20000000"),
    );
  });

  test("rejects a bad workload or target", () => {
    expect(() => erlangC({ ...book, agents: 14, contacts: -1 })).toThrow(
      "erlangC: contacts must be a number at least 0, got -1",
    );
    expect(() => erlangC({ ...book, agents: 14, intervalSeconds: 0 })).toThrow(
      "erlangC: intervalSeconds must be a positive number, got 0",
    );
    expect(() => erlangC({ ...book, agents: 14, ahtSeconds: Number.NaN })).toThrow(
      "erlangC: ahtSeconds must be a positive number, got NaN",
    );
    expect(() => erlangC({ ...book, agents: 14, targetSeconds: -5 })).toThrow(
      "erlangC: targetSeconds must be a number at least 0, got -5",
    );
    expect(() => erlangC({ ...book, agents: 14, contacts: 1e9 })).toThrow(
      "erlangC: traffic (contacts × ahtSeconds / intervalSeconds) must be at most 1000000 erlangs, got 100000000",
    );
  });
});

describe("erlangCProbability", () => {
  test("reproduces the issue's large-traffic vectors without overflow", () => {
    // Values from R's ErlangC package and pyworkforce (issue 19), to 10 decimals.
    expect(erlangCProbability(510, 500)).toBeCloseTo(0.5502107128, 10);
    expect(erlangCProbability(520, 500)).toBeCloseTo(0.2747563447, 10);
    expect(erlangCProbability(1000, 990)).toBeCloseTo(0.6590804219, 10);
  });

  test("C(1000, 500) is about 3.3e-86, not 0, NaN or Infinity", () => {
    const c = erlangCProbability(1000, 500);
    expect(c).toBeGreaterThan(3.3e-86);
    expect(c).toBeLessThan(3.31e-86);
  });

  test("one agent is busy a fraction A of the time, and that is the wait probability", () => {
    // M/M/1: C(1, A) = A for A < 1
    expect(erlangCProbability(1, 0.25)).toBeCloseTo(0.25, 15);
  });

  test("is 1 when agents do not exceed traffic", () => {
    expect(erlangCProbability(10, 10)).toBe(1);
    expect(erlangCProbability(3, 7.5)).toBe(1);
  });
});
