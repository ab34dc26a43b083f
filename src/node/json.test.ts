import { describe, expect, test } from "vitest";
import { readJsonRows } from "./json.ts";
import { type RawRow, ReadError } from "./rows.ts";

async function rows(chunks: string[], options = {}) {
  const out: RawRow[] = [];
  for await (const row of readJsonRows(chunks, options)) out.push(row);
  return out;
}

function brief(list: RawRow[]): string[] {
  return list.map((row) =>
    "error" in row ? `${row.line}: ${row.error}` : `${row.line}: ${String(row.values.id)}`,
  );
}

describe("readJsonRows", () => {
  test("reads the elements of an array with the line each starts on", async () => {
    const text = '[\n  {"id": "T1"},\n  {\n    "id": "T2",\n    "tags": ["a", "b"]\n  }\n]\n';
    const out = await rows([text]);
    expect(brief(out)).toEqual(["2: T1", "3: T2"]);
    expect(out[1]).toMatchObject({ index: 1, values: { tags: ["a", "b"] } });
  });

  test("strings holding brackets, braces, commas, quotes and escapes do not split elements", async () => {
    const text = '[{"id":"a,]}\\"[{","n":1},{"id":"\\\\"}]';
    const out = await rows(text.split("")); // one character per chunk
    expect(out.map((row) => ("values" in row ? row.values.id : row.error))).toEqual([
      'a,]}"[{',
      "\\",
    ]);
  });

  test("an element that is not valid JSON or not an object is a failure; reading goes on", async () => {
    const out = await rows(['[{"id":"T1"},\n{"id": tru},\n"text",\n{"id":"T4"}]']);
    expect(brief(out)).toEqual([
      "1: T1",
      expect.stringMatching(/^2: is not valid JSON/) as unknown as string,
      "3: must be a JSON object, got string",
      "4: T4",
    ]);
  });

  test("empty files and empty arrays give no rows", async () => {
    expect(await rows([])).toEqual([]);
    expect(await rows(["  \n"])).toEqual([]);
    expect(await rows(["[]"])).toEqual([]);
    expect(await rows(["[ \n ]\n"])).toEqual([]);
  });

  test("empty elements are failures", async () => {
    expect(brief(await rows(['[{"id":"T1"},,{"id":"T2"},]']))).toEqual([
      "1: T1",
      "1: is an empty array element",
      "1: T2",
      "1: is an empty array element",
    ]);
  });

  test("a file that is not an array, or is cut off, or has text after it, is a ReadError", async () => {
    await expect(rows(['{"id":"T1"}'])).rejects.toThrow(
      /line 1: the file must hold a JSON array of records/,
    );
    await expect(rows(['[{"id":"T1"},\n{"id":"T2"'])).rejects.toMatchObject({
      code: "json-truncated",
      line: 2,
    });
    await expect(rows(['[{"id":"T1"}]\n]'])).rejects.toThrow(ReadError);
  });

  test("an element over maxElementLength stops reading", async () => {
    await expect(
      rows([`[{"id":"${"x".repeat(100)}"}]`], { maxElementLength: 50 }),
    ).rejects.toMatchObject({
      code: "json-element-too-large",
    });
  });

  test("__proto__ keys stay own data; Object.prototype is untouched", async () => {
    const out = await rows(['[{"__proto__":{"polluted":true},"id":"T1"}]']);
    expect(Object.hasOwn((out[0] as { values: object }).values, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
