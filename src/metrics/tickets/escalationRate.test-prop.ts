import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { escalationRateReducer } from "./escalationRate.ts";

const tickets = fc.array(
  fc
    .record({ escalated: fc.boolean(), groupId: fc.constantFrom("tier-1", "tier-2") })
    .map((fields) => ticket(fields)),
  { maxLength: 20 },
);
const options = fc.constantFrom(
  {},
  { isEscalated: (t: ReturnType<typeof ticket>) => t.groupId === "tier-2" },
);

describe("escalationRate properties", () => {
  reducerLaws(escalationRateReducer, tickets, { configs: options });

  test("value is null or in [0, 100], and every ticket is in the denominator", () => {
    fc.assert(
      fc.property(tickets, (ts) => {
        const result = reduce(ts, escalationRateReducer());
        if (result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(100);
        }
        expect(result.numerator).toBe(ts.filter((t) => t.escalated).length);
        expect(result.denominator).toBe(ts.length);
      }),
    );
  });
});
