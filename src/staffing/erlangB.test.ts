import { describe, expect, test } from "vitest";
import { erlangB, erlangBLines, erlangBProbability } from "./erlangB.ts";

/**
 * B(N, A) as the textbook ratio (A^N / N!) / Σ A^k / k!, in exact rational arithmetic with
 * BigInt: an independent check of the recursion for traffic given as a fraction p / q.
 */
function exactBlocking(lines: number, p: bigint, q: bigint): number {
  // Multiply every term by N! q^N so that all are integers: A^k / k! → p^k q^(N−k) N! / k!.
  let factorialRatio = 1n; // N! / k!, for k from N down to 0
  let sum = 0n;
  let top = 0n;
  for (let k = lines; k >= 0; k--) {
    const term = p ** BigInt(k) * q ** BigInt(lines - k) * factorialRatio;
    if (k === lines) top = term;
    sum += term;
    factorialRatio *= BigInt(k === 0 ? 1 : k);
  }
  // Scale to keep 17 significant digits before converting.
  const scaled = (top * 10n ** 40n) / sum;
  return Number(scaled) / 1e40;
}

describe("erlangBProbability", () => {
  test("two lines at one erlang lose a fifth of contacts", () => {
    // (1² / 2!) / (1 + 1 + 1² / 2!) = 0.5 / 2.5 = 0.2
    expect(erlangBProbability(2, 1)).toBeCloseTo(0.2, 15);
  });

  test("no lines lose everything, no traffic loses nothing", () => {
    expect(erlangBProbability(0, 3)).toBe(1);
    expect(erlangBProbability(5, 0)).toBe(0);
  });

  test("agrees with the exact ratio in rational arithmetic", () => {
    for (const [lines, p, q] of [
      [1, 1n, 1n],
      [7, 9n, 2n],
      [17, 10n, 1n],
      [40, 61n, 2n],
      [120, 100n, 1n],
    ] as const) {
      const exact = exactBlocking(lines, p, q);
      const recursion = erlangBProbability(lines, Number(p) / Number(q));
      expect(Math.abs(recursion - exact) / exact).toBeLessThan(1e-13);
    }
  });

  test("stays finite where the factorial form overflows", () => {
    // 500! and 450^500 are both past 1.8e308; the recursion only handles numbers in [0, 1].
    const b = erlangBProbability(500, 450);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.2);
  });

  test("rejects lines that are not whole numbers", () => {
    expect(() => erlangBProbability(2.5, 1)).toThrow(
      new RangeError("erlangBProbability: lines must be a whole number at least 0, got 2.5"),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => erlangBProbability("2", 1)).toThrow(
      new TypeError('erlangBProbability: lines must be a whole number at least 0, got "2"'),
    );
    expect(() => erlangBProbability(2, -1)).toThrow(
      "erlangBProbability: traffic must be a number at least 0, got -1",
    );
  });
});

describe("erlangB", () => {
  test("10 erlangs on 17 lines lose 1.29 % (Erlang B tables: 17 lines at 2 % for 10 erlangs)", () => {
    const result = erlangB({ traffic: 10, lines: 17 });
    expect(result.traffic).toBe(10);
    expect(result.lines).toBe(17);
    expect(result.blocking).toBeCloseTo(0.0129489, 6);
  });

  test("rejects a missing options object", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => erlangB(undefined)).toThrow(
      new TypeError("erlangB: options must be an object, got undefined"),
    );
  });
});

describe("erlangBLines", () => {
  test("10 erlangs at most 2 % blocked need 17 lines (issue 19)", () => {
    // B(16, 10) = 0.0223 > 0.02 ≥ B(17, 10) = 0.0129
    expect(erlangBLines({ traffic: 10, maxBlocking: 0.02 })).toEqual({
      traffic: 10,
      lines: 17,
      blocking: erlangBProbability(17, 10),
    });
    expect(erlangBProbability(16, 10)).toBeGreaterThan(0.02);
  });

  test("at the traffic where N lines lose exactly 1 %, N lines suffice and a hair more needs N + 1", () => {
    for (const lines of [1, 2, 5, 10, 20, 50, 100]) {
      // Bisect the traffic at which B(lines, A) = 1 %: B rises with A.
      let low = 0;
      let high = 2 * lines;
      for (let i = 0; i < 100; i++) {
        const middle = (low + high) / 2;
        if (erlangBProbability(lines, middle) > 0.01) high = middle;
        else low = middle;
      }
      expect(erlangBLines({ traffic: low, maxBlocking: 0.01 }).lines).toBe(lines);
      expect(erlangBLines({ traffic: low * (1 + 1e-9), maxBlocking: 0.01 }).lines).toBe(lines + 1);
    }
  });

  test("no traffic needs no lines", () => {
    expect(erlangBLines({ traffic: 0, maxBlocking: 0.01 })).toEqual({
      traffic: 0,
      lines: 0,
      blocking: 0,
    });
  });

  test("rejects a blocking target of 0, which no finite number of lines meets", () => {
    expect(() => erlangBLines({ traffic: 10, maxBlocking: 0 })).toThrow(
      new RangeError("erlangBLines: maxBlocking must be a fraction above 0 and at most 1, got 0"),
    );
    expect(() => erlangBLines({ traffic: 2e6, maxBlocking: 0.1 })).toThrow(
      "erlangBLines: traffic must be at most 1000000 erlangs, got 2000000",
    );
  });
});
