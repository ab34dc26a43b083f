import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arbitraryContacts } from "../../../test/fixtures/queueContacts.ts";
import { reducerLaws, totalExcluded } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { averageSpeedOfAnswerReducer } from "./averageSpeedOfAnswer.ts";

const options = fc.record(
  { statistic: fc.constantFrom("mean", "median", "p90", "p95") },
  { requiredKeys: [] },
);

describe("averageSpeedOfAnswer properties", () => {
  reducerLaws((o) => averageSpeedOfAnswerReducer(o), arbitraryContacts, { configs: options });

  test("waits lie between min and max, none is negative, and every contact is counted once", () => {
    fc.assert(
      fc.property(arbitraryContacts, (contacts) => {
        const result = reduce(contacts, averageSpeedOfAnswerReducer());
        if (result.n > 0) {
          expect(result.min).toBeGreaterThanOrEqual(0);
          expect(result.mean).toBeGreaterThanOrEqual(result.min as number);
          expect(result.mean).toBeLessThanOrEqual(result.max as number);
        } else {
          expect(result.value).toBeNull();
        }
        const excluded = totalExcluded(result.excluded);
        expect(result.n + excluded).toBe(contacts.length);
      }),
    );
  });
});
