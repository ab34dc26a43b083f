/**
 * The anchor's output format (bench-anchor REPORT.md, "Output format"), written from its
 * description: one JSON object with the three sections in key order; rows sorted by their
 * group keys in code-unit order, each row's keys sorted, one row per line; non-integers rounded
 * to 10 significant digits unless KPI_FLOAT_DIGITS=full.
 */

/** A cell as the rows give it: group keys are whatever the key function returned. */
type Cell = unknown;
type Row = Record<string, Cell>;

/** The report: three sections of rows. */
export interface AnchorReport {
  tickets_by_month_channel_priority: Row[];
  surveys_by_month_channel: Row[];
  backlog_by_month_end: Row[];
}

const GROUP_KEYS: Record<keyof AnchorReport, readonly string[]> = {
  backlog_by_month_end: ["month"],
  surveys_by_month_channel: ["month", "channel"],
  tickets_by_month_channel_priority: ["month", "channel", "priority"],
};

const fullPrecision = process.env.KPI_FLOAT_DIGITS === "full";

function cellText(value: Cell): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "null";
    if (!fullPrecision && !Number.isInteger(value))
      return JSON.stringify(Number(value.toPrecision(10)));
  }
  return JSON.stringify(value ?? null);
}

const byCodeUnits = (a: Cell, b: Cell) =>
  String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;

/** The report as the anchor's canonical JSON text. */
export function anchorJson(report: AnchorReport): string {
  const sections = (Object.keys(GROUP_KEYS) as (keyof AnchorReport)[]).sort();
  const lines = ["{"];
  sections.forEach((section, s) => {
    const keys = GROUP_KEYS[section];
    const rows = [...report[section]].sort((a, b) => {
      for (const key of keys) {
        const order = byCodeUnits(a[key] ?? null, b[key] ?? null);
        if (order !== 0) return order;
      }
      return 0;
    });
    lines.push(`${JSON.stringify(section)}: [`);
    rows.forEach((row, r) => {
      const cells = Object.keys(row)
        .sort()
        .map((key) => `${JSON.stringify(key)}: ${cellText(row[key] ?? null)}`);
      lines.push(`  {${cells.join(", ")}}${r < rows.length - 1 ? "," : ""}`);
    });
    lines.push(`]${s < sections.length - 1 ? "," : ""}`);
  });
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
