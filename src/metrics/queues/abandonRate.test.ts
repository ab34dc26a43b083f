import { describe, expect, test } from "vitest";
import { abandoned, answered, queueContact, times } from "../../../test/fixtures/queueContacts.ts";
import { abandonRate } from "./abandonRate.ts";

// The book's example counts: 1000 answered; 60 abandoned, 10 of them within 5 s
const book = [
  ...times(1000, () => answered(12)),
  ...times(10, () => abandoned(3)),
  ...times(50, () => abandoned(40)),
];

describe("abandonRate", () => {
  test("divides abandoned by offered (answered + abandoned)", () => {
    // 60 / 1060 = 5.66 %
    expect(abandonRate(book)).toEqual({
      value: (100 * 60) / 1060,
      numerator: 60,
      denominator: 1060,
      shortAbandoned: 10,
      excluded: { shortAbandon: 0, unknownOutcome: 0, bothOutcomes: 0, endsBeforeOffer: 0 },
    });
  });

  test("can leave short abandons out of both counts", () => {
    // (60 − 10) / (1060 − 10) = 50 / 1050 = 4.76 %
    expect(abandonRate(book, { excludeShortAbandons: true })).toMatchObject({
      numerator: 50,
      denominator: 1050,
      shortAbandoned: 10,
      excluded: { shortAbandon: 10 },
    });
    expect(abandonRate(book, { excludeShortAbandons: true }).value).toBeCloseTo(4.762, 3);
  });

  test("honours another short threshold, strictly under it", () => {
    // under 40 s: the 10 at 3 s; the 50 at exactly 40 s are not short
    expect(abandonRate(book, { shortAbandonSeconds: 40 }).shortAbandoned).toBe(10);
    expect(abandonRate(book, { shortAbandonSeconds: 40.5 }).shortAbandoned).toBe(60);
  });

  test("contacts still queued or unclear are not offered: excluded by reason", () => {
    expect(abandonRate([queueContact(), abandoned(20)])).toMatchObject({
      value: 100,
      denominator: 1,
      excluded: { unknownOutcome: 1 },
    });
  });

  test("has no value with nothing offered", () => {
    expect(abandonRate([]).value).toBeNull();
    expect(abandonRate([abandoned(1)], { excludeShortAbandons: true }).value).toBeNull();
  });

  test("rejects bad options", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => abandonRate([], { excludeShortAbandons: "yes" })).toThrow(
      new TypeError('abandonRate: excludeShortAbandons must be a boolean, got "yes"'),
    );
    expect(() => abandonRate([], { shortAbandonSeconds: -5 })).toThrow(
      "abandonRate: shortAbandonSeconds must be a number at least 0, got -5",
    );
  });
});

describe("abandonRate's interval", () => {
  test("is the Wilson interval of abandoned of offered, in percent", () => {
    // 15 abandoned of 148 offered: Newcombe (1998a), table I, Wilson 95 %: 0.0624 to 0.1605.
    const contacts = [...times(133, () => answered(12)), ...times(15, () => abandoned(40))];
    const { interval } = abandonRate(contacts, { interval: true });
    expect(interval?.method).toBe("wilson");
    expect([interval?.lower.toFixed(2), interval?.upper.toFixed(2)]).toEqual(["6.24", "16.05"]);
  });

  test("takes a level and another method by name, and is null with nothing offered", () => {
    const contacts = [...times(29, () => answered(12)), ...times(0, () => abandoned(40))];
    // 0 of 29, Clopper-Pearson 90 %: upper = 1 − 0.05^(1/29) = 0.0981.
    const { interval } = abandonRate(contacts, {
      interval: { level: 0.9, method: "clopper-pearson" },
    });
    expect([interval?.lower, interval?.upper.toFixed(2)]).toEqual([0, "9.81"]);
    expect(abandonRate([], { interval: true }).interval).toBeNull();
  });
});
