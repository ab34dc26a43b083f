import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws, totalExcluded } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { CacPaybackInput } from "./cacPayback.ts";
import { cacPaybackReducer } from "./cacPayback.ts";

const DAY = 86_400_000;
const S = Date.parse("2024-03-01T00:00:00Z");
const E = Date.parse("2024-04-01T00:00:00Z");
const window = { start: S, end: E };

const customerArb: fc.Arbitrary<CacPaybackInput> = fc.record({
  startedAt: fc.integer({ min: S - 10 * DAY, max: E + 10 * DAY }).map((ms) => new Date(ms)),
  acquisitionCost: fc.option(
    fc.integer({ min: -1_000, max: 500_000 }).map((cents) => cents / 100),
    { freq: 4 },
  ),
  mrr: fc
    .array(fc.integer({ min: 0, max: 50_000 }), { maxLength: 3 })
    .map((amounts) =>
      amounts.map((cents, i) => ({ at: new Date(S + i * DAY), amount: cents / 100 })),
    ),
});

describe("cacPayback properties", () => {
  reducerLaws(() => cacPaybackReducer({ grossMargin: 0.7, window }), fc.array(customerArb));

  test("every customer is counted or excluded once, and the value is null or at least 0", () => {
    fc.assert(
      fc.property(fc.array(customerArb), (records) => {
        const result = reduce(records, cacPaybackReducer({ grossMargin: 0.7, window }));
        const excluded = totalExcluded(result.excluded);
        expect(result.customers + excluded).toBe(records.length);
        if (result.value === null) expect(result.customers).toBe(0);
        else {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeCloseTo(result.acquisitionCost / (result.newMrr * 0.7), 9);
        }
      }),
    );
  });
});
