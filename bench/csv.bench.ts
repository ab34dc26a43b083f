/**
 * The readers' CSV rows: `csvRowBatches` (src/node/csv.ts, the RFC 4180 scanner in
 * src/node/csvScanner.ts) over a CSV file, every row's values built and dropped, CPU time and
 * rows per CPU second, rounds in one process. The file is the anchor's (or any CSV):
 *
 *   BENCH_CSV=/tmp/anchor/data/tickets-1m.csv BENCH_ROUNDS=3 npx tsx bench/csv.bench.ts
 */
import { csvRowBatches } from "../src/node/csv.ts";

const file = process.env.BENCH_CSV ?? "/tmp/anchor/data/tickets-1m.csv";
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const cpu: number[] = [];
let rows = 0;
for (let round = 0; round < rounds; round++) {
  const start = process.cpuUsage();
  rows = 0;
  for await (const batch of csvRowBatches(file, {}, "readCsvRows")) rows += batch.length;
  const used = process.cpuUsage(start);
  cpu.push((used.user + used.system) / 1000);
}
cpu.sort((a, b) => a - b);
const min = cpu[0] as number;
const median = cpu[Math.floor(cpu.length / 2)] as number;
console.log(
  `${file}: ${rows} rows; CPU min ${min.toFixed(0)} ms, median ${median.toFixed(0)} ms; ${Math.round(rows / (min / 1000)).toLocaleString("en")} rows per CPU second`,
);
