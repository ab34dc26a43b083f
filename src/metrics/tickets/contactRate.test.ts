import { describe, expect, test } from "vitest";
import { customer, ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import {
  type ContactRateInput,
  contactRate,
  contactRateReducer,
  isCustomer,
} from "./contactRate.ts";

const ZERO = { outsideWindow: 0, inactive: 0, noCustomer: 0 };
const march = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };

describe("contactRate", () => {
  const items = [
    customer({ id: "a", startedAt: "2024-01-01T00:00:00Z" }),
    customer({ id: "b", startedAt: "2024-03-31T00:00:00Z" }), // joined on the last day: active
    customer({ id: "c", startedAt: "2023-06-01T00:00:00Z", endedAt: "2024-03-02T00:00:00Z" }), // lost in March: active
    customer({ id: "d", startedAt: "2023-06-01T00:00:00Z", endedAt: "2024-03-01T00:00:00Z" }), // lost as March began
    customer({ id: "e", startedAt: "2024-04-01T00:00:00Z" }), // joined as March ended
    ticket({ createdAt: "2024-03-05T00:00:00Z", customerId: "a" }),
    ticket({ createdAt: "2024-03-06T00:00:00Z", customerId: "a" }),
    ticket({ createdAt: "2024-03-01T00:00:00Z", customerId: "c" }),
    ticket({ createdAt: "2024-03-20T00:00:00Z" }), // no customer id
    ticket({ createdAt: "2024-04-01T00:00:00Z", customerId: "b" }), // after the window
    ticket({ createdAt: "2024-02-29T23:59:59Z", customerId: "b" }), // before it
  ];

  test("is contacts per 100 active customers", () => {
    // March is [S, E). Active in it: a, b, c = 3. d was lost at S: its span reaches the
    // window by its end, so it is looked at, but it is present at no instant of it (inactive);
    // e joined at E, in April: not looked at.
    // tickets created in March: 4 → 100 × 4 / 3 = 133.33
    const result = contactRate(items, { window: march });
    expect(result).toEqual({
      value: (100 * 4) / 3,
      numerator: 4,
      denominator: 3,
      count: "tickets",
      excluded: { outsideWindow: 2, inactive: 1, noCustomer: 0 },
    });
    expect(result.value).toBeCloseTo(133.33, 2);
  });

  test('count "customers" counts distinct customers who contacted support', () => {
    // a (twice) and c → 2 distinct of 3 active → 66.67 %; the ticket without customer is excluded
    expect(contactRate(items, { window: march, count: "customers" })).toEqual({
      value: (100 * 2) / 3,
      numerator: 2,
      denominator: 3,
      count: "customers",
      excluded: { outsideWindow: 2, inactive: 1, noCustomer: 1 },
    });
  });

  test("has no value without an active customer", () => {
    expect(contactRate([], { window: march })).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      count: "tickets",
      excluded: ZERO,
    });
    // tickets but no customers: nothing to divide by
    expect(
      contactRate([ticket({ createdAt: "2024-03-05T00:00:00Z" })], { window: march }),
    ).toMatchObject({
      value: null,
      numerator: 1,
      denominator: 0,
    });
  });

  test("a single active customer without contact gives 0", () => {
    expect(contactRate([customer({ id: "a" })], { window: march }).value).toBe(0);
  });

  test("every record excluded gives no value", () => {
    const outside = [
      customer({ id: "d", startedAt: "2023-06-01T00:00:00Z", endedAt: "2024-03-01T00:00:00Z" }),
      ticket({ createdAt: "2024-04-02T00:00:00Z", customerId: "d" }),
    ];
    expect(contactRate(outside, { window: march })).toMatchObject({
      value: null,
      excluded: { ...ZERO, inactive: 1, outsideWindow: 1 },
    });
  });

  test("a customer with two records is one active customer", () => {
    const twice = [
      customer({ id: "a" }),
      customer({ id: "a" }),
      ticket({ createdAt: "2024-03-05T00:00:00Z", customerId: "a" }),
    ];
    expect(contactRate(twice, { window: march })).toMatchObject({ value: 100, denominator: 1 });
  });

  test("in a rollup by month each month is a window, with and without a range", () => {
    const all = [
      customer({ id: "c1", startedAt: "2024-01-01T00:00:00Z" }),
      customer({ id: "c2", startedAt: "2024-02-15T00:00:00Z" }),
      customer({ id: "c3", startedAt: "2024-01-01T00:00:00Z", endedAt: "2024-02-01T00:00:00Z" }),
      ticket({ createdAt: "2024-01-10T00:00:00Z", customerId: "c1" }),
      ticket({ createdAt: "2024-01-20T00:00:00Z", customerId: "c1" }),
      ticket({ createdAt: "2024-01-25T00:00:00Z", customerId: "c3" }),
      ticket({ createdAt: "2024-02-20T00:00:00Z", customerId: "c2" }),
      ticket({ createdAt: "2024-03-03T00:00:00Z", customerId: "c1" }),
      ticket({ createdAt: "2024-03-05T00:00:00Z" }),
    ];
    const metrics = {
      tickets: contactRateReducer(),
      customers: contactRateReducer({ count: "customers" }),
    };
    const show = (rows: ReturnType<typeof rollup<(typeof all)[number], typeof metrics>>) =>
      rows.map((row) => [
        row.period?.label,
        row.tickets.numerator,
        row.tickets.denominator,
        row.tickets.value,
        row.customers.value,
        row.tickets.excluded,
      ]);
    // January: active c1, c3; 3 tickets → 150 %; contacting c1, c3 → 100 %
    // February: active c1, c2 (c3 was lost as February began: inactive); 1 ticket → 50 %
    // March: active c1, c2; 2 tickets → 100 %; contacting c1 only → 50 %
    const expected = [
      ["2024-01", 3, 2, 150, 100, ZERO],
      ["2024-02", 1, 2, 50, 50, { ...ZERO, inactive: 1 }],
      ["2024-03", 2, 2, 100, 50, ZERO],
    ];
    // Without a range the rows are those months: c1 and c3 start at 00:00 on 1 January,
    // January's first instant (periods are half-open), so no December row.
    expect(show(rollup(all, { by: { period: "month" }, metrics }))).toEqual(expected);
    // with a range: December has no customer at all (c1 and c3 start in January);
    // April has c1 and c2 active and no contact
    expect(
      show(
        rollup(all, {
          by: { period: "month" },
          metrics,
          range: { start: "2023-12-01", end: "2024-05-01" },
        }),
      ),
    ).toEqual([["2023-12", 0, 0, null, null, ZERO], ...expected, ["2024-04", 0, 2, 0, 0, ZERO]]);
  });

  test("merged months count each customer once", () => {
    const reducer = contactRateReducer();
    const january = {
      start: Date.parse("2024-01-01T00:00:00Z"),
      end: Date.parse("2024-02-01T00:00:00Z"),
    };
    const february = { start: january.end, end: Date.parse("2024-03-01T00:00:00Z") };
    const a = customer({ id: "a" });
    const jan = reducer.init();
    reducer.add(jan, a, january);
    reducer.add(jan, ticket({ createdAt: "2024-01-05T00:00:00Z", customerId: "a" }), january);
    const feb = reducer.init();
    reducer.add(feb, a, february);
    // January–February: 1 active customer, 1 ticket
    expect(reducer.result(reducer.merge(jan, feb))).toMatchObject({ value: 100, denominator: 1 });
  });

  describe("records that never went through the schema", () => {
    const since = new Date("2024-01-01T00:00:00Z");
    const fails = (run: () => unknown, message: string) => {
      expect(run).toThrow(TypeError);
      expect(run).toThrow(message);
    };

    test("a field left out is unknown, as null is", () => {
      // a customer without endedAt is still active; a ticket without customerId names nobody
      const items = [
        { id: "a", startedAt: since },
        { createdAt: new Date("2024-03-05T00:00:00Z") },
      ] as ContactRateInput[];
      // tickets: 1 ticket of 1 active customer = 100 %; customers: the ticket has no customer
      expect(contactRate(items, { window: march })).toMatchObject({ value: 100, denominator: 1 });
      expect(contactRate(items, { window: march, count: "customers" })).toMatchObject({
        value: 0,
        numerator: 0,
        excluded: { ...ZERO, noCustomer: 1 },
      });
    });

    test("a junk field is a TypeError naming the record and the field", () => {
      const junk = (record: Record<string, unknown>) => [record] as ContactRateInput[];
      fails(
        () =>
          contactRate(junk({ id: "a", startedAt: since, endedAt: "2024-03-02" }), {
            window: march,
          }),
        'contactRate: record 0 field "endedAt" must be a valid Date or null, got "2024-03-02"',
      );
      fails(
        () => contactRate(junk({ id: 7, startedAt: since, endedAt: null }), { window: march }),
        'contactRate: record 0 field "id" must be a string, got 7',
      );
      fails(
        () =>
          contactRate(junk({ createdAt: new Date("2024-03-05T00:00:00Z"), customerId: 7 }), {
            window: march,
            count: "customers",
          }),
        'contactRate: record 0 field "customerId" must be a string or null, got 7',
      );
      // in a rollup the ticket's instant is read first to place it
      fails(
        () =>
          rollup(junk({ createdAt: "2024-03-05", customerId: "a" }), {
            by: { period: "month" },
            metrics: { rate: contactRateReducer() },
          }),
        'contactRate: record 0 field "createdAt" must be a valid Date, got "2024-03-05"',
      );
    });
  });

  test("add measures [start, end): a customer who starts at the window's end is inactive", () => {
    const reducer = contactRateReducer();
    const window = { start: Date.parse(march.start), end: Date.parse(march.end) };
    const state = reducer.init();
    reducer.add(state, customer({ id: "e", startedAt: march.end }), window);
    reducer.add(state, customer({ id: "a", startedAt: "2024-03-31T23:59:59Z" }), window);
    // a is active (its last second), e is not: 0 tickets of 1 active customer
    expect(reducer.result(state)).toMatchObject({
      value: 0,
      denominator: 1,
      excluded: { ...ZERO, inactive: 1 },
    });
    // without a window there is nothing to measure
    expect(() => reducer.add(state, customer({ id: "b" }), undefined)).toThrow(
      new TypeError("contactRate: add needs the window to measure, got undefined"),
    );
  });

  test("tells customers from tickets by startedAt", () => {
    expect(isCustomer(customer())).toBe(true);
    expect(isCustomer(ticket())).toBe(false);
  });

  test("needs the window to measure", () => {
    // @ts-expect-error: testing a missing window from plain JavaScript
    expect(() => contactRate([], {})).toThrow(
      "contactRate: a stock metric needs the instant or window to measure when records are not grouped by period",
    );
  });

  test("rejects bad options", () => {
    expect(() => contactRate([], { window: { start: march.end, end: march.start } })).toThrow(
      "contactRate: window must not end before it starts, got an object",
    );
    expect(() => contactRate([], { window: { start: march.start, end: march.start } })).toThrow(
      "contactRate: window must end after it starts, got an object",
    );
    expect(() => contactRate([], { window: { start: "2024-03-01", end: march.end } })).toThrow(
      'contactRate: window.start must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got "2024-03-01"',
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => contactRate([], { window: march, count: "orders" })).toThrow(
      'contactRate: count must be one of tickets, customers, got "orders"',
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => contactRate([], { window: march, counts: "customers" })).toThrow(
      new TypeError("contactRate: counts is not an option of contactRate"),
    );
  });
});
