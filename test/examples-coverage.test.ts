/**
 * Every public function has an `@example` with a `//=>` line (issue 5). test/examples.test.ts
 * runs and checks those examples; this test makes sure none is missing.
 *
 * The public functions are the function-valued exports of the package entry points (the
 * `exports` of package.json). Classes (ValidationError, ReadError...) are left out: their
 * doc comments describe a type, not a call with a result. Each function is looked up by its
 * declaration (`export function NAME`, `export async function NAME`, `export const NAME =`)
 * in the non-test files of src/, wherever the entry re-exports it from.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { findExamples, ROOT, sourceFiles } from "./examples-runner.ts";

/** The package entry points, as in package.json `exports`. */
const ENTRIES = [
  "src/index.ts",
  "src/adapters/index.ts",
  "src/node/index.ts",
  "src/report/html.ts",
  "src/duckdb/index.ts",
  "src/postgres/index.ts",
  "src/sql/index.ts",
];

function isClass(value: unknown): boolean {
  return typeof value === "function" && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

/** The public functions: name → the entries exporting it. */
async function publicFunctions(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const entry of ENTRIES) {
    const mod = (await import(pathToFileURL(join(ROOT, entry)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function" || isClass(value)) continue;
      found.set(name, [...(found.get(name) ?? []), entry]);
    }
  }
  return found;
}

const files = sourceFiles(join(ROOT, "src")).map((absolute) => {
  const source = readFileSync(absolute, "utf8");
  const file = relative(ROOT, absolute).split("\\").join("/");
  return { file, source, examples: findExamples(source, file) };
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The files declaring `name` at top level, and whether each documents it with a checked example. */
function declarations(name: string): { file: string; checked: boolean }[] {
  const pattern = new RegExp(
    `^export\\s+(?:async\\s+)?(?:function\\*?\\s+${escapeRegExp(name)}\\b|const\\s+${escapeRegExp(name)}\\s*[:=])`,
    "m",
  );
  return files
    .filter(({ source }) => pattern.test(source))
    .map(({ file, examples }) => ({
      file,
      checked: examples.some(
        (example) => example.name === name && example.lines.some((line) => /^\s*\/\/=>/.test(line)),
      ),
    }));
}

describe("every public function has an @example with a //=> line", () => {
  test("the entry points export functions (the lister has not gone blind)", async () => {
    const names = await publicFunctions();
    expect(names.size).toBeGreaterThan(50);
    expect(names.has("nps")).toBe(true);
    expect(names.has("renderHtmlReport")).toBe(true);
    expect(names.has("ValidationError")).toBe(false);
  });

  test("each is declared in src/ with a checked example", async () => {
    const missing: string[] = [];
    for (const [name, entries] of [...(await publicFunctions())].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )) {
      const found = declarations(name);
      if (found.length === 0) {
        missing.push(`${name} (exported by ${entries.join(", ")}): no declaration found in src/`);
      } else if (!found.some((declaration) => declaration.checked)) {
        missing.push(`${name} in ${found.map((declaration) => declaration.file).join(", ")}`);
      }
    }
    expect(
      missing,
      `${missing.length} public function(s) without an @example ending in a "//=> value" line:\n  ${missing.join("\n  ")}`,
    ).toEqual([]);
  });
});
