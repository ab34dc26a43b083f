import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { HandleTimeInput, HandleTimeOptions } from "./handleTime.ts";
import { handleTimeReducer } from "./handleTime.ts";

const record: fc.Arbitrary<HandleTimeInput> = fc.record({
  handleSeconds: fc.option(fc.integer({ min: 0, max: 36_000 }), { freq: 5 }),
  lastResolvedAt: fc.option(fc.constant(new Date("2024-03-01T17:00:00Z")), { freq: 4 }),
});
const options: fc.Arbitrary<HandleTimeOptions> = fc.record(
  { statistic: fc.constantFrom("mean", "median", "p90", "p95") },
  { requiredKeys: [] },
);

describe("handleTime properties", () => {
  reducerLaws((o) => handleTimeReducer(o), fc.array(record), { configs: options });

  test("value lies in [min, max], mean × n = sum, and every record is counted", () => {
    fc.assert(
      fc.property(fc.array(record), options, (rs, o) => {
        const result = reduce(rs, handleTimeReducer(o));
        expect(result.n + result.excluded.noHandleTime).toBe(rs.length);
        expect(result.n).toBe(rs.filter((r) => r.handleSeconds != null).length);
        expect(result.value === null).toBe(result.n === 0);
        if (result.value !== null) {
          expect(result.min).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeGreaterThanOrEqual(result.min as number);
          expect(result.value).toBeLessThanOrEqual(result.max as number);
          expect((result.mean as number) * result.n).toBeCloseTo(result.sum, 6);
        }
      }),
    );
  });
});
