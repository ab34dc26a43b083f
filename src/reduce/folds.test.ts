import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { tickets, ticketsAt } from "../../test/openTickets.ts";
import { backlog, backlogReducer } from "../metrics/tickets/backlog.ts";
import { escalationRate } from "../metrics/tickets/escalationRate.ts";
import { callOf, foldShards } from "./folds.ts";
import { reduce } from "./reduce.ts";
import type { Reducer } from "./reducer.ts";

/** A counting reducer with one option, to see what callOf passes on. */
function countReducer(
  options: { step?: number } = {},
): Reducer<string, { n: number }, { value: number }> {
  const step = options.step ?? 1;
  return {
    name: "count",
    timeOf: () => undefined,
    init: () => ({ n: 0 }),
    add: (state) => {
      state.n += step;
    },
    merge: (a, b) => ({ n: a.n + b.n }),
    result: (state) => ({ value: state.n }),
  };
}

/** Cuts `items` at the given points into shards (some of them empty). */
function cut<T>(items: readonly T[], points: readonly number[]): T[][] {
  const at = [...new Set(points.map((p) => p % (items.length + 1)))].sort((a, b) => a - b);
  return [...at, items.length].map((end, i) => items.slice(i === 0 ? 0 : at[i - 1], end));
}

describe("callOf", () => {
  test("folds the records in one pass with the factory's arguments", () => {
    const count = callOf(countReducer);
    expect(count(["a", "b", "c"])).toEqual({ value: 3 });
    expect(count(["a", "b", "c"], { step: 2 })).toEqual({ value: 6 });
    expect(count(new Set(["a", "b"]))).toEqual({ value: 2 });
  });

  test("is named after the factory, without Reducer", () => {
    expect(callOf(countReducer).name).toBe("count");
    expect(backlog.name).toBe("backlog");
  });

  test("keeps the factory's type parameter (a caller's own record type)", () => {
    // escalationRate<T>: isEscalated reads the caller's own record type
    const rows = [{ createdAt: new Date("2024-03-01"), escalated: null, tier: 2 }];
    expect(escalationRate(rows, { isEscalated: (row) => row.tier > 1 }).value).toBe(100);
  });
});

describe("foldShards", () => {
  test("equals one pass over the shards' records, however they are cut", () => {
    fc.assert(
      fc.property(ticketsAt, fc.array(fc.nat(20), { maxLength: 4 }), ([ts, at], points) => {
        const reducer = backlogReducer({ asOf: at });
        expect(foldShards(reducer, cut(ts, points))).toEqual(reduce(ts, reducer));
      }),
    );
  });

  test("no shard, or only empty ones, is an empty input", () => {
    expect(foldShards(countReducer(), [])).toEqual({ value: 0 });
    expect(foldShards(countReducer(), [[], []])).toEqual({ value: 0 });
    fc.assert(
      fc.property(tickets, (ts) => {
        const reducer = backlogReducer({ asOf: "2024-04-01T00:00:00Z" });
        expect(foldShards(reducer, [[], ts, []])).toEqual(reduce(ts, reducer));
      }),
    );
  });

  test("like reduce, refuses a stock metric without the instant it measures", () => {
    expect(() => foldShards(backlogReducer(), [[]])).toThrow(
      new TypeError(
        "backlog: a stock metric needs the instant or window to measure when records are not grouped by period",
      ),
    );
  });
});
