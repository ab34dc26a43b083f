/**
 * Notebook use: the scripts of examples/notebook run with tsx and with ts-node against the
 * *built* package, the way a data team would run them after `npm install support-metrics`.
 *
 * - The package is built once (tsup, the same config as `npm run build`) into a temporary
 *   folder, never into dist/, so that other test files reading dist/ are not disturbed.
 * - The temporary folder is laid out as an installed package: `node_modules/support-metrics`
 *   holds a copy of package.json and the build (its own dependencies resolve through a
 *   symlink to the repository's node_modules). Two projects sit next to it, one CommonJS and
 *   one ESM, each with a strict tsconfig and a copy of examples/notebook and examples/data.
 * - Every script runs four ways: tsx in the ESM project, tsx in the CommonJS project, ts-node
 *   in the CommonJS project (`ts-node x.ts`, which type-checks against the built `.d.cts`),
 *   and `node --loader ts-node/esm x.ts` in the ESM project (type-checks against `.d.ts`).
 *   `ts-node --esm` is not used: it fails on Node 20 (ERR_UNKNOWN_FILE_EXTENSION).
 * - Each script's stdout must equal the text built here from values computed in-process by
 *   the library's sources, so the build, both module formats and the types are all checked.
 */
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  csatReducer,
  firstResponseTime,
  firstResponseTimeReducer,
  npsReducer,
  resolutionTimeReducer,
  rollup,
  schedule,
  ticketVolumeReducer,
  validateSurveyResponses,
  validateTickets,
} from "../src/index.ts";
import { describeRowRejection, readTickets } from "../src/node/index.ts";

const ROOT = join(import.meta.dirname, "..");
const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);
const SCRIPTS = readdirSync(join(ROOT, "examples/notebook"))
  .filter((name) => name.endsWith(".ts"))
  .sort();
const data = (name: string) => join(ROOT, "examples/data", name);
const readJson = (name: string): unknown[] => JSON.parse(readFileSync(data(name), "utf8"));

// ---------------------------------------------------------------------------------------------
// What each script must print, computed here from the sources.

const hours = (seconds: number | null) => (seconds === null ? "-" : (seconds / 3600).toFixed(2));
const score = (value: number | null) => (value === null ? "-" : value.toFixed(1));
const lines = (rows: unknown[][]) => `${rows.map((row) => row.join("\t")).join("\n")}\n`;

const EXPECTED: Record<string, () => Promise<string>> = {
  async "tickets-by-priority.ts"() {
    const reader = readTickets(data("tickets.json"));
    const tickets = await reader.toArray();
    const { read, valid, rejected, rejections } = reader.summary;
    const rows = rollup(tickets, {
      by: { period: "quarter", priority: "priority" },
      timeZone: "Europe/Berlin",
      metrics: {
        volume: ticketVolumeReducer(),
        firstResponse: firstResponseTimeReducer({ statistic: "median" }),
        resolution: resolutionTimeReducer({ statistic: "median" }),
      },
    }).filter((row) => row.period !== null);
    expect(rows.length).toBeGreaterThan(8);
    return (
      `tickets: ${read} read, ${valid} valid, ${rejected} rejected\n` +
      rejections.map((r) => `  rejected ${describeRowRejection(r)}\n`).join("") +
      lines([
        ["quarter", "priority", "tickets", "FRT median h", "resolution median h"],
        ...rows.map((row) => [
          row.period?.label,
          row.priority ?? "(none)",
          row.volume.value,
          hours(row.firstResponse.value),
          hours(row.resolution.value),
        ]),
      ])
    );
  },

  async "business-hours-frt.ts"() {
    const tickets = validateTickets(readJson("tickets.json"));
    const weekday = [{ start: "08:00", end: "18:00" }];
    const office = schedule({
      timeZone: "Europe/Berlin",
      weekly: {
        monday: weekday,
        tuesday: weekday,
        wednesday: weekday,
        thursday: weekday,
        friday: weekday,
      },
      holidays: ["2024-01-01", "2024-05-01", "2024-10-03", "2024-12-25", "2024-12-26"].map(
        (date) => ({ date }),
      ),
    });
    const channels = [...new Set(tickets.records.map((t) => t.channel ?? "(none)"))].sort();
    expect(channels.length).toBeGreaterThan(2);
    const rows = ["(all)", ...channels].map((channel) => {
      const these = tickets.records.filter(
        (t) => channel === "(all)" || (t.channel ?? "(none)") === channel,
      );
      const calendar = firstResponseTime(these, { statistic: "median" });
      const business = firstResponseTime(these, { statistic: "median", schedule: office });
      // Business hours must make a difference overall, or the schedule was not applied.
      if (channel === "(all)") expect(business.value).toBeLessThan(calendar.value as number);
      return [
        channel,
        business.n,
        hours(calendar.value),
        hours(business.value),
        hours(business.p90),
      ];
    });
    return (
      `tickets: ${tickets.records.length} valid, ${tickets.rejected.length} rejected\n` +
      lines([
        ["channel", "answered", "calendar median h", "business median h", "business p90 h"],
        ...rows,
      ])
    );
  },

  async "survey-scores.ts"() {
    const raw = readJson("surveys.json");
    const surveys = validateSurveyResponses(raw);
    const rows = rollup(surveys.records, {
      by: { period: "month" },
      timeZone: "Europe/Berlin",
      metrics: { nps: npsReducer(), csat: csatReducer() },
    }).filter((row) => row.period !== null);
    expect(rows.length).toBeGreaterThan(6);
    return (
      `survey responses: ${raw.length} read, ${surveys.records.length} valid, ${surveys.rejected.length} rejected\n` +
      lines([
        ["month", "NPS", "n", "CSAT %", "n"],
        ...rows.map((row) => [
          row.period?.label,
          score(row.nps.value),
          row.nps.n,
          score(row.csat.value),
          row.csat.n,
        ]),
      ])
    );
  },
};

// ---------------------------------------------------------------------------------------------
// The temporary "installed package" and the two notebook projects.

let TMP = "";
const project = (kind: "cjs" | "esm") => join(TMP, kind);

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    types: ["node"],
    skipLibCheck: false,
  },
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; never rejects, so the result can be shown on failure. */
function run(command: string, args: string[], cwd: string, timeout = 150_000): Promise<Run> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(TS_NODE_|NODE_OPTIONS$)/.test(key)),
  );
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, timeout, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const show = (what: string, result: Run) =>
  `${what} exited ${result.code}\n--- stderr ---\n${result.stderr}\n--- stdout ---\n${result.stdout}`;

beforeAll(async () => {
  TMP = mkdtempSync(join(tmpdir(), "support-metrics-notebook-"));
  const pkg = join(TMP, "node_modules", "support-metrics");
  mkdirSync(pkg, { recursive: true });
  // The same build as `npm run build` (tsup.config.ts), written outside the repository.
  const build = await run(bin("tsup"), ["--out-dir", join(pkg, "dist")], ROOT, 240_000);
  if (build.code !== 0) throw new Error(show("tsup", build));
  cpSync(join(ROOT, "package.json"), join(pkg, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(pkg, "node_modules"), "dir");
  // What a notebook project has installed next to the package: the compiler, ts-node, types.
  mkdirSync(join(TMP, "node_modules", "@types"));
  for (const dep of ["typescript", "ts-node", "@types/node"])
    if (existsSync(join(ROOT, "node_modules", dep)))
      symlinkSync(join(ROOT, "node_modules", dep), join(TMP, "node_modules", dep), "dir");
  // A CommonJS project as `tsc --init` and ts-node made them for years: legacy (node10)
  // resolution, which reads no `exports`, only `types` and `typesVersions`.
  const legacy = join(TMP, "legacy");
  mkdirSync(legacy, { recursive: true });
  writeFileSync(join(legacy, "package.json"), JSON.stringify({ private: true, type: "commonjs" }));
  writeFileSync(
    join(legacy, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        ...TSCONFIG.compilerOptions,
        module: "CommonJS",
        moduleResolution: "node10",
        ignoreDeprecations: "6.0",
      },
    }),
  );
  for (const kind of ["cjs", "esm"] as const) {
    const dir = project(kind);
    mkdirSync(join(dir, "examples"), { recursive: true });
    const type = kind === "esm" ? "module" : "commonjs";
    writeFileSync(join(dir, "package.json"), JSON.stringify({ private: true, type }));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
    cpSync(join(ROOT, "examples/notebook"), join(dir, "examples/notebook"), { recursive: true });
    cpSync(join(ROOT, "examples/data"), join(dir, "examples/data"), { recursive: true });
  }
}, 300_000);

afterAll(() => {
  if (TMP) rmSync(TMP, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

const RUNNERS = {
  "tsx (ESM project)": (file: string) => run(bin("tsx"), [file], project("esm")),
  "tsx (CommonJS project)": (file: string) => run(bin("tsx"), [file], project("cjs")),
  "ts-node (CommonJS project)": (file: string) => run(bin("ts-node"), [file], project("cjs")),
  "node --loader ts-node/esm (ESM project)": (file: string) =>
    run(process.execPath, ["--loader", "ts-node/esm", file], project("esm")),
};

describe("examples/notebook", () => {
  test("has scripts, each with its expected output here", () => {
    expect(SCRIPTS.length).toBeGreaterThanOrEqual(2);
    expect(SCRIPTS).toEqual(Object.keys(EXPECTED).sort());
  });

  test("ts-node is installed (a devDependency), so the ts-node runs below are real", () => {
    expect(
      existsSync(bin("ts-node")),
      "node_modules/.bin/ts-node is missing: npm install --save-dev ts-node@10.9.2",
    ).toBe(true);
  });

  describe.concurrent.each(SCRIPTS)("%s", (script) => {
    const file = `examples/notebook/${script}`;
    test.each(Object.keys(RUNNERS))(
      "prints the library's numbers under %s",
      async (runner) => {
        const [result, expected] = await Promise.all([
          RUNNERS[runner as keyof typeof RUNNERS](file),
          (EXPECTED[script] as () => Promise<string>)(),
        ]);
        expect(result.code, show(runner, result)).toBe(0);
        expect(result.stdout).toBe(expected);
      },
      180_000,
    );
  });
});

describe("a ts-node CommonJS project with legacy (node10) module resolution", () => {
  test("resolves the root and every subpath, types included, and runs", async () => {
    const script = [
      'import { nps, validateSurveyResponses } from "support-metrics";',
      'import { zendeskTickets } from "support-metrics/adapters";',
      'import { readTickets } from "support-metrics/node";',
      'import { renderHtmlReport } from "support-metrics/report";',
      "const { records } = validateSurveyResponses([",
      '  { id: "1", kind: "nps", score: 10, respondedAt: "2024-03-01T09:00:00Z" },',
      "]);",
      "const value: number | null = nps(records).value;",
      "console.log(value, typeof zendeskTickets, typeof readTickets, typeof renderHtmlReport);",
    ].join("\n");
    writeFileSync(join(TMP, "legacy", "check.ts"), script);
    const result = await run(bin("ts-node"), ["check.ts"], join(TMP, "legacy"));
    expect(result.code, show("ts-node (node10)", result)).toBe(0);
    expect(result.stdout).toBe("100 function function function\n");
  }, 180_000);
});

describe("ts-node type-checks against the built declarations", () => {
  const BAD =
    'import { nps } from "support-metrics";\nconst value: string = nps([]).value;\nconsole.log(value);\n';

  test.concurrent.each(["cjs", "esm"] as const)(
    "a type error fails the %s run",
    async (kind) => {
      writeFileSync(join(project(kind), "examples/notebook/type-error.ts"), BAD);
      const file = "examples/notebook/type-error.ts";
      const result =
        kind === "cjs"
          ? await run(bin("ts-node"), [file], project(kind))
          : await run(process.execPath, ["--loader", "ts-node/esm", file], project(kind));
      expect(result.code, show(kind, result)).not.toBe(0);
      expect(result.stdout).toBe("");
      // The CommonJS run names the error; the ESM loader's error object does not survive
      // Node 20's loader thread (it prints `[Object: null prototype]`), so only the exit counts.
      if (kind === "cjs") expect(result.stderr).toContain("TS2322");
    },
    60_000,
  );
});
