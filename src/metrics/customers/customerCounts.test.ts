import { describe, expect, test } from "vitest";
import * as z from "zod";
import { customer, customers as many } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { readOptions } from "../../reduce/options.ts";
import { churnRate, churnRateReducer } from "./churnRate.ts";
import {
  customerCounts,
  customerSpan,
  grossMargin,
  orderedSum,
  positionIn,
  requireMeasuredWindow,
} from "./customerCounts.ts";
import { retentionRate, retentionRateReducer } from "./retentionRate.ts";

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

  // The window is half-open, [S, E): an instant exactly at S belongs to it, one exactly at E
  // to the next window. at start = startedAt < S and endedAt ≥ S (or null); new = S ≤
  // startedAt < E; lost = S ≤ endedAt < E; at end = startedAt < E and endedAt ≥ E (or null).
  test.each([
    // [startedAt, endedAt, atStart, isNew, isLost, atEnd]
    ["before, still active", S - 1, null, true, false, false, true],
    ["exactly at S (new in the window)", S, null, false, true, false, true],
    ["just after S", S + 1, null, false, true, false, true],
    ["just before E", E - 1, null, false, true, false, true],
    ["exactly at E (in the next window)", E, null, false, false, false, false],
    ["before, ended at S (present at the start, lost at S)", S - 10, S, true, false, true, false],
    ["before, ended just before S", S - 10, S - 1, false, false, false, false],
    ["before, ended just after S", S - 10, S + 1, true, false, true, false],
    ["before, ended just before E", S - 10, E - 1, true, false, true, false],
    ["before, ended at E (still present at the end)", S - 10, E, true, false, false, true],
    ["before, ended after E", S - 10, E + 1, true, false, false, true],
    ["joined and left inside", S + 1, E - 1, false, true, true, false],
    ["joined at S and left at the same instant", S, S, false, true, true, false],
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
    // A customer that starts exactly at E belongs to the next window: excluded if handed here.
    expect(customerCounts.add(b, customer({ startedAt: iso(E) }), window)).toBe(undefined);
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

  test("checks a gross margin in the error grammar", () => {
    const schema = z.strictObject({ grossMargin: grossMargin() });
    const read = (value: unknown) => readOptions("m", schema, { grossMargin: value });
    expect(read(1)).toEqual({ grossMargin: 1 });
    expect(read(0.8)).toEqual({ grossMargin: 0.8 });
    expect(() => read(0)).toThrow(
      new RangeError("m: grossMargin must be a fraction above 0 and at most 1, got 0"),
    );
    expect(() => read(80)).toThrow(
      new RangeError("m: grossMargin must be a fraction above 0 and at most 1, got 80"),
    );
    expect(() => read("0.8")).toThrow(
      new TypeError('m: grossMargin must be a fraction above 0 and at most 1, got "0.8"'),
    );
  });

  test("a record's end left out means still active; an end that is not a Date is named", () => {
    const startedAt = new Date(S - 86_400_000);
    const options = { window: { start: iso(S), end: iso(E) } };
    // one customer at the start, none lost: churn 0 / 1 = 0 %
    expect(churnRate([{ startedAt } as never], options)).toMatchObject({ value: 0 });
    expect(() => churnRate([{ startedAt, endedAt: "2024-03-10" } as never], options)).toThrow(
      'churnRate: record 0 field "endedAt" must be a valid Date or null, got "2024-03-10"',
    );
  });

  test("names the metric when a window is needed and none was given", () => {
    expect(() => requireMeasuredWindow("m", undefined)).toThrow(
      new TypeError("m: window must be given when customers are not grouped by period"),
    );
    expect(requireMeasuredWindow("m", window)).toBe(window);
  });
});

/**
 * Churn and retention are one reducer over these counts with a different numerator, so what
 * they share is tested once, for both, here; their own files keep the published examples.
 */
describe("churn and retention, from the same counts", () => {
  const march = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
  const before = "2024-01-15T00:00:00Z";
  const inside = "2024-03-15T00:00:00Z";
  const later = "2024-03-25T00:00:00Z";
  const none = { outsideWindow: 0 };

  // [case, customers, includeNewChurners, counts, churn %, retention %]
  // churn = 100 × lost / start; retention = 100 × (end − new) / start; end = start + new − lost
  test.each([
    ["nobody", [], true, { start: 0, new: 0, lost: 0, end: 0 }, null, null],
    [
      "only a new customer: nobody at the start",
      many(1, inside),
      true,
      { start: 0, new: 1, lost: 0, end: 1 },
      null,
      null,
    ],
    ["one customer kept", many(1, before), true, { start: 1, new: 0, lost: 0, end: 1 }, 0, 100],
    [
      "one customer lost",
      many(1, before, inside),
      true,
      { start: 1, new: 0, lost: 1, end: 0 },
      100,
      0,
    ],
    // [S, E): startedAt = S is new and at the end; endedAt = S is at the start and lost;
    // endedAt = E is at the start and still at the end; startedAt = E is in the next window.
    // start 2 (the two that started before), new 1, lost 1, end 2 = 2 + 1 − 1:
    // churn 1 / 2 = 50 %; retention (2 − 1) / 2 = 50 %
    [
      "at the window's edges",
      [
        customer({ startedAt: march.start }),
        customer({ startedAt: before, endedAt: march.start }),
        customer({ startedAt: before, endedAt: march.end }),
        customer({ startedAt: march.end }),
      ],
      true,
      { start: 2, new: 1, lost: 1, end: 2 },
      50,
      50,
    ],
    // 1 at the start stays; 3 join and leave: churn 3 / 1, retention (1 − 3) / 1
    [
      "with more new churners than starters",
      [...many(1, before), ...many(3, inside, later)],
      true,
      { start: 1, new: 3, lost: 3, end: 1 },
      300,
      -200,
    ],
    // without the new churners: churn 0 / 1, retention (1 − 0) / 1
    [
      "with new churners left out",
      [...many(1, before), ...many(3, inside, later)],
      false,
      { start: 1, new: 0, lost: 0, end: 1 },
      0,
      100,
    ],
  ] as const)("%s", (_, customers, includeNewChurners, counts, churn, retention) => {
    const options = { window: march, includeNewChurners };
    const churned = churnRate(customers, options);
    const retained = retentionRate(customers, options);
    expect(churned).toMatchObject({
      ...counts,
      value: churn,
      numerator: counts.lost,
      denominator: counts.start,
    });
    expect(retained).toMatchObject({
      ...counts,
      value: retention,
      numerator: counts.end - counts.new,
      denominator: counts.start,
    });
    expect(churned.excluded).toEqual(none);
  });

  describe.each([
    ["churnRate", churnRate, churnRateReducer],
    ["retentionRate", retentionRate, retentionRateReducer],
  ] as const)("%s", (name, rate, rateReducer) => {
    test("counts a customer that ended exactly at the window's start as at the start and lost", () => {
      // Ended at S: present just before S, lost at S, which belongs to [S, E). Churn 1 / 1 =
      // 100 %, retention (0 − 0) / 1 = 0 %.
      expect(
        rate([customer({ startedAt: before, endedAt: march.start })], { window: march }),
      ).toMatchObject({
        value: name === "churnRate" ? 100 : 0,
        start: 1,
        lost: 1,
        end: 0,
        excluded: none,
      });
    });

    test("does not see a customer that started exactly at the window's end", () => {
      // Started at E: new in the next window [E, …), not part of this one at all.
      expect(rate([customer({ startedAt: march.end })], { window: march })).toMatchObject({
        value: null,
        start: 0,
        new: 0,
        end: 0,
        excluded: none,
      });
    });

    test("does not see customers whose life does not reach the window", () => {
      const customers = [
        customer({ startedAt: "2023-01-01T00:00:00Z", endedAt: "2023-06-01T00:00:00Z" }),
        customer({ startedAt: "2024-05-01T00:00:00Z" }),
      ];
      expect(rate(customers, { window: march })).toMatchObject({
        value: null,
        start: 0,
        new: 0,
        excluded: none,
      });
    });

    test("accepts the window as Dates, ISO strings with an offset, or epoch milliseconds", () => {
      const customers = [...many(3, before), ...many(1, before, inside)];
      const start = Date.parse(march.start);
      const end = Date.parse(march.end);
      const expected = rate(customers, { window: march });
      expect(expected.denominator).toBe(3 + 1);
      expect(rate(customers, { window: { start, end } })).toEqual(expected);
      expect(rate(customers, { window: { start: new Date(start), end: new Date(end) } })).toEqual(
        expected,
      );
      expect(
        rate(customers, {
          window: { start: "2024-03-01T01:00:00+01:00", end: "2024-04-01T02:00:00+02:00" },
        }),
      ).toEqual(expected);
    });

    test("a rollup without period measures the reducer's own window", () => {
      const customers = [...many(3, before), ...many(1, before, inside)];
      const [row] = rollup(customers, { metrics: { rate: rateReducer({ window: march }) } });
      expect(row?.rate).toEqual(rate(customers, { window: march }));
    });

    test("needs a window when customers are not grouped by period", () => {
      // @ts-expect-error: testing a missing window from plain JavaScript
      expect(() => rate([customer()], {})).toThrow(
        new TypeError(
          `${name}: a stock metric needs the instant or window to measure when records are not grouped by period`,
        ),
      );
    });

    test("rejects a window of the wrong kind, without an offset, or ending before it starts", () => {
      // @ts-expect-error: testing a wrong value from plain JavaScript
      expect(() => rate([], { window: "2024-03" })).toThrow(
        new TypeError(`${name}: window must be an object { start, end }, got "2024-03"`),
      );
      expect(() => rate([], { window: { start: "2024-03-01", end: march.end } })).toThrow(
        new TypeError(
          `${name}: window.start must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got "2024-03-01"`,
        ),
      );
      expect(() => rate([], { window: { start: Number.NaN, end: march.end } })).toThrow(
        new TypeError(
          `${name}: window.start must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got NaN`,
        ),
      );
      expect(() => rate([], { window: { start: march.end, end: march.start } })).toThrow(
        new RangeError(`${name}: window must not end before it starts, got an object`),
      );
    });

    test("rejects a non-boolean includeNewChurners and an unknown option", () => {
      // @ts-expect-error: testing a wrong value from plain JavaScript
      expect(() => rate([], { window: march, includeNewChurners: "yes" })).toThrow(
        new TypeError(`${name}: includeNewChurners must be a boolean, got "yes"`),
      );
      // @ts-expect-error: testing a misspelt option from plain JavaScript
      expect(() => rate([], { window: march, includeNewChurner: false })).toThrow(
        new TypeError(`${name}: includeNewChurner is not an option of ${name}`),
      );
    });
  });
});
