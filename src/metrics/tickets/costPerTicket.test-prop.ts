import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { supportCost, ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { type CostPerTicketDenominator, costPerTicketReducer } from "./costPerTicket.ts";

// Any finite amounts, refunds included. The state keeps every amount and sums them in sorted
// order, so merged and shuffled results are equal exactly (toEqual), not just close.
const cost = fc
  .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
  .map((amount) => supportCost({ amount }));
const aTicket = fc
  .boolean()
  .map((resolved) => ticket(resolved ? { firstResolvedAt: "2024-03-02T00:00:00Z" } : {}));
const items = fc.array(fc.oneof(cost, aTicket), { maxLength: 20 });
const denominator = fc.constantFrom<CostPerTicketDenominator>("resolved", "created");

describe("costPerTicket properties", () => {
  reducerLaws((d) => costPerTicketReducer({ denominator: d }), items, { configs: denominator });

  test("value is cost / tickets, every record is counted, and the cost is close to the plain sum", () => {
    fc.assert(
      fc.property(items, denominator, (xs, d) => {
        const result = reduce(xs, costPerTicketReducer({ denominator: d }));
        const costs = xs.filter((x) => "incurredAt" in x);
        expect(result.costEntries).toBe(costs.length);
        expect(result.costEntries + result.tickets + result.excluded.unresolved).toBe(xs.length);
        // the naive left-to-right sum may differ in its last bits, never by more
        const naive = costs.reduce((sum, c) => sum + c.amount, 0);
        expect(Math.abs(result.cost - naive)).toBeLessThanOrEqual(1e-6);
        if (result.tickets === 0 || result.costEntries === 0) expect(result.value).toBeNull();
        else expect(result.value).toBe(result.cost / result.tickets);
      }),
    );
  });
});
