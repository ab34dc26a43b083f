import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addToHyperLogLog,
  createHyperLogLog,
  type HyperLogLog,
  hyperLogLogEstimate,
  hyperLogLogStandardError,
  mergeHyperLogLogs,
} from "./hyperLogLog.ts";

function sketchOf(ids: Iterable<string>, precision: number): HyperLogLog {
  const sketch = createHyperLogLog(precision);
  for (const id of ids) addToHyperLogLog(sketch, id);
  return sketch;
}

/** A sketch as one string: `toEqual` on 2^18 registers would take seconds per case. */
function text(sketch: HyperLogLog): string {
  return `${sketch.precision}:${sketch.registers.join(",")}`;
}

const precision = fc.integer({ min: 4, max: 18 });
const idLists = fc.array(fc.string({ maxLength: 12 }), { maxLength: 60 });

describe("hyperLogLog accuracy", () => {
  // Seeded runs: run r counts the 100 000 distinct ids `p/r:0` … `p/r:99999`, ids that differ
  // only in their last digits, as real ids do; the hash must scatter them as random ids would.
  // The paper's bound: the relative error has standard deviation 1.04 / √m (asymptotically;
  // 1.106 / √m for m = 16), so every run should fall within three standard errors, and the
  // root mean square error over the runs should not exceed one by much. (At precision 14,
  // 100 000 ids are only 6 per register, where the error is smaller: measured RMS ≈ 0.6 SE.)
  const N = 100_000;
  const RUNS = 16;
  test.each([4, 10, 14, 18])(
    "precision %i: every run within 3 standard errors, RMS error at most 1.5 × 1.04 / √m",
    (p) => {
      const se = hyperLogLogStandardError(p);
      const errors: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const sketch = createHyperLogLog(p);
        for (let i = 0; i < N; i++) addToHyperLogLog(sketch, `${p}/${run}:${i}`);
        const error = hyperLogLogEstimate(sketch) / N - 1;
        expect(Math.abs(error), `run ${run}`).toBeLessThan(3 * se);
        errors.push(error);
      }
      const rms = Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / RUNS);
      // With 16 runs the RMS itself varies by about 1 / √(2 × 16) ≈ 18 %: allow 50 % over.
      // The estimate is an estimate: an error of exactly 0 in every run would be a bug too.
      expect(rms).toBeLessThan(1.5 * se);
      expect(rms).toBeGreaterThan(0.2 * se);
    },
    60_000,
  );
});

describe("hyperLogLog merging", () => {
  test("merging equals the sketch of the union, in either order", () => {
    fc.assert(
      fc.property(precision, idLists, idLists, (p, a, b) => {
        const union = text(sketchOf([...a, ...b], p));
        expect(text(mergeHyperLogLogs(sketchOf(a, p), sketchOf(b, p)))).toBe(union);
        expect(text(mergeHyperLogLogs(sketchOf(b, p), sketchOf(a, p)))).toBe(union);
      }),
    );
  });

  test("merging is associative and idempotent", () => {
    fc.assert(
      fc.property(precision, idLists, idLists, idLists, (p, a, b, c) => {
        const [x, y, z] = [sketchOf(a, p), sketchOf(b, p), sketchOf(c, p)];
        expect(text(mergeHyperLogLogs(mergeHyperLogLogs(x, y), z))).toBe(
          text(mergeHyperLogLogs(x, mergeHyperLogLogs(y, z))),
        );
        expect(text(mergeHyperLogLogs(x, x))).toBe(text(x));
      }),
    );
  });

  test("the order of ids and repeats do not change the sketch", () => {
    fc.assert(
      fc.property(
        precision,
        idLists.chain((ids) =>
          fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length })),
        ),
        (p, [ids, shuffled]) => {
          expect(text(sketchOf([...shuffled, ...ids], p))).toBe(text(sketchOf(ids, p)));
        },
      ),
    );
  });

  test("the estimate is 0 only for no ids, and small sets are counted within half an id", () => {
    // Linear counting over 16 384 registers reads k occupied registers as m·ln(m/(m−k)), within
    // a small fraction of k. Two of up to 60 ids share a register about one time in ten (the
    // birthday bound), so k, not the number of ids, is the exact reference; k ≤ ids always.
    fc.assert(
      fc.property(idLists, (ids) => {
        const distinct = new Set(ids).size;
        const sketch = sketchOf(ids, 14);
        const occupied = sketch.registers.filter((rank) => rank > 0).length;
        const estimate = hyperLogLogEstimate(sketch);
        expect(estimate === 0).toBe(distinct === 0);
        expect(occupied).toBeLessThanOrEqual(distinct);
        expect(Math.abs(estimate - occupied)).toBeLessThan(0.5);
      }),
    );
  });
});
