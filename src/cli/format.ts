/**
 * Output formats of `support-metrics report`: flat columns for table, CSV and Markdown, the
 * rollup rows as they are for JSON. CSV cells are escaped against formula injection.
 */
import type { Unit } from "../metrics/define.ts";
import { csvCell } from "../report/escape.ts";

export { csvCell };

/** The output formats. */
export const OUTPUT_FORMATS = ["table", "json", "csv", "markdown", "html"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const BY_EXTENSION: Readonly<Record<string, OutputFormat>> = {
  json: "json",
  csv: "csv",
  md: "markdown",
  markdown: "markdown",
  html: "html",
  htm: "html",
};

/**
 * The output format: `--format`, else from `--out`'s extension, else a table.
 *
 * @example
 * [outputFormatOf(undefined, "kpis.md"), outputFormatOf("csv", "x.html"), outputFormatOf(undefined, undefined)]
 * //=> ["markdown", "csv", "table"]
 */
export function outputFormatOf(given: string | undefined, out: string | undefined): OutputFormat {
  if (given !== undefined) return given as OutputFormat;
  const ext = out === undefined ? undefined : /\.([^./\\]+)$/.exec(out)?.[1]?.toLowerCase();
  return (ext === undefined ? undefined : BY_EXTENSION[ext]) ?? "table";
}

/** A metric column of the output: its name and unit. */
export interface OutputMetric {
  column: string;
  unit: Unit;
}

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
  specs: readonly OutputMetric[],
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
    rows.some((row) => countOf((row[spec.column] ?? {}) as Record<string, unknown>) !== null),
  );
  // --interval and --change: their columns only where some row of the metric has them.
  const has = (spec: OutputMetric, field: string) =>
    rows.some((row) => ((row[spec.column] ?? {}) as Record<string, unknown>)[field] != null);
  const withInterval = specs.map((spec) => has(spec, "interval"));
  const withChange = specs.map((spec) =>
    rows.some((row) => "change" in ((row[spec.column] ?? {}) as object)),
  );
  specs.forEach((spec, i) => {
    columns.push(spec.column);
    units.push(spec.unit);
    if (withCount[i]) {
      columns.push(`${spec.column}_n`);
      units.push("count");
    }
    if (withInterval[i]) {
      columns.push(`${spec.column}_lower`, `${spec.column}_upper`);
      units.push(spec.unit, spec.unit);
    }
    if (withChange[i]) {
      columns.push(`${spec.column}_change`, `${spec.column}_p`, `${spec.column}_noise`);
      units.push(spec.unit, "p", "flag");
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
      const result = (row[spec.column] ?? {}) as Record<string, unknown>;
      cells.push(typeof result.value === "number" ? result.value : null);
      if (withCount[i]) cells.push(countOf(result));
      if (withInterval[i]) {
        const interval = result.interval as { lower: number; upper: number } | null | undefined;
        cells.push(interval?.lower ?? null, interval?.upper ?? null);
      }
      if (withChange[i]) {
        const change = result.change as
          | { difference: number; pValue: number | null; noise: boolean | null }
          | null
          | undefined;
        const noise = change?.noise;
        cells.push(
          change?.difference ?? null,
          change?.pValue ?? null,
          noise === true ? "noise" : noise === false ? "significant" : null,
        );
      }
    });
    return cells;
  });
  return { columns, units, rows: out };
}

/**
 * Text with its control characters made visible (`\x1b`, `\n`): a value from the data must
 * not move the cursor, clear the screen or break a line of the table it is shown in.
 *
 * @example
 * visible("a\u001b[2Jb\nc")
 * //=> "a\\x1b[2Jb\\nc"
 */
export function visible(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    if (char === "\n") return "\\n";
    if (char === "\r") return "\\r";
    if (char === "\t") return "\\t";
    const code = char.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
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
  if (typeof cell === "string") return visible(cell);
  // A p-value: four decimals, the smallest ones as a bound.
  if (unit === "p") return cell < 0.0001 ? "<0.0001" : cell.toFixed(4);
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

/**
 * A Markdown cell: pipes and backslashes escaped, HTML too, so no renderer runs a tag, and
 * brackets, so a value cannot become a link (`[x](javascript:...)`) or an image that calls out.
 */
function markdownCell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/[|[\]]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
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

/** CSV (RFC 4180, CRLF line ends) with the raw values: durations in seconds. */
export function toCsv(flat: Flat): string {
  return `${[flat.columns, ...flat.rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
