import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { customer, ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { rollup } from "../../aggregate/rollup.ts";
import {
  type ContactRateCount,
  type ContactRateInput,
  contactRate,
  contactRateReducer,
} from "./contactRate.ts";

const base = Date.parse("2024-01-01T00:00:00Z");
const DAY = 86_400_000;
const iso = (days: number) => new Date(base + days * DAY).toISOString();
const ids = fc.constantFrom("a", "b", "c", "d");

// Whole days, so that starts, ends and creations often fall on a window's edges.
const aCustomer = fc
  .record({
    id: ids,
    start: fc.integer({ min: -30, max: 150 }),
    length: fc.option(fc.integer({ min: 0, max: 90 })),
  })
  .map(({ id, start, length }) =>
    customer({ id, startedAt: iso(start), endedAt: length === null ? null : iso(start + length) }),
  );
const aTicket = fc
  .record({ created: fc.integer({ min: -30, max: 150 }), customerId: fc.option(ids, { freq: 4 }) })
  .map(({ created, customerId }) => ticket({ createdAt: iso(created), customerId }));
const items = fc.array(fc.oneof(aCustomer, aTicket), { maxLength: 20 });
const window = fc
  .tuple(fc.integer({ min: -10, max: 120 }), fc.integer({ min: 1, max: 60 }))
  .map(([start, length]) => ({ start: base + start * DAY, end: base + (start + length) * DAY }));
const count = fc.constantFrom<ContactRateCount>("tickets", "customers");

/** The definition, by brute force: numerator and denominator over a window. */
function brute(
  xs: readonly ContactRateInput[],
  w: { start: number; end: number },
  c: ContactRateCount,
) {
  const active = new Set<string>();
  const contacting = new Set<string>();
  let tickets = 0;
  for (const x of xs) {
    if ("startedAt" in x) {
      const end = x.endedAt?.getTime() ?? Number.POSITIVE_INFINITY;
      if (x.startedAt.getTime() < w.end && end > w.start) active.add(x.id);
    } else if (x.createdAt.getTime() >= w.start && x.createdAt.getTime() < w.end) {
      if (c === "tickets") tickets++;
      else if (x.customerId !== null) contacting.add(x.customerId);
    }
  }
  return [c === "tickets" ? tickets : contacting.size, active.size];
}

describe("contactRate properties", () => {
  reducerLaws(([w, c]) => contactRateReducer({ window: w, count: c }), items, {
    configs: fc.tuple(window, count),
  });

  test("numerator and denominator match a brute-force count, and value is never negative", () => {
    fc.assert(
      fc.property(items, window, count, (xs, w, c) => {
        const result = contactRate(xs, { window: w, count: c });
        expect([result.numerator, result.denominator]).toEqual(brute(xs, w, c));
        if (result.value !== null) expect(result.value).toBeGreaterThanOrEqual(0);
        else expect(result.denominator).toBe(0);
      }),
    );
  });

  test("a monthly rollup gives, for every month, the plain result over that month", () => {
    fc.assert(
      fc.property(items, count, (xs, c) => {
        const rows = rollup(xs, {
          by: { period: "month" },
          metrics: { rate: contactRateReducer({ count: c }) },
          range: { start: "2024-01-01", end: "2024-06-01" },
        });
        expect(rows).toHaveLength(5);
        for (const row of rows) {
          const w = {
            start: Date.parse(row.period?.start as string),
            end: Date.parse(row.period?.end as string),
          };
          const plain = contactRate(xs, { window: w, count: c });
          expect([row.rate.numerator, row.rate.denominator]).toEqual([
            plain.numerator,
            plain.denominator,
          ]);
        }
      }),
    );
  });
});
