import {
  checkCount,
  DEFAULT_MAX_VALUES,
  jsonErrorMessage,
  notARecord,
  tooManyValues,
  tooManyValuesMessage,
} from "./ndjson.ts";
import { type RawRow, ReadError } from "./rows.ts";
import { type ReadSource, shortText, textChunks } from "./source.ts";

/** Options of {@link readJsonRows}. */
export interface JsonOptions {
  /**
   * Longest array element kept, in characters: 64 Mi by default. A larger element stops
   * reading with a {@link ReadError} (past a broken element the array cannot be trusted).
   */
  maxElementLength?: number;
  /**
   * Most JSON values (objects, arrays, items) in one element: 1 000 000 by default. An element
   * with more is rejected before it is parsed, and reading goes on.
   */
  maxValues?: number;
}

const OPEN = 0; // before "["
const BETWEEN = 1; // inside the array, between elements
const ELEMENT = 2; // inside an element
const AFTER = 3; // after "]"

/**
 * Reads a JSON array of objects one element at a time: the file is scanned, not parsed whole,
 * so memory holds one element at a time, and each element keeps the line it starts on. An
 * element that is not valid JSON, or not an object, comes as a failure and reading goes on
 * (the scanner only needs brackets, braces and strings to balance). A file that is not an
 * array, or that ends inside one, stops reading with a {@link ReadError}. An empty file reads
 * as no rows.
 *
 * @example
 * const read = async () => {
 *   const out = [];
 *   for await (const row of readJsonRows(['[\n  {"id": "T1"},\n  42,\n', '  {"id": "T2"}\n]'])) {
 *     out.push("error" in row ? `${row.line}: ${row.error}` : `${row.line}: ${row.values.id}`);
 *   }
 *   return out;
 * };
 * read()
 * //=> ["2: T1", "3: must be a JSON object, got number", "4: T2"]
 */
export async function* readJsonRows(
  source: ReadSource,
  options: JsonOptions = {},
): AsyncGenerator<RawRow> {
  const fn = "readJsonRows";
  const maxLength = options.maxElementLength ?? 64 * 1024 * 1024;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(
      `${fn}: maxElementLength must be a positive integer, got ${shortText(maxLength)}`,
    );
  }
  const maxValues = checkCount(options.maxValues ?? DEFAULT_MAX_VALUES, fn, "maxValues");
  let state = OPEN;
  let line = 1;
  let index = 0;
  // The element being scanned: its parts, length, first line, nesting depth, string state.
  let parts: string[] = [];
  let length = 0;
  let start = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;

  const finish = (): RawRow => {
    const text = parts.join("").trim();
    parts = [];
    length = 0;
    const at = { line: start, index: index++ };
    if (text === "") return { ...at, error: "is an empty array element" };
    if (tooManyValues(text, maxValues)) return { ...at, error: tooManyValuesMessage(maxValues) };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { ...at, error: jsonErrorMessage(error) };
    }
    const problem = notARecord(value);
    return problem
      ? { ...at, error: problem }
      : { ...at, values: value as Record<string, unknown> };
  };

  for await (const chunk of textChunks(source, fn)) {
    let from = 0; // where the current element's text starts in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (state === ELEMENT) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
          else if (c === 10) line++;
          continue;
        }
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if ((c === 125 || c === 93) && depth > 0) depth--;
        else if (depth === 0 && (c === 44 || c === 93)) {
          parts.push(chunk.slice(from, i));
          length += i - from;
          if (length > maxLength) throw tooLong(start, maxLength);
          yield finish();
          state = c === 44 ? BETWEEN : AFTER;
          continue;
        } else if (c === 10) line++;
        continue;
      }
      if (c === 10) {
        line++;
        continue;
      }
      if (c === 32 || c === 9 || c === 13) continue;
      if (state === OPEN) {
        if (c !== 91) throw notAnArray(line, chunk.slice(i, i + 20));
        state = BETWEEN;
        // "[]" and "[ ]": an empty array.
        continue;
      }
      if (state === BETWEEN) {
        if (c === 93 && index === 0 && parts.length === 0) {
          state = AFTER;
          continue;
        }
        if (c === 44) {
          yield { line, index: index++, error: "is an empty array element" };
          continue;
        }
        state = ELEMENT;
        start = line;
        depth = 0;
        inString = false;
        escaped = false;
        from = i;
        i--; // scan this character as part of the element
        continue;
      }
      // AFTER: only white space may follow the array.
      throw new ReadError(
        `readJsonRows: line ${line}: unexpected text after the end of the array: ${shortText(chunk.slice(i, i + 20))}`,
        "json-trailing-text",
        line,
      );
    }
    if (state === ELEMENT) {
      parts.push(chunk.slice(from));
      length += chunk.length - from;
      if (length > maxLength) throw tooLong(start, maxLength);
    }
  }
  if (state === ELEMENT || state === BETWEEN) {
    throw new ReadError(
      `readJsonRows: the file ends inside the array (an element starting on line ${state === ELEMENT ? start : line} is cut off, or "]" is missing)`,
      "json-truncated",
      state === ELEMENT ? start : line,
    );
  }
}

function tooLong(line: number, max: number): ReadError {
  return new ReadError(
    `readJsonRows: line ${line}: an array element is longer than maxElementLength (${max} characters); reading stops here`,
    "json-element-too-large",
    line,
  );
}

function notAnArray(line: number, text: string): ReadError {
  return new ReadError(
    `readJsonRows: line ${line}: the file must hold a JSON array of records ("[...]"), got ${shortText(text)}; use format "ndjson" for one record per line`,
    "json-not-an-array",
    line,
  );
}
