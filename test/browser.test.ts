/**
 * The root entry must run in a browser: bundle src/index.ts with esbuild for the browser,
 * fail on any import of a Node builtin anywhere in the module graph (ours or a dependency's),
 * and run the bundle where there is no `process` and no `require`.
 */
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { createContext, runInContext } from "node:vm";
import { type BuildResult, build, type Plugin, transform } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BUILTINS = new Set(builtinModules.map((name) => name.replace(/^node:/, "")));

/** Whether an import path names a Node builtin (`node:fs`, `fs`, `fs/promises`). */
function isNodeBuiltin(path: string): boolean {
  if (path.startsWith("node:")) return true;
  return BUILTINS.has(path) || BUILTINS.has(path.split("/")[0] as string);
}

/** Records every import of a Node builtin, with the file that made it, and fails the build. */
function nodeBuiltinGuard(found: string[]): Plugin {
  return {
    name: "no-node-builtins",
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        if (!isNodeBuiltin(args.path)) return undefined;
        const importer = args.importer ? relative(ROOT, args.importer) : "(entry)";
        found.push(`${importer} imports ${args.path}`);
        return { errors: [{ text: `${importer} imports the Node builtin "${args.path}"` }] };
      });
    },
  };
}

describe("the builtin guard", () => {
  test("fails a build that imports node:fs or path, naming the importer", async () => {
    const found: string[] = [];
    await expect(
      build({
        stdin: {
          contents:
            'import { readFileSync } from "node:fs";\nimport { join } from "path";\nexport const x = [readFileSync, join];',
          resolveDir: ROOT,
          sourcefile: "entry.ts",
          loader: "ts",
        },
        bundle: true,
        platform: "browser",
        format: "esm",
        write: false,
        logLevel: "silent",
        plugins: [nodeBuiltinGuard(found)],
      }),
    ).rejects.toThrow(/imports the Node builtin "node:fs"/);
    expect(found).toEqual(["entry.ts imports node:fs", "entry.ts imports path"]);
  });
});

describe("the browser bundle of src/index.ts", () => {
  const builtinImports: string[] = [];
  let result: BuildResult<{ write: false; metafile: true }>;
  let code = "";

  beforeAll(async () => {
    result = await build({
      entryPoints: [join(ROOT, "src/index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
      plugins: [nodeBuiltinGuard(builtinImports)],
    }).catch((error: { errors?: { text: string }[] }) => {
      throw new Error(
        `the browser bundle failed:\n${(error.errors ?? []).map((e) => e.text).join("\n") || error}`,
      );
    });
    code = result.outputFiles[0]?.text ?? "";
  });

  test("builds, with no import of a Node builtin in any module", () => {
    expect(builtinImports).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(code.length).toBeGreaterThan(1000);
    const inputs = Object.keys(result.metafile.inputs);
    // The scan has not gone blind: our sources and a dependency are in the graph.
    expect(inputs).toContain("src/metrics/surveys/nps.ts");
    expect(inputs.some((input) => input.includes("node_modules/zod"))).toBe(true);
    const offending = Object.entries(result.metafile.inputs).flatMap(([input, info]) =>
      info.imports.filter((i) => isNodeBuiltin(i.path)).map((i) => `${input} imports ${i.path}`),
    );
    expect(offending).toEqual([]);
  });

  test("contains no node: import or require of a builtin", () => {
    expect(code).not.toMatch(/\bfrom\s*["']node:/);
    expect(code).not.toMatch(/\b(?:import|require)\s*\(\s*["']node:/);
    const required = [...code.matchAll(/\brequire\s*\(\s*["']([^"']+)["']\s*\)/g)].map(
      (m) => m[1] as string,
    );
    expect(required.filter(isNodeBuiltin)).toEqual([]);
  });

  test("runs without process or require, and gives the worked NPS example", async () => {
    // The same bundle, turned from ESM into a script that assigns its exports to a global.
    const script = await transform(code, {
      format: "iife",
      globalName: "supportMetrics",
      target: "es2022",
    });
    const context = createContext({});
    expect(runInContext("typeof process + ' ' + typeof require", context)).toBe(
      "undefined undefined",
    );
    runInContext(script.code, context, { filename: "support-metrics.browser.js" });
    const value = runInContext(
      `
      const { nps } = supportMetrics;
      const respondedAt = new Date("2024-03-01T09:00:00Z");
      // 5 promoters, 2 passives, 3 detractors: 100 × (5 − 3) / 10 = 20
      nps([10, 9, 9, 8, 7, 6, 5, 10, 3, 9].map((score) => ({ kind: "nps", score, respondedAt }))).value
      `,
      context,
    );
    expect(value).toBe(20);
  });

  test("validates records and groups them by month in a zone, inside the same context", async () => {
    const script = await transform(code, { format: "iife", globalName: "supportMetrics" });
    const context = createContext({});
    runInContext(script.code, context);
    const rows = runInContext(
      `
      const { validateSurveyResponses, rollup, npsReducer } = supportMetrics;
      const { records, rejected } = validateSurveyResponses([
        { id: 1, kind: "nps", score: 10, respondedAt: "2024-01-31T23:30:00Z" },
        { id: 2, kind: "nps", score: 3, respondedAt: "2024-02-10T10:00:00Z" },
        { id: 3, kind: "nps", score: 11, respondedAt: "2024-02-10T10:00:00Z" },
      ]);
      JSON.stringify({
        rejected: rejected.map((r) => r.index),
        rows: rollup(records, {
          by: { period: "month" },
          timeZone: "Europe/Berlin",
          metrics: { nps: npsReducer() },
        }).map((row) => [row.period.label, row.nps.value]),
      })
      `,
      context,
    );
    // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin: both answers fall in February.
    expect(JSON.parse(rows)).toEqual({ rejected: [2], rows: [["2024-02", 0]] });
  });
});
