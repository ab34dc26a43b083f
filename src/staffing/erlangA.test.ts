import { describe, expect, test } from "vitest";
import { birthDeathErlangA } from "../../test/fixtures/erlangOracle.ts";
import { erlangA } from "./erlangA.ts";
import { erlangC } from "./erlangC.ts";

// pyworkforce's ErlangA regression scenario (tests/test_abandonment.py): 100 contacts per 30
// minutes, AHT 3 min, target 20 s, mean patience 5 min, 14 agents.
const anchor = {
  contacts: 100,
  intervalSeconds: 1800,
  ahtSeconds: 180,
  targetSeconds: 20,
  patienceSeconds: 300,
  agents: 14,
};

describe("erlangA", () => {
  test("reproduces pyworkforce's anchor (issue 19)", () => {
    const result = erlangA(anchor);
    expect(result.traffic).toBe(10);
    expect(result.waitProbability).toBeCloseTo(0.14526, 5);
    expect(result.abandonProbability).toBeCloseTo(0.013984, 6);
    expect(result.occupancy).toBeCloseTo(0.704297, 6);
    expect(result.serviceLevel).toBeCloseTo(0.916792, 6);
    // pyworkforce's "average speed of answer" is the mean wait of every contact: 0.069919 min
    expect(result.meanWaitSeconds / 60).toBeCloseTo(0.069919, 6);
  });

  test("agrees with an independent birth-death computation on the anchor", () => {
    // The oracle builds π from π(0), uniformizes the tagged contact's chain for the service
    // level, and recurses over queue positions for the answered wait.
    const oracle = birthDeathErlangA(1 / 18, 1 / 180, 1 / 300, 14, 20, 400);
    const result = erlangA(anchor);
    for (const key of Object.keys(oracle) as (keyof typeof oracle)[]) {
      expect(result[key], key).toBeCloseTo(oracle[key], 10);
    }
  });

  test("ASA counts answered contacts only, so it is below the mean wait of all", () => {
    // Those who give up are the ones who waited long: the answered waited less on average.
    const result = erlangA(anchor);
    expect(result.asaSeconds).toBeCloseTo(3.87848, 5);
    expect(result.asaSeconds).toBeLessThan(result.meanWaitSeconds);
  });

  test("tends to Erlang C as patience grows (within 1e-4)", () => {
    for (const agents of [11, 14, 20, 25]) {
      const c = erlangC({ ...anchor, agents });
      const a = erlangA({ ...anchor, agents, patienceSeconds: 1e8 });
      expect(Math.abs(a.waitProbability - c.waitProbability)).toBeLessThan(1e-4);
      expect(Math.abs(a.serviceLevel - c.serviceLevel)).toBeLessThan(1e-4);
      expect(Math.abs(a.occupancy - c.occupancy)).toBeLessThan(1e-4);
      expect(Math.abs(a.asaSeconds - c.asaSeconds)).toBeLessThan(1e-4 * c.asaSeconds);
      expect(a.abandonProbability).toBeLessThan(1e-4);
    }
  });

  test("gets closer to Erlang C with every tenfold increase in patience", () => {
    const c = erlangC(anchor);
    let gap = Number.POSITIVE_INFINITY;
    for (const patienceSeconds of [60, 600, 6000, 60_000, 600_000]) {
      const a = erlangA({ ...anchor, patienceSeconds });
      const next =
        Math.abs(a.serviceLevel - c.serviceLevel) + Math.abs(a.waitProbability - c.waitProbability);
      expect(next).toBeLessThan(gap);
      gap = next;
    }
  });

  test("settles with fewer agents than erlangs, because callers give up", () => {
    // 10 erlangs on 5 agents: Erlang C has no answer; here about half the callers leave.
    const result = erlangA({ ...anchor, agents: 5 });
    expect(Number.isFinite(result.asaSeconds)).toBe(true);
    expect(result.abandonProbability).toBeGreaterThan(0.45);
    expect(result.abandonProbability).toBeLessThan(0.55);
    const oracle = birthDeathErlangA(1 / 18, 1 / 180, 1 / 300, 5, 20, 400);
    expect(result.serviceLevel).toBeCloseTo(oracle.serviceLevel, 10);
    expect(result.asaSeconds).toBeCloseTo(oracle.asaSeconds, 8);
  });

  test("with no contacts nobody waits", () => {
    expect(erlangA({ ...anchor, contacts: 0 })).toEqual({
      traffic: 0,
      waitProbability: 0,
      abandonProbability: 0,
      serviceLevel: 1,
      asaSeconds: 0,
      meanWaitSeconds: 0,
      occupancy: 0,
    });
  });

  test("with far more agents than erlangs nobody waits, to a double's precision", () => {
    const result = erlangA({ ...anchor, contacts: 1, agents: 2000 });
    expect(result.waitProbability).toBe(0);
    expect(result.serviceLevel).toBe(1);
  });

  test("rejects a patience that is not positive", () => {
    expect(() => erlangA({ ...anchor, patienceSeconds: 0 })).toThrow(
      new RangeError("erlangA: patienceSeconds must be a positive number, got 0"),
    );
    expect(() => erlangA({ ...anchor, agents: -1 })).toThrow(
      new RangeError("erlangA: agents must be a positive integer, got -1"),
    );
  });

  test("refuses a queue that would not settle within a million waiting contacts", () => {
    // 10 erlangs on 1 agent with a patience of 30,000 years: the queue grows for ages.
    expect(() => erlangA({ ...anchor, agents: 1, patienceSeconds: 1e12 })).toThrow(
      "erlangA: patienceSeconds must be short enough for the queue to settle within 1000000 waiting contacts, got 1000000000000",
    );
  });
});
