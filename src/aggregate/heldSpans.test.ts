import { describe, expect, test } from "vitest";
import { churnRateReducer } from "../metrics/customers/churnRate.ts";
import type { Reducer, Span, Window } from "../reduce/reducer.ts";
import { type PeriodUnit, period } from "../time/period.ts";
import { heldStockPlacement, measureHeldSpans } from "./heldSpans.ts";
import { keyIndex } from "./keyIndex.ts";
import { metricSlots } from "./metricSlot.ts";
import { periodGrid } from "./periodGrid.ts";
import type { Placement } from "./placement.ts";
import { rollup } from "./rollup.ts";
import { emptyRollupState, type PendingStock, type RollupState } from "./rollupState.ts";

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

  test("a finite span starting exactly at a period's start is measured at once, from the period before", () => {
    // Spans are closed: from 00:00 on 1 March it reaches February's end instant. February is
    // noted, so its row exists whatever else is in the data.
    const state = place([{ id: "c", span: ["2024-03-01T00:00:00Z", "2024-03-05T00:00:00Z"] }]);
    expect(received(state)).toEqual([
      ["2024-02", ["c@2024-02"]],
      ["2024-03", ["c@2024-03"]],
    ]);
    expect(state.pending).toEqual([]);
    expect([monthOf(state.firstPeriod), monthOf(state.lastPeriod)]).toEqual(["2024-02", "2024-03"]);
  });

  test("an open-ended span starting exactly at a period's start notes that period and the one before", () => {
    const state = place([{ id: "e", span: ["2024-03-01T00:00:00Z", null] }]);
    expect(received(state)).toEqual([]);
    expect(state.pending.map((p) => (p.item as Rec).id)).toEqual(["e"]);
    expect([monthOf(state.firstPeriod), monthOf(state.lastPeriod)]).toEqual(["2024-02", "2024-03"]);
  });

  test("a record without a span is placed by the other placement", () => {
    const state = place([{ id: "d" }]);
    expect(state.outOfRange).toEqual({ open: 0, "otherwise:d": 1 });
    expect(state.pending).toEqual([]);
  });
});

/**
 * Held B (open from Feb 10) and C (from exactly Mar 1 to Mar 5, reaching February's end), as
 * a state stored before finite spans were measured at once may hold them.
 */
function heldList(): PendingStock[] {
  const b: Rec = { id: "b", span: ["2024-02-10T00:00:00Z", null] };
  const c: Rec = { id: "c", span: ["2024-03-01T00:00:00Z", "2024-03-05T00:00:00Z"] };
  return [b, c].map((item) => ({
    metric: 0,
    keyId: "",
    keys: [],
    span: (open.spanOf as (r: Rec) => Span)(item),
    item,
  }));
}

describe("measureHeldSpans", () => {
  test("measures held spans in every period they reach between the rows' first and last", () => {
    // Held: B open from Feb 10; C from exactly Mar 1 to Mar 5 (reaching February's end).
    // Rows from January to April: B in Feb, Mar, Apr; C in Feb and Mar.
    const held = heldList();
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
    const held = heldList();
    const into = emptyRollupState(["open"]);
    const march = utc("2024-03-01T00:00:00Z");
    measureHeldSpans(held, into, slots, grid, march, march);
    expect(received(into)).toEqual([["2024-03", ["b@2024-03", "c@2024-03"]]]);
  });
});

describe("rollup rows at zone, DST and month boundaries (issue 11)", () => {
  /** The label, new, lost, start and end counts of each churn row. */
  const churnRows = (
    customers: { startedAt: Date; endedAt: Date | null }[],
    unit: PeriodUnit,
    timeZone: string,
  ) =>
    rollup(customers, {
      by: { period: unit },
      timeZone,
      metrics: { churn: churnRateReducer() },
    }).map((row) => [
      row.period?.label,
      row.churn.start,
      row.churn.new,
      row.churn.lost,
      row.churn.end,
    ]);

  test("a lone customer who started at 00:00 on 1 March in Berlin is new in February", () => {
    // 2024-02-29T23:00Z is 00:00 on 1 March in Berlin (UTC+1): February's end instant. A
    // window [S, E] counts a customer new when S < startedAt ≤ E, so it is new in February and
    // at March's start. Before the fix only the March row came back: never counted as new.
    expect(
      churnRows(
        [{ startedAt: new Date("2024-02-29T23:00:00Z"), endedAt: null }],
        "month",
        "Europe/Berlin",
      ),
    ).toEqual([
      ["2024-02", 0, 1, 0, 1],
      ["2024-03", 1, 0, 0, 1],
    ]);
  });

  test("a lone customer who started at midnight after a spring-forward day in New York", () => {
    // 10 March 2024 in New York has 23 hours: 05:00Z to 04:00Z on the 11th (EDT from 07:00Z).
    // Started at 2024-03-11T04:00Z, ended at 2024-03-11T16:00Z: new on the 10th, at the 11th's
    // start and lost on it.
    expect(
      churnRows(
        [
          {
            startedAt: new Date("2024-03-11T04:00:00Z"),
            endedAt: new Date("2024-03-11T16:00:00Z"),
          },
        ],
        "day",
        "America/New_York",
      ),
    ).toEqual([
      ["2024-03-10", 0, 1, 0, 1],
      ["2024-03-11", 1, 0, 1, 0],
    ]);
  });

  test("a lone customer who started at the first instant of an ISO week after a fall-back Sunday in London", () => {
    // London leaves BST on Sunday 27 October 2024; the ISO week of the 28th starts at 00:00Z
    // (GMT). The week before ends there, so the customer is new in it.
    expect(
      churnRows(
        [{ startedAt: new Date("2024-10-28T00:00:00Z"), endedAt: null }],
        "isoWeek",
        "Europe/London",
      ),
    ).toEqual([
      ["2024-W43", 0, 1, 0, 1],
      ["2024-W44", 1, 0, 0, 1],
    ]);
  });
});
