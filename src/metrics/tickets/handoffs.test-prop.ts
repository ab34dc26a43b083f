import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { handoffs, handoffsReducer } from "./handoffs.ts";
import { transferRate, transferRateReducer } from "./transferRate.ts";

// Few agent ids, so histories repeat agents; null stands for "unassigned" or "unknown author".
const agent = fc.option(fc.constantFrom("a", "b", "c", "d"), { nil: null });
const tickets = fc.array(
  fc
    .record({
      history: fc.option(fc.array(agent, { maxLength: 6 }), { nil: null }),
      assigneeId: agent,
      repliers: fc.option(fc.array(agent, { maxLength: 4 }), { nil: null }),
    })
    .map(({ history, assigneeId, repliers }) =>
      ticket({
        assigneeId,
        assignments:
          history === null
            ? null
            : history.map((id, i) => ({
                at: new Date(Date.UTC(2024, 2, 1, 10 + i)),
                assigneeId: id,
              })),
        messages:
          repliers === null
            ? null
            : repliers.map((authorId, i) => ({
                at: new Date(Date.UTC(2024, 2, 1, 10 + i)),
                authorRole: "agent" as const,
                authorId,
              })),
      }),
    ),
  { maxLength: 20 },
);
const from = fc.constantFrom("assignments" as const, "replies" as const);

describe("handoffs and transfer rate properties", () => {
  reducerLaws((f) => handoffsReducer({ from: f }), tickets, { configs: from });
  reducerLaws((f) => transferRateReducer({ from: f }), tickets, { configs: from });

  test("every ticket is counted or excluded; the distribution adds up to the mean's sums", () => {
    fc.assert(
      fc.property(tickets, from, (ts, f) => {
        const result = handoffs(ts, { from: f });
        const excluded = Object.values(result.excluded).reduce((a, b) => a + b, 0);
        expect(result.n + excluded).toBe(ts.length);
        expect(result.distribution.reduce((a, b) => a + b, 0)).toBe(result.n);
        expect(result.distribution.reduce((a, count, k) => a + k * count, 0)).toBe(result.sum);
      }),
    );
  });

  test("the transfer rate's tickets are handoffs' tickets, and its numerator those passed on", () => {
    fc.assert(
      fc.property(tickets, from, (ts, f) => {
        const passes = handoffs(ts, { from: f });
        const rate = transferRate(ts, { from: f });
        expect(rate.denominator).toBe(passes.n);
        expect(rate.excluded).toEqual(passes.excluded);
        expect(rate.numerator).toBe(passes.n - (passes.distribution[0] ?? 0));
        // a mean of handoffs is at least the share passed on (each passed ticket has ≥ 1)
        if (passes.value !== null && rate.value !== null) {
          expect(passes.value + 1e-12).toBeGreaterThanOrEqual(rate.value / 100);
        }
      }),
    );
  });
});
