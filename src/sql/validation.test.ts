/**
 * SQL validation on real DuckDB against the library's readers: the same CSV files read by
 * `readRecords` and by DuckDB's `read_csv` with the query of validation.ts must give the
 * same summary and the same rejections (line, column, field path, code and reason).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { describe, expect, test } from "vitest";
import { readRecords } from "../node/readRecords.ts";
import type { Ticket } from "../schemas/ticket.ts";
import { businessDuration } from "../time/businessTime.ts";
import { queryRows } from "./businessDuckdb.testing.ts";
import { businessIntervalsRelation, businessSecondsQuery } from "./businessHours.ts";
import { type SqlRecordKind, validationQuery } from "./validation.ts";
import { type Options, readerAccounting, sqlAccounting } from "./validationDuckdb.testing.ts";

const FIXTURES = join(import.meta.dirname, "../../test/fixtures/sql");

async function same(file: string, kind: SqlRecordKind, options: Options = {}) {
  const path = isAbsolute(file) ? file : join(FIXTURES, file);
  const [fromSql, fromReader] = await Promise.all([
    sqlAccounting(path, kind, options),
    readerAccounting(path, kind, options),
  ]);
  expect(fromSql.rejections).toEqual(fromReader.rejections);
  expect(fromSql.counts).toEqual(fromReader.counts);
  return { fromSql, fromReader };
}

describe("validationQuery on DuckDB gives the readers' accounting", () => {
  test("tickets: types, enums, contradictions, empty cells, formulas, control characters, copies", async () => {
    const { fromSql, fromReader } = await same("tickets-mixed.csv", "tickets");
    // The used rows' typed values equal the records the reader kept.
    const key = (r: Record<string, unknown>) => `${r.id}|${r.source ?? ""}`;
    const byId = new Map(fromReader.records.map((r) => [key(r), r]));
    for (const row of fromSql.used) {
      const record = byId.get(key(row)) as Record<string, unknown>;
      expect(record, String(row.id)).toBeDefined();
      expect(Number(row.createdAt)).toBe((record.createdAt as Date).getTime());
      expect(row.status).toBe(record.status);
      expect(row.channel).toBe(record.channel);
      expect(row.handleSeconds).toBe(record.handleSeconds);
      expect(row.escalated).toBe(record.escalated);
      expect((row.tags as { items: unknown[] }).items).toEqual(record.tags);
      const resolved = record.firstResolvedAt as Date | null;
      expect(row.firstResolvedAt === null ? null : Number(row.firstResolvedAt)).toBe(
        resolved?.getTime() ?? null,
      );
    }
    expect(fromSql.used.length).toBe(fromReader.records.length);
  });

  test("tickets: text lengths in code points, as the schema counts them", async () => {
    // The schema's limit of 1024 counts code points (Zod 4.6): 1024 emoji (2048 UTF-16 units)
    // are a channel or a tag, 1025 are not.
    const emoji = (n: number) => "\u{1F600}".repeat(n);
    const path = join(mkdtempSync(join(tmpdir(), "sql-lengths-")), "tickets.csv");
    writeFileSync(
      path,
      [
        "id,createdAt,channel,tags",
        `T1,2024-03-01T10:00:00Z,${emoji(1024)},`,
        `T2,2024-03-01T10:00:00Z,${emoji(1025)},`,
        `T3,2024-03-01T10:00:00Z,chat,"a,${emoji(1024)}"`,
        `T4,2024-03-01T10:00:00Z,chat,"a,${emoji(1025)}"`,
        "",
      ].join("\n"),
    );
    const { fromSql } = await same(path, "tickets");
    expect(fromSql.rejections.map((r) => r.line)).toEqual([3, 5]);
  });

  test("tickets: with a decimal comma", async () => {
    await same("tickets-mixed.csv", "tickets", { decimalComma: true });
  });

  test("tickets: zone-less timestamps in New York (skipped and repeated hours) and without a zone", async () => {
    const zone = { timeZone: "America/New_York", zoneYears: [1849, 2030] as const };
    const { fromSql, fromReader } = await same("tickets-zoneless.csv", "tickets", zone);
    const instants = (rows: Record<string, unknown>[]) =>
      rows.map((r) => [
        r.id,
        Number(r.createdAt instanceof Date ? r.createdAt.getTime() : r.createdAt),
      ]);
    expect(instants(fromSql.used)).toEqual(instants(fromReader.records));
    await same("tickets-zoneless.csv", "tickets");
  });

  test("a zone-less timestamp outside the zone's years fails the query", async () => {
    const path = join(FIXTURES, "tickets-zoneless.csv");
    await expect(
      sqlAccounting(path, "tickets", { timeZone: "America/New_York", zoneYears: [2000, 2030] }),
    ).rejects.toThrow("validationQuery: a zone-less timestamp must fall in the years of zoneYears");
  });

  test("survey responses: kinds, scores on the scale, what a score needs, order", async () => {
    await same("surveys-mixed.csv", "surveyResponses");
  });

  test("refuses what it does not read exactly: JSON cells, a missing required column, a column twice", () => {
    const base = { kind: "tickets" as const, source: "raw", line: "line" };
    expect(() => validationQuery({ ...base, columns: ["id", "createdAt", "messages"] })).toThrow(
      "validationQuery: columns must not include messages, got them: JSON in a cell (nested records) is not validated in SQL; read such files with the library's readers",
    );
    expect(() =>
      validationQuery({ ...base, kind: "surveyResponses", columns: ["id", "kind", "scale"] }),
    ).toThrow("columns must not include scale");
    expect(() => validationQuery({ ...base, columns: ["id"] })).toThrow(
      "validationQuery: the header has no column for the required field createdAt",
    );
    expect(() => validationQuery({ ...base, columns: ["id", "createdAt", "id"] })).toThrow(
      'validationQuery: the header has the column "id" more than once, so the mapping is ambiguous',
    );
    // Columns that are no field are ignored, even twice.
    expect(() =>
      validationQuery({ ...base, columns: ["id", "createdAt", "x", "x"] }),
    ).not.toThrow();
  });

  test("its used rows feed business time: one query, parameters numbered one after the other", async () => {
    const path = join(FIXTURES, "tickets-business.csv");
    const timeZone = "America/New_York";
    const nineToFive = [{ start: "09:00", end: "17:00" }];
    const support = {
      timeZone,
      weekly: {
        monday: nineToFive,
        tuesday: nineToFive,
        wednesday: nineToFive,
        thursday: nineToFive,
        friday: nineToFive,
      },
    };
    await queryRows(
      `CREATE OR REPLACE TEMP TABLE "composed" AS SELECT row_number() OVER () + 1 AS "line", * FROM read_csv('${path}', all_varchar = true, header = true)`,
    );
    const checked = validationQuery({
      kind: "tickets",
      source: "composed",
      columns: ["id", "createdAt", "firstResponseAt", "status"],
      line: "line",
      timeZone,
      zoneYears: [2024, 2025],
    });
    const business = businessIntervalsRelation(
      support,
      { from: Date.parse("2024-03-01T00:00:00Z"), to: Date.parse("2024-12-01T00:00:00Z") },
      { firstParam: checked.params.length + 1 },
    );
    const sql = `WITH "checked" AS (${checked.sql}),
"used" AS (SELECT "id", "createdAt", "firstResponseAt" FROM "checked" WHERE "outcome" = 'used'),
"business" AS ${business.sql}
${businessSecondsQuery({ source: "used", intervals: "business", spans: [{ start: "createdAt", end: "firstResponseAt", as: "firstReplyBusiness" }] })}
ORDER BY "id"`;
    const rows = await queryRows(sql, [...checked.params, ...business.params]);
    const reader = readRecords(path, { kind: "tickets", timeZone });
    const tickets = (await reader.toArray()) as Ticket[];
    const expected = tickets.map((t) => [
      t.id,
      t.firstResponseAt ? businessDuration(t.createdAt, t.firstResponseAt, support) : null,
    ]);
    expect(rows.map((r) => [r.id, r.firstReplyBusiness])).toEqual(expected);
    // B1: Friday 16–17 and Monday 09–10 (2 h); B2: Monday 09:00–09:30; B3: Friday 16:30–17
    // (1800 s) and Monday 09:00–09:15:30.250 (930.25 s); B5 never answered; B6 zero; B4 and B7 rejected.
    expect(expected).toEqual([
      ["B1", 7200],
      ["B2", 1800],
      ["B3", 2730.25],
      ["B5", null],
      ["B6", 0],
    ]);
  });
});
