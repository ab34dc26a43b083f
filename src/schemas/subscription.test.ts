import { describe, expect, test } from "vitest";
import { subscriptionCohorts } from "../economics/cohorts.ts";
import { signupSchema, subscriptionChangeSchema } from "./subscription.ts";
import { validateSignups, validateSubscriptionChanges } from "./validate.ts";

describe("subscriptionChangeSchema", () => {
  test("reads ids as text, an absent amount as unknown, 0 as a cancellation", () => {
    const schema = subscriptionChangeSchema();
    expect(schema.parse({ customerId: 42, at: "2024-03-01T00:00:00Z", mrr: 49.5 })).toEqual({
      customerId: "42",
      at: new Date("2024-03-01T00:00:00Z"),
      mrr: 49.5,
    });
    expect(schema.parse({ customerId: "a", at: 0 }).mrr).toBeNull();
    expect(schema.parse({ customerId: "a", at: 0, mrr: 0 }).mrr).toBe(0);
  });

  test("refuses a negative amount, a missing customer and a missing instant", () => {
    const schema = subscriptionChangeSchema();
    expect(schema.safeParse({ customerId: "a", at: 0, mrr: -1 }).success).toBe(false);
    expect(schema.safeParse({ at: 0, mrr: 10 }).success).toBe(false);
    expect(schema.safeParse({ customerId: "a", mrr: 10 }).success).toBe(false);
  });

  test("reads zone-less timestamps in the zone given", () => {
    // 2024-07-01 00:00 in Berlin (summer, UTC+2) is 2024-06-30 22:00 UTC.
    const change = subscriptionChangeSchema({ timeZone: "Europe/Berlin" }).parse({
      customerId: "a",
      at: "2024-07-01 00:00",
      mrr: 10,
    });
    expect(change.at.toISOString()).toBe("2024-06-30T22:00:00.000Z");
  });

  test("its records feed the subscription cohort triangle as they are", () => {
    const { records, rejected } = validateSubscriptionChanges([
      { customerId: "a", at: "2024-01-03T00:00:00Z", mrr: 50 },
      { customerId: "b", at: "2024-01-15T00:00:00Z", mrr: "30" },
      { customerId: "b", at: "2024-02-10T00:00:00Z", mrr: 0 },
    ]);
    expect(rejected.map((r) => [r.index, r.path])).toEqual([[1, ["mrr"]]]);
    // January: a pays 50 at the month's end; February: still a only (b never counted).
    expect(
      subscriptionCohorts(records, { asOf: "2024-02-29T00:00:00Z" }).map((row) => [
        row.periodsSince,
        row.customers,
        row.revenue,
      ]),
    ).toEqual([
      [0, 1, 50],
      [1, 1, 50],
    ]);
  });
});

describe("signupSchema", () => {
  test("activation and sign-up may be unknown; activation before sign-up is refused", () => {
    expect(signupSchema().parse({ customerId: "c1" })).toEqual({
      customerId: "c1",
      signedUpAt: null,
      activatedAt: null,
    });
    const { records, rejected } = validateSignups([
      { customerId: "c1", signedUpAt: "2024-03-01T09:00:00Z", activatedAt: "2024-03-01T09:00:00Z" },
      { customerId: "c2", signedUpAt: "2024-03-01T09:00:00Z", activatedAt: "2024-03-01T08:59:59Z" },
    ]);
    expect(records.map((r) => r.customerId)).toEqual(["c1"]);
    expect(rejected.map((r) => [r.index, r.path, r.message])).toEqual([
      [1, ["activatedAt"], "must not be before signedUpAt"],
    ]);
  });
});
