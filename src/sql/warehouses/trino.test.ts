import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { findMetric } from "../../metrics/catalogue.ts";
import type { MetricDefinition } from "../../metrics/define.ts";
import { quantile } from "../../reduce/results.ts";
import { queryRows } from "../businessDuckdb.testing.ts";
import { compileRollup } from "../compile.ts";
import { TRINO } from "./trino.ts";

const at = '"createdAt"';
const day = 'CAST(at_timezone("createdAt", ?) AS date)';

describe("TRINO", () => {
  test("writes a period's first local day as text, for every unit", () => {
    expect(TRINO.periodStart("day", at, "?", "?")).toBe(`CAST(${day} AS varchar)`);
    expect(TRINO.periodStart("quarter", at, "?", "?")).toBe(
      `CAST(date_trunc('quarter', ${day}) AS varchar)`,
    );
    expect(TRINO.periodStart("year", at, "?", "?")).toBe(
      `CAST(date_trunc('year', ${day}) AS varchar)`,
    );
    // day_of_week is ISO (Monday 1 ... Sunday 7), mod 7 Sunday 0: a Monday with weeks from
    // Sunday (0) goes back (1 − 0 + 7) mod 7 = 1 day.
    expect(TRINO.periodStart("week", at, "?", "?")).toBe(
      `CAST(date_add('day', -((day_of_week(${day}) % 7 - CAST(? AS integer) + 7) % 7), ${day}) AS varchar)`,
    );
  });

  test("filters aggregates with FILTER, a missing column's NULL typed", () => {
    expect(TRINO.countWhere("c")).toBe("count(*) FILTER (WHERE c)");
    expect(TRINO.sumWhere("NULL", "c")).toBe("sum(CAST(NULL AS double)) FILTER (WHERE c)");
    expect(TRINO.minWhere('"x"', "c")).toBe('min("x") FILTER (WHERE c)');
  });

  test("binds by position: a value once per marker, in the order of the text", () => {
    const frt = findMetric("frt") as MetricDefinition;
    const compiled = compileRollup({
      relation: { name: "tickets", columns: ["createdAt", "firstResponseAt", "channel"] },
      metrics: { frt: { metric: frt } },
      by: { period: "week", channel: "channel" },
      timeZone: "Europe/Paris",
      weekStartsOn: 0,
      range: { start: "2024-03-01", end: "2024-04-01" },
      dialect: TRINO,
    });
    const markers = compiled.sql.split("?").length - 1;
    expect(markers).toBe(compiled.parameters.length);
    // In the order of the text: the zone (the day, in the weekday), the week's first day, the
    // zone again (the day itself), then the range: from Sunday 25 February 2024, the week
    // holding 1 March, 00:00 in Paris (UTC+1), to the end of the week holding 31 March,
    // Sunday 7 April 00:00 in Paris (UTC+2, summer time since 31 March).
    expect(compiled.parameters).toEqual([
      "Europe/Paris",
      0,
      "Europe/Paris",
      "2024-02-24T23:00:00.000Z",
      "2024-04-06T22:00:00.000Z",
    ]);
    expect(compiled.sql).not.toContain("\u0000");
  });

  // The quantiles' lambda is plain arithmetic on an array: run it on DuckDB (its functions
  // renamed: element_at → list_extract, cardinality → len, zip_with over the fractions →
  // list_transform) and it must give the library's quantiles, to the last bit.
  test("interpolates its quantiles exactly as the library does (the lambda run on DuckDB)", async () => {
    const fractions = [0, 0.25, 0.5, 0.9, 0.95, 1];
    const sql = TRINO.quantilesWhere?.('"s"', fractions, "true") ?? "";
    const body = sql.slice(sql.indexOf("(p, a) -> ") + "(p, a) -> ".length, -1);
    const duckBody = body
      .replaceAll("element_at(", "list_extract(")
      .replaceAll("cardinality(", "len(");
    const ps = `[${fractions.map((f) => `${f}E0`).join(", ")}]`;
    const query = `SELECT list_transform(${ps}, p -> ${duckBody}) AS q FROM (SELECT list_sort(list(x)) AS a FROM (SELECT unnest(CAST(CAST(? AS VARCHAR) AS DOUBLE[])) AS x))`;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
          { minLength: 1, maxLength: 12 },
        ),
        async (values) => {
          // Bound as text: the test helper would type a list by its first value.
          const rows = await queryRows(query, [JSON.stringify(values)]);
          const sorted = [...values].sort((x, y) => x - y);
          const got = (rows[0] as { q: { items: unknown[] } }).q.items;
          expect(got).toEqual(fractions.map((p) => quantile(sorted, p)));
        },
      ),
      { numRuns: 60 },
    );
    // No values: null quantiles, never a subscript off the end.
    const none = await queryRows(
      `SELECT list_transform(${ps}, p -> ${duckBody}) AS q FROM (SELECT CAST([] AS DOUBLE[]) AS a)`,
    );
    expect((none[0] as { q: { items: unknown[] } }).q.items).toEqual(fractions.map(() => null));
  });
});
