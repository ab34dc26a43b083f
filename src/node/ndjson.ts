import type { RawRow } from "./rows.ts";
import { type ReadSource, shortText, textChunks } from "./source.ts";

/** Options of {@link readNdjsonRows}. */
export interface NdjsonOptions {
  /**
   * Longest line kept, in characters: 64 Mi by default. A longer line is rejected (with its
   * line number) without being held in memory, and reading goes on.
   */
  maxLineLength?: number;
  /**
   * Most JSON values (objects, arrays, items) in one line: 1 000 000 by default. A line with
   * more is rejected, with its line number, before it is parsed, and reading goes on.
   */
  maxValues?: number;
}

/** Default {@link NdjsonOptions.maxLineLength}. */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024 * 1024;

/** Default {@link NdjsonOptions.maxValues} (and of JSON array elements). */
export const DEFAULT_MAX_VALUES = 1_000_000;

/**
 * Whether JSON text holds more than `limit` values, counted by the `{`, `[` and `,` outside
 * strings: asked before parsing, since `JSON.parse` of a dense line takes far more memory
 * than its text (a 20 MiB line of `{},{},…` peaked at 761 MB). A value takes at least one
 * character, so text shorter than `limit` is not scanned.
 */
export function tooManyValues(text: string, limit: number): boolean {
  if (text.length < limit) return false;
  let count = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if ((c === 44 || c === 123 || c === 91) && ++count > limit) return true;
  }
  return false;
}

/** The message of a record with more than `limit` JSON values. */
export function tooManyValuesMessage(limit: number): string {
  return `holds more than ${limit} JSON values (maxValues); it is not parsed`;
}

/** Checks a positive whole-number option. */
export function checkCount(value: number, fn: string, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${fn}: ${name} must be a positive integer, got ${shortText(value)}`);
  }
  return value;
}

/** Why a parsed JSON value is not a record, or `null` when it is one. */
export function notARecord(value: unknown): string | null {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return null;
  return `must be a JSON object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`;
}

/** JSON.parse's complaint, short: V8 quotes the text, which may be megabytes long. */
export function jsonErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const trimmed = message.length > 80 ? `${message.slice(0, 80)}…` : message;
  return `is not valid JSON (${trimmed})`;
}

/**
 * Splits text chunks into lines (`\n` or `\r\n`), with their 1-based numbers, a batch per
 * chunk: one await per chunk of text, not per line. A line longer than `maxLength` comes
 * back as `null` and is never held whole.
 */
export async function* lineBatches(
  chunks: AsyncIterable<string>,
  maxLength: number,
): AsyncGenerator<[line: number, text: string | null][]> {
  let parts: string[] = [];
  let length = 0;
  let tooLong = false;
  let line = 1;
  for await (const chunk of chunks) {
    const batch: [number, string | null][] = [];
    let from = 0;
    while (from < chunk.length) {
      const end = chunk.indexOf("\n", from);
      const piece = chunk.slice(from, end === -1 ? chunk.length : end);
      if (!tooLong) {
        length += piece.length;
        if (length > maxLength) {
          tooLong = true;
          parts = [];
        } else if (piece.length > 0) parts.push(piece);
      }
      if (end === -1) break;
      let text: string | null = null;
      if (!tooLong) {
        text = parts.length === 1 ? (parts[0] as string) : parts.join("");
        if (text.endsWith("\r")) text = text.slice(0, -1);
      }
      batch.push([line++, text]);
      parts = [];
      length = 0;
      tooLong = false;
      from = end + 1;
    }
    if (batch.length > 0) yield batch;
  }
  if (tooLong || length > 0) {
    let text: string | null = tooLong ? null : parts.join("");
    if (text?.endsWith("\r")) text = text.slice(0, -1);
    yield [[line, text]];
  }
}

/**
 * Reads NDJSON (JSON Lines) one line at a time, in bounded memory. Each non-blank line must
 * hold one JSON object; a line that does not (bad JSON, an array, a number) comes as a failure
 * with its line number, and reading goes on. Blank lines are skipped but counted.
 *
 * @example
 * const read = async () => {
 *   const out = [];
 *   for await (const row of readNdjsonRows(['{"id":"T1"}\n', "\n", "{oops\n", '{"id":"T2"}'])) {
 *     out.push("error" in row ? `${row.line}: error` : `${row.line}: ${row.values.id}`);
 *   }
 *   return out;
 * };
 * read()
 * //=> ["1: T1", "3: error", "4: T2"]
 */
export async function* readNdjsonRows(
  source: ReadSource,
  options: NdjsonOptions = {},
): AsyncGenerator<RawRow> {
  for await (const batch of ndjsonRowBatches(source, options, "readNdjsonRows")) yield* batch;
}

/**
 * {@link readNdjsonRows} a batch at a time (the rows of one chunk of text): what the record
 * readers use, since awaiting each row costs more than parsing it.
 */
export async function* ndjsonRowBatches(
  source: ReadSource,
  options: NdjsonOptions,
  fn: string,
): AsyncGenerator<RawRow[]> {
  const maxLength = checkCount(
    options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
    fn,
    "maxLineLength",
  );
  const maxValues = checkCount(options.maxValues ?? DEFAULT_MAX_VALUES, fn, "maxValues");
  let index = 0;
  for await (const lines of lineBatches(textChunks(source, fn), maxLength)) {
    const rows: RawRow[] = [];
    for (const [line, text] of lines) {
      if (text === null) {
        rows.push({
          line,
          index: index++,
          error: `is longer than maxLineLength (${maxLength} characters)`,
        });
        continue;
      }
      if (text.trim() === "") continue;
      if (tooManyValues(text, maxValues)) {
        rows.push({ line, index: index++, error: tooManyValuesMessage(maxValues) });
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        rows.push({ line, index: index++, error: jsonErrorMessage(error) });
        continue;
      }
      const problem = notARecord(value);
      if (problem) rows.push({ line, index: index++, error: problem });
      else rows.push({ line, index: index++, values: value as Record<string, unknown> });
    }
    if (rows.length > 0) yield rows;
  }
}
