import { describe, expect, test } from "vitest";
import { SNOWFLAKE } from "./snowflake.ts";

const at = '"createdAt"';
const day = 'CAST(CONVERT_TIMEZONE(:1, "createdAt") AS DATE)';

describe("SNOWFLAKE", () => {
  test("writes a period's first local day as text, for every unit", () => {
    expect(SNOWFLAKE.periodStart("day", at, ":1", ":2")).toBe(`TO_CHAR(${day}, 'YYYY-MM-DD')`);
    expect(SNOWFLAKE.periodStart("quarter", at, ":1", ":2")).toBe(
      `TO_CHAR(DATE_TRUNC('QUARTER', ${day}), 'YYYY-MM-DD')`,
    );
    expect(SNOWFLAKE.periodStart("year", at, ":1", ":2")).toBe(
      `TO_CHAR(DATE_TRUNC('YEAR', ${day}), 'YYYY-MM-DD')`,
    );
    // DAYOFWEEKISO counts Monday as 1 and Sunday as 7, so mod 7 is Sunday 0: a Sunday with
    // weeks from Monday (1) goes back (0 − 1 + 7) mod 7 = 6 days.
    expect(SNOWFLAKE.periodStart("isoWeek", at, ":1", ":2")).toBe(
      `TO_CHAR(DATEADD(day, -MOD(MOD(DAYOFWEEKISO(${day}), 7) - CAST(:2 AS INTEGER) + 7, 7), ${day}), 'YYYY-MM-DD')`,
    );
  });

  test("filters aggregates with COUNT_IF and IFF, a missing column's NULL typed", () => {
    expect(SNOWFLAKE.countWhere('"r0" = 2')).toBe('COUNT_IF("r0" = 2)');
    expect(SNOWFLAKE.sumWhere("NULL", "c")).toBe("SUM(IFF(c, CAST(NULL AS DOUBLE), NULL))");
    expect(SNOWFLAKE.minWhere('"x"', "c")).toBe('MIN(IFF(c, "x", NULL))');
    expect(SNOWFLAKE.maxWhere('"x"', "c")).toBe('MAX(IFF(c, "x", NULL))');
  });

  test("takes exact quantiles with PERCENTILE_CONT, one per fraction, over the filtered values", () => {
    const each = (f: number) =>
      `PERCENTILE_CONT(${f}) WITHIN GROUP (ORDER BY IFF("r1" = -1, "s", NULL))`;
    expect(SNOWFLAKE.quantilesWhere?.('"s"', [0.5, 0.9, 0.95], '"r1" = -1')).toBe(
      `ARRAY_CONSTRUCT(${each(0.5)}, ${each(0.9)}, ${each(0.95)})`,
    );
  });

  test("binds by number, quotes with double quotes, reads object fields with GET", () => {
    expect([SNOWFLAKE.parameter(1), SNOWFLAKE.parameter(10)]).toEqual([":1", ":10"]);
    expect(SNOWFLAKE.quote('my "t"')).toBe('"my ""t"""');
    expect(SNOWFLAKE.member('"scale"', "it's")).toBe(`GET("scale", 'it''s')`);
    expect(SNOWFLAKE.epochMilliseconds(at)).toBe('DATE_PART(epoch_millisecond, "createdAt")');
    expect(SNOWFLAKE.asInstant(":3")).toBe("TO_TIMESTAMP_TZ(:3)");
  });
});
