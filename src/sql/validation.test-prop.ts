/**
 * SQL validation equals the readers on random CSV files: rows of random cells (valid,
 * nearly valid and hostile: bad dates and offsets, fractions, zone-less times on DST days,
 * decimal commas, wrong-case enums, formula-looking and control-character text, long text,
 * copies of ids) read by `readRecords` and by DuckDB with the query of validation.ts, which
 * must give the same summary and the same rejections.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { SqlRecordKind } from "./validation.ts";
import { type Options, readerAccounting, sqlAccounting } from "./validationDuckdb.testing.ts";

const folder = mkdtempSync(join(tmpdir(), "sql-validation-"));
let files = 0;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * ISO-like timestamps: mostly valid, around New York's 2024 changes, some broken. With a zone,
 * the days stay within the zone's years given to SQL (zone-less times outside fail the query).
 */
const timestampCell = (zoned: boolean) =>
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

const numberCell = fc.oneof(
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

const labelCell = fc.oneof(
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

const idCell = fc.oneof(
  fc.constantFrom("T1", "T2", "T3", " T1 ", "", "a:b"),
  fc.integer({ min: 1, max: 40 }).map((n) => `T${n}`),
);

const ticketColumns = (zoned: boolean): Record<string, fc.Arbitrary<string>> => ({
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

const surveyColumns = (zoned: boolean): Record<string, fc.Arbitrary<string>> => ({
  id: idCell,
  kind: fc.constantFrom("", "nps", "csat", "ces", "NPS", "csat "),
  score: numberCell,
  sentAt: timestampCell(zoned),
  respondedAt: timestampCell(zoned),
  agentId: idCell,
  channel: labelCell,
});

/** A CSV file of random rows over a random subset of the columns (id and createdAt kept). */
function fileArbitrary(columns: Record<string, fc.Arbitrary<string>>, required: readonly string[]) {
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

function writeCsv(header: readonly string[], rows: readonly string[][]): string {
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const path = join(folder, `f${files++}.csv`);
  writeFileSync(
    path,
    `${[header.join(","), ...rows.map((r) => r.map(quote).join(","))].join("\n")}\n`,
  );
  return path;
}

async function agree(kind: SqlRecordKind, path: string, options: Options) {
  const [fromSql, fromReader] = await Promise.all([
    sqlAccounting(path, kind, options),
    readerAccounting(path, kind, options),
  ]);
  expect(fromSql.rejections).toEqual(fromReader.rejections);
  expect(fromSql.counts).toEqual(fromReader.counts);
}

describe("validationQuery equals the readers on random files", () => {
  const cases = (kind: SqlRecordKind, columns: typeof ticketColumns, required: readonly string[]) =>
    fc
      .record({ zoned: fc.boolean(), decimalComma: fc.boolean() })
      .chain(({ zoned, decimalComma }) =>
        fileArbitrary(columns(zoned), required).map((file) => ({
          ...file,
          kind,
          options: {
            decimalComma,
            ...(zoned ? { timeZone: "America/New_York", zoneYears: [2023, 2026] as const } : {}),
          } as Options,
        })),
      );

  test.each([
    ["tickets", ticketColumns, ["id", "createdAt"]],
    ["surveyResponses", surveyColumns, ["id", "kind"]],
  ] as const)("%s", async (kind, columns, required) => {
    await fc.assert(
      fc.asyncProperty(cases(kind, columns, required), async ({ header, rows, options }) => {
        await agree(kind, writeCsv(header, rows), options);
      }),
      { numRuns: 8 },
    );
  });
});
