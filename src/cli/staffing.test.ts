import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, scratchFolder } from "../../test/cli.ts";
import { rollup } from "../aggregate/rollup.ts";
import { metricsFor } from "../metrics/catalogue.ts";
import { readQueueContacts, readTickets } from "../node/namedReaders.ts";

const CALLS = fileURLToPath(new URL("../../examples/data/calls.csv", import.meta.url));
const TICKETS = fileURLToPath(new URL("../../test/fixtures/cli/tickets.csv", import.meta.url));
const SURVEYS = fileURLToPath(new URL("../../test/fixtures/cli/surveys.csv", import.meta.url));
const files = scratchFolder("staffing");

/** The worked example's flags: AHT 180 s, 80 % in 20 s, occupancy ≤ 0.85, shrinkage 0.3. */
const BOOK = [
  "--aht",
  "180",
  "--target",
  "20",
  "--service-level",
  "0.8",
  "--max-occupancy",
  "0.85",
  "--shrinkage",
  "0.3",
  "--interval",
  "30",
  "--tz",
  "Europe/Paris",
  "--from",
  "2024-03-04",
  "--to",
  "2024-03-18",
];

function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split("\r\n");
  const names = (header ?? "").split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [names[i], v])));
}

describe("support-metrics staffing", () => {
  it("sizes the worked example's Monday peak from the bundled call log", async () => {
    const { code, stdout, stderr } = await runCli(["staffing", CALLS, ...BOOK, "--format", "csv"]);
    expect(code).toBe(0);
    expect(stderr).toContain("1464 rows read, 1464 valid, 0 rejected");
    const rows = csvRows(stdout);
    // 7 days × 48 half hours.
    expect(rows).toHaveLength(336);
    const at = (weekday: string, start: string) =>
      rows.find((row) => row.weekday === weekday && row.start === start);
    const peak = at("monday", "09:00");
    // (120 + 80) / 2 Mondays = 100 calls; A = 100 × 180 / 1800 = 10 erlangs; Erlang C gives
    // 14 agents (SL 0.88835, occupancy 10 / 14), scheduled ⌈14 / 0.7⌉ = 20 (the book's vector).
    expect([peak?.contacts, peak?.traffic, peak?.agents, peak?.scheduled]).toEqual([
      "100",
      "10",
      "14",
      "20",
    ]);
    expect(Number(peak?.serviceLevel)).toBeCloseTo(0.88835, 5);
    expect(Number(peak?.occupancy)).toBeCloseTo(10 / 14, 10);
    // 8 calls: A = 0.8. Two agents: C(2, 0.8) = 0.2286, SL = 1 − 0.2286 × e^(−1.2 × 20/180)
    // = 0.79995, just short of 0.8; three it is, scheduled ⌈3 / 0.7⌉ = 5.
    const quiet = at("monday", "09:30");
    expect([quiet?.contacts, quiet?.traffic, quiet?.agents, quiet?.scheduled]).toEqual([
      "8",
      "0.8",
      "3",
      "5",
    ]);
    // Closed hours and the weekend: no contacts, no agents, no service level to speak of.
    expect(at("saturday", "10:00")).toMatchObject({ contacts: "0", agents: "0", serviceLevel: "" });
  });

  it("writes JSON with what was counted, and a table by default", async () => {
    const json = await runCli(["staffing", CALLS, ...BOOK, "--format", "json", "--quiet"]);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.meta).toMatchObject({
      kind: "queueContacts",
      ahtSeconds: 180,
      serviceLevel: 0.8,
      intervalMinutes: 30,
      counted: 1464,
    });
    expect(parsed.rows[18]).toMatchObject({ weekday: "monday", start: "09:00", agents: 14 });
    const table = await runCli(["staffing", CALLS, ...BOOK, "--quiet"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^weekday\s+start\s+contacts\s+traffic\s+agents/);
    expect(table.stdout).toMatch(/monday\s+09:00\s+100\s+10\s+14\s+20\s+0\.89\s+0\.71/);
  });

  it("draws the table as a heatmap page with --out x.html", async () => {
    const out = files.write("staffing.html", "");
    const { code, stderr } = await runCli(["staffing", CALLS, ...BOOK, "--out", out]);
    expect([code, stderr]).toEqual([0, expect.stringContaining(`wrote ${out}`)]);
    const { readFileSync } = await import("node:fs");
    const page = readFileSync(out, "utf8");
    expect(page).toContain(
      'title="monday 09:00: 100 contacts, 14 agents, 20 scheduled, service level 88.8 %">14</td>',
    );
    expect(page).toContain("80 % in 20 s, AHT 180 s, occupancy at most 85 %, shrinkage 30 %");
    // Open 09:00–17:00: 16 half hours drawn, the other 32 left out.
    expect(page.match(/<tr><th>\d\d:\d\d<\/th>/g)).toHaveLength(16);
    expect(page).toContain("32 intervals with no contact on any day left out.");
  });

  it("staffs from a ticket log by creation time, at hourly intervals by default", async () => {
    const { code, stdout } = await runCli([
      "staffing",
      TICKETS,
      "--aht",
      "600",
      "--target",
      "3600",
      "--format",
      "json",
      "--quiet",
    ]);
    expect(code).toBe(0);
    const { meta, rows } = JSON.parse(stdout);
    expect(meta.kind).toBe("tickets");
    expect(rows).toHaveLength(7 * 24);
    // Every valid ticket's creation is counted in an interval of the week.
    const tickets = await readTickets(TICKETS, { timeZone: "UTC" }).toArray();
    expect(meta.counted).toBe(tickets.length);
    expect(rows.some((row: { contacts: number | null }) => (row.contacts ?? 0) > 0)).toBe(true);
  });

  it("refuses what it cannot do before reading, with exit code 1", async () => {
    const cases: [string[], string][] = [
      [["staffing", CALLS], "staffing needs --aht <number>"],
      [["staffing", CALLS, "--aht", "ten"], '--aht must be a number, got "ten"'],
      [["staffing", CALLS, "--aht", "180", "--interval", "20"], "--interval must be 15, 30 or 60"],
      [
        ["staffing", CALLS, "--aht", "180", "--service-level", "1"],
        "staffing: serviceLevel must be",
      ],
      [["staffing", CALLS, "--aht", "180", "--from", "2024-03-04"], "--from and --to go together"],
      [["staffing", SURVEYS, "--aht", "180"], "staffing reads tickets or queue contacts"],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await runCli(argv);
      expect([code, stderr]).toEqual([1, expect.stringContaining(message)]);
    }
  });
});

describe("support-metrics report on queue contacts", () => {
  it("reports the catalogue's queue metrics by default, as the library computes them", async () => {
    const out = files.write("q.json", "");
    const { code } = await runCli([
      "report",
      CALLS,
      "--tz",
      "Europe/Paris",
      "--by",
      "week",
      "--format",
      "json",
      "--out",
      out,
      "--quiet",
    ]);
    expect(code).toBe(0);
    const { readFileSync } = await import("node:fs");
    const printed = JSON.parse(readFileSync(out, "utf8"));
    const contacts = await readQueueContacts(CALLS).toArray();
    const defaults = metricsFor("queueContacts").filter((metric) => metric.byDefault);
    const expected = rollup(contacts, {
      by: { period: "week" },
      timeZone: "Europe/Paris",
      metrics: Object.fromEntries(defaults.map((metric) => [metric.name, metric.reducer()])),
    });
    const rows = printed.rows ?? printed;
    expect(rows).toHaveLength(2);
    for (const metric of defaults) {
      expect(rows.map((row: Record<string, { value: number }>) => row[metric.name]?.value)).toEqual(
        expected.map((row) => (row[metric.name] as { value: number }).value),
      );
    }
  });
});
