import { describe, expect, test } from "vitest";
import { oneDuration } from "../../../test/durations.ts";
import { ticket } from "../../../test/fixtures.ts";
import { change, noStatusTimeExclusions } from "../../../test/statusChanges.ts";
import { schedule } from "../../time/schedule.ts";
import { onHoldTime, onHoldTimeReducer } from "./onHoldTime.ts";

const none = noStatusTimeExclusions;

// Created 09:00, open; on hold 10:00 → 10:45; pending 10:45 → 11:00; on hold 11:00 → 11:30;
// solved 11:30.
const held = ticket({
  statusChanges: [
    change("open", "09:00:00"),
    change("onHold", "10:00:00"),
    change("pending", "10:45:00"),
    change("onHold", "11:00:00"),
    change("solved", "11:30:00"),
  ],
});

describe("onHoldTime", () => {
  test("sums the time on hold until the latest resolution", () => {
    // 10:00–10:45 (2700) + 11:00–11:30 (1800) = 4500 s
    expect(onHoldTime([held])).toEqual(oneDuration(4500, none));
  });

  test("averages over tickets, those never on hold included", () => {
    const direct = ticket({
      statusChanges: [change("open", "09:00:00"), change("solved", "10:00:00")],
    });
    // (4500 + 0) / 2 = 2250 s
    expect(onHoldTime([held, direct])).toMatchObject({ value: 2250, n: 2, min: 0, max: 4500 });
  });

  test("has no value with no ticket, and excludes what cannot be measured", () => {
    expect(onHoldTime([])).toMatchObject({ value: null, n: 0, excluded: none });
    const open = ticket({ statusChanges: [change("onHold", "09:30:00")] });
    expect(onHoldTime([open, ticket({ lastResolvedAt: "2024-03-01T10:00:00Z" })]).excluded).toEqual(
      { unresolved: 1, noStatusHistory: 1, noSchedule: 0 },
    );
  });

  test("in business time, a lunch break does not count", () => {
    // Friday 09:00–12:00 and 13:00–18:00 in London: on hold 10:00–10:45 (2700) and
    // 11:00–11:30 (1800) are all working time = 4500 s; a hold over lunch 11:30 → 13:30
    // counts 11:30–12:00 and 13:00–13:30 = 3600 s
    const day = [
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ];
    const lunch = schedule({ timeZone: "Europe/London", weekly: { friday: day } });
    expect(onHoldTime([held], { schedule: lunch }).value).toBe(4500);
    const overLunch = ticket({
      statusChanges: [change("onHold", "11:30:00"), change("solved", "13:30:00")],
    });
    expect(onHoldTime([overLunch], { schedule: lunch }).value).toBe(3600);
  });

  test('resolution "first" and placement', () => {
    const reopened = ticket({
      statusChanges: [
        change("solved", "10:00:00"),
        change("onHold", "11:00:00"),
        change("solved", "12:00:00"),
      ],
    });
    // full: on hold 11:00–12:00 = 3600 s; first: none before 10:00 = 0 s
    expect(onHoldTime([reopened]).value).toBe(3600);
    expect(onHoldTime([reopened], { resolution: "first" }).value).toBe(0);
    expect(onHoldTimeReducer().timeOf(reopened)).toEqual(new Date("2024-03-01T12:00:00Z"));
  });

  test("names itself in its errors", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => onHoldTime([], { clock: "wall" })).toThrow(
      new RangeError('onHoldTime: clock must be one of calendar, business, got "wall"'),
    );
    // @ts-expect-error: its statuses are fixed; testing them from plain JavaScript
    expect(() => onHoldTime([], { statuses: ["pending"] })).toThrow(
      new TypeError("onHoldTime: statuses is not an option of onHoldTime"),
    );
  });
});
