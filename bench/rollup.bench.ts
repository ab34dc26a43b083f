/**
 * Benchmark: one grouped ticket report with the real reducers, against a hand-written
 * single-pass loop computing the same numbers, in the same run.
 *
 *   npm run bench:rollup               # 1,000,000 tickets
 *   npm run bench:rollup -- 200000     # size as the first argument
 *   BENCH_SIZE=200000 BENCH_SEED=7 BENCH_ROUNDS=5 npm run bench:rollup
 *
 * Steps: generate raw tickets (bench/generate.ts), validate them (timed, records/s), then run
 * baseline and rollup alternately for BENCH_ROUNDS rounds (5 by default), with a forced
 * garbage collection before every run, and report min and median of each, their ratio, and
 * the peak RSS. Every run's result is checked against the other side (counts exactly; means
 * and percentiles to 1e-9 relative); any difference exits with status 1.
 *
 * The baseline buckets months with the library's own `period("month", { timeZone })`, so the
 * comparison measures the aggregation (grouping, reducers, merging, results), not the
 * time-zone arithmetic.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { rollup } from "../src/aggregate/rollup.ts";
import { backlogReducer } from "../src/metrics/tickets/backlog.ts";
import { escalationRateReducer } from "../src/metrics/tickets/escalationRate.ts";
import { firstContactResolutionReducer } from "../src/metrics/tickets/firstContactResolution.ts";
import { firstResponseTimeReducer } from "../src/metrics/tickets/firstResponseTime.ts";
import { reopenRateReducer } from "../src/metrics/tickets/reopenRate.ts";
import { resolutionTimeReducer } from "../src/metrics/tickets/resolutionTime.ts";
import { ticketVolumeReducer } from "../src/metrics/tickets/ticketVolume.ts";
import { isResolvedStatus, type Ticket } from "../src/schemas/ticket.ts";
import { validateTickets } from "../src/schemas/validate.ts";
import { type Period, period } from "../src/time/period.ts";
import { median, readCount } from "./common.ts";
import { generateTickets, type RawTicket } from "./generate.ts";

const TIME_ZONE = "Europe/Berlin";

const size = readCount("size", process.argv[2] ?? process.env.BENCH_SIZE, 1_000_000);
const seed = readCount("seed", process.env.BENCH_SEED, 42);
const rounds = readCount("rounds", process.env.BENCH_ROUNDS, 5);

// A collection before each timed run, so that one side does not pay for the other's garbage.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const rate = (n: number, millis: number) => `${((n / millis) * 1000).toFixed(0)} records/s`;

// ---------------------------------------------------------------------------------------
// The report, both ways, reduced to the same comparable numbers per (month, channel).

/** The numbers compared, for one (period, channel) cell. */
interface Cell {
  volume: number;
  frtN: number;
  frtUnanswered: number;
  frtMean: number | null;
  frtMedian: number | null;
  frtP90: number | null;
  resolutionN: number;
  resolutionUnresolved: number;
  resolutionMean: number | null;
  resolutionMedian: number | null;
  fcrNumerator: number;
  fcrDenominator: number;
  fcrNoReply: number;
  reopenNumerator: number;
  reopenDenominator: number;
  escalationNumerator: number;
  escalationDenominator: number;
  backlog: number;
}

type Table = Map<string, Cell>;

const cellKey = (periodStart: number | null, channel: string | null) => `${periodStart}|${channel}`;

function emptyCell(): Cell {
  return {
    volume: 0,
    frtN: 0,
    frtUnanswered: 0,
    frtMean: null,
    frtMedian: null,
    frtP90: null,
    resolutionN: 0,
    resolutionUnresolved: 0,
    resolutionMean: null,
    resolutionMedian: null,
    fcrNumerator: 0,
    fcrDenominator: 0,
    fcrNoReply: 0,
    reopenNumerator: 0,
    reopenDenominator: 0,
    escalationNumerator: 0,
    escalationDenominator: 0,
    backlog: 0,
  };
}

/** Ours: the library's rollup with the real reducers. */
function ours(tickets: readonly Ticket[]) {
  return rollup(tickets, {
    by: { period: "month", channel: "channel" },
    timeZone: TIME_ZONE,
    metrics: {
      volume: ticketVolumeReducer(),
      firstResponse: firstResponseTimeReducer(),
      resolution: resolutionTimeReducer(),
      fcr: firstContactResolutionReducer(),
      reopen: reopenRateReducer(),
      escalation: escalationRateReducer(),
      backlog: backlogReducer(),
    },
  });
}

function tableOfRows(rows: ReturnType<typeof ours>): Table {
  const table: Table = new Map();
  for (const row of rows) {
    const start = row.period ? Date.parse(row.period.start) : null;
    const key = cellKey(start, row.channel as string | null);
    if (table.has(key)) throw new Error(`bench: rollup gave two rows for ${key}`);
    table.set(key, {
      volume: row.volume.value,
      frtN: row.firstResponse.n,
      frtUnanswered: row.firstResponse.excluded.unanswered,
      frtMean: row.firstResponse.mean,
      frtMedian: row.firstResponse.median,
      frtP90: row.firstResponse.p90,
      resolutionN: row.resolution.n,
      resolutionUnresolved: row.resolution.excluded.unresolved,
      resolutionMean: row.resolution.mean,
      resolutionMedian: row.resolution.median,
      fcrNumerator: row.fcr.numerator,
      fcrDenominator: row.fcr.denominator,
      fcrNoReply: row.fcr.excluded.noReply,
      reopenNumerator: row.reopen.numerator,
      reopenDenominator: row.reopen.denominator,
      escalationNumerator: row.escalation.numerator,
      escalationDenominator: row.escalation.denominator,
      backlog: row.backlog.value,
    });
  }
  return table;
}

/** Linear interpolation between closest ranks (numpy's default), on sorted values. */
function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const a = sorted[low] as number;
  return low + 1 < sorted.length ? a + (h - low) * ((sorted[low + 1] as number) - a) : a;
}

interface BaselineGroup {
  volume: number;
  frt: number[];
  unanswered: number;
  resolution: number[];
  unresolved: number;
  fcrNumerator: number;
  fcrDenominator: number;
  fcrNoReply: number;
  reopenNumerator: number;
  reopenDenominator: number;
  escalated: number;
}

/**
 * The baseline: one plain loop over the tickets, the same definitions written out by hand.
 * Flow numbers go to the month of their own timestamp (creation for volume, first response
 * and escalation; first resolution for resolution time, FCR and reopens; unresolved tickets
 * to a `null` month). Backlog is a stock: a ticket counts at every month end at or after its
 * creation and before its final resolution, done with +1/−1 steps and a running sum.
 */
function baseline(tickets: readonly Ticket[], month: Period): Table {
  const groups = new Map<string, BaselineGroup>();
  const group = (start: number | null, channel: string | null): BaselineGroup => {
    const key = cellKey(start, channel);
    let found = groups.get(key);
    if (!found) {
      found = {
        volume: 0,
        frt: [],
        unanswered: 0,
        resolution: [],
        unresolved: 0,
        fcrNumerator: 0,
        fcrDenominator: 0,
        fcrNoReply: 0,
        reopenNumerator: 0,
        reopenDenominator: 0,
        escalated: 0,
      };
      groups.set(key, found);
    }
    return found;
  };
  // Backlog steps: +1 at the first month whose end is at or after creation, −1 at the first
  // month whose end is at or after the final resolution.
  const steps = new Map<string, Map<number, number>>();
  const step = (channel: string | null, start: number, delta: number) => {
    const key = String(channel);
    let byMonth = steps.get(key);
    if (!byMonth) {
      byMonth = new Map();
      steps.set(key, byMonth);
    }
    byMonth.set(start, (byMonth.get(start) ?? 0) + delta);
  };
  const channels = new Map<string, string | null>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const note = (start: number) => {
    if (start < first) first = start;
    if (start > last) last = start;
  };

  for (const t of tickets) {
    const created = t.createdAt.getTime();
    const createdMonth = month.floor(created);
    note(createdMonth);
    const byCreation = group(createdMonth, t.channel);
    byCreation.volume++;
    if (t.escalated) byCreation.escalated++;
    if (t.firstResponseAt == null) byCreation.unanswered++;
    else byCreation.frt.push((t.firstResponseAt.getTime() - created) / 1000);

    if (t.firstResolvedAt === null) {
      group(null, t.channel).unresolved++;
    } else {
      const resolved = t.firstResolvedAt.getTime();
      const resolvedMonth = month.floor(resolved);
      note(resolvedMonth);
      const byResolution = group(resolvedMonth, t.channel);
      byResolution.resolution.push((resolved - created) / 1000);
      byResolution.reopenDenominator++;
      if (t.reopenCount !== null && t.reopenCount > 0) {
        byResolution.reopenNumerator++;
        byResolution.fcrDenominator++;
      } else if (t.agentReplyCount === 0) byResolution.fcrNoReply++;
      else if (t.agentReplyCount !== null) {
        byResolution.fcrDenominator++;
        if (t.agentReplyCount === 1) byResolution.fcrNumerator++;
      }
    }

    channels.set(String(t.channel), t.channel);
    step(t.channel, month.floor(created - 1), 1);
    if (isResolvedStatus(t.status) && t.lastResolvedAt !== null) {
      const end = t.lastResolvedAt.getTime();
      note(month.floor(end));
      step(t.channel, month.floor(end - 1), -1);
    }
  }

  const table: Table = new Map();
  for (const [key, g] of groups) {
    const frt = Float64Array.from(g.frt).sort();
    const resolution = Float64Array.from(g.resolution).sort();
    let frtSum = 0;
    for (const value of g.frt) frtSum += value;
    let resolutionSum = 0;
    for (const value of g.resolution) resolutionSum += value;
    table.set(key, {
      ...emptyCell(),
      volume: g.volume,
      frtN: frt.length,
      frtUnanswered: g.unanswered,
      frtMean: frt.length === 0 ? null : frtSum / frt.length,
      frtMedian: percentile(frt, 0.5),
      frtP90: percentile(frt, 0.9),
      resolutionN: resolution.length,
      resolutionUnresolved: g.unresolved,
      resolutionMean: resolution.length === 0 ? null : resolutionSum / resolution.length,
      resolutionMedian: percentile(resolution, 0.5),
      fcrNumerator: g.fcrNumerator,
      fcrDenominator: g.fcrDenominator,
      fcrNoReply: g.fcrNoReply,
      reopenNumerator: g.reopenNumerator,
      reopenDenominator: g.reopenDenominator,
      escalationNumerator: g.escalated,
      escalationDenominator: g.volume,
    });
  }
  // Backlog at each month end, from the first to the last month any record reached.
  for (const [channelKey, byMonth] of steps) {
    const channel = channels.get(channelKey) ?? null;
    let open = 0;
    for (const [start, delta] of byMonth) if (start < first) open += delta;
    for (let start = first; start <= last; start = month.next(start)) {
      open += byMonth.get(start) ?? 0;
      if (open === 0) continue;
      const key = cellKey(start, channel);
      const cell = table.get(key) ?? emptyCell();
      cell.backlog = open;
      table.set(key, cell);
    }
  }
  return table;
}

// ---------------------------------------------------------------------------------------
// Agreement.

function sameNumber(a: number | null, b: number | null, exact: boolean): boolean {
  if (a === null || b === null) return a === b;
  if (exact) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

const MEASURES = new Set<keyof Cell>([
  "frtMean",
  "frtMedian",
  "frtP90",
  "resolutionMean",
  "resolutionMedian",
]);

/** Every difference between two tables; a key missing on one side reads as an empty cell. */
function differences(a: Table, b: Table): string[] {
  const out: string[] = [];
  const empty = emptyCell();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const left = a.get(key) ?? empty;
    const right = b.get(key) ?? empty;
    for (const field of Object.keys(empty) as (keyof Cell)[]) {
      if (!sameNumber(left[field], right[field], !MEASURES.has(field))) {
        out.push(`${key} ${field}: rollup ${left[field]}, baseline ${right[field]}`);
      }
    }
  }
  return out;
}

function totals(table: Table): Record<string, number> {
  let volume = 0;
  let frtN = 0;
  let resolutionN = 0;
  let backlogCells = 0;
  for (const cell of table.values()) {
    volume += cell.volume;
    frtN += cell.frtN;
    resolutionN += cell.resolutionN;
    if (cell.backlog > 0) backlogCells++;
  }
  return { cells: table.size, volume, frtN, resolutionN, backlogCells };
}

// ---------------------------------------------------------------------------------------
// Run.

const load = loadavg();
const cpu = cpus();
console.log(
  `support-metrics rollup benchmark: ${size.toLocaleString("en")} tickets, seed ${seed}, ${rounds} rounds`,
);
console.log(
  `machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown cpu"}, ${mb(totalmem())} RAM, Node ${process.version}, load ${load.map((l) => l.toFixed(2)).join(" ")}`,
);
if ((load[0] as number) > cpu.length * 0.5) {
  console.log(`warning: the 1-minute load (${load[0]?.toFixed(2)}) is high; timings will be noisy`);
}

let started = performance.now();
let raw: RawTicket[] | undefined = generateTickets(size, seed);
const generateMs = performance.now() - started;
console.log(`generate: ${ms(generateMs)} (${rate(size, generateMs)})`);

gc();
started = performance.now();
const { records: tickets, rejected } = validateTickets(raw);
const validateMs = performance.now() - started;
if (rejected.length > 0) {
  console.error(`bench: ${rejected.length} generated tickets were rejected, first:`, rejected[0]);
  process.exit(1);
}
console.log(`validate: ${ms(validateMs)} (${rate(size, validateMs)})`);
raw = undefined;
gc();
const heapAfterValidation = process.memoryUsage().heapUsed;

const month = period("month", { timeZone: TIME_ZONE });
const timings = { baseline: [] as number[], rollup: [] as number[] };
let reference: Table | undefined;
for (let round = 1; round <= rounds; round++) {
  gc();
  started = performance.now();
  const base = baseline(tickets, month);
  const baseMs = performance.now() - started;
  timings.baseline.push(baseMs);

  gc();
  started = performance.now();
  const rows = ours(tickets);
  const oursMs = performance.now() - started;
  timings.rollup.push(oursMs);

  // Consume and check every run, outside the timed sections.
  const found = differences(tableOfRows(rows), base);
  if (found.length > 0) {
    console.error(
      `bench: rollup and baseline disagree in round ${round} (${found.length} differences):`,
    );
    for (const line of found.slice(0, 20)) console.error(`  ${line}`);
    process.exit(1);
  }
  if (reference && differences(reference, base).length > 0) {
    console.error(`bench: the baseline changed between rounds`);
    process.exit(1);
  }
  reference ??= base;
  console.log(`round ${round}: baseline ${ms(baseMs)}, rollup ${ms(oursMs)} (${rows.length} rows)`);
}

const summary = {
  baseline: { min: Math.min(...timings.baseline), median: median(timings.baseline) },
  rollup: { min: Math.min(...timings.rollup), median: median(timings.rollup) },
};
const peakRss = process.resourceUsage().maxRSS * 1024;
const counted = totals(reference as Table);
console.log(
  `agreement: every round, ${counted.cells} cells (month × channel, plus the unresolved row), ${counted.volume} tickets, ${counted.frtN} first responses, ${counted.resolutionN} resolutions`,
);
console.log("");
console.log(`| step | min | median | records/s (median) |`);
console.log(`|---|---:|---:|---:|`);
console.log(`| generate (once) | ${ms(generateMs)} | | ${rate(size, generateMs).split(" ")[0]} |`);
console.log(
  `| validateTickets (once) | ${ms(validateMs)} | | ${rate(size, validateMs).split(" ")[0]} |`,
);
for (const side of ["baseline", "rollup"] as const) {
  const { min, median: mid } = summary[side];
  console.log(`| ${side} | ${ms(min)} | ${ms(mid)} | ${rate(size, mid).split(" ")[0]} |`);
}
console.log("");
console.log(
  `ratio rollup / baseline: ${(summary.rollup.min / summary.baseline.min).toFixed(2)} (min), ${(summary.rollup.median / summary.baseline.median).toFixed(2)} (median)`,
);
console.log(
  `memory: peak RSS ${mb(peakRss)}; heap with the validated tickets ${mb(heapAfterValidation)}; load after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
