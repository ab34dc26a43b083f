import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { runCli, scratchFolder } from "../../test/cli.ts";
import { expectSameRows } from "../../test/sqlParity.ts";
import { createRecordTable, openDuckDB } from "../duckdb/index.ts";
import { columnTypeOf } from "../duckdb/table.ts";
import { catalogue } from "../metrics/catalogue.ts";
import { compileRollup, sqlSupport } from "../sql/compile.ts";
import { DUCKDB } from "../sql/dialect.ts";
import { DIALECTS } from "../sql/dialects.ts";
import { rawTicket, TICKET_COLUMNS, ticketsOf } from "../sql/parityData.testing.ts";
import { isNestedField } from "../sql/tableKinds.ts";
import { kindColumns } from "./compiledPlan.ts";
import { planReport } from "./plan.ts";
import { compileForPrint, STATEMENT } from "./printSql.ts";

// `report --print-sql <dialect>` prints, without reading data, a script that runs as printed:
// the DuckDB script executed in DuckDB gives the rows `--engine js` gives over the same
// records (the PostgreSQL script is run on a real server in enginePostgres.test.ts); every
// dialect of the table prints a script; a metric the dialect cannot express is refused with
// the compiler's reason.

const scratch = scratchFolder("printsql");
const ARGS = ["--by", "month,channel", "--tz", "America/New_York"];

/**
 * The ticket metrics that compile over every field of a ticket with their default options (a
 * metric that cannot do without an option, status-time's statuses, throws its TypeError).
 */
const metrics = catalogue
  .filter((metric) => metric.records === "tickets")
  .filter((metric) => {
    try {
      return Boolean(sqlSupport(metric.name, metric, {}, kindColumns("tickets")).resolved);
    } catch (error) {
      if (error instanceof TypeError && /must be a non-empty array/.test(error.message))
        return false;
      throw error;
    }
  })
  .map((metric) => metric.name);

/** The statements of a printed script, each without its closing semicolon. */
function statements(script: string): string[] {
  return script
    .split(/;\n/)
    .map((text) => text.replace(/^(--[^\n]*\n)+/, "").trim())
    .filter((text) => text !== "");
}

describe("report --print-sql", () => {
  test("the DuckDB script runs in DuckDB as printed and gives the rows of --engine js", async () => {
    // Tickets that leave no field out: a table of them has just the fields as columns.
    const raws = fc.sample(rawTicket, { numRuns: 300, seed: 16 });
    const tickets = ticketsOf(
      raws.map((raw) => ({ ...raw, omitsResponse: false })),
      TICKET_COLUMNS,
    );
    const printed = await runCli([
      "report",
      "--print-sql",
      "duckdb",
      "--metrics",
      metrics.join(","),
      ...ARGS,
    ]);
    expect(printed.code, printed.stderr).toBe(0);
    const script = statements(printed.stdout);
    expect(script.map((text) => text.split(/\s/)[0])).toEqual(["PREPARE", "EXECUTE", "DEALLOCATE"]);

    const connection = await openDuckDB();
    try {
      const columns = await createRecordTable(connection, "tickets", "tickets", tickets);
      // DuckDB's table leaves out a field no record gives: add them, as the script assumes all.
      for (const field of kindColumns("tickets").filter((f) => !columns.includes(f)))
        await connection.run(
          `ALTER TABLE "tickets" ADD COLUMN ${DUCKDB.quote(field)} ${isNestedField("tickets", field) ? columnTypeOf("tickets", field).toString() : "VARCHAR"}`,
        );
      let result: Record<string, unknown>[] = [];
      for (const text of script) {
        const reader = await connection.runAndReadAll(text);
        if (text.startsWith("EXECUTE"))
          result = reader.getRowObjectsJS() as Record<string, unknown>[];
      }
      const plan = await planReport([], {
        by: "month,channel",
        tz: "America/New_York",
        metrics: metrics.join(","),
      });
      const compiled = compileRollup({
        relation: { name: "tickets", columns: kindColumns("tickets") },
        metrics: Object.fromEntries(
          plan.metrics.map((m) => [m.column, { metric: m.metric, options: m.options }]),
        ),
        by: { period: "month", channel: "channel" },
        timeZone: "America/New_York",
      });
      const rows = compiled.rows(result).filter((row) => row.period !== null);
      const file = scratch.write(
        "tickets.ndjson",
        tickets.map((t) => JSON.stringify(t)).join("\n"),
      );
      const js = await runCli([
        "report",
        file,
        "--metrics",
        metrics.join(","),
        ...ARGS,
        "--format",
        "json",
        "-q",
      ]);
      expect(rows.length).toBeGreaterThan(10);
      expectSameRows(rows, JSON.parse(js.stdout).rows);
    } finally {
      connection.closeSync();
    }
  });

  test("every dialect of the table prints a script for the standard report", async () => {
    expect(Object.keys(DIALECTS)).toEqual(expect.arrayContaining(["duckdb", "postgres"]));
    for (const name of Object.keys(DIALECTS)) {
      const run = await runCli(["report", "--print-sql", name, "--metrics", "volume", ...ARGS]);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      const lines = run.stdout.split("\n");
      expect(lines[0]).toBe(
        "-- support-metrics report: volume by month, channel in America/New_York",
      );
      expect(lines[1]).toBe(`-- dialect: ${name}; table: ${DIALECTS[name]?.quote("tickets")}`);
      const first = statements(run.stdout)[0] as string;
      expect(first, name).toMatch(
        name === "duckdb" || name === "postgres"
          ? new RegExp(`^PREPARE ${STATEMENT}_1 AS\\nSELECT 0 AS `)
          : /^(SELECT|WITH) /,
      );
    }
  });

  test("prints survey SQL for --kind surveys, over survey_responses by default", async () => {
    const run = await runCli([
      "report",
      "--print-sql",
      "postgres",
      "--kind",
      "surveys",
      "--metrics",
      "csat,nps",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('-- dialect: postgres; table: "survey_responses"');
    expect(run.stdout).toContain('FROM "survey_responses"');
  });

  test("--table schema.name is quoted per part; --format json gives the statements", async () => {
    const run = await runCli([
      "report",
      "--print-sql",
      "postgres",
      "--table",
      'Support.Open "Tickets"',
      "--metrics",
      "volume,resolution,full-resolution",
      ...ARGS,
      "--format",
      "json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.table).toBe('"Support"."Open ""Tickets"""');
    // Three placing instants (creation, first and last resolution): three branches, one statement.
    expect(printed.statements).toHaveLength(1);
    expect(printed.statements[0].sql.split("\nUNION ALL\n").length).toBeGreaterThanOrEqual(3);
    for (const statement of printed.statements) {
      expect(statement.sql).toContain('FROM "Support"."Open ""Tickets"""');
      expect(statement.markers).toEqual(
        statement.parameters.map((_: unknown, i: number) => `$${i + 1}`),
      );
    }
    expect(printed.statements[0].parameters).toContain("America/New_York");
  });

  test("queue contacts: their table by default, their metrics", async () => {
    const run = await runCli(["report", "--print-sql", "duckdb", "--kind", "queues"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('-- dialect: duckdb; table: "queue_contacts"');
    expect(run.stdout).toContain('"offeredAt"');
  });

  test("a refused metric, business time, an unknown dialect, html, files and --db are usage errors", async () => {
    const cases: [string[], string][] = [
      [
        ["--print-sql", "duckdb", "--metrics", "volume,contact-rate"],
        "--print-sql duckdb cannot compute contact-rate: placed by a window, not compiled yet",
      ],
      [
        ["--print-sql", "oracle"],
        `--print-sql must be one of ${Object.keys(DIALECTS).join(", ")}, got "oracle"`,
      ],
      [
        ["--print-sql", "duckdb", "--format", "html"],
        "--print-sql writes a SQL script, or JSON with --format json, not html",
      ],
      [["tickets.csv", "--print-sql", "duckdb"], "--print-sql reads no data: leave out the files"],
      [
        ["--print-sql", "duckdb", "--db", "postgresql://x/y"],
        "--print-sql runs nothing: leave out --engine and --db",
      ],
      [
        ["--print-sql", "duckdb", "--table", "a..b"],
        '--table must be name, schema.name or catalog.schema.name, got "a..b"',
      ],
    ];
    const hours = `${import.meta.dirname}/../../test/fixtures/cli/hours.json`;
    cases.push(
      [
        ["--print-sql", "duckdb", "--metrics", "frt", "--schedule", hours],
        "--print-sql duckdb cannot print metrics timed by --schedule: their SQL depends on the data's first and last instants",
      ],
      [
        ["--print-sql", "postgres", "--metrics", "frt", "--schedule", hours],
        "--print-sql postgres cannot print metrics timed by --schedule: their SQL depends on the data's first and last instants",
      ],
      [
        ["--print-sql", "snowflake", "--metrics", "frt", "--schedule", hours],
        "--print-sql snowflake cannot compute frt: the snowflake dialect has no words for business time",
      ],
    );
    cases.push([
      ["--print-sql", "duckdb", "--metrics", "resolution", "--interval"],
      "--print-sql duckdb cannot compute resolution: a duration's interval needs every value, which the compiled query does not return",
    ]);
    for (const [args, message] of cases) {
      const run = await runCli(["report", ...args]);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr).toContain(message);
    }
  });

  test("writes to --out", async () => {
    const out = `${scratch.folder}/report.sql`;
    const run = await runCli([
      "report",
      "--print-sql",
      "postgres",
      "--metrics",
      "volume",
      "--out",
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(`wrote ${out}\n`);
  });
});

describe("the printed statement", () => {
  test("is one statement on PostgreSQL too, every placing instant a branch of it", async () => {
    const planned = await planReport([], {
      by: "month",
      tz: "Europe/Paris",
      metrics: "volume,resolution",
    });
    const printed = compileForPrint(planned, "postgres", "support.tickets");
    expect(printed.statements).toHaveLength(1);
    const [statement] = printed.statements;
    expect(statement?.sql).toContain('FROM "support"."tickets"');
    // Creation places volume, first resolution places resolution: two branches, one query.
    expect(statement?.sql.split("\nUNION ALL\n").length).toBeGreaterThanOrEqual(2);
    expect(statement?.parameters[0]).toBe("Europe/Paris");
    expect(statement?.markers[0]).toBe("$1");
  });
});
