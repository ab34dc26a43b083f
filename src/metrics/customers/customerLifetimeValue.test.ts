import { describe, expect, test } from "vitest";
import { customer, purchase } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
import {
  customerLifetimeValue,
  customerLifetimeValueMetric,
  customerLifetimeValueReducer,
  LIFETIME_UNIT_MS,
  marginLifetimeValueMetric,
} from "./customerLifetimeValue.ts";

const DAY = 86_400_000;

describe("customerLifetimeValue, simple method", () => {
  const window = { start: "2024-01-01T00:00:00Z", end: "2024-01-29T00:00:00Z" }; // 28 days
  const jan = (day: number) => `2024-01-${String(day).padStart(2, "0")}T12:00:00Z`;
  const purchases = [
    purchase({ customerId: "a", purchasedAt: jan(3), amount: 20 }),
    purchase({ customerId: "a", purchasedAt: jan(10), amount: 40 }),
    purchase({ customerId: "b", purchasedAt: jan(4), amount: 25 }),
    purchase({ customerId: "b", purchasedAt: jan(20), amount: 35 }),
    purchase({ customerId: "c", purchasedAt: jan(28), amount: 30 }),
    purchase({ customerId: "a", purchasedAt: jan(12), amount: -10 }), // a refund
    purchase({ customerId: "d", purchasedAt: "2024-02-05T00:00:00Z", amount: 99 }), // after
  ];

  test("multiplies average purchase value, purchase frequency and lifespan", () => {
    // revenue 20 + 40 + 25 + 35 + 30 − 10 = 140 over 5 purchases → APV 28
    // frequency 5 purchases / 3 customers / 4 weeks = 5/12 a week
    // CLV = 28 × 5/12 × 52 weeks = 606.67
    const result = customerLifetimeValue(purchases, { lifespan: 52, unit: "week", window });
    expect(result).toEqual({
      value: 28 * (5 / 3 / 4) * 52,
      method: "simple",
      revenue: 140,
      purchases: 5,
      refunds: 1,
      customers: 3,
      averagePurchaseValue: 28,
      purchaseFrequency: 5 / 3 / 4,
      lifespan: 52,
      unit: "week",
      windowLength: 4,
      excluded: { outsideWindow: 1 },
    });
    expect(result.value).toBeCloseTo(606.67, 2);
  });

  test("measures frequency per year of 365.25 days by default", () => {
    // 2023-01-01T00:00Z to 2024-01-01T06:00Z is 365.25 days: exactly one year
    const year = { start: "2023-01-01T00:00:00Z", end: "2024-01-01T06:00:00Z" };
    const bought = (customerId: string, amount: number) =>
      purchase({ customerId, amount, purchasedAt: "2023-06-01T00:00:00Z" });
    // APV 100 / 3; frequency 3 purchases / 2 customers / 1 year = 1.5; × 3 years = 150
    const result = customerLifetimeValue([bought("a", 50), bought("a", 30), bought("b", 20)], {
      lifespan: 3,
      window: year,
    });
    expect(result).toMatchObject({
      value: 150,
      unit: "year",
      windowLength: 1,
      purchaseFrequency: 1.5,
    });
  });

  test("has no value without purchases", () => {
    expect(customerLifetimeValue([], { lifespan: 3, window })).toEqual({
      value: null,
      method: "simple",
      revenue: 0,
      purchases: 0,
      refunds: 0,
      customers: 0,
      averagePurchaseValue: null,
      purchaseFrequency: null,
      lifespan: 3,
      unit: "year",
      windowLength: null,
      excluded: { outsideWindow: 0 },
    });
  });

  test("a single purchase over one week, with a lifespan of 10 weeks, is worth 10 purchases", () => {
    const week = { start: "2024-01-01T00:00:00Z", end: "2024-01-08T00:00:00Z" };
    // APV 40 × (1 purchase / 1 customer / 1 week) × 10 weeks = 400
    const one = [purchase({ customerId: "a", purchasedAt: jan(2), amount: 40 })];
    expect(customerLifetimeValue(one, { lifespan: 10, unit: "week", window: week }).value).toBe(
      400,
    );
  });

  test("excludes purchases outside the window, and has no value when all are", () => {
    const result = customerLifetimeValue(
      [purchase({ purchasedAt: "2023-12-31T23:59:59Z" }), purchase({ purchasedAt: window.end })],
      { lifespan: 1, window },
    );
    // the window is [start, end): a purchase at its end instant is outside
    expect(result).toMatchObject({ value: null, purchases: 0, excluded: { outsideWindow: 2 } });
    expect(result.windowLength).toBeCloseTo(28 / 365.25, 12);
  });

  test("refunds lower revenue but are neither purchases nor purchasing customers", () => {
    const result = customerLifetimeValue(
      [
        purchase({ customerId: "a", purchasedAt: jan(2), amount: 100 }),
        purchase({ customerId: "b", purchasedAt: jan(3), amount: -40 }),
      ],
      { lifespan: 4, unit: "week", window },
    );
    // revenue 60 / 1 purchase = 60; 1 purchase / 1 customer / 4 weeks = 0.25; × 4 = 60
    expect(result).toMatchObject({
      value: 60,
      revenue: 60,
      purchases: 1,
      refunds: 1,
      customers: 1,
    });
    // only refunds: no purchase, no value
    expect(
      customerLifetimeValue([purchase({ purchasedAt: jan(2), amount: -5 })], {
        lifespan: 1,
        window,
      }),
    ).toMatchObject({ value: null, revenue: -5, refunds: 1 });
  });

  test("uses each period as the window in a monthly rollup", () => {
    const rows = rollup(
      [
        purchase({ customerId: "a", purchasedAt: "2024-01-10T00:00:00Z", amount: 31 }),
        purchase({ customerId: "a", purchasedAt: "2024-02-10T00:00:00Z", amount: 29 }),
      ],
      {
        by: { period: "month" },
        metrics: { clv: customerLifetimeValueReducer({ lifespan: 12, unit: "month" }) },
      },
    );
    // January: 31 days = 31 / 30.4375 months; value 31 × (1 / 1 / (31 / 30.4375)) × 12
    // = 30.4375 × 12 = 365.25; February (29 days) likewise: 29 × 30.4375 / 29 × 12 = 365.25
    expect(rows.map((row) => [row.period?.label, row.clv.windowLength])).toEqual([
      ["2024-01", (31 * DAY) / LIFETIME_UNIT_MS.month],
      ["2024-02", (29 * DAY) / LIFETIME_UNIT_MS.month],
    ]);
    expect(rows[0]?.clv.value).toBeCloseTo(365.25, 9);
    expect(rows[1]?.clv.value).toBeCloseTo(365.25, 9);
  });

  test("counts a day unit and reports it", () => {
    // 28-day window; 2 purchases of 14 by one customer: APV 14 × (2 / 1 / 28 a day) × 30 days = 30
    const result = customerLifetimeValue(
      [
        purchase({ customerId: "a", purchasedAt: jan(2), amount: 14 }),
        purchase({ customerId: "a", purchasedAt: jan(5), amount: 14 }),
      ],
      { lifespan: 30, unit: "day", window },
    );
    expect(result).toMatchObject({ value: 30, unit: "day", windowLength: 28 });
  });

  test("needs a window when purchases are not grouped by period", () => {
    // @ts-expect-error: testing a missing window from plain JavaScript
    expect(() => customerLifetimeValue([purchase()], { lifespan: 3 })).toThrow(
      "customerLifetimeValue: window must be given when purchases are not grouped by period",
    );
  });

  test("rejects a missing lifespan, an unknown unit, an unknown method", () => {
    // @ts-expect-error: testing a missing option from plain JavaScript
    expect(() => customerLifetimeValue([], { window })).toThrow(
      new TypeError("customerLifetimeValue: lifespan must be a positive number, got undefined"),
    );
    expect(() => customerLifetimeValue([], { lifespan: 0, window })).toThrow(
      new RangeError("customerLifetimeValue: lifespan must be a positive number, got 0"),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => customerLifetimeValue([], { lifespan: 1, unit: "decade", window })).toThrow(
      new RangeError(
        'customerLifetimeValue: unit must be one of day, week, month, year, got "decade"',
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => customerLifetimeValue([], { method: "bg-nbd", lifespan: 1, window })).toThrow(
      new RangeError(
        'customerLifetimeValue: method must be one of simple, margin-over-churn, got "bg-nbd"',
      ),
    );
    // @ts-expect-error: testing a missing options object from plain JavaScript
    expect(() => customerLifetimeValue([])).toThrow(
      new TypeError("customerLifetimeValue: options must be an object, got undefined"),
    );
  });

  test("null options are named as such", () => {
    // @ts-expect-error: testing null options from plain JavaScript
    expect(() => customerLifetimeValue([], null)).toThrow(
      new TypeError("customerLifetimeValue: options must be an object, got null"),
    );
  });

  test("refuses an option of the other method rather than ignore it", () => {
    // @ts-expect-error: grossMargin belongs to margin-over-churn
    expect(() => customerLifetimeValue([], { lifespan: 1, grossMargin: 0.8, window })).toThrow(
      new TypeError("customerLifetimeValue: grossMargin is not an option of customerLifetimeValue"),
    );
  });

  test("a purchase at the window's start is in it; one of 0 is a purchase, not a refund", () => {
    const at = (purchasedAt: string, amount: number) =>
      purchase({ customerId: "a", purchasedAt, amount });
    // [start, end): the purchase at 00:00 on 1 January counts. Revenue 60 + 0 = 60 over 2
    // purchases: APV 30; 2 purchases / 1 customer / 4 weeks = 0.5 a week; 30 × 0.5 × 4 = 60
    const result = customerLifetimeValue([at(window.start, 60), at(jan(5), 0)], {
      lifespan: 4,
      unit: "week",
      window,
    });
    expect(result).toMatchObject({
      value: 60,
      revenue: 60,
      purchases: 2,
      refunds: 0,
      customers: 1,
      averagePurchaseValue: 30,
      purchaseFrequency: 0.5,
      excluded: { outsideWindow: 0 },
    });
  });

  test("with only refunds there is no purchase frequency either, not 0 / 0", () => {
    const refund = purchase({ customerId: "a", purchasedAt: jan(2), amount: -5 });
    expect(customerLifetimeValue([refund], { lifespan: 1, unit: "week", window })).toMatchObject({
      value: null,
      averagePurchaseValue: null,
      purchaseFrequency: null,
      windowLength: 4,
    });
  });

  test("a purchase that never went through the schema is refused by the field it gets wrong", () => {
    const raw = (fields: object) =>
      ({ customerId: "a", purchasedAt: new Date(jan(2)), amount: 10, ...fields }) as never;
    const refused = (fields: object, field: string, expected: string, shown: string) =>
      expect(() => customerLifetimeValue([raw(fields)], { lifespan: 1, window })).toThrow(
        new TypeError(
          `customerLifetimeValue: record 0 field "${field}" must be ${expected}, got ${shown}`,
        ),
      );
    refused({ amount: "10" }, "amount", "a finite number", '"10"');
    refused({ amount: Number.POSITIVE_INFINITY }, "amount", "a finite number", "Infinity");
    refused({ customerId: 7 }, "customerId", "a string", "7");
    // timeOf, which a rollup reads to place the purchase, names the field too
    expect(() =>
      customerLifetimeValueReducer({ lifespan: 1 }).timeOf(raw({ purchasedAt: jan(2) })),
    ).toThrow(`customerLifetimeValue: field "purchasedAt" must be a valid Date, got "${jan(2)}"`);
  });

  test("rejects a window that ends before it starts", () => {
    const backwards = { start: window.end, end: window.start };
    expect(() => customerLifetimeValue([], { lifespan: 1, window: backwards })).toThrow(
      new RangeError("customerLifetimeValue: window must not end before it starts, got an object"),
    );
  });
});

describe("customerLifetimeValue, margin-over-churn method", () => {
  const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
  const paying = (amount: number, endedAt: string | null = null) =>
    customer({
      startedAt: "2024-01-10T00:00:00Z",
      endedAt,
      mrr: [{ at: "2024-01-10T00:00:00Z", amount }],
    });
  const options = { method: "margin-over-churn", grossMargin: 0.8, window } as const;

  test("divides ARPA times gross margin by the churn rate", () => {
    // MRR at 1 March 100, 200, 300, 400 → ARPA 1000 / 4 = 250; 1 of 4 lost → churn 25 %
    // CLV = 250 × 0.8 / 0.25 = 800
    const customers = [paying(100), paying(200), paying(300), paying(400, "2024-03-20T00:00:00Z")];
    expect(customerLifetimeValue(customers, options)).toEqual({
      value: 800,
      method: "margin-over-churn",
      arpa: 250,
      grossMargin: 0.8,
      churnRate: 25,
      accounts: 4,
      mrr: 1000,
      start: 4,
      new: 0,
      lost: 1,
      end: 3,
      newChurners: 0,
      excluded: { outsideWindow: 0, noMrr: 0 },
    });
  });

  test("reads the MRR in effect at the window's start: the latest change before it", () => {
    // The window is [S, E), and "at the start" is what held just before S, for the customers
    // as for their MRR (as mrrMovements' opening MRR): a change exactly at S is in the window.
    const changing = customer({
      startedAt: "2024-01-10T00:00:00Z",
      mrr: [
        { at: "2024-03-10T00:00:00Z", amount: 999 }, // after the start: not yet in effect
        { at: "2024-01-10T00:00:00Z", amount: 100 }, // the latest before the start: in effect
        { at: "2024-03-01T00:00:00Z", amount: 150 }, // exactly at the start: in the window
      ],
    });
    // ARPA (100 + 50) / 2 = 75; churn 1 / 2 = 50 %; 75 × 0.5 / 0.5 = 75
    const result = customerLifetimeValue([changing, paying(50, "2024-03-05T00:00:00Z")], {
      ...options,
      grossMargin: 0.5,
    });
    expect(result).toMatchObject({ value: 75, arpa: 75, mrr: 150, churnRate: 50 });
  });

  test("leaves starting customers without MRR out of ARPA but not out of churn", () => {
    const noMrr = customer({ startedAt: "2024-01-10T00:00:00Z" });
    const laterMrr = customer({
      startedAt: "2024-01-10T00:00:00Z",
      endedAt: "2024-03-15T00:00:00Z",
      mrr: [{ at: "2024-03-05T00:00:00Z", amount: 70 }],
    });
    // ARPA from paying(200) alone = 200; churn 1 of 3 = 33.33 %; 200 × 0.8 / (1/3) = 480
    const result = customerLifetimeValue([noMrr, laterMrr, paying(200)], options);
    expect(result).toMatchObject({
      arpa: 200,
      accounts: 1,
      start: 3,
      lost: 1,
      excluded: { outsideWindow: 0, noMrr: 2 },
    });
    expect(result.value).toBeCloseTo(480, 9);
  });

  test("has no value when nobody was present, or nobody was lost", () => {
    expect(customerLifetimeValue([], options)).toMatchObject({
      value: null,
      arpa: null,
      churnRate: null,
      accounts: 0,
    });
    // lifetime 1 / 0 is unbounded: no value, but ARPA and churn 0 are reported
    expect(customerLifetimeValue([paying(100)], options)).toMatchObject({
      value: null,
      arpa: 100,
      churnRate: 0,
    });
  });

  test("follows includeNewChurners for the churn rate", () => {
    const customers = [
      paying(100),
      paying(100),
      customer({
        startedAt: "2024-03-02T00:00:00Z",
        endedAt: "2024-03-09T00:00:00Z",
        mrr: [{ at: "2024-03-02T00:00:00Z", amount: 100 }],
      }),
    ];
    // default: lost 1 (the new churner) of 2 → 50 %; 100 × 0.8 / 0.5 = 160
    expect(customerLifetimeValue(customers, options)).toMatchObject({
      value: 160,
      churnRate: 50,
      newChurners: 1,
    });
    // false: nobody lost → no value
    expect(
      customerLifetimeValue(customers, { ...options, includeNewChurners: false }),
    ).toMatchObject({ value: null, churnRate: 0 });
  });

  test("counts a customer that ended exactly at the window's start as at the start and lost", () => {
    // Ended at S, which belongs to [S, E): ARPA 100, churn 1 / 1 = 100 %; 100 × 0.8 / 1 = 80
    expect(customerLifetimeValue([paying(100, "2024-03-01T00:00:00Z")], options)).toMatchObject({
      value: 80,
      arpa: 100,
      churnRate: 100,
      start: 1,
      lost: 1,
      excluded: { outsideWindow: 0, noMrr: 0 },
    });
  });

  test("does not see a customer that started exactly at the window's end", () => {
    const next = customer({
      startedAt: "2024-04-01T00:00:00Z",
      mrr: [{ at: "2024-04-01T00:00:00Z", amount: 100 }],
    });
    expect(customerLifetimeValue([next], options)).toMatchObject({
      value: null,
      start: 0,
      new: 0,
      excluded: { outsideWindow: 0, noMrr: 0 },
    });
  });

  test("rejects a gross margin outside (0, 1], and an option of the simple method", () => {
    expect(() => customerLifetimeValue([], { ...options, grossMargin: 80 })).toThrow(
      new RangeError(
        "customerLifetimeValue: grossMargin must be a fraction above 0 and at most 1, got 80",
      ),
    );
    expect(() => customerLifetimeValue([], { ...options, grossMargin: 0 })).toThrow(
      new RangeError(
        "customerLifetimeValue: grossMargin must be a fraction above 0 and at most 1, got 0",
      ),
    );
    // @ts-expect-error: lifespan belongs to the simple method
    expect(() => customerLifetimeValue([], { ...options, lifespan: 3 })).toThrow(
      new TypeError("customerLifetimeValue: lifespan is not an option of customerLifetimeValue"),
    );
  });

  test("with starting customers but no MRR among them there is no ARPA, so no value", () => {
    const noMrr = (endedAt: string | null) =>
      customer({ startedAt: "2024-01-10T00:00:00Z", endedAt });
    // 2 at the start, 1 lost: churn 50 %, but no MRR at the start to average
    expect(
      customerLifetimeValue([noMrr(null), noMrr("2024-03-20T00:00:00Z")], options),
    ).toMatchObject({
      value: null,
      arpa: null,
      churnRate: 50,
      accounts: 0,
      excluded: { outsideWindow: 0, noMrr: 2 },
    });
  });

  test("a customer that never went through the schema is refused by the field it gets wrong", () => {
    const raw = (fields: object) =>
      ({
        startedAt: new Date("2024-01-10T00:00:00Z"),
        endedAt: null,
        mrr: [{ at: new Date("2024-01-10T00:00:00Z"), amount: 100 }],
        ...fields,
      }) as never;
    const mrr =
      'customerLifetimeValue: record 0 field "mrr" must be a list of MRR changes { at: a valid Date, amount: a finite number at least 0 }';
    const refused = (fields: object, message: string) =>
      expect(() => customerLifetimeValue([raw(fields)], options)).toThrow(new TypeError(message));
    refused(
      { endedAt: "2024-03-20" },
      'customerLifetimeValue: record 0 field "endedAt" must be a valid Date or null, got "2024-03-20"',
    );
    refused({ mrr: "100" }, `${mrr}, got "100"`);
    refused({ mrr: [null] }, `${mrr}, got null`);
    const at = new Date("2024-01-10T00:00:00Z");
    for (const change of [
      { at: "2024-01-10", amount: 100 },
      { at, amount: "100" },
      { at, amount: -1 },
      { at, amount: Number.POSITIVE_INFINITY },
      { at, amount: Number.NaN },
    ]) {
      refused({ mrr: [change] }, `${mrr}, got an object`);
    }
    // left out, an end is open; an MRR of 0 is an MRR
    expect(customerLifetimeValue([raw({ endedAt: undefined })], options)).toMatchObject({
      start: 1,
    });
    expect(customerLifetimeValue([raw({ mrr: [{ at, amount: 0 }] })], options)).toMatchObject({
      arpa: 0,
    });
  });

  test("the reducer places a customer by its start, and counts one outside the window apart", () => {
    const reducer = customerLifetimeValueReducer(options);
    const gone = customer({ startedAt: "2024-01-10T00:00:00Z", endedAt: "2024-02-01T00:00:00Z" });
    expect(reducer.timeOf(gone)).toEqual(new Date("2024-01-10T00:00:00Z"));
    // ended in February, before the window [1 March, 1 April): neither at its start nor new
    const state = reducer.init();
    reducer.add(state, gone, { start: Date.parse(window.start), end: Date.parse(window.end) });
    expect(reducer.result(state)).toMatchObject({
      value: null,
      start: 0,
      excluded: { outsideWindow: 1, noMrr: 0 },
    });
  });

  test("rejects a non-boolean includeNewChurners", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => customerLifetimeValue([], { ...options, includeNewChurners: "no" })).toThrow(
      new TypeError('customerLifetimeValue: includeNewChurners must be a boolean, got "no"'),
    );
  });

  test("needs a window when customers are not grouped by period", () => {
    const { window: _, ...noWindow } = options;
    // @ts-expect-error: testing a missing window from plain JavaScript
    expect(() => customerLifetimeValue([paying(1)], noWindow)).toThrow(
      "customerLifetimeValue: a stock metric needs the instant or window to measure when records are not grouped by period",
    );
  });
});

describe("customerLifetimeValue in the catalogue", () => {
  const window = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };

  test("has one entry per method, each building its method without being told", () => {
    const purchases = [purchase({ purchasedAt: "2024-03-10T00:00:00Z", amount: 50 })];
    const simple = { lifespan: 2, unit: "month", window } as const;
    const viaEntry = reduce(purchases, customerLifetimeValueMetric.reducer(simple));
    expect(viaEntry).toEqual(customerLifetimeValue(purchases, simple));
    // 50 × (1 purchase / 1 customer / (31 days in months)) × 2 months
    expect(viaEntry.value).toBeCloseTo((50 * 2 * LIFETIME_UNIT_MS.month) / (31 * DAY), 9);

    const customers = [
      customer({
        startedAt: "2024-01-10T00:00:00Z",
        mrr: [{ at: "2024-01-10T00:00:00Z", amount: 100 }],
      }),
      customer({
        startedAt: "2024-01-10T00:00:00Z",
        endedAt: "2024-03-20T00:00:00Z",
        mrr: [{ at: "2024-01-10T00:00:00Z", amount: 300 }],
      }),
    ];
    // ARPA (100 + 300) / 2 = 200; churn 1 of 2 = 50 %; 200 × 0.5 / 0.5 = 200. No method given:
    // the entry fixes it (the type asks for it, hence the cast).
    const margin = reduce(
      customers,
      marginLifetimeValueMetric.reducer({ grossMargin: 0.5, window } as never),
    );
    expect(margin).toMatchObject({ method: "margin-over-churn", value: 200 });
    expect([customerLifetimeValueMetric.function, marginLifetimeValueMetric.function]).toEqual([
      "customerLifetimeValue",
      "customerLifetimeValue",
    ]);
  });
});
