/**
 * The staffing heatmap: one self-contained HTML page (inline CSS, no script, no network) that
 * draws a staffing table as weekday columns × interval rows, each cell the agents needed, its
 * shade growing with them. The `staffing` command writes it for `--format html`.
 */
import type { StaffingRow } from "../staffing/staffingTable.ts";
import { WEEKDAYS } from "../time/schedule.ts";
import { escapeHtml } from "./escape.ts";

/** What the page says about the table. */
export interface StaffingHeatmapMeta {
  title: string;
  generatedAt: Date;
  timeZone: string;
  /** One line on the targets, such as "80 % in 20 s, AHT 180 s, shrinkage 30 %". */
  targets: string;
}

const STYLE = `
:root{color-scheme:light;--ink:#1d2330;--muted:#5b6475;--line:#d9dde5}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:24px;margin:0 0 4px}.meta,.note{color:var(--muted);font-size:12px}
table{border-collapse:collapse;font-size:12px;margin:12px 0}th,td{padding:3px 8px;border:1px solid #fff;text-align:right;font-variant-numeric:tabular-nums}
th{color:var(--muted);font-weight:600}td.unknown{color:var(--muted);background:#f0f1f4}
`;

/**
 * The shade of a cell: white for 0 agents to a deep blue for the busiest interval, on a
 * square-root scale so that a quiet afternoon stays visible beside a peak ten times larger.
 */
function shade(agents: number, most: number): string {
  const share = most === 0 ? 0 : Math.sqrt(agents / most);
  const lightness = Math.round(97 - share * 55);
  const ink = lightness < 60 ? "#fff" : "#1d2330";
  return `background:hsl(212 70% ${lightness}%);color:${ink}`;
}

/**
 * Renders a staffing table as an HTML heatmap page. Interval rows in which no weekday has a
 * contact (the hours the line is closed) are left out and counted under the table; an
 * interval never observed shows "–" (unknown, not 0). Each cell's title gives the contacts,
 * the scheduled head count and the service level reached.
 *
 * @param rows - From `staffingTable`, one per interval of the week.
 * @param meta - The title, the zone and the targets, for the heading.
 * @returns The page.
 *
 * @example
 * const rows = [
 *   { weekday: "monday", start: "09:00", contacts: 100, traffic: 10, agents: 14, scheduled: 20, serviceLevel: 0.88835, occupancy: 0.714 },
 *   { weekday: "monday", start: "10:00", contacts: 0, traffic: 0, agents: 0, scheduled: 0, serviceLevel: null, occupancy: null },
 * ];
 * const page = renderStaffingHeatmap(rows, { title: "Staffing", generatedAt: new Date(0), timeZone: "UTC", targets: "80 % in 20 s" });
 * [page.includes(">14</td>"), page.includes("1 interval with no contact")]
 * //=> [true, true]
 */
export function renderStaffingHeatmap(
  rows: readonly StaffingRow[],
  meta: StaffingHeatmapMeta,
): string {
  const starts: string[] = [];
  const byStart = new Map<string, Map<string, StaffingRow>>();
  let most = 0;
  for (const row of rows) {
    let line = byStart.get(row.start);
    if (line === undefined) {
      line = new Map();
      byStart.set(row.start, line);
      starts.push(row.start);
    }
    line.set(row.weekday, row);
    most = Math.max(most, row.agents ?? 0);
  }
  const open = starts.filter((start) =>
    [...(byStart.get(start)?.values() ?? [])].some((row) => (row.contacts ?? 0) > 0),
  );
  const closed = starts.length - open.length;
  const header = `<tr><th>${escapeHtml(meta.timeZone)}</th>${WEEKDAYS.map((day) => `<th>${escapeHtml(day.slice(0, 3))}</th>`).join("")}</tr>`;
  const body = open.map((start) => {
    const line = byStart.get(start);
    const cells = WEEKDAYS.map((day) => {
      const row = line?.get(day);
      if (row === undefined || row.agents === null) return `<td class="unknown">–</td>`;
      const title = `${day} ${start}: ${row.contacts} contacts, ${row.agents} agents, ${row.scheduled} scheduled${row.serviceLevel === null ? "" : `, service level ${(100 * row.serviceLevel).toFixed(1)} %`}`;
      return `<td style="${shade(row.agents, most)}" title="${escapeHtml(title)}">${row.agents}</td>`;
    });
    return `<tr><th>${escapeHtml(start)}</th>${cells.join("")}</tr>`;
  });
  const hidden =
    closed > 0
      ? `${closed} interval${closed === 1 ? "" : "s"} with no contact on any day left out. `
      : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(meta.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(meta.title)}</h1><p class="meta">${escapeHtml(`Agents needed per interval (Erlang C) · ${meta.targets} · intervals in ${meta.timeZone} · generated ${meta.generatedAt.toISOString()}`)}</p></header>
<table id="staffing-heatmap"><thead>${header}</thead><tbody>
${body.join("\n")}
</tbody></table>
<p class="note">${escapeHtml(`${hidden}Each cell: agents on the phones; hover for contacts, the scheduled head count and the service level. "–": the interval never occurred in the data (unknown).`)}</p>
</body>
</html>
`;
}
