import { describe, expect, test } from "vitest";
import type { Reducer, Span, Window } from "../reduce/reducer.ts";
import { period } from "../time/period.ts";
import { heldStockPlacement, measureHeldSpans } from "./heldSpans.ts";
import { keyIndex } from "./keyIndex.ts";
import { metricSlots } from "./metricSlot.ts";
import { periodGrid } from "./periodGrid.ts";
import type { Placement } from "./placement.ts";
import { emptyRollupState, type RollupState } from "./rollupState.ts";

interface Rec {
  id: string;
  span?: [string, string | null];
}

const utc = (iso: string) => Date.parse(iso);
const month = period("month", { timeZone: "UTC" });
const monthOf = (start: number | null) =>
  start === null ? null : new Date(start).toISOString().slice(0, 7);

/** A stock that records `id@month of the window` for each period it is counted in. */
const open: Reducer<Rec, string[], string[]> = {
  name: "open",
  timeOf: () => undefined,
  spanOf: (r) =>
    r.span && { start: utc(r.span[0]), end: r.span[1] === null ? Infinity : utc(r.span[1]) },
  init: () => [],
  add: (state, r, window: Window | undefined) => {
    state.push(`${r.id}@${window ? monthOf(window.start) : "none"}`);
  },
  merge: (a, b) => [...a, ...b],
  result: (state) => state,
};

const slots = metricSlots(["open"], [open]);
const slot = slots[0] as (typeof slots)[0];
const grid = periodGrid(month, undefined, 1);
/** Records without a span would be placed by their instant; these tests note them instead. */
const otherwise: Placement<Rec> = (state, _entry, r) => {
  state.outOfRange[`otherwise:${r.id}`] = 1;
};
const placement = heldStockPlacement(
  slot,
  open.spanOf as (r: Rec) => Span | undefined,
  grid,
  otherwise,
);

function place(records: Rec[]): RollupState {
  const state = emptyRollupState(["open"]);
  const entryFor = keyIndex<Rec>([]);
  for (const r of records) placement(state, entryFor(state, r), r);
  return state;
}

/** What each period's group of `state` received. */
function received(state: RollupState) {
  return [...(state.groups.get("")?.values() ?? [])].map((g) => [
    monthOf(g.periodStart),
    g.states[0],
  ]);
}

describe("heldStockPlacement", () => {
  test("a finite span starting inside a period is measured at once, in every period it reaches", () => {
    // Jan 10 – Mar 5: open at the ends of January and February; reaches March (its end).
    const state = place([{ id: "a", span: ["2024-01-10T00:00:00Z", "2024-03-05T00:00:00Z"] }]);
    expect(received(state)).toEqual([
      ["2024-01", ["a@2024-01"]],
      ["2024-02", ["a@2024-02"]],
      ["2024-03", ["a@2024-03"]],
    ]);
    expect(state.pending).toEqual([]);
    // The periods of its start and end are noted, so the rows will cover them.
    expect([monthOf(state.firstPeriod), monthOf(state.lastPeriod)]).toEqual(["2024-01", "2024-03"]);
  });

  test("an open-ended span waits, with its key combination, for the last period", () => {
    const state = place([{ id: "b", span: ["2024-02-10T00:00:00Z", null] }]);
    expect(received(state)).toEqual([]);
    expect(state.pending).toEqual([
      {
        metric: 0,
        keyId: "",
        keys: [],
        span: { start: utc("2024-02-10T00:00:00Z"), end: Infinity },
        item: { id: "b", span: ["2024-02-10T00:00:00Z", null] },
      },
    ]);
    expect([monthOf(state.firstPeriod), monthOf(state.lastPeriod)]).toEqual(["2024-02", "2024-02"]);
  });

  test("a finite span starting exactly at a period's start waits: it also reaches the period before", () => {
    const state = place([{ id: "c", span: ["2024-03-01T00:00:00Z", "2024-03-05T00:00:00Z"] }]);
    expect(received(state)).toEqual([]);
    expect(state.pending.map((p) => (p.item as Rec).id)).toEqual(["c"]);
    // Only March is noted: February enters the rows only if another record reaches it.
    expect([monthOf(state.firstPeriod), monthOf(state.lastPeriod)]).toEqual(["2024-03", "2024-03"]);
  });

  test("a record without a span is placed by the other placement", () => {
    const state = place([{ id: "d" }]);
    expect(state.outOfRange).toEqual({ open: 0, "otherwise:d": 1 });
    expect(state.pending).toEqual([]);
  });
});

describe("measureHeldSpans", () => {
  test("measures held spans in every period they reach between the rows' first and last", () => {
    // Held: B open from Feb 10; C from exactly Mar 1 to Mar 5 (reaching February's end).
    // Rows from January to April: B in Feb, Mar, Apr; C in Feb and Mar.
    const held = place([
      { id: "b", span: ["2024-02-10T00:00:00Z", null] },
      { id: "c", span: ["2024-03-01T00:00:00Z", "2024-03-05T00:00:00Z"] },
    ]).pending;
    const into = emptyRollupState(["open"]);
    measureHeldSpans(
      held,
      into,
      slots,
      grid,
      utc("2024-01-01T00:00:00Z"),
      utc("2024-04-01T00:00:00Z"),
    );
    expect(received(into)).toEqual([
      ["2024-02", ["b@2024-02", "c@2024-02"]],
      ["2024-03", ["b@2024-03", "c@2024-03"]],
      ["2024-04", ["b@2024-04"]],
    ]);
  });

  test("clips to the rows: nothing before the first period or after the last", () => {
    // Rows March only: C's reach into February is not measured, B stops at March.
    const held = place([
      { id: "b", span: ["2024-02-10T00:00:00Z", null] },
      { id: "c", span: ["2024-03-01T00:00:00Z", "2024-03-05T00:00:00Z"] },
    ]).pending;
    const into = emptyRollupState(["open"]);
    const march = utc("2024-03-01T00:00:00Z");
    measureHeldSpans(held, into, slots, grid, march, march);
    expect(received(into)).toEqual([["2024-03", ["b@2024-03", "c@2024-03"]]]);
  });
});
