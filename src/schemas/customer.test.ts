import { describe, expect, test } from "vitest";
import { customerSchema, purchaseSchema, supportCostSchema } from "./customer.ts";
import { validateCustomers, validatePurchases, validateSupportCosts } from "./validate.ts";

const JAN = "2024-01-01T00:00:00Z";

describe("customerSchema", () => {
  test("fills every field", () => {
    expect(customerSchema().parse({ id: 5, startedAt: JAN })).toEqual({
      id: "5",
      startedAt: new Date(JAN),
      endedAt: null,
      acquisitionCost: null,
      segment: null,
      mrr: [],
    });
  });

  test("sorts MRR changes by time and keeps the rest", () => {
    const customer = customerSchema().parse({
      id: "c1",
      startedAt: JAN,
      endedAt: "2024-06-30T00:00:00Z",
      acquisitionCost: 250,
      segment: " pro ",
      mrr: [
        { at: "2024-03-01T00:00:00Z", amount: 99 },
        { at: JAN, amount: 49 },
      ],
    });
    expect(customer).toEqual({
      id: "c1",
      startedAt: new Date(JAN),
      endedAt: new Date("2024-06-30T00:00:00Z"),
      acquisitionCost: 250,
      segment: "pro",
      mrr: [
        { at: new Date(JAN), amount: 49 },
        { at: new Date("2024-03-01T00:00:00Z"), amount: 99 },
      ],
    });
  });

  test("endedAt before startedAt is rejected", () => {
    const { rejected } = validateCustomers([
      { id: 1, startedAt: JAN, endedAt: "2023-12-31T23:59:59Z" },
    ]);
    expect(rejected).toEqual([
      {
        index: 0,
        path: ["endedAt"],
        code: "custom",
        message: "must not be before startedAt",
        issues: [{ path: ["endedAt"], code: "custom", message: "must not be before startedAt" }],
      },
    ]);
  });

  test("a churn at the start instant is allowed", () => {
    expect(validateCustomers([{ id: 1, startedAt: JAN, endedAt: JAN }]).records).toHaveLength(1);
  });

  test("malformed fields are listed with their paths", () => {
    const { rejected } = validateCustomers([
      { id: 1 },
      { id: 1, startedAt: JAN, mrr: [{ at: JAN, amount: -1 }] },
      { id: 1, startedAt: JAN, acquisitionCost: "5" },
    ]);
    expect(rejected.map((r) => [r.index, r.path, r.message])).toEqual([
      [0, ["startedAt"], "is required"],
      [1, ["mrr", 0, "amount"], "must be at least 0"],
      [2, ["acquisitionCost"], "must be a number, got string"],
    ]);
  });
});

describe("purchaseSchema", () => {
  test("accepts refunds as negative amounts", () => {
    expect(purchaseSchema().parse({ customerId: 42, purchasedAt: 0, amount: -19.5 })).toEqual({
      id: null,
      customerId: "42",
      purchasedAt: new Date(0),
      amount: -19.5,
    });
  });

  test("rejects missing, non-numeric and infinite amounts", () => {
    const { rejected } = validatePurchases([
      { customerId: "c", purchasedAt: JAN },
      { customerId: "c", purchasedAt: JAN, amount: "9" },
      { customerId: "c", purchasedAt: JAN, amount: Number.POSITIVE_INFINITY },
      { purchasedAt: JAN, amount: 1 },
    ]);
    expect(rejected.map((r) => [r.index, r.path, r.message])).toEqual([
      [0, ["amount"], "is required"],
      [1, ["amount"], "must be a number, got string"],
      [2, ["amount"], "must be a number, got Infinity"],
      [3, ["customerId"], "is required"],
    ]);
  });
});

describe("supportCostSchema", () => {
  test("fills every field", () => {
    expect(
      supportCostSchema().parse({ incurredAt: "2024-01-31T00:00:00Z", amount: 12000, groupId: 3 }),
    ).toEqual({
      id: null,
      incurredAt: new Date("2024-01-31T00:00:00Z"),
      amount: 12000,
      channel: null,
      groupId: "3",
    });
  });

  test("rejects a missing date and a NaN amount", () => {
    const { rejected } = validateSupportCosts([
      { amount: 1 },
      { incurredAt: JAN, amount: Number.NaN },
    ]);
    expect(rejected.map((r) => [r.index, r.path, r.message])).toEqual([
      [0, ["incurredAt"], "is required"],
      [1, ["amount"], "must be a number, got NaN"],
    ]);
  });

  test("reads zone-less dates in the given zone", () => {
    // Midnight of 31 January in Sydney (+11:00, summer) is 13:00 UTC on the 30th.
    expect(
      validateSupportCosts([{ incurredAt: "2024-01-31", amount: 1 }], {
        timeZone: "Australia/Sydney",
      }).records[0]?.incurredAt,
    ).toEqual(new Date(Date.UTC(2024, 0, 30, 13)));
  });
});
