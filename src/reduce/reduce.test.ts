import { describe, expect, test } from "vitest";
import { reduce } from "./reduce.ts";
import type { Reducer, Window } from "./reducer.ts";

const sum: Reducer<number, { sum: number; seen: number[] }, { value: number; seen: number[] }> = {
  name: "sum",
  timeOf: () => undefined,
  init: () => ({ sum: 0, seen: [] }),
  add(state, item) {
    state.sum += item;
    state.seen.push(item);
  },
  merge: (a, b) => ({ sum: a.sum + b.sum, seen: [...a.seen, ...b.seen] }),
  result: (state) => ({ value: state.sum, seen: [...state.seen] }),
};

interface Spell {
  id: string;
  start: number;
  end: number;
}

/** A stock reducer that records every record and window it was given. */
function stock(
  window?: Window,
): Reducer<Spell, { calls: [string, Window | undefined][] }, string[]> {
  return {
    name: "stock",
    timeOf: () => undefined,
    spanOf: (spell) => (spell.id === "nospan" ? undefined : { start: spell.start, end: spell.end }),
    ...(window ? { window } : {}),
    init: () => ({ calls: [] }),
    add(state, spell, w) {
      state.calls.push([spell.id, w]);
    },
    merge: (a, b) => ({ calls: [...a.calls, ...b.calls] }),
    result: (state) => state.calls.map(([id, w]) => `${id}@${w?.start}-${w?.end}`),
  };
}

describe("reduce", () => {
  test("folds every record, in order, from a fresh state", () => {
    expect(reduce([1, 2, 3], sum)).toEqual({ value: 6, seen: [1, 2, 3] });
    expect(reduce([4], sum)).toEqual({ value: 4, seen: [4] });
    // A fresh state each call: nothing leaks from the previous run.
    expect(reduce([], sum)).toEqual({ value: 0, seen: [] });
  });

  test("reads any iterable, once", () => {
    function* numbers() {
      yield 1;
      yield 10;
    }
    expect(reduce(numbers(), sum).value).toBe(11);
    expect(reduce(new Set([2, 3]), sum).value).toBe(5);
  });

  test("passes the reducer's window to add", () => {
    const window = { start: 100, end: 100 };
    expect(reduce([{ id: "a", start: 0, end: 200 }], stock(window))).toEqual(["a@100-100"]);
  });

  test("a stock metric skips records whose span does not reach its half-open window [S, E)", () => {
    // Reaches [100, 200) when it starts before 200 and has not ended before 100: one ending at
    // 100 ends in the window; one starting at 200 belongs to the next.
    const window = { start: 100, end: 200 };
    const spells: Spell[] = [
      { id: "before", start: 0, end: 99 },
      { id: "touchesStart", start: 0, end: 100 },
      { id: "inside", start: 120, end: 150 },
      { id: "open", start: 150, end: Number.POSITIVE_INFINITY },
      { id: "touchesEnd", start: 200, end: 300 },
      { id: "after", start: 201, end: 300 },
      { id: "nospan", start: 0, end: 0 },
    ];
    expect(reduce(spells, stock(window))).toEqual([
      "touchesStart@100-200",
      "inside@100-200",
      "open@100-200",
      // A record without a span is the reducer's to count (for example as excluded).
      "nospan@100-200",
    ]);
  });

  test("a stock metric without a window is refused", () => {
    expect(() => reduce([], stock())).toThrow(
      new TypeError(
        "stock: a stock metric needs the instant or window to measure when records are not grouped by period",
      ),
    );
  });

  test("a non-iterable input is a TypeError", () => {
    expect(() => reduce(5 as unknown as number[], sum)).toThrow(TypeError);
  });
});
