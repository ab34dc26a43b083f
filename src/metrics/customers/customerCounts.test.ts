import { describe, expect, test } from "vitest";
import { customer } from "../../../test/fixtures.ts";
import {
  customerCounts,
  customerSpan,
  orderedSum,
  positionIn,
  requireGrossMargin,
  requireMeasuredWindow,
} from "./customerCounts.ts";

const S = Date.parse("2024-03-01T00:00:00Z");
const E = Date.parse("2024-04-01T00:00:00Z");
const window = { start: S, end: E };
const iso = (ms: number) => new Date(ms).toISOString();

describe("customerCounts", () => {
  test("a customer's span is open while it has not ended", () => {
    expect(customerSpan(customer({ startedAt: iso(S) }))).toEqual({
      start: S,
      end: Number.POSITIVE_INFINITY,
    });
    expect(customerSpan(customer({ startedAt: iso(S), endedAt: iso(E) }))).toEqual({
      start: S,
      end: E,
    });
  });

  test.each([
    // [startedAt, endedAt, atStart, isNew, isLost, atEnd]
    ["before, still active", S - 1, null, true, false, false, true],
    ["exactly at S", S, null, true, false, false, true],
    ["just after S", S + 1, null, false, true, false, true],
    ["exactly at E", E, null, false, true, false, true],
    ["before, ended at S", S - 10, S, false, false, false, false],
    ["before, ended just after S", S - 10, S + 1, true, false, true, false],
    ["before, ended at E", S - 10, E, true, false, true, false],
    ["before, ended after E", S - 10, E + 1, true, false, false, true],
    ["joined and left inside", S + 1, E - 1, false, true, true, false],
    ["joined and left at the same instant inside", S + 5, S + 5, false, true, true, false],
  ] as const)("places a customer %s", (_, start, end, atStart, isNew, isLost, atEnd) => {
    const c = customer({ startedAt: iso(start), endedAt: end === null ? null : iso(end) });
    expect(positionIn(c, window)).toEqual({ atStart, isNew, isLost, atEnd });
  });

  test("counts, merges, and takes new churners out on request", () => {
    const a = customerCounts.init();
    customerCounts.add(a, customer({ startedAt: iso(S - 10) }), window); // start, end
    customerCounts.add(a, customer({ startedAt: iso(S - 10), endedAt: iso(S + 5) }), window); // start, lost
    const b = customerCounts.init();
    customerCounts.add(b, customer({ startedAt: iso(S + 1), endedAt: iso(S + 2) }), window); // new churner
    customerCounts.add(b, customer({ startedAt: iso(S + 1) }), window); // new, end
    expect(
      customerCounts.add(b, customer({ startedAt: iso(S - 9), endedAt: iso(S) }), window),
    ).toBe(undefined);
    const merged = customerCounts.merge(a, b);
    expect(merged).toEqual({
      start: 2,
      new: 2,
      lost: 2,
      end: 2,
      newChurners: 1,
      excluded: { outsideWindow: 1 },
    });
    // end = start + new − lost in both modes: 2 = 2 + 2 − 2 and 2 = 2 + 1 − 1
    expect(customerCounts.counts(merged, true)).toEqual({
      start: 2,
      new: 2,
      lost: 2,
      end: 2,
      newChurners: 1,
    });
    expect(customerCounts.counts(merged, false)).toEqual({
      start: 2,
      new: 1,
      lost: 1,
      end: 2,
      newChurners: 1,
    });
  });

  test("sums in an order that does not depend on the input's", () => {
    // 0.1 + 0.2 + 0.3 in ascending order is 0.6000000000000001 whatever the input order
    expect(orderedSum([0.3, 0.2, 0.1])).toBe(0.1 + 0.2 + 0.3);
    expect(orderedSum([0.2, 0.3, 0.1])).toBe(0.1 + 0.2 + 0.3);
    expect(orderedSum([])).toBe(0);
  });

  test("checks the shared options with the error grammar", () => {
    expect(requireGrossMargin("m", 1)).toBe(1);
    expect(() => requireGrossMargin("m", 0)).toThrow(
      "m: grossMargin must be a fraction above 0 and at most 1, got 0",
    );
    expect(() => requireGrossMargin("m", 80)).toThrow(
      "m: grossMargin must be a fraction above 0 and at most 1, got 80",
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => requireGrossMargin("m", "0.8")).toThrow(
      'm: grossMargin must be a fraction above 0 and at most 1, got "0.8"',
    );
    expect(() => requireMeasuredWindow("m", undefined)).toThrow(
      "m: window must be given when customers are not grouped by period",
    );
    expect(requireMeasuredWindow("m", window)).toBe(window);
  });
});
