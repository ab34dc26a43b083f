import { describe, expect, test } from "vitest";
import { hoursChangedOnMonday, weekdays } from "../../../test/schedules.ts";
import { spanClock } from "./elapsed.ts";

const t = (iso: string) => Date.parse(`${iso}Z`);
// 2024-03-01 is a Friday; London is on UTC until 31 March, so the hours read as UTC.
const friday = (time: string) => t(`2024-03-01T${time}`);
const monday = (time: string) => t(`2024-03-04T${time}`);
// 09:00–18:00 until Monday 00:00, and no schedule at all from then on.
const endsMonday = [weekdays("09:00", "18:00", { validUntil: "2024-03-04T00:00" })];

describe("spanClock", () => {
  test("checks clock and scheduleRule itself, naming the option", () => {
    expect(() => spanClock("fn", { clock: "wall" as never })).toThrow(
      new RangeError('fn: clock must be one of calendar, business, got "wall"'),
    );
    expect(() => spanClock("fn", { scheduleRule: "late" as never })).toThrow(
      new RangeError('fn: scheduleRule must be one of perSegment, atEvent, got "late"'),
    );
  });

  test("rewords the errors of schedule versions to name the metric's schedule option", () => {
    const day = [{ start: "09:00", end: "18:00" }];
    const version = (validity: object) => ({
      timeZone: "Europe/London",
      weekly: { monday: day },
      ...validity,
    });
    // scheduleVersions says "scheduleVersions: versions[1] must not overlap versions[0]…"
    expect(() =>
      spanClock("fn", {
        schedule: [
          version({ validUntil: "2024-03-05T00:00" }),
          version({ validFrom: "2024-03-04T00:00" }),
        ],
      }),
    ).toThrow(
      new RangeError(
        "fn: schedule[1] must not overlap schedule[0] in validity, got 2024-03-04T00:00:00.000Z–Infinity and -Infinity–2024-03-05T00:00:00.000Z",
      ),
    );
  });

  test("rewords only the prefix of an error, never the value it quotes", () => {
    const day = [{ start: "09:00", end: "18:00" }];
    const zoned = (timeZone: string) => ({ timeZone, weekly: { monday: day } });
    const unknown = (schedule: string, zone: string) =>
      new RangeError(`fn: ${schedule}.timeZone must be an IANA time zone name, got "${zone}"`);
    // Each zone below holds a prefix a rewording looks for; only the message's own is reworded.
    for (const zone of ["schedule: input x", "scheduleVersions: x"]) {
      expect(() => spanClock("fn", { schedule: zoned(zone) })).toThrow(unknown("schedule", zone));
    }
    expect(() => spanClock("fn", { schedule: [zoned("schedule: x")] })).toThrow(
      unknown("schedule[0]", "schedule: x"),
    );
    // An error of the caller's own, thrown while the schedule is read, is passed on as it is.
    const throwing = {
      get timeZone(): string {
        throw new Error("no schedule: here");
      },
      weekly: { monday: day },
    };
    expect(() => spanClock("fn", { schedule: throwing })).toThrow(new Error("no schedule: here"));
  });

  describe("partsOf, the running parts of one measurement", () => {
    test("atEvent times every part by the hours in force at the event, perSegment by its own", () => {
      const schedule = hoursChangedOnMonday();
      const part = [{ start: friday("16:00:00"), end: friday("18:00:00") }];
      const event = monday("11:00:00");
      // perSegment: Friday 16:00–18:00 in the old hours (09:00–18:00) = 7200 s
      expect(spanClock("fn", { schedule }).partsOf(part, event)).toBe(7200);
      // atEvent: the new hours (08:00–17:00) in force at Monday 11:00, Friday 16:00–17:00 = 3600 s
      // ([16:00, event) 3600 + 10800 = 14400, minus [18:00, event) 10800)
      expect(spanClock("fn", { schedule, scheduleRule: "atEvent" }).partsOf(part, event)).toBe(
        3600,
      );
    });

    test("perSegment needs a schedule for the parts only, atEvent for the event", () => {
      const part = [{ start: friday("16:00:00"), end: friday("17:00:00") }];
      // The event, Monday 11:00, is after the schedule's validity: perSegment times the part
      // alone (Friday 16:00–17:00 = 3600 s); atEvent has no hours at the event, so unknown.
      expect(spanClock("fn", { schedule: endsMonday }).partsOf(part, monday("11:00:00"))).toBe(
        3600,
      );
      expect(
        spanClock("fn", { schedule: endsMonday, scheduleRule: "atEvent" }).partsOf(
          part,
          monday("11:00:00"),
        ),
      ).toBeNull();
    });

    test("an empty part adds nothing, even where no schedule is in force", () => {
      // Friday 16:00–17:00 = 3600 s; the empty part at the event on Tuesday, outside the
      // schedule's validity, has no time to be unknown.
      const parts = [
        { start: friday("16:00:00"), end: friday("17:00:00") },
        { start: t("2024-03-05T10:00:00"), end: t("2024-03-05T10:00:00") },
      ];
      expect(
        spanClock("fn", { schedule: endsMonday }).partsOf(parts, t("2024-03-05T10:00:00")),
      ).toBe(3600);
    });
  });
});
