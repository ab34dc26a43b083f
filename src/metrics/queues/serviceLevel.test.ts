import { describe, expect, test } from "vitest";
import {
  abandoned,
  answered,
  OFFERED,
  queueContact,
  times,
} from "../../../test/fixtures/queueContacts.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { type ServiceLevelFormula, serviceLevel, serviceLevelReducer } from "./serviceLevel.ts";

const none = { unknownOutcome: 0, bothOutcomes: 0, endsBeforeOffer: 0 };

// The definition book's worked example (section 6; ICMI's "Service Level Calculations" and
// callcentrehelper.com's copy of it): 1000 answered, 860 of them within 20 s; 60 abandoned,
// 20 within 20 s (10 of those within 5 s), 40 after.
const book = [
  ...times(860, () => answered(12)),
  ...times(140, () => answered(45)),
  ...times(10, () => abandoned(3)),
  ...times(10, () => abandoned(15)),
  ...times(40, () => abandoned(90)),
];

describe("serviceLevel", () => {
  test("reproduces the book's five figures", () => {
    const value = (formula: ServiceLevelFormula) => serviceLevel(book, { formula }).value;
    // (860 + 20) / (1000 + 60) = 880 / 1060 = 83.02 %
    expect(value("abandons-within-met")).toBeCloseTo(83.0, 1);
    // 860 / 1000 = 86.0 %
    expect(value("answered-only")).toBe(86);
    // 860 / 1060 = 81.13 %
    expect(value("abandons-missed")).toBeCloseTo(81.1, 1);
    // 860 / (1000 + 40) = 82.69 %
    expect(value("abandons-within-ignored")).toBeCloseTo(82.7, 1);
    // 860 / (1060 − 10 short abandons under 5 s) = 860 / 1050 = 81.90 %
    expect(value("short-abandons-ignored")).toBeCloseTo(81.9, 1);
  });

  test("reports every count, so each formula can be re-derived", () => {
    expect(serviceLevel(book)).toEqual({
      value: (100 * 860) / 1060,
      formula: "abandons-missed",
      numerator: 860,
      denominator: 1060,
      answered: 1000,
      answeredWithin: 860,
      abandoned: 60,
      abandonedWithin: 20,
      shortAbandoned: 10,
      excluded: none,
    });
  });

  test("counts a wait of exactly the target as within it, and a short abandon as strictly under", () => {
    const contacts = [
      answered(20),
      answered(20.001),
      abandoned(5),
      abandoned(4.999),
      abandoned(20),
      abandoned(20.001),
    ];
    // Within the 20 s target: the answer at 20 s, the abandons at 4.999, 5 and 20 s.
    expect(serviceLevel(contacts)).toMatchObject({
      answeredWithin: 1,
      abandonedWithin: 3,
      shortAbandoned: 1,
    });
  });

  test("honours another target and short threshold", () => {
    // within 60 s: 860 + 140 answered at 45 s; short under 20 s: all 20 early abandons
    const result = serviceLevel(book, {
      targetSeconds: 60,
      shortAbandonSeconds: 20,
      formula: "short-abandons-ignored",
    });
    // 1000 / (1060 − 20) = 96.15 %
    expect(result).toMatchObject({ numerator: 1000, denominator: 1040, shortAbandoned: 20 });
  });

  test("excludes contacts without a clear outcome, by reason", () => {
    const early = new Date(OFFERED - 1000);
    const result = serviceLevel([
      queueContact(),
      queueContact({ answeredAt: new Date(OFFERED), abandonedAt: new Date(OFFERED) }),
      queueContact({ answeredAt: early }),
      queueContact({ abandonedAt: early }),
    ]);
    expect(result).toMatchObject({
      value: null,
      denominator: 0,
      excluded: { unknownOutcome: 1, bothOutcomes: 1, endsBeforeOffer: 2 },
    });
  });

  test("has no value with no contacts", () => {
    expect(serviceLevel([]).value).toBeNull();
    // every offered contact abandoned within the target: nothing left to count
    expect(serviceLevel([abandoned(3)], { formula: "abandons-within-ignored" }).value).toBeNull();
    expect(serviceLevel([abandoned(3)], { formula: "answered-only" }).value).toBeNull();
  });

  test("places contacts by their offer time, grouped by queue and channel", () => {
    const monday = new Date("2024-03-04T09:00:00Z");
    const tuesday = new Date("2024-03-05T09:00:00Z");
    const rows = rollup(
      [
        answered(5, { offeredAt: monday }),
        answered(50, { offeredAt: monday, channel: "chat" }),
        // answered the next day, offered on Monday
        answered(86_000, { offeredAt: monday }),
        abandoned(9, { offeredAt: tuesday }),
      ],
      {
        by: { period: "day", channel: "channel" },
        metrics: { sl: serviceLevelReducer() },
      },
    );
    expect(
      rows.map((row) => [row.period?.label, row.channel, row.sl.numerator, row.sl.denominator]),
    ).toEqual([
      ["2024-03-04", "chat", 0, 1],
      ["2024-03-04", "phone", 1, 2],
      ["2024-03-05", "phone", 0, 1],
    ]);
  });

  test("rejects options it cannot honour", () => {
    expect(() => serviceLevel([], { targetSeconds: -1 })).toThrow(
      new RangeError("serviceLevel: targetSeconds must be a number at least 0, got -1"),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => serviceLevel([], { formula: "cisco" })).toThrow(
      'serviceLevel: formula must be one of abandons-missed, abandons-within-met, abandons-within-ignored, short-abandons-ignored, answered-only, got "cisco"',
    );
  });
});

describe("serviceLevel's interval", () => {
  test("is the Wilson interval of the formula's numerator and denominator", () => {
    // answered-only: 81 of 263 answered within 20 s. Newcombe (1998a), table I, Wilson 95 %:
    // 0.2553 to 0.3662; the abandons do not enter this formula.
    const contacts = [
      ...times(81, () => answered(10)),
      ...times(182, () => answered(45)),
      ...times(7, () => abandoned(30)),
    ];
    const result = serviceLevel(contacts, { formula: "answered-only", interval: true });
    expect([result.numerator, result.denominator]).toEqual([81, 263]);
    expect(result.interval?.method).toBe("wilson");
    expect([result.interval?.lower.toFixed(2), result.interval?.upper.toFixed(2)]).toEqual([
      "25.53",
      "36.62",
    ]);
    expect(serviceLevel(contacts).interval).toBeUndefined();
  });
});
