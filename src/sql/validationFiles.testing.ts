/**
 * Test support, not part of the library: random CSV files for the validation properties
 * (DuckDB's in src/sql/validation.test-prop.ts, PostgreSQL's in
 * src/postgres/validation.test-prop.ts): rows of random cells, valid, nearly valid and
 * hostile (bad dates and offsets, fractions, zone-less times on New York's DST days, decimal
 * commas, wrong-case enums, formula-looking and control-character text, long text, copies
 * of ids), over a random subset of a kind's columns, and the options they are read with.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { SqlRecordKind } from "./validation.ts";
import type { Options } from "./validationDuckdb.testing.ts";

const folder = mkdtempSync(join(tmpdir(), "sql-validation-"));
let files = 0;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * ISO-like timestamps: mostly valid, around New York's 2024 changes, some broken. With a zone,
 * the days stay within the zone's years given to SQL (zone-less times outside fail the query).
 */
export const timestampCell = (zoned: boolean) =>
  fc.oneof(
    fc
      .record({
        day: fc.constantFrom(
          "2024-03-10",
          "2024-11-03",
          "2024-02-29",
          "2023-02-29",
          "2024-12-31",
          ...(zoned ? [] : ["0000-01-01", "9999-12-31"]),
        ),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.constantFrom(0, 30, 59, 60),
        second: fc.constantFrom(
          "",
          ":00",
          ":59",
          ":60",
          ":07.5",
          ":07,1239",
          ":07.0005",
          ":07.9996",
          ":07.1234567891",
        ),
        separator: fc.constantFrom("T", " ", "t"),
        offset: fc.constantFrom(
          "Z",
          "z",
          "+01:00",
          "-05:00",
          "+0530",
          "+01",
          " Z",
          "+24:00",
          "-00:60",
          "",
          "",
          "+01:",
        ),
      })
      .map((p) => `${p.day}${p.separator}${pad(p.hour)}:${pad(p.minute)}${p.second}${p.offset}`),
    fc.constantFrom(
      "",
      " ",
      "2024-03-10",
      "2024-03-10 +01",
      "2024-03-01T10Z",
      "yesterday",
      "1709283600000",
      " 2024-03-01T10:00:00Z ",
    ),
  );

export const numberCell = fc.oneof(
  fc.integer({ min: -5, max: 20 }).map(String),
  fc.constantFrom(
    "",
    " 3 ",
    "1.5",
    "-0",
    "1,5",
    "12,5",
    "1e3",
    "1e999",
    "-1e999",
    ".5",
    "5.",
    "+2",
    "abc",
    "9007199254740993",
    "-9007199254740993",
    "0x10",
    "1_000",
    "11.5",
    "1.5e-7",
    "123456789012.5",
  ),
);

export const labelCell = fc.oneof(
  fc.constantFrom(
    "",
    "email",
    "  chat ",
    "=SUM(A1)",
    "@cmd",
    "+1",
    "tab\there",
    "ctl\u0001x",
    'say "hi"',
    "a,b",
    "é ü",
    "\u00a0nbsp\u00a0",
    "x".repeat(1030),
  ),
  fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)),
);

export const idCell = fc.oneof(
  fc.constantFrom("T1", "T2", "T3", " T1 ", "", "a:b"),
  fc.integer({ min: 1, max: 40 }).map((n) => `T${n}`),
);

export const ticketColumns = (zoned: boolean): Record<string, fc.Arbitrary<string>> => ({
  id: idCell,
  createdAt: timestampCell(zoned),
  channel: labelCell,
  status: fc.constantFrom("", "open", "Open", "solved", "closed", "onHold", " open", "pending"),
  firstResponseAt: timestampCell(zoned),
  firstResolvedAt: timestampCell(zoned),
  lastResolvedAt: timestampCell(zoned),
  closedAt: timestampCell(zoned),
  reopenCount: numberCell,
  handleSeconds: numberCell,
  escalated: fc.constantFrom("", "true", "FALSE", "yes", "n", "1", "maybe", " y "),
  tags: fc.constantFrom("", "a", "a, b", " , ,", `a,${"x".repeat(1030)}`),
  source: fc.constantFrom("", "eu", "us", " eu "),
});

export const surveyColumns = (zoned: boolean): Record<string, fc.Arbitrary<string>> => ({
  id: idCell,
  kind: fc.constantFrom("", "nps", "csat", "ces", "NPS", "csat "),
  score: numberCell,
  sentAt: timestampCell(zoned),
  respondedAt: timestampCell(zoned),
  agentId: idCell,
  channel: labelCell,
});

/** Self-service sessions: a required kind among three, an optional customer, a flag, a source. */
export const sessionColumns = (zoned: boolean): Record<string, fc.Arbitrary<string>> => ({
  id: idCell,
  startedAt: timestampCell(zoned),
  kind: fc.constantFrom("", "search", "articleView", "botFlow", "Search", " botFlow", "chat"),
  customerId: idCell,
  topic: labelCell,
  handedOff: fc.constantFrom("", "true", "FALSE", "yes", "n", "1", "maybe"),
  source: fc.constantFrom("", "eu", "us", " eu "),
});

/** A CSV file of random rows over a random subset of the columns (id and createdAt kept). */
export function fileArbitrary(
  columns: Record<string, fc.Arbitrary<string>>,
  required: readonly string[],
) {
  const names = Object.keys(columns);
  return fc
    .subarray(names, { minLength: 1 })
    .map((picked) => names.filter((n) => required.includes(n) || picked.includes(n)))
    .chain((header) =>
      fc
        .array(fc.tuple(...header.map((name) => columns[name] as fc.Arbitrary<string>)), {
          minLength: 1,
          maxLength: 25,
        })
        .map((rows) => ({ header, rows })),
    );
}

/** A CSV file of the rows under the header, every cell quoted: its path, in a temporary folder. */
export function writeCsv(header: readonly string[], rows: readonly string[][]): string {
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const path = join(folder, `f${files++}.csv`);
  writeFileSync(
    path,
    `${[header.join(","), ...rows.map((r) => r.map(quote).join(","))].join("\n")}\n`,
  );
  return path;
}

/** A random file of a kind, with random options: a zone (New York, 2023 to 2025) or none, and decimal commas or not. */
export const fileCases = (
  kind: SqlRecordKind,
  columns: typeof ticketColumns,
  required: readonly string[],
) =>
  fc.record({ zoned: fc.boolean(), decimalComma: fc.boolean() }).chain(({ zoned, decimalComma }) =>
    fileArbitrary(columns(zoned), required).map((file) => ({
      ...file,
      kind,
      options: {
        decimalComma,
        ...(zoned ? { timeZone: "America/New_York", zoneYears: [2023, 2026] as const } : {}),
      } as Options,
    })),
  );
