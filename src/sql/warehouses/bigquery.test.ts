import { describe, expect, test } from "vitest";
import { findMetric } from "../../metrics/catalogue.ts";
import type { MetricDefinition } from "../../metrics/define.ts";
import { compileRollup, SqlRefusedError } from "../compile.ts";
import { BIGQUERY } from "./bigquery.ts";

const at = "`createdAt`";
const day = "DATE(`createdAt`, @p1)";

describe("BIGQUERY", () => {
  test("writes a period's first local day as text, for every unit", () => {
    expect(BIGQUERY.periodStart("day", at, "@p1", "@p2")).toBe(`CAST(${day} AS STRING)`);
    expect(BIGQUERY.periodStart("quarter", at, "@p1", "@p2")).toBe(
      `CAST(DATE_TRUNC(${day}, QUARTER) AS STRING)`,
    );
    expect(BIGQUERY.periodStart("year", at, "@p1", "@p2")).toBe(
      `CAST(DATE_TRUNC(${day}, YEAR) AS STRING)`,
    );
    // DAYOFWEEK counts Sunday as 1: a Wednesday (4) with weeks from Monday (1) goes back
    // (4 − 1 − 1 + 7) mod 7 = 2 days.
    expect(BIGQUERY.periodStart("isoWeek", at, "@p1", "@p2")).toBe(
      `CAST(DATE_SUB(${day}, INTERVAL MOD(EXTRACT(DAYOFWEEK FROM ${day}) - 1 - CAST(@p2 AS INT64) + 7, 7) DAY) AS STRING)`,
    );
  });

  test("filters aggregates with COUNTIF and IF, a missing column's NULL typed", () => {
    expect(BIGQUERY.countWhere("`r0` = -1")).toBe("COUNTIF(`r0` = -1)");
    expect(BIGQUERY.sumWhere("NULL", "`r0` = -1")).toBe(
      "SUM(IF(`r0` = -1, CAST(NULL AS FLOAT64), NULL))",
    );
    expect(BIGQUERY.minWhere("`x`", "c")).toBe("MIN(IF(c, `x`, NULL))");
    expect(BIGQUERY.maxWhere("`x`", "c")).toBe("MAX(IF(c, `x`, NULL))");
  });

  test("quotes with backticks, escaping a backtick and a backslash", () => {
    expect(BIGQUERY.quote("a`b\\c")).toBe("`a\\`b\\\\c`");
    expect(BIGQUERY.member("`scale`", "max")).toBe("`scale`.`max`");
    expect(() => BIGQUERY.quote("a\u0000")).toThrow(TypeError);
  });

  test("names its parameters and casts them", () => {
    expect([BIGQUERY.parameter(1), BIGQUERY.parameter(12)]).toEqual(["@p1", "@p12"]);
    expect(BIGQUERY.asDouble("@p1")).toBe("CAST(@p1 AS FLOAT64)");
    expect(BIGQUERY.asText("@p1")).toBe("CAST(@p1 AS STRING)");
    expect(BIGQUERY.asInstant("@p1")).toBe("CAST(@p1 AS TIMESTAMP)");
  });

  test("has no exact quantiles: the compiler refuses durations, with the reason, and keeps the rest", () => {
    const frt = findMetric("frt") as MetricDefinition;
    const volume = findMetric("volume") as MetricDefinition;
    const relation = { name: "tickets", columns: ["createdAt", "firstResponseAt"] };
    let refused: unknown;
    try {
      compileRollup({
        relation,
        metrics: { volume: { metric: volume }, frt: { metric: frt } },
        dialect: BIGQUERY,
      });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SqlRefusedError);
    const refusals = (refused as SqlRefusedError).refusals;
    expect(refusals.map((r) => r.name)).toEqual(["frt"]);
    expect(refusals[0]?.reason).toMatch(
      /^a duration's result holds its median, p90 and p95, and the bigquery dialect has no exact quantiles \(PERCENTILE_CONT is analytic only/,
    );
    const compiled = compileRollup({
      relation,
      metrics: { volume: { metric: volume } },
      dialect: BIGQUERY,
    });
    expect(compiled.sql).toBe(
      "SELECT 0 AS `branch`, NULL AS `period`, COUNTIF(`r0` = 0) AS `m0_x0`, COUNTIF(`r0` = -1) AS `m0_s_count`\n" +
        "FROM (SELECT *, CASE WHEN false THEN 0 ELSE -1 END AS `r0` FROM `tickets`) AS `counted`\n",
    );
  });
});
