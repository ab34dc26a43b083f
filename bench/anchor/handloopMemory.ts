/**
 * handloop.mjs's report alone over records already in memory, timed the way the library's
 * `--mode memory` is (bench/anchor/engine.ts): the anchor's own loader reads the NDJSON files
 * into plain objects (timestamps as epoch milliseconds), then its `report` runs `--repeat`
 * times. The anchor's modules are imported from the scratch copy named by BENCH_ANCHOR, not
 * copied into the project.
 *
 *   BENCH_ANCHOR=/tmp/anchor node handloopMemory.mjs --tickets t.ndjson --surveys s.ndjson [--repeat 3]
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const anchor = process.env.BENCH_ANCHOR ?? "/tmp/anchor";
const argument = (name: string, fallback?: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new TypeError(`handloopMemory: --${name} is required`);
  return value;
};

const handloop = await import(pathToFileURL(`${anchor}/handloop.mjs`).href);
const start = performance.now();
const data = handloop.load({
  tickets: argument("tickets"),
  surveys: argument("surveys"),
  dates: "date-parse",
});
const readMs = performance.now() - start;
const reportMs: number[] = [];
// CPU time too: on a shared machine the wall clock counts other processes' turns.
const reportCpuMs: number[] = [];
const repeat = Number(argument("repeat", "1"));
while (reportMs.length < repeat) {
  const before = performance.now();
  const cpu = process.cpuUsage();
  handloop.report(data, { quantiles: "select", layout: "onepass" });
  reportMs.push(performance.now() - before);
  const used = process.cpuUsage(cpu);
  reportCpuMs.push((used.user + used.system) / 1000);
}
const timing = {
  mode: "memory",
  readMs,
  reportMs,
  reportCpuMs,
  totalMs: performance.now() - start,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
};
process.stderr.write(`${JSON.stringify(timing)}\n`);
