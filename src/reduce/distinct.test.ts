import { describe, expect, test } from "vitest";
import { distinct } from "./distinct.ts";
import { stateFromJSON, stateToJSON } from "./serialize.ts";

function stateOf(ids: string[], method = distinct.method("test", undefined)) {
  const state = distinct.init(["noId"], method);
  for (const id of ids) distinct.add(state, id);
  return state;
}

describe("distinct", () => {
  test("merges exact states into their union, leaving both inputs as they were", () => {
    // {a, b, c} ∪ {c, d} = {a, b, c, d}: 4, not 3 + 2 = 5
    const a = stateOf(["a", "b", "c"]);
    const b = stateOf(["c", "d"]);
    a.excluded.noId = 2;
    b.excluded.noId = 1;
    expect(distinct.result(distinct.merge(a, b))).toEqual({
      value: 4,
      method: "exact",
      standardError: 0,
      excluded: { noId: 3 },
    });
    expect([[...a.ids], [...b.ids]]).toEqual([
      ["a", "b", "c"],
      ["c", "d"],
    ]);
  });

  test("merges sketches into the sketch of the union", () => {
    const method = distinct.method("test", { sketch: "hyperloglog", precision: 8 });
    const merged = distinct.merge(stateOf(["a", "b", "c"], method), stateOf(["c", "d"], method));
    // 4 ids on 256 registers: linear counting, exact after rounding
    expect(distinct.result(merged)).toMatchObject({ value: 4, method: "hyperloglog(8)" });
    expect(merged.ids.size).toBe(0);
  });

  test("an exact state survives stateToJSON and stateFromJSON", () => {
    const state = stateOf(["x", "y"]);
    const copy = stateFromJSON<typeof state>(stateToJSON(state));
    expect(copy.ids).toEqual(new Set(["x", "y"]));
    expect(distinct.result(distinct.merge(copy, stateOf(["y", "z"]))).value).toBe(3);
  });

  test("checks the method once, in the library's grammar", () => {
    expect(distinct.method("m", "exact")).toEqual({ sketch: null });
    expect(distinct.method("m", { sketch: "hyperloglog", precision: 4 })).toEqual({
      sketch: { precision: 4 },
    });
    expect(() => distinct.method("m", { sketch: "ddsketch" } as never)).toThrow(
      new TypeError(
        'm: distinct must be "exact" or { sketch: "hyperloglog", precision? }, got an object',
      ),
    );
    expect(() => distinct.method("m", { sketch: "hyperloglog", precision: 3 })).toThrow(
      new RangeError("m: distinct.precision must be a whole number from 4 to 18, got 3"),
    );
  });
});
