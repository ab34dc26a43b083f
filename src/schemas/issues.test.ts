import fc from "fast-check";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { addIssue, zodWords } from "./issues.ts";

/**
 * zodWords against the oracle it stands in for: Zod's own English locale (loaded here, in a
 * test, never in the library). Every raw issue the schemas below raise is worded by both.
 */
const english = z.locales.en().localeError as (issue: z.core.$ZodRawIssue) => unknown;

/** Each raw issue of a parse, worded by zodWords and by Zod's English. */
function wordings(schema: z.ZodMiniType, input: unknown): [unknown, unknown][] {
  const pairs: [unknown, unknown][] = [];
  // Zod words a failed parse's issues when they are first read.
  const issues = schema.safeParse(input, {
    error: (issue) => {
      const ours = zodWords(issue);
      const theirs = english(issue);
      pairs.push([ours, typeof theirs === "string" ? theirs : (theirs as { message: string })]);
      return ours;
    },
  }).error?.issues;
  // A union's branches have their issues worded too.
  expect(pairs.length).toBeGreaterThanOrEqual(issues?.length ?? 0);
  return pairs;
}

const SCHEMAS: readonly z.ZodMiniType[] = [
  z.string(),
  z.number(),
  z.number().check(z.int()),
  z.number().check(z.minimum(0)),
  z.number().check(z.maximum(10)),
  z.number().check(z.positive()),
  z.number().check(z.negative()),
  z.boolean(),
  z.null(),
  z.enum(["open", "closed"]),
  z.literal("calendar"),
  z.string().check(z.minLength(1), z.maxLength(3)),
  z.array(z.string()).check(z.minLength(1), z.maxLength(2)),
  z.strictObject({ a: z.number() }),
  z.object({ a: z.string(), b: z.optional(z.boolean()) }),
  z.union([z.string(), z.number()]),
];

describe("zodWords", () => {
  test("words every issue of these schemas as Zod's English locale does", () => {
    const values = fc.oneof(
      fc.anything(),
      fc.double(),
      fc.integer({ min: -20, max: 20 }),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, new Date(0), [1, 2, 3], "", "abcd"),
      fc.record({ a: fc.anything(), b: fc.anything(), c: fc.anything() }, { requiredKeys: [] }),
    );
    let worded = 0;
    fc.assert(
      fc.property(fc.constantFrom(...SCHEMAS), values, (schema, value) => {
        for (const [ours, theirs] of wordings(schema, value)) {
          // Where zodWords has no words (a union, a custom issue), Zod's default applies.
          if (ours === undefined) expect(["Invalid input", undefined]).toContain(theirs);
          else {
            expect(ours).toBe(theirs);
            worded++;
          }
        }
      }),
      { numRuns: 2000 },
    );
    expect(worded).toBeGreaterThan(500);
  });

  test("hand-picked values: NaN, infinities, a Date, a class, an array, two unknown keys", () => {
    class Shift {}
    expect(wordings(z.number(), Number.NaN)).toEqual([
      [
        "Invalid input: expected number, received NaN",
        "Invalid input: expected number, received NaN",
      ],
    ]);
    expect(wordings(z.number(), -Infinity)[0]?.[0]).toBe(
      "Invalid input: expected number, received -Infinity",
    );
    expect(wordings(z.string(), new Date(0))[0]?.[0]).toBe(
      "Invalid input: expected string, received Date",
    );
    expect(wordings(z.string(), new Shift())[0]?.[0]).toBe(
      "Invalid input: expected string, received Shift",
    );
    expect(wordings(z.string(), Object.create(null))[0]?.[0]).toBe(
      "Invalid input: expected string, received object",
    );
    expect(wordings(z.strictObject({}), { x: 1, y: 2 })[0]?.[0]).toBe(
      'Unrecognized keys: "x", "y"',
    );
    expect(wordings(z.array(z.number()).check(z.maxLength(1)), [1, 2])[0]?.[0]).toBe(
      "Too big: expected array to have <=1 items",
    );
  });
});

describe("addIssue", () => {
  test("reports a custom issue about the value, unless the issue names its input", () => {
    const schema = z.pipe(
      z.unknown(),
      z.transform((value, ctx) => {
        addIssue(ctx, { message: "is odd", params: { range: true } });
        addIssue(ctx, { code: "custom", path: ["x"], message: "has x", input: 7 });
        return value;
      }),
    );
    const parsed = schema.safeParse(3, { reportInput: true });
    expect(parsed.error?.issues).toEqual([
      { code: "custom", path: [], message: "is odd", input: 3, params: { range: true } },
      { code: "custom", path: ["x"], message: "has x", input: 7 },
    ]);
  });
});
