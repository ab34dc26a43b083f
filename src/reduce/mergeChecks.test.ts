/**
 * Issue 12: merging checks what it merges. Each case once merged silently into a wrong
 * number (a volume of 3 merged with "5" gave "35"; FCR 100 merged by another metric became
 * 50), or ran for seconds; now each is refused with an error that says why.
 */
import { describe, expect, test } from "vitest";
import { survey, ticket } from "../../test/fixtures.ts";
import { rollupReducer } from "../aggregate/rollup.ts";
import { csatMetric } from "../metrics/surveys/csat.ts";
import { backlogReducer } from "../metrics/tickets/backlog.ts";
import { firstContactResolutionMetric } from "../metrics/tickets/firstContactResolution.ts";
import { firstResponseTimeMetric } from "../metrics/tickets/firstResponseTime.ts";
import { reopenRateMetric } from "../metrics/tickets/reopenRate.ts";
import { ticketVolumeMetric, ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { madeBy } from "./provenance.ts";
import type { AnyReducer } from "./reducer.ts";
import { exactSum, mergeExcluded } from "./results.ts";
import { stateFromJSON, stateToJSON } from "./serialize.ts";
import { addToSketch, createSketch, mergeSketches, sketchSum } from "./sketch.ts";

const QUICK = 5_000;

function fold(reducer: AnyReducer, items: readonly unknown[]) {
  const state = reducer.init();
  for (const item of items) reducer.add(state, item, reducer.window);
  return state;
}

/** A saved state with one field replaced in its JSON text. */
function tampered(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

describe("counts are validated on read", () => {
  const volume = ticketVolumeMetric.reducer();
  const text = stateToJSON(fold(volume, [ticket(), ticket(), ticket()]), volume);

  test("a state written with its reducer reads back and merges", () => {
    const state = stateFromJSON(text, volume);
    // 3 + 3 tickets.
    expect(volume.result(volume.merge(state, state)).value).toBe(6);
  });

  test.each([
    ["NaN", '{"$":"number","value":"NaN"}', "must be finite, got NaN"],
    ["-5", "-5", "must be a whole number at least 0, got -5"],
    ["0.5", "0.5", "must be a whole number at least 0, got 0.5"],
    ['"5"', '"5"', 'must be a number, got "5"'],
  ])("a count of %s is refused", (_what, count, message) => {
    const bad = tampered(text, '"count":3', `"count":${count}`);
    expect(() => stateFromJSON(bad, volume)).toThrow(
      new TypeError(`stateFromJSON: state.count ${message}`),
    );
  });

  test("an exclusion count is checked like any count", () => {
    const fcr = firstContactResolutionMetric.reducer();
    const saved = stateToJSON(fold(fcr, [ticket()]), fcr);
    const bad = tampered(saved, '"unresolved":1', '"unresolved":-1');
    expect(() => stateFromJSON(bad, fcr)).toThrow(
      "stateFromJSON: state.excluded.unresolved must be a whole number at least 0, got -1",
    );
  });

  test("a field a fresh state does not have is refused", () => {
    const bad = tampered(text, '"count":3', '"count":3,"extra":1');
    expect(() => stateFromJSON(bad, volume)).toThrow(
      "stateFromJSON: state.extra must not be there (a fresh state has no such field), got 1",
    );
  });
});

describe("a state is merged only by the reducer that made it", () => {
  test("FCR's state is refused by reopen rate (both are ratios)", () => {
    const fcr = firstContactResolutionMetric.reducer();
    const saved = stateToJSON(fold(fcr, [ticket()]), fcr);
    expect(() => stateFromJSON(saved, reopenRateMetric.reducer())).toThrow(
      /^stateFromJSON: json must be a state made by reopenRate with the same options \(metric, options, zone, period, keys\), got one made by firstContactResolution/,
    );
  });

  test("the same metric with other options is refused (CSAT's top box)", () => {
    const top4 = csatMetric.reducer({ topBoxFrom: 4 });
    const saved = stateToJSON(fold(top4, [survey("csat", 4)]), top4);
    expect(() => stateFromJSON(saved, csatMetric.reducer({ topBoxFrom: 5 }))).toThrow(
      /json must be a state made by csat with the same options \(metric, options, zone, period, keys\), got one made by csat with other options/,
    );
    expect(stateFromJSON(saved, csatMetric.reducer({ topBoxFrom: 4 }))).toMatchObject({
      satisfied: 1,
    });
  });

  test("a sketch is refused where an exact state is expected, and the other way round", () => {
    const exact = firstResponseTimeMetric.reducer();
    const sketched = firstResponseTimeMetric.reducer({ percentiles: { sketch: "ddsketch" } });
    expect(madeBy(exact)).not.toBe(madeBy(sketched));
    const saved = stateToJSON(sketched.init(), sketched);
    expect(() => stateFromJSON(saved, exact)).toThrow(TypeError);
    expect(() => stateFromJSON(stateToJSON(exact.init(), exact), sketched)).toThrow(TypeError);
    // Even written without its maker, the shape gives it away.
    const bare = JSON.parse(saved);
    bare.made = madeBy(exact);
    expect(() => stateFromJSON(bare, exact)).toThrow(
      "stateFromJSON: state.sketch must not be there (a fresh state has no such field)",
    );
  });

  test("a state that does not say what made it is refused when a reducer is given", () => {
    const volume = ticketVolumeMetric.reducer();
    expect(() => stateFromJSON(stateToJSON(volume.init()), volume)).toThrow(
      /got one that does not say what made it \(write it with stateToJSON\(state, reducer\)\)/,
    );
  });
});

describe("mergeExcluded", () => {
  test("reads own properties only: reasons named like Object.prototype's are counts", () => {
    // Before: out.constructor was Object itself, and Object + 2 gave a string.
    const a: Record<string, number> = { constructor: 1 };
    expect(mergeExcluded(a, { constructor: 2, toString: 4 })).toEqual({
      constructor: 3,
      toString: 4,
    });
    const merged = mergeExcluded({}, JSON.parse('{"__proto__": 2}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, "__proto__")).toBe(true);
  });

  test.each([Number.NaN, -5, 0.5, "5"])("refuses a count of %s", (count) => {
    expect(() => mergeExcluded({ a: 3 }, { a: count as number })).toThrow(TypeError);
  });
});

describe("sketches", () => {
  test(
    "a sketch whose partial sums are NaN is refused, not merged in quadratic time",
    () => {
      const a = createSketch();
      addToSketch(a, 1);
      const hostile = { ...a, sumPartials: new Array(20_000).fill(Number.NaN) };
      expect(() => mergeSketches(hostile, hostile)).toThrow(
        "mergeSketches: a.sumPartials must hold finite numbers, got NaN",
      );
    },
    QUICK,
  );

  test("counts must add up to the bins", () => {
    const a = createSketch();
    addToSketch(a, 1);
    expect(() => mergeSketches({ ...a, count: 5 }, a)).toThrow(
      "mergeSketches: a.count must equal the counts of its bins, got 5",
    );
  });

  test(
    "merging many sketches pairwise stays exact and fast (partials added into a fresh sum)",
    () => {
      const values: number[] = [];
      let merged = createSketch();
      for (let s = 0; s < 200; s++) {
        const part = createSketch();
        for (let i = 0; i < 50; i++) {
          // Values of very different magnitudes, so that plain addition would lose digits.
          const value = ((s * 50 + i) % 7) * 10 ** ((i % 30) - 15) + 0.1;
          values.push(value);
          addToSketch(part, value);
        }
        merged = mergeSketches(merged, part);
      }
      expect(merged.count).toBe(10_000);
      expect(sketchSum(merged)).toBe(exactSum(values));
      expect(merged.sumPartials.length).toBeLessThan(45);
    },
    QUICK,
  );
});

describe("rollup states (issue 12)", () => {
  const by = { period: "month" as const };
  const made = (options: Record<string, unknown>) =>
    rollupReducer({
      by,
      timeZone: "UTC",
      metrics: { volume: ticketVolumeReducer(), backlog: backlogReducer() },
      ...options,
    } as never) as AnyReducer;

  test.each([
    ["another zone", { timeZone: "Pacific/Auckland" }],
    ["another period", { by: { period: "day" } }],
    ["another key set", { by: { period: "month", channel: "channel" } }],
    [
      "another metric order",
      { metrics: { backlog: backlogReducer(), volume: ticketVolumeReducer() } },
    ],
  ])("a state made with %s is refused by merge and by stateFromJSON", (_what, options) => {
    const reducer = made({});
    const other = made(options);
    const theirs = fold(other, [ticket()]);
    expect(() => reducer.merge(reducer.init(), theirs)).toThrow(
      /^rollup: b must be a state of this rollup \(same zone, period, keys and metrics in the same order, with the same options\), got one made by another/,
    );
    expect(() => stateFromJSON(stateToJSON(theirs, other), reducer)).toThrow(
      /json must be a state made by rollup/,
    );
  });

  test(
    "a saved state holding one open span from −8e15 is refused at once (it ran past 60 s)",
    () => {
      const reducer = made({});
      const open = ticket({ createdAt: "2024-03-01T09:00:00Z", status: "open" });
      const text = stateToJSON(fold(reducer, [open]), reducer);
      const start = String(Date.parse("2024-03-01T09:00:00Z"));
      const bad = tampered(text, `"start":${start}`, '"start":-8000000000000000');
      expect(() => stateFromJSON(bad, reducer)).toThrow(
        "stateFromJSON: state.pending[0].span must run between supported instants (years 0000-9999), got -8000000000000000",
      );
      // Read without the reducer, the merge still refuses it.
      expect(() => reducer.merge(stateFromJSON(bad), reducer.init())).toThrow(
        "rollup: state.pending[0].span must run between supported instants",
      );
    },
    QUICK,
  );

  test("a state of the same rollup reads back and gives the same rows", () => {
    const reducer = made({});
    const state = fold(reducer, [ticket(), ticket({ createdAt: "2024-04-02T10:00:00Z" })]);
    const back = stateFromJSON(stateToJSON(state, reducer), reducer);
    expect(reducer.result(back)).toEqual(reducer.result(state));
  });
});
