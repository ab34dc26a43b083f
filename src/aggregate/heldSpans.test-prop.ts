import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Reducer } from "../reduce/reducer.ts";
import { type PeriodUnit, period } from "../time/period.ts";
import { rollup } from "./rollup.ts";

/** A record with a span: from `start` to `end` (null: still open), epoch milliseconds. */
interface Rec {
  start: number;
  end: number | null;
}

/** A stock that counts the records placed in each period (open there or not). */
const placed: Reducer<Rec, { n: number }, { value: number }> = {
  name: "placed",
  timeOf: () => undefined,
  spanOf: (r) => ({ start: r.start, end: r.end ?? Number.POSITIVE_INFINITY }),
  init: () => ({ n: 0 }),
  add: (state) => {
    state.n++;
  },
  merge: (a, b) => ({ n: a.n + b.n }),
  result: (state) => ({ value: state.n }),
};

const FROM = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;

/**
 * A period unit and zone, with records whose instants fall exactly on period starts (or one
 * millisecond either side, or a few hours after): the places where a record's first period
 * used to depend on the other records.
 */
const scenario = fc
  .record({
    unit: fc.constantFrom<PeriodUnit>("day", "week", "isoWeek", "month", "quarter"),
    timeZone: fc.constantFrom("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"),
  })
  .chain(({ unit, timeZone }) => {
    const of = period(unit, { timeZone });
    const starts: number[] = [];
    for (let at = of.floor(FROM); starts.length < 30; at = of.next(at)) starts.push(at);
    const instant = fc
      .tuple(fc.constantFrom(...starts), fc.constantFrom(0, 0, 0, -1, 1, 5 * HOUR, 30 * HOUR))
      .map(([at, shift]) => at + shift);
    const record = fc
      .tuple(instant, fc.option(instant, { freq: 3 }))
      .map(
        ([a, b]): Rec =>
          b === null ? { start: a, end: null } : { start: Math.min(a, b), end: Math.max(a, b) },
      );
    return fc.record({
      unit: fc.constant(unit),
      timeZone: fc.constant(timeZone),
      records: fc.array(record, { minLength: 1, maxLength: 8 }),
    });
  });

/** Each period's count, by the period's label. */
function countsOf(records: Rec[], unit: PeriodUnit, timeZone: string): Map<string, number> {
  const rows = rollup(records, { by: { period: unit }, timeZone, metrics: { placed } });
  return new Map(rows.map((row) => [row.period?.label as string, row.placed.value]));
}

describe("held spans at period boundaries (properties)", () => {
  test("alone, a record gets a row for each period from the one holding its start to the one holding its end", () => {
    // Periods are half-open [S, E): an instant exactly at S is in S's period, never the one
    // before. An open-ended record alone reaches only its start's period.
    fc.assert(
      fc.property(scenario, ({ unit, timeZone, records }) => {
        const of = period(unit, { timeZone });
        for (const record of records) {
          const labels: string[] = [];
          const last = of.floor(record.end ?? record.start);
          for (let at = of.floor(record.start); at <= last; at = of.next(at)) {
            labels.push(of.label(at));
          }
          expect([...countsOf([record], unit, timeZone).keys()]).toEqual(labels);
        }
      }),
      { numRuns: 80 },
    );
  });

  test("every period a record reaches alone has a row whatever else is in the data", () => {
    fc.assert(
      fc.property(scenario, ({ unit, timeZone, records }) => {
        const all = countsOf(records, unit, timeZone);
        for (const record of records) {
          for (const [label, n] of countsOf([record], unit, timeZone)) {
            expect(all.has(label)).toBe(true);
            // The other records only add to the period's count.
            expect(all.get(label)).toBeGreaterThanOrEqual(n);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  test("finite spans add up: each period counts what every record counts there alone", () => {
    fc.assert(
      fc.property(scenario, ({ unit, timeZone, records }) => {
        const finite = records.filter((r) => r.end !== null);
        fc.pre(finite.length > 0);
        const sums = new Map<string, number>();
        for (const record of finite) {
          for (const [label, n] of countsOf([record], unit, timeZone))
            sums.set(label, (sums.get(label) ?? 0) + n);
        }
        expect(countsOf(finite, unit, timeZone)).toEqual(sums);
      }),
      { numRuns: 80 },
    );
  });
});
