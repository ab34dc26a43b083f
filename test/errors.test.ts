/**
 * The error grammar, pinned for every public function: a mistake in an option or argument
 * throws a `TypeError` (wrong kind of value) or a `RangeError` (out of range) whose message
 * reads `fn: what must be …, got value` (or `fn: name is not an option of fn`), with the
 * value shown briefly (`show`). Every catalogue metric is checked through its reducer; the
 * other public functions each with a typical mistake.
 */
import { describe, expect, test } from "vitest";
import * as root from "../src/index.ts";
import { catalogue } from "../src/metrics/catalogue.ts";
import { optionNames, requiredOptions } from "../src/metrics/define.ts";

/** `fn: path must …, got …` / `fn: path is …` / `fn: name is not an option of fn`. */
function grammar(fn: string): RegExp {
  return new RegExp(`^${fn}: \\S.* (must|needs|is not an option of ${fn}|is not|cannot)\\b.*`);
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

describe("every catalogue metric", () => {
  describe.each(catalogue.map((metric) => [metric.name, metric] as const))("%s", (_, metric) => {
    test("refuses an option it does not take, naming it", () => {
      const error = thrown(() => metric.reducer({ notAnOption: 1 } as never));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toMatch(grammar(metric.function));
    });

    test("refuses an option of the wrong kind, with what it must be and what it got", () => {
      const options = optionNames(metric);
      if (options.length === 0) return;
      // A Symbol is no option's kind of value.
      const bad: Record<string, unknown> = { [options[0] as string]: Symbol("bad") };
      for (const required of requiredOptions(metric)) {
        if (required !== options[0]) bad[required] = undefined;
      }
      const error = thrown(() => metric.reducer(bad as never));
      expect(error.constructor === TypeError || error.constructor === RangeError).toBe(true);
      expect(error.message).toMatch(grammar(metric.function));
      expect(error.message).toMatch(/, got |is required|must be given/);
    });

    test("refuses options that are not an object", () => {
      const error = thrown(() => metric.reducer(5 as never));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe(`${metric.function}: options must be an object, got 5`);
    });
  });
});

/** Other public functions, each called with a typical mistake, and the name it must give. */
const MISTAKES: [string, () => unknown][] = [
  ["period", () => root.period("fortnight" as never)],
  ["rollup", () => root.rollup([], { metrics: {} })],
  ["schedule", () => root.schedule({ timeZone: "Mars/Olympus", weekly: {} })],
  ["slaPolicy", () => root.slaPolicy({ name: "", targets: {} } as never)],
  ["presetReducers", () => root.presetReducers("zendsk" as never)],
  ["wilsonInterval", () => root.wilsonInterval(5, 3)],
  ["proportionInterval", () => root.proportionInterval(1, 10, { method: "wald" as never })],
  [
    "erlangC",
    () =>
      root.erlangC({
        contacts: -1,
        intervalSeconds: 1800,
        ahtSeconds: 180,
        agents: 14,
        targetSeconds: 20,
      }),
  ],
  [
    "staffing",
    () =>
      root.staffing({
        contacts: 100,
        intervalSeconds: 1800,
        ahtSeconds: 180,
        targetSeconds: 20,
        serviceLevel: 2,
      } as never),
  ],
  ["fitBgNbd", () => root.fitBgNbd([{ frequency: 1, recency: 5, T: 2 }])],
  ["fitSbg", () => root.fitSbg([100])],
  ["stateFromJSON", () => root.stateFromJSON("{")],
  ["validatorFor", () => root.validatorFor(5 as never)],
  ["defineTarget", () => root.defineTarget({ baseline: 1, target: 1 } as never)],
];

describe("other public functions", () => {
  test.each(MISTAKES)("%s names itself and says what it wanted", (fn, run) => {
    const error = thrown(run);
    expect(error.constructor === TypeError || error.constructor === RangeError, String(error)).toBe(
      true,
    );
    expect(error.message).toMatch(grammar(fn));
  });
});
