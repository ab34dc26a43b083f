import { describe, expect, test } from "vitest";
import {
  addToHyperLogLog,
  createHyperLogLog,
  type HyperLogLog,
  hyperLogLogEstimate,
  hyperLogLogStandardError,
  mergeHyperLogLogs,
} from "./hyperLogLog.ts";
import { stateFromJSON, stateToJSON } from "./serialize.ts";

function sketchOf(ids: Iterable<string>, precision?: number): HyperLogLog {
  const sketch = createHyperLogLog(precision);
  for (const id of ids) addToHyperLogLog(sketch, id);
  return sketch;
}

/** A sketch as one string: `toEqual` on thousands of registers is slow. */
function text(sketch: HyperLogLog): string {
  return `${sketch.precision}:${sketch.registers.join(",")}`;
}

function ids(n: number, prefix = "c"): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

describe("hyperLogLog", () => {
  test("states its standard error as 1.04 / √m", () => {
    // p = 14: m = 16384, √m = 128, 1.04 / 128 = 0.008125; p = 4: 1.04 / 4 = 0.26
    expect(hyperLogLogStandardError(14)).toBe(0.008125);
    expect(hyperLogLogStandardError(4)).toBe(0.26);
    expect(hyperLogLogStandardError()).toBe(0.008125);
  });

  test("estimates 0 for an empty sketch", () => {
    expect(hyperLogLogEstimate(createHyperLogLog())).toBe(0);
  });

  test("uses linear counting for one id: m ln(m / (m − 1))", () => {
    // p = 4, m = 16: one register set, V = 15 zeros → 16 × ln(16 / 15) = 1.03262
    const sketch = sketchOf(["x"], 4);
    expect(hyperLogLogEstimate(sketch)).toBeCloseTo(16 * Math.log(16 / 15), 12);
  });

  test("small-range correction: 1000 ids on 16 384 registers are counted closely", () => {
    // The raw formula would give about α·m ≈ 0.7213 × 16384 ≈ 11 800 here: with most
    // registers at 0, Σ 2^−M ≈ m. Linear counting's standard error at n/m = 0.061 is
    // √(m (e^t − t − 1)) / n = √(16384 × 0.00191) / 1000 ≈ 0.56 %; allow 3 of them.
    const sketch = sketchOf(ids(1000), 14);
    const zeros = sketch.registers.filter((r) => r === 0).length;
    const raw = (0.7213 / (1 + 1.079 / 16384)) * 16384 ** 2;
    let sum = 0;
    for (const r of sketch.registers) sum += 2 ** -r;
    expect(raw / sum).toBeGreaterThan(10_000);
    expect(hyperLogLogEstimate(sketch)).toBe(16384 * Math.log(16384 / zeros));
    expect(Math.abs(hyperLogLogEstimate(sketch) / 1000 - 1)).toBeLessThan(3 * 0.0056);
  });

  test("switches to the HyperLogLog formula above 5m/2", () => {
    // p = 4, m = 16: 10 000 ids fill every register, so no linear counting is possible
    const sketch = sketchOf(ids(10_000), 4);
    expect(sketch.registers.every((r) => r > 0)).toBe(true);
    let sum = 0;
    for (const r of sketch.registers) sum += 2 ** -r;
    expect(hyperLogLogEstimate(sketch)).toBe((0.673 * 16 * 16) / sum);
  });

  test("ignores repeated ids", () => {
    const once = sketchOf(ids(500));
    const thrice = sketchOf([...ids(500), ...ids(500), ...ids(500)]);
    expect(text(thrice)).toBe(text(once));
  });

  test("merges into the sketch of the union without changing its inputs", () => {
    const a = sketchOf(ids(3000, "a"));
    const b = sketchOf([...ids(2000, "b"), ...ids(1000, "a")]);
    const before = [a.registers.slice(), b.registers.slice()];
    const merged = mergeHyperLogLogs(a, b);
    expect(text(merged)).toBe(text(sketchOf([...ids(3000, "a"), ...ids(2000, "b")])));
    expect([a.registers.join(), b.registers.join()]).toEqual(before.map((r) => r.join()));
  });

  test("refuses to merge sketches of different precisions", () => {
    expect(() => mergeHyperLogLogs(createHyperLogLog(12), createHyperLogLog(14))).toThrow(
      new RangeError(
        "mergeHyperLogLogs: both sketches must have the same precision, got 12 and 14",
      ),
    );
  });

  test("rejects a precision outside 4 to 18 or not whole", () => {
    expect(() => createHyperLogLog(3)).toThrow(
      new RangeError("createHyperLogLog: precision must be a whole number from 4 to 18, got 3"),
    );
    expect(() => createHyperLogLog(12.5)).toThrow(RangeError);
    expect(() => createHyperLogLog("12" as unknown as number)).toThrow(
      new TypeError('createHyperLogLog: precision must be a whole number from 4 to 18, got "12"'),
    );
    expect(() => hyperLogLogStandardError(19)).toThrow(RangeError);
  });

  test("is saved and read back as JSON, and the copy merges like the original", () => {
    const sketch = sketchOf(ids(2000), 10);
    const copy = stateFromJSON<HyperLogLog>(stateToJSON(sketch));
    expect(copy.registers).toBeInstanceOf(Uint8Array);
    expect(text(copy)).toBe(text(sketch));
    expect(hyperLogLogEstimate(copy)).toBe(hyperLogLogEstimate(sketch));
    const other = sketchOf(ids(500, "z"), 10);
    expect(text(mergeHyperLogLogs(copy, other))).toBe(text(mergeHyperLogLogs(sketch, other)));
  });
});
