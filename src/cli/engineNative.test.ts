import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { afterEach, describe, expect, test } from "vitest";
import { runCli, scratchFolder } from "../../test/cli.ts";
import { compiling, expectSameRows } from "../../test/sqlParity.ts";
import { AUTO_DUCKDB_VARIABLE } from "./engineNative.ts";

// `report --engine duckdb` reading a CSV file itself (DuckDB parses it, SQL validates it)
// prints what `--engine js` prints: the same JSON rows (counts exactly, other numbers to a
// relative 1e-9), the same accounting in the JSON and on stderr (read, valid, rejected with
// line, field and reason, copies left out), the same exit code. Where the native path cannot
// read a file exactly, it says why in one line and the readers read it; the rows still agree.
// Long (about 470 lines): the files with every kind of rejection are written out here, beside
// the runs that read them.

const scratch = scratchFolder("native");

const TICKET_HEADER = [
  "id",
  "createdAt",
  "channel",
  "priority",
  "status",
  "customerId",
  "firstResponseAt",
  "firstResolvedAt",
  "lastResolvedAt",
  "closedAt",
  "reopenCount",
  "agentReplyCount",
  "handleSeconds",
  "escalated",
  "category",
  "tags",
  "source",
];

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
const cell = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** Plain tickets over two months, then rows the readers read with care or refuse. */
function ticketRows(): string[][] {
  const channels = ["email", "chat", "phone", "chat, web", 'say "hi"', ""];
  const rows: string[][] = [];
  for (let i = 0; i < 80; i++) {
    const day = 1 + (i % 28);
    const month = i % 3 === 0 ? "04" : "03";
    const created = `2024-${month}-${String(day).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:15:00Z`;
    const at = (hours: number) => new Date(Date.parse(created) + hours * 3_600_000).toISOString();
    const resolved = i % 4 !== 0;
    rows.push([
      `T${i}`,
      created,
      channels[i % channels.length] as string,
      i % 2 === 0 ? "high" : "low",
      resolved ? (i % 8 === 1 ? "" : "solved") : "open",
      `C${i % 7}`,
      i % 5 === 0 ? "" : at(1 + (i % 9)),
      resolved ? at(5 + i) : "",
      resolved && i % 3 === 0 ? at(40 + i) : "",
      resolved && i % 6 === 1 ? at(80 + i) : "",
      String(i % 3),
      String(1 + (i % 4)),
      i % 7 === 0 ? "" : `${i * 13}.5`,
      ["true", "false", "", "yes", "N", "1"][i % 6] as string,
      i % 2 === 0 ? "billing" : "account",
      i % 9 === 0 ? "vip, urgent" : "",
      i % 10 === 0 ? "zendesk" : "",
    ]);
  }
  const row = (values: Record<string, string>) =>
    TICKET_HEADER.map(
      (name) => values[name] ?? (name === "createdAt" ? "2024-03-10T10:00:00Z" : ""),
    );
  rows.push(
    // Read with care (the exact query), and kept.
    row({ id: "W1", createdAt: "2024-03-31 02:30:00", channel: "email" }), // a skipped hour
    row({ id: "W2", createdAt: "2024-10-27T02:30:00", channel: "chat" }), // a repeated hour
    row({
      id: "W3",
      createdAt: "2024-03-12T10:00:00+02:00",
      firstResponseAt: "2024-03-12T09:00:00.250Z",
    }),
    row({
      id: "W4",
      reopenCount: " 3 ",
      handleSeconds: "1e2",
      escalated: "Y",
      channel: "  phone ",
    }),
    row({
      id: "W5",
      reopenCount: "007",
      agentReplyCount: "2.0",
      status: "closed",
      closedAt: "2024-03-11T10:00:00Z",
    }),
    // Rejected.
    row({ id: "B1", createdAt: "yesterday" }),
    row({ id: "B2", createdAt: "2024-02-30T10:00:00Z" }),
    row({ id: "B3", firstResponseAt: "2024-03-09T10:00:00Z" }), // before its creation
    row({ id: "B4", closedAt: "2024-03-01T10:00:00Z" }),
    row({
      id: "B5",
      firstResolvedAt: "2024-03-12T10:00:00Z",
      lastResolvedAt: "2024-03-11T10:00:00Z",
    }),
    row({ id: "B6", status: "done" }),
    row({ id: "B7", reopenCount: "-1" }),
    row({ id: "B8", reopenCount: "1.5" }),
    row({ id: "B9", handleSeconds: "abc" }),
    row({ id: "B10", escalated: "maybe" }),
    row({ id: "" }),
    row({ id: "B12", handleSeconds: "-4" }),
    // Copies: the last one kept (trimmed ids are one id; a source label keeps ids apart).
    row({ id: "T5", createdAt: "2024-03-20T10:00:00Z", channel: "email" }),
    row({ id: " T7 ", createdAt: "2024-03-21T10:00:00Z" }),
    row({ id: "T10", source: "freshdesk", createdAt: "2024-03-22T10:00:00Z" }),
    row({ id: "T11", createdAt: "not a time" }), // the last copy, rejected
  );
  return rows;
}

/**
 * Writes a CSV file; `bom` and `crlf` as exports from Windows tools have them, `cr` (a lone
 * `\r` ending each line) as old Mac tools wrote them.
 */
function csv(
  name: string,
  header: string[],
  rows: string[][],
  { bom = false, crlf = false, cr = false } = {},
) {
  const end = crlf ? "\r\n" : cr ? "\r" : "\n";
  const text = [header.join(","), ...rows.map((row) => row.map(cell).join(","))].join(end) + end;
  return scratch.write(name, `${bom ? "\uFEFF" : ""}${text}`);
}

type Run = Awaited<ReturnType<typeof runCli>>;

/** The JSON output's rows and accounting. */
function output(run: Run) {
  const json = JSON.parse(run.stdout) as { rows: unknown[]; summary: unknown };
  return { rows: json.rows, summary: json.summary };
}

/** Both engines on the same arguments. */
async function both(args: string[]): Promise<{ js: Run; duckdb: Run }> {
  const js = await runCli([...args, "--engine", "js"]);
  const duckdb = await runCli([...args, "--engine", "duckdb"]);
  return { js, duckdb };
}

/** Same exit code, same stderr, same rows and accounting. */
function expectSame({ js, duckdb }: { js: Run; duckdb: Run }): void {
  expect(duckdb.code, duckdb.stderr).toBe(js.code);
  expect(duckdb.stderr).toBe(js.stderr);
  if (js.code !== 0) return;
  const a = output(duckdb);
  const b = output(js);
  expect(a.summary).toEqual(b.summary);
  expectSameRows(a.rows, b.rows);
}

describe("report --engine duckdb reading CSV itself", () => {
  const ticketMetrics = compiling("tickets", TICKET_HEADER);

  test("every ticket metric that compiles, with rejections, copies, quoted cells, CRLF and a BOM", async () => {
    expect(ticketMetrics).toEqual(
      expect.arrayContaining(["volume", "escalation", "frt", "resolution", "one-touch", "reopen"]),
    );
    const path = csv("tickets.csv", TICKET_HEADER, ticketRows(), { bom: true, crlf: true });
    const runs = await both([
      "report",
      path,
      "--by",
      "month,channel",
      "--tz",
      "Europe/Berlin",
      "--metrics",
      ticketMetrics.join(","),
      "--format",
      "json",
    ]);
    expectSame(runs);
    // The accounting the readers give: 101 rows, 12 + 1 rejected, 3 copies left out (T10
    // under another source label is no copy).
    expect(runs.duckdb.stderr).toContain(
      "tickets.csv: 101 rows read, 85 valid, 13 rejected, 3 repeated ids left out",
    );
    expect(runs.duckdb.stderr).toContain('line 87, column "createdAt" (createdAt): must be an ISO');
    expect(output(runs.duckdb).rows.length).toBeGreaterThan(8);
  });

  test("by priority and category, from a range, placed by creation, with a statistic", async () => {
    const path = csv("tickets-range.csv", TICKET_HEADER, ticketRows());
    expectSame(
      await both([
        "report",
        path,
        "--by",
        "week,priority,category",
        "--tz",
        "America/New_York",
        "--from",
        "2024-03-01",
        "--to",
        "2024-05-01",
        "--place-by",
        "created",
        "--statistic",
        "p90",
        "--metrics",
        "volume,frt,resolution,reopen,escalation",
        "--format",
        "json",
      ]),
    );
  });

  test("every survey metric that compiles, with scores off their scale and order contradictions", async () => {
    const header = ["id", "kind", "score", "sentAt", "respondedAt", "ticketId", "channel"];
    const rows: string[][] = [];
    const kinds = [
      ["csat", 5],
      ["nps", 10],
      ["ces", 7],
    ] as const;
    for (let i = 0; i < 60; i++) {
      const [kind, max] = kinds[i % 3] as (typeof kinds)[number];
      const sent = `2024-0${1 + (i % 3)}-${String(1 + (i % 27)).padStart(2, "0")}T08:00:00Z`;
      rows.push([
        `S${i}`,
        kind,
        i % 11 === 0 ? "" : String((i * 7) % (max + 1)),
        i % 13 === 0 ? "" : sent,
        i % 11 === 0 ? "" : new Date(Date.parse(sent) + i * 60_000).toISOString(),
        `T${i}`,
        ["email", "chat", ""][i % 3] as string,
      ]);
    }
    rows.push(
      ["X1", "csat", "6", "", "2024-01-05T10:00:00Z", "", ""],
      ["X2", "nps", "11", "", "2024-01-05T10:00:00Z", "", ""],
      ["X3", "csat", "4", "2024-01-05T10:00:00Z", "", "", ""],
      ["X4", "csat", "", "", "", "", ""],
      ["X5", "ces", "3", "2024-01-05T10:00:00Z", "2024-01-04T10:00:00Z", "", ""],
      ["X6", "stars", "3", "", "2024-01-05T10:00:00Z", "", ""],
      ["X7", "csat", "4.5", "", "2024-01-05T10:00:00Z", "", ""],
      ["S3", "nps", "9", "", "2024-02-05T10:00:00Z", "", "chat"],
    );
    const path = csv("surveys.csv", header, rows, { crlf: true });
    const metrics = compiling("surveyResponses", header);
    expect(metrics).toEqual(expect.arrayContaining(["csat", "nps", "ces"]));
    const runs = await both([
      "report",
      path,
      "--kind",
      "surveys",
      "--by",
      "month,channel",
      "--tz",
      "UTC",
      "--metrics",
      metrics.join(","),
      "--format",
      "json",
    ]);
    expectSame(runs);
    expect(runs.duckdb.stderr).toContain("surveys.csv: 68 rows read");
  });

  test("standard input: DuckDB reads its scratch copy like a file", async () => {
    const text = readFileSync(csv("stdin.csv", TICKET_HEADER, ticketRows()), "utf8");
    const argv = (engine: string) => [
      "report",
      "-",
      "--input-format",
      "csv",
      "--tz",
      "UTC",
      "--metrics",
      "volume,frt,reopen",
      "--format",
      "json",
      "--engine",
      engine,
    ];
    const js = await runCli(argv("js"), { stdin: Readable.from([text]) });
    const duckdb = await runCli(argv("duckdb"), { stdin: Readable.from([text]) });
    expectSame({ js, duckdb });
    expect(duckdb.stderr).toContain("-: 101 rows read, 85 valid, 13 rejected");
  });

  test("lines ended by a lone \\r, as the readers break them", async () => {
    const path = csv("tickets-cr.csv", TICKET_HEADER, ticketRows(), { cr: true });
    const runs = await both([
      "report",
      path,
      "--tz",
      "Europe/Berlin",
      "--metrics",
      ticketMetrics.join(","),
      "--format",
      "json",
    ]);
    // No fallback line: DuckDB read the file, with the readers' line numbers.
    expectSame(runs);
    expect(runs.duckdb.stderr).toContain('line 87, column "createdAt" (createdAt): must be an ISO');
  });

  test("--strict: the same rejections listed and exit code 2", async () => {
    const path = csv("strict.csv", TICKET_HEADER, ticketRows());
    const runs = await both(["report", path, "--tz", "UTC", "--strict", "--format", "json"]);
    expect(runs.js.code).toBe(2);
    expectSame(runs);
  });

  test("line numbers in a file DuckDB reads in parallel", async () => {
    // About 6 MB: DuckDB reads it in several buffers; the rejections sit near the end.
    const rows: string[][] = [];
    for (let i = 0; i < 120_000; i++)
      rows.push([
        `T${i}`,
        `2024-0${1 + (i % 9)}-11T10:${String(i % 60).padStart(2, "0")}:00Z`,
        "email",
      ]);
    for (const at of [70_001, 119_990]) (rows[at] as string[])[1] = "soon";
    const path = csv("large.csv", ["id", "createdAt", "channel"], rows);
    const runs = await both([
      "report",
      path,
      "--tz",
      "UTC",
      "--metrics",
      "volume",
      "--format",
      "json",
    ]);
    expectSame(runs);
    expect(runs.duckdb.stderr).toContain('line 70003, column "createdAt"');
    expect(runs.duckdb.stderr).toContain('line 119992, column "createdAt"');
  });
});

describe("what the native path leaves to the readers, saying why", () => {
  const plain = () => ticketRows().filter((row) => /^T\d+$/.test(row[0] as string));
  const args = (path: string, more: string[] = []) => [
    "report",
    path,
    "--tz",
    "Europe/Berlin",
    "--metrics",
    "volume,frt,resolution",
    "--format",
    "json",
    ...more,
  ];
  /** The engines agree, and `--engine duckdb` said why it fell back (and only then). */
  function expectFallBack(runs: { js: Run; duckdb: Run }, why: string): void {
    const lines = runs.duckdb.stderr.split("\n");
    const said = lines.filter((line) => line.includes("--engine duckdb reads"));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(why);
    expect(lines.filter((line) => !said.includes(line)).join("\n")).toBe(runs.js.stderr);
    expect(runs.duckdb.code).toBe(runs.js.code);
    if (runs.js.code === 0) expectSameRows(output(runs.duckdb).rows, output(runs.js).rows);
  }

  test("NDJSON: JSON values are typed where the SQL validation reads text", async () => {
    const records = plain().map((row) =>
      Object.fromEntries(
        TICKET_HEADER.map((name, i) => [name, row[i] === "" ? null : row[i]]).filter(
          ([name]) => name !== "tags",
        ),
      ),
    );
    const path = scratch.write("tickets.ndjson", records.map((r) => JSON.stringify(r)).join("\n"));
    expectFallBack(await both(args(path)), "ndjson values are typed");
  });

  test("a quoted cell spanning lines: rows are not lines", async () => {
    const rows = plain();
    (rows[3] as string[])[14] = "two\nlines";
    expectFallBack(
      await both(args(csv("multiline.csv", TICKET_HEADER, rows))),
      "a quoted cell spans lines or a line is blank",
    );
  });

  test("a lone \\r in a quoted cell: a line break for the readers, none for DuckDB's rows", async () => {
    // Every row, rejections included, so that the lines after the cell are printed.
    const rows = ticketRows();
    (rows[3] as string[])[14] = "two\rlines";
    expectFallBack(
      await both(args(csv("lone-cr.csv", TICKET_HEADER, rows))),
      "a quoted cell spans lines or a line is blank",
    );
  });

  test("several files, --duplicates first, a mapping, a quoted header", async () => {
    const path = csv("plain.csv", TICKET_HEADER, plain());
    const other = csv("other.csv", TICKET_HEADER, plain().slice(0, 5));
    expectFallBack(await both(args(path, [other])), "several files share one ledger");
    expectFallBack(
      await both(args(path, ["--duplicates", "first"])),
      "--duplicates first is applied by the readers",
    );
    const mapping = scratch.write("mapping.json", JSON.stringify({ id: "id" }));
    expectFallBack(
      await both(args(path, ["--mapping", mapping, "--kind", "tickets"])),
      "--mapping is applied",
    );
    const quoted = csv(
      "quoted.csv",
      TICKET_HEADER.map((name) => `"${name}"`),
      plain(),
    );
    expectFallBack(await both(args(quoted)), "the header has quoted names");
  });

  test("without --tz: a first rejected row with a zone-less time stops both; another falls back", async () => {
    const rows = plain();
    const zoneless = rows.map((row) => [...row]);
    (zoneless[4] as string[])[1] = "2024-03-05 10:00:00";
    (zoneless[9] as string[])[1] = "garbage";
    const stop = await both([
      "report",
      csv("zoneless.csv", TICKET_HEADER, zoneless),
      "--metrics",
      "volume",
      "--format",
      "json",
    ]);
    expect(stop.js.code).toBe(2);
    expect(stop.js.stderr).toContain('line 6: column "createdAt" has timestamps without a zone');
    expectSame(stop);
    const other = rows.map((row) => [...row]);
    (other[4] as string[])[1] = "garbage";
    const runs = await both([
      "report",
      csv("garbage.csv", TICKET_HEADER, other),
      "--metrics",
      "volume",
      "--format",
      "json",
    ]);
    expectFallBack(runs, "rows are rejected without --tz");
  });
});

describe("report without --engine on a large CSV file", () => {
  const saved = process.env[AUTO_DUCKDB_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[AUTO_DUCKDB_VARIABLE];
    else process.env[AUTO_DUCKDB_VARIABLE] = saved;
  });
  const path = csv("auto.csv", TICKET_HEADER, ticketRows());
  const args = ["report", path, "--tz", "Europe/Berlin", "--metrics", "volume,frt", "--format"];

  test("picks duckdb above the threshold, saying so, and prints what --engine js prints", async () => {
    process.env[AUTO_DUCKDB_VARIABLE] = "1000";
    const auto = await runCli([...args, "json"]);
    const js = await runCli([...args, "json", "--engine", "js"]);
    const [first, ...rest] = auto.stderr.split("\n");
    expect(first).toMatch(
      /^support-metrics: using --engine duckdb for a \d+ bytes file; --engine js to keep the in-memory engine$/,
    );
    expect(rest.join("\n")).toBe(js.stderr);
    expectSameRows(output(auto).rows, output(js).rows);
  });

  test("stays on js below the threshold, for html, and where the native path would fall back", async () => {
    const below = await runCli([...args, "json"]);
    expect(below.stderr).not.toContain("--engine duckdb");
    process.env[AUTO_DUCKDB_VARIABLE] = "1000";
    const html = await runCli([...args, "html", "--quiet"]);
    expect([html.code, html.stdout.startsWith("<!DOCTYPE html>")]).toEqual([0, true]);
    const twice = await runCli([...args, "json", "--duplicates", "first"]);
    expect(twice.stderr).not.toContain("--engine duckdb");
    // backlog has no SQL form: the in-memory engine computes it.
    const backlog = await runCli([
      ...args.slice(0, 4),
      "--metrics",
      "volume,backlog",
      "--format",
      "json",
    ]);
    expect([backlog.code, backlog.stderr.includes("--engine duckdb")]).toEqual([0, false]);
  });
});
