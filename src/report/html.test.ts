import { describe, expect, test } from "vitest";
import { at, ticket } from "../../test/fixtures.ts";
import { firstResponseTimeReducer } from "../metrics/tickets/firstResponseTime.ts";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { reduce } from "../reduce/reduce.ts";
import type { Ticket } from "../schemas/ticket.ts";
import { reportDataReducer } from "./data.ts";
import { csvCell, escapeHtml, jsonForScript } from "./escape.ts";
import { renderHtmlReport } from "./html.ts";

const tickets = [
  ticket({
    id: "A1",
    channel: "email",
    createdAt: at("2024-01-10T09:00:00Z"),
    firstResponseAt: at("2024-01-10T10:00:00Z"),
  }),
  ticket({
    id: "A2",
    channel: "chat",
    createdAt: at("2024-01-11T09:00:00Z"),
    firstResponseAt: at("2024-01-11T09:05:00Z"),
  }),
  ticket({
    id: "A3",
    channel: "email",
    createdAt: at("2024-02-10T09:00:00Z"),
    firstResponseAt: at("2024-02-10T11:00:00Z"),
  }),
  ticket({
    id: '<script>alert("id")</script>',
    channel: "<img src=x onerror=alert(1)>",
    tags: ["</script><script>alert(2)</script>", "=cmd|' /C calc'!A0"],
    createdAt: at("2024-02-12T09:00:00Z"),
    firstResponseAt: at("2024-02-12T09:30:00Z"),
  }),
];
const metrics = {
  volume: ticketVolumeReducer(),
  frt: firstResponseTimeReducer({ statistic: "median" }),
};
const meta = (by: string[]) => ({
  title: "Support <b>report</b>",
  generatedAt: new Date("2024-03-01T00:00:00Z"),
  by,
  timeZone: "UTC",
});
const dataOf = (records: readonly Ticket[], keys: string[], period: "month" | null = "month") =>
  reduce(
    records,
    reportDataReducer({
      metrics,
      keys,
      timeZone: "UTC",
      ...(period ? { period } : {}),
      timeOf: (t: Ticket) => t.createdAt,
    }),
  );

describe("renderHtmlReport", () => {
  const data = dataOf(tickets, []);
  const html = renderHtmlReport({ data, metrics: ["volume", "frt"], meta: meta(["month"]) });

  test("is self-contained: no http(s) URL in any src or href, no external script or style", () => {
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).toMatch(/Content-Security-Policy/);
  });

  test("escapes hostile text: ticket ids, channels, tags and the title", () => {
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("</script><script>");
    expect(html).toContain("Support &lt;b&gt;report&lt;/b&gt;");
    // The one inline data block is JSON with `<` written as \u003c.
    const block = /<script type="application\/json" id="ticket-data">([\s\S]*?)<\/script>/.exec(
      html,
    );
    expect(block?.[1]).toContain("\\u003cscript\\u003e");
    const parsed = JSON.parse(block?.[1] ?? "null");
    expect(parsed.rows.map((row: unknown[]) => row[0])).toContain('<script>alert("id")</script>');
  });

  test("draws a trend per metric and the distribution of the metric that measures each ticket", () => {
    for (const name of ["volume", "frt", "frt-distribution"]) {
      expect(html).toMatch(new RegExp(`data-chart="${name}"><figcaption>[^<]*</figcaption><svg`));
    }
    // Volume counts tickets; it measures no number per ticket, so it has no distribution.
    expect(html).not.toContain('data-chart="volume-distribution"');
    // The four first responses: 60, 5, 120 and 30 minutes, one in each of the bins
    // 5–15 min, 30 min–1 h, 1–2 h and 2–4 h (a value on an edge belongs to the bin above).
    expect(data.distributions.frt?.bins.map((bin) => bin.count).slice(1, 7)).toEqual([
      0, 1, 0, 1, 1, 1,
    ]);
  });

  test("shows the latest period's numbers, exactly, with the previous period's", () => {
    // February: 2 tickets, median first response of 2 h and 30 min = 75 min = 4500 s.
    expect(data.totals[1]?.frt).toMatchObject({ value: 4500 });
    expect(html).toContain('data-metric="volume" data-value="2" data-source="totals" data-row="1"');
    expect(html).toContain('data-metric="frt" data-value="4500" data-source="totals" data-row="1"');
    // January, the previous period: 2 tickets, median of 60 and 5 min = 32.5 min = 1950 s.
    expect(html).toContain('data-metric="frt" data-value="1950" data-source="totals" data-row="0"');
    // One unit for the column: the medians are 32.5 and 75 minutes, so minutes.
    expect(html).toContain(">75.0 min<");
    // Both months are partial (the data starts on the 10th and ends on the 12th): said so.
    expect(html).toContain("partial");
  });

  test("compares the last complete period, not a tail of late resolutions after the data", () => {
    // Tickets every day of January and February; one resolved in March, after the data ends.
    const daily: Ticket[] = [];
    for (let day = 0; day < 60; day++) {
      const created = new Date(Date.UTC(2024, 0, 1, 12) + day * 86_400_000);
      daily.push(ticket({ id: `D${day}`, createdAt: created, firstResponseAt: created }));
    }
    const out = renderHtmlReport({
      data: dataOf(daily, []),
      metrics: ["volume"],
      meta: meta(["month"]),
    });
    // 2024-03 has no ticket created in it; February (29 days) ends 12 h after the last ticket,
    // within 1 % of its length, so it is the latest complete period.
    expect(out).toContain("Latest complete period: <strong>2024-02</strong>");
    expect(out).toContain('data-metric="volume" data-value="29" data-source="totals" data-row="1"');
  });

  test("draws breakdowns by each key, from exact rollups by period and that key", () => {
    const byChannel = dataOf(tickets, ["channel"]);
    const out = renderHtmlReport({
      data: byChannel,
      metrics: ["volume", "frt"],
      meta: meta(["month", "channel"]),
    });
    // Totals are their own rollup, not combined from channels: February's median is exact.
    expect(out).toContain('data-metric="frt" data-value="4500" data-source="totals"');
    expect(out).toContain('data-chart="frt-by-channel"');
    expect(out).toContain('data-source="breakdown:channel"');
  });

  test("shows the newest records first, with durations in seconds for sorting", () => {
    const block = /id="ticket-data">([\s\S]*?)<\/script>/.exec(html);
    const parsed = JSON.parse(block?.[1] ?? "null");
    const id = parsed.columns.findIndex((column: { name: string }) => column.name === "id");
    const frt = parsed.columns.findIndex(
      (column: { name: string; kind: string }) => column.kind === "duration",
    );
    expect(parsed.rows.map((row: unknown[]) => row[id])).toEqual([
      '<script>alert("id")</script>',
      "A3",
      "A2",
      "A1",
    ]);
    expect(parsed.rows.map((row: unknown[]) => row[frt])).toEqual([1800, 7200, 300, 3600]);
  });

  test("a report without periods has no trend", () => {
    const out = renderHtmlReport({
      data: dataOf(tickets, [], null),
      metrics: ["volume", "frt"],
      meta: meta([]),
    });
    expect(out).toContain("no trend to draw");
    expect(out).toContain('data-metric="volume" data-value="4"');
  });

  test("never shows Plot's warning glyph", () => {
    expect(html).not.toContain("\u26a0");
  });
});

describe("escaping", () => {
  test("escapeHtml escapes the five characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
  test("jsonForScript cannot close a script element", () => {
    expect(jsonForScript({ a: "</script>&\u2028" })).toBe(
      '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}',
    );
  });
  test("csvCell neutralises formulas and quotes separators", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell(-3)).toBe("-3");
  });
  test("the page's script uses the very csvCell tested here", () => {
    const html = renderHtmlReport({
      data: dataOf(tickets, []),
      metrics: ["volume"],
      meta: meta(["month"]),
    });
    expect(html).toContain(`var csvCell = ${csvCell.toString()};`);
  });
});
