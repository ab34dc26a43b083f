import { describe, expect, test } from "vitest";
import { berlinDays, noAgentTime } from "../../../test/agentTime.ts";
import { shift } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { utilization, utilizationReducer } from "./utilization.ts";

const HOUR = 3600;
const on = (time: string) => `2024-03-04T${time}:00Z`;
const span = (from: string, to: string) => ({ start: on(from), end: on(to) });

describe("utilization", () => {
  test("divides customer work by scheduled time", () => {
    // scheduled 09:00–17:00 = 8 h; work 09:00–11:00 + 13:00–15:00 = 4 h → 4 / 8 = 50 %
    const shifts = [shift({ working: [span("09:00", "11:00"), span("13:00", "15:00")] })];
    expect(utilization(shifts)).toEqual({
      value: 50,
      numerator: 4 * HOUR,
      denominator: 8 * HOUR,
      clipped: 0,
      agents: 1,
      shifts: 1,
      excluded: { unscheduled: 0 },
    });
  });

  test("counts overlapping work of one agent once", () => {
    // 09:00–12:00 and 10:00–13:00 overlap: union 09:00–13:00 = 4 h, not 6 h → 50 %
    const shifts = [shift({ working: [span("09:00", "12:00"), span("10:00", "13:00")] })];
    expect(utilization(shifts)).toMatchObject({ value: 50, numerator: 4 * HOUR });
  });

  test("counts overlapping work once across two shift records of the same agent", () => {
    // two records (a split export) of ana's day: schedules 09–13 and 12–17 → union 8 h
    // work 10–12:30 in one and 12–14 in the other → union 10:00–14:00 = 4 h → 50 %
    const shifts = [
      shift({ scheduled: span("09:00", "13:00"), working: [span("10:00", "12:30")] }),
      shift({ scheduled: span("12:00", "17:00"), working: [span("12:00", "14:00")] }),
    ];
    expect(utilization(shifts)).toEqual({
      value: 50,
      numerator: 4 * HOUR,
      denominator: 8 * HOUR,
      clipped: 0,
      agents: 1,
      shifts: 2,
      excluded: { unscheduled: 0 },
    });
  });

  test("does not union the work of different agents", () => {
    // ana and ben both work 09–13 of 09–17: (4 + 4) / (8 + 8) = 50 %
    const shifts = [
      shift({ agentId: "ana", working: [span("09:00", "13:00")] }),
      shift({ agentId: "ben", working: [span("09:00", "13:00")] }),
    ];
    expect(utilization(shifts)).toMatchObject({
      value: 50,
      numerator: 8 * HOUR,
      denominator: 16 * HOUR,
      agents: 2,
    });
  });

  test("clips work outside scheduled time and reports the clipped seconds", () => {
    // work 07:00–10:00 and 16:00–18:30; scheduled 09:00–17:00
    // inside: 09–10 + 16–17 = 2 h → 2 / 8 = 25 %; clipped: 07–09 + 17–18:30 = 3.5 h
    const shifts = [shift({ working: [span("07:00", "10:00"), span("16:00", "18:30")] })];
    expect(utilization(shifts)).toMatchObject({
      value: 25,
      numerator: 2 * HOUR,
      denominator: 8 * HOUR,
      clipped: 3.5 * HOUR,
    });
  });

  test("measures a night shift across midnight and places it on the day it starts", () => {
    // scheduled 22:00 on 4 March to 06:00 on 5 March = 8 h; work 23:00–03:00 = 4 h → 50 %
    const night = shift({
      scheduled: { start: "2024-03-04T22:00:00Z", end: "2024-03-05T06:00:00Z" },
      working: [{ start: "2024-03-04T23:00:00Z", end: "2024-03-05T03:00:00Z" }],
    });
    const rows = rollup([night], { by: { period: "day" }, metrics: { u: utilizationReducer() } });
    expect(rows.map((row) => [row.period?.label, row.u.value, row.u.denominator])).toEqual([
      ["2024-03-04", 50, 8 * HOUR],
    ]);
  });

  test("measures real time across the Europe/Berlin spring-forward night (2024-03-31)", () => {
    // 22:00 CET on 30 March to 06:00 CEST on 31 March: 8 h on the wall, 7 h of real time
    // work 23:00 CET–03:30 CEST = 3.5 h real → 3.5 / 7 = 50 %
    const night = shift({
      scheduled: { start: "2024-03-30T22:00:00+01:00", end: "2024-03-31T06:00:00+02:00" },
      working: [{ start: "2024-03-30T23:00:00+01:00", end: "2024-03-31T03:30:00+02:00" }],
    });
    expect(berlinDays([night], utilizationReducer())).toEqual([["2024-03-30", 50, 7 * HOUR]]);
  });

  test("has no value without scheduled time", () => {
    expect(utilization([])).toEqual(noAgentTime({ unscheduled: 0 }));
  });

  test("a single shift without work is 0 %", () => {
    expect(utilization([shift()]).value).toBe(0);
  });

  test("excludes shifts without a scheduled interval, or with an empty one", () => {
    const shifts = [
      shift({
        scheduled: null,
        loggedIn: [span("09:00", "17:00")],
        working: [span("09:00", "10:00")],
      }),
      shift({ scheduled: span("09:00", "09:00") }),
    ];
    expect(utilization(shifts)).toEqual(noAgentTime({ unscheduled: 2 }));
  });

  test("a shift record that leaves the schedule out is unscheduled, not an error", () => {
    const { scheduled: _, ...unscheduled } = shift({ working: [span("09:00", "10:00")] });
    expect(utilization([unscheduled as never])).toEqual(noAgentTime({ unscheduled: 1 }));
  });

  test("a schedule that is not an interval of Dates names the metric and field", () => {
    const good = shift();
    const bad = { start: on("09:00"), end: on("17:00") };
    expect(() => utilization([good, { ...good, scheduled: bad as never }])).toThrow(
      'utilization: record 1 field "scheduled" must be a list of intervals { start, end } of valid Dates, got an array',
    );
  });

  test("takes no options, and refuses one rather than ignore it", () => {
    // @ts-expect-error: utilization has no options
    expect(() => utilization([], { countBreaks: false })).toThrow(
      new TypeError("utilization: countBreaks is not an option of utilization"),
    );
  });
});
