import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.ts";
import {
  type AnyReducer,
  backlogReducer,
  cesReducer,
  csatReducer,
  escalationRateReducer,
  firstContactResolutionReducer,
  firstResponseTimeReducer,
  type GroupBy,
  metricsFor,
  npsReducer,
  presetReducers,
  reopenRateReducer,
  resolutionRateReducer,
  resolutionTimeReducer,
  rollup,
  type Ticket,
  ticketVolumeReducer,
} from "../index.ts";
import { readSurveyResponses, readTickets } from "../node/index.ts";
import { humanCell } from "./format.ts";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/cli/${name}`, import.meta.url));
const TICKETS_CSV = fixture("tickets.csv");
const TICKETS_NDJSON = fixture("tickets.ndjson");
const scratch = mkdtempSync(join(tmpdir(), "support-metrics-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = runCli;

const TICKET_METRICS = [
  "volume",
  "frt",
  "resolution",
  "one-touch",
  "reopen",
  "resolution-rate",
  "escalation",
  "backlog",
] as const;
const UNITS: Record<string, string> = {
  volume: "count",
  frt: "seconds",
  resolution: "seconds",
  "one-touch": "percent",
  reopen: "percent",
  "resolution-rate": "percent",
  escalation: "percent",
  backlog: "count",
};

/** The library called directly: what `report tickets.csv` must print. */
async function expectedTicketRows(file: string, by: GroupBy<Ticket> = { period: "month" }) {
  const tickets = await readTickets(file, { timeZone: "UTC" }).toArray();
  return rollup(tickets, {
    by,
    timeZone: "UTC",
    metrics: {
      volume: ticketVolumeReducer(),
      frt: firstResponseTimeReducer(),
      resolution: resolutionTimeReducer(),
      "one-touch": firstContactResolutionReducer(),
      reopen: reopenRateReducer(),
      "resolution-rate": resolutionRateReducer(),
      escalation: escalationRateReducer(),
      backlog: backlogReducer(),
    },
  }).filter((row) => row.period !== null) as unknown as Record<
    string,
    Record<string, unknown> & { value: number | null }
  >[];
}

/** Splits a simple CSV (the fixtures have no quoted commas) into rows of cells. */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
}

describe("report", () => {
  it("works with no options: month, UTC, the default ticket metrics, a table", async () => {
    const { code, stdout, stderr } = await run(["report", TICKETS_CSV]);
    expect(code).toBe(0);
    const expected = await expectedTicketRows(TICKETS_CSV);
    const lines = stdout.trimEnd().split("\n");
    const header = (lines[0] as string).split(/ {2,}/);
    expect(header[0]).toBe("period");
    const body = lines.slice(2).map((line) => line.trim().split(/ {2,}/));
    expect(body).toHaveLength(expected.length);
    expected.forEach((row, i) => {
      const cells = body[i] as string[];
      expect(cells[0]).toBe((row.period as unknown as { label: string }).label);
      for (const metric of TICKET_METRICS) {
        const column = header.findIndex((h) => h.replace(/ \(.*\)$/, "") === metric);
        expect(cells[column], `${metric} in ${cells[0]}`).toBe(
          humanCell(row[metric]?.value ?? null, UNITS[metric] as string),
        );
      }
    });
    expect(stderr).toContain("8 rows read, 8 valid, 0 rejected");
  });

  for (const file of [TICKETS_CSV, TICKETS_NDJSON]) {
    const name = file.endsWith("csv") ? "CSV" : "NDJSON";

    it(`gives the library's rows as JSON (${name} input)`, async () => {
      const { code, stdout } = await run(["report", file, "--format", "json", "--quiet"]);
      expect(code).toBe(0);
      const output = JSON.parse(stdout);
      const expected = await expectedTicketRows(file);
      expect(output.rows).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(output.meta).toMatchObject({ by: ["month"], timeZone: "UTC", kind: "tickets" });
      expect(output.summary).toMatchObject({ read: 8, valid: 8, rejected: 0 });
    });

    it(`gives the library's values in CSV, by month and channel (${name} input)`, async () => {
      const { code, stdout } = await run([
        "report",
        file,
        "--by",
        "month,channel",
        "--format",
        "csv",
        "-q",
      ]);
      expect(code).toBe(0);
      const [header, ...rows] = parseCsv(stdout);
      const expected = await expectedTicketRows(file, { period: "month", channel: "channel" });
      expect(rows).toHaveLength(expected.length);
      expected.forEach((row, i) => {
        const cells = rows[i] as string[];
        const cell = (column: string) => cells[(header as string[]).indexOf(column)];
        expect(cell("period")).toBe((row.period as unknown as { label: string }).label);
        for (const metric of TICKET_METRICS) {
          const value = row[metric]?.value ?? null;
          expect(cell(metric)).toBe(value === null ? "" : String(value));
        }
        expect(cell("frt_n")).toBe(String(row.frt?.n));
        expect(cell("reopen_n")).toBe(String(row.reopen?.denominator));
      });
    });

    it(`gives the library's values in Markdown (${name} input)`, async () => {
      const { code, stdout } = await run(["report", file, "--format", "markdown", "-q"]);
      expect(code).toBe(0);
      const lines = stdout.trimEnd().split("\n");
      const cells = (line: string) =>
        line
          .slice(2, -2)
          .split(" | ")
          .map((cell) => cell.trim());
      const header = cells(lines[0] as string).map((h) => h.replace(/ \(.*\)$/, ""));
      expect(lines[1]).toMatch(/^\| --- \| ---: \|/);
      const expected = await expectedTicketRows(file);
      expected.forEach((row, i) => {
        const body = cells(lines[i + 2] as string);
        for (const metric of TICKET_METRICS) {
          expect(body[header.indexOf(metric)]).toBe(
            humanCell(row[metric]?.value ?? null, UNITS[metric] as string),
          );
        }
      });
    });
  }

  it("detects survey responses and computes CSAT, NPS and CES", async () => {
    const { code, stdout } = await run([
      "report",
      fixture("surveys.csv"),
      "--format",
      "json",
      "-q",
    ]);
    expect(code).toBe(0);
    const responses = await readSurveyResponses(fixture("surveys.csv")).toArray();
    const expected = rollup(responses, {
      by: { period: "month" },
      timeZone: "UTC",
      metrics: { csat: csatReducer(), nps: npsReducer(), ces: cesReducer() },
    }).filter((row) => row.period !== null);
    const output = JSON.parse(stdout);
    expect(output.meta.kind).toBe("surveyResponses");
    expect(output.rows).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(output.rows.map((row: { csat: { value: number } }) => row.csat.value)).toEqual([
      50, 100,
    ]);
  });

  it("uses a schedule and a preset as presetReducers does", async () => {
    const { code, stdout } = await run([
      "report",
      TICKETS_CSV,
      "--schedule",
      fixture("hours.json"),
      "--preset",
      "zendesk",
      "--metrics",
      "frt,resolution",
      "--by",
      "none",
      "--format",
      "json",
      "-q",
    ]);
    expect(code).toBe(0);
    const schedule = JSON.parse(readFileSync(fixture("hours.json"), "utf8"));
    const reducers = presetReducers("zendesk", { schedule }).tickets;
    const tickets = await readTickets(TICKETS_CSV).toArray();
    const [expected] = rollup(tickets, {
      metrics: {
        frt: reducers.firstResponseTime as AnyReducer<Ticket>,
        resolution: reducers.resolutionTime as AnyReducer<Ticket>,
      },
    });
    expect(JSON.parse(stdout).rows).toEqual([JSON.parse(JSON.stringify(expected))]);
  });

  it("reads a file through a column mapping", async () => {
    const { code, stdout } = await run([
      "report",
      fixture("export.csv"),
      "--mapping",
      fixture("mapping.json"),
      "--tz",
      "UTC",
      "--metrics",
      "volume,backlog",
      "--format",
      "csv",
      "-q",
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe("period,volume,backlog\r\n2024-01,2,1\r\n");
  });

  it("writes --out, choosing the format from its extension", async () => {
    const out = join(scratch, "kpis.csv");
    const { code, stdout, stderr } = await run(["report", TICKETS_CSV, "--out", out]);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain(`wrote ${out}`);
    expect(readFileSync(out, "utf8")).toMatch(/^period,volume,frt,frt_n,/);
  });

  it("renders the HTML report", async () => {
    const out = join(scratch, "report.html");
    const { code } = await run([
      "report",
      TICKETS_CSV,
      "--by",
      "month,channel",
      "--out",
      out,
      "-q",
    ]);
    expect(code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^<!doctype html>/i);
  });

  it("escapes formula-looking cells in CSV output", async () => {
    const { stdout } = await run([
      "report",
      TICKETS_CSV,
      "--by",
      "month,channel",
      "--metrics",
      "volume",
      "--format",
      "csv",
      "-q",
    ]);
    expect(stdout).toContain("\r\n2024-02,'=HYPERLINK(),1\r\n");
    expect(stdout).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("refuses an unknown metric with exit code 1 and one line", async () => {
    const { code, stdout, stderr } = await run(["report", TICKETS_CSV, "--metrics", "frt,speed"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    // The names come from the catalogue: every metric over tickets.
    const known = metricsFor("tickets").map((metric) => metric.name);
    expect(known.slice(0, 4)).toEqual(["volume", "frt", "reply", "resolution"]);
    expect(stderr).toBe(
      `support-metrics: unknown metric "speed"; known metrics: ${known.join(", ")}\n`,
    );
  });

  it("leaves backlog out of the defaults without a period, and refuses it when asked for", async () => {
    const whole = await run(["report", TICKETS_CSV, "--by", "none", "--format", "json"]);
    expect(whole.code).toBe(0);
    const row = JSON.parse(whole.stdout).rows[0];
    expect(Object.keys(row)).not.toContain("backlog");
    expect(row.volume.value).toBe(8);
    const asked = await run(["report", TICKETS_CSV, "--by", "channel", "--metrics", "backlog"]);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toBe(
      'support-metrics: metric "backlog" is measured at each period\'s end: add a period to --by (day, week, isoWeek, month, quarter, year) or give --as-of\n',
    );
  });

  it("refuses a survey metric over tickets", async () => {
    const { code, stderr } = await run(["report", TICKETS_CSV, "--metrics", "csat"]);
    expect(code).toBe(1);
    expect(stderr).toContain('metric "csat" does not apply to tickets');
  });

  it("names a missing file, exit code 1", async () => {
    const missing = fixture("no-such.csv");
    const { code, stderr } = await run(["report", missing]);
    expect(code).toBe(1);
    expect(stderr).toBe(`support-metrics: ${missing}: no such file\n`);
  });

  it("reports usage errors without a stack trace", async () => {
    for (const argv of [
      ["report", TICKETS_CSV, "--bogus"],
      ["report"],
      ["report", TICKETS_CSV, "--format", "pdf"],
      ["report", TICKETS_CSV, "--tz", "Mars/Olympus"],
      ["report", TICKETS_CSV, "--by", "month,colour"],
      ["report", TICKETS_CSV, "--preset", "acme"],
      ["report", TICKETS_CSV, "--mapping", fixture("nothing.json")],
    ]) {
      const { code, stderr } = await run(argv);
      expect(code, argv.join(" ")).toBe(1);
      expect(stderr, argv.join(" ")).not.toMatch(/\n\s+at /);
    }
  });

  it("stops with exit code 2 under --strict when rows are rejected", async () => {
    const { code, stdout, stderr } = await run(["report", fixture("bad.csv"), "--strict"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(
      `${fixture("bad.csv")}: line 3, column "status" (status): must be one of`,
    );
    expect(stderr).toContain("3 of 5 rows rejected (--strict)");
  });

  it("reports rejected rows but still computes without --strict", async () => {
    const { code, stderr } = await run(["report", fixture("bad.csv"), "--metrics", "volume"]);
    expect(code).toBe(0);
    expect(stderr).toContain("5 rows read, 2 valid, 3 rejected");
    expect(stderr).toContain('line 4, column "createdAt" (createdAt)');
  });
});

describe("validate", () => {
  it("lists rejections (file, line, column, field, reason) and the summary; exit 0", async () => {
    const file = fixture("bad.csv");
    const { code, stdout } = await run(["validate", file]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("file\tline\tcolumn\tfield\treason");
    expect(lines[1]).toBe(
      `${file}\t3\tstatus\tstatus\tmust be one of "new", "open", "pending", "onHold", "solved", "closed", got "archived"`,
    );
    expect(lines[2]).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\t4\tcreatedAt\tcreatedAt\tmust be an ISO 8601`,
      ),
    );
    expect(lines[3]).toBe(`${file}\t5\t\t(row)\thas 3 fields, the header has 4`);
    expect(stdout).toContain("5 rows read: 2 valid, 3 rejected");
    expect(stdout).toContain("frt: 0 used, 2 excluded (unknownFirstResponse 2)");
  });

  it("exits 0 on a clean file, 2 under --strict with rejections, 1 on a usage error", async () => {
    expect((await run(["validate", TICKETS_CSV, "--strict"])).code).toBe(0);
    expect((await run(["validate", fixture("bad.csv"), "--strict"])).code).toBe(2);
    expect((await run(["validate"])).code).toBe(1);
    expect((await run(["validate", TICKETS_CSV, "--kind", "invoices"])).code).toBe(1);
  });

  it("names the file and line of a read error; exit 2", async () => {
    const file = fixture("unclosed.csv");
    const { code, stderr } = await run(["validate", file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(
        `^support-metrics: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line 3: .*never closed`,
      ),
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("SLA attainment (--policies)", () => {
  const POLICIES = fixture("policies.json");
  // policies.json on tickets.csv, judged as of the latest timestamp in the input (T8 resolved
  // 2024-03-01T09:00Z). Chat: first reply ≤ 10 min; Email: first reply ≤ 2 h, resolution ≤ 24 h
  // (calendar time, resolution = final); phone and "=HYPERLINK()" tickets match no policy.
  // Each target instance counts in the month it falls due:
  //   2024-01: T1 reply 1 h ✓, T1 resolved 3 h ✓, T2 reply 5 min ✓, T3 reply 30 min ✓,
  //            T3 resolved finally after 48 h ✗ (due 01-21)  → 4 achieved / 5 decided = 80 %
  //   2024-02: T5 reply 3 h ✗, T5 resolved 8 h ✓, T6 reply 2 min ✓, T8 reply 45 min ✓,
  //            T8 resolved after 48 h (2024 is a leap year) ✗ (due 02-29) → 3 / 5 = 60 %
  //   all:     7 achieved / 10 decided = 70 %
  it("adds the sla metric, by month and in one row, in JSON", async () => {
    const { code, stdout } = await run([
      "report",
      TICKETS_CSV,
      "--policies",
      POLICIES,
      "--format",
      "json",
      "-q",
    ]);
    expect(code).toBe(0);
    const { meta, rows } = JSON.parse(stdout);
    expect(meta.metrics).toContain("sla");
    expect(meta.asOf).toBe("2024-03-01T09:00:00.000Z");
    const sla = rows.map(
      (row: Record<string, { value: number | null; achieved: number; breached: number }>) => [
        (row.period as unknown as { label: string }).label,
        row.sla?.value,
        row.sla?.achieved,
        row.sla?.breached,
      ],
    );
    expect(sla).toEqual([
      ["2024-01", 80, 4, 1],
      ["2024-02", 60, 3, 2],
      ["2024-03", null, 0, 0],
    ]);
    const one = await run([
      "report",
      TICKETS_CSV,
      "--policies",
      POLICIES,
      "--metrics",
      "sla",
      "--by",
      "none",
      "--format",
      "json",
      "-q",
    ]);
    expect(one.code).toBe(0);
    const [row] = JSON.parse(one.stdout).rows;
    expect([row.sla.value, row.sla.achieved, row.sla.breached, row.sla.inProgress]).toEqual([
      70, 7, 3, 0,
    ]);
  });

  it("judges targets --as-of the given instant", async () => {
    // As of 2024-01-20T09:00Z: T3's reply (30 min) is met; its resolution, due 01-21, is still
    // running; T1 and T2 met both. February's tickets were created after asOf (excluded).
    const { code, stdout } = await run([
      "report",
      TICKETS_CSV,
      "--policies",
      POLICIES,
      "--as-of",
      "2024-01-20T09:00:00Z",
      "--metrics",
      "sla",
      "--by",
      "none",
      "--format",
      "json",
      "-q",
    ]);
    expect(code).toBe(0);
    const { meta, rows } = JSON.parse(stdout);
    expect(meta.asOf).toBe("2024-01-20T09:00:00.000Z");
    expect([rows[0].sla.value, rows[0].sla.achieved, rows[0].sla.inProgress]).toEqual([100, 4, 1]);
  });

  it("shows the SLA column in the table", async () => {
    const { code, stdout } = await run([
      "report",
      TICKETS_CSV,
      "--policies",
      POLICIES,
      "--metrics",
      "sla",
      "--format",
      "csv",
      "-q",
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe("period,sla,sla_n\r\n2024-01,80,5\r\n2024-02,60,5\r\n");
  });

  it("draws the SLA section of the HTML report", async () => {
    const { code, stdout } = await run([
      "report",
      TICKETS_CSV,
      "--policies",
      POLICIES,
      "--by",
      "month,channel",
      "--format",
      "html",
      "-q",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('data-chart="sla-targets"');
    expect(stdout).toMatch(/data-source="totals" data-row="0" data-field="value">80\.0 %/);
    expect(stdout).toMatch(/data-source="totals" data-row="1" data-field="value">60\.0 %/);
  });

  it("refuses sla without --policies, and business hours without --schedule", async () => {
    const bare = await run(["report", TICKETS_CSV, "--metrics", "sla"]);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('metric "sla" needs --policies');
    const business = join(scratch, "business.json");
    writeFileSync(
      business,
      JSON.stringify([
        { name: "B", targets: { firstReply: { minutes: 60, businessHours: true } } },
      ]),
    );
    const noSchedule = await run(["report", TICKETS_CSV, "--policies", business]);
    expect(noSchedule.code).toBe(1);
    expect(noSchedule.stderr).toContain(`--policies ${business}:`);
    expect(noSchedule.stderr).toContain("schedule must be given for business-hours targets");
    const withSchedule = await run([
      "report",
      TICKETS_CSV,
      "--policies",
      business,
      "--schedule",
      fixture("hours.json"),
      "--metrics",
      "sla",
      "-q",
    ]);
    expect(withSchedule.code).toBe(0);
  });

  it("names a bad policies file, exit code 1", async () => {
    const bad = join(scratch, "bad-policies.json");
    writeFileSync(bad, JSON.stringify([{ name: "X", targets: { firstReply: { minutes: -5 } } }]));
    const invalid = await run(["report", TICKETS_CSV, "--policies", bad]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(
      new RegExp(`^support-metrics: --policies ${bad.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}: `),
    );
    expect(invalid.stderr.trim().split("\n")).toHaveLength(1);
    const notArray = join(scratch, "object-policies.json");
    writeFileSync(notArray, "{}");
    const object = await run(["report", TICKETS_CSV, "--policies", notArray]);
    expect(object.code).toBe(1);
    expect(object.stderr).toContain(`--policies ${notArray}: must be a JSON array`);
    const missing = await run(["report", TICKETS_CSV, "--policies", fixture("none.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--policies");
    expect(missing.stderr).toContain("none.json: no such file");
  });
});

describe("progress and help", () => {
  it("shows throttled progress on a terminal, and none with --quiet or without one", async () => {
    let t = 0;
    const now = () => (t += 100); // every call 100 ms later: an update every third row or so
    const tty = await run(["validate", TICKETS_CSV], { isTTY: true, now });
    expect(tty.stderr).toMatch(/rows\/s, \d+%/);
    const updates = tty.stderr.split("\r\x1b[K").filter((part) => part.includes("rows/s"));
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(t / 250));
    expect((await run(["validate", TICKETS_CSV, "-q"], { isTTY: true, now })).stderr).toBe("");
    expect((await run(["validate", TICKETS_CSV], { isTTY: false, now })).stderr).toBe("");
  });

  it("prints help with examples for each command, exit 0", async () => {
    for (const argv of [["--help"], ["report", "--help"], ["validate", "--help"]]) {
      const { code, stdout } = await run(argv);
      expect(code).toBe(0);
      expect(stdout).toContain("Examples:");
      expect(stdout).toContain(
        `$ support-metrics ${argv[0] === "validate" ? "validate" : "report"}`,
      );
    }
  });
});
