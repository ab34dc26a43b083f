/**
 * The library beside bench-anchor's engines (issue 17), fresh processes, interleaved rounds.
 *
 *   BENCH_ANCHOR=/tmp/anchor npm run bench:anchor -- 1m      # or 100k; data/tickets-<size>.*
 *   BENCH_ROUNDS=5 BENCH_ONLY="library NDJSON,handloop NDJSON" BENCH_PYTHON=/usr/bin/python3 ...
 *
 * BENCH_ANCHOR names a scratch copy of ../shared/bench-anchor with its packages installed and
 * its data generated (bench/README.md, issue 17). The library's engine (engine.ts) and the
 * in-memory timer of handloop (handloopMemory.ts) are bundled by esbuild first, so that every
 * run is plain `node` on compiled JavaScript, as a user's would be.
 *
 * Each round runs every engine once as a child process, in an order rotated each round, under
 * `/usr/bin/time -v` for its peak RSS; wall time is measured around the child. The two
 * in-memory entries time only the report over records already read (the first run in the
 * process, cold, and the best of three, warm). Every output is checked against handloop's
 * with the anchor's compare.mjs; a disagreement exits with status 1.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { median, readCount } from "../common.ts";

const anchor = process.env.BENCH_ANCHOR ?? "/tmp/anchor";
const size = process.argv[2] ?? "100k";
const rounds = readCount("BENCH_ROUNDS", process.env.BENCH_ROUNDS, 5);
const python = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
const data = (kind: string, ext: string) => join(anchor, "data", `${kind}-${size}.${ext}`);
for (const file of [data("tickets", "ndjson"), data("tickets", "csv"), data("surveys", "csv")]) {
  if (!existsSync(file)) {
    throw new Error(`bench:anchor: no ${file}; see bench/README.md (issue 17) to make it`);
  }
}

const work = mkdtempSync(join(tmpdir(), "anchor-bench-"));
const here = fileURLToPath(new URL(".", import.meta.url));
await build({
  entryPoints: [join(here, "engine.ts"), join(here, "handloopMemory.ts")],
  outdir: work,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});

interface Engine {
  name: string;
  command: string[];
  /** The report alone, over records in memory: its time is read from the child's stderr. */
  inMemory?: boolean;
}

const nd = (kind: string) => data(kind, "ndjson");
const csv = (kind: string) => data(kind, "csv");
const engineJs = join(work, "engine.mjs");
const out = (name: string) => join(work, `${name.replace(/\W+/g, "-")}.json`);
const ENGINES: Engine[] = [
  {
    name: "library NDJSON",
    command: ["node", engineJs, "--tickets", nd("tickets"), "--surveys", nd("surveys")],
  },
  {
    // Each record added to the rollups as it is read (rollupReducer): no array of records.
    name: "library NDJSON streamed",
    command: [
      "node",
      engineJs,
      "--mode",
      "stream",
      "--tickets",
      nd("tickets"),
      "--surveys",
      nd("surveys"),
    ],
  },
  {
    name: "library CSV streamed",
    command: [
      "node",
      engineJs,
      "--mode",
      "stream",
      "--tickets",
      csv("tickets"),
      "--surveys",
      csv("surveys"),
    ],
  },
  {
    // Every record is kept: a larger young generation means fewer scavenges copying survivors.
    name: "library NDJSON (young 64 MB)",
    command: [
      "node",
      "--max-semi-space-size=64",
      engineJs,
      "--tickets",
      nd("tickets"),
      "--surveys",
      nd("surveys"),
    ],
  },
  {
    name: "library CSV",
    command: ["node", engineJs, "--tickets", csv("tickets"), "--surveys", csv("surveys")],
  },
  {
    name: "library in memory",
    command: [
      "node",
      engineJs,
      "--mode",
      "memory",
      "--repeat",
      "3",
      "--tickets",
      nd("tickets"),
      "--surveys",
      nd("surveys"),
    ],
    inMemory: true,
  },
  {
    name: "handloop in memory",
    command: [
      "node",
      join(work, "handloopMemory.mjs"),
      "--repeat",
      "3",
      "--tickets",
      nd("tickets"),
      "--surveys",
      nd("surveys"),
    ],
    inMemory: true,
  },
  {
    name: "handloop NDJSON",
    command: ["node", "handloop.mjs", "--tickets", nd("tickets"), "--surveys", nd("surveys")],
  },
  {
    name: "DuckDB CSV",
    command: [
      "node",
      "duckdb.mjs",
      "--source",
      "file",
      "--tickets",
      csv("tickets"),
      "--surveys",
      csv("surveys"),
    ],
  },
  {
    name: "pandas CSV",
    command: [python, "pandas_report.py", "--tickets", csv("tickets"), "--surveys", csv("surveys")],
  },
  {
    name: "Arquero NDJSON",
    command: ["node", "arquero.mjs", "--tickets", nd("tickets"), "--surveys", nd("surveys")],
  },
];
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const engines = ENGINES.filter((engine) => !only || only.includes(engine.name));

interface Run {
  wallMs: number;
  /** In memory: the first report in the process (cold) and the best of three (warm). */
  coldMs?: number;
  warmMs?: number;
  /** In memory: the CPU time of the first report. */
  coldCpuMs?: number;
  rssMB: number;
  /** User and system CPU time of the whole process (every thread), from /usr/bin/time. */
  cpuMs: number;
  load: number;
}
const runs = new Map<string, Run[]>(engines.map((engine) => [engine.name, []]));
const reference = join(work, "handloop.json");
// The reference output, from handloop, once before the rounds.
spawnOrThrow([
  "node",
  "handloop.mjs",
  "--tickets",
  nd("tickets"),
  "--surveys",
  nd("surveys"),
  "--out",
  reference,
]);

function spawnOrThrow(command: string[]) {
  const [program, ...args] = command as [string, ...string[]];
  const result = spawnSync(program, args, { cwd: anchor, encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) {
    throw new Error(`bench:anchor: ${command.join(" ")} failed: ${result.stderr || result.error}`);
  }
  return result;
}

function runOnce(engine: Engine): Run {
  const load = loadavg()[0] as number;
  const target = out(engine.name);
  const before = performance.now();
  const result = spawnOrThrow(["/usr/bin/time", "-v", ...engine.command, "--out", target]);
  const wallMs = performance.now() - before;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  const seconds = (label: string) =>
    Number(
      new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr)?.[1] ?? Number.NaN,
    );
  const cpuMs = (seconds("User") + seconds("System")) * 1000;
  const run: Run = { wallMs, rssMB: rss ? Number(rss[1]) / 1024 : Number.NaN, cpuMs, load };
  if (engine.inMemory) {
    const line = result.stderr.split("\n").find((text) => text.startsWith('{"mode"'));
    const printed = JSON.parse(line ?? "{}") as { reportMs?: number[]; reportCpuMs?: number[] };
    const times = printed.reportMs ?? [];
    run.coldCpuMs = printed.reportCpuMs?.[0] ?? Number.NaN;
    if (times.length === 0) throw new Error(`bench:anchor: ${engine.name} printed no timings`);
    run.coldMs = times[0] as number;
    run.warmMs = Math.min(...times);
  }
  if (!engine.name.startsWith("handloop in memory")) {
    const check = spawnSync("node", ["compare.mjs", reference, target], {
      cwd: anchor,
      encoding: "utf8",
    });
    if (check.status !== 0) {
      process.stderr.write(check.stdout.slice(0, 4000));
      throw new Error(`bench:anchor: ${engine.name} disagrees with handloop`);
    }
  }
  return run;
}

for (let round = 0; round < rounds; round++) {
  const order = engines.map((_, i) => engines[(i + round) % engines.length] as Engine);
  for (const engine of order) {
    const run = runOnce(engine);
    (runs.get(engine.name) as Run[]).push(run);
    const inMemory =
      run.coldMs === undefined
        ? ""
        : `, report ${run.coldMs.toFixed(0)} ms cold, ${(run.warmMs as number).toFixed(0)} ms warm`;
    process.stderr.write(
      `round ${round + 1} ${engine.name}: ${run.wallMs.toFixed(0)} ms (CPU ${run.cpuMs.toFixed(0)} ms)${inMemory}, ${run.rssMB.toFixed(0)} MB, load ${run.load.toFixed(2)}\n`,
    );
  }
}

const stat = (values: number[]) => ({ min: Math.min(...values), median: median(values) });
const lines = [
  `${size}: ${rounds} rounds, every output agreed with handloop's (compare.mjs)`,
  "",
  "| engine | min | median | process CPU min, median | peak RSS (max) | 1-min load |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
];
const summary: Record<string, unknown> = {};
for (const [name, list] of runs) {
  const times = list.map((run) => run.coldMs ?? run.wallMs);
  const { min, median: mid } = stat(times);
  const warm =
    list[0]?.warmMs === undefined
      ? ""
      : ` (warm ${stat(list.map((run) => run.warmMs as number)).min.toFixed(0)})`;
  const rss = Math.max(...list.map((run) => run.rssMB));
  const loads = list.map((run) => run.load);
  const cpu = stat(list.map((run) => run.coldCpuMs ?? run.cpuMs));
  lines.push(
    `| ${name} | ${min.toFixed(0)} ms${warm} | ${mid.toFixed(0)} ms | ${cpu.min.toFixed(0)}, ${cpu.median.toFixed(0)} ms | ${rss.toFixed(0)} MB | ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} |`,
  );
  summary[name] = list;
}
process.stdout.write(`${lines.join("\n")}\n`);
const saved = join(work, `runs-${size}.json`);
writeFileSync(saved, JSON.stringify(summary, null, 1));
process.stdout.write(`runs: ${saved}\n`);
