import { CsvScanError, CsvScanner, type ScannedRecord } from "./csvScanner.ts";
import { type RawRow, ReadError, type RowReaderOptions } from "./rows.ts";
import { type ReadSource, shortText, textChunks } from "./source.ts";

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

function checkOption(value: unknown, fn: string, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length !== 1 || value === "\n" || value === "\r") {
    throw new RangeError(`${fn}: ${name} must be one character, got ${shortText(value)}`);
  }
  return value;
}

/**
 * Reads CSV rows one at a time (RFC 4180, src/node/csvScanner.ts), in bounded memory. The first record is the
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
 * {@link readCsvRows} a batch at a time (the rows of one chunk of text): what the record
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
  const scanner = new CsvScanner(delimiter, quote, maxRecordBytes);
  let header: string[] | null = null;
  // The columns kept, with the index of each in a record (with a repeated name, the first).
  let names: string[] = [];
  let indexes: number[] = [];
  let index = 0;
  let rows: RawRow[] = [];
  const take = ({ fields, line }: ScannedRecord) => {
    if (header === null) {
      header = fields.map((name) => name.trim());
      options.onHeader?.(header);
      [names, indexes] = picked(header, options.columns);
      return;
    }
    if (fields.length !== header.length) {
      const n = fields.length;
      rows.push({
        line,
        index: index++,
        error: `has ${n} field${n === 1 ? "" : "s"}, the header has ${header.length}`,
      });
      return;
    }
    const values = Object.create(null) as Record<string, unknown>;
    for (let i = 0; i < names.length; i++) {
      values[names[i] as string] = fields[indexes[i] as number];
    }
    rows.push({ line, index: index++, values });
  };
  try {
    for await (const text of textChunks(source, fn)) {
      scanner.push(text, take);
      if (rows.length > 0) {
        yield rows;
        rows = [];
      }
    }
    scanner.end(take);
    if (rows.length > 0) yield rows;
  } catch (error) {
    if (!(error instanceof CsvScanError)) throw error;
    // The records read before the fault are still given; nothing after it can be split.
    if (rows.length > 0) yield rows;
    const where = error.code === "record-too-large" ? `line ${error.line}: ` : "";
    const after =
      error.code === "record-too-large"
        ? "; reading stops here (a quote never closed or a line of millions of fields does this)"
        : "";
    throw new ReadError(`readCsvRows: ${where}${error.message}${after}`, error.code, error.line);
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
