import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type Validated,
  validateAgentShifts,
  validateCustomers,
  validatePurchases,
  validateSupportCosts,
  validateSurveyResponses,
  validateTickets,
} from "./validate.ts";

/** Timestamps that are valid, and ones that nearly are. */
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
const nearTimestamp = fc.oneof(
  { arbitrary: instant, weight: 3 },
  { arbitrary: instant.map((ms) => new Date(ms).toISOString()), weight: 3 },
  { arbitrary: instant.map((ms) => new Date(ms)), weight: 3 },
  { arbitrary: instant.map((ms) => new Date(ms).toISOString().slice(0, 19)), weight: 1 }, // no offset
  {
    arbitrary: fc.constantFrom(
      null,
      "",
      "2024-02-30T00:00:00Z",
      "01/02/2026",
      Number.NaN,
      true,
      1e20,
    ),
    weight: 1,
  },
);
/** Replaces or deletes one field now and then, or adds junk, to make near-valid records. */
function nearly<T extends Record<string, unknown>>(valid: fc.Arbitrary<T>) {
  return fc
    .tuple(
      valid,
      fc.option(fc.tuple(fc.string({ maxLength: 12 }), fc.anything()), { freq: 4 }),
      fc.option(fc.nat(), { freq: 6 }),
    )
    .map(([record, junk, drop]) => {
      const out: Record<string, unknown> = { ...record };
      const keys = Object.keys(out);
      if (drop !== null && keys.length > 0) delete out[keys[drop % keys.length] as string];
      if (junk) out[junk[0]] = junk[1];
      return out;
    });
}

const ids = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.integer());
const ticket = fc.record({
  id: ids,
  createdAt: nearTimestamp,
  firstResponseAt: fc.option(nearTimestamp),
  status: fc.constantFrom("new", "open", "solved", "closed", "weird"),
  messages: fc.option(
    fc.array(
      fc.record({
        at: nearTimestamp,
        authorRole: fc.constantFrom("agent", "customer", "bot", "robot"),
      }),
      { maxLength: 3 },
    ),
  ),
});
const surveyResponse = fc.record({
  id: ids,
  kind: fc.constantFrom("nps", "csat", "ces", "other"),
  score: fc.option(fc.integer({ min: -1, max: 11 })),
  respondedAt: fc.option(nearTimestamp),
  sentAt: fc.option(nearTimestamp),
});
const customer = fc.record({
  id: ids,
  startedAt: nearTimestamp,
  endedAt: fc.option(nearTimestamp),
});
const purchase = fc.record({
  id: ids,
  customerId: ids,
  purchasedAt: nearTimestamp,
  amount: fc.oneof(fc.double(), fc.constant("9")),
});
const supportCost = fc.record({ id: ids, incurredAt: nearTimestamp, amount: fc.double() });
const interval = fc.oneof(
  {
    arbitrary: fc
      .tuple(instant, instant)
      .map(([a, b]) => ({ start: Math.min(a, b), end: new Date(Math.max(a, b)).toISOString() })),
    weight: 4,
  },
  { arbitrary: fc.record({ start: nearTimestamp, end: nearTimestamp }), weight: 1 },
);
const agentShift = fc.record({
  id: ids,
  agentId: ids,
  scheduled: fc.option(interval),
  loggedIn: fc.array(interval, { maxLength: 2 }),
});

const KINDS: [
  string,
  (input: Iterable<unknown>) => Validated<{ id: string | null }>,
  fc.Arbitrary<Record<string, unknown>>,
][] = [
  ["validateTickets", validateTickets, nearly(ticket)],
  ["validateSurveyResponses", validateSurveyResponses, nearly(surveyResponse)],
  ["validateCustomers", validateCustomers, nearly(customer)],
  ["validatePurchases", validatePurchases, nearly(purchase)],
  ["validateSupportCosts", validateSupportCosts, nearly(supportCost)],
  ["validateAgentShifts", validateAgentShifts, nearly(agentShift)],
];

describe.each(KINDS)("%s properties", (_name, run, near) => {
  // Each input is tagged with its position so that kept records can be traced back.
  const inputs = fc.array(fc.oneof(fc.anything(), near, near, near), { maxLength: 30 });

  test("every record is kept or rejected, once, in input order", () => {
    let kept = 0;
    let refusedTotal = 0;
    fc.assert(
      fc.property(inputs, (input) => {
        const { records, rejected } = run(input);
        kept += records.length;
        refusedTotal += rejected.length;
        expect(records.length + rejected.length).toBe(input.length);
        const indexes = rejected.map((r) => r.index);
        for (let i = 1; i < indexes.length; i++) {
          expect(indexes[i]).toBeGreaterThan(indexes[i - 1] as number);
        }
        for (const index of indexes) {
          expect(Number.isInteger(index) && index >= 0 && index < input.length).toBe(true);
        }
        for (const r of rejected) {
          expect(r.issues.length).toBeGreaterThan(0);
          expect(r.issues[0]).toEqual({ path: r.path, code: r.code, message: r.message });
          expect(r.message.length).toBeLessThan(300);
        }
        // The records not rejected are the ones kept, in order, with their ids.
        const refused = new Set(indexes);
        const keptIds = input
          .filter((_, i) => !refused.has(i))
          .map((record) => {
            const id = (record as { id?: unknown }).id;
            return id === undefined || id === null || id === "" ? null : String(id);
          });
        expect(records.map((r) => r.id)).toEqual(keptIds);
      }),
      { numRuns: 200 },
    );
    // The generators must reach both outcomes, or the property proves little.
    expect(kept).toBeGreaterThan(50);
    expect(refusedTotal).toBeGreaterThan(50);
  });

  test("validating a record alone or among others gives the same answer", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const together = run(input);
        const alone = input.map((record) => run([record]));
        expect(together.records).toEqual(alone.flatMap((v) => v.records));
        expect(together.rejected).toEqual(
          alone.flatMap((v, index) => v.rejected.map((r) => ({ ...r, index }))),
        );
      }),
      { numRuns: 50 },
    );
  });

  test("garbage never pollutes Object.prototype", () => {
    fc.assert(
      fc.property(fc.array(fc.anything({ withObjectString: true }), { maxLength: 10 }), (input) => {
        run(input);
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
