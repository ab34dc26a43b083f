import { describe, expect, test } from "vitest";
import { erlangC } from "./erlangC.ts";
import { scheduledHeadcount, staffing } from "./staffing.ts";

const book = {
  contacts: 100,
  intervalSeconds: 1800,
  ahtSeconds: 180,
  targetSeconds: 20,
  serviceLevel: 0.8,
  maxOccupancy: 0.85,
  shrinkage: 0.3,
};

describe("staffing", () => {
  test("reproduces the definition book's vector: 14 agents, 20 scheduled", () => {
    // 13 agents reach SL 0.7956 < 0.8; 14 reach 0.88835 (occupancy 10 / 14 = 0.714 ≤ 0.85);
    // scheduled = ⌈14 / (1 − 0.3)⌉ = 20
    const plan = staffing(book);
    expect(plan).toMatchObject({
      agents: 14,
      scheduled: 20,
      limitedBy: "serviceLevel",
      traffic: 10,
    });
    expect(plan.serviceLevel).toBeCloseTo(0.88835, 5);
    expect(plan.waitProbability).toBeCloseTo(0.1741319, 7);
    expect(plan.asaSeconds).toBeCloseTo(7.836, 3);
    expect(plan.occupancy).toBeCloseTo(0.7142857, 7);
    expect(erlangC({ ...book, agents: 13 }).serviceLevel).toBeLessThan(0.8);
  });

  test("a low occupancy cap can need more agents than the service level", () => {
    // occupancy at most 0.6: ⌈10 / 0.6⌉ = 17 agents (16 would be 0.625)
    expect(staffing({ ...book, maxOccupancy: 0.6 })).toMatchObject({
      agents: 17,
      scheduled: 25, // ⌈17 / 0.7⌉ = ⌈24.29⌉
      limitedBy: "occupancy",
    });
  });

  test("a service level target of 0 still needs more agents than erlangs", () => {
    // the queue only empties with N > A = 10 (no occupancy cap here: 0.85 would ask for 12)
    expect(staffing({ ...book, serviceLevel: 0, maxOccupancy: 1 }).agents).toBe(11);
    expect(staffing({ ...book, serviceLevel: 0 }).agents).toBe(12);
  });

  test("defaults: no occupancy cap, no shrinkage", () => {
    const { maxOccupancy: _cap, shrinkage: _shrink, ...rest } = book;
    expect(staffing(rest)).toMatchObject({ agents: 14, scheduled: 14 });
  });

  test("no contacts need nobody, and the achieved figures are unknown", () => {
    expect(staffing({ ...book, contacts: 0 })).toEqual({
      agents: 0,
      scheduled: 0,
      limitedBy: null,
      traffic: 0,
      waitProbability: null,
      serviceLevel: null,
      asaSeconds: null,
      occupancy: null,
    });
  });

  test("sizes 10,000 erlangs without overflow", () => {
    // 40,000 contacts per 15 minutes at 225 s = 10,000 erlangs
    const plan = staffing({ ...book, contacts: 40_000, intervalSeconds: 900, ahtSeconds: 225 });
    expect(plan.traffic).toBe(10_000);
    // 0.85 caps occupancy: ⌈10,000 / 0.85⌉ = 11,765, far above what 80 % in 20 s needs
    expect(plan).toMatchObject({ agents: 11_765, limitedBy: "occupancy" });
    const uncapped = staffing({
      ...book,
      contacts: 40_000,
      intervalSeconds: 900,
      ahtSeconds: 225,
      maxOccupancy: 1,
    });
    expect(uncapped.agents).toBeGreaterThan(10_000);
    expect(uncapped.agents).toBeLessThan(10_100);
    expect(uncapped.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(
      erlangC({
        ...book,
        contacts: 40_000,
        intervalSeconds: 900,
        ahtSeconds: 225,
        agents: uncapped.agents - 1,
      }).serviceLevel,
    ).toBeLessThan(0.8);
  });

  test("rejects targets out of range", () => {
    expect(() => staffing({ ...book, serviceLevel: 1 })).toThrow(
      new RangeError("staffing: serviceLevel must be a fraction at least 0 and below 1, got 1"),
    );
    expect(() => staffing({ ...book, serviceLevel: 80 })).toThrow(
      "staffing: serviceLevel must be a fraction at least 0 and below 1, got 80",
    );
    expect(() => staffing({ ...book, maxOccupancy: 0 })).toThrow(
      "staffing: maxOccupancy must be a fraction above 0 and at most 1, got 0",
    );
    expect(() => staffing({ ...book, shrinkage: 1 })).toThrow(
      "staffing: shrinkage must be a fraction at least 0 and below 1, got 1",
    );
    expect(() => staffing({ ...book, maxOccupancy: 1e-9 })).toThrow(
      "staffing: maxOccupancy must leave at most 10000000 agents for 10 erlangs, got 1e-9",
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => staffing({ ...book, shrinkage: "30%" })).toThrow(
      new TypeError('staffing: shrinkage must be a fraction at least 0 and below 1, got "30%"'),
    );
  });
});

describe("scheduledHeadcount", () => {
  test("divides by the share left after shrinkage and rounds up", () => {
    // 14 / 0.7 = 20 exactly (not 21 from rounding); 15 / 0.7 = 21.43 → 22; 0 → 0
    expect(scheduledHeadcount(14, 0.3)).toBe(20);
    expect(scheduledHeadcount(15, 0.3)).toBe(22);
    expect(scheduledHeadcount(0, 0.3)).toBe(0);
    expect(scheduledHeadcount(7, 0)).toBe(7);
  });

  test("never leaves fewer than the agents needed after shrinkage", () => {
    for (let agents = 1; agents <= 200; agents++) {
      for (const shrinkage of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.7]) {
        const scheduled = scheduledHeadcount(agents, shrinkage);
        // exact integer check: scheduled × (100 − s%) ≥ agents × 100
        const percent = Math.round(shrinkage * 100);
        expect(scheduled * (100 - percent)).toBeGreaterThanOrEqual(agents * 100);
        expect((scheduled - 1) * (100 - percent)).toBeLessThan(agents * 100);
      }
    }
  });
});
