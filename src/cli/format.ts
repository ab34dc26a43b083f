/**
 * Output formats of `support-metrics report`: flat columns for table, CSV and Markdown, the
 * rollup rows as they are for JSON. CSV cells are escaped against formula injection.
 */
import type { MetricSpec } from "./metrics.ts";

/** The output formats. */
export const OUTPUT_FORMATS = ["table", "json", "csv", "markdown", "html"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A flat cell: text, a number, or nothing. */
export type Cell = string | number | null;

/** A flat table: column names and rows of cells. */
export interface Flat {
  columns: string[];
  /** The unit of each column (`""` for keys). */
  units: string[];
  rows: Cell[][];
}

type Row = Record<string, unknown>;

function countOf(result: Record<string, unknown>): number | null {
  if (typeof result.n === "number") return result.n;
  if (typeof result.denominator === "number") return result.denominator;
  return null;
}

/**
 * Flattens rollup rows: `period` (its label), one column per key, then per metric its `value`
 * and, where the result has one, its count (`n`, or a rate's denominator) as `<metric>_n`.
 * Values are exactly the library's (seconds, percentages, counts).
 */
export function flatten(
  rows: readonly Row[],
  keys: readonly string[],
  specs: readonly MetricSpec[],
): Flat {
  const hasPeriod = rows.some((row) => "period" in row);
  const columns: string[] = [];
  const units: string[] = [];
  if (hasPeriod) {
    columns.push("period");
    units.push("");
  }
  for (const key of keys) {
    columns.push(key);
    units.push("");
  }
  const withCount = specs.map((spec) =>
    rows.some((row) => countOf((row[spec.name] ?? {}) as Record<string, unknown>) !== null),
  );
  specs.forEach((spec, i) => {
    columns.push(spec.name);
    units.push(spec.unit);
    if (withCount[i]) {
      columns.push(`${spec.name}_n`);
      units.push("count");
    }
  });
  const out = rows.map((row) => {
    const cells: Cell[] = [];
    if (hasPeriod) {
      const period = row.period as { label: string } | null | undefined;
      cells.push(period ? period.label : null);
    }
    for (const key of keys) {
      const value = row[key];
      cells.push(value === null || value === undefined ? null : (value as string | number));
    }
    specs.forEach((spec, i) => {
      const result = (row[spec.name] ?? {}) as Record<string, unknown>;
      cells.push(typeof result.value === "number" ? result.value : null);
      if (withCount[i]) cells.push(countOf(result));
    });
    return cells;
  });
  return { columns, units, rows: out };
}

const UNIT_SUFFIX: Record<string, string> = { seconds: " (h)", percent: " (%)" };

/**
 * A number for people: durations in hours, everything with at most 2 decimals.
 *
 * @example
 * [humanCell(5400, "seconds"), humanCell(33.3333, "percent"), humanCell(null, "count")]
 * //=> ["1.50", "33.33", "–"]
 */
export function humanCell(cell: Cell, unit: string): string {
  if (cell === null) return "–";
  if (typeof cell === "string") return cell;
  const value = unit === "seconds" ? cell / 3600 : cell;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function humanHeader(flat: Flat): string[] {
  return flat.columns.map((column, i) => `${column}${UNIT_SUFFIX[flat.units[i] ?? ""] ?? ""}`);
}

/** An aligned text table: keys left, numbers right. */
export function toTable(flat: Flat): string {
  const header = humanHeader(flat);
  const body = flat.rows.map((row) => row.map((cell, i) => humanCell(cell, flat.units[i] ?? "")));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        flat.units[i] === "" ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return `${[line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n")}\n`;
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A GitHub-flavoured Markdown table (numbers right-aligned). */
export function toMarkdown(flat: Flat): string {
  const header = humanHeader(flat).map(markdownCell);
  const align = flat.units.map((unit) => (unit === "" ? "---" : "---:"));
  const body = flat.rows.map((row) =>
    row.map((cell, i) => markdownCell(humanCell(cell, flat.units[i] ?? ""))),
  );
  return `${[header, align, ...body].map((cells) => `| ${cells.join(" | ")} |`).join("\n")}\n`;
}

/**
 * One CSV cell: a text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) gets a leading `'`; a cell with a comma, quote or line break
 * is quoted, quotes doubled. Numbers are written as they are (a negative number is not text).
 *
 * @example
 * [csvCell("=SUM(A1:A9)"), csvCell("-1+2"), csvCell(-12), csvCell('a "b", c')]
 * //=> ["'=SUM(A1:A9)", "'-1+2", "-12", '"a ""b"", c"']
 */
export function csvCell(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  let text = cell;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV (RFC 4180, CRLF line ends) with the raw values: durations in seconds. */
export function toCsv(flat: Flat): string {
  return `${[flat.columns, ...flat.rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
