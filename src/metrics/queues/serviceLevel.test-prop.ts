import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arbitraryContacts } from "../../../test/fixtures/queueContacts.ts";
import { expectPercentRatio, reducerLaws, totalExcluded } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { type ServiceLevelFormula, serviceLevelReducer } from "./serviceLevel.ts";

const formula = fc.constantFrom<ServiceLevelFormula>(
  "abandons-missed",
  "abandons-within-met",
  "abandons-within-ignored",
  "short-abandons-ignored",
  "answered-only",
);
const options = fc.record({
  formula,
  targetSeconds: fc.constantFrom(0, 10, 20, 60),
  shortAbandonSeconds: fc.constantFrom(0, 5, 30),
});

describe("serviceLevel properties", () => {
  reducerLaws((o) => serviceLevelReducer(o), arbitraryContacts, { configs: options });

  test("value is null or in [0, 100], and every contact is counted once", () => {
    fc.assert(
      fc.property(options, arbitraryContacts, (o, contacts) => {
        const result = reduce(contacts, serviceLevelReducer(o));
        expectPercentRatio(result);
        const excluded = totalExcluded(result.excluded);
        expect(result.answered + result.abandoned + excluded).toBe(contacts.length);
      }),
    );
  });

  test("the formulas keep their order: answered-only and abandons-within-met highest, abandons-missed lowest", () => {
    fc.assert(
      fc.property(arbitraryContacts, (contacts) => {
        const value = (f: ServiceLevelFormula) =>
          reduce(contacts, serviceLevelReducer({ formula: f })).value;
        const missed = value("abandons-missed");
        if (missed === null) return;
        for (const f of [
          "abandons-within-met",
          "abandons-within-ignored",
          "short-abandons-ignored",
        ] as const) {
          const other = value(f);
          if (other !== null) expect(other).toBeGreaterThanOrEqual(missed - 1e-9);
        }
        const ignored = value("abandons-within-ignored");
        const only = value("answered-only");
        if (ignored !== null && only !== null) expect(only).toBeGreaterThanOrEqual(ignored - 1e-9);
      }),
    );
  });
});
