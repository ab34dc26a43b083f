/**
 * Side by side (issue 6): the standard report (bench/baselines/report.ts) by support-metrics,
 * a hand-written loop, Arquero and DuckDB, in one run, checked to agree.
 *
 *   npx tsx bench/compare.bench.ts                 # 100,000 tickets, 30,000 surveys
 *   npx tsx bench/compare.bench.ts 1000000         # surveys default to 30 % of tickets
 *   BENCH_SURVEYS=300000 BENCH_ROUNDS=5 BENCH_SEED=42 npx tsx bench/compare.bench.ts 1000000
 *
 * Month keys are computed once per record with the library's `period("month", { timeZone })`
 * and given to every baseline; the library computes its own inside `rollup` (it takes
 * Dates), so its time includes that. A second loop engine, "loop + months", computes the keys
 * inside its run (with a fresh period, as each rollup does): the like-for-like comparison. Engines run interleaved, a forced GC before each run.
 * Any disagreement prints the differing cells and exits with status 1.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { validateSurveyResponses, validateTickets } from "../src/index.ts";
import { arqueroReport, arqueroTables } from "./baselines/arquero.ts";
import { duckdbLoad, duckdbOpen, duckdbReport } from "./baselines/duckdb.ts";
import { libraryReport } from "./baselines/library.ts";
import { loopReport } from "./baselines/loop.ts";
import {
  columnsOf,
  differences,
  monthKeys,
  monthPeriod,
  type Report,
  totals,
} from "./baselines/report.ts";
import { median, readCount } from "./common.ts";
import { generateSurveys, generateTickets } from "./generate.ts";

const size = readCount("size", process.argv[2] ?? process.env.BENCH_SIZE, 100_000);
const surveyCount = readCount(
  "surveys",
  process.argv[3] ?? process.env.BENCH_SURVEYS,
  Math.round(size * 0.3),
);
const seed = readCount("seed", process.env.BENCH_SEED, 42);
const rounds = readCount("rounds", process.env.BENCH_ROUNDS, 5);

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const ms = (v: number) => `${v.toFixed(0)} ms`;

/** Backlog only at month ends from the first to the last ticket month, for every engine. */
function clip(report: Report, first: number, last: number): Report {
  const backlog = new Map<number, number>();
  for (const [m, v] of report.backlog) if (m >= first && m <= last && v !== 0) backlog.set(m, v);
  return { ...report, backlog };
}

// ---------------------------------------------------------------------------------------

const load = loadavg();
const cpu = cpus();
console.log(
  `side-by-side report: ${size.toLocaleString("en")} tickets, ${surveyCount.toLocaleString("en")} surveys, seed ${seed}, ${rounds} rounds`,
);
console.log(
  `machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load ${load.map((l) => l.toFixed(2)).join(" ")}`,
);

const once: [string, number][] = [];
let started = performance.now();
const tickets = (() => {
  const { records, rejected } = validateTickets(generateTickets(size, seed));
  if (rejected.length > 0) throw new Error(`bench: ${rejected.length} tickets rejected`);
  return records;
})();
const surveys = (() => {
  const raw = generateSurveys(surveyCount, seed, { ticketCount: size });
  const { records, rejected } = validateSurveyResponses(raw);
  if (rejected.length > 0) throw new Error(`bench: ${rejected.length} surveys rejected`);
  return records;
})();
once.push(["generate + validate (once)", performance.now() - started]);

gc();
started = performance.now();
const month = monthPeriod();
const keys = monthKeys(tickets, surveys, month);
once.push(["month keys for the baselines (once)", performance.now() - started]);

started = performance.now();
const columns = columnsOf(tickets, surveys, keys);
once.push(["records → columns for Arquero / DuckDB (once)", performance.now() - started]);

started = performance.now();
const tables = arqueroTables(columns.tickets, columns.surveys);
once.push(["Arquero tables from columns (once)", performance.now() - started]);

started = performance.now();
const connection = await duckdbOpen();
await duckdbLoad(connection, columns.tickets, columns.surveys);
once.push(["DuckDB load, appender with data chunks (once)", performance.now() - started]);

let first = Number.POSITIVE_INFINITY;
let last = Number.NEGATIVE_INFINITY;
for (const m of keys.ticketMonth) {
  if (m < first) first = m;
  if (m > last) last = m;
}

const engines = {
  "support-metrics": async () => libraryReport(tickets, surveys),
  loop: async () => loopReport(tickets, surveys, keys),
  // The same loop finding its own months (a fresh period, as each rollup makes): what a
  // hand-written loop over Dates has to do, and what the library's time includes.
  "loop + months": async () =>
    loopReport(tickets, surveys, monthKeys(tickets, surveys, monthPeriod())),
  Arquero: async () => arqueroReport(tables),
  DuckDB: async () => duckdbReport(connection),
};
type Engine = keyof typeof engines;
const names = Object.keys(engines) as Engine[];
const timings = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<
  Engine,
  number[]
>;

let covered: ReturnType<typeof totals> | undefined;
for (let round = 1; round <= rounds; round++) {
  // Rotate the order each round so no engine always runs first or after the same one.
  const order = names.map((_, i) => names[(i + round - 1) % names.length] as Engine);
  const results = new Map<Engine, Report>();
  for (const name of order) {
    gc();
    started = performance.now();
    const report = await engines[name]();
    timings[name].push(performance.now() - started);
    results.set(name, clip(report, first, last));
  }
  const reference = results.get("support-metrics") as Report;
  for (const name of names.slice(1)) {
    const found = differences(reference, results.get(name) as Report, ["support-metrics", name]);
    if (found.length > 0) {
      console.error(`bench: support-metrics and ${name} disagree (${found.length} differences):`);
      for (const line of found.slice(0, 30)) console.error(`  ${line}`);
      process.exit(1);
    }
  }
  covered ??= totals(reference);
  console.log(
    `round ${round}: ${order.map((n) => `${n} ${ms(timings[n].at(-1) as number)}`).join(", ")}`,
  );
}

const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(`agreement: every round, every engine:`, covered);
console.log("");
console.log("| step | min | median |");
console.log("| --- | ---: | ---: |");
for (const [label, value] of once) console.log(`| ${label} | ${ms(value)} | |`);
for (const name of names) {
  console.log(
    `| (b) report: ${name} | ${ms(Math.min(...timings[name]))} | ${ms(median(timings[name]))} |`,
  );
}
console.log("");
const ours = timings["support-metrics"];
for (const name of names.slice(1)) {
  const t = timings[name];
  console.log(
    `ratio support-metrics / ${name}: ${(Math.min(...ours) / Math.min(...t)).toFixed(2)} (min), ${(median(ours) / median(t)).toFixed(2)} (median)`,
  );
}
console.log(
  `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (whole process: records, columns, Arquero tables and DuckDB); load after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

connection.closeSync();
