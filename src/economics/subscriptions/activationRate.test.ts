import { describe, expect, test } from "vitest";
import { activationRate } from "./activationRate.ts";

const day = (d: number) => new Date(Date.UTC(2024, 2, d, 10));

describe("activationRate", () => {
  const signups = [
    { signedUpAt: day(1), activatedAt: day(3) },
    { signedUpAt: day(1), activatedAt: day(10) },
    { signedUpAt: day(2), activatedAt: null },
    { signedUpAt: day(4), activatedAt: day(4) },
  ];

  test("is activated over sign-ups", () => {
    // 3 of 4 activated → 75 %
    expect(activationRate(signups)).toEqual({
      value: 75,
      numerator: 3,
      denominator: 4,
      excluded: { noSignupTime: 0 },
    });
  });

  test("can count only activations within a delay", () => {
    // within 7 days: the day-3 and same-day activations → 2 / 4
    expect(activationRate(signups, { within: 7 * 86_400 }).value).toBe(50);
  });

  test("excludes sign-ups with no time, and has no value without sign-ups", () => {
    expect(activationRate([{ signedUpAt: null, activatedAt: day(2) }])).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      excluded: { noSignupTime: 1 },
    });
    expect(activationRate([]).value).toBeNull();
  });

  test("rejects a delay that is not positive", () => {
    expect(() => activationRate([], { within: 0 })).toThrow(
      "activationRate: within must be a positive number, got 0",
    );
  });
});
