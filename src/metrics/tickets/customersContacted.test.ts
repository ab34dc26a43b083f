import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { stateFromJSON, stateToJSON } from "../../reduce/serialize.ts";
import { customersContacted, customersContactedReducer } from "./customersContacted.ts";

const t = (customerId: string | null, createdAt = "2024-03-01T09:00:00Z") =>
  ticket({ customerId, createdAt });

describe("customersContacted", () => {
  test("counts each customer once, however many tickets they opened", () => {
    // tickets by a, b, a, c, a → distinct {a, b, c} = 3; one ticket without a customer
    expect(customersContacted([t("a"), t("b"), t("a"), t("c"), t("a"), t(null)])).toEqual({
      value: 3,
      method: "exact",
      standardError: 0,
      excluded: { noCustomer: 1 },
    });
  });

  test("is 0, not null, with no ticket or no known customer", () => {
    expect(customersContacted([]).value).toBe(0);
    expect(customersContacted([t(null), t(null)])).toMatchObject({
      value: 0,
      excluded: { noCustomer: 2 },
    });
  });

  test("an absent customer id is unknown like null; an unchecked one is refused by name", () => {
    // a, then a ticket with no customerId field at all (plain JavaScript) → 1 customer, 1 excluded
    const absent = { createdAt: new Date("2024-03-01T09:00:00Z") } as never;
    expect(customersContacted([t("a"), absent])).toMatchObject({
      value: 1,
      excluded: { noCustomer: 1 },
    });
    const unchecked = (fields: object) => [{ ...t("a"), ...fields }] as never;
    expect(() => customersContacted(unchecked({ customerId: 42 }))).toThrow(
      'customersContacted: record 0 field "customerId" must be a string or null, got 42',
    );
    expect(() => customersContacted(unchecked({ createdAt: "2024-03-01" }))).toThrow(
      'customersContacted: record 0 field "createdAt" must be a valid Date, got "2024-03-01"',
    );
    // "" reaching the reducer is an id like any other (the schema reads an empty cell as null)
    const blank = { createdAt: new Date("2024-03-01T09:00:00Z"), customerId: "" };
    expect(customersContacted([blank, blank]).value).toBe(1);
  });

  test("a month is the distinct customers of its days, not the sum of the days' counts", () => {
    // 1 March: a, b; 2 March: b, c → per day 2 and 2, but 3 customers in March
    const tickets = [
      t("a", "2024-03-01T09:00:00Z"),
      t("b", "2024-03-01T10:00:00Z"),
      t("b", "2024-03-02T09:00:00Z"),
      t("c", "2024-03-02T10:00:00Z"),
    ];
    const metrics = { customers: customersContactedReducer() };
    const days = rollup(tickets, { by: { period: "day" }, metrics });
    const month = rollup(tickets, { by: { period: "month" }, metrics });
    expect(days.map((row) => row.customers.value)).toEqual([2, 2]);
    expect(month.map((row) => [row.period?.label, row.customers.value])).toEqual([["2024-03", 3]]);
  });

  test("with a HyperLogLog sketch, counts closely and says how", () => {
    // 20 000 distinct customers, each with two tickets; precision 12: SE = 1.04 / 64 = 1.625 %
    const createdAt = new Date("2024-03-01T09:00:00Z");
    const tickets = [];
    for (let i = 0; i < 20_000; i++) {
      tickets.push({ createdAt, customerId: `cust_${i}` }, { createdAt, customerId: `cust_${i}` });
    }
    const result = customersContacted(tickets, {
      distinct: { sketch: "hyperloglog", precision: 12 },
    });
    expect(result.method).toBe("hyperloglog(12)");
    expect(result.standardError).toBe(0.01625);
    expect(Number.isInteger(result.value)).toBe(true);
    expect(Math.abs(result.value / 20_000 - 1)).toBeLessThan(3 * 0.01625);
    // the default precision is 14
    expect(customersContacted([t("a")], { distinct: { sketch: "hyperloglog" } })).toEqual({
      value: 1,
      method: "hyperloglog(14)",
      standardError: 0.008125,
      excluded: { noCustomer: 0 },
    });
  });

  test("saves its state as JSON, and the saved state merges like the live one", () => {
    for (const distinct of ["exact", { sketch: "hyperloglog", precision: 10 }] as const) {
      const reducer = customersContactedReducer({ distinct });
      const a = reducer.init();
      const b = reducer.init();
      for (const id of ["x", "y", "z"]) reducer.add(a, t(id), undefined);
      for (const id of ["z", "w"]) reducer.add(b, t(id), undefined);
      const saved = stateFromJSON<typeof a>(stateToJSON(a));
      // x, y, z, w: 4 distinct (z in both)
      expect(reducer.result(reducer.merge(saved, b))).toEqual(reducer.result(reducer.merge(a, b)));
      expect(reducer.result(reducer.merge(saved, b)).value).toBe(4);
    }
  });

  test("refuses to merge an exact state with a sketch", () => {
    const exact = customersContactedReducer().init();
    const sketch = customersContactedReducer({ distinct: { sketch: "hyperloglog" } }).init();
    expect(() => customersContactedReducer().merge(exact, sketch)).toThrow(
      new TypeError(
        "distinct.merge: both states must count the same way, got exact and hyperloglog(14)",
      ),
    );
  });

  test("rejects a distinct option it cannot use", () => {
    expect(() => customersContacted([], { distinct: "approximate" as "exact" })).toThrow(
      new TypeError(
        'customersContacted: distinct must be "exact" or { sketch: "hyperloglog", precision? }, got "approximate"',
      ),
    );
    expect(() =>
      customersContacted([], { distinct: { sketch: "hyperloglog", precision: 30 } }),
    ).toThrow(
      new RangeError(
        "customersContacted: distinct.precision must be a whole number from 4 to 18, got 30",
      ),
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => customersContacted([], { distinctive: "exact" })).toThrow(
      new TypeError("customersContacted: distinctive is not an option of customersContacted"),
    );
  });
});
