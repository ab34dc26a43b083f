import type { RawRow } from "./rows.ts";
import { type ReadSource, shortText, textChunks } from "./source.ts";

/** Options of {@link readNdjsonRows}. */
export interface NdjsonOptions {
  /**
   * Longest line kept, in characters: 64 Mi by default. A longer line is rejected (with its
   * line number) without being held in memory, and reading goes on.
   */
  maxLineLength?: number;
}

/** Default {@link NdjsonOptions.maxLineLength}. */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024 * 1024;

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
  const maxLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(
      `${fn}: maxLineLength must be a positive integer, got ${shortText(maxLength)}`,
    );
  }
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
