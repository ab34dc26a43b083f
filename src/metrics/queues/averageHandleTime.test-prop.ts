import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arbitraryContacts } from "../../../test/fixtures/queueContacts.ts";
import { reducerLaws } from "../../../test/laws.ts";
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
        const excluded = Object.values(result.excluded).reduce((a, b) => a + b, 0);
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
