/**
 * Benchmark: distinct counts, exact (a Set of ids) against the HyperLogLog sketch, on the
 * same ids, with the state each keeps.
 *
 *   npx tsx bench/distinct.bench.ts             # 1,000,000 distinct ids, each seen twice
 *   npx tsx bench/distinct.bench.ts 200000      # size as the first argument
 *   BENCH_ROUNDS=5 npx tsx bench/distinct.bench.ts
 *   node --expose-gc --import tsx bench/distinct.bench.ts   # heap growth measured after a GC
 *
 * Each round runs both methods, in alternating order, through `distinct` (the arithmetic
 * behind customersContacted): add every id, read the result. Reported: the median time and
 * ids added per second, the heap the state holds (with --expose-gc), the size of the state
 * saved with `stateToJSON`, and the sketch's relative error against the exact count (which
 * must stay within 3 of its standard errors, else the run exits with status 1).
 */
import { type Distinct, distinct } from "../src/reduce/distinct.ts";
import { stateToJSON } from "../src/reduce/serialize.ts";
import { median, readCount } from "./common.ts";

const size = readCount("size", process.argv[2] ?? process.env.BENCH_SIZE, 1_000_000);
const rounds = readCount("rounds", process.env.BENCH_ROUNDS, 3);
const gc = (globalThis as { gc?: () => void }).gc;

// Ids as helpdesks write them: a prefix and a number; each seen twice, in two passes.
const ids: string[] = [];
for (let pass = 0; pass < 2; pass++) for (let i = 0; i < size; i++) ids.push(`cust_${i}`);

interface Run {
  ms: number;
  value: number;
  heapMB: number | null;
  jsonMB: number;
  standardError: number;
}

function run(method: Distinct): Run {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  const state = distinct.init([], distinct.method("bench", method));
  for (let i = 0; i < ids.length; i++) distinct.add(state, ids[i] as string);
  const result = distinct.result(state);
  const ms = performance.now() - start;
  gc?.();
  const heapMB = gc ? Math.max(0, process.memoryUsage().heapUsed - before) / 2 ** 20 : null;
  const jsonMB = stateToJSON(state).length / 2 ** 20;
  return { ms, value: result.value, heapMB, jsonMB, standardError: result.standardError };
}

const methods: Record<string, Distinct> = {
  exact: "exact",
  "hyperloglog(14)": { sketch: "hyperloglog" },
  "hyperloglog(18)": { sketch: "hyperloglog", precision: 18 },
};
const names = Object.keys(methods);
const runs: Record<string, Run[]> = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? names : [...names].reverse();
  for (const name of order) runs[name]?.push(run(methods[name] as Distinct));
}

console.log(
  `${size.toLocaleString("en")} distinct ids, each added twice; ${rounds} rounds; Node ${process.version}`,
);
let failed = false;
const exact = (runs.exact as Run[])[0] as Run;
for (const name of names) {
  const list = runs[name] as Run[];
  const last = list[list.length - 1] as Run;
  const ms = median(list.map((r) => r.ms));
  const error = last.value / exact.value - 1;
  const within = Math.abs(error) <= 3 * last.standardError;
  if (!within) failed = true;
  console.log(
    [
      name.padEnd(16),
      `${ms.toFixed(0).padStart(6)} ms`,
      `${(((ids.length / ms) * 1000) / 1e6).toFixed(2)}M adds/s`,
      `value ${last.value}`,
      `error ${(100 * error).toFixed(3)} % (SE ${(100 * last.standardError).toFixed(3)} %)`,
      last.heapMB === null ? "heap n/a" : `heap ${last.heapMB.toFixed(2)} MB`,
      `JSON ${last.jsonMB.toFixed(2)} MB`,
    ].join("  "),
  );
}
if (failed) {
  console.error("bench: a sketch fell outside 3 standard errors of the exact count");
  process.exit(1);
}
