import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { readCsvRows } from "./csv.ts";
import { type RawRow, ReadError } from "./rows.ts";

async function rows(chunks: string[] | Readable, options = {}): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of readCsvRows(chunks, options)) out.push(row);
  return out;
}

/** Each row as "line: id" or "line: error". */
function brief(list: RawRow[]): string[] {
  return list.map((row) =>
    "error" in row ? `${row.line}: ${row.error}` : `${row.line}: ${String(row.values.id)}`,
  );
}

describe("readCsvRows", () => {
  test("reads rows with the header's names and the line each row starts on", async () => {
    const out = await rows(["id,status\n", "T1,open\nT2,solved\n"]);
    expect(out).toEqual([
      { line: 2, index: 0, values: { id: "T1", status: "open" } },
      { line: 3, index: 1, values: { id: "T2", status: "solved" } },
    ]);
  });

  test("an empty file, or a header alone, gives no rows and no error", async () => {
    expect(await rows([])).toEqual([]);
    expect(await rows([""])).toEqual([]);
    expect(await rows(["id,status\n"])).toEqual([]);
  });

  test("a UTF-8 byte order mark does not stick to the first column's name", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("id,n\nT1,1\n")]);
    const out = await rows(Readable.from([bytes]));
    expect(out[0]).toMatchObject({ values: { id: "T1" } });
  });

  test("CRLF line ends, blank lines and quoted fields over several lines keep the line numbers right", async () => {
    // line 1 header; 2-4 one record (a quoted field with two CRLF breaks); 5 blank; 6; 7-9; 10
    const text = 'id,note\r\nT1,"a\r\nb\r\nc"\r\n\r\nT2,x\r\nT3,"\n\n"\r\nT4,"say ""hi"""\r\n';
    const out = await rows([text]);
    expect(brief(out)).toEqual(["2: T1", "6: T2", "7: T3", "10: T4"]);
    expect(out[0]).toMatchObject({ values: { note: "a\r\nb\r\nc" } });
    expect(out[3]).toMatchObject({ values: { note: 'say "hi"' } });
  });

  test("line numbers stay right when a record is split across chunks", async () => {
    const text = 'id,note\nT1,"x\ny"\n\nT2,z\n';
    const chunks = text.split("");
    expect(brief(await rows(chunks))).toEqual(["2: T1", "5: T2"]);
  });

  test("ragged rows are failures with their line and reason, and reading goes on", async () => {
    const out = await rows(["id,a,b\nT1,1,2\nT2,1\nT3,1,2,3\nT4\nT5,1,2\n"]);
    expect(brief(out)).toEqual([
      "2: T1",
      "3: has 2 fields, the header has 3",
      "4: has 4 fields, the header has 3",
      "5: has 1 field, the header has 3",
      "6: T5",
    ]);
    expect(out.map((row) => row.index)).toEqual([0, 1, 2, 3, 4]);
  });

  test("a stray quote inside an unquoted field is kept as text", async () => {
    const out = await rows(['id,size\nT1,12" screen\nT2,"ok"x\nT3,fine\n']);
    expect(out.map((row) => ("values" in row ? row.values.size : row.error))).toEqual([
      '12" screen',
      '"ok"x',
      "fine",
    ]);
  });

  test("a quote never closed stops reading with a ReadError naming where it starts", async () => {
    const read = rows(['id,note\nT1,fine\nT2,"never closed\nT3,lost\nT4,lost\n']);
    await expect(read).rejects.toThrow(ReadError);
    await expect(rows(['id,note\nT1,fine\nT2,"never closed\nT3,lost\n'])).rejects.toThrow(
      /a quoted field starting on line 3 is never closed, so the rest of the file \(to line 4\) cannot be read/,
    );
    const error = await rows(['id,note\nT1,fine\n\nT2,"open\n']).catch((e: unknown) => e);
    // the field opens on line 4 (line 3 is blank)
    expect(error).toMatchObject({ code: "unclosed-quote", line: 4 });
  });

  test("the rows before an unclosed quote are still yielded", async () => {
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const row of readCsvRows(['id\nT1\nT2\n"T3\n'])) {
          if ("values" in row) seen.push(String(row.values.id));
        }
      })(),
    ).rejects.toThrow(ReadError);
    expect(seen).toEqual(["T1", "T2"]);
  });

  test("a record over maxRecordBytes stops reading with a short message", async () => {
    const error = await rows([`id,note\nT1,ok\nT2,${"x".repeat(5000)}\n`], {
      maxRecordBytes: 1000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadError);
    expect((error as ReadError).code).toBe("record-too-large");
    expect((error as ReadError).message).toMatch(/^readCsvRows: line 3: a record is larger/);
    expect((error as ReadError).message.length).toBeLessThan(200);
  });

  test("one chunk holding a line of a million delimiters stops at the limit, not after it", async () => {
    // 10^6 commas in one string: the record passes 1,000 bytes at its 1,001st delimiter
    const error = await rows([`id,n\nT1,1\n${",".repeat(1_000_000)}\n`], {
      maxRecordBytes: 1000,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "record-too-large", line: 3 });
  });

  test("a quoted field closed and followed by text is read as text, quotes kept", async () => {
    // `"a,b"c` is not RFC 4180; read from its start to the next delimiter: `"a` then `b"c`
    // would split inside the quotes, so the quoted part stays whole
    const out = await rows(['id,note\nT1,"a,b"c\nT2,"say ""x"""y\n']);
    expect(out.map((row) => ("values" in row ? row.values.note : row.error))).toEqual([
      '"a,b"c',
      '"say ""x"""y',
    ]);
  });

  test("a lone carriage return ends a line, as in old Mac exports", async () => {
    const out = await rows(['id,note\rT1,"a\rb"\rT2,c\r']);
    expect(brief(out)).toEqual(["2: T1", "4: T2"]);
    expect(out[0]).toMatchObject({ values: { note: "a\rb" } });
  });

  test("a 10 MB field is read whole under the default limit", async () => {
    const big = "x".repeat(10 * 1024 * 1024);
    const out = await rows([`id,note\nT1,${big}\nT2,small\n`]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ line: 2 });
    const first = out[0] as unknown as { values: { note: string } };
    expect(first.values.note.length).toBe(big.length);
  });

  test("__proto__ and constructor as header names are ordinary keys", async () => {
    const out = await rows(['__proto__,constructor,id\n{"polluted":1},x,T1\n']);
    const values = (out[0] as { values: Record<string, unknown> }).values;
    expect(Object.getPrototypeOf(values)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(values, "__proto__")?.value).toBe('{"polluted":1}');
    expect(values.constructor).toBe("x");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  test("a repeated column name keeps the first column", async () => {
    const out = await rows(["id,id\nA,B\n"]);
    expect(out[0]).toMatchObject({ values: { id: "A" } });
  });

  test("header names are trimmed", async () => {
    let header: readonly string[] = [];
    await rows([" id , Status \nT1,open\n"], { onHeader: (h: readonly string[]) => (header = h) });
    expect(header).toEqual(["id", "Status"]);
  });

  test("another delimiter and quote", async () => {
    const out = await rows(["id;note\nT1;'a;b'\n"], { delimiter: ";", quote: "'" });
    expect(out[0]).toMatchObject({ values: { id: "T1", note: "a;b" } });
  });

  test("options are checked with the error grammar", async () => {
    await expect(rows(["id\n"], { delimiter: ";;" })).rejects.toThrow(
      'readCsvRows: delimiter must be one character, got ";;"',
    );
    await expect(rows(["id\n"], { maxRecordBytes: 0 })).rejects.toThrow(
      "readCsvRows: maxRecordBytes must be a positive integer, got 0",
    );
  });

  test("a file that does not exist fails with Node's ENOENT", async () => {
    await expect(rows("/nonexistent/tickets.csv" as unknown as string[])).rejects.toMatchObject({
      code: "ENOENT",
    });
  });
});
