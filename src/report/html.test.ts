import { describe, expect, test } from "vitest";
import { at, ticket } from "../../test/fixtures.ts";
import { rollup } from "../aggregate/rollup.ts";
import { firstResponseTimeReducer } from "../metrics/tickets/firstResponseTime.ts";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { combineResults } from "./combine.ts";
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
  metrics: ["volume", "frt"],
});

describe("renderHtmlReport", () => {
  const rows = rollup(tickets, { by: { period: "month" }, metrics, timeZone: "UTC" });
  const html = renderHtmlReport({ rows, tickets, meta: meta(["month"]) });

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
    const data = /<script type="application\/json" id="ticket-data">([\s\S]*?)<\/script>/.exec(
      html,
    );
    expect(data?.[1]).toContain("\\u003cscript\\u003e");
    const parsed = JSON.parse(data?.[1] ?? "null");
    expect(parsed.rows.map((row: unknown[]) => row[0])).toContain('<script>alert("id")</script>');
  });

  test("draws a chart per metric and the two distributions, as inline SVG", () => {
    for (const name of ["volume", "frt", "firstResponse-distribution"]) {
      expect(html).toMatch(new RegExp(`data-chart="${name}"><figcaption>[^<]*</figcaption><svg`));
    }
    expect(html).not.toContain('data-chart="resolution-distribution"'); // nothing resolved
  });

  test("shows the latest period's numbers, exactly, with the previous period's", () => {
    // February: 2 tickets, median first response of 2 h and 30 min = 75 min = 4500 s.
    expect(rows[1]?.frt.value).toBe(4500);
    expect(html).toContain('data-metric="volume" data-value="2" data-source="rows" data-row="1"');
    expect(html).toContain('data-metric="frt" data-value="4500" data-source="rows" data-row="1"');
    // January, the previous period: 2 tickets, median of 60 and 5 min = 32.5 min = 1950 s.
    expect(html).toContain('data-metric="frt" data-value="1950" data-source="rows" data-row="0"');
    expect(html).toContain("75.0 min");
  });

  test("combines rows by key into totals and draws breakdowns by that key", () => {
    const byChannel = rollup(tickets, {
      by: { period: "month", channel: "channel" },
      metrics,
      timeZone: "UTC",
    });
    const out = renderHtmlReport({ rows: byChannel, meta: meta(["month", "channel"]) });
    // Totals combined from channels: volume adds exactly; a median combines to the mean.
    expect(out).toContain('data-metric="volume" data-value="2" data-source="combined"');
    expect(out).toContain('data-metric="frt" data-value="4500" data-source="combined"');
    expect(out).toContain('data-chart="frt-by-channel"');
    expect(out).toContain('data-source="rows"');
  });

  test("a report without tickets has no ticket table, one without periods no trend", () => {
    const flat = rollup(tickets, { metrics });
    const out = renderHtmlReport({ rows: flat, meta: meta([]) });
    expect(out).not.toContain(`id="ticket-table"`);
    expect(out).toContain("no trend to draw");
    expect(out).toContain('data-metric="volume" data-value="4"');
  });
});

describe("escaping and combining", () => {
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
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(null)).toBe("");
  });
  test("combineResults adds rates, NPS and counts exactly", () => {
    expect(
      combineResults([
        { value: 50, numerator: 1, denominator: 2, excluded: {} },
        { value: 100, numerator: 2, denominator: 2, excluded: {} },
      ]).value,
    ).toBe(75);
    expect(
      combineResults([
        { value: 100, promoters: 1, passives: 0, detractors: 0, n: 1, excluded: {} },
        { value: -100, promoters: 0, passives: 1, detractors: 2, n: 3, excluded: {} },
      ]).value,
    ).toBe(-25);
    expect(
      combineResults([
        { value: 3, excluded: {} },
        { value: 4, excluded: {} },
      ]).value,
    ).toBe(7);
    expect(combineResults([]).value).toBeNull();
  });
});
