import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { deflectionRate, deflectionRateReducer } from "./deflectionRate.ts";
import {
  knowledgeBaseEngagement,
  knowledgeBaseEngagementReducer,
} from "./knowledgeBaseEngagement.ts";
import { selfServiceScore, selfServiceScoreReducer } from "./selfServiceScore.ts";

const customer = fc.option(fc.constantFrom("a", "b", "c", "d"), { nil: null });
const instant = fc.integer({ min: 0, max: 72 }).map((h) => new Date(Date.UTC(2024, 2, 1, h)));
const record = fc.oneof(
  fc.record({
    startedAt: instant,
    customerId: customer,
    kind: fc.constantFrom("articleView" as const, "search" as const, "botFlow" as const),
  }),
  fc.record({ createdAt: instant, customerId: customer }),
);
const records = fc.array(record, { maxLength: 24 });

describe("self-service properties", () => {
  reducerLaws(() => deflectionRateReducer(), records);
  reducerLaws(() => selfServiceScoreReducer(), records);
  reducerLaws(() => knowledgeBaseEngagementReducer(), records);

  test("deflection agrees with a direct search over all pairs", () => {
    fc.assert(
      fc.property(records, (rs) => {
        const sessions = rs.filter((r) => "startedAt" in r && r.customerId !== null) as {
          startedAt: Date;
          customerId: string;
        }[];
        const tickets = rs.filter((r) => "createdAt" in r) as {
          createdAt: Date;
          customerId: string | null;
        }[];
        const deflected = sessions.filter(
          (s) =>
            !tickets.some(
              (t) =>
                t.customerId === s.customerId &&
                t.createdAt.getTime() >= s.startedAt.getTime() &&
                t.createdAt.getTime() <= s.startedAt.getTime() + 24 * 3_600_000,
            ),
        ).length;
        const result = deflectionRate(rs);
        expect([result.numerator, result.denominator]).toEqual([deflected, sessions.length]);
      }),
    );
  });

  test("score and engagement are the set sizes they say", () => {
    fc.assert(
      fc.property(records, (rs) => {
        const ids = (pick: (r: (typeof rs)[number]) => boolean) =>
          new Set(rs.filter(pick).flatMap((r) => (r.customerId === null ? [] : [r.customerId])));
        const users = ids((r) => "startedAt" in r);
        const requesters = ids((r) => "createdAt" in r);
        const either = new Set([...users, ...requesters]);
        expect(selfServiceScore(rs)).toMatchObject({
          users: users.size,
          requesters: requesters.size,
          value: requesters.size === 0 ? null : users.size / requesters.size,
        });
        const engagement = knowledgeBaseEngagement(rs);
        expect([engagement.numerator, engagement.denominator]).toEqual([users.size, either.size]);
        if (engagement.value !== null) expect(engagement.value).toBeLessThanOrEqual(100);
      }),
    );
  });
});
