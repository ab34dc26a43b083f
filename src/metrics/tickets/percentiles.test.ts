/**
 * The `percentiles` option, the same on every ticket duration metric: exact by default, or a
 * DDSketch whose percentiles are within the stated relative accuracy while `n`, `sum`, `mean`,
 * `min` and `max` stay exact, and whose states still merge exactly (the reducer laws).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { AnyReducer } from "../../reduce/reducer.ts";
import type { DurationResult, Percentiles } from "../../reduce/results.ts";
import { agentWaitTimeReducer } from "./agentWaitTime.ts";
import { firstResponseTimeReducer } from "./firstResponseTime.ts";
import { handleTimeReducer } from "./handleTime.ts";
import { onHoldTimeReducer } from "./onHoldTime.ts";
import { replyTimeReducer } from "./replyTime.ts";
import { requesterWaitTimeReducer } from "./requesterWaitTime.ts";
import { resolutionTimeReducer } from "./resolutionTime.ts";
import { statusTimeReducer } from "./statusTime.ts";

const START = Date.parse("2024-03-01T09:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A solved ticket with messages, status changes and a handle time, whose durations all depend
 * on `a`, `b` and `c` (seconds): new → open at +a (first reply), pending until +a+b, on hold
 * until +a+b+c, solved at +a+2b+c.
 */
function solved(a: number, b: number, c: number) {
  const at = (s: number) => iso(START + s * 1000);
  return ticket({
    createdAt: at(0),
    status: "solved",
    handleSeconds: a + c,
    messages: [
      { at: at(0), authorRole: "customer", public: true, automated: false },
      { at: at(a), authorRole: "agent", public: true, automated: false },
      { at: at(a + b), authorRole: "customer", public: true, automated: false },
      { at: at(a + 2 * b), authorRole: "agent", public: true, automated: false },
    ],
    statusChanges: [
      { at: at(a), status: "open" },
      { at: at(a + 1), status: "pending" },
      { at: at(a + b), status: "onHold" },
      { at: at(a + b + c), status: "open" },
      { at: at(a + 2 * b + c), status: "solved" },
    ],
  });
}

type Make = (percentiles?: Percentiles) => AnyReducer;
const METRICS: [string, Make][] = [
  ["firstResponseTime", (p) => firstResponseTimeReducer(p ? { percentiles: p } : {})],
  ["replyTime", (p) => replyTimeReducer(p ? { percentiles: p } : {})],
  ["resolutionTime", (p) => resolutionTimeReducer(p ? { percentiles: p } : {})],
  ["handleTime", (p) => handleTimeReducer(p ? { percentiles: p } : {})],
  [
    "statusTime",
    (p) => statusTimeReducer({ statuses: ["pending", "onHold"], ...(p ? { percentiles: p } : {}) }),
  ],
  ["agentWaitTime", (p) => agentWaitTimeReducer(p ? { percentiles: p } : {})],
  ["onHoldTime", (p) => onHoldTimeReducer(p ? { percentiles: p } : {})],
  ["requesterWaitTime", (p) => requesterWaitTimeReducer(p ? { percentiles: p } : {})],
];

const tickets = Array.from({ length: 200 }, (_, i) =>
  solved(10 + ((i * 37) % 3600), 60 + ((i * 101) % 86_400), 5 + ((i * 13) % 7200)),
);

describe.each(METRICS)("%s percentiles", (name, make) => {
  test("exact by default, and says so", () => {
    expect(reduce(tickets, make()).percentiles).toBe("exact");
    expect(reduce(tickets, make("exact"))).toEqual(reduce(tickets, make()));
  });

  test("with a sketch: n, sum, mean, min, max exact; median, p90, p95 within α", () => {
    const exact = reduce(tickets, make()) as DurationResult;
    for (const relativeAccuracy of [0.01, 0.05]) {
      const sketched = reduce(
        tickets,
        make({ sketch: "ddsketch", relativeAccuracy }),
      ) as DurationResult;
      expect(exact.n).toBeGreaterThan(100);
      expect(sketched.percentiles).toBe(`ddsketch(${relativeAccuracy})`);
      const { median, p90, p95, percentiles: _, ...rest } = sketched;
      const { median: m, p90: q90, p95: q95, percentiles: __, ...exactRest } = exact;
      expect(rest).toEqual(exactRest);
      for (const [got, want] of [
        [median, m],
        [p90, q90],
        [p95, q95],
      ] as [number, number][]) {
        expect(Math.abs(got - want)).toBeLessThanOrEqual(relativeAccuracy * want * (1 + 1e-9));
      }
    }
    // The default accuracy is 1 %.
    expect(reduce(tickets, make({ sketch: "ddsketch" })).percentiles).toBe("ddsketch(0.01)");
  });

  test("refuses a bad percentiles option, naming the metric", () => {
    expect(() => make("approx" as "exact")).toThrow(
      new TypeError(
        `${name}: percentiles must be "exact" or { sketch: "ddsketch", relativeAccuracy? }, got "approx"`,
      ),
    );
    expect(() => make({ sketch: "ddsketch", relativeAccuracy: 0 })).toThrow(
      new RangeError(
        `${name}: percentiles.relativeAccuracy must be a number greater than 0 and less than 1, got 0`,
      ),
    );
  });

  describe("laws with a sketch", () => {
    const records = fc.array(
      fc
        .tuple(
          fc.integer({ min: 1, max: 86_400 }),
          fc.integer({ min: 2, max: 86_400 }),
          fc.integer({ min: 1, max: 86_400 }),
        )
        .map(([a, b, c]) => solved(a, b, c)),
      { maxLength: 12 },
    );
    reducerLaws(() => make({ sketch: "ddsketch", relativeAccuracy: 0.02 }), records, {
      numRuns: 30,
    });
  });
});
