import { describe, expect, test } from "vitest";
import { defineTarget, evaluateTarget } from "./target.ts";

// Seed 000's example: "reduce churn by 10 % over the next six months" → 10 % to 9 %.
const churn = {
  baseline: 10,
  target: 9,
  start: "2024-01-01T00:00:00Z",
  deadline: "2024-07-01T00:00:00Z",
  direction: "lower" as const,
};
// 2024-01-01 to 2024-07-01 is 182 days; 2024-04-01 is day 91, exactly half way.

describe("evaluateTarget", () => {
  test("behind when progress trails the pace", () => {
    // (9.6 − 10) / (9 − 10) = 0.4 < 0.5
    expect(evaluateTarget(churn, 9.6, "2024-04-01T00:00:00Z")).toEqual({
      current: 9.6,
      progress: expect.closeTo(0.4, 14),
      expectedProgress: 0.5,
      onTrack: false,
      status: "behind",
    });
  });

  test("on track when progress keeps the pace, or is ahead of it", () => {
    expect(evaluateTarget(churn, 9.5, "2024-04-01T00:00:00Z")).toMatchObject({
      progress: 0.5,
      onTrack: true,
      status: "on-track",
    });
    // past the target before the deadline: still "on-track", progress above 1
    expect(evaluateTarget(churn, 8.5, "2024-02-01T00:00:00Z")).toMatchObject({
      progress: 1.5,
      status: "on-track",
    });
  });

  test("achieved or missed from the deadline on", () => {
    expect(evaluateTarget(churn, 9, "2024-07-01T00:00:00Z").status).toBe("achieved");
    expect(evaluateTarget(churn, 9.2, "2024-09-01T00:00:00Z")).toMatchObject({
      expectedProgress: 1,
      status: "missed",
    });
  });

  test("a higher-is-better target: CSAT 80 % to 90 % over 100 days", () => {
    const csat = { ...churn, baseline: 80, target: 90, deadline: "2024-04-10T00:00:00Z" };
    // day 25 of 100 → expected 0.25; CSAT 83 → progress 0.3
    expect(
      evaluateTarget({ ...csat, direction: "higher" }, 83, "2024-01-26T00:00:00Z"),
    ).toMatchObject({
      progress: expect.closeTo(0.3, 14),
      expectedProgress: 0.25,
      status: "on-track",
    });
  });

  test("worse than the baseline is negative progress; before the start nothing is expected", () => {
    expect(evaluateTarget(churn, 11, "2023-12-01T00:00:00Z")).toMatchObject({
      progress: -1,
      expectedProgress: 0,
      status: "behind",
    });
  });

  test("no current value is unknown, not zero progress", () => {
    expect(evaluateTarget(churn, null, "2024-04-01T00:00:00Z")).toEqual({
      current: null,
      progress: null,
      expectedProgress: 0.5,
      onTrack: null,
      status: "unknown",
    });
  });
});

describe("defineTarget", () => {
  test("normalises instants to epoch milliseconds and freezes the target", () => {
    const target = defineTarget({ ...churn, start: new Date("2024-01-01T00:00:00Z") });
    expect(target).toEqual({ ...churn, start: 1704067200000, deadline: 1719792000000 });
    expect(Object.isFrozen(target)).toBe(true);
  });

  test("rejects a target on the wrong side of the baseline for its direction", () => {
    expect(() => defineTarget({ ...churn, target: 11 })).toThrow(
      "defineTarget: target must be below the baseline 10 when direction is lower, got 11",
    );
    expect(() => defineTarget({ ...churn, direction: "higher" })).toThrow(
      "defineTarget: target must be above the baseline 10 when direction is higher, got 9",
    );
    expect(() => defineTarget({ ...churn, target: 10 })).toThrow(RangeError);
  });

  test("rejects a deadline not after the start, bad instants and unknown directions", () => {
    expect(() => defineTarget({ ...churn, deadline: churn.start })).toThrow(
      "defineTarget: deadline must be after start (2024-01-01T00:00:00.000Z), got 2024-01-01T00:00:00.000Z",
    );
    expect(() => defineTarget({ ...churn, start: "2024-01-01" })).toThrow(TypeError);
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => defineTarget({ ...churn, direction: "up" })).toThrow(
      'defineTarget: direction must be one of higher, lower, got "up"',
    );
    expect(() => defineTarget({ ...churn, baseline: Number.NaN })).toThrow(
      "defineTarget: baseline must be a finite number, got NaN",
    );
  });
});
