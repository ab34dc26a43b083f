/**
 * The test cluster itself: rows inserted on the coordinator land on the shards (each shard
 * holds a part, the parts make the whole), a grouped aggregate on the coordinator gives the
 * hand-computed answer, and the planner pushes the aggregate to the shards.
 */

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresAvailable } from "./server.ts";
import { type ShardedPostgres, startShardedPostgres } from "./shards.ts";

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresAvailable())("a sharded PostgreSQL from postgres_fdw partitions", () => {
  let cluster: ShardedPostgres;
  beforeAll(async () => {
    cluster = await startShardedPostgres(2);
    await cluster.createTable("tickets", "id bigint NOT NULL, channel text, minutes int", "id");
    // 100 tickets: id 1..100, channel "email" for odd ids, "chat" for even, minutes = id.
    await query(
      cluster.coordinator.url,
      "INSERT INTO tickets SELECT i, CASE WHEN i % 2 = 1 THEN 'email' ELSE 'chat' END, i FROM generate_series(1, 100) AS i",
    );
  }, 120_000);
  afterAll(() => cluster?.stop());

  it("splits the rows between the shards, losing none", async () => {
    const counts = await Promise.all(
      cluster.shards.map(async (shard, i) => {
        const [row] = await query<{ n: string }>(
          shard.url,
          `SELECT count(*) AS n FROM tickets_shard${i}`,
        );
        return Number(row?.n);
      }),
    );
    // Hashing 100 ids into 2 partitions: both get some, together all 100.
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(counts[0]! + counts[1]!).toBe(100);
  });

  it("aggregates across the shards on the coordinator", async () => {
    const rows = await query<{ channel: string; n: string; total: string }>(
      cluster.coordinator.url,
      "SELECT channel, count(*) AS n, sum(minutes) AS total FROM tickets GROUP BY channel ORDER BY channel",
    );
    // chat: 2 + 4 + ... + 100 = 2 * (1 + ... + 50) = 2550; email: 1 + 3 + ... + 99 = 50² = 2500.
    expect(rows.map((r) => [r.channel, Number(r.n), Number(r.total)])).toEqual([
      ["chat", 50, 2550],
      ["email", 50, 2500],
    ]);
  });

  async function plan(sql: string): Promise<string> {
    const rows = await query<{ "QUERY PLAN": string }>(
      cluster.coordinator.url,
      `EXPLAIN (VERBOSE) ${sql}`,
    );
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  }

  it("aggregates partition by partition", async () => {
    // PostgreSQL 15's postgres_fdw cannot send a partial aggregate to a shard, so grouping by
    // another column aggregates each shard's rows apart on the coordinator, then combines.
    const text = await plan("SELECT channel, count(*) FROM tickets GROUP BY channel");
    expect(text.match(/Partial HashAggregate/g)?.length).toBe(2);
    expect(text).toContain("Finalize HashAggregate");
  });

  it("pushes the whole aggregate to the shards when the groups follow the partition key", async () => {
    const text = await plan("SELECT id, count(*) FROM tickets GROUP BY id");
    expect(
      text.match(/Remote SQL: SELECT id, count\(\*\) FROM public\.tickets_shard\d GROUP BY 1/g)
        ?.length,
    ).toBe(2);
  });
});
