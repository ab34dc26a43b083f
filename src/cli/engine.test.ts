import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { monthlyByChannel, runCli, scratchFolder } from "../../test/cli.ts";
import { compiling, expectSameRows } from "../../test/sqlParity.ts";
import type { TableKind } from "../sql/tableKinds.ts";
import { engineOf } from "./engine.ts";

// `--engine duckdb` gives the JSON rows `--engine js` gives, on every input format, for every
// metric of the record kind that compiles (counts exactly, other numbers to a relative 1e-9:
// DuckDB's quantile_cont interpolates in another order of operations, a last-bit difference);
// a metric that does not compile is refused with its reason, never approximated.

const ROOT = join(import.meta.dirname, "..", "..");
const scratch = scratchFolder("engine");

/** The example data in every input format the CLI reads (a CSV example as it is). */
function formats(file: string): Record<string, string> {
  if (file.endsWith(".csv")) return { csv: join(ROOT, "examples", "data", file) };
  const records = JSON.parse(readFileSync(join(ROOT, "examples", "data", file), "utf8")) as Record<
    string,
    unknown
  >[];
  const base = file.replace(".json", "");
  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return "";
    const text = typeof value === "number" && columns.length > 0 ? String(value) : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  // Timestamps given as epoch milliseconds in the JSON become ISO text in CSV.
  const iso = (key: string, value: unknown) =>
    /At$/.test(key) && typeof value === "number" ? new Date(value).toISOString() : value;
  const csv = [
    columns.join(","),
    ...records.map((record) => columns.map((key) => cell(iso(key, record[key]))).join(",")),
  ].join("\n");
  return {
    json: scratch.write(`${base}.json`, JSON.stringify(records)),
    ndjson: scratch.write(
      `${base}.ndjson`,
      records.map((record) => JSON.stringify(record)).join("\n"),
    ),
    csv: scratch.write(`${base}.csv`, `${csv}\n`),
  };
}

const TICKET_COLUMNS = [
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
  "escalated",
];

describe("report --engine duckdb", () => {
  const cases = [
    { file: "tickets.json", kind: "tickets" as const, columns: TICKET_COLUMNS },
    {
      file: "surveys.json",
      kind: "surveyResponses" as const,
      columns: ["id", "kind", "score", "scale", "respondedAt", "channel"],
    },
    {
      file: "calls.csv",
      kind: "queueContacts" as const,
      // Two weeks of one month: by day and queue, for more than one row.
      by: "day,queue",
      columns:
        readFileSync(join(ROOT, "examples/data/calls.csv"), "utf8").split("\n")[0]?.split(",") ??
        [],
    },
  ];
  for (const { file, kind, columns, by } of cases as {
    file: string;
    kind: TableKind;
    columns: string[];
    by?: string;
  }[]) {
    const metrics = compiling(kind, columns);
    for (const [format, path] of Object.entries(formats(file))) {
      test(`gives the rows of --engine js: ${file} as ${format}, ${metrics.join(", ")}`, async () => {
        const argv = (engine: string) => [
          "report",
          path,
          ...monthlyByChannel(metrics),
          ...(by ? ["--by", by] : []),
          "--engine",
          engine,
        ];
        const js = await runCli(argv("js"));
        const duckdb = await runCli(argv("duckdb"));
        expect(js.code, js.stderr).toBe(0);
        expect(duckdb.code, duckdb.stderr).toBe(0);
        const rows = (text: string) => (JSON.parse(text) as { rows: unknown[] }).rows;
        expect(rows(duckdb.stdout).length).toBeGreaterThan(3);
        expectSameRows(rows(duckdb.stdout), rows(js.stdout));
      });
    }
  }

  test("the standard ticket metrics all compile over the example columns", () => {
    expect(compiling("tickets", TICKET_COLUMNS)).toEqual(
      expect.arrayContaining(["volume", "escalation", "frt", "resolution", "one-touch", "reopen"]),
    );
  });

  test("a metric that does not compile is refused with its reason", async () => {
    const path = formats("tickets.json").json as string;
    const run = await runCli([
      "report",
      path,
      "--metrics",
      "volume,backlog",
      "--tz",
      "UTC",
      "--engine",
      "duckdb",
      "--format",
      "json",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "backlog: a stock by period is measured at the end of each period of the range, and needs one (range)",
    );
  });

  test("--engine takes js, duckdb or postgres", () => {
    expect([engineOf(undefined), engineOf("duckdb"), engineOf("postgres")]).toEqual([
      "js",
      "duckdb",
      "postgres",
    ]);
    expect(() => engineOf("spark")).toThrow('--engine must be js, duckdb or postgres, got "spark"');
  });
});
