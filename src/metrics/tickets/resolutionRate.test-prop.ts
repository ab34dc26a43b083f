import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
import { reopenRateReducer } from "./reopenRate.ts";
import {
  type ResolutionRateInput,
  type ResolutionRateOptions,
  resolutionRate,
  resolutionRateReducer,
} from "./resolutionRate.ts";

const DAY = 86_400_000;
const START = Date.parse("2024-01-01T00:00:00Z");

/** Tickets over about four months: created, maybe resolved some days later, reopened or not. */
const oneTicket = fc
  .record({
    created: fc.integer({ min: 0, max: 120 * DAY }),
    resolvedAfter: fc.option(fc.integer({ min: 0, max: 40 * DAY }), { nil: null }),
    reopenCount: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null, freq: 4 }),
  })
  .map(
    ({ created, resolvedAfter, reopenCount }): ResolutionRateInput => ({
      createdAt: new Date(START + created),
      firstResolvedAt: resolvedAfter === null ? null : new Date(START + created + resolvedAfter),
      reopenCount,
    }),
  );
const tickets = fc.array(oneTicket, { maxLength: 25 });

const instant = fc.integer({ min: 0, max: 160 * DAY }).map((ms) => START + ms);
const windows = fc
  .tuple(instant, instant)
  .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
const configs: fc.Arbitrary<ResolutionRateOptions> = fc.oneof(
  fc.record(
    {
      form: fc.constant("flow" as const),
      notReopened: fc.boolean(),
      asOf: instant,
      window: windows,
    },
    { requiredKeys: ["form"] },
  ),
  fc.record(
    {
      form: fc.constant("cohort" as const),
      notReopened: fc.boolean(),
      asOf: instant,
      window: windows,
    },
    { requiredKeys: ["form"] },
  ),
);

describe("resolutionRate properties", () => {
  reducerLaws((options) => resolutionRateReducer(options), tickets, { configs });

  test("every ticket is counted once: created, or excluded by a named reason", () => {
    fc.assert(
      fc.property(tickets, configs, (ts, options) => {
        const { window: _window, ...unwindowed } = options;
        const result = resolutionRate(ts, unwindowed);
        const excluded = Object.values(result.excluded).reduce((a, b) => a + b, 0);
        expect(result.denominator + excluded).toBe(ts.length);
        // with no window every resolved ticket was created in it too
        expect(result.numerator).toBeLessThanOrEqual(result.denominator);
        if (result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  test("the cohort form never exceeds 100", () => {
    fc.assert(
      fc.property(tickets, configs, (ts, options) => {
        if (options.form !== "cohort") return;
        const result = resolutionRate(ts, options);
        expect(result.numerator).toBeLessThanOrEqual(result.denominator);
      }),
    );
  });

  test("flow by month: the periods' counts add up to every creation and every resolution", () => {
    fc.assert(
      fc.property(tickets, fc.boolean(), (ts, notReopened) => {
        const rows = rollup(ts, {
          by: { period: "month" },
          metrics: { rate: resolutionRateReducer({ notReopened }) },
        });
        const sum = (pick: (r: (typeof rows)[number]["rate"]) => number) =>
          rows.reduce((total, row) => total + pick(row.rate), 0);
        const known = notReopened ? ts.filter((x) => x.reopenCount !== null) : ts;
        const resolved = known.filter(
          (x) => x.firstResolvedAt !== null && (!notReopened || x.reopenCount === 0),
        );
        expect(sum((r) => r.denominator)).toBe(known.length);
        expect(sum((r) => r.numerator)).toBe(resolved.length);
      }),
    );
  });

  test("resolutions left out by notReopened are the reopen rate's reopened tickets", () => {
    // In one window, with known reopen counts: flow numerator − flow numerator(notReopened)
    // = the reopen rate's numerator over the tickets first resolved in that window.
    fc.assert(
      fc.property(tickets, windows, (ts, window) => {
        const known = ts.map((x) => ({ ...x, reopenCount: x.reopenCount ?? 0 }));
        const all = resolutionRate(known, { window });
        const lasting = resolutionRate(known, { window, notReopened: true });
        const resolvedIn = known.filter((x) => {
          const at = x.firstResolvedAt?.getTime();
          return at !== undefined && at >= window.start && at < window.end;
        });
        expect(all.numerator - lasting.numerator).toBe(
          reduce(resolvedIn, reopenRateReducer()).numerator,
        );
      }),
    );
  });
});
