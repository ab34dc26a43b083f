import { describe, expect, test } from "vitest";
import { mrrMovements } from "./mrrMovements.ts";
import type { SubscriptionChange } from "./records.ts";

const change = (customerId: string, iso: string, mrr: number | null): SubscriptionChange => ({
  customerId,
  at: new Date(iso),
  mrr,
});
const march = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };

describe("mrrMovements", () => {
  test("classifies each customer by its opening and closing MRR", () => {
    // a 100 → 150 expansion 50; b 80 → 0 churned 80; c 0 → 40 new 40; d 20 → 10 contraction 10;
    // e paid 30 in January, 0 since February, 25 again in March: reactivation 25
    // opening 100 + 80 + 20 = 200; closing 150 + 40 + 10 + 25 = 225
    // bridge: 200 + 40 + 25 + 50 − 10 − 80 = 225
    const result = mrrMovements(
      [
        change("a", "2024-01-10T00:00:00Z", 100),
        change("a", "2024-03-15T00:00:00Z", 150),
        change("b", "2024-02-01T00:00:00Z", 80),
        change("b", "2024-03-20T00:00:00Z", 0),
        change("c", "2024-03-05T00:00:00Z", 40),
        change("d", "2024-02-01T00:00:00Z", 20),
        change("d", "2024-03-02T00:00:00Z", 10),
        change("e", "2024-01-01T00:00:00Z", 30),
        change("e", "2024-02-01T00:00:00Z", 0),
        change("e", "2024-03-10T00:00:00Z", 25),
      ],
      { window: march },
    );
    expect(result).toEqual({
      value: 225,
      openingMrr: 200,
      closingMrr: 225,
      newMrr: 40,
      expansionMrr: 50,
      contractionMrr: 10,
      churnedMrr: 80,
      reactivationMrr: 25,
      customers: { opening: 3, closing: 4, new: 1, churned: 1, reactivated: 1 },
      excluded: { unknownMrr: 0 },
    });
  });

  test("a change exactly at the window's start belongs to it; one at its end does not", () => {
    // [start, end): 1 March 00:00 is inside, 1 April 00:00 is the next window's
    const result = mrrMovements(
      [change("a", "2024-03-01T00:00:00Z", 50), change("a", "2024-04-01T00:00:00Z", 0)],
      { window: march },
    );
    expect(result).toMatchObject({ openingMrr: 0, newMrr: 50, closingMrr: 50, churnedMrr: 0 });
  });

  test("changes that cancel out inside the window move nothing", () => {
    // a trial converts on 5 March and cancels on 20 March: 0 at both edges
    const result = mrrMovements(
      [change("a", "2024-03-05T00:00:00Z", 30), change("a", "2024-03-20T00:00:00Z", 0)],
      { window: march },
    );
    expect(result).toMatchObject({ openingMrr: 0, closingMrr: 0, newMrr: 0, churnedMrr: 0 });
  });

  test("leaves out a customer whose MRR is unknown at an edge, counting it", () => {
    const result = mrrMovements(
      [
        change("a", "2024-02-01T00:00:00Z", null),
        change("b", "2024-02-01T00:00:00Z", 10),
        change("b", "2024-03-10T00:00:00Z", null),
        change("c", "2024-02-01T00:00:00Z", 20),
      ],
      { window: march },
    );
    expect(result).toMatchObject({ openingMrr: 20, closingMrr: 20, excluded: { unknownMrr: 2 } });
  });

  test("settles two changes at one instant the same way in any order", () => {
    // the larger amount wins a tie, an unknown one wins over any
    const one = [change("a", "2024-03-05T00:00:00Z", 10), change("a", "2024-03-05T00:00:00Z", 30)];
    expect(mrrMovements(one, { window: march }).closingMrr).toBe(30);
    expect(mrrMovements([...one].reverse(), { window: march }).closingMrr).toBe(30);
    const unknown = [...one, change("a", "2024-03-05T00:00:00Z", null)];
    expect(mrrMovements(unknown, { window: march }).excluded.unknownMrr).toBe(1);
  });

  test("is all zeros with no change", () => {
    expect(mrrMovements([], { window: march })).toMatchObject({
      value: 0,
      openingMrr: 0,
      customers: { opening: 0, closing: 0 },
    });
  });

  test("needs a window when changes are not grouped by period", () => {
    expect(() => mrrMovements([], {} as never)).toThrow(
      "mrrMovements: a stock metric needs the instant or window to measure when records are not grouped by period",
    );
    expect(() => mrrMovements([], { window: { start: "2024-03-01", end: march.end } })).toThrow(
      'mrrMovements: window.start must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got "2024-03-01"',
    );
  });
});
