import { describe, expect, test } from "vitest";
import { customer } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { cacPayback, cacPaybackReducer } from "./cacPayback.ts";

const started = "2024-03-05T00:00:00Z";
const acquired = (acquisitionCost: number | null, mrr: number[], startedAt = started) =>
  customer({
    startedAt,
    acquisitionCost,
    mrr: mrr.map((amount, i) => ({ at: new Date(Date.parse(startedAt) + i * 86_400_000), amount })),
  });

const none = { outsideWindow: 0, noAcquisitionCost: 0, negativeAcquisitionCost: 0, noMrr: 0 };

describe("cacPayback", () => {
  test("divides acquisition cost by new MRR times gross margin", () => {
    // (1200 + 1800 + 600) / ((100 + 150 + 50) × 0.75) = 3600 / 225 = 16 months
    const customers = [acquired(1200, [100]), acquired(1800, [150]), acquired(600, [50])];
    expect(cacPayback(customers, { grossMargin: 0.75 })).toEqual({
      value: 16,
      acquisitionCost: 3600,
      newMrr: 300,
      grossMargin: 0.75,
      customers: 3,
      excluded: none,
    });
  });

  test("for one customer is CAC / (MRR × gross margin)", () => {
    // 500 / (125 × 0.8) = 500 / 100 = 5 months
    expect(cacPayback([acquired(500, [125])], { grossMargin: 0.8 }).value).toBe(5);
  });

  test("takes the first paying MRR, after a free trial and before later changes", () => {
    // MRR 0 (trial), then 100, then 300: new MRR 100 → 400 / (100 × 1) = 4
    expect(cacPayback([acquired(400, [0, 100, 300])], { grossMargin: 1 })).toMatchObject({
      value: 4,
      newMrr: 100,
    });
  });

  test("has no value without customers", () => {
    expect(cacPayback([], { grossMargin: 0.8 })).toEqual({
      value: null,
      acquisitionCost: 0,
      newMrr: 0,
      grossMargin: 0.8,
      customers: 0,
      excluded: none,
    });
  });

  test("excludes customers without a cost, with a negative cost, or without paying MRR", () => {
    const customers = [
      acquired(null, [100]),
      acquired(-50, [100]),
      acquired(300, []),
      acquired(300, [0, 0]),
    ];
    expect(cacPayback(customers, { grossMargin: 0.8 })).toEqual({
      value: null,
      acquisitionCost: 0,
      newMrr: 0,
      grossMargin: 0.8,
      customers: 0,
      excluded: { ...none, noAcquisitionCost: 1, negativeAcquisitionCost: 1, noMrr: 2 },
    });
  });

  test("counts a zero acquisition cost (an organic customer) as paying back at once", () => {
    // (0 + 600) / ((100 + 100) × 0.5) = 600 / 100 = 6
    expect(cacPayback([acquired(0, [100]), acquired(600, [100])], { grossMargin: 0.5 }).value).toBe(
      6,
    );
  });

  test("with a window, counts only customers acquired in it", () => {
    const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
    const customers = [
      acquired(1000, [100], "2024-03-01T00:00:00Z"), // at the start: in
      acquired(9999, [100], "2024-04-01T00:00:00Z"), // at the end: out ([start, end))
      acquired(9999, [100], "2024-02-15T00:00:00Z"), // before: out
    ];
    // 1000 / (100 × 0.5) = 20
    expect(cacPayback(customers, { grossMargin: 0.5, window })).toMatchObject({
      value: 20,
      customers: 1,
      excluded: { ...none, outsideWindow: 2 },
    });
  });

  test("places customers by startedAt in a rollup", () => {
    const rows = rollup(
      [
        acquired(1000, [100], "2024-03-10T00:00:00Z"),
        acquired(3000, [100], "2024-04-10T00:00:00Z"),
      ],
      { by: { period: "month" }, metrics: { payback: cacPaybackReducer({ grossMargin: 1 }) } },
    );
    // March 1000 / 100 = 10; April 3000 / 100 = 30
    expect(rows.map((row) => [row.period?.label, row.payback.value])).toEqual([
      ["2024-03", 10],
      ["2024-04", 30],
    ]);
  });

  test("a record that never went through the schema: bad fields are named, missing ones excluded", () => {
    const startedAt = new Date(started);
    const mrr = [{ at: startedAt, amount: 100 }];
    const run = (fields: object) => () =>
      cacPayback([{ startedAt, acquisitionCost: 300, mrr, ...fields } as never], {
        grossMargin: 0.5,
      });
    const badMrr = (shown: string) =>
      `cacPayback: record 0 field "mrr" must be a list of MRR changes { at, amount: a finite number at least 0 }, got ${shown}`;
    expect(run({ mrr: "100" })).toThrow(badMrr('"100"'));
    expect(run({ mrr: [null] })).toThrow(badMrr("null"));
    expect(run({ mrr: [{ at: startedAt, amount: "100" }] })).toThrow(badMrr("an object"));
    expect(run({ mrr: [{ at: startedAt, amount: -1 }] })).toThrow(badMrr("an object"));
    expect(run({ mrr: [{ at: startedAt, amount: Number.POSITIVE_INFINITY }] })).toThrow(
      badMrr("an object"),
    );
    const badCost = (shown: string) =>
      `cacPayback: record 0 field "acquisitionCost" must be a finite number or null, got ${shown}`;
    expect(run({ acquisitionCost: "300" })).toThrow(badCost('"300"'));
    expect(run({ acquisitionCost: Number.NaN })).toThrow(badCost("NaN"));
    expect(run({ acquisitionCost: Number.POSITIVE_INFINITY })).toThrow(badCost("Infinity"));
    // an acquisition cost left out is unknown, as null is: 300 / (100 × 0.5) = 6 for the other
    expect(run({ acquisitionCost: undefined })()).toMatchObject({
      value: null,
      excluded: { ...none, noAcquisitionCost: 1 },
    });
    expect(run({})()).toMatchObject({ value: 6, customers: 1 });
  });

  test("a rollup refuses a customer whose start is not a valid Date, naming the field", () => {
    const bad = { ...acquired(300, [100]), startedAt: new Date(Number.NaN) };
    const reducer = cacPaybackReducer({ grossMargin: 1 });
    expect(() => rollup([bad], { by: { period: "month" }, metrics: { payback: reducer } })).toThrow(
      'field "startedAt" must be a valid Date',
    );
  });

  test("rejects a missing or out-of-range gross margin", () => {
    // @ts-expect-error: testing a missing option from plain JavaScript
    expect(() => cacPayback([], {})).toThrow(
      new TypeError(
        "cacPayback: grossMargin must be a fraction above 0 and at most 1, got undefined",
      ),
    );
    expect(() => cacPayback([], { grossMargin: 75 })).toThrow(
      new RangeError("cacPayback: grossMargin must be a fraction above 0 and at most 1, got 75"),
    );
  });

  test("rejects a window that ends before it starts, and an unknown option", () => {
    expect(() =>
      cacPayback([], {
        grossMargin: 0.5,
        window: { start: "2024-04-01T00:00:00Z", end: "2024-03-01T00:00:00Z" },
      }),
    ).toThrow(new RangeError("cacPayback: window must not end before it starts, got an object"));
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => cacPayback([], { grossMargin: 0.5, grossMargins: 0.5 })).toThrow(
      new TypeError("cacPayback: grossMargins is not an option of cacPayback"),
    );
  });
});
