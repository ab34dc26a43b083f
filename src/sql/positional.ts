/**
 * Parameters for an engine that binds them by position only (Trino's `?`): each `?` takes the
 * next value, so a value used twice must be given twice, in the order its markers appear in
 * the text. The compiler binds a value once and writes its marker wherever it is used, in
 * whatever order it writes the pieces; so it writes a numbered marker first (a NUL, the
 * number, a NUL: a NUL can be in no identifier, as quoting refuses it, nor in the compiler's
 * own constant texts) and turns the finished text into `?` markers here.
 */
import type { Dialect } from "./dialect.ts";
import type { SqlParameter } from "./expression.ts";

const NUL = String.fromCharCode(0);
const NUMBERED = new RegExp(`${NUL}(\\d+)${NUL}`, "g");

/**
 * The dialect with numbered markers in place of its own, when it binds by position; the
 * dialect itself otherwise.
 *
 * @example
 * import { DUCKDB } from "./dialect.ts";
 * const trinoLike = { ...DUCKDB, positional: true };
 * [numberedMarkers(DUCKDB) === DUCKDB, numberedMarkers(trinoLike).parameter(2)]
 * //=> [true, "\u00002\u0000"]
 */
export function numberedMarkers(dialect: Dialect): Dialect {
  if (!dialect.positional) return dialect;
  return { ...dialect, parameter: (index) => `${NUL}${index}${NUL}` };
}

/**
 * The text with every numbered marker turned into `?`, and the values in the order of those
 * markers (a value as often as its marker appears).
 *
 * @example
 * toPositional("x = \u00002\u0000 AND y = \u00001\u0000 AND z = \u00002\u0000", ["a", "b"])
 * //=> { sql: "x = ? AND y = ? AND z = ?", parameters: ["b", "a", "b"] }
 */
export function toPositional(
  sql: string,
  values: readonly SqlParameter[],
): { sql: string; parameters: SqlParameter[] } {
  const parameters: SqlParameter[] = [];
  const text = sql.replace(NUMBERED, (_marker, index: string) => {
    const n = Number(index);
    if (n < 1 || n > values.length)
      throw new RangeError(`toPositional: marker ${n} has no value (${values.length} bound)`);
    parameters.push(values[n - 1] as SqlParameter);
    return "?";
  });
  return { sql: text, parameters };
}
