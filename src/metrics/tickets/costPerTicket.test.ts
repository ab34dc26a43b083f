import { describe, expect, test } from "vitest";
import { supportCost, ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { resolveMetric } from "../define.ts";
import {
  costPerTicket,
  costPerTicketMetric,
  costPerTicketReducer,
  isSupportCost,
} from "./costPerTicket.ts";

const resolved = (firstResolvedAt: string, createdAt = "2024-03-01T09:00:00Z") =>
  ticket({ createdAt, firstResolvedAt });

describe("costPerTicket's field checks and placement", () => {
  test("a malformed amount or resolution is a TypeError naming the field", () => {
    const at = new Date("2024-03-01T10:00:00Z");
    const message = (field: string, needs: string, got: string) =>
      new TypeError(`costPerTicket: record 0 field "${field}" must be ${needs}, got ${got}`);
    expect(() => costPerTicket([{ incurredAt: at, amount: "x" } as never])).toThrow(
      message("amount", "a finite number", '"x"'),
    );
    expect(() =>
      costPerTicket([{ incurredAt: at, amount: Number.POSITIVE_INFINITY } as never]),
    ).toThrow(message("amount", "a finite number", "Infinity"));
    expect(() => costPerTicket([{ createdAt: at, firstResolvedAt: "bad" } as never])).toThrow(
      message("firstResolvedAt", "a valid Date or null", '"bad"'),
    );
    // A resolution left out is no data: the ticket is unresolved, not refused.
    expect(costPerTicket([{ createdAt: at } as never]).excluded).toEqual({ unresolved: 1 });
  });

  test("is placed by the resolution, or by the creation with denominator created", () => {
    expect(resolveMetric(costPerTicketMetric).placement).toEqual({
      by: "instant",
      field: "firstResolvedAt",
    });
    expect(resolveMetric(costPerTicketMetric, { denominator: "created" }).placement).toEqual({
      by: "instant",
      field: "createdAt",
    });
  });
});

describe("costPerTicket", () => {
  const march = [
    supportCost({ incurredAt: "2024-03-31T00:00:00Z", amount: 12_000.5 }),
    supportCost({ incurredAt: "2024-03-15T00:00:00Z", amount: 499.5 }),
    ...Array.from({ length: 5 }, () => resolved("2024-03-02T00:00:00Z")),
    ticket({ createdAt: "2024-03-03T00:00:00Z" }),
  ];

  test("divides the total cost by the tickets resolved", () => {
    // (12 000.50 + 499.50) / 5 resolved = 12 500 / 5 = 2 500; 1 unresolved ticket excluded
    expect(costPerTicket(march)).toEqual({
      value: 2500,
      cost: 12_500,
      costEntries: 2,
      tickets: 5,
      denominator: "resolved",
      excluded: { unresolved: 1 },
    });
  });

  test('denominator "created" divides by every ticket created', () => {
    // 12 500 / 6 = 2 083.33
    const result = costPerTicket(march, { denominator: "created" });
    expect(result).toMatchObject({ cost: 12_500, tickets: 6, excluded: { unresolved: 0 } });
    expect(result.value).toBeCloseTo(2083.333333, 5);
  });

  test("has no value with no ticket, and none with no cost entry", () => {
    expect(costPerTicket([])).toEqual({
      value: null,
      cost: 0,
      costEntries: 0,
      tickets: 0,
      denominator: "resolved",
      excluded: { unresolved: 0 },
    });
    // a cost without tickets: nothing to divide by
    expect(costPerTicket([supportCost({ amount: 300 })])).toMatchObject({
      value: null,
      cost: 300,
      costEntries: 1,
      tickets: 0,
    });
    // tickets without a cost entry: the cost is unknown, not zero
    expect(costPerTicket([resolved("2024-03-02T00:00:00Z")])).toMatchObject({
      value: null,
      cost: 0,
      costEntries: 0,
      tickets: 1,
    });
  });

  test("a single cost and ticket", () => {
    expect(
      costPerTicket([supportCost({ amount: 42 }), resolved("2024-03-02T00:00:00Z")]).value,
    ).toBe(42);
  });

  test("every ticket excluded gives no value", () => {
    expect(costPerTicket([supportCost(), ticket(), ticket()])).toMatchObject({
      value: null,
      tickets: 0,
      excluded: { unresolved: 2 },
    });
  });

  test("a refund (a negative amount) lowers the cost", () => {
    // (1 000 − 200) / 2 = 400
    const items = [
      supportCost({ amount: 1000 }),
      supportCost({ amount: -200 }),
      resolved("2024-03-02T00:00:00Z"),
      resolved("2024-03-02T00:00:00Z"),
    ];
    expect(costPerTicket(items)).toMatchObject({ value: 400, cost: 800 });
  });

  test("the total is the same to the last bit whatever the order", () => {
    // naive sums differ: (0.1 + 0.2) + 0.3 = 0.6000000000000001, 0.3 + 0.2 + 0.1 = 0.6
    const costs = [0.1, 0.2, 0.3].map((amount) => supportCost({ amount }));
    const one = resolved("2024-03-02T00:00:00Z");
    expect(costPerTicket([...costs, one]).cost).toBe(
      costPerTicket([...[...costs].reverse(), one]).cost,
    );
  });

  test("in a monthly rollup each month's cost is divided by that month's tickets", () => {
    const items = [
      ...march,
      supportCost({ incurredAt: "2024-04-30T00:00:00Z", amount: 8000 }),
      // created in March, resolved in April: an April ticket by resolution, a March one by creation
      resolved("2024-04-01T00:00:00Z", "2024-03-31T00:00:00Z"),
      resolved("2024-04-02T00:00:00Z", "2024-04-01T00:00:00Z"),
    ];
    const rows = rollup(items, {
      by: { period: "month" },
      metrics: {
        resolved: costPerTicketReducer(),
        created: costPerTicketReducer({ denominator: "created" }),
      },
    });
    // resolved: March 12 500 / 5 = 2 500, April 8 000 / 2 = 4 000; the unresolved ticket is
    //   placed in no period (null row)
    // created: March 12 500 / 7 (5 + unresolved + the one created on 31 Mar), April 8 000 / 1
    expect(
      rows.map((row) => [
        row.period?.label ?? null,
        row.resolved.value,
        row.created.tickets,
        row.created.value,
      ]),
    ).toEqual([
      ["2024-03", 2500, 7, 12_500 / 7],
      ["2024-04", 4000, 1, 8000],
      [null, null, 0, null],
    ]);
    expect(rows[2]?.resolved.excluded).toEqual({ unresolved: 1 });
  });

  test("tells cost entries from tickets by incurredAt", () => {
    expect(isSupportCost(supportCost())).toBe(true);
    expect(isSupportCost(ticket())).toBe(false);
  });

  test("rejects an unknown denominator, and an unknown option", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => costPerTicket([], { denominator: "interactions" })).toThrow(
      'costPerTicket: denominator must be one of resolved, created, got "interactions"',
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => costPerTicket([], { per: "created" })).toThrow(
      new TypeError("costPerTicket: per is not an option of costPerTicket"),
    );
  });
});
