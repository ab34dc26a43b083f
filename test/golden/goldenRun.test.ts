/**
 * The golden SQL is not only text: on DuckDB, the one engine of the golden files that runs
 * inside the test process, the standard report's queries (exactly the text of
 * test/golden/duckdb.sql) run over a few hundred random tickets and survey responses and give
 * the rows the in-memory rollup gives.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { COMMON, goldenQueries, REPORT } from "../../scripts/goldenSql.ts";
import { type GroupBy, rollup } from "../../src/aggregate/rollup.ts";
import { createRecordTable, runCompiled } from "../../src/duckdb/index.ts";
import { duckdb } from "../../src/sql/businessDuckdb.testing.ts";
import { DUCKDB } from "../../src/sql/dialect.ts";
import {
  rawSurvey,
  rawTicket,
  surveysOf,
  TICKET_COLUMNS,
  ticketsOf,
} from "../../src/sql/parityData.testing.ts";
import { expectSameRows } from "../sqlParity.ts";

test("the DuckDB golden SQL runs and gives the in-memory rollup's rows", async () => {
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
  const connection = await duckdb();
  await createRecordTable(connection, "tickets", "tickets", tickets);
  await createRecordTable(connection, "surveys", "surveyResponses", surveys);
  const records: Record<string, object[]> = { tickets, surveys };

  const queries = goldenQueries(DUCKDB);
  expect(queries.map((query) => query.refused)).toEqual([[], []]);
  for (const [i, query] of queries.entries()) {
    const report = REPORT[i] as (typeof REPORT)[number];
    const actual = await runCompiled(connection, query);
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
});
