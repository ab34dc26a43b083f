import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { csatReducer } from "../metrics/surveys/csat.ts";
import { npsReducer } from "../metrics/surveys/nps.ts";
import { reduce } from "../reduce/reduce.ts";
import type { AnyReducer, Reducer } from "../reduce/reducer.ts";
import { type DurationResult, type DurationState, durations } from "../reduce/results.ts";
import { type PeriodUnit, period } from "../time/period.ts";
import { type RollupOptions, type RollupState, rollup, rollupReducer } from "./rollup.ts";

/** A survey sent, perhaps answered, with follow-up events: enough for every kind of metric. */
interface Item {
  kind: "nps" | "csat" | "ces";
  score: number | null;
  scale: { min: number; max: number };
  sentAt: Date;
  respondedAt: Date | null;
  /** When the conversation the survey is about was created: what `placeBy: "created"` reads. */
  createdAt: Date;
  channel: string | null;
  replies: Date[];
}

const DAY = 86_400_000;
const FROM = Date.UTC(2024, 0, 1);
const SCALES = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } };

const item: fc.Arbitrary<Item> = fc
  .record({
    kind: fc.constantFrom("nps", "csat", "ces", "csat"),
    sent: fc.integer({ min: FROM, max: FROM + 180 * DAY }),
    answeredAfter: fc.option(fc.integer({ min: 0, max: 60 * DAY }), { freq: 4 }),
    score: fc.integer({ min: 0, max: 10 }),
    createdBefore: fc.integer({ min: 0, max: 40 * DAY }),
    channel: fc.constantFrom("email", "chat", null),
    replies: fc.array(fc.integer({ min: 0, max: 90 * DAY }), { maxLength: 3 }),
  })
  .map(({ kind, sent, answeredAfter, score, createdBefore, channel, replies }) => {
    const scale = SCALES[kind];
    return {
      kind,
      score: answeredAfter === null ? null : scale.min + (score % (scale.max - scale.min + 1)),
      scale,
      sentAt: new Date(sent),
      respondedAt: answeredAfter === null ? null : new Date(sent + answeredAfter),
      createdAt: new Date(sent - createdBefore),
      channel,
      replies: replies.map((after) => new Date(sent + after)),
    };
  });

interface PendingState {
  open: number;
  notOpen: number;
}
/** Stock: surveys sent and not yet answered at the window's end. */
function pendingReducer(
  at?: number,
): Reducer<Item, PendingState, PendingState & { value: number }> {
  return {
    name: "pending",
    timeOf: (r) => r.sentAt,
    spanOf: (r) => ({ start: r.sentAt.getTime(), end: r.respondedAt?.getTime() ?? Infinity }),
    ...(at === undefined ? {} : { window: { start: at, end: at } }),
    init: () => ({ open: 0, notOpen: 0 }),
    add(state, r, window) {
      const end = window?.end ?? Number.NaN;
      if (r.sentAt.getTime() <= end && (r.respondedAt === null || r.respondedAt.getTime() > end))
        state.open++;
      else state.notOpen++;
    },
    merge: (a, b) => ({ open: a.open + b.open, notOpen: a.notOpen + b.notOpen }),
    result: (state) => ({ value: state.open, ...state }),
  };
}

/** Durations: seconds from sending to answer, placed by the answer. */
const waitReducer: Reducer<Item, DurationState<"unanswered">, DurationResult<"unanswered">> = {
  name: "wait",
  timeOf: (r) => r.respondedAt,
  init: () => durations.init(["unanswered"]),
  add(state, r) {
    if (r.respondedAt === null) state.excluded.unanswered++;
    else state.values.push((r.respondedAt.getTime() - r.sentAt.getTime()) / 1000);
  },
  merge: durations.merge,
  result: (state) => durations.result(state, "p90"),
};

/** Events: replies, each in its own period. */
const repliesReducer: Reducer<
  Item,
  { records: number; events: number },
  { value: number; records: number }
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
  result: (state) => ({ value: state.events, records: state.records }),
};

type Options = RollupOptions<Item, Record<string, AnyReducer<Item>>>;

const grouped: fc.Arbitrary<Options> = fc
  .record({
    unit: fc.constantFrom<PeriodUnit>("day", "week", "isoWeek", "month", "quarter"),
    timeZone: fc.constantFrom("UTC", "America/New_York", "Europe/Berlin", "America/Santiago"),
    byChannel: fc.boolean(),
    placeBy: fc.constantFrom(undefined, "event" as const, "created" as const),
    range: fc.option(
      fc
        .tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 1, max: 120 }))
        .map(([from, days]) => ({ start: FROM + from * DAY, end: FROM + (from + days) * DAY })),
    ),
  })
  .map(({ unit, timeZone, byChannel, placeBy, range }) => ({
    by: byChannel ? { period: unit, channel: "channel" } : { period: unit },
    timeZone,
    ...(placeBy === undefined ? {} : { placeBy }),
    metrics: {
      csat: csatReducer(),
      nps: npsReducer(),
      pending: pendingReducer(),
      wait: waitReducer,
      replies: repliesReducer,
    },
    ...(range ? { range } : {}),
  }));

const ungrouped: fc.Arbitrary<Options> = fc
  .record({ at: fc.integer({ min: FROM, max: FROM + 200 * DAY }), byChannel: fc.boolean() })
  .map(({ at, byChannel }) => ({
    ...(byChannel ? { by: { channel: "channel" } } : {}),
    metrics: {
      csat: csatReducer({ method: "mean" }),
      nps: npsReducer(),
      pending: pendingReducer(at),
      wait: waitReducer,
      replies: repliesReducer,
    },
  }));

const options = fc.oneof(grouped, grouped, ungrouped);

/** Records, the shard (of 2 to 4) each goes to, and an order to merge the shards in. */
const sharded = fc
  .tuple(fc.array(item, { maxLength: 40 }), fc.integer({ min: 2, max: 4 }))
  .chain(([records, shards]) =>
    fc.tuple(
      fc.constant(records),
      fc.array(fc.integer({ min: 0, max: shards - 1 }), {
        minLength: records.length,
        maxLength: records.length,
      }),
      fc.shuffledSubarray(
        Array.from({ length: shards }, (_, i) => i),
        { minLength: shards, maxLength: shards },
      ),
    ),
  );

function statesOf(
  reducer: Reducer<Item, RollupState, unknown>,
  records: Item[],
  shardOf: number[],
  shards: number,
) {
  const states = Array.from({ length: shards }, () => reducer.init());
  records.forEach((r, i) => {
    reducer.add(states[shardOf[i] as number] as RollupState, r, undefined);
  });
  return states;
}

describe("rollup properties", () => {
  test("merging shard states, in any order, gives the rows of one pass", () => {
    fc.assert(
      fc.property(sharded, options, ([records, shardOf, order], opts) => {
        const reducer = rollupReducer(opts);
        const states = statesOf(reducer, records, shardOf, order.length);
        const ordered = order.map((i) => states[i] as RollupState);
        const folded = ordered
          .slice(1)
          .reduce((acc, s) => reducer.merge(acc, s), ordered[0] as RollupState);
        const expected = rollup(records, opts);
        expect(reducer.result(folded)).toEqual(expected);
        // As a tree, not a chain: ((a b) (c d)).
        const half = Math.ceil(ordered.length / 2);
        const left = ordered.slice(0, half).reduce((acc, s) => reducer.merge(acc, s));
        const right = ordered.slice(half).reduce((acc, s) => reducer.merge(acc, s));
        expect(reducer.result(reducer.merge(right, left))).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  test("result() is pure: reading a state twice, or before merging it, changes nothing", () => {
    fc.assert(
      fc.property(sharded, options, ([records, shardOf, order], opts) => {
        const reducer = rollupReducer(opts);
        const states = statesOf(reducer, records, shardOf, order.length);
        const firstReads = states.map((s) => reducer.result(s));
        expect(states.map((s) => reducer.result(s))).toEqual(firstReads);
        const merged = states
          .slice(1)
          .reduce((acc, s) => reducer.merge(acc, s), states[0] as RollupState);
        const rows = reducer.result(merged);
        expect(reducer.result(merged)).toEqual(rows);
        expect(rows).toEqual(rollup(records, opts));
        expect(states.map((s) => reducer.result(s))).toEqual(firstReads);
      }),
      { numRuns: 100 },
    );
  });

  test("the order of records does not change the rows", () => {
    fc.assert(
      fc.property(
        fc
          .array(item, { maxLength: 40 })
          .chain((rs) =>
            fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length })),
          ),
        options,
        ([records, shuffled], opts) => {
          expect(rollup(shuffled, opts)).toEqual(rollup(records, opts));
        },
      ),
      { numRuns: 100 },
    );
  });

  test("every record reaches each flow metric once: in a row or counted out of range", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), grouped, (records, opts) => {
        const reducer = rollupReducer(opts);
        const state = reducer.init();
        for (const r of records) reducer.add(state, r, undefined);
        const rows = reducer.result(state) as Record<
          string,
          { n: number; excluded: Record<string, number> }
        >[];
        for (const name of ["csat", "nps"]) {
          const counted = rows.reduce(
            (sum, row) =>
              sum +
              (row[name]?.n ?? 0) +
              Object.values(row[name]?.excluded ?? {}).reduce((a, b) => a + b, 0),
            0,
          );
          expect(counted + (state.outOfRange[name] ?? 0)).toBe(records.length);
        }
      }),
      { numRuns: 100 },
    );
  });

  test("with a range, rows cover exactly its periods, for every key seen", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), grouped, (records, opts) => {
        fc.pre(opts.range !== undefined);
        const { start, end } = opts.range as { start: number; end: number };
        const of = period(opts.by?.period as PeriodUnit, { timeZone: opts.timeZone as string });
        const starts: string[] = [];
        for (let at = of.floor(start); at < end; at = of.next(at))
          starts.push(new Date(at).toISOString());
        const keys =
          opts.by && "channel" in opts.by ? new Set(records.map((r) => r.channel)).size : 1;
        const placed = rollup(records, opts).filter((row) => row.period !== null);
        expect(placed.map((row) => row.period?.start)).toEqual(
          starts.flatMap((s) => Array(keys).fill(s)),
        );
      }),
      { numRuns: 100 },
    );
  });

  test('placeBy: "created" gives what every metric placed by createdAt by hand gives', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), grouped, (records, opts) => {
        const { placeBy: _placeBy, ...rest } = opts;
        // By hand: each flow metric's instant replaced by the creation; a metric with events
        // (replies) counts all of them there; the stock is left as it is.
        const byHand: Record<string, AnyReducer<Item>> = {};
        for (const [name, reducer] of Object.entries(opts.metrics)) {
          const { timesOf, ...own } = reducer;
          byHand[name] = reducer.spanOf
            ? reducer
            : {
                ...own,
                timeOf: (r: Item) => r.createdAt,
                add: timesOf
                  ? (state: unknown, r: Item) => reducer.add(state, r, undefined)
                  : reducer.add.bind(reducer),
              };
        }
        expect(rollup(records, { ...opts, placeBy: "created" })).toEqual(
          rollup(records, { ...rest, metrics: byHand }),
        );
      }),
      { numRuns: 100 },
    );
  });

  test("without grouping, each metric's column is what reduce() gives", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), ungrouped, (records, opts) => {
        fc.pre(opts.by === undefined);
        const [row] = rollup(records, opts);
        for (const [name, reducer] of Object.entries(opts.metrics)) {
          expect(row?.[name]).toEqual(reduce(records, reducer));
        }
      }),
      { numRuns: 100 },
    );
  });
});
