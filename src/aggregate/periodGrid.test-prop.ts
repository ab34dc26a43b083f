import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type PeriodUnit, period } from "../time/period.ts";
import { type KeyEntry, keyEntry } from "./keyIndex.ts";
import { periodGrid } from "./periodGrid.ts";
import { emptyRollupState } from "./rollupState.ts";

const DAY = 86_400_000;
const FROM = Date.UTC(2024, 0, 1);

describe("periodGrid properties", () => {
  test("at agrees with period.floor, whatever order states, keys and instants come in", () => {
    // An independent computation: floor each instant and look the group up by its start.
    // Instants near DST changes (Berlin, Santiago) and two states with two keys each, visited
    // in any order, so the last-slot shortcut is tried against every kind of neighbour.
    fc.assert(
      fc.property(
        fc.constantFrom<PeriodUnit>("day", "isoWeek", "month"),
        fc.constantFrom("UTC", "Europe/Berlin", "America/Santiago"),
        fc.array(
          fc.record({
            state: fc.integer({ min: 0, max: 1 }),
            key: fc.constantFrom("a", "b"),
            at: fc.integer({ min: FROM, max: FROM + 400 * DAY }),
          }),
          { maxLength: 60 },
        ),
        (unit, timeZone, visits) => {
          const of = period(unit, { timeZone });
          const grid = periodGrid(of, undefined, 1);
          const first = emptyRollupState(["m"]);
          const second = emptyRollupState(["m"]);
          const stateAt = (s: number) => (s === 0 ? first : second);
          const entries = new Map<string, KeyEntry>();
          const entry = (s: number, key: string) => {
            const id = `${s}/${key}`;
            let found = entries.get(id);
            if (!found) {
              found = keyEntry(stateAt(s), key, [key]);
              entries.set(id, found);
            }
            return found;
          };
          const noted = [
            [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
            [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
          ];
          for (const { state: s, key, at } of visits) {
            const state = stateAt(s);
            const e = entry(s, key);
            const slot = grid.at(state, e, at);
            const start = of.floor(at);
            expect(slot?.group).toBe(e.byPeriod.get(start));
            expect(slot?.group.periodStart).toBe(start);
            expect(slot?.window).toEqual({ start, end: of.next(start) });
            const range = noted[s] as number[];
            range[0] = Math.min(range[0] as number, start);
            range[1] = Math.max(range[1] as number, start);
          }
          expect([first, second].map((state) => [state.firstPeriod, state.lastPeriod])).toEqual(
            noted,
          );
        },
      ),
    );
  });
});
