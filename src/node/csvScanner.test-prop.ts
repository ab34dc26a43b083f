import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CsvScanner, type ScannedRecord } from "./csvScanner.ts";

/** Every record of `chunks`, scanned with a limit no record reaches. */
function scan(chunks: readonly string[], delimiter = ",", quote = '"'): ScannedRecord[] {
  const scanner = new CsvScanner(delimiter, quote, Number.MAX_SAFE_INTEGER);
  const out: ScannedRecord[] = [];
  const emit = (record: ScannedRecord) => out.push(record);
  for (const chunk of chunks) scanner.push(chunk, emit);
  scanner.end(emit);
  return out;
}

/** A text cut into pieces at the given fractions of its length (the cuts a stream may make). */
function cut(text: string, fractions: readonly number[]): string[] {
  const at = [...new Set(fractions.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const to of at) {
    pieces.push(text.slice(from, to));
    from = to;
  }
  pieces.push(text.slice(from));
  return pieces;
}

// Field text biased to what matters: delimiters, quotes, every kind of line break, spaces.
const field = fc
  .array(fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r", "\r\n", "é", "😀"), {
    maxLength: 6,
  })
  .map((parts) => parts.join(""));
const table = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), {
  minLength: 1,
  maxLength: 8,
});
const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });
const lineBreak = fc.constantFrom("\n", "\r\n", "\r");

/** RFC 4180's writing: a field is quoted when it must be (or when asked), quotes doubled. */
function write(rows: readonly (readonly string[])[], quoteAll: boolean, eol: string): string {
  const cell = (value: string) =>
    quoteAll || /[",\r\n]/.test(value) || value === "" ? `"${value.replaceAll('"', '""')}"` : value;
  return rows.map((row) => row.map(cell).join(",")).join(eol);
}

/** The lines an editor shows before `text` ends: breaks are \n, \r\n and a lone \r. */
function breaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

describe("CsvScanner", () => {
  test("reads back what RFC 4180 writes, however the text is cut into chunks", () => {
    fc.assert(
      fc.property(table, fc.boolean(), lineBreak, fractions, (rows, quoteAll, eol, at) => {
        const text = write(rows, quoteAll, eol);
        const records = scan(cut(text, at));
        expect(records.map((record) => record.fields)).toEqual(rows);
        // Each record starts on the line after the breaks written before it.
        let before = "";
        rows.forEach((row, i) => {
          expect(records[i]?.line).toBe(1 + breaks(before));
          before += `${write([row], quoteAll, eol)}${eol}`;
        });
      }),
    );
  });

  test("agrees with csv-parse (an independent parser) on the same text", () => {
    // csv-parse detects one record delimiter per file, so each text uses one kind of break.
    fc.assert(
      fc.property(table, lineBreak, fractions, (rows, eol, at) => {
        const text = write(rows, false, eol);
        const expected = parse(text, { relax_column_count: true, skip_empty_lines: true });
        const records = scan(cut(text, at));
        expect(records.map((record) => record.fields)).toEqual(expected);
      }),
    );
  });

  test("with another delimiter and quote, the same records", () => {
    fc.assert(
      fc.property(table, fractions, (rows, at) => {
        const text = write(rows, true, "\n").replaceAll('"', "'").replaceAll(",", ";");
        // The fields themselves hold commas and double quotes, now plain text.
        const swapped = rows.map((row) =>
          row.map((value) => value.replaceAll('"', "'").replaceAll(",", ";")),
        );
        expect(scan(cut(text, at), ";", "'").map((record) => record.fields)).toEqual(swapped);
      }),
    );
  });
});
