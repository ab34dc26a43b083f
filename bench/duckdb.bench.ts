/**
 * The standard ticket report (volume, escalation, first response, resolution, one-touch, reopen
 * by month and channel, Europe/Berlin) on a generated CSV of N tickets, four ways, each in its
 * own process (wall time and peak RSS of that process), rounds interleaved:
 *
 * - `hand`: DuckDB reads the CSV (typed columns) and runs a hand-written SQL query for the
 *   same figures (the comparison the issue asks for);
 * - `compiled`: DuckDB reads the same CSV the same way and runs the query the compiler writes
 *   (src/sql), rows decoded into rollup rows;
 * - `cli-duckdb`: `support-metrics report --engine duckdb`: DuckDB reads the CSV itself, the
 *   rows are validated in SQL as the readers validate them (src/duckdb/readFiles.ts), and the
 *   compiled query runs over the used rows (src/cli/engineNative.ts);
 * - `cli-js`: `support-metrics report --engine js`.
 *
 * The CLI ways run the built CLI, dist/cli.js, as `npx support-metrics` does (build it first:
 * `npm run build`), and are timed as whole processes. Through tsx, the TypeScript sources
 * were compiled at each start: about 1.5 s of a 3.6 s run at 1M was that, which no user pays.
 *
 *   npm run build && BENCH_TICKETS=1000000 BENCH_ROUNDS=2 \
 *     BENCH_WAYS=hand,compiled,cli-duckdb,cli-js npx tsx bench/duckdb.bench.ts
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCount } from "./common.ts";
import { writeTicketCsv } from "./ticketCsv.ts";

/** The CLI as the package ships it (package.json `bin`). */
const CLI = "dist/cli.js";

const METRICS = ["volume", "escalation", "frt", "resolution", "one-touch", "reopen"];
const COLUMNS = [
  "id",
  "createdAt",
  "channel",
  "priority",
  "status",
  "assigneeId",
  "groupId",
  "customerId",
  "firstResponseAt",
  "firstResolvedAt",
  "lastResolvedAt",
  "closedAt",
  "reopenCount",
  "agentReplyCount",
  "handleSeconds",
  "escalated",
  "category",
];

/** DuckDB's read of the CSV: typed columns named after the ticket's fields. */
function readCsv(path: string): string {
  const types: Record<string, string> = {
    createdAt: "TIMESTAMPTZ",
    firstResponseAt: "TIMESTAMPTZ",
    firstResolvedAt: "TIMESTAMPTZ",
    lastResolvedAt: "TIMESTAMPTZ",
    closedAt: "TIMESTAMPTZ",
    reopenCount: "BIGINT",
    agentReplyCount: "BIGINT",
    handleSeconds: "DOUBLE",
    escalated: "BOOLEAN",
  };
  const columns = COLUMNS.map((c) => `'${c}': '${types[c] ?? "VARCHAR"}'`).join(", ");
  return `read_csv('${path.replaceAll("'", "''")}', header = true, columns = {${columns}})`;
}

const HAND = `
SELECT month, channel, count(*) AS volume,
  count(*) FILTER (WHERE escalated) AS escalated, count(escalated) AS known,
  avg(frt) AS frt_mean, quantile_cont(frt, [0.5, 0.9, 0.95]) AS frt_q, count(frt) AS frt_n
FROM (SELECT strftime(timezone('Europe/Berlin', "createdAt"), '%Y-%m') AS month, channel, escalated,
  (epoch_ms("firstResponseAt") - epoch_ms("createdAt")) / 1000.0 AS frt FROM tickets)
GROUP BY ALL
UNION ALL
SELECT month, channel, count(*), count(*) FILTER (WHERE one), count(reopenCount),
  avg(res), quantile_cont(res, [0.5, 0.9, 0.95]), count(*) FILTER (WHERE reopenCount >= 1)
FROM (SELECT strftime(timezone('Europe/Berlin', "firstResolvedAt"), '%Y-%m') AS month, channel,
  reopenCount = 0 AND agentReplyCount = 1 AS one, reopenCount,
  (epoch_ms("firstResolvedAt") - epoch_ms("createdAt")) / 1000.0 AS res FROM tickets)
GROUP BY ALL`;

/** One way, in this process: prints `{ ms, rss }`. */
async function runWay(way: string, path: string): Promise<void> {
  let started = performance.now();
  if (way === "hand" || way === "compiled") {
    // Timed from the engine's start, once the TypeScript modules are loaded.
    const { openDuckDB, runCompiled, compileRollup } = await import("../src/duckdb/index.ts");
    const { findMetric } = await import("../src/metrics/catalogue.ts");
    started = performance.now();
    const connection = await openDuckDB();
    await connection.run(`CREATE TABLE tickets AS SELECT * FROM ${readCsv(path)}`);
    if (way === "hand") {
      (await connection.runAndReadAll(HAND)).getRowObjectsJS();
    } else {
      const compiled = compileRollup({
        relation: { name: "tickets", columns: COLUMNS },
        metrics: Object.fromEntries(
          METRICS.map((name) => [name, { metric: findMetric(name) as never }]),
        ),
        by: { period: "month", channel: "channel" },
        timeZone: "Europe/Berlin",
      });
      await runCompiled(connection, compiled);
    }
    connection.closeSync();
  } else {
    const engine = way === "cli-js" ? "js" : "duckdb";
    execFileSync(
      "node",
      [
        CLI,
        "report",
        path,
        "--by",
        "month,channel",
        "--tz",
        "Europe/Berlin",
        "--metrics",
        METRICS.join(","),
        "--format",
        "json",
        "--quiet",
        "--engine",
        engine,
        "--out",
        `${path}.${engine}.json`,
      ],
      { stdio: "inherit" },
    );
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
}

/**
 * Wall time and peak RSS of one way, in a fresh process: GNU time's maximum resident set
 * (of the process, or of the CLI's child for the CLI ways, whichever is larger).
 */
function measure(way: string, path: string): { ms: number; rss: number } {
  const result = spawnSync(
    "/usr/bin/time",
    ["-f", "RSS %M", "node", "--import", "tsx", "bench/duckdb.bench.ts", "--way", way, path],
    { encoding: "utf8" },
  );
  const rss = Number(/RSS (\d+)/.exec(result.stderr)?.[1] ?? Number.NaN) * 1024;
  const { ms } = JSON.parse(result.stdout) as { ms: number };
  return { ms, rss };
}

async function main(): Promise<void> {
  const wayAt = process.argv.indexOf("--way");
  if (wayAt > 0) {
    await runWay(process.argv[wayAt + 1] as string, process.argv[wayAt + 2] as string);
    return;
  }
  const n = readCount("BENCH_TICKETS", process.env.BENCH_TICKETS, 1_000_000);
  const rounds = readCount("BENCH_ROUNDS", process.env.BENCH_ROUNDS, 2);
  const ways = (process.env.BENCH_WAYS ?? "hand,compiled,cli-duckdb,cli-js").split(",");
  if (ways.some((way) => way.startsWith("cli-")) && !existsSync(CLI)) {
    throw new Error(`duckdb.bench: the CLI ways run ${CLI}; build it first (npm run build)`);
  }
  const folder = mkdtempSync(join(tmpdir(), "bench-duckdb-"));
  try {
    const path = join(folder, "tickets.csv");
    await writeTicketCsv(path, n, COLUMNS);
    const results: Record<string, { ms: number; rss: number }[]> = Object.fromEntries(
      ways.map((way) => [way, []]),
    );
    for (let round = 0; round < rounds; round++)
      for (const way of ways) results[way]?.push(measure(way, path));
    console.log(`${n} tickets, ${rounds} rounds, load ${(await import("node:os")).loadavg()[0]}`);
    if (ways.includes("cli-duckdb") && ways.includes("cli-js")) {
      // Both CLI ways must print the same rows (numbers to 9 significant digits).
      const rows = (engine: string) =>
        JSON.stringify(
          (JSON.parse(readFileSync(`${path}.${engine}.json`, "utf8")) as { rows: unknown }).rows,
          (_, value) => (typeof value === "number" ? Number(value.toPrecision(9)) : value),
        );
      console.log(
        `cli-duckdb rows ${rows("duckdb") === rows("js") ? "equal" : "DIFFER FROM"} cli-js rows`,
      );
    }
    for (const way of ways) {
      const runs = results[way] ?? [];
      const times = runs.map((r) => r.ms).sort((a, b) => a - b);
      console.log(
        `${way}: min ${(times[0] ?? 0).toFixed(0)} ms, median ${(times[Math.floor(times.length / 2)] ?? 0).toFixed(0)} ms, RSS ${runs.map((r) => (r.rss / 2 ** 20).toFixed(0)).join("/")} MB`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
