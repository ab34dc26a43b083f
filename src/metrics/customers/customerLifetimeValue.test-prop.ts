import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type {
  MarginLifetimeValueInput,
  SimpleLifetimeValueInput,
} from "./customerLifetimeValue.ts";
import { customerLifetimeValueReducer } from "./customerLifetimeValue.ts";

const DAY = 86_400_000;
const S = Date.parse("2024-03-01T00:00:00Z");
const E = Date.parse("2024-04-01T00:00:00Z");
const window = { start: S, end: E };

const purchaseArb: fc.Arbitrary<SimpleLifetimeValueInput> = fc.record({
  customerId: fc.constantFrom("a", "b", "c", "d", "e"),
  purchasedAt: fc.integer({ min: S - 5 * DAY, max: E + 5 * DAY }).map((ms) => new Date(ms)),
  amount: fc.integer({ min: -5_000, max: 50_000 }).map((cents) => cents / 100),
});

const customerArb: fc.Arbitrary<MarginLifetimeValueInput> = fc
  .tuple(
    fc.integer({ min: 0, max: 120 }),
    fc.option(fc.integer({ min: 0, max: 90 }), { freq: 3 }),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 100_000 })), {
      maxLength: 3,
    }),
  )
  .map(([startDay, length, changes]) => {
    const base = Date.UTC(2024, 0, 1);
    const startedAt = new Date(base + startDay * DAY);
    return {
      startedAt,
      endedAt: length === null ? null : new Date(startedAt.getTime() + length * DAY),
      mrr: changes
        .map(([d, cents]) => ({ at: new Date(base + d * DAY), amount: cents / 100 }))
        .sort((x, y) => x.at.getTime() - y.at.getTime()),
    };
  });

const simple = () => customerLifetimeValueReducer({ lifespan: 3, unit: "month", window });
const margin = (includeNewChurners: boolean) =>
  customerLifetimeValueReducer({
    method: "margin-over-churn",
    grossMargin: 0.7,
    window,
    includeNewChurners,
  });

describe("customerLifetimeValue properties, simple method", () => {
  reducerLaws(simple, fc.array(purchaseArb));

  test("every purchase is counted once, and the value is revenue × lifespan / (customers × window length)", () => {
    fc.assert(
      fc.property(fc.array(purchaseArb), (records) => {
        const result = reduce(records, simple());
        expect(result.purchases + result.refunds + result.excluded.outsideWindow).toBe(
          records.length,
        );
        expect(result.customers).toBeLessThanOrEqual(result.purchases);
        if (result.value === null) expect(result.purchases).toBe(0);
        else {
          const windowLength = result.windowLength as number;
          expect(result.value).toBeCloseTo(
            (result.revenue * 3) / (result.customers * windowLength),
            6,
          );
          if (result.refunds === 0) expect(result.value).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe("customerLifetimeValue properties, margin-over-churn method", () => {
  reducerLaws(margin, fc.array(customerArb), { configs: fc.boolean() });

  test("the value is null or at least 0, and accounts + noMrr = customers at the start", () => {
    fc.assert(
      fc.property(fc.array(customerArb), fc.boolean(), (records, include) => {
        const result = reduce(records, margin(include));
        expect(result.accounts + result.excluded.noMrr).toBe(result.start);
        if (result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.churnRate).toBeGreaterThan(0);
        }
      }),
    );
  });
});
