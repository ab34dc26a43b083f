/**
 * The golden SQL is not only text: on the engines our tests run, the standard report's
 * queries (exactly the text of test/golden/duckdb.sql and test/golden/postgres.sql) run over a
 * few hundred random tickets and survey responses and give the rows the in-memory rollup
 * gives. DuckDB runs inside the test process; PostgreSQL is a real throwaway server.
 */
import fc from "fast-check";
import pg from "pg";
import { expect, test } from "vitest";
import { COMMON, goldenQueries, REPORT } from "../../scripts/goldenSql.ts";
import { type GroupBy, rollup } from "../../src/aggregate/rollup.ts";
import * as duckdbEngine from "../../src/duckdb/index.ts";
import * as postgresEngine from "../../src/postgres/index.ts";
import { duckdb } from "../../src/sql/businessDuckdb.testing.ts";
import type { CompiledRollup } from "../../src/sql/compile.ts";
import { DUCKDB } from "../../src/sql/dialect.ts";
import {
  rawSurvey,
  rawTicket,
  surveysOf,
  TICKET_COLUMNS,
  ticketsOf,
} from "../../src/sql/parityData.testing.ts";
import { POSTGRES } from "../../src/sql/postgres.ts";
import { postgresAvailable, startPostgres } from "../postgres/server.ts";
import { expectSameRows } from "../sqlParity.ts";

// Every field given (a first response left out alone would need its absent flag column).
const [raws] = fc.sample(fc.array(rawTicket, { minLength: 300, maxLength: 300 }), {
  seed: 16,
  numRuns: 1,
});
const tickets = ticketsOf(
  (raws ?? []).map((raw) => ({ ...raw, omitsResponse: false })),
  TICKET_COLUMNS,
);
const [surveyRaws] = fc.sample(fc.array(rawSurvey, { minLength: 300, maxLength: 300 }), {
  seed: 16,
  numRuns: 1,
});
const surveys = surveysOf(surveyRaws ?? []);
const records: Record<string, object[]> = { tickets, surveys };

/** Each golden query of `queries`, run by `run`, gives the in-memory rollup's rows. */
async function expectGoldenRows(
  queries: ReturnType<typeof goldenQueries>,
  run: (query: CompiledRollup) => Promise<Record<string, unknown>[]>,
): Promise<void> {
  expect(queries.map((query) => query.refused)).toEqual([[], []]);
  for (const [i, query] of queries.entries()) {
    const report = REPORT[i] as (typeof REPORT)[number];
    const actual = await run(query);
    const expected = rollup((records[query.relation] ?? []) as Record<string, unknown>[], {
      ...COMMON,
      by: COMMON.by as GroupBy<Record<string, unknown>>,
      metrics: Object.fromEntries(
        Object.entries(report.metrics).map(([name, entry]) => [
          name,
          entry.metric.reducer(entry.options as never),
        ]),
      ),
    });
    expect(expected.length).toBeGreaterThan(6);
    expectSameRows(actual, expected);
  }
}

test("the DuckDB golden SQL runs and gives the in-memory rollup's rows", async () => {
  const connection = await duckdb();
  await duckdbEngine.createRecordTable(connection, "tickets", "tickets", tickets);
  await duckdbEngine.createRecordTable(connection, "surveys", "surveyResponses", surveys);
  await expectGoldenRows(goldenQueries(DUCKDB), (query) =>
    duckdbEngine.runCompiled(connection, query),
  );
});

// One query per report on PostgreSQL too: its branches' padding is typed (src/sql/compile.ts).
test.skipIf(!postgresAvailable())(
  "the PostgreSQL golden SQL runs on a real server and gives the in-memory rollup's rows",
  { timeout: 120_000 },
  async () => {
    const server = await startPostgres();
    const client = new pg.Client({ connectionString: server.url });
    try {
      await client.connect();
      await postgresEngine.createRecordTable(client, "tickets", "tickets", tickets);
      await postgresEngine.createRecordTable(client, "surveys", "surveyResponses", surveys);
      await expectGoldenRows(goldenQueries(POSTGRES), (query) =>
        postgresEngine.runCompiled(client, query),
      );
    } finally {
      await client.end();
      server.stop();
    }
  },
);
