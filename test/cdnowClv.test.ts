/**
 * The CLV walk of docs/customer-economics.md (sections 1–5), run by `npm run demo:clv`
 * (examples/cdnowClv.ts): every figure the page prints, from CDNOW's raw log.
 */
import { describe, expect, test } from "vitest";
import { cdnowClvWalk } from "../examples/cdnowClv.ts";

const walk = cdnowClvWalk();

function near(actual: number | null, expected: number, digits: number): void {
  expect(actual, `${actual} vs ${expected}`).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(0.5 * 10 ** -digits);
}

describe("CDNOW from the transaction log to a CLV table", () => {
  test("reads every purchase and leaves out the 1,959 after the calibration period", () => {
    expect([walk.transactions, walk.rejected, walk.excluded]).toEqual([
      6919,
      0,
      { afterAsOf: 1959, refund: 0 },
    ]);
    expect(walk.table.length).toBe(2357);
    expect(walk.table.filter((line) => line.frequency > 0).length).toBe(946);
  });

  test("fits the published models (CLVTools' values on the raw log)", () => {
    const { purchases: f, spend: g } = walk;
    near(f.r, 0.2426, 4);
    near(f.alpha, 4.4136, 4);
    near(f.a, 0.7929, 4);
    near(f.b, 2.4259, 4);
    near(f.logLikelihood, -9582.429, 3);
    near(g.p, 6.2496, 4);
    near(g.q, 3.7442, 4);
    near(g.gamma, 15.4435, 4);
    near(g.logLikelihood, -4055.9177, 4);
  });

  test.each([
    // customer, x, P(alive), purchases in the next 52 weeks, E[M], CLV over 12 months
    ["0001", 2, 0.727, 1.559, 24.65, 35.87],
    ["0002", 1, 0.212, 0.26, 18.91, 4.59],
    ["0003", 0, 1, 0.252, 35.17, 8.24],
    ["0006", 7, 0.642, 4.2, 71.46, 280.52],
  ] as const)("the docs' table row of customer %s", (id, x, alive, nextYear, spend, clv) => {
    const line = walk.table.find((candidate) => candidate.customerId === id);
    expect(line?.frequency).toBe(x);
    near(line?.probabilityAlive ?? null, alive, 3);
    near(line?.nextYear ?? null, nextYear, 3);
    near(line?.expectedSpend ?? null, spend, 2);
    near(line?.clv ?? null, clv, 2);
  });

  test("the 12-month value of all customers: $70,727, $30.01 a customer", () => {
    near(walk.total, 70727, 0);
    near(walk.total / walk.table.length, 30.01, 2);
  });
});
