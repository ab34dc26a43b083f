/**
 * The per-dialect support table of docs/engines.md, written from the catalogue and the
 * compiler: for each catalogue metric (its default options, over every flat field of its
 * records, by month over a range), whether it compiles in each dialect, or the compiler's reason for refusing it.
 * `npm run docs:dialects` rewrites the block between the markers, and
 * test/dialectSupport.test.ts fails when the block is not what this writes.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { catalogue } from "../src/metrics/catalogue.ts";
import { type MetricDefinition, optionNames, requiredOptions } from "../src/metrics/define.ts";
import { RECORD_FIELDS } from "../src/node/mapping.ts";
import { compileRollup, SqlRefusedError } from "../src/sql/compile.ts";
import type { Dialect } from "../src/sql/dialect.ts";
import { DIALECTS } from "../src/sql/dialects.ts";
import { fieldsOf, isNestedField } from "../src/sql/tableKinds.ts";

export const START = "<!-- dialects:start (written by npm run docs:dialects) -->";
export const END = "<!-- dialects:end -->";

/** A row of the table: a metric with the options it is given, and a label. */
interface Row {
  readonly label: string;
  readonly metric: MetricDefinition;
  readonly options?: object;
}

/** The first catalogue metric timed by a schedule: the row of business time. */
const timed = catalogue.find((metric) =>
  optionNames(metric).includes("schedule"),
) as MetricDefinition;
const WORKDAY = [{ start: "09:00", end: "17:00" }];
/**
 * A value for each option some metric cannot do without (it has no default), by the option's
 * name: a metric's required options are read from its schema (requiredOptions), never its name.
 */
const NEEDED: Readonly<Record<string, unknown>> = { statuses: ["pending"] };
const ROWS: Row[] = [
  ...catalogue.map((metric) => {
    const needed = requiredOptions(metric).filter((name) => Object.hasOwn(NEEDED, name));
    const options = Object.fromEntries(needed.map((name) => [name, NEEDED[name]]));
    return { label: `\`${metric.name}\``, metric, ...(needed.length > 0 ? { options } : {}) };
  }),
  {
    label: `\`${timed.name}\` in business hours (a schedule)`,
    metric: timed,
    options: { schedule: { timeZone: "UTC", weekly: { monday: WORKDAY } } },
  },
];

/**
 * The columns of a table of the row's records as a database holds them: every flat field,
 * and the nested arrays of records the engines load as nested columns (a ticket's assignment
 * and status histories: `isNestedField`) where the metric reads them; another list of nested
 * records, such as a ticket's messages, is no column of such a table (the engines load it as
 * JSON text only when the records carry it). (A stock over a table that holds the status
 * histories is refused: the in-memory rule reads them.)
 */
function columnsOf(metric: MetricDefinition): string[] {
  const records = metric.records;
  if (records !== "tickets" && records !== "surveyResponses")
    return Object.keys(RECORD_FIELDS[records].fields);
  const fields = fieldsOf(records);
  return Object.keys(fields).filter(
    (field) =>
      fields[field]?.kind !== "records" ||
      (isNestedField(records, field) && (metric.reads as readonly string[]).includes(field)),
  );
}

/** Why `dialect` refuses the row, or undefined when it compiles. */
function refusal(row: Row, dialect: Dialect): string | undefined {
  const columns = columnsOf(row.metric);
  try {
    compileRollup({
      relation: { name: row.metric.records, columns },
      metrics: { [row.metric.key]: { metric: row.metric, options: row.options ?? {} } },
      // By month over a range: a stock is measured at the end of each month of it.
      by: { period: "month" },
      range: { start: "2024-01-01T00:00:00Z", end: "2024-07-01T00:00:00Z" },
      dialect,
      businessRange: { from: 0, to: 86_400_000 },
    });
    return undefined;
  } catch (error) {
    if (!(error instanceof SqlRefusedError)) throw error;
    return error.refusals.map((r) => r.reason).join("; ");
  }
}

/** The table, one row per catalogue entry, one column per dialect; reasons numbered below. */
export function supportTable(): string {
  const names = Object.keys(DIALECTS);
  const reasons: string[] = [];
  const lines = [
    `| metric | ${names.join(" | ")} |`,
    `| --- | ${names.map(() => "---").join(" | ")} |`,
  ];
  for (const row of ROWS) {
    const cells = names.map((name) => {
      const reason = refusal(row, DIALECTS[name] as Dialect);
      if (reason === undefined) return "yes";
      if (!reasons.includes(reason)) reasons.push(reason);
      return `no (${reasons.indexOf(reason) + 1})`;
    });
    lines.push(`| ${row.label} | ${cells.join(" | ")} |`);
  }
  const notes = reasons.map((reason, i) => `${i + 1}. ${reason}`);
  return `${START}\n${lines.join("\n")}\n\nRefused, and why (the compiler's own words):\n\n${notes.join("\n")}\n${END}`;
}

/** Replaces the block between the markers in a document's text. */
export function withSupportTable(text: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end === -1)
    throw new Error(`docs/engines.md: markers ${START} … ${END} not found`);
  return `${text.slice(0, start)}${supportTable()}${text.slice(end + END.length)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = fileURLToPath(new URL("../docs/engines.md", import.meta.url));
  writeFileSync(file, withSupportTable(readFileSync(file, "utf8")));
  // The formatter pads the table; run it so the file is as `npm run lint` wants it.
  execFileSync("npx", ["biome", "format", "--write", file], { stdio: "inherit" });
}
