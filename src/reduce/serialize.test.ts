import { describe, expect, test } from "vitest";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { MAX_DEPTH, stateFromJSON, stateToJSON } from "./serialize.ts";
import { addToSketch, createSketch } from "./sketch.ts";

const roundTrip = <T>(value: T): T => stateFromJSON<T>(stateToJSON(value));
const wrap = (state: unknown) =>
  JSON.stringify({ format: "support-metrics/state", version: 1, state });

describe("stateToJSON and stateFromJSON", () => {
  test("round-trips every kind of value a reducer state holds", () => {
    const state = {
      count: 3,
      text: "a\u0000b",
      flags: [true, false, null],
      special: [Infinity, -Infinity, Number.NaN, -0, 0, 5e-324, Number.MAX_VALUE],
      nothing: undefined,
      at: new Date("2024-03-01T09:00:00Z"),
      invalid: new Date(Number.NaN),
      byId: new Map<unknown, unknown>([
        ["email", { n: 1 }],
        [1706745600000, new Set(["a", "b"])],
        [null, [new Date(0)]],
        [Infinity, "far"],
      ]),
      seen: new Set([1, "1", null]),
      big: 12345678901234567890n,
      floats: Float64Array.from([1.5, -Infinity, Number.NaN]),
      ints: Int32Array.from([-1, 2]),
      bigs: BigInt64Array.from([-5n, 7n]),
      dollar: { $: "Map", entries: "not a tag" },
      nested: [[[{ deep: [1, [2, [3]]] }]]],
    };
    const back = roundTrip(state);
    expect(back).toEqual(state);
    expect(Object.is(back.special[3], -0)).toBe(true);
    expect(back.byId).toBeInstanceOf(Map);
    expect(back.byId.get(1706745600000)).toEqual(new Set(["a", "b"]));
    expect(back.floats).toBeInstanceOf(Float64Array);
    expect(back.bigs).toBeInstanceOf(BigInt64Array);
    expect(back.at).toBeInstanceOf(Date);
    expect(Number.isNaN(back.invalid.getTime())).toBe(true);
    expect("nothing" in back).toBe(true);
  });

  test("array holes read back as undefined, as a rollup group's missing states", () => {
    const states = new Array(3);
    states[1] = { n: 1 };
    const back = roundTrip({ states });
    expect(back.states).toEqual([undefined, { n: 1 }, undefined]);
    expect(back.states.length).toBe(3);
  });

  test("a sketch round-trips and still merges", () => {
    const sketch = createSketch(0.02);
    for (const x of [0, 1, 2.5, 1e6, -3]) addToSketch(sketch, x);
    const back = roundTrip(sketch);
    expect(back).toEqual(sketch);
    expect(back.positive).toBeInstanceOf(Map);
    addToSketch(back, 4);
    expect(back.count).toBe(6);
  });

  test("writes a tagged, versioned document", () => {
    expect(JSON.parse(stateToJSON({ min: Infinity, keys: new Map([["a", 1]]) }))).toEqual({
      format: "support-metrics/state",
      version: 1,
      state: { min: { $: "number", value: "Infinity" }, keys: { $: "Map", entries: [["a", 1]] } },
    });
  });

  test("refuses what is not data", () => {
    expect(() => stateToJSON({ f: () => 1 })).toThrow(
      new TypeError(
        "stateToJSON: state.f must hold only data (numbers, strings, arrays, objects, Maps, Sets, Dates), got a function",
      ),
    );
    class Box {}
    expect(() => stateToJSON([new Box()])).toThrow(/state\[0\] must hold only data .* got a Box$/);
    expect(() => stateToJSON({ s: Symbol("x") })).toThrow(/got a symbol$/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => stateToJSON(cycle)).toThrow(
      new TypeError("stateToJSON: state must not contain cycles, got one at state.self"),
    );
    let deep: unknown = 1;
    for (let i = 0; i < MAX_DEPTH + 5; i++) deep = [deep];
    expect(() => stateToJSON(deep)).toThrow(RangeError);
  });

  test("a value shared in two places is written twice, not mistaken for a cycle", () => {
    const keys = ["email"];
    expect(roundTrip({ a: keys, b: keys })).toEqual({ a: ["email"], b: ["email"] });
  });
});

describe("stateFromJSON on hostile input", () => {
  test("__proto__ and constructor keys stay plain own properties", () => {
    // Written as text: in an object literal `__proto__:` would set the prototype instead.
    const text = wrap("PLACEHOLDER").replace(
      '"PLACEHOLDER"',
      `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}},
        "inner": {"$": "object", "entries": [["__proto__", {"polluted": true}]]},
        "map": {"$": "Map", "entries": [["__proto__", {"polluted": true}]]}}`,
    );
    const back = stateFromJSON<Record<string, unknown>>(text);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(["__proto__", "constructor", "inner", "map"]);
    expect(Object.getOwnPropertyDescriptor(back, "__proto__")?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(back.inner)).toBe(Object.prototype);
    expect(Object.hasOwn(back.inner as object, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    // and back out again, unchanged
    const again = JSON.parse(stateToJSON(back)).state;
    expect(Object.getOwnPropertyDescriptor(again, "__proto__")?.value).toEqual({ polluted: true });
  });

  test("unknown tags, other formats and versions, and malformed values throw TypeError", () => {
    expect(() => stateFromJSON(wrap({ a: [{ $: "Function", value: "alert(1)" }] }))).toThrow(
      new TypeError('stateFromJSON: state.a[0] has an unknown tag "Function"'),
    );
    expect(() => stateFromJSON(wrap({ $: "constructor" }))).toThrow(/unknown tag "constructor"/);
    expect(() => stateFromJSON(wrap({ $: "toString" }))).toThrow(/unknown tag "toString"/);
    expect(() => stateFromJSON(wrap({ $: 7 }))).toThrow(/unknown tag 7/);
    expect(() => stateFromJSON(JSON.stringify({ format: "other", version: 1, state: 1 }))).toThrow(
      new TypeError(
        'stateFromJSON: json must be a state written by stateToJSON (format "support-metrics/state"), got "other"',
      ),
    );
    expect(() =>
      stateFromJSON(JSON.stringify({ format: "support-metrics/state", version: 2, state: 1 })),
    ).toThrow(new TypeError("stateFromJSON: version must be 1, got 2"));
    expect(() => stateFromJSON("[1, 2]")).toThrow(TypeError);
    expect(() => stateFromJSON('{"format": "support-metrics/state", "version": 1}')).toThrow(
      new TypeError("stateFromJSON: state is missing"),
    );
    expect(() => stateFromJSON("{not json")).toThrow(
      new TypeError(`stateFromJSON: json must be JSON text or an object, got "{not json"`),
    );
    expect(() => stateFromJSON(wrap({ $: "Map", entries: [[1]] }))).toThrow(
      new TypeError("stateFromJSON: state.entries[0] must be a [key, value] pair"),
    );
    expect(() => stateFromJSON(wrap({ $: "Map", entries: {} }))).toThrow(
      new TypeError("stateFromJSON: state must have entries as an array"),
    );
    expect(() => stateFromJSON(wrap({ $: "number", value: "1e999" }))).toThrow(TypeError);
    expect(() => stateFromJSON(wrap({ $: "Date", value: "2024-01-01" }))).toThrow(TypeError);
    expect(() => stateFromJSON(wrap({ $: "bigint", value: "9".repeat(5000) }))).toThrow(TypeError);
    expect(() => stateFromJSON(wrap({ $: "Float64Array", values: ["x"] }))).toThrow(TypeError);
  });

  test("deep nesting throws a RangeError, not a stack overflow", () => {
    const depth = 200_000;
    const text = wrap("PLACEHOLDER").replace(
      '"PLACEHOLDER"',
      `${"[".repeat(depth)}${"]".repeat(depth)}`,
    );
    expect(() => stateFromJSON(text)).toThrow(
      new RangeError(
        `stateFromJSON: state must be nested at most ${MAX_DEPTH} levels deep, got deeper at state${"[0]".repeat(MAX_DEPTH)}`,
      ),
    );
    const objects = wrap("PLACEHOLDER").replace(
      '"PLACEHOLDER"',
      `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
    );
    expect(() => stateFromJSON(objects)).toThrow(RangeError);
    // Deep but allowed.
    let ok: unknown = 1;
    for (let i = 0; i < MAX_DEPTH - 1; i++) ok = [ok];
    expect(roundTrip(ok)).toEqual(ok);
  });

  test("accepts the parsed value as well as the text", () => {
    expect(stateFromJSON(JSON.parse(stateToJSON({ a: new Set([1]) })))).toEqual({
      a: new Set([1]),
    });
  });
});

describe("paths and edges of the format (issue 13)", () => {
  test("an error inside a Map, a Set or a tagged object names where it is", () => {
    const fn = () => 1;
    const data = "(numbers, strings, arrays, objects, Maps, Sets, Dates)";
    expect(() =>
      stateToJSON({
        m: new Map<unknown, unknown>([
          ["a", 1],
          [Symbol("k"), 2],
        ]),
      }),
    ).toThrow(
      new TypeError(`stateToJSON: state.m.keys[1] must hold only data ${data}, got a symbol`),
    );
    expect(() =>
      stateToJSON({
        m: new Map<unknown, unknown>([
          ["a", 1],
          ["b", fn],
        ]),
      }),
    ).toThrow(
      new TypeError(`stateToJSON: state.m.get(1) must hold only data ${data}, got a function`),
    );
    expect(() => stateToJSON({ s: new Set<unknown>([1, fn]) })).toThrow(
      new TypeError(`stateToJSON: state.s.values[1] must hold only data ${data}, got a function`),
    );
    expect(() => stateToJSON({ o: { $: 1, f: fn } })).toThrow(
      new TypeError(`stateToJSON: state.o.f must hold only data ${data}, got a function`),
    );
  });

  test("typed arrays write special numbers by name and bigints as digits", () => {
    const floats = Float64Array.from([1.5, -0, Infinity, -Infinity, Number.NaN]);
    const bigs = BigUint64Array.from([0n, 18446744073709551615n]);
    expect(JSON.parse(stateToJSON({ floats, bigs })).state).toEqual({
      floats: { $: "Float64Array", values: [1.5, "-0", "Infinity", "-Infinity", "NaN"] },
      bigs: { $: "BigUint64Array", values: ["0", "18446744073709551615"] },
    });
    const back = roundTrip({ floats, bigs });
    expect(Object.is(back.floats[1], -0)).toBe(true);
    expect(back.bigs).toBeInstanceOf(BigUint64Array);
    expect([...back.bigs]).toEqual([0n, 18446744073709551615n]);
  });

  test("nesting of exactly MAX_DEPTH levels is written and read; one more is refused", () => {
    // MAX_DEPTH arrays around a number: the innermost array is at depth MAX_DEPTH − 1 (the
    // outermost at 0), and the number in it is written without a level of its own.
    let ok: unknown = 1;
    for (let i = 0; i < MAX_DEPTH; i++) ok = [ok];
    expect(roundTrip(ok)).toEqual(ok);
    const deeper = [ok];
    // the innermost array now sits at depth MAX_DEPTH, under MAX_DEPTH indices [0]
    const at = `state${"[0]".repeat(MAX_DEPTH)}`;
    expect(() => stateToJSON(deeper)).toThrow(
      new RangeError(
        `stateToJSON: state must be nested at most ${MAX_DEPTH} levels deep, got deeper at ${at}`,
      ),
    );
    expect(() => stateFromJSON(wrap(deeper))).toThrow(
      new RangeError(
        `stateFromJSON: state must be nested at most ${MAX_DEPTH} levels deep, got deeper at ${at}`,
      ),
    );
  });

  test("a parsed value that JSON cannot hold is refused with its path", () => {
    const parsed = { format: "support-metrics/state", version: 1, state: { a: [1, undefined] } };
    expect(() => stateFromJSON(parsed)).toThrow(
      new TypeError("stateFromJSON: state.a[1] must be JSON, got undefined"),
    );
  });

  test("bigints must be whole decimal digits, with an optional minus sign", () => {
    expect(stateFromJSON(wrap({ $: "bigint", value: "-12" }))).toBe(-12n);
    for (const value of ["12a", "a12", "", "1.5", 12]) {
      expect(() => stateFromJSON(wrap({ $: "bigint", value }))).toThrow(
        new TypeError("stateFromJSON: state must be a bigint written as decimal digits"),
      );
    }
    expect(stateFromJSON(wrap({ $: "BigInt64Array", values: ["-3", "4"] }))).toEqual(
      BigInt64Array.from([-3n, 4n]),
    );
    for (const item of ["4a", "a4", "", "9".repeat(33), 4]) {
      expect(() => stateFromJSON(wrap({ $: "BigInt64Array", values: [item] }))).toThrow(
        new TypeError("stateFromJSON: state.values[0] must be a bigint written as decimal digits"),
      );
    }
  });

  test("Dates, Map entries and tagged objects must have their shape", () => {
    expect(stateFromJSON(wrap({ $: "Date", value: 0 }))).toEqual(new Date(0));
    expect(Number.isNaN((stateFromJSON(wrap({ $: "Date", value: null })) as Date).getTime())).toBe(
      true,
    );
    expect(() => stateFromJSON(wrap({ $: "Date", value: "0" }))).toThrow(
      new TypeError("stateFromJSON: state must be a Date as epoch milliseconds or null"),
    );
    expect(() => stateFromJSON(wrap({ $: "Map", entries: [[1, 2, 3]] }))).toThrow(
      new TypeError("stateFromJSON: state.entries[0] must be a [key, value] pair"),
    );
    expect(() => stateFromJSON(wrap({ $: "Map", entries: ["ab"] }))).toThrow(
      new TypeError("stateFromJSON: state.entries[0] must be a [key, value] pair"),
    );
    for (const entry of [[1, 2], ["a", 2, 3], "ab"]) {
      expect(() => stateFromJSON(wrap({ $: "object", entries: [entry] }))).toThrow(
        new TypeError("stateFromJSON: state.entries[0] must be a [text key, value] pair"),
      );
    }
    expect(() => stateFromJSON(wrap({ $: "Set", values: "ab" }))).toThrow(
      new TypeError("stateFromJSON: state must have values as an array"),
    );
    expect(() => stateFromJSON(wrap({ $: "number", value: "1e999" }))).toThrow(
      new TypeError('stateFromJSON: state must be a number, got "1e999"'),
    );
  });

  test("an error inside a read Map, Set or tagged object names where it is", () => {
    const bad = { $: "Nope" };
    expect(() =>
      stateFromJSON(
        wrap({
          $: "Map",
          entries: [
            ["a", 1],
            [bad, 2],
          ],
        }),
      ),
    ).toThrow(new TypeError('stateFromJSON: state.keys[1] has an unknown tag "Nope"'));
    expect(() =>
      stateFromJSON(
        wrap({
          $: "Map",
          entries: [
            ["a", 1],
            ["b", bad],
          ],
        }),
      ),
    ).toThrow(new TypeError('stateFromJSON: state.get(1) has an unknown tag "Nope"'));
    expect(() => stateFromJSON(wrap({ $: "Set", values: [1, bad] }))).toThrow(
      new TypeError('stateFromJSON: state.values[1] has an unknown tag "Nope"'),
    );
    expect(() => stateFromJSON(wrap({ $: "object", entries: [["k", bad]] }))).toThrow(
      new TypeError('stateFromJSON: state.k has an unknown tag "Nope"'),
    );
    expect(() => stateFromJSON(wrap({ o: { p: bad } }))).toThrow(
      new TypeError('stateFromJSON: state.o.p has an unknown tag "Nope"'),
    );
    expect(() => stateFromJSON(wrap({ $: "Float64Array", values: [1, "x"] }))).toThrow(
      new TypeError('stateFromJSON: state.values[1] must be a number, got "x"'),
    );
  });

  test("text that is not a state says what it is", () => {
    // an array and a number are not objects with a format: what they are is named
    expect(() => stateFromJSON("[1, 2]")).toThrow(
      new TypeError(
        'stateFromJSON: json must be a state written by stateToJSON (format "support-metrics/state"), got an array',
      ),
    );
    expect(() => stateFromJSON("5")).toThrow(/got 5$/);
  });
});

describe("what stateToJSON and stateFromJSON take for what (issue 13)", () => {
  const data = "(numbers, strings, arrays, objects, Maps, Sets, Dates)";

  test("a class named like a typed array, or extending one, is not written as one", () => {
    // Only the engine's own typed arrays are data; a look-alike name is a class instance.
    // (a class defined as a property takes the property's name)
    const LookAlike = { Float64Array: class {} }.Float64Array;
    expect(LookAlike.name).toBe("Float64Array");
    expect(() => stateToJSON({ a: new LookAlike() })).toThrow(
      new TypeError(`stateToJSON: state.a must hold only data ${data}, got a Float64Array`),
    );
    class Scores extends Float64Array {}
    expect(() => stateToJSON({ a: Scores.from([1]) })).toThrow(
      new TypeError(`stateToJSON: state.a must hold only data ${data}, got a Scores`),
    );
  });

  test("an object without a prototype is data; one whose prototype has no constructor is not", () => {
    const bare = Object.assign(Object.create(null), { a: 1 });
    expect(JSON.parse(stateToJSON(bare)).state).toEqual({ a: 1 });
    expect(() => stateToJSON({ o: Object.create(Object.create(null)) })).toThrow(
      new TypeError(`stateToJSON: state.o must hold only data ${data}, got an object of no class`),
    );
  });

  test("the fields of a state read back can be changed and removed, as a merge may", () => {
    const back = stateFromJSON<Record<string, unknown>>(wrap({ a: 1, b: 2 }));
    back.a = 5;
    delete back.b;
    expect(back).toEqual({ a: 5 });
  });

  test("null text is not a state, and tags and names must be text", () => {
    expect(() => stateFromJSON("null")).toThrow(
      new TypeError(
        'stateFromJSON: json must be a state written by stateToJSON (format "support-metrics/state"), got null',
      ),
    );
    // an array holding a special number's name is not that name
    expect(() => stateFromJSON(wrap({ $: "number", value: ["NaN"] }))).toThrow(
      new TypeError('stateFromJSON: state must be a number, got ["NaN"]'),
    );
    // nor is an array holding a typed array's name a tag
    expect(() => stateFromJSON(wrap({ $: ["Float64Array"], values: [] }))).toThrow(
      new TypeError('stateFromJSON: state has an unknown tag ["Float64Array"]'),
    );
    expect(() => stateFromJSON(wrap({ $: "object", entries: 5 }))).toThrow(
      new TypeError("stateFromJSON: state must have entries as an array"),
    );
    expect(() => stateFromJSON(wrap({ $: "Float64Array", values: 5 }))).toThrow(
      new TypeError("stateFromJSON: state must have values as an array"),
    );
  });

  test("a maker that cannot be read is named an unknown reducer", () => {
    const volume = ticketVolumeReducer();
    const state = JSON.parse(stateToJSON(volume.init(), volume));
    for (const made of ["not json", '{"metric": 5}']) {
      expect(() => stateFromJSON({ ...state, made }, volume)).toThrow(
        `got one made by an unknown reducer: ${JSON.stringify(made)}`,
      );
    }
  });
});
