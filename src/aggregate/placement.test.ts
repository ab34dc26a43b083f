import { describe, expect, test } from "vitest";
import { ticket } from "../../test/fixtures.ts";
import { backlogReducer } from "../metrics/tickets/backlog.ts";
import { costPerTicketReducer } from "../metrics/tickets/costPerTicket.ts";
import { reopenRateReducer } from "../metrics/tickets/reopenRate.ts";
import { replyTimeReducer } from "../metrics/tickets/replyTime.ts";
import { resolutionTimeReducer } from "../metrics/tickets/resolutionTime.ts";
import type { Reducer, Span, Window } from "../reduce/reducer.ts";
import { period } from "../time/period.ts";
import { keyIndex } from "./keyIndex.ts";
import { metricSlots } from "./metricSlot.ts";
import { type PeriodRange, periodGrid } from "./periodGrid.ts";
import { placementOf } from "./placement.ts";
import { rollup, rollupReducer } from "./rollup.ts";
import { emptyRollupState, type RollupState } from "./rollupState.ts";

/** A record with an id, and whichever of an instant, instants and a span a test needs. */
interface Rec {
  id: string;
  at?: string | null;
  times?: string[];
  span?: [string, string | null];
}

const utc = (iso: string) => Date.parse(iso);
const month = period("month", { timeZone: "UTC" });
const label = (window: Window | undefined) =>
  window ? `${new Date(window.start).toISOString().slice(0, 7)}` : "none";

/** Records what it was given: `id@month of the window` (or `id@none`). */
function recorder(declares: Partial<Reducer<Rec, string[], string[]>>) {
  return {
    name: "recorder",
    timeOf: (r: Rec) => (r.at === undefined || r.at === null ? r.at : new Date(r.at)),
    init: (): string[] => [],
    add: (state: string[], r: Rec, window: Window | undefined) => {
      state.push(`${r.id}@${label(window)}`);
    },
    merge: (a: string[], b: string[]) => [...a, ...b],
    result: (state: string[]) => state,
    ...declares,
  } as Reducer<Rec, string[], string[]>;
}

const timesOf = (r: Rec) => (r.times ?? []).map((t) => new Date(t));
const spanOf = (r: Rec): Span | undefined =>
  r.span && { start: utc(r.span[0]), end: r.span[1] === null ? Infinity : utc(r.span[1]) };

/**
 * Places the records with one metric's placement into a fresh state; returns what each
 * period's group received (`null` for the null period) and the state.
 */
function place(
  reducer: Reducer<Rec, string[], string[]>,
  records: Rec[],
  grouping: { range?: PeriodRange; ungrouped?: boolean } = {},
) {
  const slots = metricSlots(["m"], [reducer]);
  const grid = grouping.ungrouped ? undefined : periodGrid(month, grouping.range, 1);
  const placement = placementOf(reducer, slots[0] as (typeof slots)[0], grid, 1);
  const state: RollupState = emptyRollupState(["m"]);
  const entryFor = keyIndex<Rec>([]);
  for (const r of records) placement(state, entryFor(state, r), r);
  const received = [...(state.groups.get("")?.values() ?? [])].map((group) => [
    group.periodStart === null ? null : new Date(group.periodStart).toISOString().slice(0, 7),
    group.states[0],
  ]);
  return { received, state };
}

const MARCH_ONLY: PeriodRange = {
  first: utc("2024-03-01T00:00:00Z"),
  last: utc("2024-03-01T00:00:00Z"),
  end: utc("2024-04-01T00:00:00Z"),
};

describe("placement by one instant (timeOf)", () => {
  test("a record goes to the period holding its instant, with that period as its window", () => {
    const { received } = place(recorder({}), [
      { id: "a", at: "2024-03-31T23:59:59Z" },
      { id: "b", at: "2024-04-01T00:00:00Z" },
      { id: "c", at: "2024-03-01T00:00:00Z" },
    ]);
    expect(received).toEqual([
      ["2024-03", ["a@2024-03", "c@2024-03"]],
      ["2024-04", ["b@2024-04"]],
    ]);
  });

  test("no instant, or an invalid one, goes to the null period without a window", () => {
    const { received, state } = place(recorder({}), [
      { id: "none", at: null },
      { id: "invalid", at: "not a date" },
    ]);
    expect(received).toEqual([[null, ["none@none", "invalid@none"]]]);
    expect(state.firstPeriod).toBe(Number.POSITIVE_INFINITY);
  });

  test("outside the range a record is counted, not placed", () => {
    const { received, state } = place(
      recorder({}),
      [
        { id: "feb", at: "2024-02-29T23:59:59Z" },
        { id: "mar", at: "2024-03-10T00:00:00Z" },
        { id: "apr", at: "2024-04-01T00:00:00Z" },
      ],
      { range: MARCH_ONLY },
    );
    expect(received).toEqual([["2024-03", ["mar@2024-03"]]]);
    expect(state.outOfRange).toEqual({ m: 2 });
  });
});

describe("placement by several instants (timesOf)", () => {
  const replies = recorder({ timesOf });

  test("a record goes once to each period holding one of its instants", () => {
    // Three instants in March and one in May: two periods, April skipped.
    const { received, state } = place(replies, [
      {
        id: "a",
        times: [
          "2024-03-01T00:00:00Z",
          "2024-05-02T00:00:00Z",
          "2024-03-20T00:00:00Z",
          "2024-03-31T00:00:00Z",
        ],
      },
    ]);
    expect(received).toEqual([
      ["2024-03", ["a@2024-03"]],
      ["2024-05", ["a@2024-05"]],
    ]);
    expect([state.firstPeriod, state.lastPeriod]).toEqual([
      utc("2024-03-01T00:00:00Z"),
      utc("2024-05-01T00:00:00Z"),
    ]);
  });

  test("no instant at all goes to the null period; timeOf is not read", () => {
    const { received } = place(replies, [{ id: "a", times: [], at: "2024-03-01T00:00:00Z" }]);
    expect(received).toEqual([[null, ["a@none"]]]);
  });

  test("with a range, a record is out of range only when none of its periods is in it", () => {
    const { received, state } = place(
      replies,
      [
        { id: "both", times: ["2024-02-10T00:00:00Z", "2024-03-10T00:00:00Z"] },
        { id: "outside", times: ["2024-02-10T00:00:00Z", "2024-04-10T00:00:00Z"] },
        { id: "one", times: ["2024-04-10T00:00:00Z"] },
      ],
      { range: MARCH_ONLY },
    );
    expect(received).toEqual([["2024-03", ["both@2024-03"]]]);
    expect(state.outOfRange).toEqual({ m: 2 });
  });
});

describe("placement of a stock (spanOf)", () => {
  const open = recorder({ spanOf });

  test("a record without a span is placed by its instant instead", () => {
    const { received } = place(open, [{ id: "a", at: "2024-03-05T00:00:00Z" }]);
    expect(received).toEqual([["2024-03", ["a@2024-03"]]]);
    const withTimes = recorder({ spanOf, timesOf });
    expect(place(withTimes, [{ id: "b", times: ["2024-04-05T00:00:00Z"] }]).received).toEqual([
      ["2024-04", ["b@2024-04"]],
    ]);
  });

  test("with a range, a span goes to every period of the range it reaches", () => {
    // Range: March to May. The span Feb 10 – Apr 2 reaches the ends of February (outside),
    // March and April; an open one from May 31 reaches May; one wholly in January is counted.
    const range = {
      ...MARCH_ONLY,
      last: utc("2024-05-01T00:00:00Z"),
      end: utc("2024-06-01T00:00:00Z"),
    };
    const { received, state } = place(
      open,
      [
        { id: "a", span: ["2024-02-10T00:00:00Z", "2024-04-02T00:00:00Z"] },
        { id: "b", span: ["2024-05-31T00:00:00Z", null] },
        { id: "c", span: ["2024-01-10T00:00:00Z", "2024-01-20T00:00:00Z"] },
      ],
      { range },
    );
    expect(received).toEqual([
      ["2024-03", ["a@2024-03"]],
      ["2024-04", ["a@2024-04"]],
      ["2024-05", ["b@2024-05"]],
    ]);
    expect(state.outOfRange).toEqual({ m: 1 });
    // Measured at once: nothing is held with a range.
    expect(state.pending).toEqual([]);
  });
});

describe("placement not grouped by period", () => {
  test("every record goes to the one group, with the reducer's window", () => {
    const window = { start: utc("2024-03-01T00:00:00Z"), end: utc("2024-04-01T00:00:00Z") };
    const flow = recorder({ window, timesOf });
    const { received } = place(
      flow,
      [
        { id: "a", times: [] },
        { id: "b", at: null },
      ],
      {
        ungrouped: true,
      },
    );
    expect(received).toEqual([[null, ["a@2024-03", "b@2024-03"]]]);
  });

  test("a stock keeps only the records whose span reaches its window", () => {
    const at = utc("2024-03-01T00:00:00Z");
    const stock = recorder({ spanOf, window: { start: at, end: at } });
    const { received } = place(
      stock,
      [
        { id: "before", span: ["2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"] },
        { id: "across", span: ["2024-02-01T00:00:00Z", null] },
        { id: "after", span: ["2024-03-01T00:00:01Z", null] },
        { id: "nospan" },
      ],
      { ungrouped: true },
    );
    expect(received).toEqual([[null, ["across@2024-03", "nospan@2024-03"]]]);
  });

  test("a stock without a window is refused", () => {
    const stock = recorder({ spanOf });
    expect(() => place(stock, [], { ungrouped: true })).toThrow(
      new TypeError(
        "rollup: metrics.m is measured at an instant; give it one (such as `at`) or group by period",
      ),
    );
  });
});

describe("placeBy: tickets placed by their creation (a cohort) or by each metric's event", () => {
  // A: created 10 Jan, resolved 12 Jan (2 d), one reply, never reopened.
  // B: created 20 Jan, resolved 5 Feb (16 d), one reply, reopened once.
  // C: created 10 Feb, resolved 11 Feb (1 d), one reply, never reopened.
  // D: created 20 Feb, unresolved.
  const tickets = [
    ticket({
      createdAt: "2024-01-10T00:00:00Z",
      firstResolvedAt: "2024-01-12T00:00:00Z",
      agentReplyCount: 1,
    }),
    ticket({
      createdAt: "2024-01-20T00:00:00Z",
      firstResolvedAt: "2024-02-05T00:00:00Z",
      agentReplyCount: 1,
      reopenCount: 1,
    }),
    ticket({
      createdAt: "2024-02-10T00:00:00Z",
      firstResolvedAt: "2024-02-11T00:00:00Z",
      agentReplyCount: 1,
    }),
    ticket({ createdAt: "2024-02-20T00:00:00Z" }),
  ];
  const metrics = {
    resolution: resolutionTimeReducer(),
    reopen: reopenRateReducer(),
    backlog: backlogReducer(),
  };
  const DAY = 86_400;
  const show = (placeBy?: "event" | "created") =>
    rollup(tickets, {
      by: { period: "month" },
      metrics,
      ...(placeBy === undefined ? {} : { placeBy }),
    }).map((row) => [
      row.period?.label ?? null,
      row.resolution.value,
      row.resolution.n,
      row.resolution.excluded.unresolved,
      row.reopen.value,
      row.backlog.value,
    ]);

  test("by each metric's event (the default): the tickets resolved in each month", () => {
    // January: A resolved (2 d), not reopened → mean 2 d, reopen 0 %.
    // February: B (16 d, reopened) and C (1 d) → mean 8.5 d, reopen 50 %.
    // D, unresolved, has no resolution instant: the null-period row counts it.
    // Backlog at January's end: B; at February's end: D.
    const expected = [
      ["2024-01", 2 * DAY, 1, 0, 0, 1],
      ["2024-02", 8.5 * DAY, 2, 0, 50, 1],
      [null, null, 0, 1, null, 0],
    ];
    expect(show()).toEqual(expected);
    expect(show("event")).toEqual(expected);
  });

  test("by creation: the tickets created in each month, whenever they were resolved", () => {
    // January: A (2 d) and B (16 d, reopened) → mean 9 d, reopen 50 %.
    // February: C (1 d) → mean 1 d, reopen 0 %; D is excluded there as unresolved.
    // Backlog is a stock: still measured at each month's end, the same as above.
    expect(show("created")).toEqual([
      ["2024-01", 9 * DAY, 2, 0, 50, 1],
      ["2024-02", 1 * DAY, 1, 1, 0, 1],
    ]);
  });

  test("a metric with several events per ticket counts all of them in the creation period", () => {
    // Created 31 Jan 20:00Z, answered at 02:00Z on 1 February: 6 hours, in February by the
    // reply, in January by creation.
    const late = ticket({
      createdAt: "2024-01-31T20:00:00Z",
      messages: [
        { at: "2024-01-31T20:00:00Z", authorRole: "customer" },
        { at: "2024-02-01T02:00:00Z", authorRole: "agent" },
      ],
    });
    const replies = (placeBy: "event" | "created") =>
      rollup([late], {
        by: { period: "month" },
        placeBy,
        metrics: { reply: replyTimeReducer() },
      }).map((row) => [row.period?.label, row.reply.n, row.reply.value]);
    expect(replies("event")).toEqual([["2024-02", 1, 6 * 3600]]);
    expect(replies("created")).toEqual([["2024-01", 1, 6 * 3600]]);
  });

  test("records without a createdAt (support costs) keep their own instant", () => {
    // Costs: 900 on 15 Jan, 300 on 15 Feb. Tickets: T1 Jan 5 → Jan 6, T2 Jan 25 → Feb 3,
    // T3 Feb 10 → Feb 12.
    // By resolution: January 900 / 1 = 900; February 300 / 2 = 150.
    // By creation:   January 900 / 2 = 450; February 300 / 1 = 300.
    const items = [
      { incurredAt: new Date("2024-01-15T00:00:00Z"), amount: 900 },
      { incurredAt: new Date("2024-02-15T00:00:00Z"), amount: 300 },
      ticket({ createdAt: "2024-01-05T00:00:00Z", firstResolvedAt: "2024-01-06T00:00:00Z" }),
      ticket({ createdAt: "2024-01-25T00:00:00Z", firstResolvedAt: "2024-02-03T00:00:00Z" }),
      ticket({ createdAt: "2024-02-10T00:00:00Z", firstResolvedAt: "2024-02-12T00:00:00Z" }),
    ];
    const cost = (placeBy: "event" | "created") =>
      rollup(items, {
        by: { period: "month" },
        placeBy,
        metrics: { cost: costPerTicketReducer() },
      }).map((row) => [row.period?.label, row.cost.value]);
    expect(cost("event")).toEqual([
      ["2024-01", 900],
      ["2024-02", 150],
    ]);
    expect(cost("created")).toEqual([
      ["2024-01", 450],
      ["2024-02", 300],
    ]);
  });

  test("a record whose createdAt is not a date goes to the null period; out of range is counted", () => {
    const state = rollupReducer<
      Rec & { createdAt?: unknown },
      { r: Reducer<Rec, string[], string[]> }
    >({
      by: { period: "month" },
      placeBy: "created",
      metrics: { r: recorder({}) },
      range: { start: "2024-02-01T00:00:00Z", end: "2024-03-01T00:00:00Z" },
    });
    const s = state.init();
    state.add(s, { id: "bad", at: "2024-02-02T00:00:00Z", createdAt: null }, undefined);
    state.add(
      s,
      { id: "jan", at: "2024-02-02T00:00:00Z", createdAt: new Date("2024-01-31T00:00:00Z") },
      undefined,
    );
    state.add(
      s,
      { id: "feb", at: "2024-01-02T00:00:00Z", createdAt: new Date("2024-02-10T00:00:00Z") },
      undefined,
    );
    state.add(s, { id: "own", at: "2024-02-03T00:00:00Z" }, undefined);
    expect(state.result(s).map((row) => [row.period?.label ?? null, row.r])).toEqual([
      ["2024-02", ["feb@2024-02", "own@2024-02"]],
      [null, ["bad@none"]],
    ]);
    expect(s.outOfRange).toEqual({ r: 1 });
  });

  test("placeBy is checked: a string it knows, or a TypeError / RangeError naming it", () => {
    const options = { by: { period: "month" as const }, metrics: { r: recorder({}) } };
    expect(() => rollup([], { ...options, placeBy: "resolved" as never })).toThrow(
      new RangeError('rollup: placeBy must be "event" or "created", got "resolved"'),
    );
    expect(() => rollup([], { ...options, placeBy: 1 as never })).toThrow(
      new TypeError('rollup: placeBy must be "event" or "created", got 1'),
    );
  });
});
