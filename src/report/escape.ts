/**
 * Escaping for the HTML report: text and attribute values, JSON inside a `<script>` element,
 * and CSV cells that a spreadsheet could read as a formula.
 */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text or an attribute value, safe anywhere in HTML outside `<script>` and `<style>`.
 *
 * @example
 * escapeHtml('<script>alert("x")</script>')
 * //=> "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
}

/**
 * JSON safe inside `<script type="application/json">`: `<`, `>`, `&` and the two line
 * separators JavaScript once treated as newlines are written as `\u` escapes, so no value can
 * close the element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * One CSV cell, the one every CSV the library writes uses (the CLI's output and the report's
 * export, whose page runs this very function): a text that a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`;
 * a cell with a comma, a quote, a line break or spaces at either end is quoted, quotes
 * doubled. Numbers are written as they are (a negative number is not text); no value is "".
 *
 * It uses nothing outside itself, so the report can inline its source into the page.
 *
 * @example
 * [csvCell("=SUM(A1:A9)"), csvCell("-1+2"), csvCell(-12), csvCell('a "b", c'), csvCell(null)]
 * //=> ["'=SUM(A1:A9)", "'-1+2", "-12", '"a ""b"", c"', ""]
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
