/**
 * docs/engines.md holds the per-dialect support table that scripts/dialectSupport.ts writes
 * (`npm run docs:dialects`), and the table says what the compiler does: a metric it marks as
 * compiling compiles, and the reasons are the compiler's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { END, START, supportTable } from "../scripts/dialectSupport.ts";

const ROOT = join(import.meta.dirname, "..");

describe("docs/engines.md", () => {
  const text = readFileSync(join(ROOT, "docs/engines.md"), "utf8");
  const block = text.slice(text.indexOf(START), text.indexOf(END) + END.length);

  test("holds the support table the compiler writes (npm run docs:dialects)", () => {
    // Compared cell by cell: the formatter pads the table's columns.
    const cells = (table: string) =>
      table
        .split("\n")
        .map((line) => line.split("|").map((cell) => cell.trim().replace(/^-+$/, "-")));
    expect(block.startsWith(START)).toBe(true);
    expect(cells(block)).toEqual(cells(supportTable()));
  });

  test("the table says what the compiler does on the dialects it knows", () => {
    const table = supportTable();
    const row = (metric: string) =>
      (table.split("\n").find((line) => line.startsWith(`| \`${metric}\` |`)) ?? "")
        .split("|")
        .slice(2, -1)
        .map((cell) => cell.trim());
    // duckdb, postgres, bigquery, snowflake, spark, trino
    expect(row("volume")).toEqual(["yes", "yes", "yes", "yes", "yes", "yes"]);
    expect(row("frt").map((cell) => cell.startsWith("no"))).toEqual([
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(table).toMatch(
      /\d+\. a duration's result holds its median, p90 and p95, and the bigquery dialect has no exact quantiles/,
    );
  });
});
