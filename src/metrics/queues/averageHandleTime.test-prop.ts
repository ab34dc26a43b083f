import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arbitraryContacts } from "../../../test/fixtures/queueContacts.ts";
import { reducerLaws, totalExcluded } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { averageHandleTimeReducer } from "./averageHandleTime.ts";

const options = fc.record(
  { statistic: fc.constantFrom("mean", "median", "p90", "p95") },
  { requiredKeys: [] },
);

describe("averageHandleTime properties", () => {
  reducerLaws((o) => averageHandleTimeReducer(o), arbitraryContacts, { configs: options });

  test("handle time is at least the talk time, and every contact is counted once", () => {
    fc.assert(
      fc.property(arbitraryContacts, (contacts) => {
        const result = reduce(contacts, averageHandleTimeReducer());
        const excluded = totalExcluded(result.excluded);
        expect(result.n + excluded).toBe(contacts.length);
        for (const contact of contacts) {
          const one = reduce([contact], averageHandleTimeReducer());
          if (one.value !== null)
            expect(one.value).toBeGreaterThanOrEqual(contact.talkSeconds as number);
        }
      }),
    );
  });
});
