import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { toJSONSchema } from "zod/v4/core";
import { zodWords } from "./issues.ts";
import { safeInteger } from "./safeInteger.ts";

const WORDS = { error: zodWords };

/** A count as the record schemas build it, with Zod's `z.int()` or with ours. */
function count(check: z.core.$ZodCheck<number>, min?: number) {
  let schema = z.number(WORDS).check(check);
  if (min !== undefined) schema = schema.check(z.minimum(min));
  return z.object({ n: z._default(z.nullable(schema), null) }, WORDS);
}

const VALUES = [
  0,
  -0,
  7,
  -1,
  1.5,
  -0.5,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53),
  2 ** 60,
  1e300,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "3",
  null,
  undefined,
];

describe("safeInteger", () => {
  test("reports exactly the issues z.int() reports, and stops the checks after it alike", () => {
    for (const min of [undefined, 0, 1]) {
      const zods = count(z.int(WORDS), min);
      const ours = count(safeInteger(WORDS), min);
      for (const n of VALUES) {
        for (const options of [undefined, { reportInput: true }]) {
          expect(ours.safeParse({ n }, options), `${n}, min ${min}`).toEqual(
            zods.safeParse({ n }, options),
          );
        }
      }
    }
  });

  test("words a fraction and an unsafe integer in Zod's English", () => {
    const issues = (n: number) => count(safeInteger(WORDS), 0).safeParse({ n }).error?.issues;
    expect(issues(1.5)?.map((issue) => [issue.code, issue.message])).toEqual([
      ["invalid_type", "Invalid input: expected int, received number"],
    ]);
    expect(issues(2 ** 60)?.map((issue) => issue.code)).toEqual(["too_big"]);
  });

  test("still reads as an integer in a JSON Schema", () => {
    expect(toJSONSchema(count(safeInteger(WORDS), 0))).toEqual(
      toJSONSchema(count(z.int(WORDS), 0)),
    );
    expect(toJSONSchema(count(safeInteger(WORDS), 0)).properties?.n).toMatchObject({
      anyOf: [{ type: "integer", minimum: 0 }, { type: "null" }],
    });
  });
});
