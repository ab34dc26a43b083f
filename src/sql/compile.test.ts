import { describe, expect, test } from "vitest";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { compileRollup, SqlRefusedError, sqlSupport } from "./compile.ts";

const COLUMNS = [
  "id",
  "createdAt",
  "firstResponseAt",
  "firstResolvedAt",
  "escalated",
  "handleSeconds",
];
const metric = (name: string) => findMetric(name) as unknown as MetricDefinition;

describe("compileRollup's refusals", () => {
  test("a duration's interval is refused: its query returns no values to take one from", () => {
    const reason =
      "a duration's interval needs every value, which the compiled query does not return";
    for (const name of ["frt", "resolution", "handle"]) {
      expect(sqlSupport(name, metric(name), { interval: true }, COLUMNS)).toEqual({ reason });
      // Without it, or with it off, the same metric compiles.
      expect(sqlSupport(name, metric(name), { interval: false }, COLUMNS).resolved).toBeDefined();
      expect(sqlSupport(name, metric(name), {}, COLUMNS).resolved).toBeDefined();
    }
    // A rate's interval is computed from the counts the query returns.
    expect(
      sqlSupport("escalation", metric("escalation"), { interval: true }, COLUMNS).resolved,
    ).toBeDefined();
    const refused = (() => {
      try {
        compileRollup({
          relation: { name: "tickets", columns: COLUMNS },
          metrics: { frt: { metric: metric("frt"), options: { interval: { level: 0.9 } } } },
        });
      } catch (error) {
        if (error instanceof SqlRefusedError) return error.refusals;
        throw error;
      }
      return [];
    })();
    expect(refused).toEqual([{ name: "frt", reason }]);
  });
});
