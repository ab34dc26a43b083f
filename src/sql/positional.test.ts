import { describe, expect, test } from "vitest";
import { DUCKDB } from "./dialect.ts";
import { numberedMarkers, toPositional } from "./positional.ts";

describe("positional parameters", () => {
  test("a value is repeated for each of its markers, in the order of the text", () => {
    const marker = numberedMarkers({ ...DUCKDB, positional: true }).parameter;
    const sql = `a = ${marker(1)} AND b IN (${marker(2)}, ${marker(1)}) AND c = ${marker(10)}`;
    const values = ["one", 2, 3, 4, 5, 6, 7, 8, 9, true];
    // Marker 10 is not marker 1 followed by a 0: the NULs delimit the number.
    expect(toPositional(sql, values)).toEqual({
      sql: "a = ? AND b IN (?, ?) AND c = ?",
      parameters: ["one", 2, "one", true],
    });
  });

  test("a marker without its value is an error, not a shifted binding", () => {
    const marker = numberedMarkers({ ...DUCKDB, positional: true }).parameter;
    expect(() => toPositional(`x = ${marker(3)}`, ["a", "b"])).toThrow(
      new RangeError("toPositional: marker 3 has no value (2 bound)"),
    );
  });

  test("a text without markers is kept, with no values", () => {
    expect(toPositional("SELECT 1", ["unused"])).toEqual({ sql: "SELECT 1", parameters: [] });
  });
});
