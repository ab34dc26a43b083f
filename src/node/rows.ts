/**
 * One row as read from a file, before any mapping: its position and its values, or why it
 * could not be read (a ragged CSV row, an NDJSON line that is not JSON).
 */
export type RawRow = RawValues | RawFailure;

/** Where a row is: shared by rows read and rows that failed. */
export interface RowPosition {
  /**
   * 1-based line of the file where the row starts. CSV: the record's first line, the header
   * being line 1 (a quoted field may span lines). NDJSON: the line. JSON arrays: the line
   * where the element starts.
   */
  line: number;
  /** The row's position among the data rows (header and blank lines not counted), from 0. */
  index: number;
}

/** A row that was read. */
export interface RawValues extends RowPosition {
  /**
   * The row's values by column (CSV: header name; JSON: key). For CSV this object has no
   * prototype, so a header named `__proto__` is an ordinary key.
   */
  values: Record<string, unknown>;
}

/** A row that could not be read; it is rejected with this reason and reading goes on. */
export interface RawFailure extends RowPosition {
  error: string;
}

/**
 * The input cannot be read any further (a quoted CSV field never closed, a record larger than
 * the limit, a JSON file that is not an array), or a mapped column is missing from the header.
 * `line` is where the trouble starts, when known.
 */
export class ReadError extends Error {
  readonly line: number | null;
  readonly code: string;
  constructor(message: string, code: string, line: number | null = null) {
    super(message);
    this.name = "ReadError";
    this.code = code;
    this.line = line;
  }
}

/** Options shared by the row readers. */
export interface RowReaderOptions {
  /** Called with the CSV header (column names) before the first row is yielded. */
  onHeader?: (columns: readonly string[]) => void;
}
