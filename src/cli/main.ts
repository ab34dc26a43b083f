/**
 * The `support-metrics` command line: its commands, their flags and help, and how a run ends.
 * `main` runs in-process and returns the exit code: 0 ok, 1 usage error, 2 invalid data (a read
 * error, nothing valid read, or rejected rows under `--strict`).
 *
 * Each command lives in its own file: `report` (grouped KPIs from helpdesk exports:
 * reportCommand.ts), `cohorts` (the cohort triangle of a purchase or subscription log:
 * cohorts.ts), `staffing` (agents needed per interval: staffing.ts) and `validate` (the
 * rejected-row report of one file: validate.ts). What they write about their input on stderr is
 * shared (summaries.ts).
 */

import { Command, CommanderError, Option } from "commander";
import { DEFAULT_MAX_ROWS, RowLimitError } from "../aggregate/rowLimit.ts";
import { metricsFor } from "../metrics/catalogue.ts";
import { requiredOptions, resolveMetric } from "../metrics/define.ts";
import { DIALECTS } from "../sql/dialects.ts";
import { COHORT_KINDS, COHORT_MEASURES, type CohortsOptions, cohorts } from "./cohorts.ts";
import { OUTPUT_FORMATS } from "./format.ts";
import type { CliKind } from "./input.ts";
import type { CliIO } from "./io.ts";
import { type InputOptions, type ReportOptions, rowLimitText } from "./plan.ts";
import { report } from "./reportCommand.ts";
import { STAFFING_FORMATS, type StaffingCommandOptions, staffingCommand } from "./staffing.ts";
import { DataError, UsageError } from "./usage.ts";
import { validate } from "./validate.ts";
import { packageVersion } from "./version.ts";

export type { CliIO } from "./io.ts";

/** The metrics part of `--help`, read from the catalogue. */
function metricsHelp(): string {
  const kinds: [CliKind, string][] = [
    ["tickets", "tickets"],
    ["surveyResponses", "surveys"],
    ["queueContacts", "queue contacts"],
    ["sessions", "self-service sessions joined with tickets (with --sessions FILE)"],
  ];
  const lines = ["Metrics (short name: label; durations in seconds, shown in hours in tables):"];
  for (const [kind, title] of kinds) {
    lines.push(`  ${title}:`);
    for (const metric of metricsFor(kind)) {
      const aliases = metric.aliases.length > 0 ? ` (${metric.aliases.join(", ")})` : "";
      const needs = requiredOptions(metric).map((option) => ` [needs the ${option} option]`);
      const stock = resolveMetric(metric).placement.by === "stock" ? " [at each period's end]" : "";
      lines.push(`    ${metric.name}${aliases}: ${metric.label}${stock}${needs.join("")}`);
    }
    const defaults = metricsFor(kind).filter((metric) => metric.byDefault);
    lines.push(`    default: ${defaults.map((metric) => metric.name).join(",")}`);
  }
  lines.push("  A metric that needs an option is added when the flag that gives it is used.");
  return `\n${lines.join("\n")}\n`;
}

const REPORT_EXAMPLES = `
Examples:
  $ support-metrics report tickets.csv
  $ support-metrics report tickets.csv --by month,channel --tz Europe/Berlin
  $ support-metrics report jan.ndjson feb.ndjson --metrics frt,resolution,backlog --format csv --out kpis.csv
  $ support-metrics report tickets.csv --schedule hours.json --preset zendesk --format markdown
  $ support-metrics report tickets.csv --policies policies.json --schedule hours.json --out report.html
  $ support-metrics report surveys.csv --metrics csat,nps --by quarter,channel --format json
  $ support-metrics report export.csv --mapping mapping.json --strict
  $ SUPPORT_METRICS_DB=postgresql://me@db/support support-metrics report --engine postgres --table public.tickets --by month,channel
  $ support-metrics report --print-sql bigquery --table project.support.tickets --metrics volume,frt --by month
`;

const COHORTS_EXAMPLES = `
Examples:
  $ support-metrics cohorts purchases.csv --tz Europe/Berlin
  $ support-metrics cohorts purchases.csv --period isoWeek --measures retention --format markdown
  $ support-metrics cohorts subscriptions.ndjson --customers customers.ndjson --segment --format csv
`;

const STAFFING_EXAMPLES = `
Examples:
  $ support-metrics staffing calls.csv --aht 180 --tz Europe/Paris
  $ support-metrics staffing calls.csv --aht 180 --target 20 --service-level 0.8 --max-occupancy 0.85 --shrinkage 0.3 --interval 30
  $ support-metrics staffing tickets.ndjson --aht 600 --target 3600 --format csv --out staffing.csv
`;

const VALIDATE_EXAMPLES = `
Examples:
  $ support-metrics validate tickets.csv
  $ support-metrics validate export.csv --mapping mapping.json --tz America/New_York
  $ support-metrics validate surveys.ndjson --strict   # exit code 2 when any row is rejected
`;

function commonOptions(command: Command): Command {
  return command
    .option(
      "--kind <kind>",
      "tickets, surveys or queues (default: detected from the columns or fields)",
    )
    .option(
      "--mapping <file>",
      "column mapping JSON: field → column name or { column, format, ... }",
    )
    .option(
      "--tz <zone>",
      "IANA time zone of periods and of zone-less timestamps (default: periods in UTC, and a zone-less timestamp is an error)",
    )
    .option("--input-format <format>", "csv, tsv, ndjson or json (default: from the extension)")
    .option("--strict", "exit with code 2 when any row is rejected")
    .option(
      "--events <spec>",
      "the input is an event log, one row per event: fold it into tickets by case (case=<column>,at=<column>,activity=<column>[,format=<format>][,assignee=<column>], or a JSON file with statuses and messages maps)",
    )
    .option(
      "--duplicates <policy>",
      "a record id seen before, across all files: last (keep the last copy; default), first, reject (later copies are rejected rows) or allow (count every copy)",
    )
    .option("-q, --quiet", "no progress, summary or warnings on stderr");
}

function program(io: CliIO, run: { code: number }): Command {
  const root = new Command("support-metrics")
    .description("Support KPIs from helpdesk exports (CSV, TSV, NDJSON, JSON).")
    .version(packageVersion(), "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run "support-metrics <command> --help" for usage)')
    .addHelpText(
      "after",
      `${REPORT_EXAMPLES}${metricsHelp()}${STAFFING_EXAMPLES}${VALIDATE_EXAMPLES}`,
    );

  commonOptions(
    root
      .command("report")
      .description("compute grouped metrics over one or more files of the same kind")
      .argument(
        "[files...]",
        "input files: tickets or survey responses (- for standard input); none with --engine postgres or --print-sql",
      )
      .option(
        "--by <keys>",
        "period (day, week, isoWeek, month, quarter, year) and fields, comma-separated; none for one row",
        "month",
      )
      .option("--metrics <names>", "metrics, comma-separated (see below)")
      .option(
        "--schedule <file>",
        "working hours JSON (a ScheduleInput): durations in business time",
      )
      .option(
        "--policies <file>",
        "SLA policies JSON (an array of SlaPolicyInput): adds the sla metric (SLA attainment %)",
      )
      .option(
        "--as-of <date>",
        "instant SLA targets are judged at (default: the latest timestamp in the input)",
      )
      .option(
        "--preset <vendor>",
        "vendor definitions: zendesk, freshdesk, intercom, helpscout, chatwoot",
      )
      .option("--statistic <name>", "headline of duration metrics: mean, median, p90, p95")
      .addOption(
        new Option("--format <format>", "output format (default: from --out, else table)").choices([
          ...OUTPUT_FORMATS,
        ]),
      )
      .option("-o, --out <file>", "write the output to a file instead of stdout")
      .option("--from <date>", "first period (with --to): every period in the range gets a row")
      .option("--to <date>", "end of the range (exclusive)")
      .option(
        "--place-by <event|created>",
        "period of a ticket's metrics: each metric's own event (default) or the ticket's creation",
      )
      .option(
        "--sessions <file>",
        "self-service sessions (id, startedAt, kind, customerId) to join with the tickets: adds the self-service metrics (see below)",
      )
      .option(
        "--max-rows <n>",
        `most rows (periods × key combinations) the report may make (default: ${DEFAULT_MAX_ROWS})`,
      )
      .option(
        "--interval [level]",
        "confidence intervals for rates, scores and durations (default level 0.95; 90 or 0.9 for 90 %)",
      )
      .option(
        "--target <metric=value[@deadline]>",
        "a KPI target, repeatable: baseline the first period, progress and pace at the last (deadline: the last period's end)",
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option(
        "--change <previous|year>",
        "each metric's change against the previous period or the same period a year earlier, with its p-value and whether it is noise",
      )
      .option(
        "--engine <engine>",
        "js (in memory), duckdb (the metrics compiled to SQL, a CSV file read by DuckDB; needs @duckdb/node-api) or postgres (a table on a server, with --db and --table; needs pg); default js, or duckdb for a CSV file of 100 MB or more when installed",
      )
      .option(
        "--db <connection string>",
        "--engine postgres: the server (default: SUPPORT_METRICS_DB, else PGHOST/PGDATABASE; keep the password in PGPASSWORD)",
      )
      .option(
        "--table <name>",
        "--engine postgres, --print-sql: the table or view of records, columns named as the fields (name or schema.name, each part as written)",
      )
      .option(
        "--print-sql <dialect>",
        `print the report's SQL in a dialect (${Object.keys(DIALECTS).join(", ")}) with its parameters, and read no data`,
      ),
  )
    .addHelpText("after", `${REPORT_EXAMPLES}${metricsHelp()}`)
    .action(async (files: string[], options: ReportOptions) => {
      run.code = await report(files, options, io);
    });

  root
    .command("cohorts")
    .description(
      "print the cohort triangle of a purchase or subscription log: customers by the period they started in, active and paying in each period since",
    )
    .argument(
      "<files...>",
      "purchases (customerId, purchasedAt, amount) or subscription changes (customerId, at, mrr)",
    )
    .option(
      "--kind <kind>",
      `${COHORT_KINDS.join(" or ")} (default: subscriptions when there is an mrr column)`,
    )
    .option(
      "--period <unit>",
      "the cohorts' period and step: day, week, isoWeek, month, quarter, year",
      "month",
    )
    .option(
      "--tz <zone>",
      "IANA time zone of periods and of zone-less timestamps (default: periods in UTC)",
    )
    .option("--as-of <date>", "last instant observed (default: the latest in the input)")
    .option(
      "--customers <file>",
      "customers (id, startedAt, segment): each in the cohort of its start",
    )
    .option("--segment", "one triangle per customer segment (read from --customers)")
    .option(
      "--measures <names>",
      `cells of the table, comma-separated: ${COHORT_MEASURES.join(", ")} (default: customers,revenue)`,
    )
    .option(
      "--mapping <file>",
      "column mapping JSON of the log: field → column name or { column, format, ... }",
    )
    .option("--input-format <format>", "csv, tsv, ndjson or json (default: from the extension)")
    .addOption(
      new Option("--format <format>", "output format (default: from --out, else table)").choices([
        "table",
        "markdown",
        "csv",
        "json",
      ]),
    )
    .option("-o, --out <file>", "write the output to a file instead of stdout")
    .option("--strict", "exit with code 2 when any row is rejected")
    .option("-q, --quiet", "no summary on stderr")
    .addHelpText("after", COHORTS_EXAMPLES)
    .action(async (files: string[], options: CohortsOptions) => {
      run.code = await cohorts(files, options, io);
    });

  commonOptions(
    root
      .command("staffing")
      .description(
        "agents needed per weekday and interval (Erlang C) from the arrivals in a ticket or queue log",
      )
      .argument("<files...>", "input files: tickets or queue contacts (- for standard input)")
      .option("--aht <seconds>", "average handle time in seconds (required)")
      .option("--target <seconds>", "answer time the service level counts against", "20")
      .option(
        "--service-level <fraction>",
        "share of contacts to answer within the target, below 1",
        "0.8",
      )
      .option("--max-occupancy <fraction>", "highest share of time agents may be busy (default 1)")
      .option("--shrinkage <fraction>", "share of paid time agents are unavailable (default 0)")
      .option("--interval <minutes>", "interval length: 15, 30 or 60", "60")
      .option(
        "--from <date>",
        "start of the observed range (with --to; default: whole days of the data)",
      )
      .option("--to <date>", "end of the observed range (exclusive)")
      .addOption(
        new Option("--format <format>", "output format (default: from --out, else table)").choices([
          ...STAFFING_FORMATS,
        ]),
      )
      .option("-o, --out <file>", "write the output to a file instead of stdout"),
  )
    .addHelpText("after", STAFFING_EXAMPLES)
    .action(async (files: string[], options: StaffingCommandOptions) => {
      run.code = await staffingCommand(files, options, io);
    });

  commonOptions(
    root
      .command("validate")
      .description(
        "list the rejected rows of a file (file, line, column, field, reason) and the summary",
      )
      .argument("<file>", "input file (- for standard input)"),
  )
    .addHelpText("after", VALIDATE_EXAMPLES)
    .action(async (file: string, options: InputOptions) => {
      run.code = await validate(file, options, io);
    });
  root.commands.forEach((command) => {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  });
  return root;
}

/**
 * Runs the CLI over `argv` (the arguments after the program name) and returns the exit code:
 * 0 ok, 1 usage error (unknown option or metric, missing file), 2 invalid data (a read error,
 * or rejected rows under `--strict`). User mistakes print one line, never a stack trace.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const run = { code: 0 };
  try {
    await program(io, run).parseAsync(argv, { from: "user" });
    return run.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has printed usage errors already.
      return error.exitCode === 0 ? 0 : 1;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`support-metrics: ${error.message}\n`);
      return 1;
    }
    if (error instanceof DataError) {
      io.stderr.write(`support-metrics: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RowLimitError) {
      io.stderr.write(`support-metrics: ${rowLimitText(error)}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`support-metrics: ${message}\n`);
    if (process.env.SUPPORT_METRICS_DEBUG && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
