/**
 * End to end (issue 6, part c): files on disk → read → validate → the standard report
 * (bench/baselines/report.ts), on one thread and split over worker threads whose partial
 * reducer states are merged; with a hand-written baseline and DuckDB reading the same files.
 *
 *   npx tsx bench/endToEnd.bench.ts                # 100,000 tickets, 30,000 surveys, 3 rounds
 *   npx tsx bench/endToEnd.bench.ts 1000000        # surveys default to 30 % of tickets
 *   BENCH_ROUNDS=5 BENCH_SEED=42 BENCH_FORMAT=csv BENCH_TRANSFER=json BENCH_KEEP=1 BENCH_YOUNG=64 \
 *     BENCH_VARIANTS="in-process,1 worker,2 workers" npx tsx bench/endToEnd.bench.ts 1000000
 *
 * Setup (once, not in the table): tickets and surveys from bench/generate.ts streamed to
 * tickets.ndjson and surveys.ndjson (or .csv with BENCH_FORMAT=csv) in a temp directory; the
 * worker module bundled with the library by esbuild; the reference report computed in memory
 * as bench/compare.bench.ts does (generate, `validateTickets`, three plain `rollup`s).
 *
 * Variants, each timed from its start to the finished `Report` (files read, every record
 * parsed and validated, aggregated, results computed):
 * - in-process: one thread, `readTickets` / `readSurveyResponses` on the whole files, each
 *   record added to three `rollupReducer` states (bench/endToEnd.worker.ts);
 * - 1 worker, 2 workers: fresh worker threads started inside the time; the files cut into
 *   byte ranges at line starts (bench/baselines/split.ts); each worker reads its ranges the
 *   same way and posts its states back (structured clone by default, `stateToJSON` text
 *   with BENCH_TRANSFER=json); the main thread merges them with the reducers' `merge` and
 *   reads the results. Workers load the esbuild bundle (compiled JavaScript, as shipped);
 * - 1 worker, tsx / 2 workers, tsx: the same, each worker running the TypeScript sources
 *   through tsx's loader (registered in the worker: `--import tsx` does not reach workers);
 * - 1 worker, warm / 2 workers, warm: the bundle's workers started and run once on the same
 *   files before the clock starts (a pool in a long-running service): no startup, JIT warm;
 * - loop: hand-written throughout: the hand-written readers and validator of
 *   bench/baselines/validator.ts (node:readline + JSON.parse, or csv-parse, and plain checks)
 *   into arrays, then `monthKeys` and `loopReport` (bench/baselines/loop.ts);
 * - DuckDB: `read_json` (or `read_csv`) on the same files into the tables of
 *   bench/baselines/duckdb.ts, month keys cut in Europe/Berlin by its ICU extension, then its
 *   report SQL. It checks types only, not the library's validation rules.
 *
 * Every run is a child process of its own, after a forced GC, so each starts cold and its
 * peak RSS (`process.resourceUsage().maxRSS`, main thread and workers together) is its own;
 * CPU / wall is the process's CPU time (every thread) over the run's wall time. Variants run
 * in rotated order each round. Each round also runs a control: a pure-CPU loop on one thread
 * and split over two (best of three each), which shows how much parallelism the (shared)
 * machine gave then. Every run's report must agree with the reference (`differences()`:
 * counts exactly, the rest to 1e-9), or the benchmark exits with status 1.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import {
  type SurveyResponse,
  type Ticket,
  validateSurveyResponses,
  validateTickets,
} from "../src/index.ts";
import { duckdbReport } from "./baselines/duckdb.ts";
import { libraryReport } from "./baselines/library.ts";
import { loopReport } from "./baselines/loop.ts";
import {
  differences,
  monthKeys,
  monthPeriod,
  type Report,
  type SurveyCell,
  TIME_ZONE,
  type TicketCell,
  totals,
} from "./baselines/report.ts";
import { lineRanges } from "./baselines/split.ts";
import {
  checkSurvey,
  checkTicket,
  readCsvByHand,
  readNdjsonByHand,
  surveyFromCells,
  ticketFromCells,
} from "./baselines/validator.ts";
import { median, readCount } from "./common.ts";
import {
  collectGarbage,
  type FileFormatName,
  foldShard,
  mergeStates,
  type ReportStates,
  reportOf,
  reportReducers,
  runJob,
  type ShardAnswer,
  type ShardJob,
  startWorker,
  statesFromJSON,
  statesToJSON,
  type Transfer,
  wallClock,
} from "./endToEnd.worker.ts";
import { type RawSurvey, type RawTicket, surveyStream, ticketStream } from "./generate.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MB = 2 ** 20;
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const ms = (v: number) => `${fmt(v)} ms`;

// ---------------------------------------------------------------------------------------
// Reports across processes: Maps as entry arrays.

interface ReportJSON {
  tickets: [string, TicketCell][];
  surveys: [string, SurveyCell][];
  backlog: [number, number][];
}
const reportToJSON = (r: Report): ReportJSON => ({
  tickets: [...r.tickets],
  surveys: [...r.surveys],
  backlog: [...r.backlog],
});
const reportFromJSON = (r: ReportJSON): Report => ({
  tickets: new Map(r.tickets),
  surveys: new Map(r.surveys),
  backlog: new Map(r.backlog),
});

/**
 * Backlog only at the month ends of the data's span, and only where tickets are open: the
 * in-memory rollup measures from the first to the last month any span touches, the ranged
 * one over `RANGE`, the loop and DuckDB wherever a step falls.
 */
function clip(report: Report): Report {
  const month = monthPeriod();
  const first = month.floor(Date.parse("2023-01-01T00:00:00+01:00"));
  const last = month.floor(Date.parse("2025-01-01T00:00:00+01:00") - 1);
  const backlog = new Map<number, number>();
  for (const [m, v] of report.backlog) if (m >= first && m <= last && v !== 0) backlog.set(m, v);
  return { ...report, backlog };
}

// ---------------------------------------------------------------------------------------
// Setup: the files, and the reference report.

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeFile<T extends object>(
  path: string,
  records: Iterable<T>,
  format: FileFormatName,
): Promise<void> {
  const out = createWriteStream(path);
  let chunk = "";
  let columns: string[] | undefined;
  for (const record of records) {
    if (format === "ndjson") chunk += `${JSON.stringify(record)}\n`;
    else {
      if (!columns) {
        columns = Object.keys(record);
        chunk += `${columns.join(",")}\n`;
      }
      const row = record as Record<string, unknown>;
      chunk += `${columns.map((c) => csvCell(row[c])).join(",")}\n`;
    }
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

/** The standard report in memory, as bench/compare.bench.ts computes it. */
function referenceReport(size: number, surveyCount: number, seed: number): Report {
  const tickets = validateTickets(ticketStream(size, seed));
  const surveys = validateSurveyResponses(surveyStream(surveyCount, seed, { ticketCount: size }));
  if (tickets.rejected.length + surveys.rejected.length > 0) {
    throw new Error("bench: generated records were rejected");
  }
  // No range: the backlog is measured after every ticket is known, so the ranged streaming
  // rollup of the variants is checked against the plain one.
  return libraryReport(tickets.records, surveys.records);
}

// ---------------------------------------------------------------------------------------
// The variants (each runs in a child process).

interface Files {
  format: FileFormatName;
  tickets: string;
  surveys: string;
}

/** Where a worker run's time went (ms, from the run's start unless said otherwise). */
interface WorkerDetail {
  /** Per worker: start of the run → the worker's modules loaded. */
  loaded: number[];
  /** Per worker: job received → every record of its ranges read and added. */
  fold: number[];
  /** Per worker: states → JSON text (0 for clone). */
  serialise: number[];
  /** Per worker: serialised → its answer delivered on the main thread (clone: includes the copy). */
  delivered: number[];
  /** Per worker: characters of JSON text. */
  jsonChars: number[];
  /** Per worker: records read (tickets + surveys). */
  records: number[];
  /** Per worker: start of the run → the job received. */
  received: number[];
  /** Start → the last answer delivered. */
  lastAnswer: number;
  /** Main thread, after the last answer: `stateFromJSON` of every state. */
  parse: number;
  /** Main thread: merging the states. */
  merge: number;
  /** Main thread: `result` of the three rollups, to the Report. */
  result: number;
}

/** What shipping the whole data's states would cost each way (ms, and size). */
interface TransferCosts {
  toJSON: number;
  fromJSON: number;
  jsonChars: number;
  /** V8's serializer: what postMessage's structured clone runs. */
  serialize: number;
  deserialize: number;
  cloneBytes: number;
}

function transferCosts(states: ReportStates): TransferCosts {
  let t = wallClock();
  const json = statesToJSON(states);
  const toJSON = wallClock() - t;
  t = wallClock();
  statesFromJSON(json);
  const fromJSON = wallClock() - t;
  t = wallClock();
  const bytes = serialize(states);
  const serialized = wallClock() - t;
  t = wallClock();
  deserialize(bytes);
  return {
    toJSON,
    fromJSON,
    jsonChars: json.tickets.length + json.backlog.length + json.surveys.length,
    serialize: serialized,
    deserialize: wallClock() - t,
    cloneBytes: bytes.length,
  };
}

interface RunOutput {
  ms: number;
  /** CPU time of every thread of the process during the run (user + system), ms. */
  cpu: number;
  peakRss: number;
  records: number;
  report: ReportJSON;
  detail?: WorkerDetail;
  transfer?: TransferCosts;
}

async function inProcess(
  files: Files,
): Promise<{ report: Report; records: number; states: ReportStates }> {
  const reducers = reportReducers();
  const whole = (path: string) => ({ path, start: 0, end: statSync(path).size, header: "" });
  const { states, counts } = await foldShard(
    { format: files.format, tickets: whole(files.tickets), surveys: whole(files.surveys) },
    reducers,
  );
  return {
    report: reportOf(reducers, states),
    records: counts.tickets.valid + counts.surveys.valid,
    states,
  };
}

/** How a worker variant runs. */
interface WorkerPlan {
  count: number;
  /** From the TypeScript sources through tsx, instead of the esbuild bundle. */
  tsx: boolean;
  /**
   * Started and run once on the same files before the clock starts (then a GC in every
   * thread): a pool kept by a long-running service, without startup and JIT warm-up.
   */
  warm: boolean;
}

/** One job per worker on its ranges of both files; answers with their delivery instants. */
async function runShards(
  workers: readonly Worker[],
  files: Files,
  transfer: Transfer,
): Promise<{ answers: ShardAnswer[]; delivered: number[] }> {
  const csv = files.format === "csv";
  const [t, s] = await Promise.all([
    lineRanges(files.tickets, workers.length, csv),
    lineRanges(files.surveys, workers.length, csv),
  ]);
  const delivered: number[] = [];
  const answers = await Promise.all(
    workers.map((worker, i) => {
      const slice = (path: string, split: typeof t) => ({
        path,
        ...(split.ranges[i] as { start: number; end: number }),
        header: split.header,
      });
      const job: ShardJob = {
        format: files.format,
        tickets: slice(files.tickets, t),
        surveys: slice(files.surveys, s),
        transfer,
      };
      return runJob(worker, job).then((answer) => {
        delivered[i] = wallClock();
        return answer;
      });
    }),
  );
  return { answers, delivered };
}

async function withWorkers(
  files: Files,
  plan: WorkerPlan,
  transfer: Transfer,
  bundle: string,
  started: number,
): Promise<{
  report: Report;
  records: number;
  detail: WorkerDetail;
  started: number;
  ended: number;
  cpuAtStart?: NodeJS.CpuUsage;
  cpuAtEnd: NodeJS.CpuUsage;
}> {
  // Workers first: their startup overlaps the cutting of the files.
  const workers = Array.from({ length: plan.count }, () =>
    startWorker(plan.tsx ? undefined : bundle),
  );
  try {
    let cpuAtStart: NodeJS.CpuUsage | undefined;
    if (plan.warm) {
      await runShards(workers, files, transfer);
      await Promise.all(workers.map(collectGarbage));
      gc();
      cpuAtStart = process.cpuUsage();
      started = wallClock();
    }
    const { answers, delivered } = await runShards(workers, files, transfer);
    const lastAnswer = wallClock();
    const states: ReportStates[] = answers.map((a) =>
      a.transfer === "json" ? statesFromJSON(a.json) : a.states,
    );
    const parsed = wallClock();
    const reducers = reportReducers();
    const merged = mergeStates(reducers, states);
    const mergedAt = wallClock();
    const report = reportOf(reducers, merged);
    // The clock stops at the report: stopping the threads after is not part of the answer.
    const done = wallClock();
    const cpuAtEnd = process.cpuUsage();
    const records = (a: ShardAnswer) => a.counts.tickets.valid + a.counts.surveys.valid;
    return {
      report,
      started,
      ended: done,
      cpuAtEnd,
      ...(cpuAtStart ? { cpuAtStart } : {}),
      records: answers.reduce((sum, a) => sum + records(a), 0),
      detail: {
        loaded: answers.map((a) => a.times.loaded - started),
        received: answers.map((a) => a.times.received - started),
        fold: answers.map((a) => a.times.folded - a.times.received),
        serialise: answers.map((a) => a.times.serialised - a.times.folded),
        delivered: answers.map((a, i) => (delivered[i] as number) - a.times.serialised),
        jsonChars: answers.map((a) => a.jsonChars),
        records: answers.map(records),
        lastAnswer: lastAnswer - started,
        parse: parsed - lastAnswer,
        merge: mergedAt - parsed,
        result: done - mergedAt,
      },
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function loopVariant(files: Files): Promise<{ report: Report; records: number }> {
  const tickets: Ticket[] = [];
  const surveys: SurveyResponse[] = [];
  const [ticketSummary, surveySummary] =
    files.format === "csv"
      ? [
          await readCsvByHand(files.tickets, ticketFromCells, (t) => tickets.push(t)),
          await readCsvByHand(files.surveys, surveyFromCells, (s) => surveys.push(s)),
        ]
      : [
          await readNdjsonByHand(files.tickets, checkTicket, (t) => tickets.push(t)),
          await readNdjsonByHand(files.surveys, checkSurvey, (s) => surveys.push(s)),
        ];
  const rejected = ticketSummary.rejected.length + surveySummary.rejected.length;
  if (rejected > 0) throw new Error(`bench: the hand-written validator rejected ${rejected}`);
  const keys = monthKeys(tickets, surveys, monthPeriod());
  return { report: loopReport(tickets, surveys, keys), records: tickets.length + surveys.length };
}

/** Milliseconds since the epoch of the Berlin month containing an expression (a TIMESTAMPTZ). */
const monthMs = (expression: string) => `epoch_ms(date_trunc('month', ${expression}))::DOUBLE`;
const epochMs = (expression: string) => `epoch_ms(${expression})::DOUBLE`;

async function duckdbVariant(files: Files): Promise<{ report: Report; records: number }> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    // date_trunc on a TIMESTAMPTZ cuts in the session's zone (the ICU extension).
    await connection.run(`SET TimeZone = '${TIME_ZONE}'`);
    const read = (path: string, columns: Record<string, string>) => {
      const spec = `{${Object.entries(columns)
        .map(([k, v]) => `'${k}': '${v}'`)
        .join(", ")}}`;
      return files.format === "csv"
        ? `read_csv('${path}', header = true, types = ${spec})`
        : `read_json('${path}', format = 'newline_delimited', columns = ${spec})`;
    };
    await connection.run(`
      CREATE TABLE tickets AS
      SELECT channel, priority,
        ${epochMs("created_at")} AS created_at,
        ${epochMs("first_response_at")} AS first_response_at,
        ${epochMs("first_resolved_at")} AS first_resolved_at,
        reopen_count::DOUBLE AS reopen_count,
        agent_reply_count::DOUBLE AS agent_reply_count,
        escalated::INTEGER::DOUBLE AS escalated,
        (status IN ('solved', 'closed'))::INTEGER::DOUBLE AS resolved_now,
        ${monthMs("created_at")} AS month,
        ${monthMs("first_resolved_at")} AS resolved_month,
        ${monthMs("created_at - INTERVAL 1 MILLISECOND")} AS open_from,
        ${monthMs("last_resolved_at - INTERVAL 1 MILLISECOND")} AS open_to
      FROM (SELECT channel, priority, status, escalated,
              "createdAt" AS created_at, "firstResponseAt" AS first_response_at,
              "firstResolvedAt" AS first_resolved_at, "lastResolvedAt" AS last_resolved_at,
              "reopenCount" AS reopen_count, "agentReplyCount" AS agent_reply_count
            FROM ${read(files.tickets, {
              channel: "VARCHAR",
              priority: "VARCHAR",
              status: "VARCHAR",
              escalated: "BOOLEAN",
              createdAt: "TIMESTAMPTZ",
              firstResponseAt: "TIMESTAMPTZ",
              firstResolvedAt: "TIMESTAMPTZ",
              lastResolvedAt: "TIMESTAMPTZ",
              reopenCount: "INTEGER",
              agentReplyCount: "INTEGER",
            })})`);
    await connection.run(`
      CREATE TABLE surveys AS
      SELECT channel, kind, score::DOUBLE AS score, ${monthMs('"respondedAt"')} AS month
      FROM ${read(files.surveys, {
        channel: "VARCHAR",
        kind: "VARCHAR",
        score: "DOUBLE",
        respondedAt: "TIMESTAMPTZ",
      })}`);
    const counted = await connection.runAndReadAll(
      "SELECT (SELECT count(*) FROM tickets) + (SELECT count(*) FROM surveys) AS n",
    );
    const records = Number(counted.getRowObjectsJS()[0]?.n);
    return { report: await duckdbReport(connection), records };
  } finally {
    connection.closeSync();
  }
}

const VARIANTS = [
  "in-process",
  "1 worker",
  "2 workers",
  "1 worker, tsx",
  "2 workers, tsx",
  "1 worker, warm",
  "2 workers, warm",
  "loop",
  "DuckDB",
] as const;
const WORKER_VARIANTS: Partial<Record<Variant, WorkerPlan>> = {
  "1 worker": { count: 1, tsx: false, warm: false },
  "2 workers": { count: 2, tsx: false, warm: false },
  "1 worker, tsx": { count: 1, tsx: true, warm: false },
  "2 workers, tsx": { count: 2, tsx: true, warm: false },
  "1 worker, warm": { count: 1, tsx: false, warm: true },
  "2 workers, warm": { count: 2, tsx: false, warm: true },
};
type Variant = (typeof VARIANTS)[number];

async function runVariant(
  variant: Variant,
  files: Files,
  transfer: Transfer,
  bundle: string,
): Promise<RunOutput> {
  gc();
  const cpuBefore = process.cpuUsage();
  const started = wallClock();
  let out: {
    report: Report;
    records: number;
    detail?: WorkerDetail;
    states?: ReportStates;
    started?: number;
    ended?: number;
    cpuAtStart?: NodeJS.CpuUsage;
    cpuAtEnd?: NodeJS.CpuUsage;
  };
  const plan = WORKER_VARIANTS[variant];
  if (plan) out = await withWorkers(files, plan, transfer, bundle, started);
  else if (variant === "in-process") out = await inProcess(files);
  else if (variant === "loop") out = await loopVariant(files);
  else out = await duckdbVariant(files);
  // A warm pool's clock starts after its warm-up run.
  const elapsed = (out.ended ?? wallClock()) - (out.started ?? started);
  const cpuEnd = out.cpuAtEnd ?? process.cpuUsage();
  const cpuStart = out.cpuAtStart ?? cpuBefore;
  const cpuUsed = {
    user: cpuEnd.user - cpuStart.user,
    system: cpuEnd.system - cpuStart.system,
  };
  // After the clock stopped: what the states of the whole data cost to ship, both ways.
  const transferred = out.states ? { transfer: transferCosts(out.states) } : {};
  return {
    ...transferred,
    ms: elapsed,
    cpu: (cpuUsed.user + cpuUsed.system) / 1000,
    peakRss: process.resourceUsage().maxRSS * 1024,
    records: out.records,
    report: reportToJSON(out.report),
    ...(out.detail ? { detail: out.detail } : {}),
  };
}

/** The controls' work, as worker source: `spin` (no allocation) or `parse` (JSON.parse). */
const CONTROL_SOURCE = `const { parentPort, workerData } = require("node:worker_threads");
const now = () => performance.timeOrigin + performance.now();
function spin(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 31) + i) | 0;
  return x;
}
// A generated ticket's line, a thousand variants of it.
const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({
  id: "T" + i, createdAt: "2023-11-03T13:05:28Z", channel: "chat", priority: "low",
  status: "pending", assigneeId: "A060", groupId: "tier1", customerId: "C00000" + i,
  firstResponseAt: "2023-11-03T13:12:28Z", firstResolvedAt: null, lastResolvedAt: null,
  closedAt: null, reopenCount: 0, agentReplyCount: i % 3, handleSeconds: 513 + i,
  escalated: false, category: "account" }));
function parse(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x += JSON.parse(lines[i % 1000]).agentReplyCount;
  return x;
}
const { kind, n } = workerData;
const start = now();
const x = kind === "spin" ? spin(n) : parse(n);
parentPort.postMessage([start, now(), x]);`;

/** Work of each control: about half a second on one thread of this machine when quiet. */
const CONTROL_WORK = { spin: 500_000_000, parse: 400_000 } as const;

/**
 * What parallelism the machine gives right now: the same work on one worker thread, then
 * split over two, timed inside the workers (thread startup left out). `spin` is a register
 * loop (no memory traffic, no GC); `parse` is JSON.parse of ticket lines, which allocates
 * like the readers do, and so also shows what shared caches, memory and GC threads allow.
 */
async function control(kind: keyof typeof CONTROL_WORK): Promise<{ one: number; two: number }> {
  const total = CONTROL_WORK[kind];
  const run = async (threads: number) => {
    const spans = await Promise.all(
      Array.from({ length: threads }, () => {
        const workerData = { kind, n: Math.round(total / threads) };
        const worker = new Worker(CONTROL_SOURCE, { eval: true, workerData });
        return new Promise<number[]>((resolve, reject) => {
          worker.once("message", resolve);
          worker.once("error", reject);
        }).finally(() => worker.terminate());
      }),
    );
    return (
      Math.max(...spans.map((s) => s[1] as number)) - Math.min(...spans.map((s) => s[0] as number))
    );
  };
  // Alternated three times, the best of each: the machine's load comes and goes.
  let one = Number.POSITIVE_INFINITY;
  let two = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 3; k++) {
    one = Math.min(one, await run(1));
    two = Math.min(two, await run(2));
  }
  return { one, two };
}

// ---------------------------------------------------------------------------------------
// The parent.

function child<T>(args: string[]): T {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, [...process.execArgv, self, "--child", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 256 * MB,
  });
  if (result.status !== 0) {
    console.error(result.stdout);
    throw new Error(`bench: child ${args.join(" ")} failed with status ${result.status}`);
  }
  return JSON.parse(result.stdout.trim().split("\n").at(-1) as string) as T;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    const [, step, format, tickets, surveys, a, b, c] = argv as (string | undefined)[];
    if (step === "control") {
      const spin = await control("spin");
      const parse = await control("parse");
      console.log(JSON.stringify({ spin, parse }));
      return;
    }
    if (step === "reference") {
      const report = referenceReport(
        readCount("size", a, 1),
        readCount("surveys", b, 1),
        readCount("seed", c, 42),
      );
      console.log(JSON.stringify(reportToJSON(report)));
      return;
    }
    const files: Files = {
      format: format as FileFormatName,
      tickets: tickets as string,
      surveys: surveys as string,
    };
    const output = await runVariant(step as Variant, files, a as Transfer, b as string);
    console.log(JSON.stringify(output));
    return;
  }

  const size = readCount("size", argv[0] ?? process.env.BENCH_SIZE, 100_000);
  const surveyCount = readCount(
    "surveys",
    argv[1] ?? process.env.BENCH_SURVEYS,
    Math.round(size * 0.3),
  );
  const seed = readCount("seed", process.env.BENCH_SEED, 42);
  const rounds = readCount("rounds", process.env.BENCH_ROUNDS, 3);
  const format: FileFormatName = process.env.BENCH_FORMAT === "csv" ? "csv" : "ndjson";
  // Structured clone by default: it cost a fifth of stateToJSON + stateFromJSON here (the
  // summary line prints both for the run's data).
  const transfer: Transfer = process.env.BENCH_TRANSFER === "json" ? "json" : "clone";
  const keep = process.env.BENCH_KEEP === "1";
  const cpu = cpus();
  console.log(
    `end to end: ${size.toLocaleString("en")} tickets, ${surveyCount.toLocaleString("en")} surveys, ${format}, seed ${seed}, ${rounds} rounds, worker states as ${transfer === "json" ? "stateToJSON text" : "structured clone"}`,
  );
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );

  const dir = mkdtempSync(join(tmpdir(), "support-metrics-e2e-"));
  const files: Files = {
    format,
    tickets: join(dir, `tickets.${format}`),
    surveys: join(dir, `surveys.${format}`),
  };
  let failed = false;
  try {
    let started = performance.now();
    await writeFile<RawTicket>(files.tickets, ticketStream(size, seed), format);
    await writeFile<RawSurvey>(
      files.surveys,
      surveyStream(surveyCount, seed, { ticketCount: size }),
      format,
    );
    const bytes = statSync(files.tickets).size + statSync(files.surveys).size;
    console.log(
      `setup: files written in ${ms(performance.now() - started)} (${(bytes / MB).toFixed(0)} MB) to ${dir}${keep ? " (kept)" : ""}`,
    );
    // The worker and the library compiled into one ES module: what shipping compiled
    // JavaScript would start, without tsx's loader in every worker.
    started = performance.now();
    const bundle = join(dir, "endToEnd.worker.mjs");
    await build({
      entryPoints: [fileURLToPath(new URL("./endToEnd.worker.ts", import.meta.url))],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: bundle,
      logLevel: "warning",
    });
    console.log(
      `setup: worker bundled by esbuild in ${ms(performance.now() - started)} (${(statSync(bundle).size / MB).toFixed(1)} MB)`,
    );
    started = performance.now();
    const reference = clip(
      reportFromJSON(
        child<ReportJSON>([
          "reference",
          format,
          files.tickets,
          files.surveys,
          String(size),
          String(surveyCount),
          String(seed),
        ]),
      ),
    );
    console.log(
      `setup: reference report in memory (generate, validate, rollup without range) in ${ms(performance.now() - started)}:`,
      totals(reference),
    );

    const chosen = process.env.BENCH_VARIANTS?.split(",").map((v) => v.trim());
    for (const v of chosen ?? []) {
      if (!(VARIANTS as readonly string[]).includes(v)) {
        throw new RangeError(`bench: BENCH_VARIANTS: unknown variant ${JSON.stringify(v)}`);
      }
    }
    const variants = VARIANTS.filter((v) => chosen === undefined || chosen.includes(v));
    const runs = new Map<Variant, RunOutput[]>(variants.map((v) => [v, []]));
    type Control = { one: number; two: number };
    const controls: { spin: Control; parse: Control }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const control = child<{ spin: Control; parse: Control }>(["control"]);
      controls.push(control);
      // Rotate the order each round so no variant always runs first or after the same one.
      const order = variants.map((_, i) => variants[(i + round - 1) % variants.length] as Variant);
      for (const variant of order) {
        const out = child<RunOutput>([
          variant,
          format,
          files.tickets,
          files.surveys,
          transfer,
          bundle,
        ]);
        runs.get(variant)?.push(out);
        const found = differences(reference, clip(reportFromJSON(out.report)), [
          "reference",
          variant,
        ]);
        if (found.length > 0) {
          console.error(`bench: ${variant} disagrees with the reference (${found.length}):`);
          for (const line of found.slice(0, 30)) console.error(`  ${line}`);
          failed = true;
        }
        if (out.records !== size + surveyCount) {
          console.error(`bench: ${variant} read ${out.records} valid records`);
          failed = true;
        }
      }
      console.log(
        `round ${round}: controls (1 thread / 2) spin ${ms(control.spin.one)} / ${ms(control.spin.two)}, parse ${ms(control.parse.one)} / ${ms(control.parse.two)}; ${order.map((v) => `${v} ${ms(runs.get(v)?.at(-1)?.ms ?? 0)}`).join(", ")}`,
      );
      if (failed) break;
    }
    if (failed) return;

    const times = (v: Variant) => (runs.get(v) ?? []).map((r) => r.ms);
    const records = size + surveyCount;
    console.log("");
    console.log(
      `every run agreed with the reference; load after ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log("");
    console.log(
      "| variant | min | median | records/s (median) | CPU / wall (median) | peak RSS (max) |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const v of variants) {
      const t = times(v);
      const rss = Math.max(...(runs.get(v) ?? []).map((r) => r.peakRss));
      const cores = median((runs.get(v) ?? []).map((r) => r.cpu / r.ms));
      console.log(
        `| ${v} | ${ms(Math.min(...t))} | ${ms(median(t))} | ${fmt((records / median(t)) * 1000)} | ${cores.toFixed(2)} | ${(rss / MB).toFixed(0)} MB |`,
      );
    }
    console.log("");
    const ratio = (a: Variant, b: Variant) =>
      `${(Math.min(...times(a)) / Math.min(...times(b))).toFixed(2)} (min), ${(median(times(a)) / median(times(b))).toFixed(2)} (median)`;
    for (const kind of ["spin", "parse"] as const) {
      const one = controls.map((c) => c[kind].one);
      const two = controls.map((c) => c[kind].two);
      console.log(
        `control ${kind}, 1 thread / the same work over 2: ${(Math.min(...one) / Math.min(...two)).toFixed(2)} (min), ${(median(one) / median(two)).toFixed(2)} (median)`,
      );
    }
    const pairs: [Variant, Variant, string][] = [
      ["1 worker", "2 workers", " (target ≥ 1.6)"],
      ["1 worker, tsx", "2 workers, tsx", " (target ≥ 1.6)"],
      ["1 worker, warm", "2 workers, warm", " (target ≥ 1.6)"],
      ["in-process", "2 workers", ""],
      ["in-process", "2 workers, warm", ""],
      ["in-process", "loop", ""],
      ["2 workers", "loop", ""],
      ["in-process", "DuckDB", ""],
      ["2 workers", "DuckDB", ""],
    ];
    for (const [a, b, note] of pairs) {
      if (variants.includes(a) && variants.includes(b)) {
        console.log(`${a} / ${b}: ${ratio(a, b)}${note}`);
      }
    }
    console.log("");
    console.log(
      "where the worker runs' time went (ms from the run's start or per step, median over rounds; per worker a / b):",
    );
    console.log(
      "| variant | records | loaded | job received | fold | serialise | delivered | last answer | parse | merge | result | total | total − startup | JSON chars |",
    );
    console.log(
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const v of variants.filter((v) => WORKER_VARIANTS[v])) {
      const details = (runs.get(v) ?? []).map((r) => r.detail as WorkerDetail);
      const per = (pick: (d: WorkerDetail) => number[]) =>
        (details[0] ? pick(details[0]) : [])
          .map((_, i) => fmt(median(details.map((d) => pick(d)[i] as number))))
          .join(" / ");
      const one = (pick: (d: WorkerDetail) => number) => fmt(median(details.map(pick)));
      console.log(
        `| ${v} | ${per((d) => d.records)} | ${WORKER_VARIANTS[v]?.warm ? "before" : per((d) => d.loaded)} | ${per((d) => d.received)} | ${per((d) => d.fold)} | ${per((d) => d.serialise)} | ${per((d) => d.delivered)} | ${one((d) => d.lastAnswer)} | ${one((d) => d.parse)} | ${one((d) => d.merge)} | ${one((d) => d.result)} | ${fmt(median(times(v)))} | ${fmt(median((runs.get(v) ?? []).map((r) => r.ms - Math.max(...(r.detail as WorkerDetail).received))))} | ${per((d) => d.jsonChars)} |`,
      );
    }
    const costs = (runs.get("in-process") ?? []).map((r) => r.transfer as TransferCosts);
    const c = (pick: (t: TransferCosts) => number) => fmt(median(costs.map(pick)));
    console.log("");
    if (costs.length > 0)
      console.log(
        `shipping the whole data's states (in-process run, median): stateToJSON ${c((t) => t.toJSON)} ms + stateFromJSON ${c((t) => t.fromJSON)} ms for ${c((t) => t.jsonChars)} characters; structured clone (v8 serialize ${c((t) => t.serialize)} ms + deserialize ${c((t) => t.deserialize)} ms) for ${c((t) => t.cloneBytes)} bytes`,
      );
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    if (failed) process.exitCode = 1;
  }
}

await main();
