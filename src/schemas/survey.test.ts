import { describe, expect, test } from "vitest";
import { DEFAULT_SCALES, surveyResponseSchema } from "./survey.ts";
import { validateSurveyResponses } from "./validate.ts";

const AT = "2024-03-01T10:00:00Z";

function issuesOf(input: unknown) {
  const { records, rejected } = validateSurveyResponses([input]);
  expect(records).toEqual([]);
  return rejected[0]?.issues.map((issue) => [issue.path, issue.message]);
}

describe("surveyResponseSchema", () => {
  test("fills every field of an answered response", () => {
    expect(surveyResponseSchema().parse({ id: 3, kind: "nps", score: 9, respondedAt: AT })).toEqual(
      {
        id: "3",
        kind: "nps",
        score: 9,
        scale: { min: 0, max: 10 },
        sentAt: null,
        respondedAt: new Date(AT),
        ticketId: null,
        customerId: null,
        agentId: null,
        channel: null,
      },
    );
  });

  test("a survey sent and not answered has no score and no respondedAt", () => {
    expect(
      surveyResponseSchema().parse({
        id: "s",
        kind: "csat",
        sentAt: AT,
        ticketId: 12,
        channel: "",
      }),
    ).toMatchObject({
      score: null,
      respondedAt: null,
      sentAt: new Date(AT),
      ticketId: "12",
      channel: null,
    });
  });

  test("each kind has its default scale", () => {
    expect(DEFAULT_SCALES).toEqual({
      nps: { min: 0, max: 10 },
      csat: { min: 1, max: 5 },
      ces: { min: 1, max: 7 },
    });
    for (const kind of ["nps", "csat", "ces"] as const) {
      expect(
        surveyResponseSchema().parse({ id: 1, kind, respondedAt: AT, score: 1 }).scale,
      ).toEqual(DEFAULT_SCALES[kind]);
    }
  });

  test("a response may bring its own scale (binary good/bad CSAT)", () => {
    const binary = { min: 0, max: 1 };
    expect(
      surveyResponseSchema().parse({
        id: 1,
        kind: "csat",
        score: 0,
        scale: binary,
        respondedAt: AT,
      }).scale,
    ).toEqual(binary);
  });

  test("the scale ends are allowed", () => {
    expect(
      validateSurveyResponses(
        [0, 10].map((score) => ({ id: 1, kind: "nps", score, respondedAt: AT })),
      ).records,
    ).toHaveLength(2);
  });
});

describe("rejected survey responses", () => {
  test("a score off the scale", () => {
    expect(issuesOf({ id: 1, kind: "nps", score: 11, respondedAt: AT })).toEqual([
      [["score"], "must be between 0 and 10 on this nps scale, got 11"],
    ]);
    expect(issuesOf({ id: 1, kind: "csat", score: 0, respondedAt: AT })).toEqual([
      [["score"], "must be between 1 and 5 on this csat scale, got 0"],
    ]);
    expect(
      issuesOf({ id: 1, kind: "ces", score: 5, scale: { min: 1, max: 3 }, respondedAt: AT }),
    ).toEqual([[["score"], "must be between 1 and 3 on this ces scale, got 5"]]);
  });

  test("a score that is not a number", () => {
    expect(issuesOf({ id: 1, kind: "nps", score: "9", respondedAt: AT })).toEqual([
      [["score"], "must be a number, got string"],
    ]);
    expect(issuesOf({ id: 1, kind: "nps", score: Number.NaN, respondedAt: AT })).toEqual([
      [["score"], "must be a number, got NaN"],
    ]);
  });

  test("a scored response without respondedAt", () => {
    expect(issuesOf({ id: 1, kind: "nps", score: 5, sentAt: AT })).toEqual([
      [["respondedAt"], "is required for a scored response"],
    ]);
  });

  test("neither sentAt nor respondedAt", () => {
    expect(issuesOf({ id: 1, kind: "nps" })).toEqual([[["sentAt"], "or respondedAt is required"]]);
  });

  test("respondedAt before sentAt", () => {
    expect(
      issuesOf({ id: 1, kind: "nps", score: 5, sentAt: AT, respondedAt: "2024-03-01T09:59:59Z" }),
    ).toEqual([[["respondedAt"], "must not be before sentAt"]]);
  });

  test("an unknown kind or a broken scale", () => {
    expect(issuesOf({ id: 1, kind: "ces2", respondedAt: AT })).toEqual([
      [["kind"], 'must be one of "nps", "csat", "ces"'],
    ]);
    expect(issuesOf({ id: 1, kind: "csat", scale: { min: 5, max: 1 }, respondedAt: AT })).toEqual([
      [["scale"], "min must be below max"],
    ]);
    expect(issuesOf({ id: 1, kind: "csat", scale: { min: 1.5, max: 5 }, respondedAt: AT })).toEqual(
      [[["scale", "min"], "must be an integer, got number"]],
    );
    // Ends out of the safe integer range do not stop the scale's own rule (Zod's way).
    const huge = { min: 2 ** 60, max: -(2 ** 60) };
    expect(issuesOf({ id: 1, kind: "csat", scale: huge, respondedAt: AT })).toEqual([
      [["scale", "min"], "must be at most 9007199254740991"],
      [["scale", "max"], "must be at least -9007199254740991"],
      [["scale"], "min must be below max"],
    ]);
  });

  test("a zone-less respondedAt without timeZone, accepted with one", () => {
    const input = { id: 1, kind: "nps", score: 9, respondedAt: "2024-03-01 10:00" };
    expect(issuesOf(input)).toEqual([
      [
        ["respondedAt"],
        'has no UTC offset; add Z or +hh:mm, or name the zone it is in (timeZone option), got "2024-03-01 10:00"',
      ],
    ]);
    // 10:00 in São Paulo (−03:00) is 13:00 UTC.
    expect(
      validateSurveyResponses([input], { timeZone: "America/Sao_Paulo" }).records[0]?.respondedAt,
    ).toEqual(new Date(Date.UTC(2024, 2, 1, 13)));
  });
});
