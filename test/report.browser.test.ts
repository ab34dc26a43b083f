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
  reduce,
  resolutionTimeReducer,
  rollup,
  slaAttainmentReducer,
  slaPolicies,
  ticketVolumeReducer,
  validateSurveyResponses,
  validateTickets,
} from "../src/index.ts";
import { type ReportRow, reportDataReducer } from "../src/report/data.ts";
import { renderHtmlReport } from "../src/report/html.ts";
import { partAvailable } from "./systemParts.ts";

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

const hours = (h: number) => ({ minutes: 60 * h, businessHours: false });
const ticketMetrics = {
  volume: ticketVolumeReducer(),
  frt: firstResponseTimeReducer({ statistic: "median" }),
  resolution: resolutionTimeReducer({ statistic: "median" }),
  "one-touch": firstContactResolutionReducer(),
  backlog: backlogReducer(),
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
};
const surveyMetrics = { csat: csatReducer(), nps: npsReducer() };

const data = reduce(
  tickets,
  reportDataReducer({
    metrics: ticketMetrics,
    period: "month",
    keys: ["channel", "priority"],
    timeZone,
    range,
    timeOf: (ticket: (typeof tickets)[number]) => ticket.createdAt,
  }),
);
const surveyTotals = rollup(surveys, {
  by: { period: "month" },
  timeZone,
  range,
  metrics: surveyMetrics,
});
// One row per month with every metric: the two rollups cover the same months.
data.totals = data.totals.map((row, i) => {
  const survey = surveyTotals[i];
  expect(survey?.period?.start).toBe(row.period?.start);
  return { ...row, csat: survey?.csat, nps: survey?.nps };
});

const metrics = ["volume", "frt", "resolution", "one-touch", "backlog", "sla", "csat", "nps"];
const html = renderHtmlReport({
  data,
  metrics,
  meta: {
    title: "Support report: 500 generated tickets",
    generatedAt: new Date("2025-01-02T08:00:00Z"),
    by: ["month", "channel", "priority"],
    timeZone,
  },
});
const sources: Record<string, readonly ReportRow[]> = {
  totals: data.totals,
  "breakdown:channel": data.breakdowns.channel ?? [],
  "breakdown:priority": data.breakdowns.priority ?? [],
};

function lookup(source: string, row: number, metric: string, field: string): unknown {
  let value: unknown = sources[source]?.[row]?.[metric];
  for (const part of field.split("."))
    value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

const missing = !partAvailable(existsSync(CHROMIUM), "apt-get install chromium");
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
    expect(names).toContain("frt-distribution");
    expect(names).toContain("resolution-distribution");
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
    expect([...seen].sort()).toEqual(["breakdown:channel", "breakdown:priority", "totals"]);
    // The KPI cards show the latest complete month for every metric. (Rows whose period is
    // null, records no month could hold, come last and are not shown.)
    const label = /Latest complete period: <strong>([^<]+)<\/strong>/.exec(html)?.[1];
    expect(label === "2024-12" || label === "2024-11", label).toBe(true);
    const last = data.totals.map((row) => row.period?.label).lastIndexOf(label);
    expect(last).toBeGreaterThan(0);
    const cards = shown.filter(
      (cell) => cell.source === "totals" && cell.row === last && cell.field === "value",
    );
    // Every metric with a value that month has its card (a card with no value shows "–").
    const valued = metrics.filter(
      (metric) => (data.totals[last]?.[metric] as { value: unknown } | undefined)?.value != null,
    );
    expect(valued.length).toBeGreaterThanOrEqual(6);
    expect([...new Set(cards.map((cell) => cell.metric))].sort()).toEqual(valued.sort());
  });

  test("the ticket table sorts on a header click and filters as you type", async () => {
    const ids = () =>
      page.$$eval("#ticket-table tbody tr td:first-child", (cells) =>
        cells.map((cell) => cell.textContent ?? ""),
      );
    expect(await page.locator("#ticket-table tbody tr").count()).toBe(tickets.length);
    // The newest tickets first, as the data gave them.
    const block = /id="ticket-data">([\s\S]*?)<\/script>/.exec(html);
    const table = JSON.parse(block?.[1] ?? "null") as {
      columns: { name: string; kind: string }[];
      rows: unknown[][];
    };
    expect(await ids()).toEqual(table.rows.map((row) => String(row[0])));

    // Sorting by first response time sorts by the seconds behind the human text.
    const frt = table.columns.findIndex((column) => column.name === "First response time");
    const header = page.locator("#ticket-table thead th", { hasText: "First response time" });
    await header.click();
    const bySeconds = [...table.rows]
      .filter((row) => row[frt] !== null)
      .sort((a, b) => (a[frt] as number) - (b[frt] as number))
      .map((row) => row[frt]);
    const order = await ids();
    const secondsOf = new Map(table.rows.map((row) => [String(row[0]), row[frt]]));
    const shownSeconds = order.map((id) => secondsOf.get(id)).filter((s) => s !== null);
    expect(shownSeconds).toEqual(bySeconds);
    expect(secondsOf.get(order.at(-1) ?? "")).toBe(null); // unanswered tickets last
    const cell = await page.$eval(
      `#ticket-table tbody tr td:nth-child(${frt + 1})`,
      (td) => td.textContent ?? "",
    );
    expect(cell).toMatch(/^\d+ (s|min|h|d)( \d+ (s|min|h))?$/);
    await header.click();
    expect(await header.getAttribute("aria-sort")).toBe("descending");

    await page.locator("#ticket-filter").fill("chat");
    const shown = await page.locator("#ticket-table tbody tr").count();
    const expected = tickets.filter((t) => t.channel === "chat").length;
    expect(shown).toBeGreaterThanOrEqual(expected);
    expect(shown).toBeLessThan(tickets.length);
    expect(await page.locator("#ticket-count").textContent()).toBe(
      `${shown} of ${tickets.length} records`,
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
    expect(csv[0]).toMatch(/^id,/);
    expect(csv[0]).toContain(",First response time (s),Resolution time (s)");
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
