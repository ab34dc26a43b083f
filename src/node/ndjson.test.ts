import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { lineBatches, readNdjsonRows } from "./ndjson.ts";
import type { RawRow } from "./rows.ts";

async function rows(chunks: Iterable<string | Uint8Array> | Readable, options = {}) {
  const out: RawRow[] = [];
  for await (const row of readNdjsonRows(chunks, options)) out.push(row);
  return out;
}

function brief(list: RawRow[]): string[] {
  return list.map((row) =>
    "error" in row ? `${row.line}: ${row.error}` : `${row.line}: ${String(row.values.id)}`,
  );
}

async function* from(chunks: string[]) {
  yield* chunks;
}

describe("lines", () => {
  test("splits on \\n and \\r\\n across chunk boundaries, numbering from 1", async () => {
    const out: [number, string | null][] = [];
    for await (const batch of lineBatches(from(["a\r", "\nb", "b\n\nc"]), 100)) out.push(...batch);
    expect(out).toEqual([
      [1, "a"],
      [2, "bb"],
      [3, ""],
      [4, "c"],
    ]);
  });

  test("a line over the limit comes back as null, and the next line is whole", async () => {
    const out: [number, string | null][] = [];
    for await (const batch of lineBatches(from(["ok\n", "x".repeat(6), "xxx\nfine"]), 5))
      out.push(...batch);
    expect(out).toEqual([
      [1, "ok"],
      [2, null],
      [3, "fine"],
    ]);
  });
});

describe("readNdjsonRows", () => {
  test("reads one object per line with its line number; blank lines are skipped but counted", async () => {
    const out = await rows(['{"id":"T1"}\n\n  \n{"id":"T2"}\r\n{"id":"T3"}']);
    expect(brief(out)).toEqual(["1: T1", "4: T2", "5: T3"]);
    expect(out.map((row) => row.index)).toEqual([0, 1, 2]);
  });

  test("a line that is not JSON, or not an object, is a failure and reading goes on", async () => {
    const out = await rows(['{"id":"T1"}\n{oops\n[1]\n42\nnull\n{"id":"T2"}\n']);
    expect(brief(out)).toEqual([
      "1: T1",
      expect.stringMatching(/^2: is not valid JSON \(/) as unknown as string,
      "3: must be a JSON object, got an array",
      "4: must be a JSON object, got number",
      "5: must be a JSON object, got null",
      "6: T2",
    ]);
  });

  test("an empty source gives no rows", async () => {
    expect(await rows([])).toEqual([]);
    expect(await rows(["\n\n"])).toEqual([]);
  });

  test("a byte order mark and multi-byte characters split across chunks", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":"Zoë ☃"}\n')]);
    const chunks = [...bytes].map((byte) => Uint8Array.of(byte));
    const out = await rows(Readable.from(chunks));
    expect(brief(out)).toEqual(["1: Zoë ☃"]);
  });

  test("a 10 MB line that is not JSON gives a short reason", async () => {
    const out = await rows([`{"id": "${"x".repeat(10 * 1024 * 1024)}\n{"id":"T2"}\n`]);
    expect(out).toHaveLength(2);
    const failure = out[0] as { error: string };
    expect(failure.error.length).toBeLessThan(120);
    expect(brief(out)[1]).toBe("2: T2");
  });

  test("a line over maxLineLength is rejected without being held", async () => {
    const out = await rows([`{"id":"T1"}\n{"id":"${"x".repeat(100)}"}\n{"id":"T3"}\n`], {
      maxLineLength: 50,
    });
    expect(brief(out)).toEqual([
      "1: T1",
      "2: is longer than maxLineLength (50 characters)",
      "3: T3",
    ]);
  });

  test("__proto__ and constructor keys stay own data; Object.prototype is untouched", async () => {
    const out = await rows([
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"bad":1}},"id":"T1"}\n',
    ]);
    const values = (out[0] as { values: Record<string, unknown> }).values;
    expect(Object.hasOwn(values, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).bad).toBeUndefined();
  });

  test("checks maxLineLength", async () => {
    await expect(rows([], { maxLineLength: -1 })).rejects.toThrow(
      "readNdjsonRows: maxLineLength must be a positive integer, got -1",
    );
  });
});
