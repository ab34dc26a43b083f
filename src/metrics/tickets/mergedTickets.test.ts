import { describe, expect, expectTypeOf, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { backlog } from "./backlog.ts";
import { customersContacted } from "./customersContacted.ts";
import { escalationRate } from "./escalationRate.ts";
import { firstResponseTime } from "./firstResponseTime.ts";
import { handoffs } from "./handoffs.ts";
import { resolutionRate } from "./resolutionRate.ts";
import { resolutionTime } from "./resolutionTime.ts";
import { ticketVolume, ticketVolumeReducer } from "./ticketVolume.ts";

// Ticket 2 was merged into ticket 1 ten minutes after it came in: Zendesk closed it with the
// tag closed_by_merge, unanswered, and kept the conversation in ticket 1.
const target = ticket({
  customerId: "c1",
  createdAt: "2024-03-01T09:00:00Z",
  firstResponseAt: "2024-03-01T10:00:00Z",
  firstResolvedAt: "2024-03-01T13:00:00Z",
});
const source = ticket({
  customerId: "c1",
  createdAt: "2024-03-01T09:05:00Z",
  firstResponseAt: null,
  firstResolvedAt: "2024-03-01T09:15:00Z",
  closedAt: "2024-03-01T09:15:00Z",
  tags: ["closed_by_merge"],
});
const other = ticket({
  customerId: "c2",
  createdAt: "2024-03-01T11:00:00Z",
  firstResponseAt: "2024-03-01T11:30:00Z",
});

describe("merged tickets count once", () => {
  test("the source is left out by name; the target counts", () => {
    // 3 records, 2 conversations
    expect(ticketVolume([target, source, other])).toEqual({
      value: 2,
      excluded: { mergedSource: 1 },
    });
    // FRT over the target (1 h) and the other (30 min): the source is not "unanswered"
    expect(firstResponseTime([target, source, other])).toMatchObject({
      value: 2700, // (3600 + 1800) / 2
      excluded: { unanswered: 0, mergedSource: 1 },
    });
    // resolution time: only the target's 4 h, not the source's 10 minutes
    expect(resolutionTime([target, source, other]).value).toBe(14_400);
    // resolution rate: 1 resolved of 2 created (not 2 of 3)
    expect(resolutionRate([target, source, other])).toMatchObject({
      value: 50,
      numerator: 1,
      denominator: 2,
    });
  });

  test("data without merges gives the same results as before: no mergedSource key", () => {
    expect(ticketVolume([target, other])).toEqual({ value: 2, excluded: {} });
  });

  test("stock and distinct-customer counts keep the source", () => {
    // open at 09:10: the target and the source (not yet merged) → 2
    expect(backlog([target, source, other], { asOf: "2024-03-01T09:10:00Z" }).value).toBe(2);
    expect(customersContacted([target, source, other]).value).toBe(2);
  });

  test("a rollup's periods and shards add the reason like any other", () => {
    const rows = rollup([target, source, other], {
      by: { period: "day" },
      metrics: { volume: ticketVolumeReducer() },
    });
    expect(rows.map((row) => row.volume)).toEqual([{ value: 2, excluded: { mergedSource: 1 } }]);
  });
});

describe("mergedSource in the result types", () => {
  test("is an optional count: present once a merged source was left out, absent otherwise", () => {
    const merged = firstResponseTime([target, source]).excluded;
    const plain = escalationRate([target]).excluded;
    expectTypeOf(merged.mergedSource).toEqualTypeOf<number | undefined>();
    expectTypeOf(plain.mergedSource).toEqualTypeOf<number | undefined>();
    expectTypeOf(handoffs([target]).excluded.mergedSource).toEqualTypeOf<number | undefined>();
    // Other reasons stay required counts.
    expectTypeOf(plain.unknownEscalation).toEqualTypeOf<number>();
    expect(merged.mergedSource).toBe(1);
    expect("mergedSource" in plain).toBe(false);
  });
});
