import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { mannWhitney } from "./mannWhitney.ts";

const sample = fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 1, maxLength: 60 });

/** The k-th smallest of all differences, by listing them: the slow, obvious way. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1
    ? (sorted[Math.floor(mid)] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

describe("Mann-Whitney properties", () => {
  test("the shift is the median of all pairwise differences, found without listing them", () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const all = a.flatMap((x) => b.map((y) => x - y));
        expect(mannWhitney(a, b)?.difference).toBe(median(all));
      }),
    );
  });

  test("W counts the pairs a > b, ties as ½", () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        let pairs = 0;
        for (const x of a) for (const y of b) pairs += x > y ? 1 : x === y ? 0.5 : 0;
        expect(mannWhitney(a, b)?.w).toBe(pairs);
      }),
    );
  });

  test("swapping the samples mirrors everything; order does not matter", () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = mannWhitney(a, b);
        const ba = mannWhitney(b, a);
        expect(ba?.w).toBe(a.length * b.length - (ab?.w as number));
        expect(ba?.difference).toBe(-(ab?.difference as number) || 0);
        expect(ba?.pValue).toBeCloseTo(ab?.pValue as number, 12);
        expect(mannWhitney([...a].reverse(), b)).toEqual(ab);
      }),
    );
  });

  test("the interval contains the shift and the p-value is a probability", () => {
    fc.assert(
      fc.property(
        sample,
        sample,
        fc.constantFrom("two-sided", "greater", "less" as const),
        (a, b, alt) => {
          const result = mannWhitney(a, b, { alternative: alt });
          expect(result?.pValue).toBeGreaterThanOrEqual(0);
          expect(result?.pValue).toBeLessThanOrEqual(1);
          if (result?.interval) {
            expect(result.interval.lower).toBeLessThanOrEqual(result.difference);
            expect(result.interval.upper).toBeGreaterThanOrEqual(result.difference);
          }
        },
      ),
    );
  });
});
