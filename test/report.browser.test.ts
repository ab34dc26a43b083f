/**
 * Opens the HTML report in real headless Chromium (Debian's chromium, driven by
 * playwright-core) from a file:// URL and checks what a reader sees: every chart rendered
 * with marks, every number shown equals the JSON it came from, the ticket table sorts,
 * filters and exports, hostile ticket text stays text, and the page asks for nothing over the
 * network. Saves a screenshot to the temp directory, or to docs/report-screenshot.png (the one
 * the README shows) when UPDATE_SCREENSHOT=1, so ordinary runs leave the work tree clean.
 *
 * Skipped only when /usr/bin/chromium is missing (.ci/run installs it).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateSurveys, generateTickets } from "../bench/generate.ts";
import {
  backlogReducer,
  csatReducer,
  firstContactResolutionReducer,
  firstResponseTimeReducer,
  npsReducer,
  resolutionTimeReducer,
  rollup,
  slaAttainmentReducer,
  slaPolicies,
  ticketVolumeReducer,
  validateSurveyResponses,
  validateTickets,
} from "../src/index.ts";
import { type ReportRow, renderHtmlReport } from "../src/report/html.ts";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT =
  process.env.UPDATE_SCREENSHOT === "1"
    ? fileURLToPath(new URL("../docs/report-screenshot.png", import.meta.url))
    : join(tmpdir(), `support-metrics-report-${process.pid}.png`);
const timeZone = "Europe/Berlin";
const range = { start: "2023-01-01", end: "2025-01-01" };

// 500 generated tickets, plus one whose text tries to run script.
const hostile = {
  id: "<script>window.__pwned=1</script>",
  createdAt: "2024-06-03T10:00:00+02:00",
  firstResponseAt: "2024-06-03T11:00:00+02:00",
  channel: "<img src=x onerror=window.__pwned=2>",
  priority: "normal",
  tags: ['=HYPERLINK("http://example.invalid")'],
};
const tickets = validateTickets([...generateTickets(500, 7), hostile], { strict: true }).records;
const surveys = validateSurveyResponses(generateSurveys(125, 7)).records;

const ticketMetrics = {
  volume: ticketVolumeReducer(),
  frt: firstResponseTimeReducer({ statistic: "median" }),
  resolution: resolutionTimeReducer({ statistic: "median" }),
  fcr: firstContactResolutionReducer(),
  backlog: backlogReducer(),
};
const surveyMetrics = { csat: csatReducer(), nps: npsReducer() };
const byPeriod = { period: "month" as const };

const rows = rollup(tickets, {
  by: { ...byPeriod, channel: "channel", priority: "priority" },
  timeZone,
  range,
  metrics: ticketMetrics,
}) as ReportRow[];
const ticketTotals = rollup(tickets, { by: byPeriod, timeZone, range, metrics: ticketMetrics });
const surveyTotals = rollup(surveys, { by: byPeriod, timeZone, range, metrics: surveyMetrics });
// One row per month with every metric: the two rollups cover the same months.
const totals: ReportRow[] = ticketTotals.map((row, i) => {
  const survey = surveyTotals[i];
  expect(survey?.period?.start).toBe(row.period?.start);
  return { ...row, csat: survey?.csat, nps: survey?.nps };
});
const breakdowns = {
  channel: rollup(tickets, {
    by: { ...byPeriod, channel: "channel" },
    timeZone,
    range,
    metrics: ticketMetrics,
  }) as ReportRow[],
  priority: rollup(tickets, {
    by: { ...byPeriod, priority: "priority" },
    timeZone,
    range,
    metrics: ticketMetrics,
  }) as ReportRow[],
};
const hours = (h: number) => ({ minutes: 60 * h, businessHours: false });
const sla = rollup(tickets, {
  by: { period: "quarter" },
  timeZone,
  range,
  metrics: {
    sla: slaAttainmentReducer({
      policies: slaPolicies([
        {
          name: "Urgent",
          priority: "urgent",
          targets: { firstReply: hours(1), resolution: hours(24) },
        },
        { name: "Standard", targets: { firstReply: hours(8), resolution: hours(72) } },
      ]),
      asOf: new Date("2025-01-01T00:00:00+01:00"),
    }),
  },
}) as ReportRow[];

const metrics = ["volume", "frt", "resolution", "fcr", "backlog", "csat", "nps"];
const html = renderHtmlReport({
  rows,
  totals,
  breakdowns,
  tickets,
  sla,
  meta: {
    title: "Support report: 500 generated tickets",
    generatedAt: new Date("2025-01-02T08:00:00Z"),
    by: ["month", "channel", "priority"],
    timeZone,
    metrics,
  },
});
const sources: Record<string, readonly ReportRow[]> = {
  rows,
  totals,
  sla,
  "breakdown:channel": breakdowns.channel,
  "breakdown:priority": breakdowns.priority,
};

function lookup(source: string, row: number, metric: string, field: string): unknown {
  let value: unknown = sources[source]?.[row]?.[metric];
  for (const part of field.split("."))
    value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

const missing = !existsSync(CHROMIUM);
const title = missing
  ? `the HTML report in headless Chromium (skipped: ${CHROMIUM} not found; apt-get install chromium)`
  : "the HTML report in headless Chromium";

describe.skipIf(missing)(title, () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "support-metrics-report-"));
    const file = join(dir, "report.html");
    writeFileSync(file, html);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on("request", (request) => requests.push(request.url()));
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("dialog", (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("every chart rendered an SVG with visible marks", async () => {
    const charts = await page.$$eval("[data-chart]", (figures) =>
      figures.map((figure) => {
        // The plot's SVG: the largest one (a legend adds small swatch SVGs).
        const box = [...figure.querySelectorAll("svg")]
          .map((svg) => svg.getBoundingClientRect())
          .sort((a, b) => b.width * b.height - a.width * a.height)[0];
        const marks = [...figure.querySelectorAll("svg g[aria-label]")]
          .filter((g) => !/axis|grid|rule|label|legend/.test(g.getAttribute("aria-label") ?? ""))
          .flatMap((g) => [...g.querySelectorAll("path, rect, circle")])
          .map((mark) => mark.getBoundingClientRect())
          .filter((rect) => rect.width + rect.height > 0).length;
        return {
          name: figure.getAttribute("data-chart"),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks,
        };
      }),
    );
    const names = charts.map((chart) => chart.name);
    for (const metric of metrics) expect(names).toContain(metric);
    expect(names).toContain("frt-by-channel");
    expect(names).toContain("resolution-by-priority");
    expect(names).toContain("firstResponse-distribution");
    expect(names).toContain("resolution-distribution");
    expect(names).toContain("sla");
    for (const chart of charts) {
      expect(chart.width, chart.name ?? "").toBeGreaterThan(100);
      expect(chart.height, chart.name ?? "").toBeGreaterThan(50);
      expect(chart.marks, chart.name ?? "").toBeGreaterThan(0);
    }
  });

  test("every number shown equals the value in the JSON it came from", async () => {
    const shown = await page.$$eval("[data-value]", (elements) =>
      elements.map((element) => ({
        metric: element.getAttribute("data-metric") ?? "",
        value: element.getAttribute("data-value") ?? "",
        source: element.getAttribute("data-source") ?? "",
        row: Number(element.getAttribute("data-row")),
        field: element.getAttribute("data-field") ?? "value",
        visible: element.getBoundingClientRect().width > 0,
      })),
    );
    expect(shown.length).toBeGreaterThan(50);
    const seen = new Set<string>();
    for (const cell of shown) {
      expect(cell.source, JSON.stringify(cell)).not.toBe("combined");
      const expected = lookup(cell.source, cell.row, cell.metric, cell.field);
      expect(Number(cell.value), JSON.stringify(cell)).toBe(expected);
      expect(cell.visible).toBe(true);
      seen.add(cell.source);
    }
    expect([...seen].sort()).toEqual(["breakdown:channel", "breakdown:priority", "sla", "totals"]);
    // The KPI cards show December 2024 (the last month) for every metric. (Rows whose period
    // is null, records no month could hold, come last and are not shown.)
    const last = totals.map((row) => row.period?.label).lastIndexOf("2024-12");
    expect(last).toBeGreaterThan(0);
    const cards = shown.filter((cell) => cell.source === "totals" && cell.row === last);
    expect(cards.map((cell) => cell.metric).sort()).toEqual([...metrics].sort());
  });

  test("the ticket table sorts on a header click and filters as you type", async () => {
    const column = (index: number) =>
      page.$$eval(`#ticket-table tbody tr td:nth-child(${index + 1})`, (cells) =>
        cells.map((cell) => cell.textContent ?? ""),
      );
    expect(await page.locator("#ticket-table tbody tr").count()).toBe(tickets.length);

    const header = page.locator("#ticket-table thead th", { hasText: "first response s" });
    await header.click();
    const ascending = (await column(5)).filter((text) => text !== "").map(Number);
    expect(ascending.length).toBeGreaterThan(400);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect((await column(5)).at(-1)).toBe(""); // unanswered tickets last
    await header.click();
    const descending = (await column(5)).filter((text) => text !== "").map(Number);
    expect(descending).toEqual([...ascending].sort((a, b) => b - a));
    expect(await header.getAttribute("aria-sort")).toBe("descending");

    await page.locator("#ticket-filter").fill("chat");
    const channels = await column(1);
    const expected = tickets.filter((t) => t.channel === "chat").length;
    expect(channels.length).toBeGreaterThanOrEqual(expected);
    expect(channels.length).toBeLessThan(tickets.length);
    expect(await page.locator("#ticket-count").textContent()).toBe(
      `${channels.length} of ${tickets.length} tickets`,
    );
    await page.locator("#ticket-filter").fill("");
    expect(await page.locator("#ticket-table tbody tr").count()).toBe(tickets.length);
  });

  test("hostile ticket text is shown as text and never runs", async () => {
    await page.locator("#ticket-filter").fill("__pwned=1");
    const cells = await page.$$eval("#ticket-table tbody tr td:first-child", (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(cells).toEqual([hostile.id]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
      undefined,
    );
    await page.locator("#ticket-filter").fill("");
  });

  test("Export CSV downloads the rows shown, with formulas neutralised", async () => {
    await page.locator("#ticket-filter").fill("HYPERLINK");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#ticket-export").click(),
    ]);
    expect(download.suggestedFilename()).toBe("tickets.csv");
    const path = await download.path();
    const csv = readFileSync(path, "utf8").trim().split("\r\n");
    expect(csv[0]).toBe(
      "id,channel,priority,status,created,first response s,resolution s,reopens,escalated,assignee,tags",
    );
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
    await page.locator("#ticket-filter").fill("");
  });

  test("no request left the file, no script error, and a screenshot is saved", async () => {
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url).toMatch(/^(file|blob|data):/);
    expect(errors).toEqual([]);
    // The top of the page: title, KPI cards and the first trend charts.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe("PNG");
  });
});
