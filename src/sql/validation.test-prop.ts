/**
 * SQL validation equals the readers on random CSV files: rows of random cells (valid,
 * nearly valid and hostile: bad dates and offsets, fractions, zone-less times on DST days,
 * decimal commas, wrong-case enums, formula-looking and control-character text, long text,
 * copies of ids) read by `readRecords` and by DuckDB with the query of validation.ts, which
 * must give the same summary and the same rejections.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { SqlRecordKind } from "./validation.ts";
import { type Options, readerAccounting, sqlAccounting } from "./validationDuckdb.testing.ts";
import {
  fileCases,
  sessionColumns,
  surveyColumns,
  ticketColumns,
  writeCsv,
} from "./validationFiles.testing.ts";

async function agree(kind: SqlRecordKind, path: string, options: Options) {
  const [fromSql, fromReader] = await Promise.all([
    sqlAccounting(path, kind, options),
    readerAccounting(path, kind, options),
  ]);
  expect(fromSql.rejections).toEqual(fromReader.rejections);
  expect(fromSql.counts).toEqual(fromReader.counts);
}

describe("validationQuery equals the readers on random files", () => {
  test.each([
    ["tickets", ticketColumns, ["id", "createdAt"]],
    ["surveyResponses", surveyColumns, ["id", "kind"]],
    ["sessions", sessionColumns, ["id", "startedAt", "kind"]],
  ] as const)("%s", async (kind, columns, required) => {
    await fc.assert(
      fc.asyncProperty(fileCases(kind, columns, required), async ({ header, rows, options }) => {
        await agree(kind, writeCsv(header, rows), options);
      }),
      { numRuns: 8 },
    );
  });
});
