/**
 * A sharded PostgreSQL made of PostgreSQL's own parts, for the tests: a coordinator and two
 * shard servers on loopback ports. A table is declared on the coordinator as partitioned by
 * hash of a key, and each partition is a foreign table (postgres_fdw) living on one shard, so
 * rows inserted on the coordinator land on the shards and a query on the coordinator reads
 * them all. Partition-wise aggregation is on, so grouped aggregates are pushed to the shards
 * where the planner can. The same SQL that runs on one server runs here unchanged: that is
 * the point of the parity tests over it.
 */

import pg from "pg";
import { type PostgresServer, startPostgres } from "./server.ts";

/** A coordinator and its shards. */
export interface ShardedPostgres {
  /** The server queries are sent to. */
  readonly coordinator: PostgresServer;
  readonly shards: readonly PostgresServer[];
  /**
   * Declares a table on every shard and a hash-partitioned table over them on the
   * coordinator.
   *
   * @param name - The table's name (an identifier: letters, digits, `_`).
   * @param columns - Its column definitions, as in `CREATE TABLE name (...)`.
   * @param key - The column rows are distributed by.
   */
  createTable(name: string, columns: string, key: string): Promise<void>;
  /** Stops every server. */
  stop(): void;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Runs statements on one server with a fresh connection. */
async function execute(url: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Starts a coordinator and `count` shard servers and links them with postgres_fdw.
 *
 * @param count - The number of shards (default 2).
 */
export async function startShardedPostgres(count = 2): Promise<ShardedPostgres> {
  const servers: PostgresServer[] = [];
  try {
    // One after another: three initdb runs at once would only fight over two CPUs.
    for (let i = 0; i <= count; i++) servers.push(await startPostgres());
  } catch (error) {
    for (const server of servers) server.stop();
    throw error;
  }
  const [coordinator, ...shards] = servers as [PostgresServer, ...PostgresServer[]];
  await execute(coordinator.url, [
    "CREATE EXTENSION postgres_fdw",
    "ALTER DATABASE postgres SET enable_partitionwise_aggregate = on",
    "ALTER DATABASE postgres SET enable_partitionwise_join = on",
    ...shards.flatMap((shard, i) => [
      // async_capable lets the coordinator scan the shards at the same time.
      `CREATE SERVER shard${i} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '${shard.port}', dbname 'postgres', async_capable 'true', fetch_size '10000')`,
      `CREATE USER MAPPING FOR CURRENT_USER SERVER shard${i} OPTIONS (user 'postgres')`,
    ]),
  ]);
  return {
    coordinator,
    shards,
    async createTable(name, columns, key) {
      if (!IDENTIFIER.test(name) || !IDENTIFIER.test(key))
        throw new TypeError(`createTable: name and key must be identifiers, got ${name}, ${key}`);
      for (const [i, shard] of shards.entries())
        await execute(shard.url, [`CREATE TABLE ${name}_shard${i} (${columns})`]);
      await execute(coordinator.url, [
        `CREATE TABLE ${name} (${columns}) PARTITION BY HASH (${key})`,
        ...shards.map(
          (_, i) =>
            `CREATE FOREIGN TABLE ${name}_shard${i} PARTITION OF ${name} FOR VALUES WITH (MODULUS ${shards.length}, REMAINDER ${i}) SERVER shard${i} OPTIONS (table_name '${name}_shard${i}')`,
        ),
      ]);
    },
    stop() {
      for (const server of servers) server.stop();
    },
  };
}
