/**
 * Benchmark: stream generated tickets from an NDJSON file through validation and a grouped
 * rollup, holding only reducer states, and report peak RSS and throughput.
 *
 *   npx tsx bench/stream.bench.ts                 # 10,000,000 tickets with the sketch, 1,000,000 exact
 *   npx tsx bench/stream.bench.ts 1000000         # size as the first argument (the quick run)
 *   npx tsx bench/stream.bench.ts 1000000 200000  # and the size of the exact comparison
 *   BENCH_SEED=7 BENCH_KEEP=1 npx tsx bench/stream.bench.ts   # keep the NDJSON files
 *
 * Steps, each in its own child process so that each peak RSS is its own:
 *
 * 1. write: `ticketStream(size, seed)` (bench/generate.ts) written as NDJSON to a temp file,
 *    with back-pressure, so the writer holds one record at a time;
 * 2. sketch: the file read back line by line (node:readline), each line parsed and validated
 *    (`validateTickets` on batches of 1,000 lines; every rejection is counted with its line),
 *    and folded with `foldAsync` into `rollupReducer`, by month × channel in Berlin time:
 *    volume, first response, resolution and handle time (DDSketch, 1 %), one-touch FCR,
 *    reopen and escalation rates, and the backlog at each month end (with `range`);
 * 3. the same report at the comparison size twice: with exact percentiles and with the
 *    sketch, and the largest relative difference between their medians, p90s and p95s.
 *
 * Reported per step: wall time, records/s, peak RSS (`process.resourceUsage().maxRSS`), heap
 * used at the end, the rows and the size of the final state as JSON (`stateToJSON`).
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { rollupReducer } from "../src/aggregate/rollup.ts";
import { foldAsync } from "../src/aggregate/stream.ts";
import { backlogReducer } from "../src/metrics/tickets/backlog.ts";
import { escalationRateReducer } from "../src/metrics/tickets/escalationRate.ts";
import { firstContactResolutionReducer } from "../src/metrics/tickets/firstContactResolution.ts";
import { firstResponseTimeReducer } from "../src/metrics/tickets/firstResponseTime.ts";
import { handleTimeReducer } from "../src/metrics/tickets/handleTime.ts";
import { reopenRateReducer } from "../src/metrics/tickets/reopenRate.ts";
import { resolutionTimeReducer } from "../src/metrics/tickets/resolutionTime.ts";
import { ticketVolumeReducer } from "../src/metrics/tickets/ticketVolume.ts";
import type { Percentiles } from "../src/reduce/results.ts";
import { stateToJSON } from "../src/reduce/serialize.ts";
import type { Ticket } from "../src/schemas/ticket.ts";
import { validateTickets } from "../src/schemas/validate.ts";
import { readCount } from "./common.ts";
import { ticketStream } from "./generate.ts";

const TIME_ZONE = "Europe/Berlin";
const BATCH = 1000;
const MB = 1024 * 1024;

/** What a child step prints on its last line, as JSON. */
interface StepReport {
  step: string;
  records: number;
  ms: number;
  peakRss: number;
  heapUsed: number;
  rows?: number;
  stateBytes?: number;
  rejected?: number;
  bytes?: number;
}

// ---------------------------------------------------------------------------------------
// Steps (run in child processes).

async function writeStep(file: string, size: number, seed: number): Promise<StepReport> {
  const started = performance.now();
  const out = createWriteStream(file);
  let chunk = "";
  for (const raw of ticketStream(size, seed)) {
    chunk += `${JSON.stringify(raw)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return {
    step: "write",
    records: size,
    ms: performance.now() - started,
    peakRss: process.resourceUsage().maxRSS * 1024,
    heapUsed: process.memoryUsage().heapUsed,
    bytes: statSync(file).size,
  };
}

function reportOptions(percentiles: Percentiles) {
  return {
    by: { period: "month" as const, channel: "channel" as const },
    timeZone: TIME_ZONE,
    // The generator's span: backlog, a stock, is measured as records come.
    range: { start: "2023-01-01", end: "2025-01-01" },
    metrics: {
      volume: ticketVolumeReducer(),
      firstResponse: firstResponseTimeReducer({ percentiles }),
      resolution: resolutionTimeReducer({ percentiles }),
      handle: handleTimeReducer({ percentiles }),
      fcr: firstContactResolutionReducer(),
      reopen: reopenRateReducer(),
      escalation: escalationRateReducer(),
      backlog: backlogReducer(),
    },
  };
}

async function readStep(
  file: string,
  percentiles: Percentiles,
  rowsFile: string | undefined,
): Promise<StepReport> {
  const started = performance.now();
  let line = 0;
  let rejected = 0;
  /** Validated tickets, one batch of lines at a time: only a batch is held. */
  async function* tickets(): AsyncGenerator<Ticket> {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    let batch: unknown[] = [];
    let firstLine = 1;
    const flush = function* () {
      const { records, rejected: bad } = validateTickets(batch);
      for (const rejection of bad) {
        rejected++;
        if (rejected <= 5)
          console.error(`line ${firstLine + rejection.index}: ${rejection.message}`);
      }
      batch = [];
      yield* records;
    };
    for await (const text of lines) {
      line++;
      if (text === "") continue;
      if (batch.length === 0) firstLine = line;
      try {
        batch.push(JSON.parse(text));
      } catch (error) {
        rejected++;
        if (rejected <= 5) console.error(`line ${line}: ${(error as Error).message}`);
        continue;
      }
      if (batch.length === BATCH) yield* flush();
    }
    if (batch.length > 0) yield* flush();
  }
  const options = reportOptions(percentiles);
  const reducer = rollupReducer<Ticket, typeof options.metrics>(options);
  const state = await foldAsync(tickets(), reducer);
  const rows = reducer.result(state);
  const ms = performance.now() - started;
  const stateBytes = stateToJSON(state).length;
  if (rowsFile) writeFileSync(rowsFile, JSON.stringify(rows));
  return {
    step: typeof percentiles === "string" ? "exact" : "sketch",
    records: line,
    ms,
    peakRss: process.resourceUsage().maxRSS * 1024,
    heapUsed: process.memoryUsage().heapUsed,
    rows: rows.length,
    stateBytes,
    rejected,
  };
}

// ---------------------------------------------------------------------------------------
// The parent: runs the steps and prints the table.

const SKETCH: Percentiles = { sketch: "ddsketch", relativeAccuracy: 0.01 };

function child(args: string[]): StepReport {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, [...process.execArgv, self, "--step", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 64 * MB,
  });
  if (result.status !== 0) {
    console.error(result.stdout);
    throw new Error(`bench: step ${args[0]} failed with status ${result.status}`);
  }
  const last = result.stdout.trim().split("\n").at(-1) as string;
  return JSON.parse(last) as StepReport;
}

type Row = Record<string, { median?: number | null; p90?: number | null; p95?: number | null }>;

/** The largest relative difference between the sketch's and the exact percentiles. */
function worstError(exactFile: string, sketchFile: string): { error: number; compared: number } {
  const exact = JSON.parse(readFileSync(exactFile, "utf8")) as Row[];
  const sketch = JSON.parse(readFileSync(sketchFile, "utf8")) as Row[];
  let error = 0;
  let compared = 0;
  exact.forEach((row, i) => {
    for (const metric of ["firstResponse", "resolution", "handle"]) {
      for (const key of ["median", "p90", "p95"] as const) {
        const want = row[metric]?.[key];
        const got = sketch[i]?.[metric]?.[key];
        if (want === null || want === undefined || got === null || got === undefined) continue;
        compared++;
        if (want !== 0) error = Math.max(error, Math.abs(got - want) / Math.abs(want));
      }
    }
  });
  return { error, compared };
}

const fmt = (n: number) => n.toLocaleString("en");
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const rate = (n: number, ms: number) => fmt(Math.round((n / ms) * 1000));

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--step") {
    const [, step, file, percentiles, rowsFile] = argv;
    let report: StepReport;
    if (step === "write") {
      report = await writeStep(
        file as string,
        readCount("size", percentiles, 1),
        readCount("seed", rowsFile, 42),
      );
    } else {
      report = await readStep(file as string, step === "exact" ? "exact" : SKETCH, rowsFile);
    }
    console.log(JSON.stringify(report));
    return;
  }

  const size = readCount("size", argv[0] ?? process.env.BENCH_SIZE, 10_000_000);
  const exactSize = readCount("exact size", argv[1], Math.min(size, 1_000_000));
  const seed = readCount("seed", process.env.BENCH_SEED, 42);
  const keep = process.env.BENCH_KEEP === "1";
  const dir = mkdtempSync(join(tmpdir(), "support-metrics-stream-"));
  const cpu = cpus();
  console.log(
    `support-metrics stream benchmark: ${fmt(size)} tickets with the sketch, ${fmt(exactSize)} exact, seed ${seed}`,
  );
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown cpu"}, ${mb(totalmem())} RAM, Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(`files in ${dir}${keep ? " (kept)" : ""}`);

  const reports: StepReport[] = [];
  let accuracy: { error: number; compared: number } | undefined;
  try {
    const big = join(dir, `tickets-${size}.ndjson`);
    reports.push({
      ...child(["write", big, String(size), String(seed)]),
      step: `write ${fmt(size)}`,
    });
    reports.push({ ...child(["sketch", big, "x"]), step: `sketch ${fmt(size)}` });
    if (!keep) rmSync(big);

    const small =
      exactSize === size && existsSync(big) ? big : join(dir, `tickets-${exactSize}.ndjson`);
    if (!existsSync(small)) {
      reports.push({
        ...child(["write", small, String(exactSize), String(seed)]),
        step: `write ${fmt(exactSize)}`,
      });
    }
    const exactRows = join(dir, "exact-rows.json");
    const sketchRows = join(dir, "sketch-rows.json");
    reports.push({ ...child(["exact", small, "x", exactRows]), step: `exact ${fmt(exactSize)}` });
    reports.push({
      ...child(["sketch", small, "x", sketchRows]),
      step: `sketch ${fmt(exactSize)}`,
    });
    accuracy = worstError(exactRows, sketchRows);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }

  console.log("");
  console.log("| step | records | time | records/s | peak RSS | heap at end | rows | state JSON |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of reports) {
    console.log(
      `| ${r.step} | ${fmt(r.records)} | ${(r.ms / 1000).toFixed(1)} s | ${rate(r.records, r.ms)} | ${mb(r.peakRss)} | ${mb(r.heapUsed)} | ${r.rows ?? ""} | ${r.stateBytes === undefined ? (r.bytes === undefined ? "" : `file ${mb(r.bytes)}`) : mb(r.stateBytes)} |`,
    );
  }
  const rejected = reports.reduce((sum, r) => sum + (r.rejected ?? 0), 0);
  console.log("");
  console.log(`rejected lines: ${rejected}`);
  if (accuracy) {
    console.log(
      `sketch vs exact at ${fmt(exactSize)}: largest relative difference over ${fmt(accuracy.compared)} percentiles ${(accuracy.error * 100).toFixed(3)} % (bound 1 %)`,
    );
  }
  const goal = reports.find((r) => r.step === `sketch ${fmt(size)}`);
  if (goal) {
    console.log(
      `goal: peak RSS under 512 MB with the sketch at ${fmt(size)}: ${goal.peakRss < 512 * MB ? "met" : "NOT met"} (${mb(goal.peakRss)})`,
    );
  }
  if (rejected > 0 || (accuracy && accuracy.error > 0.01 * (1 + 1e-9))) process.exitCode = 1;
}

await main();
