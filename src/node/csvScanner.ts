/**
 * An RFC 4180 scanner: CSV text in, records (arrays of field strings) out, each with the line
 * it starts on, fed one chunk of text at a time so that a file is read in bounded memory. It
 * is the readers' own because the well-kept parsers measured here either lacked line numbers
 * (papaparse gives offsets), read quotes or CRLF differently from RFC 4180 (d3-dsv, udsv), or
 * were an order of magnitude slower with line info on (csv-parse); bench/README.md, "CSV
 * parsers", has the figures.
 *
 * The rules, in the order they apply:
 * - A line break is `\n`, `\r\n` or a lone `\r`, inside quotes as outside (so line numbers
 *   count what an editor shows).
 * - A field that starts with the quote character is quoted: it ends at the next quote that is
 *   not doubled (`""` is one quote) and may hold delimiters and line breaks. If its closing
 *   quote is followed by anything but a delimiter or a line break, the field is read as
 *   text, quotes and all, up to the next delimiter (`"ok"x` is `"ok"x`).
 * - A quote inside an unquoted field is text (`12" screen`).
 * - A line with no character at all is skipped (its line still counts); a line of spaces is
 *   a record of one field.
 * - A quoted field still open at the end of the input is an error ({@link CsvScanError}
 *   `unclosed-quote`), as is a record longer than the limit (`record-too-large`): past either,
 *   nothing more can be split into records.
 */

/** Why scanning stopped. */
export class CsvScanError extends Error {
  constructor(
    message: string,
    readonly code: "unclosed-quote" | "record-too-large",
    /** The line the record at fault starts on. */
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvScanError";
  }
}

/** A record and the line (1-based) its first field starts on. */
export interface ScannedRecord {
  readonly fields: string[];
  readonly line: number;
}

const LF = 10;
const CR = 13;

/**
 * Splits CSV text into records across chunks. `push` each chunk, then `end` once; both call
 * `emit` for every record completed.
 *
 * @example
 * const scanner = new CsvScanner(",", '"', 1000);
 * const out = [];
 * const emit = (record) => out.push(`${record.line}: ${record.fields.join("|")}`);
 * scanner.push('id,note\r\nT1,"a\r\nb"\r\n\r\nT2,', emit);
 * scanner.push('"say ""hi"""', emit);
 * scanner.end(emit);
 * out
 * //=> ["1: id|note", '2: T1|a\r\nb', '5: T2|say "hi"']
 */
export class CsvScanner {
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly quoteText: string;
  /** The fields of the record being read, finished. */
  private fields: string[] = [];
  /** The text of the field being read from earlier chunks (unescaped when quoted). */
  private pieces: string[] = [];
  /** Inside a quoted field. */
  private inQuotes = false;
  /** Inside a quoted field, the last chunk ended on a quote: doubled or closing, by the next. */
  private quoteAtEnd = false;
  /** The current field was quoted and its quote closed; only a delimiter or break may follow. */
  private closed = false;
  /** The last chunk ended on `\r`: a `\n` starting the next is the same line break. */
  private crAtEnd = false;
  /** The input so far ends on a line break (the line after it holds nothing yet). */
  private endsOnBreak = false;
  /** Something (a character, a delimiter) of the current record has been read. */
  private started = false;
  /** The line the scan is on, and the line the current record started on. */
  private line = 1;
  private recordLine = 1;
  /** Characters read before the current chunk, and where the current record started. */
  private offset = 0;
  private recordStart = 0;

  constructor(
    delimiter: string,
    quote: string,
    /** Longest record, in UTF-8 bytes, delimiters and quotes included. */
    private readonly maxRecordBytes: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.quote = quote.charCodeAt(0);
    this.quoteText = quote;
  }

  /** Scans one chunk of text; records completed in it go to `emit`. */
  push(text: string, emit: (record: ScannedRecord) => void): void {
    const n = text.length;
    const delimiter = this.delimiter;
    const quote = this.quote;
    let i = 0;
    // Where the text of the current field starts in this chunk.
    let from = 0;
    if (this.crAtEnd && n > 0) {
      this.crAtEnd = false;
      if (text.charCodeAt(0) === LF) {
        i = 1;
        // Inside quotes the break is text of the field; outside, it ended a record.
        if (!this.inQuotes) from = 1;
      }
    }
    if (this.quoteAtEnd && n > 0) {
      this.quoteAtEnd = false;
      if (text.charCodeAt(0) === quote) {
        // A doubled quote split across chunks: one quote of text, still inside.
        this.pieces.push(this.quoteText);
        i = 1;
        from = 1;
      } else {
        this.inQuotes = false;
        this.closed = true;
      }
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (c === quote) {
          if (i + 1 === n) {
            this.pieces.push(text.slice(from, i));
            this.quoteAtEnd = true;
            i++;
            from = i;
            break;
          }
          if (text.charCodeAt(i + 1) === quote) {
            // Doubled: keep one quote, skip the other.
            this.pieces.push(text.slice(from, i + 1));
            i += 2;
            from = i;
            continue;
          }
          this.pieces.push(text.slice(from, i));
          this.inQuotes = false;
          this.closed = true;
          i++;
          from = i;
          continue;
        }
        if (c === LF) this.line++;
        else if (c === CR) {
          this.line++;
          if (i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
          else if (i + 1 === n) this.crAtEnd = true;
        }
        i++;
        // The quoted text up to the next quote or line break, in a tight loop.
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === quote || d === LF || d === CR) break;
          i++;
        }
        continue;
      }
      if (c === delimiter) {
        // Checked per field too: one chunk may hold a line of millions of delimiters.
        if (this.offset + i - this.recordStart > this.maxRecordBytes) this.tooLarge();
        this.finishField(text.slice(from, i));
        this.started = true;
        i++;
        from = i;
        continue;
      }
      if (c === LF || c === CR) {
        const field = text.slice(from, i);
        if (this.started || field.length > 0 || this.pieces.length > 0 || this.closed) {
          this.finishField(field);
          this.endRecord(this.offset + i, emit);
        }
        this.line++;
        if (c === CR) {
          if (i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
          else if (i + 1 === n) this.crAtEnd = true;
        }
        i++;
        from = i;
        this.recordLine = this.line;
        this.recordStart = this.offset + i;
        continue;
      }
      if (this.closed) {
        // Text after a closing quote: the field is read as it stands, quotes and all.
        const content = this.pieces.join("");
        this.pieces = [
          `${this.quoteText}${content.replaceAll(this.quoteText, this.quoteText + this.quoteText)}${this.quoteText}`,
        ];
        this.closed = false;
      } else if (c === quote && i === from && this.pieces.length === 0) {
        this.inQuotes = true;
        this.started = true;
        i++;
        from = i;
        continue;
      }
      this.started = true;
      i++;
      // The unquoted text up to the next delimiter or line break, in a tight loop.
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === delimiter || d === LF || d === CR) break;
        i++;
      }
    }
    if (from < n) this.pieces.push(text.slice(from, n));
    if (n > 0) {
      const last = text.charCodeAt(n - 1);
      this.endsOnBreak = last === LF || last === CR;
    }
    this.offset += n;
    if (this.offset - this.recordStart > this.maxRecordBytes) this.tooLarge();
  }

  /** Ends the input: the last record, if it has no line break after it. */
  end(emit: (record: ScannedRecord) => void): void {
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      this.inQuotes = false;
      this.closed = true;
    }
    if (this.inQuotes) {
      const last = this.endsOnBreak ? this.line - 1 : this.line;
      throw new CsvScanError(
        `a quoted field starting on line ${this.recordLine} is never closed, so the rest of the file (to line ${last}) cannot be read`,
        "unclosed-quote",
        this.recordLine,
      );
    }
    if (this.started || this.pieces.length > 0 || this.closed) {
      this.finishField("");
      this.endRecord(this.offset, emit);
    }
  }

  private finishField(last: string): void {
    let field: string;
    if (this.pieces.length === 0) field = last;
    else {
      this.pieces.push(last);
      field = this.pieces.join("");
      this.pieces = [];
    }
    this.fields.push(field);
    this.closed = false;
  }

  private endRecord(at: number, emit: (record: ScannedRecord) => void): void {
    const fields = this.fields;
    this.fields = [];
    this.started = false;
    // Characters count UTF-16 units, never more than the UTF-8 bytes; the bytes are counted
    // only when the characters come within a factor of 3 of the limit.
    const chars = at - this.recordStart;
    if (chars * 3 > this.maxRecordBytes && recordBytes(fields) > this.maxRecordBytes) {
      this.tooLarge();
    }
    emit({ fields, line: this.recordLine });
  }

  private tooLarge(): never {
    throw new CsvScanError(
      `a record is larger than maxRecordBytes (${this.maxRecordBytes} bytes, delimiters included)`,
      "record-too-large",
      this.recordLine,
    );
  }
}

/** The UTF-8 bytes of a record's fields and the delimiters between them. */
function recordBytes(fields: readonly string[]): number {
  const encoder = new TextEncoder();
  let bytes = fields.length - 1;
  for (const field of fields) bytes += encoder.encode(field).length;
  return bytes;
}
