import { describe, expect, test } from "vitest";
import { berlinDays, noAgentTime } from "../../../test/agentTime.ts";
import { shift } from "../../../test/fixtures.ts";
import { occupancy, occupancyReducer } from "./occupancy.ts";

const HOUR = 3600;
const on = (time: string) => `2024-03-04T${time}:00Z`;
const span = (from: string, to: string) => ({ start: on(from), end: on(to) });

describe("occupancy", () => {
  test("divides customer work by logged-in time minus breaks", () => {
    // logged in 09:00–17:00 = 8 h, breaks 12:00–12:30 and 15:00–15:30 → 7 h available
    // work 09:00–12:00 + 13:00–14:30 = 4.5 h → 4.5 / 7 = 64.29 %
    const shifts = [
      shift({
        loggedIn: [span("09:00", "17:00")],
        breaks: [span("12:00", "12:30"), span("15:00", "15:30")],
        working: [span("09:00", "12:00"), span("13:00", "14:30")],
      }),
    ];
    const result = occupancy(shifts);
    expect(result).toEqual({
      value: (100 * 4.5) / 7,
      numerator: 4.5 * HOUR,
      denominator: 7 * HOUR,
      clipped: 0,
      agents: 1,
      shifts: 1,
      excluded: { notLoggedIn: 0 },
    });
    expect(result.value).toBeCloseTo(64.29, 2);
  });

  test("is not utilization: the denominator ignores the schedule", () => {
    // scheduled 09–17 (default) but logged in only 10–14; work 10–12 → 2 / 4 = 50 %
    const shifts = [
      shift({ loggedIn: [span("10:00", "14:00")], working: [span("10:00", "12:00")] }),
    ];
    expect(occupancy(shifts)).toMatchObject({ value: 50, denominator: 4 * HOUR });
  });

  test("clips work during breaks or while logged out, and reports it", () => {
    // available 09–12 + 13–17 = 7 h; work 11:00–13:30 → inside 11–12 + 13–13:30 = 1.5 h
    // clipped 12–13 (break) = 1 h; plus work 17:00–17:30 logged out = 0.5 h → clipped 1.5 h
    const shifts = [
      shift({
        loggedIn: [span("09:00", "17:00")],
        breaks: [span("12:00", "13:00")],
        working: [span("11:00", "13:30"), span("17:00", "17:30")],
      }),
    ];
    expect(occupancy(shifts)).toMatchObject({
      value: (100 * 1.5) / 7,
      numerator: 1.5 * HOUR,
      denominator: 7 * HOUR,
      clipped: 1.5 * HOUR,
    });
  });

  test("counts overlapping log-ins and work once across two records of one agent", () => {
    // log-ins 09–13 and 12–15 → 09–15 = 6 h; work 10–12 and 11–13 → 10–13 = 3 h → 50 %
    const shifts = [
      shift({ loggedIn: [span("09:00", "13:00")], working: [span("10:00", "12:00")] }),
      shift({ loggedIn: [span("12:00", "15:00")], working: [span("11:00", "13:00")] }),
    ];
    expect(occupancy(shifts)).toMatchObject({
      value: 50,
      numerator: 3 * HOUR,
      denominator: 6 * HOUR,
      shifts: 2,
      agents: 1,
    });
  });

  test("a break recorded in one record applies to the agent's log-in from another", () => {
    // record 1 logs in 09–17; record 2 (same agent) holds only a 12–13 break → 7 h available
    const shifts = [
      shift({ loggedIn: [span("09:00", "17:00")], working: [span("09:00", "12:30")] }),
      shift({
        scheduled: null,
        loggedIn: [span("12:00", "12:01")],
        breaks: [span("12:00", "13:00")],
      }),
    ];
    // work 09:00–12:30, inside 09–12 = 3 h; clipped 0.5 h → 3 / 7
    expect(occupancy(shifts)).toMatchObject({
      numerator: 3 * HOUR,
      denominator: 7 * HOUR,
      clipped: 0.5 * HOUR,
    });
  });

  test("measures real time across the Europe/Berlin spring-forward night", () => {
    // logged in 22:00 CET–06:00 CEST = 7 h real; work 7 h → 100 %, placed on 30 March
    const night = shift({
      scheduled: null,
      loggedIn: [{ start: "2024-03-30T22:00:00+01:00", end: "2024-03-31T06:00:00+02:00" }],
      working: [{ start: "2024-03-30T22:00:00+01:00", end: "2024-03-31T06:00:00+02:00" }],
    });
    expect(berlinDays([night], occupancyReducer())).toEqual([["2024-03-30", 100, 7 * HOUR]]);
  });

  test("has no value without available time", () => {
    expect(occupancy([])).toEqual(noAgentTime({ notLoggedIn: 0 }));
    // logged in only during a break: counted, but nothing is available
    expect(
      occupancy([shift({ loggedIn: [span("12:00", "13:00")], breaks: [span("11:00", "14:00")] })]),
    ).toMatchObject({ value: null, shifts: 1, denominator: 0 });
  });

  test("a single shift without work is 0 %", () => {
    expect(occupancy([shift({ loggedIn: [span("09:00", "17:00")] })]).value).toBe(0);
  });

  test("excludes shifts with no logged-in time", () => {
    const shifts = [
      shift({ working: [span("09:00", "10:00")] }),
      shift({ loggedIn: [span("09:00", "09:00")] }),
    ];
    expect(occupancy(shifts)).toMatchObject({
      value: null,
      shifts: 0,
      excluded: { notLoggedIn: 2 },
    });
  });

  test("a log-in or break list that is not intervals of Dates names the metric and field", () => {
    // records that never went through the schema: a string where a Date belongs
    const bad = [{ start: on("09:00"), end: on("17:00") }];
    const good = shift({ loggedIn: [span("09:00", "17:00")] });
    expect(() => occupancy([{ ...good, loggedIn: bad as never }])).toThrow(
      'occupancy: record 0 field "loggedIn" must be a list of intervals { start, end } of valid Dates, got an array',
    );
    expect(() => occupancy([good, { ...good, breaks: bad as never }])).toThrow(
      'occupancy: record 1 field "breaks" must be a list of intervals { start, end } of valid Dates, got an array',
    );
  });

  test("takes no options, and refuses one rather than ignore it", () => {
    // @ts-expect-error: occupancy has no options
    expect(() => occupancy([], { breaks: false })).toThrow(
      new TypeError("occupancy: breaks is not an option of occupancy"),
    );
  });
});
