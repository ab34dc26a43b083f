/**
 * The readers' limits on hostile files (issue 12): issues kept per rejected row, bytes of a
 * CSV record and of an NDJSON line, and the cost of columns that are not read. Each limit is
 * in docs/readers.md ("Limits").
 */
import { describe, expect, test } from "vitest";
import { MAX_ISSUES_PER_RECORD } from "../schemas/validate.ts";
import { readCsvRows } from "./csv.ts";
import { readJsonRows } from "./json.ts";
import { readTickets } from "./namedReaders.ts";
import { tooManyValues } from "./ndjson.ts";
import { describeRowRejection } from "./readRecords.ts";
import { ReadError } from "./rows.ts";

const AT = "2024-03-01T09:00:00Z";

/** A ticket whose every message has an unreadable time: one issue per message. */
function ticketWithBadMessages(id: string, count: number) {
  return {
    id,
    createdAt: AT,
    messages: Array.from({ length: count }, () => ({ at: "x", authorRole: "agent" })),
  };
}

describe("issues kept per rejected row", () => {
  test("NDJSON: each row keeps its first 20 issues and counts the rest", async () => {
    const lines = [
      `${JSON.stringify(ticketWithBadMessages("T1", 20_000))}\n`,
      `${JSON.stringify({ id: "T2", createdAt: AT })}\n`,
      `${JSON.stringify(ticketWithBadMessages("T3", 5))}\n`,
      `${JSON.stringify(ticketWithBadMessages("T4", 100_000))}\n`,
    ];
    const reader = readTickets(lines, { format: "ndjson" });
    expect((await reader.toArray()).map((t) => t.id)).toEqual(["T2"]);
    const [first, few, last] = reader.summary.rejections;
    expect(first?.issues).toHaveLength(MAX_ISSUES_PER_RECORD);
    expect(first?.issues[19]?.path).toEqual(["messages", 19, "at"]);
    // 20 000 issues, 20 kept: 19 980 counted.
    expect(first?.moreIssues).toBe(19_980);
    expect(few?.issues).toHaveLength(5);
    expect(few).not.toHaveProperty("moreIssues");
    expect(last?.moreIssues).toBe(99_980);
    expect(describeRowRejection(last as never)).toBe(
      'line 4, column "messages" (messages[0].at): must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got "x" (100,000 issues, the first 20 kept)',
    );
  });

  test("CSV: cells that cannot be read come first, then the schema's issues, 20 in all", async () => {
    const messages = JSON.stringify(ticketWithBadMessages("T1", 30).messages).replaceAll('"', '""');
    const csv = ["id,createdAt,reopenCount,messages\n", `T1,${AT},many,"${messages}"\n`];
    const reader = readTickets(csv, { format: "csv" });
    await reader.toArray();
    const [rejection] = reader.summary.rejections;
    // 1 unreadable cell + 30 message times = 31 issues: 20 kept, 11 counted.
    expect(rejection?.issues[0]).toMatchObject({ column: "reopenCount", code: "invalid_cell" });
    expect(rejection?.issues[1]?.path).toEqual(["messages", 0, "at"]);
    expect(rejection?.issues).toHaveLength(20);
    expect(rejection?.moreIssues).toBe(11);
  });
});

describe("columns that are not read", () => {
  test("readCsvRows keeps only the columns asked for; a repeated name keeps its first", async () => {
    const rows = [];
    for await (const row of readCsvRows(["a,b,c,a\n", "1,2,3,4\n", "5,6\n"], {
      columns: ["a", "c", "z"],
    })) {
      rows.push("values" in row ? { ...row.values } : row.error);
    }
    // The short row is still measured against the whole header.
    expect(rows).toEqual([{ a: "1", c: "3" }, "has 2 fields, the header has 4"]);
  });

  // Issue 12: every row built an object of every column (a header of 10^6 columns cost 0.45 s
  // a row). A reader now keeps the columns its mapping names; what is left is the scanner's
  // work per field. A timeout, not a timed assertion.
  test("a header of 10^5 columns reads right, building only the mapped columns", {
    timeout: 120_000,
  }, async () => {
    const columns = 100_000;
    const rows = 100;
    const names = Array.from({ length: columns }, (_, i) => `c${i}`);
    names[0] = "id";
    names[50_000] = "status";
    names[columns - 1] = "createdAt";
    const filler = ",".repeat(49_999);
    function* file() {
      yield `${names.join(",")}\n`;
      for (let r = 0; r < rows; r++) {
        yield `T${r}${filler},${r % 2 === 0 ? "open" : "solved"}${filler}${AT}\n`;
      }
    }
    const reader = readTickets(file(), { format: "csv", duplicates: "first" });
    const tickets = await reader.toArray();
    expect(tickets).toHaveLength(rows);
    expect(tickets[99]).toMatchObject({ id: "T99", status: "solved", createdAt: new Date(AT) });
    expect(tickets.filter((t) => t.status === "open")).toHaveLength(50);
    expect(reader.summary.columns?.used).toEqual(["id", "status", "createdAt"]);
    expect(reader.summary.columns?.ignored).toHaveLength(columns - 3);
  });
});

describe("bytes of a CSV record", () => {
  const MB = 1_000_000;

  /** The rows read (ids, or the reason of a rejected row), and the error that stopped reading. */
  async function readAll(chunks: string[], maxRecordBytes: number) {
    const seen: string[] = [];
    try {
      for await (const row of readCsvRows(chunks, { maxRecordBytes })) {
        seen.push("values" in row ? String(row.values.id) : row.error);
      }
    } catch (error) {
      return { seen, error: error as ReadError };
    }
    return { seen, error: null };
  }

  // Issue 12: csv-parse's limit counted the characters of fields, so 10^8 empty fields passed
  // it (4.6 GB, exit 0). The scanner counts bytes, delimiters included.
  test("a line of 3 MB of commas stops the read at its line, past a 1 MB limit", async () => {
    const { seen, error } = await readAll(
      ["id,n\n", "T1,1\n\n", ",".repeat(3 * MB), "\nT2,2\n"],
      MB,
    );
    expect(seen).toEqual(["T1"]);
    expect(error).toBeInstanceOf(ReadError);
    expect([error?.code, error?.line]).toEqual(["record-too-large", 4]);
    expect(error?.message).toMatch(
      /^readCsvRows: line 4: a record is larger than maxRecordBytes \(1000000 bytes, delimiters included\)/,
    );
  });

  test("the line counts quoted line breaks, CRLF and blank lines before it", async () => {
    const { seen, error } = await readAll(
      ["id,n\r\n", 'T1,"a\r\nb"\r\n', "\r\n", ",".repeat(3 * MB), "\r\nT2,2\r\n"],
      MB,
    );
    // T1 on lines 2-3, a blank line 4, the commas on line 5.
    expect(seen).toEqual(["T1"]);
    expect(error?.line).toBe(5);
  });

  test("so do quoted fields spread over lines, each line below the limit", async () => {
    // 40 lines of 50 000 commas, joined into one record by quoted line breaks: 2 MB.
    const part = `"x\n",${",".repeat(50_000)}`;
    const { seen, error } = await readAll(["id,n\n", "T1,1\n", part.repeat(40), "\nT2,2\n"], MB);
    expect(seen).toEqual(["T1"]);
    expect([error?.code, error?.line]).toEqual(["record-too-large", 3]);
  });

  test("many records past the limit in all are read: the limit is per record", async () => {
    // 12 000 rows of about 100 bytes: 1.2 MB.
    const rows = Array.from({ length: 12_000 }, (_, i) => `T${i},${"9".repeat(95)}\n`);
    const { seen, error } = await readAll(["id,n\n", rows.join("")], MB);
    expect(error).toBeNull();
    expect(seen).toHaveLength(12_000);
    expect(seen[11_999]).toBe("T11999");
  });

  test("a reader stops the same way, keeping what it read", async () => {
    const reader = readTickets(
      ["id,createdAt\n", `T1,${AT}\n`, ",".repeat(3 * MB), `\nT2,${AT}\n`],
      {
        format: "csv",
        maxRecordLength: MB,
      },
    );
    const tickets: string[] = [];
    await expect(async () => {
      for await (const ticket of reader) tickets.push(ticket.id);
    }).rejects.toThrow(/line 3: a record is larger than maxRecordBytes/);
    expect(tickets).toEqual(["T1"]);
    expect([reader.summary.read, reader.summary.done]).toEqual([1, false]);
  });
});

describe("NDJSON lines", () => {
  test("a line of a few MB past maxRecordLength is rejected with its line; reading goes on", async () => {
    const lines = [
      `${JSON.stringify({ id: "T1", createdAt: AT })}\n`,
      `{"id":"T2","createdAt":"${AT}","tags":[${"{},".repeat(1_000_000)}{}]}\n`,
      `${JSON.stringify({ id: "T3", createdAt: AT })}\n`,
    ];
    const reader = readTickets(lines, { format: "ndjson", maxRecordLength: 1_000_000 });
    expect((await reader.toArray()).map((t) => t.id)).toEqual(["T1", "T3"]);
    expect(reader.summary.rejections.map(describeRowRejection)).toEqual([
      "line 2, (row): is longer than maxLineLength (1000000 characters)",
    ]);
  });
});

describe("JSON values in one record", () => {
  test("tooManyValues counts {, [ and , outside strings, plus one", () => {
    // {"a":1,"b":[2,3]}: 1 + { + , + [ + , = 5.
    expect(tooManyValues('{"a":1,"b":[2,3]}', 5)).toBe(false);
    expect(tooManyValues('{"a":1,"b":[2,3]}', 4)).toBe(true);
    // Commas, braces and escaped quotes inside strings are text: 1 + { = 2.
    expect(tooManyValues('{"a":",,{[\\",,,,,,,,,,"}', 2)).toBe(false);
  });

  // A 20 MiB line of {},{},… peaked at 761 MB in JSON.parse; its values are now counted first.
  test("an NDJSON line of 1.5 million values is rejected unparsed; reading goes on", async () => {
    const lines = [
      `${JSON.stringify({ id: "T1", createdAt: AT })}\n`,
      `{"id":"T2","createdAt":"${AT}","tags":[${"{},".repeat(1_500_000)}{}]}\n`,
      `${JSON.stringify({ id: "T3", createdAt: AT })}\n`,
    ];
    const reader = readTickets(lines, { format: "ndjson" });
    expect((await reader.toArray()).map((t) => t.id)).toEqual(["T1", "T3"]);
    expect(reader.summary.rejections.map(describeRowRejection)).toEqual([
      "line 2, (row): holds more than 1000000 JSON values (maxValues); it is not parsed",
    ]);
  });

  test("so is a JSON cell of a CSV file (a ticket's messages)", async () => {
    const csv = [
      "id,createdAt,messages\n",
      `T1,${AT},"[${"{},".repeat(1_500_000)}{}]"\n`,
      `T2,${AT},\n`,
    ];
    const reader = readTickets(csv, { format: "csv" });
    expect((await reader.toArray()).map((t) => t.id)).toEqual(["T2"]);
    expect(reader.summary.rejections.map(describeRowRejection)).toEqual([
      'line 2, column "messages" (messages): holds more than 1000000 JSON values; it is not parsed',
    ]);
  });

  test("maxRecordValues lowers the bound, for NDJSON lines and JSON elements", async () => {
    // {"id":…,"createdAt":…,"tags":["a","b","c"]}: 1 + { + , + , + [ + , + , = 7 values.
    const t2 = { id: "T2", createdAt: AT, tags: ["a", "b", "c"] };
    const ndjson = readTickets([`${JSON.stringify(t2)}\n`, `{"id":"T3","createdAt":"${AT}"}\n`], {
      format: "ndjson",
      maxRecordValues: 5,
    });
    expect((await ndjson.toArray()).map((t) => t.id)).toEqual(["T3"]);
    expect(ndjson.summary.rejections[0]?.message).toMatch(/^holds more than 5 JSON values/);

    const rows: string[] = [];
    const json = `[${JSON.stringify(t2)},\n{"id":"T3"}]`;
    for await (const row of readJsonRows([json], { maxValues: 7 })) {
      rows.push("values" in row ? String(row.values.id) : `${row.line}: ${row.error}`);
    }
    expect(rows).toEqual(["T2", "T3"]);
    rows.length = 0;
    for await (const row of readJsonRows([json], { maxValues: 6 })) {
      rows.push("values" in row ? String(row.values.id) : `${row.line}: ${row.error}`);
    }
    expect(rows).toEqual(["1: holds more than 6 JSON values (maxValues); it is not parsed", "T3"]);
  });
});
