import { describe, expect, test } from "vitest";
import { SPARK } from "./spark.ts";

const at = "`createdAt`";
const day =
  "date_from_unix_date(CAST(floor(unix_micros(from_utc_timestamp(`createdAt`, :p1)) / 86400000000) AS INT))";

describe("SPARK", () => {
  test("writes a period's first local day as text, for every unit", () => {
    expect(SPARK.periodStart("day", at, ":p1", ":p2")).toBe(`CAST(${day} AS STRING)`);
    expect(SPARK.periodStart("month", at, ":p1", ":p2")).toBe(
      `CAST(trunc(${day}, 'MM') AS STRING)`,
    );
    expect(SPARK.periodStart("quarter", at, ":p1", ":p2")).toBe(
      `CAST(trunc(${day}, 'QUARTER') AS STRING)`,
    );
    expect(SPARK.periodStart("year", at, ":p1", ":p2")).toBe(
      `CAST(trunc(${day}, 'YEAR') AS STRING)`,
    );
    // dayofweek counts Sunday as 1: a Saturday (7) with weeks from Sunday (0) goes back
    // (7 − 1 − 0 + 7) mod 7 = 6 days.
    expect(SPARK.periodStart("week", at, ":p1", ":p2")).toBe(
      `CAST(date_sub(${day}, CAST((dayofweek(${day}) - 1 - CAST(:p2 AS INT) + 7) % 7 AS INT)) AS STRING)`,
    );
  });

  test("filters aggregates with FILTER, and takes exact quantiles with percentile", () => {
    expect(SPARK.countWhere("c")).toBe("count(*) FILTER (WHERE c)");
    expect(SPARK.sumWhere("NULL", "c")).toBe("sum(CAST(NULL AS DOUBLE)) FILTER (WHERE c)");
    expect(SPARK.maxWhere("`x`", "c")).toBe("max(`x`) FILTER (WHERE c)");
    expect(SPARK.quantilesWhere?.("`s`", [0.5, 0.9, 0.95], "c")).toBe(
      "percentile(`s`, array(0.5, 0.9, 0.95)) FILTER (WHERE c)",
    );
  });

  test("names its parameters, quotes with backticks (doubling one), reads struct fields", () => {
    expect(SPARK.parameter(7)).toBe(":p7");
    expect(SPARK.quote("a`b")).toBe("`a``b`");
    expect(SPARK.member("`scale`", "min")).toBe("`scale`.`min`");
    expect(SPARK.listHolds("`tags`", ":p1")).toBe("coalesce(array_contains(`tags`, :p1), false)");
  });
});
