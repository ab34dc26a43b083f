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
 * One CSV cell: a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * prefixed with `'` so a spreadsheet shows it instead of running it (numbers are left alone),
 * then the cell is quoted when it holds a comma, a quote or a line break.
 *
 * @example
 * csvCell("=HYPERLINK(1)")
 * //=> "'=HYPERLINK(1)"
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value !== "number" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
