/**
 * Runs every `@example` in the TSDoc comments under src/ and checks each `//=>` value, so
 * that the examples in the docs cannot drift from the code. Each example is its own test,
 * named `file > declaration > example N`. The rules live in ./examples-runner.ts.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import {
  checksOf,
  difference,
  type Example,
  examplesUnder,
  findExamples,
  parseExpected,
  ROOT,
  runCode,
  runExample,
} from "./examples-runner.ts";

const files = examplesUnder(join(ROOT, "src")).filter((entry) => entry.examples.length > 0);

describe("the examples in src/", () => {
  test("are found (the collector has not gone blind)", () => {
    const total = files.reduce((sum, entry) => sum + entry.examples.length, 0);
    expect(total).toBeGreaterThanOrEqual(20);
    expect(files.map((entry) => entry.examples[0]?.file)).toContain("src/metrics/surveys/nps.ts");
  });
});

for (const { absolute, examples } of files) {
  const file = examples[0]?.file as string;
  describe(file, () => {
    const byName = new Map<string, Example[]>();
    for (const example of examples) {
      byName.set(example.name, [...(byName.get(example.name) ?? []), example]);
    }
    for (const [name, list] of byName) {
      describe(name, () => {
        for (const example of list) {
          const title = `example ${example.index}${example.title ? `: ${example.title}` : ""}`;
          test(title, async () => {
            const exports = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
            const checked = await runExample(example, exports, absolute);
            expect(checked).toBeGreaterThan(0);
          });
        }
      });
    }
  });
}

// The runner checks itself: a test that cannot fail is a defect.
describe("the example runner", () => {
  const here = join(ROOT, "test/examples.test.ts");
  const example = (lines: string[], name = "f"): Example => ({
    file: "x.ts",
    name,
    index: 1,
    title: "",
    line: 1,
    lines,
  });

  test("finds examples with the declaration they document, and their title", () => {
    const source = [
      "/**",
      " * Doubles.",
      " *",
      " * @param x - a number",
      " * @example Twice",
      " * double(2)",
      " * //=> 4",
      " * @returns twice x",
      " */",
      "export function double(x: number) { return 2 * x; }",
      "",
      "export const ratio = {",
      "  /**",
      "   * @example",
      "   * ```ts",
      "   * ratio.half(4)",
      "   * ```",
      "   * //=> 2",
      "   */",
      "  half(x: number) { return x / 2; },",
      "};",
    ].join("\n");
    const found = findExamples(source, "x.ts");
    expect(found).toEqual([
      {
        file: "x.ts",
        name: "double",
        index: 1,
        title: "Twice",
        line: 5,
        lines: ["double(2)", "//=> 4"],
      },
      {
        file: "x.ts",
        name: "ratio.half",
        index: 1,
        title: "",
        line: 14,
        lines: ["ratio.half(4)", "//=> 2"],
      },
    ]);
  });

  test("fails an example that has no //=> line", () => {
    expect(() => checksOf(example(["double(2)"]))).toThrow(/has no "\/\/=> value" line/);
  });

  test("checks every //=> line against the code before it", async () => {
    const exports = { double: (x: number) => 2 * x };
    await expect(
      runExample(
        example(["const a = double(2);", "a", "//=> 4", "double(a)", "//=> 8"]),
        exports,
        here,
      ),
    ).resolves.toBe(2);
    await expect(
      runExample(example(["double(2)", "//=> 4", "double(3)", "//=> 7"]), exports, here),
    ).rejects.toThrow("value: expected exactly 7, got 6");
  });

  test("reports an example that throws", async () => {
    await expect(runExample(example(["missing(1)", "//=> 1"]), {}, here)).rejects.toThrow(
      /threw ReferenceError: missing is not defined/,
    );
  });

  test("supports import lines, including the root entry", async () => {
    const value = await runCode(
      [
        'import * as z from "zod";',
        'import { nps as score } from "support-metrics";',
        "const at = z.date().parse(new Date(0));",
        'score([{ kind: "nps", score: 10, respondedAt: at }]).value',
      ].join("\n"),
      {},
      here,
    );
    expect(value).toBe(100);
  });

  test("compares integers exactly and written decimals by rounding", () => {
    expect(difference(20, parseExpected("20"))).toBeUndefined();
    expect(difference(20.000001, parseExpected("20"))).toMatch(/exactly 20/);
    expect(difference(65 / 3, parseExpected("21.67"))).toBeUndefined();
    expect(difference(21.664, parseExpected("21.67"))).toMatch(/to 2 decimals/);
    expect(difference(0.1 + 0.2, parseExpected("0.3"))).toBeUndefined();
    expect(difference(-1 / 3, parseExpected("-0.333"))).toBeUndefined();
    expect(difference(-1 / 3, parseExpected("0.333"))).toMatch(/expected 0.333/);
    expect(difference(1.5e-10, parseExpected("1.5e-10"))).toBeUndefined();
  });

  test("compares structures deeply, keys and strings included", () => {
    expect(difference({ min: 0, max: 10 }, parseExpected("{ min: 0, max: 10 }"))).toBeUndefined();
    expect(difference({ min: 0 }, parseExpected("{ min: 0, max: 10 }"))).toMatch(/missing max/);
    expect(difference({ a: 1, b: 2 }, parseExpected("{ a: 1 }"))).toMatch(/unexpected b/);
    expect(difference([["2024-02", 2]], parseExpected('[["2024-02", 2]]'))).toBeUndefined();
    expect(difference([["2024-02", 2]], parseExpected('[["2024-03", 2]]'))).toBe(
      'value[0][0]: expected "2024-03", got "2024-02"',
    );
    expect(difference([1, 2], parseExpected("[1, 2, 3]"))).toMatch(/expected 3 items/);
    expect(difference(null, parseExpected("null"))).toBeUndefined();
    expect(difference(undefined, parseExpected("null"))).toMatch(/expected null, got undefined/);
    expect(difference("p90 1.5", parseExpected('"p90 1.5"'))).toBeUndefined();
    expect(difference({ p90: -2.5 }, parseExpected("{ p90: -2.5 }"))).toBeUndefined();
  });

  test("rejects an expected value that is not a literal", () => {
    expect(() => parseExpected("{ a: ")).toThrow(/not a JS literal/);
  });
});
