import { describe, expect, test } from "vitest";
import { survey } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { surveyResponseRate, surveyResponseRateReducer } from "./surveyResponseRate.ts";

const none = { otherKind: 0, notSent: 0 };
const sentAt = "2024-03-01T08:00:00Z";
// Answered surveys: sent at 08:00, answered at 09:00 (the fixture's default respondedAt).
const answered = (kind: "nps" | "csat" | "ces", score: number) => survey(kind, score, { sentAt });
// Sent and never answered: the fixture gives them sentAt 08:00 and no respondedAt.
const ignored = (kind: "nps" | "csat" | "ces") => survey(kind, null);

describe("surveyResponseRate", () => {
  test("is the share of sent surveys that were answered", () => {
    // 4 CSAT surveys sent, 3 answered → 3 / 4 = 75 %
    const surveys = [
      answered("csat", 5),
      answered("csat", 4),
      ignored("csat"),
      answered("csat", 2),
    ];
    expect(surveyResponseRate(surveys)).toEqual({
      value: 75,
      numerator: 3,
      denominator: 4,
      excluded: none,
    });
  });

  test("has no value when no survey was sent", () => {
    expect(surveyResponseRate([])).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      excluded: none,
    });
  });

  test("a single survey is 0 or 100", () => {
    expect(surveyResponseRate([ignored("nps")]).value).toBe(0);
    expect(surveyResponseRate([answered("nps", 9)]).value).toBe(100);
  });

  test("excludes responses with no record of being sent", () => {
    // A widget response: answered, but never sent, so it is in neither count.
    const widget = survey("csat", 5);
    expect(surveyResponseRate([widget])).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      excluded: { otherKind: 0, notSent: 1 },
    });
    // 1 answered of 2 sent = 50 %; the widget response does not raise it
    expect(surveyResponseRate([widget, answered("csat", 4), ignored("csat")])).toEqual({
      value: 50,
      numerator: 1,
      denominator: 2,
      excluded: { otherKind: 0, notSent: 1 },
    });
  });

  test("a survey counts as answered only when it has a score", () => {
    const openedNotScored = survey("csat", null, { respondedAt: "2024-03-01T09:00:00Z" });
    expect(surveyResponseRate([openedNotScored])).toMatchObject({ numerator: 0, denominator: 1 });
  });

  test("counts every kind by default", () => {
    // nps answered, csat ignored, ces answered → 2 / 3
    const surveys = [answered("nps", 10), ignored("csat"), answered("ces", 6)];
    expect(surveyResponseRate(surveys)).toMatchObject({ numerator: 2, denominator: 3 });
  });

  test("kind restricts the rate to one survey kind", () => {
    const surveys = [answered("nps", 10), ignored("nps"), ignored("nps"), answered("csat", 5)];
    // nps: 1 answered of 3 sent → 33.33 %; the CSAT survey is excluded as otherKind
    const result = surveyResponseRate(surveys, { kind: "nps" });
    expect(result).toEqual({
      value: 100 / 3,
      numerator: 1,
      denominator: 3,
      excluded: { otherKind: 1, notSent: 0 },
    });
    // otherKind is checked first: an unsent response of another kind is otherKind
    expect(surveyResponseRate([survey("csat", 5)], { kind: "nps" }).excluded).toEqual({
      otherKind: 1,
      notSent: 0,
    });
  });

  test("is placed in a period by sentAt, not by when the answer came", () => {
    const late = survey("csat", 5, {
      sentAt: "2024-03-01T23:00:00Z",
      respondedAt: "2024-03-02T10:00:00Z",
    });
    expect(surveyResponseRateReducer().timeOf(late)).toEqual(new Date("2024-03-01T23:00:00Z"));
    const rows = rollup([late, survey("csat", null, { sentAt: "2024-03-02T12:00:00Z" })], {
      by: { period: "day" },
      metrics: { rate: surveyResponseRateReducer() },
    });
    expect(rows.map((row) => [row.period?.label, row.rate.value])).toEqual([
      ["2024-03-01", 100],
      ["2024-03-02", 0],
    ]);
  });

  test("rejects an unknown survey kind", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => surveyResponseRate([], { kind: "email" })).toThrow(
      new RangeError('surveyResponseRate: kind must be one of nps, csat, ces, got "email"'),
    );
  });

  test("counts by sentAt and score as given; unchecked records are refused by the field", () => {
    const sent = new Date(sentAt);
    // answered, unanswered, and two never sent (null, absent): 1 of 2 sent → 50 %
    const records = [
      { kind: "csat", sentAt: sent, score: 4 },
      { kind: "csat", sentAt: sent, score: null },
      { kind: "csat", sentAt: null, score: 5 },
      { kind: "csat", score: null },
    ];
    expect(surveyResponseRate(records as never)).toMatchObject({
      value: 50,
      numerator: 1,
      denominator: 2,
      excluded: { otherKind: 0, notSent: 2 },
    });
    const refused = (record: object, message: string) =>
      expect(() => surveyResponseRate([record] as never)).toThrow(new TypeError(message));
    refused(
      { kind: "csat", sentAt: "2024-03-01", score: null },
      'surveyResponseRate: record 0 field "sentAt" must be a valid Date or null, got "2024-03-01"',
    );
    refused(
      { kind: "csat", sentAt: sent, score: "4" },
      'surveyResponseRate: record 0 field "score" must be a finite number or null, got "4"',
    );
    refused(
      { kind: "csat", sentAt: sent, score: Number.NaN },
      'surveyResponseRate: record 0 field "score" must be a finite number or null, got NaN',
    );
  });
});
