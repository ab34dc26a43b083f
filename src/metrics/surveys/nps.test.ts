import { describe, expect, test } from "vitest";
import { survey } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { nps, npsReducer } from "./nps.ts";

describe("nps", () => {
  test("reproduces the definition book's worked example", () => {
    // scores 10, 9, 9, 8, 7, 6, 5, 10, 3, 9 → promoters 10, 9, 9, 10, 9 (5), passives 8, 7 (2),
    // detractors 6, 5, 3 (3) → 100 × (5 − 3) / 10 = 20
    const scores = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9];
    expect(nps(scores.map((score) => survey("nps", score)))).toEqual({
      value: 20,
      promoters: 5,
      passives: 2,
      detractors: 3,
      n: 10,
      excluded: { otherKind: 0, unanswered: 0 },
    });
  });

  test("puts the group boundaries at 6/7 and 8/9, with 0 a detractor", () => {
    // 0 and 6 detractors, 7 and 8 passives, 9 and 10 promoters: 100 × (2 − 2) / 6 = 0
    const result = nps([0, 6, 7, 8, 9, 10].map((score) => survey("nps", score)));
    expect(result).toMatchObject({ value: 0, promoters: 2, passives: 2, detractors: 2 });
  });

  test("keeps passives in the denominator", () => {
    // 1 promoter, 3 passives: 100 × (1 − 0) / 4 = 25, not 100
    expect(nps([10, 7, 7, 8].map((score) => survey("nps", score))).value).toBe(25);
  });

  test("runs from −100 (all detractors) to 100 (all promoters)", () => {
    expect(nps([0, 3, 6].map((score) => survey("nps", score))).value).toBe(-100);
    expect(nps([9, 10].map((score) => survey("nps", score))).value).toBe(100);
  });

  test("has no value when nothing was answered", () => {
    expect(nps([])).toEqual({
      value: null,
      promoters: 0,
      passives: 0,
      detractors: 0,
      n: 0,
      excluded: { otherKind: 0, unanswered: 0 },
    });
    expect(nps([survey("nps", null), survey("nps", null)])).toMatchObject({
      value: null,
      excluded: { unanswered: 2 },
    });
  });

  test("a single response is −100, 0 or 100", () => {
    expect(nps([survey("nps", 2)]).value).toBe(-100);
    expect(nps([survey("nps", 8)]).value).toBe(0);
    expect(nps([survey("nps", 9)]).value).toBe(100);
  });

  test("excludes CSAT and CES responses and counts them", () => {
    // one NPS promoter among a CSAT 5 and a CES 7: NPS 100 over n = 1
    const result = nps([survey("csat", 5), survey("ces", 7), survey("nps", 10)]);
    expect(result).toMatchObject({ value: 100, n: 1, excluded: { otherKind: 2, unanswered: 0 } });
  });

  test("takes no options, and refuses one rather than ignore it", () => {
    // @ts-expect-error: NPS has no options
    expect(() => nps([], { promotersFrom: 8 })).toThrow(
      new TypeError("nps: promotersFrom is not an option of nps"),
    );
  });

  test("in a rollup a response lands in the period of its answer, in the rollup's zone", () => {
    // New York: 23:59:59 on 31 January is January there (04:59:59Z on 1 February); midnight
    // on 1 February (05:00Z) is February's first instant; a survey sent in January and
    // answered in February is a February answer.
    const lastJanuarySecond = survey("nps", 10, { respondedAt: "2024-01-31T23:59:59-05:00" });
    const firstFebruaryInstant = survey("nps", 0, { respondedAt: "2024-02-01T00:00:00-05:00" });
    const sentInJanuary = survey("nps", 9, {
      sentAt: "2024-01-20T00:00:00Z",
      respondedAt: "2024-02-10T12:00:00Z",
    });
    const all = [lastJanuarySecond, firstFebruaryInstant, sentInJanuary];
    const rows = (timeZone: string) =>
      rollup(all, { by: { period: "month" }, timeZone, metrics: { nps: npsReducer() } }).map(
        (row) => [row.period?.label, row.nps.value, row.nps.n],
      );
    // January: one promoter → 100; February: a detractor and a promoter → 100 × (1 − 1) / 2 = 0
    expect(rows("America/New_York")).toEqual([
      ["2024-01", 100, 1],
      ["2024-02", 0, 2],
    ]);
    // In UTC all three answers are February's: 100 × (2 − 1) / 3 = 33.33…
    expect(rows("UTC")).toEqual([["2024-02", 100 / 3, 3]]);
  });
});
