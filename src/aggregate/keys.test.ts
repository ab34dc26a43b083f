import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { compareKeys, type KeyValue, keyFunction, keyIdOf } from "./keys.ts";

interface Item {
  channel?: unknown;
  n?: number;
}

describe("keyFunction", () => {
  test("a field name reads that field", () => {
    const read = keyFunction<Item>("channel", "channel");
    expect(read({ channel: "email" })).toBe("email");
    expect(read({ channel: 3 })).toBe(3);
    expect(read({ channel: false })).toBe(false);
  });

  test("a function is called with the record", () => {
    const read = keyFunction<Item>("big", (item) => (item.n ?? 0) > 10);
    expect(read({ n: 11 })).toBe(true);
    expect(read({})).toBe(false);
  });

  test("undefined, null and NaN become null; -0 becomes 0", () => {
    const read = keyFunction<Item>("channel", "channel");
    expect(read({})).toBeNull();
    expect(read({ channel: null })).toBeNull();
    expect(read({ channel: Number.NaN })).toBeNull();
    expect(Object.is(read({ channel: -0 }), 0)).toBe(true);
    expect(read({ channel: Number.POSITIVE_INFINITY })).toBe(Number.POSITIVE_INFINITY);
  });

  test("values that are not primitives are refused when read", () => {
    const read = keyFunction<Item>("channel", "channel");
    expect(() => read({ channel: { name: "email" } })).toThrow(
      new TypeError("rollup: by.channel must give a string, number, boolean or null, got object"),
    );
    expect(() => read({ channel: 10n })).toThrow(
      new TypeError("rollup: by.channel must give a string, number, boolean or null, got bigint"),
    );
  });

  test("a key that is neither a name nor a function is refused at once", () => {
    expect(() => keyFunction<Item>("channel", 5 as never)).toThrow(
      new TypeError("rollup: by.channel must be a field name or a function, got number"),
    );
    expect(() => keyFunction<Item>("channel", null as never)).toThrow(
      new TypeError("rollup: by.channel must be a field name or a function, got object"),
    );
  });
});

describe("compareKeys", () => {
  test("numbers numerically, strings by code unit, booleans false first, null last", () => {
    const keys: KeyValue[] = [10, null, "b", 2, "10", true, "a", -1, false, 9];
    expect([...keys].sort(compareKeys)).toEqual([false, true, -1, 2, 9, 10, "10", "a", "b", null]);
  });

  test("equal keys compare as 0", () => {
    expect(compareKeys(null, null)).toBe(0);
    expect(compareKeys("a", "a")).toBe(0);
    expect(compareKeys(3, 3)).toBe(0);
  });

  test("is a consistent order (antisymmetric and transitive)", () => {
    const key = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5),
      fc.string({ maxLength: 2 }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(key, key, key, (a, b, c) => {
        expect(Math.sign(compareKeys(a, b))).toBe(-Math.sign(compareKeys(b, a)) || 0);
        if (compareKeys(a, b) <= 0 && compareKeys(b, c) <= 0) {
          expect(compareKeys(a, c)).toBeLessThanOrEqual(0);
        }
        expect(compareKeys(a, b) === 0).toBe(Object.is(a, b));
      }),
    );
  });
});

describe("keyIdOf", () => {
  test("keys that JSON would confuse get different ids", () => {
    const combos: KeyValue[][] = [
      [1],
      ["1"],
      [null],
      [Number.POSITIVE_INFINITY],
      ["Infinity"],
      [true],
      ["true"],
      ["a,b"],
      ["a", "b"],
      [],
    ];
    const ids = combos.map(keyIdOf);
    expect(new Set(ids).size).toBe(combos.length);
  });

  test("equal combinations get equal ids, different ones different ids", () => {
    const key = fc.oneof(fc.double(), fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 3 }), fc.array(key, { maxLength: 3 }), (a, b) => {
        // keyFunction has already made -0 into 0, so the two may share an id.
        const same =
          a.length === b.length && a.every((k, i) => Object.is(k, b[i]) || (k === 0 && b[i] === 0));
        expect(keyIdOf(a) === keyIdOf(b)).toBe(same);
      }),
    );
  });
});
