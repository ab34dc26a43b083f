/**
 * Benchmark: business durations against plain calendar differences, in the same run.
 *
 *   npx tsx bench/businessTime.bench.ts              # 1,000,000 spans
 *   npx tsx bench/businessTime.bench.ts 200000       # size as the first argument
 *   BENCH_SIZE=200000 BENCH_SEED=7 BENCH_ROUNDS=7 npx tsx bench/businessTime.bench.ts
 *
 * The workload: spans starting anywhere in 2023–2024 and lasting up to 30 days (uniform),
 * timed on a Mon–Fri 09:00–12:30 / 13:30–18:00 schedule in Europe/Berlin with public
 * holidays. The baseline is `(end - start) / 1000` over the same spans. Both run
 * alternately for BENCH_ROUNDS rounds (5 by default) after one cold pass (which builds the
 * schedule's cache), with a forced garbage collection before every run; the report gives min
 * and median and their ratio. Each run's sum is checked against the first run's (exactly),
 * so no run can be optimised away, and the business sum must not exceed the calendar one.
 *
 * Then the scaling check: the same number of spans of exactly 1, 7, 30 and 365 days. If the
 * cost grew with minutes (or days), 30-day spans would cost about 30 times as much as 1-day
 * spans; with the per-block running totals it should barely change up to a month, and grow
 * by one addition per 32 days beyond.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { businessDuration } from "../src/time/businessTime.ts";
import { type ScheduleInput, schedule } from "../src/time/schedule.ts";
import { median, readCount } from "./common.ts";
import { mulberry32 } from "./generate.ts";

const size = readCount("size", process.argv[2] ?? process.env.BENCH_SIZE, 1_000_000);
const seed = readCount("seed", process.env.BENCH_SEED, 42);
const rounds = readCount("rounds", process.env.BENCH_ROUNDS, 5);

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const DAY = 86_400_000;
const FROM = Date.UTC(2022, 11, 31, 23); // 2023-01-01 00:00 in Berlin
const TO = Date.UTC(2024, 11, 31, 23); // 2025-01-01 00:00 in Berlin

const lunch = [
  { start: "09:00", end: "12:30" },
  { start: "13:30", end: "18:00" },
];
const input: ScheduleInput = {
  timeZone: "Europe/Berlin",
  weekly: { monday: lunch, tuesday: lunch, wednesday: lunch, thursday: lunch, friday: lunch },
  holidays: ["2023", "2024"].flatMap((year) =>
    ["01-01", "05-01", "10-03", "12-25", "12-26"].map((day) => ({ date: `${year}-${day}` })),
  ),
};
const support = schedule(input);

/** `n` spans starting uniformly in 2023–2024, lasting `length()` milliseconds. */
function spans(n: number, length: (random: () => number) => number) {
  const random = mulberry32(seed);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = Math.floor(FROM + random() * (TO - FROM));
    starts[i] = start;
    ends[i] = start + Math.floor(length(random));
  }
  return { starts, ends };
}

function calendar(starts: Float64Array, ends: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < starts.length; i++)
    sum += ((ends[i] as number) - (starts[i] as number)) / 1000;
  return sum;
}

function business(starts: Float64Array, ends: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < starts.length; i++) {
    sum += businessDuration(starts[i] as number, ends[i] as number, support) as number;
  }
  return sum;
}

function time(run: () => number): { ms: number; value: number } {
  gc();
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

/** Alternates the runs for `rounds` rounds; checks every run's value against its first. */
function compare(runs: Record<string, () => number>) {
  const times: Record<string, number[]> = {};
  const values: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(runs)) {
      const { ms, value } = time(run);
      const list = times[name] ?? [];
      list.push(ms);
      times[name] = list;
      if (name in values && values[name] !== value) {
        console.error(`bench: ${name} gave ${value}, then ${values[name]}`);
        process.exit(1);
      }
      values[name] = value;
    }
  }
  return { times, values };
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);
/** Milliseconds, with a decimal when small (the calendar baseline takes about 1 ms). */
const millis = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const pad = (text: string, width: number) => text.padStart(width);

// ---------------------------------------------------------------------------------------
// Run.

const load = loadavg();
const cpu = cpus();
console.log(
  `support-metrics business time benchmark: ${size.toLocaleString("en")} spans, seed ${seed}, ${rounds} rounds`,
);
console.log(
  `machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, load ${load.map((l) => l.toFixed(2)).join(" ")}`,
);
if ((load[0] as number) > cpu.length * 0.5) {
  console.log(`warning: the 1-minute load (${load[0]?.toFixed(2)}) is high; timings will be noisy`);
}

const mixed = spans(size, (random) => random() * 30 * DAY);
const cold = time(() => business(mixed.starts, mixed.ends));
console.log(`cold pass (builds the cache for 2 years + 30 days): ${fixed(cold.ms)} ms`);

const main = compare({
  calendar: () => calendar(mixed.starts, mixed.ends),
  business: () => business(mixed.starts, mixed.ends),
});
const calendarSum = main.values.calendar as number;
const businessSum = main.values.business as number;
if (!(businessSum <= calendarSum) || businessSum !== cold.value) {
  console.error(
    `bench: business sum ${businessSum} vs calendar ${calendarSum}, cold ${cold.value}`,
  );
  process.exit(1);
}

const rows: string[][] = [];
const perSpan = (ms: number) => `${fixed((ms * 1e6) / size, 1)} ns`;
for (const name of ["calendar", "business"]) {
  const list = main.times[name] as number[];
  rows.push([
    name === "calendar" ? "calendar `end - start`" : "`businessDuration`",
    millis(Math.min(...list)),
    millis(median(list)),
    perSpan(median(list)),
  ]);
}
const ratioMin =
  Math.min(...(main.times.business as number[])) / Math.min(...(main.times.calendar as number[]));
const ratioMedian =
  median(main.times.business as number[]) / median(main.times.calendar as number[]);

// Scaling: the same number of spans of 1, 7, 30 and 365 days.
const lengths = [1, 7, 30, 365];
const scaled = lengths.map((days) => spans(size, () => days * DAY));
for (const { starts, ends } of scaled) business(starts, ends); // warm the cache
const scaling = compare(
  Object.fromEntries(
    lengths.map((days, i) => [
      `${days}`,
      () => business((scaled[i] as typeof mixed).starts, (scaled[i] as typeof mixed).ends),
    ]),
  ),
);

console.log();
console.log(
  `| ${size.toLocaleString("en")} spans of 0–30 days | min | median | per span (median) |`,
);
console.log("| --- | ---: | ---: | ---: |");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log();
console.log(
  `ratio business / calendar: ${fixed(ratioMin, 1)} (min), ${fixed(ratioMedian, 1)} (median)`,
);
console.log(
  `sums: calendar ${fixed(calendarSum / 3600)} h, business ${fixed(businessSum / 3600)} h (${fixed((100 * businessSum) / calendarSum, 1)} %)`,
);
console.log();
console.log(
  `| span length (${size.toLocaleString("en")} spans each) | min | median | per span (median) | vs 1 day |`,
);
console.log("| --- | ---: | ---: | ---: | ---: |");
const base = median(scaling.times["1"] as number[]);
for (const days of lengths) {
  const list = scaling.times[`${days}`] as number[];
  console.log(
    `| ${pad(`${days} day${days > 1 ? "s" : ""}`, 8)} | ${millis(Math.min(...list))} | ${millis(median(list))} | ${perSpan(median(list))} | ${fixed(median(list) / base, 2)} |`,
  );
}
console.log();
console.log(
  `load after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
