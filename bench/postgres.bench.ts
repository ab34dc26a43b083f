import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDuckDB, runCompiled as runOnDuckDB } from "../src/duckdb/index.ts";
import { findMetric } from "../src/metrics/catalogue.ts";
import { runCompiled as runOnPostgres } from "../src/postgres/index.ts";
import { type CompiledRollup, compileRollup } from "../src/sql/compile.ts";
import { DUCKDB } from "../src/sql/dialect.ts";
import { POSTGRES } from "../src/sql/postgres.ts";
import { startPostgres } from "../test/postgres/server.ts";
import { startShardedPostgres } from "../test/postgres/shards.ts";
import { readCount } from "./common.ts";
import { writeTicketCsv } from "./ticketCsv.ts";

const METRICS = ["volume", "escalation", "frt", "resolution", "one-touch", "reopen"];
/** The columns written, with their PostgreSQL and DuckDB types. */
const COLUMNS: Record<string, [postgres: string, duckdb: string]> = {
  id: ["text", "VARCHAR"],
  createdAt: ["timestamptz", "TIMESTAMPTZ"],
  channel: ["text", "VARCHAR"],
  priority: ["text", "VARCHAR"],
  status: ["text", "VARCHAR"],
  firstResponseAt: ["timestamptz", "TIMESTAMPTZ"],
  firstResolvedAt: ["timestamptz", "TIMESTAMPTZ"],
  lastResolvedAt: ["timestamptz", "TIMESTAMPTZ"],
  reopenCount: ["bigint", "BIGINT"],
  agentReplyCount: ["bigint", "BIGINT"],
  escalated: ["boolean", "BOOLEAN"],
};
const NAMES = Object.keys(COLUMNS);

const n = readCount("BENCH_TICKETS", process.env.BENCH_TICKETS, 1_000_000);
const rounds = readCount("BENCH_ROUNDS", process.env.BENCH_ROUNDS, 3);

function compiled(dialect: typeof DUCKDB): CompiledRollup {
  return compileRollup({
    relation: { name: "tickets", columns: NAMES },
    metrics: Object.fromEntries(
      METRICS.map((name) => [name, { metric: findMetric(name) as never }]),
    ),
    by: { period: "month", channel: "channel" },
    timeZone: "Europe/Berlin",
    dialect,
  });
}

/** Milliseconds of `work`, and its result. */
async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

/** The report `rounds` times: min and median milliseconds, and the last rows. */
async function report(run: () => Promise<Record<string, unknown>[]>) {
  const times: number[] = [];
  let rows: Record<string, unknown>[] = [];
  for (let round = 0; round < rounds; round++) {
    const [ms, result] = await timed(run);
    times.push(ms);
    rows = result;
  }
  times.sort((a, b) => a - b);
  return { min: times[0] as number, median: times[Math.floor(times.length / 2)] as number, rows };
}

/** Counts exactly, other numbers to a relative 1e-9; a difference is thrown with its path. */
function same(a: unknown, b: unknown, path: string): void {
  if (typeof a === "number" && typeof b === "number") {
    const close =
      Number.isInteger(a) && Number.isInteger(b)
        ? a === b
        : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    if (!close) throw new Error(`${path}: ${a} against ${b}`);
    return;
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys)
      same(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    return;
  }
  if (a !== b) throw new Error(`${path}: ${String(a)} against ${String(b)}`);
}

const dir = mkdtempSync(join(tmpdir(), "support-metrics-pgbench-"));
// The servers run as the postgres user, which reads the file for COPY.
chmodSync(dir, 0o755);
const csv = join(dir, "tickets.csv");
const results: { engine: string; load: number; min: number; median: number; load1: string }[] = [];
try {
  const [written] = await timed(() => writeTicketCsv(csv, n, NAMES));
  chmodSync(csv, 0o644);
  console.error(`wrote ${n} tickets in ${(written / 1000).toFixed(1)} s`);
  const definition = NAMES.map((c) => `"${c}" ${COLUMNS[c]?.[0]}`).join(", ");

  // DuckDB
  const duck = await openDuckDB();
  const duckColumns = NAMES.map((c) => `'${c}': '${COLUMNS[c]?.[1]}'`).join(", ");
  const [duckLoad] = await timed(() =>
    duck.run(
      `CREATE TABLE tickets AS SELECT * FROM read_csv('${csv}', header = true, columns = {${duckColumns}})`,
    ),
  );
  const duckQuery = compiled(DUCKDB);
  const duckReport = await report(() => runOnDuckDB(duck, duckQuery));
  duck.closeSync();
  results.push({
    engine: "duckdb",
    load: duckLoad,
    ...duckReport,
    load1: loadavg()[0]?.toFixed(1) ?? "",
  });

  // One PostgreSQL server
  const server = await startPostgres();
  const pgQuery = compiled(POSTGRES);
  let pgRows: Record<string, unknown>[];
  try {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const [load] = await timed(async () => {
      await client.query(`CREATE TABLE tickets (${definition})`);
      await client.query(`COPY tickets FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
      await client.query("ANALYZE tickets");
    });
    const measured = await report(() => runOnPostgres(client, pgQuery));
    pgRows = measured.rows;
    results.push({ engine: "postgres", load, ...measured, load1: loadavg()[0]?.toFixed(1) ?? "" });
    await client.end();
  } finally {
    server.stop();
  }

  // A coordinator and two shards
  const cluster = await startShardedPostgres(2);
  let shardedRows: Record<string, unknown>[];
  try {
    await cluster.createTable("tickets", definition, "id");
    const client = new pg.Client({ connectionString: cluster.coordinator.url });
    await client.connect();
    const [load] = await timed(async () => {
      // Rows reach the shards in batches of 1,000 (postgres_fdw's batch_size, PostgreSQL 14+).
      for (let i = 0; i < cluster.shards.length; i++)
        await client.query(`ALTER SERVER shard${i} OPTIONS (ADD batch_size '1000')`);
      await client.query(`CREATE UNLOGGED TABLE staging (${definition})`);
      await client.query(`COPY staging FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
      await client.query("INSERT INTO tickets SELECT * FROM staging");
      await client.query("DROP TABLE staging");
    });
    // A new connection: the session reads enable_partitionwise_aggregate from the database.
    await client.end();
    const reader = new pg.Client({ connectionString: cluster.coordinator.url });
    await reader.connect();
    const measured = await report(() => runOnPostgres(reader, pgQuery));
    shardedRows = measured.rows;
    results.push({ engine: "sharded", load, ...measured, load1: loadavg()[0]?.toFixed(1) ?? "" });
    await reader.end();
  } finally {
    cluster.stop();
  }

  same(pgRows, duckReport.rows, "postgres against duckdb");
  same(shardedRows, duckReport.rows, "sharded against duckdb");
  console.log(`${n} tickets, ${rounds} rounds; the three engines' rows agree`);
  console.log("| engine | load | report min | report median | 1-min load |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const r of results)
    console.log(
      `| ${r.engine} | ${(r.load / 1000).toFixed(1)} s | ${(r.min / 1000).toFixed(2)} s | ${(r.median / 1000).toFixed(2)} s | ${r.load1} |`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
