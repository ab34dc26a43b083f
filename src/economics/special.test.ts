import { describe, expect, test } from "vitest";
import {
  hypergeometric2F1,
  logAddExp,
  logBeta,
  logGamma,
  logHypergeometric2F1,
} from "./special.ts";

/** |actual − expected| within `relative` of |expected|. */
function close(actual: number, expected: number, relative = 1e-13): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

describe("logGamma", () => {
  test("gives exact values at whole and half numbers", () => {
    // Γ(n) = (n − 1)!: Γ(5) = 24, Γ(11) = 3,628,800; Γ(1/2) = √π, Γ(3/2) = √π / 2
    close(logGamma(5), Math.log(24));
    close(logGamma(11), Math.log(3_628_800));
    close(logGamma(0.5), 0.5 * Math.log(Math.PI));
    close(logGamma(1.5), Math.log(Math.sqrt(Math.PI) / 2));
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
  });

  test("matches mpmath's loggamma at 30 digits, from tiny to past the double range of Γ", () => {
    // mpmath 1.3.0, mp.dps = 30: loggamma(x), rounded to a double
    const table: [number, number][] = [
      [1e-5, 11.512919692895826],
      [0.1, 2.252712651734206],
      [3.7, 1.428072326665388],
      [10, 12.801827480081469],
      [100.5, 361.4355404677776],
      [171.3, 708.1149470389969],
    ];
    for (const [x, expected] of table) close(logGamma(x), expected, 1e-14);
  });

  test("keeps the recurrence ln Γ(x + 1) = ln Γ(x) + ln x", () => {
    for (const x of [0.01, 0.3, 0.9, 2.5, 7.25, 40, 1234.5]) {
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(
        1e-12 * Math.max(1, logGamma(x + 1)),
      );
    }
  });

  test("reflects below 1/2: |Γ(−1/2)| = 2√π", () => {
    close(logGamma(-0.5), Math.log(2 * Math.sqrt(Math.PI)));
  });
});

describe("logBeta", () => {
  test("is ln(Γ(a)Γ(b)/Γ(a + b))", () => {
    // B(2, 3) = 1! 2! / 4! = 2 / 24; B(1/2, 1/2) = π
    close(logBeta(2, 3), Math.log(2 / 24));
    close(logBeta(0.5, 0.5), Math.log(Math.PI));
  });
});

describe("logAddExp", () => {
  test("adds in logs without overflow or underflow", () => {
    close(logAddExp(Math.log(2), Math.log(3)), Math.log(5));
    close(logAddExp(800, 800), 800 + Math.LN2);
    close(logAddExp(-800, -800), -800 + Math.LN2);
    expect(logAddExp(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });
});

describe("hypergeometric2F1", () => {
  test("matches closed forms", () => {
    const z = 0.7;
    // 2F1(1, 1; 2; z) = −ln(1 − z)/z (A&S 15.1.3)
    close(hypergeometric2F1(1, 1, 2, z), -Math.log(1 - z) / z, 1e-14);
    // 2F1(a, b; b; z) = (1 − z)^(−a) (A&S 15.1.8)
    close(hypergeometric2F1(2.5, 3.25, 3.25, z), (1 - z) ** -2.5, 1e-14);
    // 2F1(1/2, 1; 3/2; z²) = atanh(z)/z (A&S 15.1.4)
    close(hypergeometric2F1(0.5, 1, 1.5, z * z), Math.atanh(z) / z, 1e-14);
    // 2F1(1/2, 1/2; 3/2; z²) = arcsin(z)/z (A&S 15.1.6)
    close(hypergeometric2F1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z, 1e-14);
    // 2F1(1, 1; 2; −z) = ln(1 + z)/z: negative z
    close(hypergeometric2F1(1, 1, 2, -z), Math.log(1 + z) / z, 1e-13);
  });

  test("matches mpmath's hyp2f1 where the models use it", () => {
    // mpmath 1.3.0, mp.dps = 30: hyp2f1(a, b, c, z), rounded to a double
    const table: [number, number, number, number, number][] = [
      // BG/NBD E[X(78)] at the CDNOW fit: 2F1(r, b; a + b − 1; 78/(α + 78))
      [0.2425945, 2.4259065, 2.2188284, 0.947, 2.395267974543669],
      // a heavy buyer's conditional expectation: terms near 1e60
      [200.25, 202.5, 202.7, 0.5, 1.6656276637032225e60],
      // sBG discounted lifetime, 1 % discount rate: z close to 1
      [1, 10.806, 11.474, 1 / 1.01, 32.85649933072976],
      // negative b and c: terms change sign
      [2.5, -1.3, -0.7, 0.6, -2.9691655100113157],
      [0.8, 1.5, -0.2, 0.3, -3.7808251927924696],
      // a negative integer a ends the series: a polynomial
      [-3, 2, 5, 0.9, 0.3226857142857143],
      // the Pareto/NBD form 2F1(a, b; a + 1; z) very near 1
      [100, 0.5, 101, 0.999, 12.848106618893501],
      [1.5, 2.5, 3.5, -0.9, 0.4890168339400538],
    ];
    for (const [a, b, c, z, expected] of table)
      close(hypergeometric2F1(a, b, c, z), expected, 1e-12);
  });

  test("keeps Euler's transformation 2F1(a, b; c; z) = (1 − z)^(c − a − b) 2F1(c − a, c − b; c; z)", () => {
    for (const [a, b, c, z] of [
      [0.3, 1.7, 2.9, 0.4],
      [5, 0.25, 1.5, 0.8],
      [12.5, 3, 20.25, 0.95],
    ] as [number, number, number, number][]) {
      close(
        hypergeometric2F1(a, b, c, z),
        (1 - z) ** (c - a - b) * hypergeometric2F1(c - a, c - b, c, z),
        1e-12,
      );
    }
  });

  test("keeps huge values in logs", () => {
    // 2F1(a, b; b; z) = (1 − z)^(−a): ln = −a ln(1 − z) = 2000 ln 10 for a = 2000, z = 0.9
    const { sign, log } = logHypergeometric2F1(2000, 3, 3, 0.9);
    expect(sign).toBe(1);
    close(log, 2000 * Math.log(10), 1e-12);
    expect(hypergeometric2F1(2000, 3, 3, 0.9)).toBe(Number.POSITIVE_INFINITY);
  });

  test("rejects arguments outside its domain", () => {
    expect(() => hypergeometric2F1(1, 1, 2, 1)).toThrow(
      "hypergeometric2F1: z must be between -1 and 1 (exclusive), got 1",
    );
    expect(() => hypergeometric2F1(1, 1, -2, 0.5)).toThrow(
      "hypergeometric2F1: c must not be 0 or a negative integer, got -2",
    );
    expect(() => hypergeometric2F1(Number.NaN, 1, 2, 0.5)).toThrow(
      "hypergeometric2F1: a must be a finite number, got NaN",
    );
  });
});
