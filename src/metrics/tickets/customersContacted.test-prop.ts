import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { customersContacted, customersContactedReducer } from "./customersContacted.ts";

// Few customer ids, so tickets share customers and the union matters.
const tickets = fc.array(
  fc
    .option(fc.constantFrom("a", "b", "c", "d", "e", "f"), { nil: null })
    .map((customerId) => ticket({ customerId })),
  { maxLength: 20 },
);
const methods = fc.constantFrom(
  "exact" as const,
  { sketch: "hyperloglog" as const, precision: 4 },
  { sketch: "hyperloglog" as const },
);

describe("customersContacted properties", () => {
  reducerLaws((distinct) => customersContactedReducer({ distinct }), tickets, {
    configs: methods,
  });

  test("the exact count is the size of the set of customer ids, and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, (ts) => {
        const result = customersContacted(ts);
        const ids = ts.flatMap((x) => (x.customerId === null ? [] : [x.customerId]));
        expect(result.value).toBe(new Set(ids).size);
        expect(result.excluded.noCustomer).toBe(ts.length - ids.length);
      }),
    );
  });
});
