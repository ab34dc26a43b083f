import { describe, expect, test } from "vitest";
import type { Reducer, Span, Window } from "../reduce/reducer.ts";
import { reachesWindow, windowedAdd } from "./windowFilter.ts";

describe("reachesWindow", () => {
  const noon = { start: 12, end: 12 };
  const day = { start: 0, end: 24 };

  test("a span reaches a half-open window [S, E) when it starts before E and has not ended before S", () => {
    // [5, 12) ends at the measured instant 12: still open just before it, so it reaches it.
    expect(reachesWindow({ start: 5, end: 12 }, noon)).toBe(true);
    // [-5, 0) ends at the day's first instant: it ends in the day (lost or resolved there).
    expect(reachesWindow({ start: -5, end: 0 }, day)).toBe(true);
    // [23.5, 30) starts inside the day.
    expect(reachesWindow({ start: 23.5, end: 30 }, day)).toBe(true);
  });

  test("a span starting exactly at the window's end belongs to the next window", () => {
    // [12, 20) starts at the instant 12: created there, not open before it.
    expect(reachesWindow({ start: 12, end: 20 }, noon)).toBe(false);
    // [24, 30) starts at the day's end instant 24, the next day's first.
    expect(reachesWindow({ start: 24, end: 30 }, day)).toBe(false);
  });

  test("a span wholly before or after the window does not", () => {
    // 11.999 < 12 (ended before); 12.001 > 12 (started after).
    expect(reachesWindow({ start: 5, end: 11.999 }, noon)).toBe(false);
    expect(reachesWindow({ start: 12.001, end: Infinity }, noon)).toBe(false);
    expect(reachesWindow({ start: 25, end: 30 }, day)).toBe(false);
  });

  test("an open-ended span reaches every window from its start on", () => {
    expect(reachesWindow({ start: 0, end: Infinity }, noon)).toBe(true);
    expect(reachesWindow({ start: 0, end: Infinity }, { start: 1e15, end: 1e15 })).toBe(true);
  });

  test("a record without a span always belongs", () => {
    expect(reachesWindow(undefined, noon)).toBe(true);
  });
});

/** A reducer that records which ids it was given, and with which window. */
function recorder(
  options: { spanOf?: (id: string) => Span | undefined; window?: Window } = {},
): Reducer<string, string[], string[]> {
  return {
    name: "recorder",
    timeOf: () => undefined,
    ...options,
    init: () => [],
    add(state, id, window) {
      state.push(window ? `${id}@${window.start}-${window.end}` : id);
    },
    merge: (a, b) => [...a, ...b],
    result: (state) => state,
  };
}

describe("windowedAdd", () => {
  test("a flow reducer gets every record, with its window when it has one", () => {
    const plain = recorder();
    const state = plain.init();
    ["a", "b"].forEach(windowedAdd(plain, state));
    expect(state).toEqual(["a", "b"]);

    const windowed = recorder({ window: { start: 1, end: 2 } });
    const other = windowed.init();
    ["a"].forEach(windowedAdd(windowed, other));
    expect(other).toEqual(["a@1-2"]);
  });

  test("a stock reducer gets only the records whose span reaches its window", () => {
    // Window [10, 10]: "early" ended at 9, "late" starts at 11, "open" spans it, "none" has no span.
    const spans: Record<string, Span | undefined> = {
      early: { start: 0, end: 9 },
      late: { start: 11, end: 20 },
      open: { start: 0, end: Infinity },
      none: undefined,
    };
    const stock = recorder({ spanOf: (id) => spans[id], window: { start: 10, end: 10 } });
    const state = stock.init();
    ["early", "late", "open", "none"].forEach(windowedAdd(stock, state));
    expect(state).toEqual(["open@10-10", "none@10-10"]);
  });

  test("a stock reducer without a window is refused before any record", () => {
    const stock = recorder({ spanOf: () => ({ start: 0, end: 1 }) });
    expect(() => windowedAdd(stock, stock.init())).toThrow(
      new TypeError(
        "recorder: a stock metric needs the instant or window to measure when records are not grouped by period",
      ),
    );
  });
});
