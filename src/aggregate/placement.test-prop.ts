import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AWKWARD_ZONES } from "../../test/zones.ts";
import type { AnyReducer, Window } from "../reduce/reducer.ts";
import { type PeriodUnit, period } from "../time/period.ts";
import { keyEntry } from "./keyIndex.ts";
import { metricSlots } from "./metricSlot.ts";
import { periodGrid } from "./periodGrid.ts";
import { creationPlacements, type Placement, placementOf } from "./placement.ts";
import { emptyRollupState, type RollupState } from "./rollupState.ts";

/** A record with whichever of a creation, an instant, instants and a span a case draws. */
interface Rec {
  id: number;
  createdAt?: Date;
  at: Date | null;
  times: Date[];
  span?: { start: number; end: number };
}

/** Records each add as `id@window start` (`-` without a window). */
const recorder = (declares: Partial<AnyReducer<Rec>>): AnyReducer<Rec> => ({
  name: "recorder",
  timeOf: (r: Rec) => r.at,
  init: (): string[] => [],
  add: (state: string[], r: Rec, window: Window | undefined) => {
    state.push(`${r.id}@${window ? window.start : "-"}`);
  },
  merge: (a: string[], b: string[]) => [...a, ...b],
  result: (state: string[]) => state,
  ...declares,
});

const FROM = Date.UTC(2024, 2, 1);
const HOUR = 3_600_000;

/**
 * A period unit and zone, an optional range, and records whose instants fall on period starts
 * (DST days included), a millisecond either side or a few hours in; some records have no
 * `createdAt` or an invalid one.
 */
const scenario = fc
  .record({
    unit: fc.constantFrom<PeriodUnit>("day", "week", "month"),
    timeZone: fc.constantFrom(...AWKWARD_ZONES),
    ranged: fc.boolean(),
  })
  .chain(({ unit, timeZone, ranged }) => {
    const of = period(unit, { timeZone });
    const starts: number[] = [];
    for (let at = of.floor(FROM); starts.length < 10; at = of.next(at)) starts.push(at);
    const instant = fc
      .tuple(fc.constantFrom(...starts), fc.constantFrom(0, -1, 1, 5 * HOUR))
      .map(([at, shift]) => at + shift);
    const record = fc
      .record({
        created: fc.oneof(instant, fc.constant(Number.NaN), fc.constant(undefined)),
        at: fc.option(instant),
        times: fc.array(instant, { maxLength: 3 }),
        span: fc.option(
          fc.tuple(instant, fc.oneof(instant, fc.constant(Number.POSITIVE_INFINITY))),
        ),
      })
      .map(
        ({ created, at, times, span }): Omit<Rec, "id"> => ({
          ...(created === undefined ? {} : { createdAt: new Date(created) }),
          at: at === null ? null : new Date(at),
          times: times.map((t) => new Date(t)),
          ...(span === null ? {} : { span: { start: Math.min(...span), end: Math.max(...span) } }),
        }),
      );
    const range = ranged
      ? fc
          .tuple(fc.constantFrom(...starts), fc.constantFrom(...starts))
          .filter(([a, b]) => a < b)
          .map(([a, b]) => ({ first: a, last: of.floor(b - 1), end: b }))
      : fc.constant(undefined);
    return fc.record({
      of: fc.constant(of),
      range,
      records: fc.array(record, { maxLength: 12 }),
    });
  });

describe("creationPlacements (properties)", () => {
  test("gives the states that each metric's own placement by creation gives", () => {
    const reducers = [
      recorder({}),
      recorder({ timesOf: (r: Rec) => r.times }),
      recorder({ spanOf: (r: Rec) => r.span }),
      recorder({}),
    ];
    const slots = metricSlots(["a", "b", "c", "d"], reducers);
    fc.assert(
      fc.property(scenario, ({ of, range, records }) => {
        const statesBy = (all: boolean): RollupState => {
          const grid = periodGrid(of, range, reducers.length);
          const placements = reducers.map((reducer, i) =>
            placementOf(reducer, slots[i] as (typeof slots)[number], grid, 4, "created"),
          );
          const together: Placement<Rec> = creationPlacements(reducers, slots, placements, grid);
          const state = emptyRollupState(["a", "b", "c", "d"]);
          const entry = keyEntry(state, "", []);
          records.forEach((record, id) => {
            const item = { id, ...record };
            if (all) together(state, entry, item);
            else for (const place of placements) place(state, entry, item);
          });
          return state;
        };
        expect(statesBy(true)).toEqual(statesBy(false));
      }),
      { numRuns: 300 },
    );
  });
});
