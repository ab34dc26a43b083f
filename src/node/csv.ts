import type { TransformCallback } from "node:stream";
import { CsvError, type Options, Parser } from "csv-parse";
import { type RawRow, ReadError, type RowReaderOptions } from "./rows.ts";
import { openSource, type ReadSource, readableBatches, shortText } from "./source.ts";

/** Options of {@link readCsvRows}. */
export interface CsvOptions extends RowReaderOptions {
  /** The field separator: `","` by default (`"\t"` for `.tsv` files). */
  delimiter?: string;
  /** The quote character: `'"'` by default. */
  quote?: string;
  /**
   * Largest record, in bytes (delimiters, quotes and line breaks included), before reading
   * stops with a {@link ReadError}: 64 MiB by default. It bounds memory when a quote is never
   * closed (the rest of the file becomes one field) and when a line holds millions of empty
   * fields (a line of commas).
   */
  maxRecordBytes?: number;
  /**
   * Only these columns go into each row's `values` (a name the header lacks is left out).
   * Without it every column does: a row of a header with 10^6 columns then builds an object
   * of 10^6 keys (0.45 s a row), where a reader needs the few its mapping names.
   */
  columns?: readonly string[];
}

/** Default {@link CsvOptions.maxRecordBytes}: 64 MiB. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** Line breaks csv-parse counted in a record's fields (it counts `\r` and `\n` apart). */
function breaksIn(record: readonly string[]): { counted: number; crlf: number } {
  let counted = 0;
  let crlf = 0;
  for (const field of record) {
    // Fast path: most fields hold no line break at all.
    if (field.indexOf("\n") === -1 && field.indexOf("\r") === -1) continue;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10) counted++;
      else if (c === 13) {
        counted++;
        if (field.charCodeAt(i + 1) === 10) crlf++;
      }
    }
  }
  return { counted, crlf };
}

/** Bytes handed to csv-parse at a time, so that a record can be measured between them. */
const SLICE_BYTES = 64 * 1024;

/**
 * csv-parse's parser, with a record bounded by its bytes. Its own `max_record_size` counts
 * the characters of the fields only: a 100 MB line of commas is 10^8 empty fields of no
 * characters, which passed it and took 4.6 GB (issue 12). Input goes to the parser in slices
 * of 64 KiB; before each, the bytes from the end of the last record to the last field read
 * are compared with the limit. Past it, `onTooLarge` is told, the records before are still
 * given, and the rest of the input is dropped. A record may thus pass the limit by one slice
 * and its unfinished field (which csv-parse's own limit bounds).
 */
class BoundedParser extends Parser {
  /** Where the last record given ended, in bytes of input, and its last line. */
  private recordEnd = 0;
  private recordLine = 0;
  /** Blank lines skipped before the last record ended. */
  private blankLines = 0;
  private stopped = false;
  constructor(
    options: Options,
    private readonly maxRecordBytes: number,
    private readonly onTooLarge: (error: CsvError) => void,
  ) {
    super(options);
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    // Records come with `info` (the option is on): its `bytes` is where the record ends.
    if (chunk !== null) {
      this.recordEnd = (chunk as { info: { bytes: number } }).info.bytes;
      this.recordLine = this.info.lines;
      this.blankLines = this.info.empty_lines;
    }
    return super.push(chunk, encoding);
  }

  override _transform(chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback): void {
    for (let from = 0; from < chunk.length && !this.stopped; from += SLICE_BYTES) {
      if (this.info.bytes - this.recordEnd > this.maxRecordBytes) {
        this.stopped = true;
        // The record's first line: after the last record and the blank lines since.
        const lines = this.recordLine + 1 + this.info.empty_lines - this.blankLines;
        this.onTooLarge(
          new CsvError(
            "CSV_MAX_RECORD_SIZE",
            `a record is larger than ${this.maxRecordBytes} bytes`,
            this.options,
            { lines },
          ),
        );
        // The records already parsed are still read; nothing more is parsed.
        super.push(null);
        break;
      }
      let failure: Error | null | undefined;
      super._transform(chunk.subarray(from, from + SLICE_BYTES), encoding, (error) => {
        failure = error;
      });
      if (failure) {
        callback(failure);
        return;
      }
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.stopped) callback();
    else super._flush(callback);
  }
}

function checkOption(value: unknown, fn: string, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length !== 1 || value === "\n" || value === "\r") {
    throw new RangeError(`${fn}: ${name} must be one character, got ${shortText(value)}`);
  }
  return value;
}

/**
 * Reads CSV rows one at a time with csv-parse, in bounded memory. The first record is the
 * header (names trimmed). Each data row comes with the line where it starts (the header is
 * line 1; a quoted field may span lines; blank lines are skipped but counted). A row with
 * more or fewer fields than the header is not read: it comes as a failure with its reason.
 * A UTF-8 byte order mark and CRLF line ends are handled; a stray quote inside an unquoted
 * field is kept as text. A quoted field that is never closed stops reading with a
 * {@link ReadError} (everything after it would be one field), as does a record larger than
 * `maxRecordBytes`, counted in bytes with its delimiters (a line of millions of commas).
 *
 * @example
 * import { Readable } from "node:stream";
 * const rows = [];
 * const read = async () => {
 *   for await (const row of readCsvRows(["id,status\r\nT1,open\r\n\r\nT2\r\n"])) rows.push(row);
 *   return rows.map((row) => ("error" in row ? `${row.line}: ${row.error}` : `${row.line}: ${row.values.id}`));
 * };
 * read()
 * //=> ["2: T1", "4: has 1 field, the header has 2"]
 */
export async function* readCsvRows(
  source: ReadSource,
  options: CsvOptions = {},
): AsyncGenerator<RawRow> {
  for await (const batch of csvRowBatches(source, options, "readCsvRows")) yield* batch;
}

/**
 * {@link readCsvRows} a batch at a time (the rows csv-parse has ready): what the record
 * readers use, since awaiting each row costs more than reading it.
 */
export async function* csvRowBatches(
  source: ReadSource,
  options: CsvOptions,
  fn: string,
): AsyncGenerator<RawRow[]> {
  const delimiter = checkOption(options.delimiter, fn, "delimiter") ?? ",";
  const quote = checkOption(options.quote, fn, "quote") ?? '"';
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!Number.isInteger(maxRecordBytes) || maxRecordBytes < 1) {
    throw new RangeError(
      `${fn}: maxRecordBytes must be a positive integer, got ${shortText(maxRecordBytes)}`,
    );
  }
  const stop: { fatal: { error: CsvError; after: number } | null } = { fatal: null };
  const parser: Parser = new BoundedParser(
    {
      bom: true,
      delimiter,
      quote,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: maxRecordBytes,
      // A parse error destroys the stream and drops the records still buffered before it; as a
      // skip it is only noted, with how many records came before it, and thrown in its turn.
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error && !stop.fatal) stop.fatal = { error, after: parser.info.records };
        return undefined;
      },
    },
    maxRecordBytes,
    (error) => {
      stop.fatal ??= { error, after: parser.info.records };
    },
  );
  const input = openSource(source, fn);
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);

  let header: string[] | null = null;
  // The columns kept, with the index of each in a record (with a repeated name, the first).
  let names: string[] = [];
  let indexes: number[] = [];
  // csv-parse counts "\r\n" inside a quoted field as two lines: subtract what it over-counted.
  let drift = 0;
  // Last line of the last record read, so an unclosed quote can be placed after it.
  let lastLine = 0;
  let index = 0;
  let consumed = 0;
  try {
    reading: for await (const items of readableBatches<{
      record: string[];
      info: { lines: number };
    }>(parser)) {
      const rows: RawRow[] = [];
      for (const item of items) {
        if (stop.fatal && consumed >= stop.fatal.after) {
          if (rows.length > 0) yield rows;
          break reading;
        }
        consumed++;
        const { record, info } = item;
        const { counted, crlf } = breaksIn(record);
        const line = info.lines - counted - drift;
        drift += crlf;
        lastLine = line + counted - crlf;
        if (header === null) {
          header = record.map((name) => name.trim());
          options.onHeader?.(header);
          [names, indexes] = picked(header, options.columns);
          continue;
        }
        if (record.length !== header.length) {
          const n = record.length;
          rows.push({
            line,
            index: index++,
            error: `has ${n} field${n === 1 ? "" : "s"}, the header has ${header.length}`,
          });
          continue;
        }
        const values = Object.create(null) as Record<string, unknown>;
        for (let i = 0; i < names.length; i++) {
          values[names[i] as string] = record[indexes[i] as number];
        }
        rows.push({ line, index: index++, values });
      }
      if (rows.length > 0) yield rows;
    }
    if (stop.fatal) throw stop.fatal.error;
  } catch (error) {
    if (error instanceof CsvError) throw csvReadError(error, lastLine, drift, maxRecordBytes);
    throw error;
  } finally {
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
  }
}

/**
 * The columns a row keeps and where each is in a record: `wanted` (or every column) in the
 * header's order; with a repeated name, the first column wins.
 */
function picked(
  header: readonly string[],
  wanted: readonly string[] | undefined,
): [names: string[], indexes: number[]] {
  const keep = wanted === undefined ? null : new Set(wanted);
  const seen = new Set<string>();
  const names: string[] = [];
  const indexes: number[] = [];
  header.forEach((name, i) => {
    if (seen.has(name) || (keep !== null && !keep.has(name))) return;
    seen.add(name);
    names.push(name);
    indexes.push(i);
  });
  return [names, indexes];
}

function csvReadError(
  error: CsvError,
  lastLine: number,
  drift: number,
  maxRecordBytes: number,
): ReadError {
  const at = typeof error.lines === "number" ? error.lines - drift : null;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new ReadError(
        `readCsvRows: a quoted field starting after line ${lastLine} is never closed, so the rest of the file (to line ${at ?? "?"}) cannot be read`,
        "unclosed-quote",
        lastLine + 1,
      );
    case "CSV_MAX_RECORD_SIZE":
      return new ReadError(
        `readCsvRows: line ${at ?? "?"}: a record is larger than maxRecordBytes (${maxRecordBytes} bytes, delimiters included); reading stops here (a quote never closed or a line of millions of fields does this)`,
        "record-too-large",
        at,
      );
    default: {
      const message =
        error.message.length > 200 ? `${error.message.slice(0, 200)}…` : error.message;
      return new ReadError(`readCsvRows: ${message}`, error.code, at);
    }
  }
}
