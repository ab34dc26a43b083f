import { describe, expect, test } from "vitest";
import { logBeta, logChoose, logGamma } from "./logGamma.ts";

/** |actual − expected| / |expected|. */
const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

describe("logGamma", () => {
  // Reference: mpmath 1.3.0 `loggamma` at 40 digits, rounded to 17.
  test.each([
    [0.001, 6.907178885383853],
    [0.1, 2.252712651734206],
    [0.5, 0.5723649429247001],
    [1.5, -0.12078223763524522],
    [2.5, 0.2846828704729192],
    [7.25, 7.0521854507385395],
    [30, 71.25703896716801],
    [100.5, 361.4355404677776],
    [1000, 5905.220423209181],
    [123456.789, 1323902.018795063],
  ])("ln Γ(%d) matches mpmath to 1e-14", (x, expected) => {
    expect(relative(logGamma(x), expected)).toBeLessThan(1e-14);
  });

  test("gives log factorials at whole numbers, 0 at 1 and 2", () => {
    // ln Γ(n + 1) = ln n!: 10! = 3628800
    expect(relative(logGamma(11), Math.log(3628800))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
  });

  test("rejects 0, negatives and NaN", () => {
    expect(() => logGamma(0)).toThrow("logGamma: x must be a positive number, got 0");
    expect(() => logGamma(-1)).toThrow(RangeError);
    expect(() => logGamma(Number.NaN)).toThrow("got NaN");
  });
});

describe("logBeta", () => {
  // Reference: mpmath 1.3.0, log(beta(a, b)) at 40 digits.
  test.each([
    [0.5, 0.5, 1.1447298858494002], // ln π
    [2, 3, -2.4849066497880004], // ln(1/12)
    [0.5, 500000, -5.988816495777464],
    [1000, 1000, -1388.4826016359023],
    [20, 0.1, 1.9554043352967616],
    [3.5, 40, -11.816840683354368],
  ])("ln B(%d, %d) matches mpmath to 1e-14", (a, b, expected) => {
    expect(relative(logBeta(a, b), expected)).toBeLessThan(1e-14);
  });

  test("keeps its digits where three large log-gammas would cancel", () => {
    // ln Γ(5e5) ≈ 6.06e6, whose last bit is worth 1e-9: a plain subtraction loses 9 digits here.
    expect(relative(logBeta(0.5, 500000), -5.988816495777464)).toBeLessThan(1e-14);
  });

  test("is symmetric", () => {
    expect(logBeta(3.5, 40)).toBe(logBeta(40, 3.5));
  });
});

describe("logChoose", () => {
  test("gives binomial coefficients", () => {
    // C(52, 5) = 2598960 poker hands; C(2000, 1000) ≈ 2.0486e600, ln = 1382.2680...
    expect(Math.exp(logChoose(52, 5))).toBeCloseTo(2598960, 4);
    expect(logChoose(7, 0)).toBe(0);
    expect(logChoose(7, 7)).toBe(0);
    // mpmath: log(binomial(2000, 1000)) = 1382.2679935374801
    expect(relative(logChoose(2000, 1000), 1382.2679935374802)).toBeLessThan(1e-14);
  });
});
