import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { expectPercentRatio, reducerLaws, totalExcluded } from "../../../test/laws.ts";
import {
  type FirstContactResolutionOptions,
  firstContactResolution,
  firstContactResolutionReducer,
} from "./firstContactResolution.ts";

const base = Date.parse("2024-03-01T00:00:00Z");
const HOUR = 3_600_000;
const iso = (hours: number) => new Date(base + hours * HOUR).toISOString();

// Few customers and categories and whole hours, so repeats and window edges are frequent.
const tickets = fc.array(
  fc
    .record({
      created: fc.integer({ min: 0, max: 30 * 24 }),
      resolvedAfter: fc.option(fc.integer({ min: 0, max: 5 * 24 }), { freq: 4 }),
      customerId: fc.constantFrom("a", "b", "c", null),
      category: fc.constantFrom("billing", "login", null),
      agentReplyCount: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 5 }),
      reopenCount: fc.integer({ min: 0, max: 2 }),
    })
    .map(({ created, resolvedAfter, ...fields }) =>
      ticket({
        ...fields,
        createdAt: iso(created),
        ...(resolvedAfter === null ? {} : { firstResolvedAt: iso(created + resolvedAfter) }),
      }),
    ),
  { maxLength: 15 },
);
const options: fc.Arbitrary<FirstContactResolutionOptions> = fc.record(
  {
    mode: fc.constantFrom("one-touch", "no-repeat-contact"),
    zeroReplySolves: fc.constantFrom("exclude", "success", "failure"),
    ignoreReopens: fc.boolean(),
    windowDays: fc.integer({ min: 1, max: 10 }),
    sameCategory: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe("firstContactResolution properties", () => {
  // every shard's reducer is built with the same contacts: the whole data set
  reducerLaws((o, all) => firstContactResolutionReducer({ ...o, contacts: all }), tickets, {
    configs: options,
  });

  test("value is null or in [0, 100], numerator ≤ denominator, and every ticket is counted", () => {
    fc.assert(
      fc.property(tickets, options, (ts, o) => {
        const result = firstContactResolution(ts, o);
        expectPercentRatio(result);
        const excluded = totalExcluded(result.excluded);
        expect(result.denominator + excluded).toBe(ts.length);
      }),
    );
  });

  test("no-repeat-contact successes match a brute-force search for repeats", () => {
    fc.assert(
      fc.property(
        tickets,
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        (ts, windowDays, sameCategory) => {
          const result = firstContactResolution(ts, {
            mode: "no-repeat-contact",
            windowDays,
            sameCategory,
          });
          const asOf = Math.max(...ts.map((t) => t.createdAt.getTime()));
          const window = windowDays * 24 * HOUR;
          const judged = ts.filter(
            (t) =>
              t.firstResolvedAt !== null &&
              t.customerId !== null &&
              (!sameCategory || t.category !== null) &&
              t.firstResolvedAt.getTime() + window <= asOf,
          );
          const successes = judged.filter((t) => {
            const solved = (t.firstResolvedAt as Date).getTime();
            return !ts.some(
              (u) =>
                u.customerId === t.customerId &&
                (!sameCategory || u.category === t.category) &&
                u.createdAt.getTime() > solved &&
                u.createdAt.getTime() <= solved + window,
            );
          });
          expect([result.numerator, result.denominator]).toEqual([successes.length, judged.length]);
        },
      ),
    );
  });
});
