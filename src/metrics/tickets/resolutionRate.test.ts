import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { resolveMetric } from "../define.ts";
import {
  type ResolutionRateInput,
  resolutionRate,
  resolutionRateMetric,
  resolutionRateReducer,
} from "./resolutionRate.ts";

/** A ticket as the metric reads it: created, first resolved (or not), reopened how often. */
function t(
  createdAt: string,
  firstResolvedAt: string | null,
  reopenCount: number | null = 0,
): ResolutionRateInput {
  return {
    createdAt: new Date(createdAt),
    firstResolvedAt: firstResolvedAt === null ? null : new Date(firstResolvedAt),
    reopenCount,
  };
}

const march = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
const NONE = { outsideWindow: 0, createdAfterAsOf: 0, unknownReopens: 0 };

// A: created before March, resolved in it; B: created and resolved in March; C: created in
// March, still open; D: created in March, resolved in April; E: all in January and February.
const A = t("2024-02-20T00:00:00Z", "2024-03-02T00:00:00Z");
const B = t("2024-03-05T00:00:00Z", "2024-03-06T00:00:00Z");
const C = t("2024-03-10T00:00:00Z", null);
const D = t("2024-03-20T00:00:00Z", "2024-04-02T00:00:00Z");
const E = t("2024-01-05T00:00:00Z", "2024-02-01T00:00:00Z");

describe("resolutionRate, flow form", () => {
  test("divides the resolutions in the window by the creations in it", () => {
    // resolved in March: A, B = 2; created in March: B, C, D = 3 → 2 / 3 = 66.67 %;
    // E has no event in March
    expect(resolutionRate([A, B, C, D, E], { window: march })).toEqual({
      value: (100 * 2) / 3,
      numerator: 2,
      denominator: 3,
      excluded: { ...NONE, outsideWindow: 1 },
      form: "flow",
    });
  });

  test("can exceed 100 when more is resolved than comes in", () => {
    // resolved in March: A, B, and F (created in February) = 3; created in March: B = 1 → 300 %
    const F = t("2024-02-25T00:00:00Z", "2024-03-03T00:00:00Z");
    expect(resolutionRate([A, B, F], { window: march })).toMatchObject({
      value: 300,
      numerator: 3,
      denominator: 1,
    });
  });

  test("asked for an interval, gives none where more is resolved than created", () => {
    // 3 resolved of 1 created is no proportion: no interval, and no error for the result.
    // 2 resolved (A, B) of 3 created (B, C, D): Wilson 95 % for 2 of 3, 20.77 to 93.85 %.
    const F = t("2024-02-25T00:00:00Z", "2024-03-03T00:00:00Z");
    const interval = { level: 0.95, method: "wilson" } as const;
    expect(resolutionRate([A, B, F], { window: march, interval })).toMatchObject({
      value: 300,
      interval: null,
    });
    const share = resolutionRate([A, B, C, D], { window: march, interval }).interval;
    expect(share?.lower).toBeCloseTo(20.77, 2);
    expect(share?.upper).toBeCloseTo(93.85, 2);
  });

  test("without a window counts every creation and resolution given", () => {
    // created: A, B, C, D, E = 5; resolved: A, B, D, E = 4 → 80 %
    expect(resolutionRate([A, B, C, D, E])).toMatchObject({
      value: 80,
      numerator: 4,
      denominator: 5,
    });
  });

  test("puts a ticket in the period of its creation and the period of its resolution", () => {
    const rows = rollup([A, B, C, D, E], {
      by: { period: "month" },
      metrics: { rate: resolutionRateReducer() },
    });
    expect(
      rows.map((row) => [row.period?.label, row.rate.numerator, row.rate.denominator]),
    ).toEqual([
      ["2024-01", 0, 1], // E created
      ["2024-02", 1, 1], // E resolved, A created
      ["2024-03", 2, 3], // A, B resolved; B, C, D created
      ["2024-04", 1, 0], // D resolved, nothing created: value null
    ]);
    expect(rows.map((row) => row.rate.value)).toEqual([0, 100, (100 * 2) / 3, null]);
  });

  test("with asOf reads the data as it stood then", () => {
    // asOf 1 April: D's resolution (2 April) has not happened; F is created after asOf.
    // Over everything: created by asOf A, B, C, D, E = 5; resolved by asOf A, B, E = 3 → 60 %
    const F = t("2024-04-05T00:00:00Z", "2024-04-06T00:00:00Z");
    const asOf = "2024-04-01T00:00:00Z";
    expect(resolutionRate([A, B, C, D, E, F], { asOf })).toEqual({
      value: 60,
      numerator: 3,
      denominator: 5,
      excluded: { ...NONE, createdAfterAsOf: 1 },
      form: "flow",
    });
    // by month: D's resolution is not placed in April; F is counted in April as created after asOf
    const rows = rollup([A, B, C, D, E, F], {
      by: { period: "month" },
      metrics: { rate: resolutionRateReducer({ asOf }) },
    });
    expect(
      rows.map((row) => [
        row.period?.label,
        row.rate.numerator,
        row.rate.denominator,
        row.rate.excluded.createdAfterAsOf,
      ]),
    ).toEqual([
      ["2024-01", 0, 1, 0],
      ["2024-02", 1, 1, 0],
      ["2024-03", 2, 3, 0],
      ["2024-04", 0, 0, 1],
    ]);
  });

  test("with notReopened counts only resolutions never reopened", () => {
    // B reopened once: resolved in March and never reopened = A only → 1 / 3 = 33.33 %
    const B2 = { ...B, reopenCount: 1 };
    expect(resolutionRate([A, B2, C, D], { window: march, notReopened: true })).toMatchObject({
      value: 100 / 3,
      numerator: 1,
      denominator: 3,
    });
    // by default B still counts: 2 / 3
    expect(resolutionRate([A, B2, C, D], { window: march }).numerator).toBe(2);
  });

  test("with notReopened excludes a ticket whose reopen count is unknown, from both counts", () => {
    // B unknown → out of both: resolved A = 1; created C, D = 2 → 50 %
    const B3 = { ...B, reopenCount: null };
    expect(resolutionRate([A, B3, C, D], { window: march, notReopened: true })).toEqual({
      value: 50,
      numerator: 1,
      denominator: 2,
      excluded: { ...NONE, unknownReopens: 1 },
      form: "flow",
    });
    // without the option the reopen count is not read: 2 / 3
    expect(resolutionRate([A, B3, C, D], { window: march })).toMatchObject({
      numerator: 2,
      denominator: 3,
      excluded: NONE,
    });
  });
});

describe("resolutionRate, cohort form", () => {
  test("is the share of the window's tickets resolved by asOf", () => {
    // created in March: B, C, D; resolved by 1 April: B → 1 / 3 = 33.33 %; by 1 May: B, D → 66.67 %
    const cohort = (asOf: string) =>
      resolutionRate([A, B, C, D, E], { form: "cohort", window: march, asOf });
    expect(cohort("2024-04-01T00:00:00Z")).toEqual({
      value: 100 / 3,
      numerator: 1,
      denominator: 3,
      excluded: { ...NONE, outsideWindow: 2 },
      form: "cohort",
    });
    expect(cohort("2024-05-01T00:00:00Z").value).toBeCloseTo((100 * 2) / 3, 12);
  });

  test("without asOf counts every resolution the data holds", () => {
    // March cohort B, C, D: B and D resolved → 2 / 3
    expect(resolutionRate([B, C, D], { form: "cohort" })).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
  });

  test("excludes tickets created after asOf", () => {
    // asOf 15 March: D (20 March) cannot be resolved by then; B of B, C resolved → 50 %
    expect(resolutionRate([B, C, D], { form: "cohort", asOf: "2024-03-15T00:00:00Z" })).toEqual({
      value: 50,
      numerator: 1,
      denominator: 2,
      excluded: { ...NONE, createdAfterAsOf: 1 },
      form: "cohort",
    });
  });

  test("puts a ticket in the period it was created in only", () => {
    const rows = rollup([A, B, C, D, E], {
      by: { period: "month" },
      metrics: { rate: resolutionRateReducer({ form: "cohort", notReopened: true }) },
    });
    expect(
      rows.map((row) => [row.period?.label, row.rate.numerator, row.rate.denominator]),
    ).toEqual([
      ["2024-01", 1, 1], // E, resolved
      ["2024-02", 1, 1], // A, resolved
      ["2024-03", 2, 3], // B and D resolved, C open
    ]);
  });

  test("with notReopened leaves out reopened resolutions and unknown reopen counts", () => {
    // B reopened → not resolved; C unknown → excluded; D resolved → 1 / 2 = 50 %
    const tickets = [{ ...B, reopenCount: 2 }, { ...C, reopenCount: null }, D];
    expect(resolutionRate(tickets, { form: "cohort", notReopened: true })).toMatchObject({
      value: 50,
      numerator: 1,
      denominator: 2,
      excluded: { ...NONE, unknownReopens: 1 },
    });
  });
});

describe("resolutionRate", () => {
  test("has no value with nothing created", () => {
    expect(resolutionRate([])).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      excluded: NONE,
      form: "flow",
    });
    expect(resolutionRate([], { form: "cohort" }).value).toBeNull();
  });

  test("reads whole validated tickets, reopen counts derived from status history", () => {
    const solvedOnce = ticket({ firstResolvedAt: "2024-03-02T00:00:00Z" });
    const reopened = ticket({
      statusChanges: [
        { at: "2024-03-01T10:00:00Z", status: "solved" },
        { at: "2024-03-01T11:00:00Z", status: "open" },
        { at: "2024-03-01T12:00:00Z", status: "solved" },
      ],
    });
    // both resolved; one reopened → 2 / 2 by default, 1 / 2 with notReopened
    expect(resolutionRate([solvedOnce, reopened]).value).toBe(100);
    expect(resolutionRate([solvedOnce, reopened], { notReopened: true }).value).toBe(50);
  });

  test("takes asOf as inclusive: a ticket created or resolved exactly then has happened", () => {
    const asOf = "2024-03-10T00:00:00Z";
    // C' created at asOf, open; B' created before and resolved at asOf → cohort 1 / 2
    const createdThen = t(asOf, null);
    const resolvedThen = t("2024-03-05T00:00:00Z", asOf);
    expect(resolutionRate([createdThen, resolvedThen], { form: "cohort", asOf })).toEqual({
      value: 50,
      numerator: 1,
      denominator: 2,
      excluded: NONE,
      form: "cohort",
    });
    // flow over March as of then: both created in March, one resolved by then → 1 / 2
    expect(resolutionRate([createdThen, resolvedThen], { window: march, asOf })).toMatchObject({
      numerator: 1,
      denominator: 2,
      excluded: NONE,
    });
    // one millisecond earlier neither has happened: C' is created after it, B' is open
    const before = "2024-03-09T23:59:59.999Z";
    expect(
      resolutionRate([createdThen, resolvedThen], { form: "cohort", asOf: before }),
    ).toMatchObject({ numerator: 0, denominator: 1, excluded: { ...NONE, createdAfterAsOf: 1 } });
  });

  test("is placed by its two events in the flow form and by creation in the cohort form", () => {
    expect(resolveMetric(resolutionRateMetric).placement).toEqual({
      by: "instants",
      events: "createdAt and firstResolvedAt",
    });
    expect(resolveMetric(resolutionRateMetric, { form: "cohort" }).placement).toEqual({
      by: "instant",
      field: "createdAt",
    });
    // A resolution after asOf places the ticket by its creation only (flow)
    const reducer = resolutionRateReducer({ asOf: "2024-03-15T00:00:00Z" });
    expect(reducer.timesOf?.(D)).toEqual([D.createdAt]);
    expect(reducer.timesOf?.(B)).toEqual([B.createdAt, B.firstResolvedAt]);
  });

  test("refuses a record that never went through the schema, naming its bad field", () => {
    const unchecked = (fields: object) => [{ ...B, ...fields }] as never;
    for (const form of ["flow", "cohort"] as const) {
      expect(() => resolutionRate(unchecked({ createdAt: "2024-03-05" }), { form })).toThrow(
        'resolutionRate: record 0 field "createdAt" must be a valid Date, got "2024-03-05"',
      );
      expect(() => resolutionRate(unchecked({ firstResolvedAt: "2024-03-06" }), { form })).toThrow(
        'resolutionRate: record 0 field "firstResolvedAt" must be a valid Date or null, got "2024-03-06"',
      );
      expect(() => resolutionRate(unchecked({ reopenCount: -1 }), { form })).toThrow(
        'resolutionRate: record 0 field "reopenCount" must be a whole number at least 0, or null, got -1',
      );
      expect(() => resolutionRate(unchecked({ reopenCount: 1.5 }), { form })).toThrow(
        'resolutionRate: record 0 field "reopenCount" must be a whole number at least 0, or null, got 1.5',
      );
    }
    // a left-out reopen count is unknown like null: with notReopened, excluded from both counts
    expect(resolutionRate(unchecked({ reopenCount: undefined }), { notReopened: true })).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      excluded: { ...NONE, unknownReopens: 1 },
      form: "flow",
    });
    // null and left-out values are unknown, not bad: no error
    expect(
      resolutionRate(unchecked({ firstResolvedAt: undefined, reopenCount: undefined })).denominator,
    ).toBe(1);
  });

  test("rejects options it cannot use", () => {
    expect(() => resolutionRate([], { asOf: "1 March" })).toThrow(
      new TypeError(
        'resolutionRate: asOf must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got "1 March"',
      ),
    );
    expect(() => resolutionRate([], { form: "rolling" as "flow" })).toThrow(
      new RangeError('resolutionRate: form must be one of flow, cohort, got "rolling"'),
    );
    expect(() => resolutionRate([], { notReopened: "yes" as unknown as boolean })).toThrow(
      new TypeError('resolutionRate: notReopened must be a boolean, got "yes"'),
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => resolutionRate([], { excludeReopened: true })).toThrow(
      new TypeError("resolutionRate: excludeReopened is not an option of resolutionRate"),
    );
  });
});
