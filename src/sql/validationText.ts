/**
 * Text as the readers treat it, in SQL: JavaScript's `trim()` (which strips Unicode spaces,
 * not only ASCII ones) and the `show()` of a cell in a message (`JSON.stringify` of the first
 * 40 characters, then `…`). Plain SQL over `regexp_replace` and `replace`, which DuckDB and
 * PostgreSQL share.
 *
 * Not exact: `show()` counts UTF-16 code units and SQL counts code points, so a cell with
 * characters beyond U+FFFF (emoji) in its first 40 characters is cut later in SQL than in
 * JavaScript (the message differs; the row's outcome does not). The messages never decide
 * an outcome, so this only changes the wording of such a rejection.
 */

/** The characters JavaScript's `String.prototype.trim` strips, as a regular-expression class. */
const JS_SPACE =
  "[\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]";

/** A SQL literal of constant text (ours, never data). */
export function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * `text.trim()` in SQL.
 *
 * @example
 * jsTrim('"a"').startsWith("regexp_replace(")
 * //=> true
 */
export function jsTrim(expression: string): string {
  return `regexp_replace(${expression}, ${sqlText(`^${JS_SPACE}+|${JS_SPACE}+$`)}, '', 'g')`;
}

/** JSON.stringify's escapes of the characters below U+0020, other than the named ones. */
function controlEscapes(expression: string): string {
  let out = `replace(replace(${expression}, '\\', '\\\\'), '"', '\\"')`;
  const named: Record<number, string> = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r" };
  for (let code = 1; code < 32; code++) {
    const escaped = named[code] ?? `\\u${code.toString(16).padStart(4, "0")}`;
    out = `replace(${out}, chr(${code}), ${sqlText(escaped)})`;
  }
  return out;
}

/**
 * `show(text)` in SQL: the text in double quotes with JSON's escapes, cut after 40
 * characters with `…`.
 *
 * @example
 * showText("x").includes("'…'")
 * //=> true
 */
export function showText(expression: string): string {
  const cut = `CASE WHEN length(${expression}) > 40 THEN substr(${expression}, 1, 40) || '…' ELSE ${expression} END`;
  return `('"' || ${controlEscapes(cut)} || '"')`;
}
