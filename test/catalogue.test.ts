/**
 * The catalogue is the one place that knows a metric. These tests keep it so:
 *
 * - every entry is whole and consistent (unique names, a root export behind it, vendor
 *   options its own schema accepts, a placement on a real field of its records);
 * - every `…Metric` a metric file declares is in the catalogue, so a new metric cannot be
 *   forgotten;
 * - docs/definitions.md's table is the one the catalogue writes;
 * - no file outside src/metrics names a metric by a string: the CLI, the report, the presets
 *   and the engines read the catalogue instead.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import {
  CLI_END,
  CLI_START,
  catalogueTable,
  cliTable,
  END,
  START,
} from "../scripts/catalogueTable.ts";
import * as root from "../src/index.ts";
import { catalogue } from "../src/metrics/catalogue.ts";
import { optionNames, requiredOptions, resolveMetric, VENDORS } from "../src/metrics/define.ts";
import { RECORD_FIELDS } from "../src/node/mapping.ts";

const ROOT = join(import.meta.dirname, "..");
const rootExports = root as unknown as Record<string, unknown>;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts") && !/\.(test|test-prop|testing|bench)\.ts$/.test(name))
    .map((name) =>
      relative(ROOT, join(ROOT, dir, name))
        .split("\\")
        .join("/"),
    )
    .sort();
}

describe("each catalogue entry", () => {
  test("has a unique name, key and aliases", () => {
    const names = catalogue.flatMap((metric) => [metric.name, ...metric.aliases]);
    expect(new Set(names).size).toBe(names.length);
    const keys = catalogue.map((metric) => metric.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe.each(catalogue.map((metric) => [metric.name, metric] as const))("%s", (_, metric) => {
    test("stands for a function and a reducer factory of the root export", () => {
      expect(typeof rootExports[metric.function]).toBe("function");
      expect(typeof rootExports[`${metric.function}Reducer`]).toBe("function");
    });

    test("builds its reducer from its defaults, or names what it needs", () => {
      if (requiredOptions(metric).length > 0) {
        expect(() => metric.reducer()).toThrow(
          new RegExp(`^${metric.function}: ${requiredOptions(metric)[0]} `),
        );
      } else {
        const reducer = metric.reducer();
        expect(typeof reducer.add).toBe("function");
        // Errors and saved states name the metric that made them by the reducer's name.
        expect(reducer.name).toBe(metric.function);
      }
    });

    test("gives each vendor options its own schema accepts", () => {
      for (const vendor of Object.keys(metric.vendors)) {
        expect(VENDORS).toContain(vendor);
        const options = metric.vendors[vendor as keyof typeof metric.vendors];
        const parsed = metric.options.safeParse({ ...options, ...metric.fixed });
        expect(parsed.success, `${metric.name}.vendors.${vendor}`).toBe(true);
      }
    });

    test("places records by fields its records have", () => {
      const { placement } = resolveMetric(metric);
      const fields = RECORD_FIELDS[metric.records as keyof typeof RECORD_FIELDS]?.fields ?? {};
      // Fields validation derives: a shift starts when it is scheduled to (or first logged in).
      const derived = metric.records === "agentShifts" ? ["startsAt"] : [];
      if (placement.by === "instant" || placement.by === "window") {
        expect([...Object.keys(fields), ...derived]).toContain(placement.field);
      }
    });

    test("declares options that are its schema's", () => {
      const shape = (metric.options as unknown as { shape: Record<string, unknown> }).shape;
      expect(Object.keys(shape)).toEqual(expect.arrayContaining(optionNames(metric)));
    });
  });
});

describe("the metric files", () => {
  test("declare no metric the catalogue leaves out", async () => {
    const declared: unknown[] = [];
    for (const file of sourceFiles("src/metrics")) {
      const mod = (await import(pathToFileURL(join(ROOT, file)).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (name.endsWith("Metric") && typeof value === "object") declared.push(value);
      }
    }
    expect(declared.length).toBeGreaterThanOrEqual(catalogue.length);
    for (const metric of declared) expect(catalogue).toContain(metric);
  });
});

describe("the docs' metric tables", () => {
  // Compared cell by cell: the formatter pads the table's columns.
  const cells = (block: string) =>
    block
      .split("\n")
      .map((line) => line.split("|").map((cell) => cell.trim().replace(/^-+$/, "-")));
  const blockOf = (file: string, start: string, end: string) => {
    const text = readFileSync(join(ROOT, file), "utf8");
    return text.slice(text.indexOf(start), text.indexOf(end) + end.length);
  };

  test("docs/definitions.md holds the table the catalogue writes (npm run docs:table)", () => {
    expect(cells(blockOf("docs/definitions.md", START, END))).toEqual(cells(catalogueTable()));
  });

  test("docs/cli.md holds the metric names the catalogue writes (npm run docs:table)", () => {
    const block = blockOf("docs/cli.md", CLI_START, CLI_END);
    expect(cells(block)).toEqual(cells(cliTable()));
    // The default report's ticket columns, as `report tickets.csv` prints them.
    expect(block).toMatch(
      /`resolution-rate` +\| `resolutionRateReducer` +\| tickets +\| percent +\| yes/,
    );
    expect(block).toMatch(
      /`sla` +\| `slaAttainmentReducer` +\| tickets +\| percent +\| with `--policies`/,
    );
  });
});

/**
 * String literals outside src/metrics that spell a metric's name, alias, key or function, and
 * are not about the metric: the same word in another vocabulary. Each says why.
 */
const SURVEY_KINDS = ["csat", "nps", "ces"];
const OTHER_VOCABULARY: Record<string, readonly string[]> = {
  // Survey records say which survey a response answers; the metric of that name reads them,
  // and the vendor adapters write them.
  "src/schemas/survey.ts": SURVEY_KINDS,
  "src/adapters/chatwoot.ts": SURVEY_KINDS,
  "src/adapters/freshdesk.ts": SURVEY_KINDS,
  "src/adapters/helpscout.ts": SURVEY_KINDS,
  "src/adapters/intercom.ts": SURVEY_KINDS,
  "src/adapters/zendesk.ts": [...SURVEY_KINDS, "sla"], // Zendesk's own event field
  // SLA targets are of kinds (one is "resolution") and are met by a reply or a resolution.
  "src/adapters/zendeskPolicies.ts": ["resolution"],
  "src/sla/clocks.ts": ["reply", "resolution"],
  "src/sla/evaluate.ts": ["reply", "resolution"],
  "src/sla/targets.ts": ["resolution"],
  // What limits a staffing answer: the service level or the occupancy ceiling.
  "src/staffing/staffing.ts": ["occupancy", "serviceLevel"],
  // A cell of a cohort triangle: the field of a cohort row, the share of the cohort active.
  "src/cli/cohorts.ts": ["retention"],
};

/** Every string literal of a TypeScript file, comments left out. */
function stringLiterals(code: string): string[] {
  const withoutComments = code
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:\\])\/\/.*$/gm, "$1");
  const out: string[] = [];
  for (const match of withoutComments.matchAll(/(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) {
    out.push(match[2] as string);
  }
  return out;
}

describe("outside src/metrics", () => {
  const words = new Set(
    catalogue.flatMap((metric) => [metric.name, ...metric.aliases, metric.key, metric.function]),
  );
  const files = sourceFiles("src").filter((file) => !file.startsWith("src/metrics/"));

  test("the scan reads the files (it has not gone blind)", () => {
    expect(files).toContain("src/cli/plan.ts");
    expect(stringLiterals('const a = "backlog"; // "sla"\n/* "csat" */ const b = `x`;')).toEqual([
      "backlog",
      "x",
    ]);
  });

  test.each(files)("%s names no metric by a string", (file) => {
    const allowed = OTHER_VOCABULARY[file] ?? [];
    const named = stringLiterals(readFileSync(join(ROOT, file), "utf8")).filter(
      (literal) => words.has(literal) && !allowed.includes(literal),
    );
    expect(named, `${file} names metrics: read them from the catalogue`).toEqual([]);
  });
});
