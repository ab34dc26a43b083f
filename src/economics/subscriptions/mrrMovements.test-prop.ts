import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { activationRateReducer } from "./activationRate.ts";
import { mrrMovements, mrrMovementsReducer } from "./mrrMovements.ts";
import type { SubscriptionChange } from "./records.ts";
import { netRevenueRetentionReducer } from "./revenueRates.ts";

const start = Date.parse("2024-03-01T00:00:00Z");
const end = Date.parse("2024-04-01T00:00:00Z");
const window = { start, end };
// Changes from two months before to a week after the window, on a few customers, with
// amounts in cents as money often is, some unknown.
const change: fc.Arbitrary<SubscriptionChange> = fc.record({
  customerId: fc.constantFrom("a", "b", "c", "d", "e"),
  at: fc
    .integer({ min: start - 60 * 86_400_000, max: end + 7 * 86_400_000 })
    .map((ms) => new Date(ms)),
  mrr: fc.option(
    fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 100_000 }).map((cents) => cents / 100),
    ),
    { freq: 8 },
  ),
});

describe("mrrMovements properties", () => {
  reducerLaws(() => mrrMovementsReducer({ window }), fc.array(change, { maxLength: 30 }), {
    window,
  });
  reducerLaws(() => netRevenueRetentionReducer({ window }), fc.array(change, { maxLength: 30 }), {
    window,
    numRuns: 50,
  });

  test("the bridge holds: closing = opening + new + reactivation + expansion − contraction − churned", () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const m = mrrMovements(changes, { window });
        const bridge =
          m.openingMrr +
          m.newMrr +
          m.reactivationMrr +
          m.expansionMrr -
          m.contractionMrr -
          m.churnedMrr;
        expect(Math.abs(bridge - m.closingMrr)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, m.closingMrr),
        );
        expect(m.customers.closing).toBe(
          m.customers.opening + m.customers.new + m.customers.reactivated - m.customers.churned,
        );
        for (const part of [
          m.newMrr,
          m.expansionMrr,
          m.contractionMrr,
          m.churnedMrr,
          m.reactivationMrr,
        ]) {
          expect(part).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe("activationRate properties", () => {
  const signup = fc.record({
    signedUpAt: fc.option(
      fc.integer({ min: 0, max: 1e9 }).map((s) => new Date(s * 1000)),
      { freq: 6 },
    ),
    activatedAt: fc.option(fc.integer({ min: 0, max: 1e9 }).map((s) => new Date(s * 1000))),
  });
  reducerLaws(() => activationRateReducer({ within: 86_400 }), fc.array(signup));
});
