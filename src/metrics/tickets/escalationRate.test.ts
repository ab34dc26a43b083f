import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { escalationRate, escalationRateReducer } from "./escalationRate.ts";

describe("escalationRate", () => {
  const tickets = [
    ticket({ escalated: true, groupId: "tier-2" }),
    ticket({ escalated: false, groupId: "tier-2", tags: ["escalated"] }),
    ticket({ escalated: false, groupId: "tier-1" }),
    ticket({ escalated: false, groupId: "tier-1" }),
  ];

  test("is the share of tickets flagged as escalated", () => {
    // 1 flagged of 4 → 25 %
    expect(escalationRate(tickets)).toEqual({
      value: 25,
      numerator: 1,
      denominator: 4,
      excluded: { unknownEscalation: 0 },
    });
  });

  test("isEscalated defines escalation otherwise, such as a move to a higher tier", () => {
    // 2 in tier 2 of 4 → 50 %; 1 tagged → 25 %
    expect(escalationRate(tickets, { isEscalated: (t) => t.groupId === "tier-2" }).value).toBe(50);
    expect(
      escalationRate(tickets, { isEscalated: (t) => t.tags.includes("escalated") }),
    ).toMatchObject({
      value: 25,
      numerator: 1,
    });
  });

  test("has no value with no ticket", () => {
    expect(escalationRate([])).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      excluded: { unknownEscalation: 0 },
    });
  });

  test("a single ticket is 0 or 100", () => {
    expect(escalationRate([ticket({ escalated: true })]).value).toBe(100);
    expect(escalationRate([ticket()]).value).toBe(0);
  });

  test("is placed by creation", () => {
    const rows = rollup(
      [
        ticket({
          createdAt: "2024-01-31T23:00:00Z",
          escalated: true,
          firstResolvedAt: "2024-02-05T00:00:00Z",
        }),
        ticket({ createdAt: "2024-02-01T00:00:00Z" }),
      ],
      { by: { period: "month" }, metrics: { escalation: escalationRateReducer() } },
    );
    expect(rows.map((row) => [row.period?.label, row.escalation.value])).toEqual([
      ["2024-01", 100],
      ["2024-02", 0],
    ]);
  });

  test("rejects an isEscalated that is not a function, and an unknown option", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => escalationRate([], { isEscalated: "tier-2" })).toThrow(
      'escalationRate: isEscalated must be a function, got "tier-2"',
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => escalationRate([], { escalated: () => true })).toThrow(
      "escalationRate: escalated is not an option of escalationRate",
    );
  });

  test("an unknown flag is excluded, never read as not escalated; an unchecked one is refused", () => {
    const createdAt = new Date("2024-03-01T09:00:00Z");
    // 1 of the 2 known flags is set: 50 %; the unknown one stays out of the denominator
    const flags = [true, false, null].map((escalated) => ({ createdAt, escalated }));
    expect(escalationRate(flags)).toMatchObject({
      value: 50,
      numerator: 1,
      denominator: 2,
      excluded: { unknownEscalation: 1 },
    });
    expect(() => escalationRate([{ createdAt, escalated: "yes" }] as never)).toThrow(
      new TypeError(
        'escalationRate: record 0 field "escalated" must be a boolean or null, got "yes"',
      ),
    );
  });
});
