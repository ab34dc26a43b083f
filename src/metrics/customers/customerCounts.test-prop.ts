import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { customerCounts, orderedSum, positionIn } from "./customerCounts.ts";

const instant = fc.integer({ min: 0, max: 100 });
const windowArb = fc
  .tuple(instant, instant)
  .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
const customerArb = fc
  .tuple(instant, fc.option(fc.integer({ min: 0, max: 60 })))
  .map(([start, length]) => ({
    startedAt: new Date(start),
    endedAt: length === null ? null : new Date(start + length),
  }));

describe("customerCounts properties", () => {
  test("a customer counted in the window is either at the start or new, and either lost or at the end", () => {
    fc.assert(
      fc.property(customerArb, windowArb, (c, window) => {
        const p = positionIn(c, window);
        expect(p.atStart && p.isNew).toBe(false);
        expect(p.isLost && p.atEnd).toBe(false);
        expect(p.isLost || p.atEnd).toBe(p.atStart || p.isNew);
      }),
    );
  });

  test("end = start + new − lost, with or without new churners", () => {
    fc.assert(
      fc.property(fc.array(customerArb), windowArb, fc.boolean(), (customers, window, include) => {
        const state = customerCounts.init();
        for (const c of customers) customerCounts.add(state, c, window);
        const counts = customerCounts.counts(state, include);
        expect(counts.end).toBe(counts.start + counts.new - counts.lost);
        expect(counts.new).toBeGreaterThanOrEqual(0);
        expect(counts.lost).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  test("the ordered sum does not depend on the order of its terms", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: -100_000, max: 100_000 }).map((cents) => cents / 100))
          .chain((xs) =>
            fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length })),
          ),
        ([xs, shuffled]) => {
          expect(orderedSum(shuffled)).toBe(orderedSum(xs));
        },
      ),
    );
  });
});
