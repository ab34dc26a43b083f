import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { catalogue } from "../src/metrics/catalogue.ts";
import { COUNT_FIELD, type MetricDefinition, optionNames } from "../src/metrics/define.ts";
import { reduce } from "../src/reduce/reduce.ts";

/**
 * Issue 11, "Metric functions never count garbage": every metric of the catalogue (no name
 * written here) is fed plain objects that never went through a schema, their fields junk of
 * every kind. A metric either excludes what it cannot use, under a named reason, or throws a
 * TypeError in the library's grammar naming the record and the field; never another error,
 * never a NaN, never a garbage record counted as used.
 */

/** The options a metric needs to run at all, by option name (never by metric). */
const NEEDED: Record<string, unknown> = {
  asOf: "2024-06-01T00:00:00Z",
  policies: [{ name: "All", targets: { firstReply: { minutes: 60, businessHours: false } } }],
  statuses: ["pending"],
  window: { start: "2024-01-01T00:00:00Z", end: "2024-07-01T00:00:00Z" },
  lifespan: 12,
  grossMargin: 0.8,
};

function optionsFor(metric: MetricDefinition): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const name of optionNames(metric)) if (name in NEEDED) options[name] = NEEDED[name];
  return options;
}

/** Junk that is never a valid value of any field: wrong types, NaN, invalid Dates, objects. */
const garbage = fc.oneof(
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(new Date(Number.NaN)),
  fc.constant("junk"),
  fc.constant({}),
  fc.constant([Number.NaN]),
  fc.constant(Symbol("junk")),
  fc.constant(() => 1),
);

/** Anything at all, valid or not, or the key missing. */
const anything = fc.oneof(
  garbage,
  fc.anything(),
  fc.integer({ min: -5, max: 20 }),
  fc.double(),
  fc.date({ noInvalidDate: false }),
  fc.boolean(),
  fc.constant(null),
  fc.record({ min: fc.anything(), max: fc.anything() }),
  fc.constantFrom("nps", "csat", "ces", "open", "solved", "closed"),
);

function recordOf(fields: readonly string[], value: fc.Arbitrary<unknown>) {
  return fc.record(Object.fromEntries(fields.map((field) => [field, value])), {
    requiredKeys: [],
  });
}

const GRAMMAR = /^\w+: record \d+ field "\w+" must .+, got .+$/s;

/** Runs a metric; a thrown error must be a TypeError in the grammar. */
function run(metric: MetricDefinition, records: unknown[]): Record<string, unknown> | null {
  const reducer = metric.reducer(optionsFor(metric) as never);
  try {
    return reduce(records, reducer) as Record<string, unknown>;
  } catch (error) {
    expect(error, metric.key).toBeInstanceOf(TypeError);
    expect((error as Error).message, metric.key).toMatch(GRAMMAR);
    return null;
  }
}

function isCount(value: unknown): boolean {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

describe.each(catalogue.map((metric) => [metric.key, metric] as const))(
  "%s on junk",
  (_, metric) => {
    const fields = metric.reads ?? [];

    test("throws only TypeErrors naming a record and a field; value null or finite; counts whole", () => {
      fc.assert(
        fc.property(fc.array(recordOf(fields, anything), { maxLength: 6 }), (records) => {
          const result = run(metric, records);
          if (result === null) return;
          const value = result.value;
          expect(value === null || (typeof value === "number" && Number.isFinite(value))).toBe(
            true,
          );
          const countField = COUNT_FIELD[metric.result];
          if (countField !== null && countField !== "value") {
            expect(isCount(result[countField]), `${metric.key}.${countField}`).toBe(true);
          }
          for (const [reason, count] of Object.entries(result.excluded ?? {})) {
            expect(isCount(count), `${metric.key}.excluded.${reason}`).toBe(true);
          }
        }),
        { numRuns: 60 },
      );
    });

    test("a record made of garbage is never counted as used", () => {
      fc.assert(
        fc.property(
          fc.array(recordOf(fields, garbage), { minLength: 1, maxLength: 4 }),
          (records) => {
            const result = run(metric, records);
            if (result === null) return;
            const countField = COUNT_FIELD[metric.result];
            if (countField === null) expect(result.value, metric.key).toBeNull();
            else if (countField === "value") expect(result.value, metric.key).toBe(0);
            else expect(result[countField], metric.key).toBe(0);
          },
        ),
        { numRuns: 40 },
      );
    });
  },
);
