import { describe, expect, test } from "vitest";
import { connectedPostgres } from "../../test/postgres/connected.ts";
import { postgresAvailable } from "../../test/postgres/server.ts";
import type { BusinessDialect } from "../sql/businessDialect.ts";
import { POSTGRES } from "../sql/postgres.ts";
import { validationQuery } from "../sql/validation.ts";
import { type Options, readerAccounting } from "../sql/validationDuckdb.testing.ts";
import { writeCsv } from "../sql/validationFiles.testing.ts";
import { postgresValidation } from "../sql/validationPostgres.ts";
import { validatePostgresTable } from "./validate.ts";
import { loadTextTable, postgresAccounting } from "./validation.testing.ts";

// Hand-written cases of the readers' rules on a real server, each also compared whole with
// the readers' accounting of the same rows as a CSV file.

describe.skipIf(!postgresAvailable())("validatePostgresTable on a real server", () => {
  const db = connectedPostgres();

  const HEADER = ["id", "createdAt", "status", "channel", "handleSeconds"];

  /** The server's accounting, after checking that it is the readers'. */
  async function accounting(rows: string[][], options: Options = {}, header = HEADER) {
    const fromServer = await postgresAccounting(db.client, header, rows, "tickets", options);
    const fromReader = await readerAccounting(writeCsv(header, rows), "tickets", options);
    expect(fromServer.rejections).toEqual(fromReader.rejections);
    expect(fromServer.counts).toEqual(fromReader.counts);
    return fromServer;
  }

  /** The typed field `field` of the used rows, by line. */
  async function used(rows: string[][], field: string, options: Options = {}, header = HEADER) {
    const table = await loadTextTable(db.client, header, rows);
    const { sql, params } = validationQuery(
      { kind: "tickets", source: table, columns: header, line: "line", ...options },
      postgresValidation,
      POSTGRES as BusinessDialect,
    );
    const result = await db.client.query(
      `SELECT "line", "${field}" AS "value" FROM (${sql}) AS "v" WHERE "outcome" = 'used' ORDER BY "line"`,
      params,
    );
    return result.rows.map((row) => [row.line, row.value === null ? null : Number(row.value)]);
  }

  test("zone-less times in New York's skipped and repeated hours", async () => {
    const options = { timeZone: "America/New_York", zoneYears: [2024, 2025] as const };
    const rows = [
      ["T1", "2024-03-10T02:30:00", "", "", ""],
      ["T2", "2024-11-03T01:30:00", "", "", ""],
      ["T3", "2024-07-01 12:00", "", "", ""],
    ];
    expect((await accounting(rows, options)).counts).toEqual({
      read: 3,
      valid: 3,
      rejected: 0,
      duplicates: 0,
    });
    // 02:30 on 10 March never happened: read with EST (−5), the offset before the change, it
    // is 07:30Z (03:30 EDT). 01:30 on 3 November happened twice: the earlier, EDT (−4),
    // 05:30Z. 1 July is EDT: 16:00Z.
    expect(await used(rows, "createdAt", options)).toEqual([
      [2, Date.parse("2024-03-10T07:30:00Z")],
      [3, Date.parse("2024-11-03T05:30:00Z")],
      [4, Date.parse("2024-07-01T16:00:00Z")],
    ]);
  });

  test("a decimal comma: a rejection, or 1.5 with decimalComma", async () => {
    const rows = [["T1", "2024-03-01T10:00:00Z", "", "", "1,5"]];
    expect((await accounting(rows)).rejections).toEqual([
      {
        line: 2,
        column: "handleSeconds",
        path: "handleSeconds",
        code: "invalid_cell",
        reason:
          'must be a number written with a "." decimal point (decimalComma reads "1,5" as 1.5), got "1,5"',
      },
    ]);
    await accounting(rows, { decimalComma: true });
    expect(await used(rows, "handleSeconds", { decimalComma: true })).toEqual([[2, 1.5]]);
  });

  test("an enum in the wrong case, a formula-looking label, a quote cut after 40 characters", async () => {
    const long = `${"abcdefghij".repeat(4)}KLM`;
    const rows = [
      ["T1", "2024-03-01T10:00:00Z", "Open", "", ""],
      ["T2", "2024-03-01T10:00:00Z", "open", "=SUM(A1)", ""],
      ["T3", "2024-03-01T10:00:00Z", long, "", ""],
      ["T2", "2024-03-02T10:00:00Z", "solved", "@cmd", ""],
    ];
    const result = await accounting(rows);
    // A formula is text to a label: T2's first copy (line 3) gives way to its later one.
    expect(result.counts).toEqual({ read: 4, valid: 1, rejected: 2, duplicates: 1 });
    expect(
      result.rejections.map((r) => [
        r.line,
        r.column,
        r.reason.replace(/^must be one of ".*", got /, ""),
      ]),
    ).toEqual([
      [2, "status", '"Open"'],
      [4, "status", `"${"abcdefghij".repeat(4)}…"`],
    ]);
  });

  test("numbers beyond the double range, at its edges and far past them read as Number reads them", async () => {
    const cells = [
      "1.7976931348623157e308",
      "1.7976931348623158e308",
      "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
      "2.4703282292062328e-324",
      "2.4703282292062327e-324",
      "4.9406564584124654e-324",
      "1e-400",
      `0.${"0".repeat(20_000)}1`,
      `1${"0".repeat(400)}`,
      "1e99999999999",
      "0e99999999999",
      ".5e1",
      "123456789012345678901234567890",
    ];
    const rows = cells.map((cell, i) => [`T${i}`, "2024-03-01T10:00:00Z", "", "", cell]);
    await accounting(rows);
    const expected = cells
      .map((cell, i) => [i + 2, Number(cell)] as const)
      .filter(([, value]) => Number.isFinite(value))
      .map(([line, value]) => [line, value]);
    expect(await used(rows, "handleSeconds")).toEqual(expected);
    // The hand-checked edges: the largest double (the third cell is one below the halfway point
    // 2^1024 − 2^970), the least subnormal just above half of it, zero at or below half.
    expect(expected.slice(0, 6)).toEqual([
      [2, 1.7976931348623157e308],
      [3, 1.7976931348623157e308],
      [4, 1.7976931348623157e308],
      [5, 5e-324],
      [6, 0],
      [7, 5e-324],
    ]);
  });

  test("digits of other scripts, Unicode spaces, lengths in code points", async () => {
    const rows = [
      ["T1", "2024-03-01T10:00:00Z", "", "", "\u0663"],
      ["T2", "2024-03-01T10:00:00Z", "", "", "\u2003 7 \u3000"],
      ["T3", "2024-03-01T10:00:00Z", "", "\u{1F600}".repeat(1024), ""],
      ["T4", "\u0662\u0660\u0662\u0664-03-01T10:00:00Z", "", "", ""],
      ["T5", "2024-03-01T10:00:00Z", "", "\u{1F600}".repeat(1025), "8"],
    ];
    const result = await accounting(rows);
    // "٣" is no number to Number; Arabic-Indic digits are no ISO 8601 year; the schema's
    // limit of 1024 counts code points (Zod 4.6): 1024 emoji (2048 UTF-16 units) are a
    // label, 1025 are not.
    expect(result.rejections.map((r) => [r.line, r.column, r.code])).toEqual([
      [2, "handleSeconds", "invalid_cell"],
      [5, "createdAt", "invalid_cell"],
      [6, "channel", "too_big"],
    ]);
    expect(await used(rows, "handleSeconds")).toEqual([
      [3, 7],
      [4, null],
    ]);
  });

  test("a zone-less time outside zoneYears fails with our message; JSON cells are refused", async () => {
    const table = await loadTextTable(db.client, HEADER, [["T1", "2031-01-01T00:00", "", "", ""]]);
    const options = { kind: "tickets" as const, table, columns: ["line", ...HEADER], line: "line" };
    await expect(
      validatePostgresTable(db.client, {
        ...options,
        timeZone: "Europe/Paris",
        zoneYears: [2024, 2030],
      }),
    ).rejects.toThrow(
      new RangeError("validationQuery: a zone-less timestamp must fall in the years of zoneYears"),
    );
    await expect(
      validatePostgresTable(db.client, { ...options, columns: [...options.columns, "messages"] }),
    ).rejects.toThrow("validationQuery: columns must not include messages");
  });
});
