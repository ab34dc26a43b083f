import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arbitraryContacts } from "../../../test/fixtures/queueContacts.ts";
import { expectPercentRatio, reducerLaws, totalExcluded } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { abandonRateReducer } from "./abandonRate.ts";

const options = fc.record({
  excludeShortAbandons: fc.boolean(),
  shortAbandonSeconds: fc.constantFrom(0, 5, 60),
});

describe("abandonRate properties", () => {
  reducerLaws((o) => abandonRateReducer(o), arbitraryContacts, { configs: options });

  test("value is null or in [0, 100], and every contact is counted once", () => {
    fc.assert(
      fc.property(options, arbitraryContacts, (o, contacts) => {
        const result = reduce(contacts, abandonRateReducer(o));
        expectPercentRatio(result);
        const excluded = totalExcluded(result.excluded);
        expect(result.denominator + excluded).toBe(contacts.length);
      }),
    );
  });

  test("leaving short abandons out never raises the rate", () => {
    fc.assert(
      fc.property(arbitraryContacts, (contacts) => {
        const all = reduce(contacts, abandonRateReducer()).value;
        const long = reduce(contacts, abandonRateReducer({ excludeShortAbandons: true })).value;
        if (all !== null && long !== null) expect(long).toBeLessThanOrEqual(all + 1e-9);
      }),
    );
  });
});
