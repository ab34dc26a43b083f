/**
 * Bundle budgets (issue 10): what a browser pays for the library, bundled with esbuild for the
 * browser, minified and gzipped (node:zlib, level 9), as a helpdesk plugin would ship it.
 *
 * - The core surface a helpdesk plugin uses (every catalogue metric's function and reducer,
 *   rollup, reduce, combineReducers, validation and the record schemas, periods, schedules,
 *   SLA policies, presets and the catalogue): the budget was 50 KB gzipped; see
 *   CORE_BUDGET for where it stands.
 * - The whole root entry (src/index.ts, the statistics, staffing and customer-economics
 *   modules included): printed, and held to its own ceiling, which leaves room to grow.
 * - Neither bundle carries any of Zod's locale files (the message tables of 40-odd languages).
 *
 * The sizes are printed so that a change shows what it costs; the budgets are ceilings, not
 * targets. This is a size check, not a timing one: it is deterministic for a given esbuild.
 */
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import * as catalogueModule from "../src/metrics/catalogue.ts";

const ROOT = join(import.meta.dirname, "..");
const KB = 1024;

/**
 * What a helpdesk plugin ships. Issue 10 set 50 KB gzipped: the core surface measured 48.0 KB
 * once the schemas moved to zod/mini; issue 14's resolution rate, customers contacted and
 * HyperLogLog took it to 50.4 KB, and issue 11's field checks in every metric with issue 12's
 * state provenance (what made a saved state, checked on merge) to 56.3 KB. Then 54.3 KB: the
 * preset caveats' text left out where unread (1.4 KB), SLA targets by priority and the record
 * counts checked without z.record and z.int, which bring Zod's record and number-format schemas
 * (0.5 KB), the record schema constants built only where used. Then 56.0 KB with issue 12's
 * rollup row limit and issue 14's handoffs, transfer rate, merged sources, source ids and
 * session record. Then 57.8 KB with issue 19's five queue metrics in the catalogue (their
 * reducers, contact outcomes and option schemas, reachable from the catalogue), 1.2 KB more
 * with the three self-service metrics (their reducers and the sessions-with-tickets join come
 * into the core with the catalogue), 1.2 KB more with issue 15's SQL declarations (each
 * metric's `sql` field, the compiler's only source; the compiler itself is in
 * support-metrics/duckdb, not the core). Issue 18's `interval` option on every rate, score and
 * duration took it to 65.5 KB (the statistics behind it: Wilson, Clopper-Pearson's inverse
 * beta, Student's t, order statistics, NPS's adjusted Wald). The 50 KB target is not met
 * today; a change past the budget shrinks something else or says in its commit why the bytes
 * are worth it. The stocks' SQL declarations (backlog, queue length: what the compiler needs to
 * measure them at each period's end on DuckDB and PostgreSQL) took it past 66 KB: 66.5 KB.
 * Resolution rate's events and the five queue metrics' SQL declarations (their outcome rules,
 * seconds between instants, chat concurrency's union of spans) took it to 67.1 KB: 67.2 KB.
 * Backlog's steady runs (open tickets counted once per period from a difference array, not
 * once per ticket and period end: what a daily backlog over years costs) and the creation
 * period found once per record took it to 68.1 KB: 68.2 KB. The SQL declarations of churn and
 * retention (one customer-rate stock), cost per ticket, handoffs and transfer rate (distinct
 * members of a nested history, a tally) and the four status-time metrics (seconds in statuses
 * over a nested history), which let those nine metrics run on DuckDB, PostgreSQL and the
 * warehouses, took it to 68.9 KB: 69.0 KB. Reply time's SQL declaration (the waits of a
 * ticket's messages, on DuckDB and PostgreSQL) and first response time's reading of the
 * messages took it to 69.2 KB: 69.2 KB. The self-service metrics' declarations (three exact
 * distinct counts over sessions and tickets, deflection's look-up of a following ticket) and
 * handoffs from replies (the distinct authors of a ticket's messages), which let five more
 * metrics run on DuckDB and PostgreSQL, took it to 69.6 KB: 69.6 KB. Two fixes took it to
 * 69.7 KB: deflection placing a ticket in every period between its window's ends, and a
 * quantile that never gives NaN or Infinity for values straddling the doubles' range.
 */
const CORE_BUDGET = 69.7 * KB;
/**
 * The whole root's ceiling: 68.5 KB gzipped when this test was written (zod/mini, esbuild
 * 0.28), 77.7 KB after issues 11, 12 and 14 (see CORE_BUDGET), 77.3 KB after the same savings,
 * 80.4 KB with issue 14's handoffs, merged tickets and self-service metrics (their two-kind
 * joins included); 81.6 KB with issue 19's queue contact schema and catalogue entries; 1.2 KB more with issue 15's SQL declarations;
 * 86.6 KB with issue 18's metric intervals and rollup change (withChange), held at
 * 87 KB; 87.5 KB with the stocks' SQL declarations; 88.2 KB with resolution rate's and the
 * queue metrics' (see CORE_BUDGET); 89.2 KB with backlog's steady runs; 90.0 KB with the SQL
 * declarations of nine more metrics (see CORE_BUDGET); 90.2 KB with first response time's
 * reading of the messages and reply time's waits in SQL (see CORE_BUDGET); 90.7 KB with the
 * self-service metrics' and handoffs-from-replies' SQL declarations (see CORE_BUDGET); 90.8 KB
 * with the deflection and quantile fixes (see CORE_BUDGET). Raise it on purpose, not by drift.
 */
const ROOT_CEILING = 90.8 * KB;
interface Measured {
  minified: number;
  gzipped: number;
  /** The files that put bytes into the output (a module tree-shaken away is not one). */
  inputs: string[];
  /** The bundle's code. */
  code: string;
}

async function measure(entry: { contents: string } | { file: string }): Promise<Measured> {
  const result = await build({
    ...("file" in entry
      ? { entryPoints: [join(ROOT, entry.file)] }
      : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: "ts" as const } }),
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const output = Object.values(result.metafile.outputs)[0] as Metafile["outputs"][string];
  return {
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    inputs: Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
    code: new TextDecoder().decode(code),
  };
}

/**
 * The core surface's entry: each catalogue metric's exports (function, reducer, definition)
 * by name, as the root exports them, and the named building blocks beside them.
 */
async function coreEntry(): Promise<string> {
  const root: Record<string, unknown> = await import("../src/index.ts");
  const names = new Set<string>([
    "catalogue",
    "findMetric",
    "metricsFor",
    "rollup",
    "rollupReducer",
    "reduce",
    "combineReducers",
    "validate",
    "validatorFor",
    "validateTickets",
    "validateSurveyResponses",
    "validateCustomers",
    "validatePurchases",
    "validateSupportCosts",
    "validateAgentShifts",
    "ticketSchema",
    "TicketSchema",
    "surveyResponseSchema",
    "customerSchema",
    "purchaseSchema",
    "supportCostSchema",
    "agentShiftSchema",
    "period",
    "schedule",
    "slaPolicy",
    "slaPolicies",
    "presets",
    "presetReducers",
  ]);
  const missing = [...names].filter((name) => !(name in root));
  for (const metric of catalogueModule.catalogue) {
    // The definition is named after the key; so are the function and the reducer, except for
    // a variant that shares them (fullResolutionTime is resolutionTime with an option).
    names.add(`${metric.key}Metric`);
    if (!(`${metric.key}Metric` in root)) missing.push(`${metric.key}Metric`);
    for (const name of [metric.key, `${metric.key}Reducer`]) if (name in root) names.add(name);
  }
  expect(missing).toEqual([]);
  return `export { ${[...names].sort().join(", ")} } from "./src/index.ts";\n`;
}

function kb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`;
}

const LOCALE = /node_modules\/zod\/(?:v4\/)?locales\//;

describe("browser bundle sizes", () => {
  let core: Measured;
  let whole: Measured;

  beforeAll(async () => {
    [core, whole] = await Promise.all([
      coreEntry().then((contents) => measure({ contents })),
      measure({ file: "src/index.ts" }),
    ]);
    console.log(
      `bundle sizes (esbuild --minify, gzip -9): core surface ${kb(core.minified)} min / ${kb(core.gzipped)} gz; whole root ${kb(whole.minified)} min / ${kb(whole.gzipped)} gz`,
    );
  }, 60_000);

  test("the core surface a helpdesk plugin uses stays under its budget", () => {
    // The scan is not blind: the metrics and the validation are in it.
    expect(core.inputs).toContain("src/metrics/tickets/firstResponseTime.ts");
    expect(core.inputs).toContain("src/schemas/validate.ts");
    expect(core.gzipped).toBeLessThanOrEqual(CORE_BUDGET);
  });

  test("the whole root stays under its ceiling", () => {
    expect(whole.inputs).toContain("src/stats/mannWhitney.ts");
    expect(whole.gzipped).toBeGreaterThan(core.gzipped);
    expect(whole.gzipped).toBeLessThanOrEqual(ROOT_CEILING);
  });

  test("the core leaves out what it does not use: the preset caveats, Zod's record and number formats", () => {
    // presetCaveats' freeze is marked pure; SLA targets by priority and record counts are
    // checked without z.record() and z.int() (src/sla/targets.ts, src/schemas/safeInteger.ts).
    expect(core.code).toContain('"presetReducers"'); // the presets are in (its error's name)
    expect(core.code).not.toContain("Help Scout leaves out spam");
    expect(whole.code).toContain("Help Scout leaves out spam");
    expect(core.code).not.toContain("$ZodRecord");
    expect(core.code).not.toContain("$ZodCheckNumberFormat");
  });

  test("the minified root names each catalogue metric's function as the source does", async () => {
    // A name read from a function's `name` is renamed by the minifier ("os" for
    // resolutionTime); the catalogue must carry its names as data.
    const url = `data:text/javascript;base64,${Buffer.from(whole.code).toString("base64")}`;
    const bundled = (await import(/* @vite-ignore */ url)) as typeof catalogueModule;
    const names = (of: typeof catalogueModule) =>
      of.catalogue.map((metric) => [metric.name, metric.function, metric.key]);
    expect(names(bundled)).toEqual(names(catalogueModule));
  });

  test("no locale of Zod is bundled", () => {
    expect(core.inputs.some((path) => path.includes("node_modules/zod/"))).toBe(true);
    expect(core.inputs.filter((path) => LOCALE.test(path))).toEqual([]);
    expect(whole.inputs.filter((path) => LOCALE.test(path))).toEqual([]);
  });
});
