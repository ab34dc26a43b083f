import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { erlangC } from "./erlangC.ts";
import { staffing } from "./staffing.ts";

const request = fc.record({
  contacts: fc.double({ min: 0.5, max: 20_000, noNaN: true }),
  intervalSeconds: fc.constantFrom(900, 1800, 3600),
  ahtSeconds: fc.double({ min: 10, max: 1200, noNaN: true }),
  targetSeconds: fc.double({ min: 0, max: 120, noNaN: true }),
  serviceLevel: fc.double({ min: 0, max: 0.99, noNaN: true }),
  maxOccupancy: fc.double({ min: 0.5, max: 1, noNaN: true }),
  shrinkage: fc.double({ min: 0, max: 0.6, noNaN: true }),
});

describe("staffing properties", () => {
  test("the agents meet both targets and one fewer would miss one of them", () => {
    fc.assert(
      fc.property(request, (options) => {
        const plan = staffing(options);
        const achieved = erlangC({ ...options, agents: plan.agents });
        expect(plan.agents).toBeGreaterThan(plan.traffic);
        expect(achieved.serviceLevel).toBeGreaterThanOrEqual(options.serviceLevel - 1e-12);
        expect(achieved.occupancy).toBeLessThanOrEqual(options.maxOccupancy + 1e-12);
        expect(plan.serviceLevel).toBe(achieved.serviceLevel);
        if (plan.agents > 1) {
          const fewer = erlangC({ ...options, agents: plan.agents - 1 });
          const missed =
            fewer.serviceLevel < options.serviceLevel - 1e-12 ||
            fewer.occupancy > options.maxOccupancy + 1e-12 ||
            plan.agents - 1 <= plan.traffic;
          expect(missed).toBe(true);
        }
      }),
    );
  });

  test("the scheduled head count covers the agents after shrinkage, with none to spare", () => {
    fc.assert(
      fc.property(request, (options) => {
        const { agents, scheduled } = staffing(options);
        const available = 1 - options.shrinkage;
        expect(scheduled * available).toBeGreaterThanOrEqual(agents * (1 - 1e-12));
        expect((scheduled - 1) * available).toBeLessThan(agents);
      }),
    );
  });

  test("a higher service level target never needs fewer agents", () => {
    fc.assert(
      fc.property(request, fc.double({ min: 0, max: 0.99, noNaN: true }), (options, other) => {
        const [low, high] = [options.serviceLevel, other].sort((a, b) => a - b) as [number, number];
        expect(staffing({ ...options, serviceLevel: high }).agents).toBeGreaterThanOrEqual(
          staffing({ ...options, serviceLevel: low }).agents,
        );
      }),
    );
  });
});
