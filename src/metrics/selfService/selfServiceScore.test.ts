import { describe, expect, test } from "vitest";
import { knowledgeBaseEngagement } from "./knowledgeBaseEngagement.ts";
import type { SelfServiceCustomersInput } from "./selfServiceCustomers.ts";
import { selfServiceScore } from "./selfServiceScore.ts";

const at = new Date("2024-03-01T09:00:00Z");
const s = (customerId: string | null) => ({
  startedAt: at,
  customerId,
  kind: "articleView" as const,
});
const t = (customerId: string | null) => ({ createdAt: at, customerId });

describe("selfServiceScore and knowledgeBaseEngagement", () => {
  test("hand-computed: users {a, b, c}, requesters {c, d}", () => {
    const records = [s("a"), s("b"), s("c"), s("a"), s(null), t("c"), t("d"), t("d"), t(null)];
    // score: 3 users / 2 requesters = 1.5
    expect(selfServiceScore(records)).toEqual({
      value: 1.5,
      users: 3,
      requesters: 2,
      method: "exact",
      standardError: 0,
      excluded: { anonymous: 2 },
    });
    // engagement: 3 of the 4 customers who sought help {a, b, c, d} used self-service = 75 %
    expect(knowledgeBaseEngagement(records)).toMatchObject({
      value: 75,
      numerator: 3,
      denominator: 4,
    });
  });

  test("no requester: the score is null; no customer at all: engagement is null", () => {
    expect(selfServiceScore([s("a")]).value).toBeNull();
    expect(knowledgeBaseEngagement([s(null)]).value).toBeNull();
  });

  test("with HyperLogLog sketches, the union is the merge of the two sketches", () => {
    // 3 000 users, 1 000 requesters of whom 500 are also users: either = 3 500
    const records = [];
    for (let i = 0; i < 3000; i++) records.push(s(`c${i}`));
    for (let i = 2500; i < 3500; i++) records.push(t(`c${i}`));
    const distinct = { sketch: "hyperloglog" as const, precision: 12 };
    const engagement = knowledgeBaseEngagement(records, { distinct });
    expect(engagement.method).toBe("hyperloglog(12)");
    // within 3 standard errors (1.625 % each) of 3 000 and 3 500
    expect(Math.abs(engagement.numerator / 3000 - 1)).toBeLessThan(3 * 0.01625);
    expect(Math.abs(engagement.denominator / 3500 - 1)).toBeLessThan(3 * 0.01625);
    expect(Math.abs(selfServiceScore(records, { distinct }).requesters / 1000 - 1)).toBeLessThan(
      3 * 0.01625,
    );
  });

  test("records that never went through the schema: a left-out customerId is anonymous", () => {
    const records = [
      { startedAt: at, kind: "search" },
      { createdAt: at },
      s("a"),
      t("a"),
    ] as SelfServiceCustomersInput[];
    // users {a}, requesters {a}: 1 / 1; both records without customerId are anonymous
    expect(selfServiceScore(records)).toMatchObject({
      value: 1,
      users: 1,
      requesters: 1,
      excluded: { anonymous: 2 },
    });
  });

  test("a junk field is a TypeError naming the record and the field", () => {
    const fails = (records: Record<string, unknown>[], message: string) => {
      const run = () => knowledgeBaseEngagement(records as SelfServiceCustomersInput[]);
      expect(run).toThrow(TypeError);
      expect(run).toThrow(message);
    };
    fails(
      [{ startedAt: "2024-03-01", customerId: "a", kind: "search" }],
      'knowledgeBaseEngagement: record 0 field "startedAt" must be a valid Date, got "2024-03-01"',
    );
    fails(
      [{ createdAt: at, customerId: 7 }],
      'knowledgeBaseEngagement: record 0 field "customerId" must be a string or null, got 7',
    );
  });
});
