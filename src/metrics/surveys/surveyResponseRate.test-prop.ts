import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { expectPercentRatio, reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { SurveyKind } from "../../schemas/survey.ts";
import type { SurveyResponseRateInput, SurveyResponseRateOptions } from "./surveyResponseRate.ts";
import { surveyResponseRateReducer } from "./surveyResponseRate.ts";

const kinds: SurveyKind[] = ["nps", "csat", "ces"];
const record: fc.Arbitrary<SurveyResponseRateInput> = fc.record({
  kind: fc.constantFrom(...kinds),
  score: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 2 }),
  sentAt: fc.option(fc.constant(new Date("2024-03-01T08:00:00Z")), { freq: 6 }),
});
const options: fc.Arbitrary<SurveyResponseRateOptions> = fc.record(
  { kind: fc.constantFrom(...kinds) },
  { requiredKeys: [] },
);

describe("surveyResponseRate properties", () => {
  reducerLaws(surveyResponseRateReducer, fc.array(record), { configs: options });

  test("value is null or in [0, 100], numerator ≤ denominator, and every record is counted", () => {
    fc.assert(
      fc.property(fc.array(record), options, (rs, o) => {
        const result = reduce(rs, surveyResponseRateReducer(o));
        expect(result.value === null).toBe(result.denominator === 0);
        expectPercentRatio(result);
        expect(result.denominator + result.excluded.otherKind + result.excluded.notSent).toBe(
          rs.length,
        );
      }),
    );
  });

  test("the rates per kind add up to the rate over every kind", () => {
    fc.assert(
      fc.property(fc.array(record), (rs) => {
        const all = reduce(rs, surveyResponseRateReducer());
        const perKind = kinds.map((kind) => reduce(rs, surveyResponseRateReducer({ kind })));
        expect(perKind.reduce((sum, r) => sum + r.numerator, 0)).toBe(all.numerator);
        expect(perKind.reduce((sum, r) => sum + r.denominator, 0)).toBe(all.denominator);
      }),
    );
  });
});
