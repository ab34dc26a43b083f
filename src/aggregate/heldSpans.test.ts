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

  test("a finite span starting exactly at a period's start is measured at once, in that period only", () => {
    // Periods are half-open: 00:00 on 1 March is March's first instant, not February's end.
    const state = place([{ id: "c", span: ["2024-03-01T00:00:00Z", "2024-03-05T00:00:00Z"] }]);
    expect(received(state)).toEqual([["2024-03", ["c@2024-03"]]]);
    expect(state.pending).toEqual([]);
    expect([monthOf(state.firstPeriod), monthOf(state.lastPeriod)]).toEqual(["2024-03", "2024-03"]);
  });

  test("a finite span ending exactly at a period's start also reaches that period: it ends there", () => {
    // Feb 10 – Mar 1 00:00: still open at February's end instant, lost or resolved in March.
    const state = place([{ id: "f", span: ["2024-02-10T00:00:00Z", "2024-03-01T00:00:00Z"] }]);
    expect(received(state)).toEqual([
      ["2024-02", ["f@2024-02"]],
      ["2024-03", ["f@2024-03"]],
    ]);
    expect([monthOf(state.firstPeriod), monthOf(state.lastPeriod)]).toEqual(["2024-02", "2024-03"]);
  });

  test("an open-ended span starting exactly at a period's start notes that period, not the one before", () => {
    const state = place([{ id: "e", span: ["2024-03-01T00:00:00Z", null] }]);
    expect(received(state)).toEqual([]);
    expect(state.pending.map((p) => (p.item as Rec).id)).toEqual(["e"]);
    expect([monthOf(state.firstPeriod), monthOf(state.lastPeriod)]).toEqual(["2024-03", "2024-03"]);
  });

  test("a record without a span is placed by the other placement", () => {
    const state = place([{ id: "d" }]);
    expect(state.outOfRange).toEqual({ open: 0, "otherwise:d": 1 });
    expect(state.pending).toEqual([]);
  });
});

/**
 * Held B (open from Feb 10) and C (from exactly Mar 1 to Mar 5), as a state stored before
 * finite spans were measured at once may hold them.
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
    // Held: B open from Feb 10; C from exactly Mar 1 (March's first instant) to Mar 5.
    // Rows from January to April: B in Feb, Mar, Apr; C in Mar only.
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
      ["2024-02", ["b@2024-02"]],
      ["2024-03", ["b@2024-03", "c@2024-03"]],
      ["2024-04", ["b@2024-04"]],
    ]);
  });

  test("clips to the rows: nothing before the first period or after the last", () => {
    // Rows March only: B's February is not measured, and B stops at March.
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

  test("a lone customer who started at 00:00 on 1 March in Berlin is new in March", () => {
    // 2024-02-29T23:00Z is 00:00 on 1 March in Berlin (UTC+1): March's first instant. March is
    // [S, E), and new = S ≤ startedAt < E, so the customer is new in March, as a data team's
    // date_trunc('month') counts it; no February row (nothing happened in February).
    // Row: start 0, new 1, lost 0, end 0 + 1 − 0 = 1.
    expect(
      churnRows(
        [{ startedAt: new Date("2024-02-29T23:00:00Z"), endedAt: null }],
        "month",
        "Europe/Berlin",
      ),
    ).toEqual([["2024-03", 0, 1, 0, 1]]);
  });

  test("the same customer keeps its March row with later records, and is at April's start", () => {
    // Another customer from 10 May: rows March to May. March: new 1, end 1; April and May start
    // with it (1), May adds the other (new 1, end 2).
    expect(
      churnRows(
        [
          { startedAt: new Date("2024-05-10T12:00:00Z"), endedAt: null },
          { startedAt: new Date("2024-02-29T23:00:00Z"), endedAt: null },
        ],
        "month",
        "Europe/Berlin",
      ),
    ).toEqual([
      ["2024-03", 0, 1, 0, 1],
      ["2024-04", 1, 0, 0, 1],
      ["2024-05", 1, 1, 0, 2],
    ]);
  });

  test("a customer who ended at 00:00 on 1 March in Berlin is at February's end and lost in March", () => {
    // Started 15 January, ended 2024-02-29T23:00Z (March's first instant in Berlin).
    // Jan: new 1, end 1. Feb: start 1, end 1 (endedAt ≥ E). Mar: start 1, lost 1 (S ≤ endedAt
    // < E), end 1 + 0 − 1 = 0.
    expect(
      churnRows(
        [
          {
            startedAt: new Date("2024-01-15T12:00:00Z"),
            endedAt: new Date("2024-02-29T23:00:00Z"),
          },
        ],
        "month",
        "Europe/Berlin",
      ),
    ).toEqual([
      ["2024-01", 0, 1, 0, 1],
      ["2024-02", 1, 0, 0, 1],
      ["2024-03", 1, 0, 1, 0],
    ]);
  });

  test("a lone customer who started at midnight after a spring-forward day in New York", () => {
    // 10 March 2024 in New York has 23 hours: 05:00Z to 04:00Z on the 11th (EDT from 07:00Z).
    // Started at 2024-03-11T04:00Z (00:00 on the 11th), ended at 2024-03-11T16:00Z: it joined
    // and left on the 11th (new 1, lost 1, end 0 + 1 − 1 = 0); no row for the 10th.
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
    ).toEqual([["2024-03-11", 0, 1, 1, 0]]);
  });

  test("a lone customer who started at the first instant of an ISO week after a fall-back Sunday in London", () => {
    // London leaves BST on Sunday 27 October 2024; the ISO week of the 28th starts at 00:00Z
    // (GMT). The customer starts at that first instant: new in week 44, no row for week 43.
    expect(
      churnRows(
        [{ startedAt: new Date("2024-10-28T00:00:00Z"), endedAt: null }],
        "isoWeek",
        "Europe/London",
      ),
    ).toEqual([["2024-W44", 0, 1, 0, 1]]);
  });
});
