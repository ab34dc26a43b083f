/**
 * Benchmark: staffing a week of 15-minute intervals with Erlang C, against the factorial
 * formula pasted into apps, in the same run (issue 19).
 *
 *   npx tsx bench/erlang.bench.ts                 # peak 10,000 erlangs
 *   npx tsx bench/erlang.bench.ts 2000            # another peak, in erlangs
 *   BENCH_ROUNDS=7 npx tsx bench/erlang.bench.ts
 *
 * The workload: 7 × 96 = 672 intervals of 15 minutes. Traffic follows a weekday curve
 * (busy 08:00–20:00 with a late-morning and an early-afternoon peak, quiet nights, weekends
 * at 40 %) scaled so that the busiest interval is exactly the peak. AHT 300 s, so an interval
 * of A erlangs holds 3A contacts. Each interval is sized for 80 % answered in 20 s with 30 %
 * shrinkage and no occupancy cap, so the service level decides every count.
 *
 * - **library**: `staffing()` per interval (the Erlang B recursion, one step per agent).
 * - **naive**: the textbook Erlang C, A^N / N! × N / (N − A) over Σ A^k / k!, with
 *   `Math.pow` and a factorial loop, searching N upward from ⌊A⌋ + 1 the same way. It is what
 *   most copied snippets do. It gives up on an interval at the first non-finite value.
 *
 * Both run alternately for BENCH_ROUNDS rounds (5 by default), with a forced garbage
 * collection before each run; the report gives min and median times, how many intervals each
 * sized, how many the naive one lost to overflow (NaN or Infinity), and whether it agrees with
 * the library where it does give an answer. Each run's total of agents is checked against its
 * first run's, so no run can be optimised away.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { staffing } from "../src/staffing/staffing.ts";
import { median } from "./common.ts";

const peak = Number(process.argv[2] ?? process.env.BENCH_PEAK ?? 10_000);
if (!(peak > 0 && peak <= 1_000_000)) {
  throw new RangeError(
    `bench: the peak must be a number of erlangs above 0, got ${process.argv[2]}`,
  );
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const INTERVAL = 900;
const AHT = 300;
const TARGET = 20;
const LEVEL = 0.8;
const SHRINKAGE = 0.3;

/** Relative traffic at a time of day (hours, 0–24): two daytime peaks over a night floor. */
function dayShape(hour: number): number {
  const bump = (center: number, width: number) => Math.exp(-(((hour - center) / width) ** 2));
  return 0.03 + bump(11, 2.2) + 0.85 * bump(15, 2.5) + 0.25 * bump(19, 1.5);
}

/** The week's traffic in erlangs, Monday 00:00 first, peaking at exactly `peak`. */
function weekTraffic(): number[] {
  const weekday = [1, 0.95, 0.92, 0.9, 0.85, 0.4, 0.35];
  const raw: number[] = [];
  for (let day = 0; day < 7; day++) {
    for (let slot = 0; slot < 96; slot++) {
      raw.push((weekday[day] as number) * dayShape((slot + 0.5) / 4));
    }
  }
  const top = Math.max(...raw);
  return raw.map((value) => (value / top) * peak);
}

/** The textbook Erlang C: overflows once A^N or N! passes 1.8e308. */
function naiveWaitProbability(agents: number, traffic: number): number {
  let factorial = 1;
  let sum = 0;
  for (let k = 0; k < agents; k++) {
    if (k > 0) factorial *= k;
    sum += traffic ** k / factorial;
  }
  factorial *= agents;
  const top = (traffic ** agents / factorial) * (agents / (agents - traffic));
  return top / (sum + top);
}

/** Sizes one interval with the naive formula; `null` once a value stops being finite. */
function naiveAgents(traffic: number): number | null {
  for (let agents = Math.floor(traffic) + 1; ; agents++) {
    const wait = naiveWaitProbability(agents, traffic);
    const level = 1 - wait * Math.exp((-(agents - traffic) * TARGET) / AHT);
    if (!Number.isFinite(wait) || !Number.isFinite(level)) return null;
    if (level >= LEVEL) return agents;
  }
}

interface Run {
  agents: (number | null)[];
  total: number;
}

function library(traffic: readonly number[]): Run {
  const agents = traffic.map(
    (a) =>
      staffing({
        contacts: (a * INTERVAL) / AHT,
        intervalSeconds: INTERVAL,
        ahtSeconds: AHT,
        targetSeconds: TARGET,
        serviceLevel: LEVEL,
        shrinkage: SHRINKAGE,
      }).agents,
  );
  return { agents, total: agents.reduce((sum, n) => sum + n, 0) };
}

function naive(traffic: readonly number[]): Run {
  const agents = traffic.map(naiveAgents);
  return { agents, total: agents.reduce<number>((sum, n) => sum + (n ?? 0), 0) };
}

function time(run: () => Run): { ms: number; run: Run } {
  gc();
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, run: result };
}

// ---------------------------------------------------------------------------------------
// Run.

const traffic = weekTraffic();
const load = loadavg();
const cpu = cpus();
console.log(
  `support-metrics Erlang C staffing benchmark: 672 intervals of 15 min, peak ${peak.toLocaleString("en")} erlangs, ${rounds} rounds`,
);
console.log(
  `machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, load ${load.map((l) => l.toFixed(2)).join(" ")}`,
);
if ((load[0] as number) > cpu.length * 0.5) {
  console.log(`warning: the 1-minute load (${load[0]?.toFixed(2)}) is high; timings will be noisy`);
}

const runs = { library: () => library(traffic), naive: () => naive(traffic) };
const times: Record<string, number[]> = { library: [], naive: [] };
const firsts: Record<string, Run> = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(runs)) {
    const { ms, run: result } = time(run);
    (times[name] as number[]).push(ms);
    const first = firsts[name];
    if (first && first.total !== result.total) {
      console.error(`bench: ${name} gave ${result.total} agents, then ${first.total}`);
      process.exit(1);
    }
    firsts[name] ??= result;
  }
}

const exact = firsts.library as Run;
const rough = firsts.naive as Run;
let lost = 0;
let agree = 0;
let disagree = 0;
let largestNaive = 0;
let smallestLost = Number.POSITIVE_INFINITY;
rough.agents.forEach((n, i) => {
  if (n === null) {
    lost++;
    smallestLost = Math.min(smallestLost, traffic[i] as number);
  } else if (n === exact.agents[i]) {
    agree++;
    largestNaive = Math.max(largestNaive, traffic[i] as number);
  } else disagree++;
});
if (disagree > 0) {
  console.error(`bench: the naive formula disagrees with the library on ${disagree} intervals`);
  process.exit(1);
}
const peakIndex = traffic.indexOf(peak);
const peakPlan = staffing({
  contacts: (peak * INTERVAL) / AHT,
  intervalSeconds: INTERVAL,
  ahtSeconds: AHT,
  targetSeconds: TARGET,
  serviceLevel: LEVEL,
  shrinkage: SHRINKAGE,
});

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
console.log();
console.log("| method | min | median | intervals sized | lost to NaN/Infinity | agents at peak |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
console.log(
  `| library \`staffing()\` (Erlang B recursion) | ${ms(Math.min(...(times.library as number[])))} | ${ms(median(times.library as number[]))} | 672 | 0 | ${exact.agents[peakIndex]} |`,
);
console.log(
  `| naive factorial Erlang C | ${ms(Math.min(...(times.naive as number[])))} | ${ms(median(times.naive as number[]))} | ${agree} | ${lost} | ${rough.agents[peakIndex] ?? "NaN"} |`,
);
console.log();
console.log(
  `peak interval: ${peak.toLocaleString("en")} erlangs → ${peakPlan.agents.toLocaleString("en")} agents (service level ${(100 * (peakPlan.serviceLevel as number)).toFixed(2)} %, occupancy ${(100 * (peakPlan.occupancy as number)).toFixed(2)} %), ${peakPlan.scheduled.toLocaleString("en")} scheduled`,
);
console.log(
  `week: ${exact.total.toLocaleString("en")} agent-intervals; the naive formula agrees on all ${agree} intervals it sized (up to ${largestNaive.toFixed(1)} erlangs) and loses all ${lost} from ${smallestLost.toFixed(1)} erlangs up`,
);
console.log(
  `load after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
