import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { monthlyByChannel, runCli, scratchFolder } from "../../test/cli.ts";
import {
  type PostgresServer,
  postgresAvailable,
  startPostgres,
} from "../../test/postgres/server.ts";
import { compiling, expectSameRows } from "../../test/sqlParity.ts";
import { createRecordTable } from "../postgres/index.ts";
import { compileRollup } from "../sql/compile.ts";
import {
  rawSurvey,
  rawTicket,
  surveysOf,
  TICKET_COLUMNS,
  ticketsOf,
} from "../sql/parityData.testing.ts";
import { POSTGRES } from "../sql/postgres.ts";
import { kindColumns } from "./compiledPlan.ts";
import { connectionOf, hidePassword, reportSource } from "./enginePostgres.ts";
import { planReport } from "./plan.ts";
import { STATEMENT } from "./printSql.ts";

// `report --engine postgres` on a real server gives the JSON rows `--engine js` gives over the
// same records written to an NDJSON file, for every metric of the kind that compiles (counts
// exactly, other numbers to a relative 1e-9), monthly in America/New_York by channel; the
// script `--print-sql postgres` prints runs on the server as printed and gives those rows too;
// and every mistake in combining the options is a one-line usage error.
//
// Long (about 400 lines): every case that needs the server shares one server started once,
// the slowest part of the file (a second file would start a second server).

const scratch = scratchFolder("pgcli");

// Generated data whose instants sit on DST changes and month boundaries (the parity
// generators), a fixed seed so a failure can be replayed.
const tickets = ticketsOf(fc.sample(rawTicket, { numRuns: 400, seed: 16 }), TICKET_COLUMNS);
const surveys = surveysOf(fc.sample(rawSurvey, { numRuns: 300, seed: 16 }));
// Tickets that never leave a field out (a table of them has no `:absent` flag columns): what
// a table made outside this library holds, and what --print-sql assumes.
const plainTickets = ticketsOf(
  fc.sample(rawTicket, { numRuns: 300, seed: 17 }).map((raw) => ({ ...raw, omitsResponse: false })),
  TICKET_COLUMNS,
);

function ndjson(name: string, records: readonly object[]): string {
  return scratch.write(name, records.map((record) => JSON.stringify(record)).join("\n"));
}

// Rows of raw cells as an export holds them: plain ones, one bad timestamp, one response
// before its creation, one copy of an id kept at a later line, a label with spaces around it.
const TEXT_HEADER = ["id", "createdAt", "channel", "firstResponseAt", "closedAt"];
const textCells: string[][] = Array.from({ length: 120 }, (_, i) => {
  const day = 1 + ((i * 7) % 28);
  const month = 1 + ((i * 5) % 6);
  const at = (hour: number) =>
    `2024-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:${String((i * 13) % 60).padStart(2, "0")}:00Z`;
  const channel = ["email", "chat", " phone ", ""][i % 4] as string;
  return [
    `T${i}`,
    at(3 + (i % 5)),
    channel,
    i % 3 === 0 ? "" : at(9 + (i % 7)),
    i % 4 === 1 ? at(22) : "",
  ];
});
textCells[10] = ["T10", "yesterday", "email", "", ""];
textCells[20] = ["T20", "2024-03-02T10:00:00Z", "chat", "2024-03-02T09:00:00Z", ""];
textCells[30] = ["T40", "2024-03-05T10:00:00Z", "chat", "2024-03-05T11:30:00Z", ""];

const rowsOf = (text: string) => (JSON.parse(text) as { rows: Record<string, unknown>[] }).rows;

const report = monthlyByChannel;

/** Runs with the environment's connection variables set to `env` (others removed). */
async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const names = ["SUPPORT_METRICS_DB", "PGHOST", "PGDATABASE", ...Object.keys(env)];
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  for (const name of names) delete process.env[name];
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe.skipIf(!postgresAvailable())("report --engine postgres on a real server", () => {
  let server: PostgresServer;
  let client: pg.Client;
  const columns: Record<string, string[]> = {};
  beforeAll(async () => {
    server = await startPostgres();
    client = new pg.Client({ connectionString: server.url });
    client.on("error", () => {});
    await client.connect();
    columns.tickets = await createRecordTable(client, "tickets", "tickets", tickets);
    columns.surveys = await createRecordTable(client, "surveys", "surveyResponses", surveys);
    columns.plain = await createRecordTable(client, "plain", "tickets", plainTickets);
    // The printed script assumes every field: the nested histories no plain ticket gives are
    // columns of nulls (unknown, as --engine js reads those tickets).
    for (const field of ["assignments", "statusChanges", "messages"].filter(
      (f) => !columns.plain?.includes(f),
    ))
      await client.query(`ALTER TABLE "plain" ADD COLUMN "${field}" jsonb`);
    // A schema and a view whose names need quoting, read through --table schema.name.
    await client.query('CREATE SCHEMA "Support"');
    await client.query('CREATE VIEW "Support"."Open Tickets" AS SELECT * FROM "tickets"');
    // A table whose createdAt is text beside a typed column (so it is not validated as text
    // cells): the query fails on its data.
    await client.query(
      'CREATE TABLE "untyped" ("id" text, "createdAt" text, "closedAt" timestamptz)',
    );
    await client.query(`INSERT INTO "untyped" VALUES ('1', '2024-03-01T09:00:00Z', NULL)`);
    // The raw cells of textCells, one text column per field, filled in the rows' order.
    await client.query(
      `CREATE TABLE "raw" (${TEXT_HEADER.map((name) => `"${name}" text`).join(", ")})`,
    );
    for (const cells of textCells)
      await client.query(
        `INSERT INTO "raw" VALUES (${cells.map((_, i) => `$${i + 1}`).join(", ")})`,
        cells.map((cell) => (cell === "" ? null : cell)),
      );
  }, 120_000);
  /** `report --engine postgres` on the server's `table`, with `args` after. */
  const onPostgres = (table: string, args: readonly string[]) =>
    runCli(["report", "--engine", "postgres", "--db", server.url, "--table", table, ...args]);
  afterAll(async () => {
    await client?.end();
    server?.stop();
  });

  const cases = [
    { table: "tickets", kind: "tickets" as const, records: () => tickets },
    { table: "surveys", kind: "surveyResponses" as const, records: () => surveys },
  ];
  for (const { table, kind, records } of cases) {
    test(`gives the rows of --engine js over the same ${kind}, every metric that compiles`, async () => {
      const metrics = compiling(kind, columns[table] as string[]);
      expect(metrics.length).toBeGreaterThanOrEqual(kind === "tickets" ? 6 : 3);
      const file = ndjson(`${table}.ndjson`, records());
      const kindFlag = kind === "tickets" ? [] : ["--kind", "surveys"];
      const js = await runCli(["report", file, ...report(metrics)]);
      const sql = await onPostgres(table, [...kindFlag, ...report(metrics)]);
      expect(js.code, js.stderr).toBe(0);
      expect(sql.code, sql.stderr).toBe(0);
      expect(rowsOf(sql.stdout).length).toBeGreaterThan(10);
      expectSameRows(rowsOf(sql.stdout), rowsOf(js.stdout));
    });
  }

  test("a --from/--to range gives every month to every channel, as --engine js does", async () => {
    const args = [
      ...report(["volume", "resolution", "full-resolution"]),
      "--from",
      "2024-02-01",
      "--to",
      "2024-12-01",
    ];
    const js = await runCli(["report", ndjson("range.ndjson", tickets), ...args]);
    const sql = await onPostgres("tickets", [...args]);
    expect(sql.code, sql.stderr).toBe(0);
    // Ten months, each for every channel seen (email, chat, phone and none).
    expect(rowsOf(sql.stdout)).toHaveLength(40);
    expectSameRows(rowsOf(sql.stdout), rowsOf(js.stdout));
  });

  test("--interval: a rate's interval is that of --engine js; a duration's is refused", async () => {
    const args = [...report(["escalation", "reopen"]), "--interval", "90"];
    const js = await runCli(["report", ndjson("interval.ndjson", tickets), ...args]);
    const sql = await onPostgres("tickets", [...args]);
    expect(sql.code, sql.stderr).toBe(0);
    const rows = rowsOf(sql.stdout);
    expect(rows.some((row) => (row.escalation as { interval?: unknown }).interval)).toBe(true);
    expectSameRows(rows, rowsOf(js.stdout));
    const frt = await onPostgres("tickets", [...report(["escalation", "frt"]), "--interval"]);
    expect(frt.code).toBe(1);
    expect(frt.stderr).toContain(
      "--engine postgres cannot compute frt: a duration's interval needs every value, which the compiled query does not return",
    );
  });

  test("--change and --target read the rows as they read --engine js's", async () => {
    const args = [
      ...report(["volume", "escalation", "frt"]),
      "--change",
      "previous",
      "--target",
      "escalation=5",
    ];
    const js = await runCli(["report", ndjson("change.ndjson", tickets), ...args]);
    const sql = await onPostgres("tickets", [...args]);
    expect(sql.code, sql.stderr).toBe(0);
    const out = JSON.parse(sql.stdout);
    expect(out.targets.length).toBeGreaterThan(0);
    expectSameRows(out.rows, JSON.parse(js.stdout).rows);
    expectSameRows(out.targets, JSON.parse(js.stdout).targets);
  });

  test("reads schema.name quoted per part, and the server from SUPPORT_METRICS_DB", async () => {
    const metrics = ["volume", "frt"];
    const direct = await onPostgres("tickets", [...report(metrics)]);
    const viaView = await withEnv({ SUPPORT_METRICS_DB: server.url }, () =>
      runCli([
        "report",
        "--engine",
        "postgres",
        "--table",
        "Support.Open Tickets",
        ...report(metrics),
      ]),
    );
    expect(viaView.code, viaView.stderr).toBe(0);
    expect(rowsOf(viaView.stdout)).toEqual(rowsOf(direct.stdout));
  });

  test("reaches the server through pg's PGHOST family when neither --db nor SUPPORT_METRICS_DB is set", async () => {
    const pgEnv = {
      PGHOST: "127.0.0.1",
      PGPORT: String(server.port),
      PGUSER: "postgres",
      PGDATABASE: "postgres",
    };
    const run = await withEnv(pgEnv, () =>
      runCli(["report", "--engine", "postgres", "--table", "tickets", ...report(["volume"])]),
    );
    expect(run.code, run.stderr).toBe(0);
    const direct = await onPostgres("tickets", [...report(["volume"])]);
    expect(rowsOf(run.stdout).length).toBeGreaterThan(10);
    expect(rowsOf(run.stdout)).toEqual(rowsOf(direct.stdout));
  });

  test("says on stderr and in the JSON summary that rows are not counted, and what each metric left out", async () => {
    const args = ["--metrics", "volume,frt,resolution", "--format", "json"];
    const run = await onPostgres("tickets", [...args]);
    const js = await runCli(["report", ndjson("summary.ndjson", tickets), ...args]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "tickets: read on PostgreSQL, not row by row: rows read, valid and rejected are not counted",
    );
    const { meta, summary } = JSON.parse(run.stdout);
    expect(meta).toMatchObject({ engine: "postgres", table: "tickets", files: [] });
    expect(summary).toMatchObject({ read: null, valid: null, rejected: null, validated: false });
    // Each metric's exclusions, summed from the rows, are those the files' accounting gives.
    const expected = JSON.parse(js.stdout).summary;
    for (const name of ["volume", "frt", "resolution"]) {
      expect(summary.metrics[name].used).toBeNull();
      expect(summary.metrics[name].excluded).toEqual(expected.metrics[name].excluded);
    }
    expect(summary.metrics.frt.excludedTotal).toBeGreaterThan(0);
    expect(run.stderr).toContain(`frt: ${summary.metrics.frt.excludedTotal} excluded (`);
  });

  test("csv and table output are those of --engine js (numbers to 9 digits)", async () => {
    const file = ndjson("tickets-csv.ndjson", tickets);
    // The SQL sums durations in doubles, the reducer exactly: a mean may differ in its last bit.
    const rounded = (text: string) =>
      text.replace(/\d+\.\d+/g, (number) => String(Number(Number(number).toPrecision(9))));
    for (const format of ["csv", "table"]) {
      const args = ["--metrics", "volume,resolution", "--tz", "UTC", "--format", format, "-q"];
      const js = await runCli(["report", file, ...args]);
      const sql = await onPostgres("tickets", [...args]);
      expect(sql.code, sql.stderr).toBe(0);
      expect(sql.stdout.split("\n").length).toBeGreaterThan(10);
      expect(rounded(sql.stdout)).toBe(rounded(js.stdout));
    }
  });

  test("a column named in another case is pointed out", async () => {
    await client.query('CREATE TABLE "folded" (id text, createdat timestamptz)');
    const run = await onPostgres("folded", ["--metrics", "volume"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "folded has createdat (for createdAt): a column must be named as the field",
    );
  });

  test("a metric that does not compile is refused with the compiler's reason", async () => {
    const run = await onPostgres("tickets", ["--metrics", "volume,contact-rate"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "--engine postgres cannot compute contact-rate: placed by a window, not compiled yet",
    );
    // A stock by period needs the range whose period ends it is measured at.
    const stock = await onPostgres("tickets", ["--metrics", "backlog", "--by", "month"]);
    expect(stock.code).toBe(1);
    expect(stock.stderr).toContain(
      "--engine postgres cannot compute backlog: a stock by period is measured at the end of each period of the range, and needs one (range)",
    );
  });

  test("a missing table is a usage error; a column of the wrong type is a data error", async () => {
    const args = ["report", "--engine", "postgres", "--db", server.url, "--metrics", "volume"];
    const missing = await runCli([...args, "--table", "nowhere.tickets"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      '--table nowhere.tickets: relation "nowhere.tickets" does not exist',
    );
    const untyped = await runCli([...args, "--table", "untyped"]);
    expect(untyped.code).toBe(2);
    expect(untyped.stderr).toContain(
      "the report's query failed on untyped: function timezone(text, text) does not exist",
    );
  });

  test("a table of text cells is validated as --engine js reads the same rows from a CSV file", async () => {
    const file = scratch.write(
      "raw.csv",
      [TEXT_HEADER, ...textCells].map((row) => row.join(",")).join("\n"),
    );
    const args = [
      "--by",
      "month,channel",
      "--tz",
      "America/New_York",
      "--metrics",
      "volume,frt,resolution",
      "--format",
      "json",
    ];
    const js = await runCli(["report", file, "--engine", "js", ...args]);
    const sql = await onPostgres("raw", args);
    expect(js.code, js.stderr).toBe(0);
    expect(sql.code, sql.stderr).toBe(0);
    // 120 rows: line 12 ("yesterday") and line 22 (a response before creation) rejected; line
    // 32 repeats the id of line 42, which is kept: 117 valid.
    expect(sql.stderr).toContain(
      "raw: 120 rows read, 117 valid, 2 rejected, 1 repeated id left out",
    );
    expect(sql.stderr).toContain('raw: line 32: id "T40" repeats line 42, which is kept');
    expect(sql.stderr).toContain(
      'raw: line 12, column "createdAt" (createdAt): must be an ISO 8601 timestamp',
    );
    expect(sql.stderr).toContain(
      'raw: line 22, column "firstResponseAt" (firstResponseAt): must not be before createdAt',
    );
    expect(sql.stderr).toBe(js.stderr.replaceAll(file, "raw"));
    expect(rowsOf(sql.stdout).length).toBeGreaterThan(10);
    expectSameRows(rowsOf(sql.stdout), rowsOf(js.stdout));
    expect(JSON.parse(sql.stdout).summary).toEqual(JSON.parse(js.stdout).summary);
    // A column `line` numbers the rows, whatever their order in the table: the same rows
    // inserted last line first give the same accounting.
    await client.query(
      `CREATE TABLE "raw_lined" ("line" integer, ${TEXT_HEADER.map((name) => `"${name}" text`).join(", ")})`,
    );
    for (const [i, cells] of [...textCells.entries()].reverse())
      await client.query(
        `INSERT INTO "raw_lined" VALUES (${[i + 2, ...cells].map((_, j) => `$${j + 1}`).join(", ")})`,
        [i + 2, ...cells.map((cell) => (cell === "" ? null : cell))],
      );
    const lined = await onPostgres("raw_lined", args);
    expect(lined.code, lined.stderr).toBe(0);
    expect(lined.stderr).toBe(js.stderr.replaceAll(file, "raw_lined"));
    expectSameRows(rowsOf(lined.stdout), rowsOf(js.stdout));
    // --strict: both list the rejections, write nothing and exit 2.
    const strictJs = await runCli(["report", file, "--engine", "js", ...args, "--strict"]);
    const strictSql = await onPostgres("raw", [...args, "--strict"]);
    expect(strictSql.code).toBe(2);
    expect(strictJs.code).toBe(2);
    expect(strictSql.stdout).toBe("");
    expect(strictSql.stderr).toBe(strictJs.stderr.replaceAll(file, "raw"));
    // No valid row: exit 2 with the summary, as for a file of such rows.
    await client.query(`CREATE TABLE "raw_bad" ("id" text, "createdAt" text)`);
    await client.query(`INSERT INTO "raw_bad" VALUES ('B1', 'soon'), ('B2', NULL)`);
    const bad = await onPostgres("raw_bad", args);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("raw_bad: 2 rows read, 0 valid, 2 rejected\n");
    expect(bad.stderr).toContain('raw_bad: line 3, column "createdAt" (createdAt): is required');
    // The same lines, in the same order, as --engine js gives for those rows in a file.
    expect(bad.stderr).toMatch(
      /^support-metrics: none of the 2 rows read is valid; nothing to report\nraw_bad: 2 rows read, 0 valid, 2 rejected\n/,
    );
    // JSON in a cell (a ticket's messages) is the readers' to read: refused with the reason.
    await client.query(`CREATE TABLE "raw_json" ("id" text, "createdAt" text, "messages" text)`);
    const json = await onPostgres("raw_json", [...args.slice(0, 4), "--metrics", "volume"]);
    expect(json.code).toBe(1);
    expect(json.stderr).toContain(
      "--table raw_json: validationQuery: columns must not include messages, got them",
    );
    // A line column that is no number: a data error that says where to look.
    await client.query(`CREATE TABLE "raw_line" ("line" text, "id" text, "createdAt" text)`);
    await client.query(`INSERT INTO "raw_line" VALUES ('two', 'L1', '2024-03-01T09:00:00Z')`);
    const badLine = await onPostgres("raw_line", [...args.slice(0, 4), "--metrics", "volume"]);
    expect(badLine.code).toBe(2);
    expect(badLine.stderr).toContain("validating raw_line failed: ");
    expect(badLine.stderr).toContain("(is its column line a whole number?)");
    // A typed table has nothing to reject: --strict is a usage error there.
    const typed = await onPostgres("tickets", [...args, "--strict"]);
    expect(typed.code).toBe(1);
    expect(typed.stderr).toContain(
      "--strict applies to a table of text columns, which is validated; tickets is typed",
    );
  });

  test("a table of survey answers as text is validated and reported as the CSV file is", async () => {
    // The fixture's rows, each cell text (an empty one NULL, as COPY reads it), in file order.
    const file = fileURLToPath(
      new URL("../../test/fixtures/sql/surveys-mixed.csv", import.meta.url),
    );
    const [header = [], ...rows] = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(","));
    await client.query(
      `CREATE TABLE "raw_surveys" (${header.map((name) => `"${name}" text`).join(", ")})`,
    );
    for (const cells of rows)
      await client.query(
        `INSERT INTO "raw_surveys" VALUES (${cells.map((_, i) => `$${i + 1}`).join(", ")})`,
        cells.map((cell) => (cell === "" ? null : cell)),
      );
    const args = [
      "--kind",
      "surveys",
      "--by",
      "month,channel",
      "--tz",
      "UTC",
      "--metrics",
      "csat,nps,ces",
      "--format",
      "json",
    ];
    const js = await runCli(["report", file, "--engine", "js", ...args]);
    const sql = await onPostgres("raw_surveys", args);
    expect(js.code, js.stderr).toBe(0);
    expect(sql.code, sql.stderr).toBe(0);
    // The same lines, but that past five rejections a table is listed whole by --strict, where
    // a file is by the validate command.
    expect(sql.stderr).toBe(
      js.stderr
        .replace(
          /run support-metrics validate .* for all of them/,
          "run again with --strict for all of them",
        )
        .replaceAll(file, "raw_surveys"),
    );
    expect(sql.stderr).toContain("  ... run again with --strict for all of them\n");
    // The fixture's 13 rows, 10 rejected as the readers reject them (S2 has no kind, S3's 11.5
    // is off the NPS scale, ...): 3 valid NPS answers, so nps uses 3 and csat excludes 3.
    expect(sql.stderr).toMatch(/^raw_surveys: 13 rows read, 3 valid, 10 rejected\n/);
    expect(sql.stderr).toContain("nps: 3 used, 0 excluded\n");
    expect(rowsOf(sql.stdout).length).toBeGreaterThan(0);
    expectSameRows(rowsOf(sql.stdout), rowsOf(js.stdout));
  });

  test("a server that cannot be reached: a usage error that never shows the password", async () => {
    // The test server's port plus one: loopback, and nothing listens there.
    const url = `postgresql://me:s3cret@127.0.0.1:${server.port + 1}/support`;
    const run = await runCli(["report", "--engine", "postgres", "--db", url, "--table", "tickets"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `cannot connect to PostgreSQL at postgresql://me:***@127.0.0.1:${server.port + 1}/support: `,
    );
    expect(run.stderr).not.toContain("s3cret");
  });

  test("--print-sql postgres prints a script that runs on the server as printed", async () => {
    const metrics = compiling("tickets", kindColumns("tickets"));
    const args = [
      "--by",
      "month,channel",
      "--tz",
      "America/New_York",
      "--metrics",
      metrics.join(","),
    ];
    const printed = await runCli([
      "report",
      "--print-sql",
      "postgres",
      "--table",
      "plain",
      ...args,
    ]);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^-- support-metrics report: /);
    // Reply time's waits read a numbered copy of the table, a common table expression first.
    expect(printed.stdout).toContain(`PREPARE ${STATEMENT}_1 AS\nWITH "__wb`);
    expect(printed.stdout).toContain(`SELECT 0 AS "branch"`);
    // The script as printed, in one go; the EXECUTE results hold the rows.
    const results = (await client.query(printed.stdout)) as unknown as pg.QueryResult[];
    const executed = results.filter((result) => result.command === "SELECT");
    // One report, one query: its branches are one statement's UNION ALL.
    expect(executed).toHaveLength(1);
    // Decoded as the CLI decodes them, against the in-memory engine's rows.
    const plan = await planReport([], {
      by: "month,channel",
      tz: "America/New_York",
      metrics: metrics.join(","),
    });
    const compiled = compileRollup({
      relation: { name: "plain", columns: kindColumns("tickets") },
      metrics: Object.fromEntries(
        plan.metrics.map((m) => [m.column, { metric: m.metric, options: m.options }]),
      ),
      by: { period: "month", channel: "channel" },
      timeZone: "America/New_York",
      dialect: POSTGRES,
    });
    // Rows of no period (metrics that placed no record) hold exclusions only: the CLI drops them.
    const rows = compiled
      .rows(executed.flatMap((result) => result.rows))
      .filter((row) => row.period !== null);
    const js = await runCli(["report", ndjson("plain.ndjson", plainTickets), ...report(metrics)]);
    expect(rows.length).toBeGreaterThan(10);
    expectSameRows(rows, rowsOf(js.stdout));
  });
});

describe("report --engine postgres: the options", () => {
  const file = "tickets.csv";
  const db = { db: "postgresql://me@localhost/support" };
  test.each([
    [[], { engine: "postgres", table: "t" }, "--engine postgres needs --db <connection string>"],
    [[], { engine: "postgres", ...db }, "--engine postgres needs --table NAME"],
    [
      [file],
      { engine: "postgres", table: "t", ...db },
      "--engine postgres reads the table --table names, not files",
    ],
    [[file], db, "--db needs --engine postgres"],
    [[file], { table: "t" }, "--table needs --engine postgres or --print-sql"],
    [[], {}, "report needs input files"],
    [[file], { printSql: "postgres" }, "--print-sql reads no data: leave out the files"],
    [[], { printSql: "postgres", engine: "postgres" }, "--print-sql runs nothing"],
  ])("%j %j: %s", (files, options, message) => {
    expect(() => reportSource(files, { by: "month", ...options }, {})).toThrow(message);
  });

  test("the connection comes from --db, then SUPPORT_METRICS_DB, then PGHOST/PGDATABASE", () => {
    const env = { SUPPORT_METRICS_DB: "postgresql://env@db/support", PGHOST: "pghost" };
    expect(connectionOf({ db: "postgresql://flag@db/x" }, env).connectionString).toBe(
      "postgresql://flag@db/x",
    );
    expect(connectionOf({}, env).connectionString).toBe("postgresql://env@db/support");
    expect(connectionOf({}, { PGHOST: "pghost", PGDATABASE: "support" })).toEqual({
      connectionString: undefined,
      shown: "pghost:5432/support (from PGHOST/PGDATABASE)",
      secret: undefined,
    });
  });

  test("a password never shows, in any form of connection string", () => {
    const forms = [
      "postgresql://me:s3cret@db:5432/support",
      "postgres://me:s3c@ret@db/support",
      "host=db user=me password=s3cret dbname=support",
      "postgresql://me@db/support?sslmode=require&password=s3cret",
    ];
    for (const form of forms) {
      expect(hidePassword(form)).not.toMatch(/s3c|ret@/);
      expect(connectionOf({ db: form }, {}).shown).toContain("***");
    }
  });

  test("html output is refused before connecting", async () => {
    const run = await runCli([
      "report",
      "--engine",
      "postgres",
      "--db",
      "postgresql://me@127.0.0.1:1/none",
      "--table",
      "t",
      "--format",
      "html",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "--engine postgres writes json, csv, markdown or table output, not html",
    );
  });
});
