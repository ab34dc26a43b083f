import { describe, expect, test } from "vitest";
import { survey } from "../../test/fixtures.ts";
import { csatReducer } from "../metrics/surveys/csat.ts";
import { reduce } from "../reduce/reduce.ts";
import type { Reducer, Window } from "../reduce/reducer.ts";
import { period } from "../time/period.ts";
import { type RollupState, rollup, rollupReducer } from "./rollup.ts";

/** A ticket-like record, small enough to read in a test. */
interface Rec {
  id: string;
  channel: string | null;
  priority: number | null;
  createdAt: Date;
  resolvedAt: Date | null;
  replies: Date[];
}

const d = (iso: string) => new Date(iso);
function rec(
  id: string,
  fields: {
    channel?: string | null;
    priority?: number | null;
    created: string;
    resolved?: string;
    replies?: string[];
  },
): Rec {
  return {
    id,
    channel: fields.channel ?? null,
    priority: fields.priority ?? null,
    createdAt: d(fields.created),
    resolvedAt: fields.resolved ? d(fields.resolved) : null,
    replies: (fields.replies ?? []).map(d),
  };
}

const R1 = rec("R1", {
  channel: "email",
  priority: 2,
  created: "2024-01-10T00:00:00Z",
  resolved: "2024-01-12T00:00:00Z",
  replies: ["2024-01-10T10:00:00Z", "2024-02-01T00:00:00Z"],
});
const R2 = rec("R2", {
  channel: "chat",
  priority: 10,
  created: "2024-01-20T00:00:00Z",
  resolved: "2024-03-05T00:00:00Z",
  replies: ["2024-01-21T00:00:00Z"],
});
const R3 = rec("R3", { channel: "email", priority: 9, created: "2024-02-15T00:00:00Z" });
// 23:30 UTC on 31 March is 01:30 on 1 April in Berlin.
const R4 = rec("R4", { created: "2024-03-31T23:30:00Z", replies: ["2024-04-01T01:00:00Z"] });
const R5 = rec("R5", {
  channel: "chat",
  priority: 2,
  created: "2024-03-02T00:00:00Z",
  resolved: "2024-03-03T00:00:00Z",
  replies: ["2024-03-02T00:00:00Z", "2024-03-02T05:00:00Z"],
});
const RECORDS = [R1, R2, R3, R4, R5];

/** Counts records by creation: the simplest flow metric. */
const volume: Reducer<Rec, { n: number }, { value: number }> = {
  name: "volume",
  timeOf: (r) => r.createdAt,
  init: () => ({ n: 0 }),
  add: (state) => {
    state.n++;
  },
  merge: (a, b) => ({ n: a.n + b.n }),
  result: (state) => ({ value: state.n }),
};

/** Counts resolutions by resolution time; an unresolved record has no time. */
const resolved: Reducer<Rec, { n: number; ids: string[] }, { value: number; ids: string[] }> = {
  name: "resolved",
  timeOf: (r) => r.resolvedAt,
  init: () => ({ n: 0, ids: [] }),
  add: (state, r) => {
    state.n++;
    state.ids.push(r.id);
  },
  merge: (a, b) => ({ n: a.n + b.n, ids: [...a.ids, ...b.ids].sort() }),
  result: (state) => ({ value: state.n, ids: [...state.ids].sort() }),
};

interface OpenState {
  open: number;
  notOpenAtEnd: number;
  windows: string[];
}
/**
 * A stock metric: records open at the window's end E, by the half-open rule of backlog:
 * created before E and not resolved before E.
 */
function openAtEnd(at?: number): Reducer<Rec, OpenState, { value: number; notOpenAtEnd: number }> {
  return {
    name: "openAtEnd",
    timeOf: (r) => r.createdAt,
    spanOf: (r) => ({ start: r.createdAt.getTime(), end: r.resolvedAt?.getTime() ?? Infinity }),
    ...(at === undefined ? {} : { window: { start: at, end: at } }),
    init: () => ({ open: 0, notOpenAtEnd: 0, windows: [] }),
    add(state, r, window) {
      const end = (window as Window).end;
      const open =
        r.createdAt.getTime() < end && (r.resolvedAt === null || r.resolvedAt.getTime() >= end);
      if (open) state.open++;
      else state.notOpenAtEnd++;
    },
    merge: (a, b) => ({
      open: a.open + b.open,
      notOpenAtEnd: a.notOpenAtEnd + b.notOpenAtEnd,
      windows: [],
    }),
    result: (state) => ({ value: state.open, notOpenAtEnd: state.notOpenAtEnd }),
  };
}

/** Places a record once per period holding one of its replies; counts the replies inside. */
const replies: Reducer<
  Rec,
  { records: number; events: number },
  { records: number; events: number }
> = {
  name: "replies",
  timeOf: () => undefined,
  timesOf: (r) => r.replies,
  init: () => ({ records: 0, events: 0 }),
  add(state, r, window) {
    state.records++;
    for (const time of r.replies) {
      const t = time.getTime();
      if (!window || (t >= window.start && t < window.end)) state.events++;
    }
  },
  merge: (a, b) => ({ records: a.records + b.records, events: a.events + b.events }),
  result: (state) => ({ ...state }),
};

/** The UTC month `2024-MM` as a row's period. */
function month(m: number, year = 2024) {
  return {
    start: new Date(Date.UTC(year, m - 1, 1)).toISOString(),
    end: new Date(Date.UTC(year, m, 1)).toISOString(),
    label: `${year}-${String(m).padStart(2, "0")}`,
  };
}

function stateOf<M extends Record<string, Reducer<Rec, unknown, unknown>>>(
  records: Rec[],
  options: Parameters<typeof rollupReducer<Rec, M>>[0],
) {
  const reducer = rollupReducer<Rec, M>(options);
  const state = reducer.init();
  for (const r of records) reducer.add(state, r, undefined);
  return { reducer, state };
}

describe("rollup grouping", () => {
  test("by a period unit and a key field, sorted by period then key, null last", () => {
    // Created: Jan R1 email, R2 chat; Feb R3 email; Mar R5 chat, R4 (no channel).
    expect(
      rollup(RECORDS, { by: { period: "month", channel: "channel" }, metrics: { volume } }),
    ).toEqual([
      { period: month(1), channel: "chat", volume: { value: 1 } },
      { period: month(1), channel: "email", volume: { value: 1 } },
      { period: month(2), channel: "email", volume: { value: 1 } },
      { period: month(3), channel: "chat", volume: { value: 1 } },
      { period: month(3), channel: null, volume: { value: 1 } },
    ]);
  });

  test("by a Period object in a zone and a key function", () => {
    // In Berlin R4 (23:30 UTC on 31 March) is in April; ISO weeks too.
    const rows = rollup(RECORDS, {
      by: {
        period: period("month", { timeZone: "Europe/Berlin" }),
        resolved: (r) => r.resolvedAt !== null,
      },
      metrics: { volume },
    });
    expect(rows.map((row) => [row.period?.label, row.resolved, row.volume.value])).toEqual([
      ["2024-01", true, 2], // R1, R2
      ["2024-02", false, 1], // R3
      ["2024-03", true, 1], // R5
      ["2024-04", false, 1], // R4
    ]);
    expect(rows[0]?.period).toEqual({
      start: "2023-12-31T23:00:00.000Z",
      end: "2024-01-31T23:00:00.000Z",
      label: "2024-01",
    });
  });

  test("the unit name is read in the rollup's timeZone, with its weekStartsOn", () => {
    const rows = rollup(RECORDS, {
      by: { period: "week" },
      timeZone: "America/New_York",
      weekStartsOn: 0,
      metrics: { volume },
    });
    // R1 was created at 19:00 on Tuesday 9 January in New York: the week of Sunday 7 January.
    expect(rows[0]).toEqual({
      period: {
        start: "2024-01-07T05:00:00.000Z",
        end: "2024-01-14T05:00:00.000Z",
        label: "2024-01-07",
      },
      volume: { value: 1 },
    });
  });

  test("keys in declared order; numbers sort numerically, null last", () => {
    const rows = rollup(RECORDS, {
      by: { priority: "priority", channel: "channel" },
      metrics: { volume },
    });
    expect(rows.map((row) => [row.priority, row.channel, row.volume.value])).toEqual([
      [2, "chat", 1],
      [2, "email", 1],
      [9, "email", 1],
      [10, "chat", 1],
      [null, null, 1],
    ]);
    const swapped = rollup(RECORDS, {
      by: { channel: "channel", priority: "priority" },
      metrics: { volume },
    });
    expect(swapped.map((row) => [row.channel, row.priority])).toEqual([
      ["chat", 2],
      ["chat", 10],
      ["email", 2],
      ["email", 9],
      [null, null],
    ]);
  });

  test("without by, one row holds the whole input; with no input, the empty result", () => {
    expect(rollup(RECORDS, { metrics: { volume } })).toEqual([{ volume: { value: 5 } }]);
    expect(rollup([], { metrics: { volume } })).toEqual([{ volume: { value: 0 } }]);
    expect(rollup([], { by: { channel: "channel" }, metrics: { volume } })).toEqual([]);
    expect(rollup([], { by: { period: "month" }, metrics: { volume } })).toEqual([]);
  });

  test("a record a metric cannot place goes to a row whose period is null, sorted last", () => {
    const rows = rollup(RECORDS, { by: { period: "month" }, metrics: { resolved, volume } });
    expect(rows).toEqual([
      { period: month(1), resolved: { value: 1, ids: ["R1"] }, volume: { value: 2 } },
      { period: month(2), resolved: { value: 0, ids: [] }, volume: { value: 1 } },
      { period: month(3), resolved: { value: 2, ids: ["R2", "R5"] }, volume: { value: 2 } },
      { period: null, resolved: { value: 2, ids: ["R3", "R4"] }, volume: { value: 0 } },
    ]);
  });

  test("keys that JSON would confuse stay apart: NaN is null, -0 is 0, Infinity is itself", () => {
    const items = [1, 0, -0, Number.NaN, null, Number.POSITIVE_INFINITY, "1"].map((key, i) => ({
      ...R1,
      id: String(i),
      key,
    }));
    const rows = rollup(items, { by: { key: (r) => r.key }, metrics: { volume } });
    expect(rows.map((row) => [row.key, row.volume.value])).toEqual([
      [0, 2],
      [1, 1],
      [Number.POSITIVE_INFINITY, 1],
      ["1", 1],
      [null, 2],
    ]);
    expect(Object.is(rows[0]?.key, 0)).toBe(true);
  });
});

describe("rollup range", () => {
  const scored = [
    survey("csat", 5, { respondedAt: "2024-01-15T00:00:00Z", channel: "email" }),
    survey("csat", 2, { respondedAt: "2024-03-10T00:00:00Z", channel: "chat" }),
    survey("csat", 4, { respondedAt: "2023-12-31T23:00:00Z", channel: "email" }),
  ];
  const count: Reducer<unknown, { n: number }, { value: number }> = {
    name: "count",
    timeOf: (r) => (r as { respondedAt: Date }).respondedAt,
    init: () => ({ n: 0 }),
    add: (state) => {
      state.n++;
    },
    merge: (a, b) => ({ n: a.n + b.n }),
    result: (state) => ({ value: state.n }),
  };
  const none = {
    value: null,
    method: "top-box",
    numerator: 0,
    denominator: 0,
    n: 0,
    excluded: { otherKind: 0, unanswered: 0 },
  };

  test("fills every period for every key combination seen, and leaves out records outside", () => {
    const options = {
      by: { period: "month" as const, channel: "channel" as const },
      metrics: { csat: csatReducer(), count },
      range: { start: "2024-01-01", end: "2024-04-01" },
    };
    expect(rollup(scored, options)).toEqual([
      { period: month(1), channel: "chat", csat: none, count: { value: 0 } },
      {
        period: month(1),
        channel: "email",
        csat: { ...none, value: 100, numerator: 1, denominator: 1, n: 1 },
        count: { value: 1 },
      },
      { period: month(2), channel: "chat", csat: none, count: { value: 0 } },
      { period: month(2), channel: "email", csat: none, count: { value: 0 } },
      {
        period: month(3),
        channel: "chat",
        csat: { ...none, value: 0, numerator: 0, denominator: 1, n: 1 },
        count: { value: 1 },
      },
      { period: month(3), channel: "email", csat: none, count: { value: 0 } },
    ]);
    // The December response is outside, once per metric.
    const reducer = rollupReducer<(typeof scored)[number], typeof options.metrics>(options);
    const state = reducer.init();
    for (const s of scored) reducer.add(state, s, undefined);
    expect(state.outOfRange).toEqual({ csat: 1, count: 1 });
  });

  test("with no records at all, every period still gets a row", () => {
    expect(
      rollup([], {
        by: { period: "month" },
        metrics: { count },
        range: { start: "2024-01-01", end: "2024-03-01" },
      }),
    ).toEqual([
      { period: month(1), count: { value: 0 } },
      { period: month(2), count: { value: 0 } },
    ]);
  });

  test("zone-less range strings are read in the rollup's zone", () => {
    // "2024-02-01" in Tokyo is 15:00 UTC on 31 January: the Tokyo month of February.
    const rows = rollup(scored, {
      by: { period: "month" },
      timeZone: "Asia/Tokyo",
      metrics: { count },
      range: { start: "2024-02-01", end: "2024-03-01" },
    });
    expect(rows).toEqual([
      {
        period: {
          start: "2024-01-31T15:00:00.000Z",
          end: "2024-02-29T15:00:00.000Z",
          label: "2024-02",
        },
        count: { value: 0 },
      },
    ]);
  });

  test("with a Period object, zone-less range strings are read in the period's zone", () => {
    // In Rome, "2024-03-01" is 23:00 UTC on 29 February, the start of March: not included.
    const rows = rollup([R1, rec("late", { created: "2024-02-29T23:30:00Z" })], {
      by: { period: period("month", { timeZone: "Europe/Rome" }) },
      metrics: { volume },
      range: { start: "2024-01-01", end: "2024-03-01" },
    });
    expect(rows.map((row) => [row.period?.label, row.volume.value])).toEqual([
      ["2024-01", 1],
      ["2024-02", 0],
    ]);
  });

  test("range instants as Dates, epoch milliseconds and strings with offsets", () => {
    const options = (start: Date | number | string, end: Date | number | string) => ({
      by: { period: "month" as const },
      metrics: { volume },
      range: { start, end },
    });
    const expected = rollup(RECORDS, options("2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"));
    expect(expected).toEqual([{ period: month(2), volume: { value: 1 } }]);
    expect(rollup(RECORDS, options(d("2024-02-01T00:00:00Z"), Date.UTC(2024, 2, 1)))).toEqual(
      expected,
    );
    // A range starting inside February still covers the whole of February.
    expect(rollup(RECORDS, options("2024-02-20T00:00:00+01:00", Date.UTC(2024, 2, 1)))).toEqual(
      expected,
    );
  });

  test("records of periods outside are counted in outOfRange, per metric", () => {
    const { state } = stateOf(RECORDS, {
      by: { period: "month" },
      metrics: { volume, resolved },
      range: { start: "2024-02-01T00:00:00Z", end: "2024-03-01T00:00:00Z" },
    });
    // volume: only R3 is created in February → 4 outside. resolved: R1 (Jan), R2 and R5 (Mar)
    // are outside; R3 and R4 have no time and are kept in the null row.
    expect(state.outOfRange).toEqual({ volume: 4, resolved: 3 });
  });
});

describe("rollup with stock metrics (spanOf)", () => {
  test("without range: every period from the first to the last one seen", () => {
    // Spans: R1 Jan 10–12, R2 Jan 20–Mar 5, R3 Feb 15–, R4 Mar 31–, R5 Mar 2–3.
    // Open at the end of Jan: R2 (R1 was resolved). Feb: R2, R3. Mar: R3, R4 (R2, R5 resolved).
    expect(rollup(RECORDS, { by: { period: "month" }, metrics: { open: openAtEnd() } })).toEqual([
      { period: month(1), open: { value: 1, notOpenAtEnd: 1 } },
      { period: month(2), open: { value: 2, notOpenAtEnd: 0 } },
      { period: month(3), open: { value: 2, notOpenAtEnd: 2 } },
    ]);
  });

  test("a span starting exactly at a period's start gets that period's row, whatever else is in the data", () => {
    // B1 is created at 2024-03-01T00:00Z, March's first instant: periods are half-open, so it
    // is in March only (resolved there: not open at March's end). Alone, only March comes back.
    const boundary = rec("B1", {
      created: "2024-03-01T00:00:00Z",
      resolved: "2024-03-05T00:00:00Z",
    });
    const options = { by: { period: "month" as const }, metrics: { open: openAtEnd() } };
    const alone = [{ period: month(3), open: { value: 0, notOpenAtEnd: 1 } }];
    expect(rollup([boundary], options)).toEqual(alone);
    // With a February record (resolved in February), February's row holds only it; in either
    // order, and across shards.
    const february = rec("F1", {
      created: "2024-02-10T00:00:00Z",
      resolved: "2024-02-11T00:00:00Z",
    });
    const expected = [
      { period: month(2), open: { value: 0, notOpenAtEnd: 1 } },
      { period: month(3), open: { value: 0, notOpenAtEnd: 1 } },
    ];
    expect(rollup([boundary, february], options)).toEqual(expected);
    expect(rollup([february, boundary], options)).toEqual(expected);
    const reducer = rollupReducer<Rec, { open: ReturnType<typeof openAtEnd> }>(options);
    const shard = (r: Rec) => {
      const state = reducer.init();
      reducer.add(state, r, undefined);
      return state;
    };
    expect(reducer.result(reducer.merge(shard(boundary), shard(february)))).toEqual(expected);
    expect(reducer.result(shard(boundary))).toEqual(alone);
  });

  test("an open-ended span starting exactly at a period's start gets that period's row only", () => {
    const boundary = rec("B2", { created: "2024-03-01T00:00:00Z" });
    expect(rollup([boundary], { by: { period: "month" }, metrics: { open: openAtEnd() } })).toEqual(
      [{ period: month(3), open: { value: 1, notOpenAtEnd: 0 } }],
    );
  });

  test("a span ending exactly at a period's start is open at the end of the one before and ends in it", () => {
    // Jan 10 to 1 Feb 00:00: resolved at January's end instant, so still open there (resolved
    // in February); February's row holds it as not open at February's end.
    const ending = rec("B3", {
      created: "2024-01-10T00:00:00Z",
      resolved: "2024-02-01T00:00:00Z",
    });
    expect(rollup([ending], { by: { period: "month" }, metrics: { open: openAtEnd() } })).toEqual([
      { period: month(1), open: { value: 1, notOpenAtEnd: 0 } },
      { period: month(2), open: { value: 0, notOpenAtEnd: 1 } },
    ]);
  });

  test("holds more stock records than a call's argument limit (no spread of the pending list)", () => {
    // 200,000 records created in January 2024, never resolved: open-ended spans wait in the
    // pending list until the last period is known, and every one is open at January's end.
    // Spreading the pending list into push() overflowed the stack above ~120,000 records.
    const jan = Date.UTC(2024, 0, 1);
    const many: Rec[] = Array.from({ length: 200_000 }, (_, i) => ({
      id: `M${i}`,
      createdAt: new Date(jan + (i % 20) * 86_400_000),
      resolvedAt: null,
      channel: null,
      priority: null,
      replies: [],
    }));
    const reducer = rollupReducer<Rec, { open: ReturnType<typeof openAtEnd> }>({
      by: { period: "month" },
      metrics: { open: openAtEnd() },
    });
    const state = reducer.init();
    for (const r of many) reducer.add(state, r, undefined);
    expect(state.pending.length).toBe(200_000);
    expect(reducer.result(reducer.merge(state, reducer.init()))).toEqual([
      { period: month(1), open: { value: 200_000, notOpenAtEnd: 0 } },
    ]);
  });

  test("measures finite spans as they arrive: only open-ended ones wait", () => {
    // R1 (Jan 10–12), R2 (Jan 20–Mar 5) and R5 (Mar 2–3) are finite; R3 and R4 are still open.
    const reducer = rollupReducer<Rec, { open: ReturnType<typeof openAtEnd> }>({
      by: { period: "month" },
      metrics: { open: openAtEnd() },
    });
    const state = reducer.init();
    for (const r of RECORDS) reducer.add(state, r, undefined);
    expect(state.pending.map((p) => (p.item as Rec).id).sort()).toEqual(["R3", "R4"]);
  });

  test("with range: the periods of the range, and records wholly outside counted", () => {
    const options = {
      by: { period: "month" as const },
      metrics: { open: openAtEnd() },
      range: { start: "2024-02-01T00:00:00Z", end: "2024-05-01T00:00:00Z" },
    };
    // R1 ended in January: outside. April: R3 and R4 still open.
    expect(rollup(RECORDS, options)).toEqual([
      { period: month(2), open: { value: 2, notOpenAtEnd: 0 } },
      { period: month(3), open: { value: 2, notOpenAtEnd: 2 } },
      { period: month(4), open: { value: 2, notOpenAtEnd: 0 } },
    ]);
    const { state } = stateOf(RECORDS, options);
    expect(state.outOfRange).toEqual({ open: 1 });
  });

  test("with keys, each key's stock is measured separately", () => {
    const rows = rollup(RECORDS, {
      by: { period: "month", channel: "channel" },
      metrics: { open: openAtEnd() },
    });
    expect(rows.map((row) => [row.period?.label, row.channel, row.open.value])).toEqual([
      ["2024-01", "chat", 1],
      ["2024-01", "email", 0],
      ["2024-02", "chat", 1],
      ["2024-02", "email", 1],
      ["2024-03", "chat", 0],
      ["2024-03", "email", 1],
      ["2024-03", null, 1],
    ]);
  });

  test("without period, the reducer's window is measured, exactly as reduce() does", () => {
    // At 1 February 00:00 UTC only R2 is open; R1 ended before, R3–R5 started after.
    const open = openAtEnd(Date.UTC(2024, 1, 1));
    expect(reduce(RECORDS, open)).toEqual({ value: 1, notOpenAtEnd: 0 });
    expect(rollup(RECORDS, { metrics: { open } })).toEqual([
      { open: { value: 1, notOpenAtEnd: 0 } },
    ]);
    expect(rollup(RECORDS, { metrics: { open, volume } })).toEqual([
      { open: { value: 1, notOpenAtEnd: 0 }, volume: { value: 5 } },
    ]);
  });

  test("a span starting exactly at a period start does not touch the period before", () => {
    // Half-open periods: created at 00:00 on 1 February is in February, not at January's end.
    // January holds only R1 (resolved on the 12th: not open at its end).
    const edge = rec("edge", { created: "2024-02-01T00:00:00Z" });
    expect(rollup([R1, edge], { by: { period: "month" }, metrics: { open: openAtEnd() } })).toEqual(
      [
        { period: month(1), open: { value: 0, notOpenAtEnd: 1 } },
        { period: month(2), open: { value: 1, notOpenAtEnd: 0 } },
      ],
    );
  });
});

describe("rollup with events (timesOf)", () => {
  test("a record goes to every period holding one of its events, once each", () => {
    // Replies: R1 Jan 10 + Feb 1, R2 Jan 21, R3 none, R4 Apr 1, R5 Mar 2 (twice).
    expect(rollup(RECORDS, { by: { period: "month" }, metrics: { replies } })).toEqual([
      { period: month(1), replies: { records: 2, events: 2 } },
      { period: month(2), replies: { records: 1, events: 1 } },
      { period: month(3), replies: { records: 1, events: 2 } },
      { period: month(4), replies: { records: 1, events: 1 } },
      { period: null, replies: { records: 1, events: 0 } },
    ]);
  });

  test("with range, a record with no event inside is out of range", () => {
    const options = {
      by: { period: "month" as const },
      metrics: { replies },
      range: { start: "2024-01-01T00:00:00Z", end: "2024-04-01T00:00:00Z" },
    };
    expect(
      rollup(RECORDS, options).map((row) => [row.period?.label ?? null, row.replies.events]),
    ).toEqual([
      ["2024-01", 2],
      ["2024-02", 1],
      ["2024-03", 2],
      [null, 0],
    ]);
    expect(stateOf(RECORDS, options).state.outOfRange).toEqual({ replies: 1 });
  });

  test("without period every event counts", () => {
    expect(rollup(RECORDS, { metrics: { replies } })).toEqual([
      { replies: { records: 5, events: 6 } },
    ]);
  });
});

describe("rollup state", () => {
  test("result() is pure: reading twice gives the same rows", () => {
    const options = {
      by: { period: "month" as const, channel: "channel" as const },
      metrics: { open: openAtEnd(), volume, resolved, replies },
    };
    const { reducer, state } = stateOf(RECORDS, options);
    const first = reducer.result(state);
    expect(reducer.result(state)).toEqual(first);
    expect(first).toEqual(rollup(RECORDS, options));
  });

  test("result() is pure when a stock metric shares a group with directly added records", () => {
    // A stock reducer may have no span for some records; those are added by timeOf at once,
    // and the pending spans must not then be added into that shared state by result().
    const base = openAtEnd();
    const partial: typeof base = {
      ...base,
      spanOf: (r) => (r.id === "R3" ? undefined : base.spanOf?.(r)),
    };
    const { reducer, state } = stateOf(RECORDS, {
      by: { period: "month" },
      metrics: { open: partial },
    });
    const first = reducer.result(state);
    expect(reducer.result(state)).toEqual(first);
    expect(reducer.result(state)).toEqual(first);
    // February: R3 by its creation (Feb 15, open at the end) and R2 by its span.
    expect(first.map((row) => [row.period?.label, row.open.value, row.open.notOpenAtEnd])).toEqual([
      ["2024-01", 1, 1],
      ["2024-02", 2, 0],
      ["2024-03", 1, 2],
    ]);
  });

  test("merging shard states equals one pass, and a state can be merged after reading", () => {
    const options = {
      by: { period: "month" as const },
      metrics: { open: openAtEnd(), volume, replies },
    };
    const reducer = rollupReducer<Rec, typeof options.metrics>(options);
    const a: RollupState = reducer.init();
    const b: RollupState = reducer.init();
    for (const r of [R1, R4]) reducer.add(a, r, undefined);
    for (const r of [R2, R3, R5]) reducer.add(b, r, undefined);
    reducer.result(a);
    expect(reducer.result(reducer.merge(a, b))).toEqual(rollup(RECORDS, options));
    expect(reducer.result(reducer.merge(b, a))).toEqual(rollup(RECORDS, options));
  });
});

describe("rollup errors", () => {
  test("no metrics, or a metric that is not a reducer", () => {
    expect(() => rollup(RECORDS, { metrics: {} })).toThrow(
      new TypeError("rollup: metrics must name at least one reducer"),
    );
    expect(() => rollup(RECORDS, { metrics: { volume: {} as typeof volume } })).toThrow(
      new TypeError("rollup: metrics.volume must be a reducer (init, add, merge, result, timeOf)"),
    );
  });

  test("a key named like a metric", () => {
    expect(() => rollup(RECORDS, { by: { volume: "channel" }, metrics: { volume } })).toThrow(
      new TypeError('rollup: "volume" is both a key and a metric name'),
    );
  });

  test("a range without a period", () => {
    expect(() =>
      rollup(RECORDS, {
        metrics: { volume },
        range: { start: "2024-01-01T00:00:00Z", end: "2024-02-01T00:00:00Z" },
      }),
    ).toThrow(new TypeError("rollup: range needs by.period"));
  });

  test("a stock metric with neither period nor window", () => {
    expect(() => rollup(RECORDS, { metrics: { open: openAtEnd() } })).toThrow(
      new TypeError(
        "rollup: metrics.open is measured at an instant; give it one (such as `at`) or group by period",
      ),
    );
  });

  test("bad periods, zones and ranges", () => {
    expect(() => rollup(RECORDS, { by: { period: 5 as never }, metrics: { volume } })).toThrow(
      new TypeError("rollup: by.period must be a unit name or a period"),
    );
    expect(() =>
      rollup(RECORDS, { by: { period: "fortnight" as never }, metrics: { volume } }),
    ).toThrow(
      new RangeError(
        'period: unit must be one of day, week, isoWeek, month, quarter, year, got "fortnight"',
      ),
    );
    expect(() => rollup(RECORDS, { timeZone: "Mars/Olympus", metrics: { volume } })).toThrow(
      new RangeError('rollup: timeZone must be an IANA time zone name, got "Mars/Olympus"'),
    );
    const ranged = (start: unknown, end: unknown) => () =>
      rollup(RECORDS, {
        by: { period: "month" },
        metrics: { volume },
        range: { start: start as string, end: end as string },
      });
    expect(ranged("2024-02-01", "2024-02-01")).toThrow(
      new RangeError("rollup: range.end must be after range.start"),
    );
    expect(ranged("2024-02-30", "2024-03-01")).toThrow(
      new TypeError('rollup: range.start is not a real date and time, got "2024-02-30"'),
    );
    expect(ranged(Number.NaN, "2024-03-01")).toThrow(
      new TypeError(
        "rollup: range.start must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got NaN",
      ),
    );
  });

  test("bad keys", () => {
    expect(() => rollup(RECORDS, { by: { channel: 5 as never }, metrics: { volume } })).toThrow(
      new TypeError("rollup: by.channel must be a field name or a function, got number"),
    );
    expect(() =>
      rollup(RECORDS, { by: { channel: (r) => r.createdAt as never }, metrics: { volume } }),
    ).toThrow(
      new TypeError("rollup: by.channel must give a string, number, boolean or null, got object"),
    );
  });
});
