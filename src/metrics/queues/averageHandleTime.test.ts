import { describe, expect, test } from "vitest";
import { abandoned, answered, queueContact } from "../../../test/fixtures/queueContacts.ts";
import { averageHandleTime } from "./averageHandleTime.ts";

describe("averageHandleTime", () => {
  test("adds talk, hold and wrap per answered contact", () => {
    // 240 + 30 + 60 = 330 and 180 + 0 + 90 = 270: mean 600 / 2 = 300
    const result = averageHandleTime([
      answered(10, { talkSeconds: 240, holdSeconds: 30, wrapSeconds: 60 }),
      answered(10, { talkSeconds: 180, holdSeconds: 0, wrapSeconds: 90 }),
    ]);
    expect(result).toMatchObject({ value: 300, n: 2, sum: 600, min: 270, max: 330 });
  });

  test("a source without hold times counts talk and wrap", () => {
    // no holdSeconds field: 240 + 30 = 270
    expect(averageHandleTime([answered(10, { talkSeconds: 240, wrapSeconds: 30 })]).value).toBe(
      270,
    );
  });

  test("an unknown part excludes the contact by name instead of counting 0", () => {
    const result = averageHandleTime([
      answered(10, { talkSeconds: null }),
      answered(10, { holdSeconds: null }),
      answered(10, { wrapSeconds: null }),
      abandoned(30),
      queueContact(),
    ]);
    expect(result).toMatchObject({
      value: null,
      n: 0,
      excluded: {
        notAnswered: 1,
        noTalkTime: 1,
        noHoldTime: 1,
        noWrapTime: 1,
        unknownOutcome: 1,
        bothOutcomes: 0,
        endsBeforeOffer: 0,
      },
    });
  });

  test("a part that is no number of seconds is a TypeError naming its field", () => {
    for (const part of ["talkSeconds", "holdSeconds", "wrapSeconds"]) {
      const contact = answered(10, { talkSeconds: 1, holdSeconds: 1, wrapSeconds: 1, [part]: "x" });
      expect(() => averageHandleTime([contact])).toThrow(
        new TypeError(
          `averageHandleTime: record 0 field "${part}" must be a number of seconds at least 0, or null, got "x"`,
        ),
      );
    }
  });

  test("reports the median when asked", () => {
    const contacts = [100, 200, 900].map((talkSeconds) =>
      answered(5, { talkSeconds, wrapSeconds: 0 }),
    );
    expect(averageHandleTime(contacts, { statistic: "median" }).value).toBe(200);
  });
});
