import type * as z from "zod";
import { show } from "../reduce/arguments.ts";
import type { Customer, Purchase, SupportCost } from "../schemas/customer.ts";
import type { AgentShift } from "../schemas/shift.ts";
import type { SurveyResponse } from "../schemas/survey.ts";
import type { Ticket } from "../schemas/ticket.ts";
import {
  type FieldIssue,
  type Rejection,
  ValidationError,
  validatorFor,
} from "../schemas/validate.ts";
import { type CsvOptions, csvRowBatches } from "./csv.ts";
import { readJsonRows } from "./json.ts";
import {
  type ColumnMapping,
  type ConversionOptions,
  compileMapping,
  RECORD_FIELDS,
  RECORD_KINDS,
  RECORD_SCHEMAS,
  type RecordKind,
} from "./mapping.ts";
import { ndjsonRowBatches } from "./ndjson.ts";
import { type RawRow, ReadError } from "./rows.ts";
import { type FileFormat, formatOf, type ReadSource, shortText } from "./source.ts";
import { checkUtf8, type InvalidUtf8 } from "./utf8.ts";

/** The record each kind reads to. */
export type RecordTypes = {
  [K in RecordKind]: z.output<ReturnType<(typeof RECORD_SCHEMAS)[K]>>;
};

/** Options of {@link readRecords} (the named readers take the same, without `kind`). */
export interface ReadOptions extends ConversionOptions {
  /** The records to read. */
  kind: RecordKind;
  /** `"csv"`, `"tsv"`, `"ndjson"` or `"json"`; read from a path's extension when left out. */
  format?: FileFormat;
  /**
   * Field → source column (see {@link ColumnMapping}). Without it, CSV columns named like
   * fields are read and JSON objects are validated as they are.
   */
  mapping?: ColumnMapping;
  /** Throw one {@link ReadValidationError} listing every rejected row when reading ends. */
  strict?: boolean;
  /** Most rejections kept in `summary.rejections` (all are counted): 10 000 by default. */
  maxRejections?: number;
  /**
   * Called with every rejected row as it is rejected (beyond `maxRejections` too). Throwing
   * from it stops reading with that error: the CLI stops at the first zone-less timestamp.
   */
  onRejection?: (rejection: RowRejection) => void;
  /** CSV: the field separator (`","`, or tab for `tsv`). */
  delimiter?: string;
  /** CSV: the quote character (`'"'`). */
  quote?: string;
  /**
   * Largest record: bytes of a CSV record, characters of an NDJSON line or JSON element;
   * 64 MiB by default. It bounds memory on broken input.
   */
  maxRecordLength?: number;
}

/** One problem of a rejected row, with the source column of its field when there is one. */
export interface RowIssue extends FieldIssue {
  /** The source column (CSV header name, JSON key) the field was read from, or `null`. */
  column: string | null;
}

/** A row that did not become a record: where it is in the file, and every reason. */
export interface RowRejection extends Rejection {
  /** 1-based line where the row starts (see {@link RawRow}). */
  line: number;
  /** The source column of the first issue, or `null` (a constant, a function, the whole row). */
  column: string | null;
  issues: RowIssue[];
}

/** What a reader has read so far; complete once `done` is true. */
export interface ReadSummary {
  kind: RecordKind;
  format: FileFormat;
  /** True once the whole input was read without a {@link ReadError}. */
  done: boolean;
  /** Data rows read (not the header, not blank lines): `valid + rejected`. */
  read: number;
  /** Rows that became records. */
  valid: number;
  /** Rows rejected. */
  rejected: number;
  /** The first `maxRejections` rejections, in file order. */
  rejections: RowRejection[];
  /** CSV: the header's columns that were read, and those ignored. `null` for JSON. */
  columns: { used: string[]; ignored: string[] } | null;
  /** The message of the {@link ReadError} that stopped reading, or `null`. */
  error: string | null;
  /**
   * Bytes that are not UTF-8 (a Latin-1 or Windows-1252 export): counted with their lines.
   * Such bytes are read as U+FFFD, so a cell holding them no longer matches its value.
   */
  invalidUtf8: InvalidUtf8;
}

/**
 * A reader: iterate it (once) with `for await` to get validated records, one at a time;
 * `summary` tells what was read, valid and rejected.
 */
export interface RecordReader<T> extends AsyncIterable<T> {
  /** Counts and rejections so far; complete when iteration has ended. */
  readonly summary: ReadSummary;
  /**
   * The records a batch at a time (the valid records of one chunk of the file), instead of
   * one at a time: for a consumer that wants every record, awaiting once per batch is
   * several times faster. `foldAsync`, `reduceAsync` and `rollupAsync` use it. A reader is
   * read once, either way.
   */
  batches(): AsyncIterable<T[]>;
  /** Reads everything into an array (for small files). */
  toArray(): Promise<T[]>;
}

/** Thrown at the end of a strict read with rejected rows; `rejected` lists them. */
export class ReadValidationError extends ValidationError {
  declare readonly rejected: RowRejection[];
  constructor(what: string, total: number, rejected: RowRejection[]) {
    super(what, total, rejected);
    this.name = "ReadValidationError";
    const shown = rejected.slice(0, 20).map((r) => `  ${describeRowRejection(r)}`);
    const more = rejected.length > 20 ? [`  ... and ${rejected.length - 20} more`] : [];
    this.message = [
      `${what}: ${rejected.length} of ${total} rows rejected`,
      ...shown,
      ...more,
    ].join("\n");
  }
}

function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(row)";
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}

/**
 * One line for a rejected row: `line 12, column "Status" (status): must be one of ...`.
 *
 * @example
 * describeRowRejection({ line: 12, index: 10, column: "Status", path: ["status"], code: "invalid_value", message: "must be one of \"open\", \"solved\"", issues: [] })
 * //=> "line 12, column \"Status\" (status): must be one of \"open\", \"solved\""
 */
export function describeRowRejection(rejection: RowRejection): string {
  const where =
    rejection.column !== null
      ? `column ${shortText(rejection.column)} (${formatPath(rejection.path)})`
      : formatPath(rejection.path);
  return `line ${rejection.line}, ${where}: ${rejection.message}`;
}

/** The value at `path` in a mapped row or a JSON object. */
function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** The named reader of a kind, for messages: `readTickets`, `readSurveyResponses`... */
function readerName(kind: RecordKind): string {
  return `read${kind[0]?.toUpperCase()}${kind.slice(1)}`;
}

/**
 * Reads records of one kind from a CSV, TSV, NDJSON or JSON-array file or stream: rows are
 * mapped to fields, text cells converted by field type, and each record validated with the
 * kind's schema. Records come one at a time (memory holds one row, plus the rejections kept).
 * Every row read is either yielded or rejected with its line, column and reason; the
 * reader's `summary` counts them. A mapped column missing from a CSV header throws a
 * {@link ReadError} before any row.
 *
 * @example
 * const reader = readRecords(["Ticket,Opened,State\n", "T1,2024-03-01 09:00,open\n", "T2,2024-03-01 10:00,archived\n"], {
 *   kind: "tickets",
 *   format: "csv",
 *   mapping: { id: "Ticket", createdAt: "Opened", status: "State" },
 *   timeZone: "Europe/Paris",
 * });
 * reader.toArray().then((tickets) => [tickets.map((t) => t.createdAt.toISOString()), reader.summary.rejected, reader.summary.rejections[0].column])
 * //=> [["2024-03-01T08:00:00.000Z"], 1, "State"]
 */
export function readRecords<K extends RecordKind>(
  source: ReadSource,
  options: ReadOptions & { kind: K },
): RecordReader<RecordTypes[K]> {
  const kind = options?.kind;
  if (!RECORD_KINDS.includes(kind)) {
    throw new RangeError(
      `readRecords: kind must be one of ${RECORD_KINDS.join(", ")}, got ${shortText(kind)}`,
    );
  }
  return reader(source, options, readerName(kind));
}

function reader<K extends RecordKind>(
  source: ReadSource,
  options: ReadOptions & { kind: K },
  fn: string,
): RecordReader<RecordTypes[K]> {
  const kind = options.kind;
  const format = formatOf(source, options.format, fn);
  const maxRejections = options.maxRejections ?? 10_000;
  if (!Number.isInteger(maxRejections) || maxRejections < 0) {
    throw new RangeError(
      `${fn}: maxRejections must be a whole number at least 0, got ${shortText(maxRejections)}`,
    );
  }
  const conversion: ConversionOptions = {};
  if (options.timeZone !== undefined) conversion.timeZone = options.timeZone;
  if (options.decimalComma !== undefined) conversion.decimalComma = options.decimalComma;
  // Checks the mapping (and the zone) now, before any reading.
  const isCsv = format === "csv" || format === "tsv";
  const mapper =
    options.mapping !== undefined || isCsv
      ? compileMapping(kind, options.mapping, conversion, fn)
      : null;
  const schema = RECORD_SCHEMAS[kind](
    options.timeZone === undefined ? {} : { timeZone: options.timeZone },
  ) as z.ZodType<RecordTypes[K], unknown>;
  const fields = RECORD_FIELDS[kind];

  const summary: ReadSummary = {
    kind,
    format,
    done: false,
    read: 0,
    valid: 0,
    rejected: 0,
    rejections: [],
    columns: null,
    error: null,
    invalidUtf8: { count: 0, lines: [] },
  };
  const input = checkUtf8(source, fn, summary.invalidUtf8);

  const onHeader = (header: readonly string[]) => {
    if (!mapper) return;
    const present = new Set(header);
    const shown = () => {
      const names = header.slice(0, 30).map((name) => shortText(name));
      return `${names.join(", ")}${header.length > 30 ? `, ... (${header.length} columns)` : ""}`;
    };
    if (options.mapping !== undefined) {
      for (const [field, column] of mapper.columnOf) {
        if (!present.has(column)) {
          throw new ReadError(
            `${fn}: the header has no column ${shortText(column)} (mapping.${field}); its columns are ${shown()}`,
            "missing-column",
            1,
          );
        }
      }
    } else {
      const missing = fields.required.filter((field) => !present.has(field));
      if (missing.length > 0) {
        throw new ReadError(
          `${fn}: the header has no column for the required field${missing.length === 1 ? "" : "s"} ${missing.join(", ")}; name the column so or give a mapping; its columns are ${shown()}`,
          "missing-column",
          1,
        );
      }
    }
    const counts = new Map<string, number>();
    for (const name of header) counts.set(name, (counts.get(name) ?? 0) + 1);
    for (const column of mapper.columns) {
      if ((counts.get(column) ?? 0) > 1) {
        throw new ReadError(
          `${fn}: the header has the column ${shortText(column)} more than once, so the mapping is ambiguous`,
          "duplicate-column",
          1,
        );
      }
    }
    const read = new Set(mapper.columns);
    summary.columns = {
      used: header.filter((name) => read.has(name)),
      ignored: header.filter((name) => !read.has(name)),
    };
  };

  const limit = options.maxRecordLength;
  // Rows come a batch at a time (one chunk of the file): awaiting each row would cost more
  // than mapping and validating it.
  const rowBatches = (): AsyncIterable<RawRow[]> => {
    if (isCsv) {
      const csv: CsvOptions = { onHeader };
      if (options.delimiter !== undefined) csv.delimiter = options.delimiter;
      else if (format === "tsv") csv.delimiter = "\t";
      if (options.quote !== undefined) csv.quote = options.quote;
      if (limit !== undefined) csv.maxRecordBytes = limit;
      return csvRowBatches(input, csv, "readCsvRows");
    }
    if (format === "ndjson") {
      return ndjsonRowBatches(
        input,
        limit === undefined ? {} : { maxLineLength: limit },
        "readNdjsonRows",
      );
    }
    return singles(readJsonRows(input, limit === undefined ? {} : { maxElementLength: limit }));
  };

  const onRejection = options.onRejection;
  const reject = (rejection: RowRejection) => {
    onRejection?.(rejection);
    summary.rejected++;
    if (summary.rejections.length < maxRejections) summary.rejections.push(rejection);
  };

  const columnOf = (path: readonly (string | number)[]): string | null => {
    const field = path[0];
    if (typeof field !== "string") return null;
    if (mapper) return mapper.columnOf.get(field) ?? null;
    // JSON read as is: a field is its own key.
    return field;
  };

  const validator = validatorFor(schema);

  /**
   * A schema's message in the file's terms: an enum error shows the value it got, and an
   * order rule names the source column of the field it compares with, not the field.
   */
  const inTheFile = (issue: FieldIssue, input: unknown): string => {
    const { message } = issue;
    if (issue.code === "invalid_value" && message.startsWith("must be one of")) {
      if (message.includes(", got ")) return message;
      return `${message}, got ${show(valueAt(input, issue.path))}`;
    }
    const order = /^must not be before (\w+)$/.exec(message);
    if (order && mapper) {
      const field = order[1] as string;
      const column = mapper.columnOf.get(field);
      if (column !== undefined && column !== field) {
        return `must not be before ${shortText(column)} (${field})`;
      }
    }
    return message;
  };

  /** One row: its record, or `undefined` once it is counted as rejected. */
  function take(row: RawRow): RecordTypes[K] | undefined {
    summary.read++;
    if ("error" in row) {
      const issue: RowIssue = {
        path: [],
        code: "unreadable_row",
        message: row.error,
        column: null,
      };
      reject({ line: row.line, index: row.index, ...issue, issues: [issue] });
      return undefined;
    }
    let input: unknown = row.values;
    const issues: RowIssue[] = [];
    if (mapper) {
      const record: Record<string, unknown> = {};
      for (const problem of mapper.map(row.values, record)) {
        issues.push({
          path: [problem.field],
          code: "invalid_cell",
          message: problem.message,
          column: problem.column,
        });
      }
      input = record;
    }
    const outcome = validator(input);
    if (issues.length === 0 && outcome.valid) {
      summary.valid++;
      return outcome.record as RecordTypes[K];
    }
    // Fields whose cell could not be read show as "is required" to the schema: keep the
    // cell's own reason only.
    const failed = new Set(issues.map((issue) => issue.path[0]));
    for (const issue of outcome.issues) {
      if (failed.has(issue.path[0] as string)) continue;
      issues.push({ ...issue, message: inTheFile(issue, input), column: columnOf(issue.path) });
    }
    const first = issues[0] as RowIssue;
    reject({ line: row.line, index: row.index, ...first, issues });
    return undefined;
  }

  let started = false;
  async function* batches(): AsyncGenerator<RecordTypes[K][]> {
    if (started) throw new TypeError(`${fn}: a reader can be iterated only once`);
    started = true;
    try {
      for await (const rows of rowBatches()) {
        const records: RecordTypes[K][] = [];
        for (const row of rows) {
          const record = take(row);
          if (record !== undefined) records.push(record);
        }
        if (records.length > 0) yield records;
      }
    } catch (error) {
      summary.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
    summary.done = true;
    if (options.strict && summary.rejected > 0) {
      throw new ReadValidationError(fn, summary.read, summary.rejections);
    }
  }

  async function* iterate(): AsyncGenerator<RecordTypes[K]> {
    for await (const records of batches()) yield* records;
  }

  const result: RecordReader<RecordTypes[K]> = {
    summary,
    [Symbol.asyncIterator]: () => iterate(),
    batches: () => batches(),
    async toArray() {
      const out: RecordTypes[K][] = [];
      for await (const records of batches()) for (const record of records) out.push(record);
      return out;
    },
  };
  return result;
}

/** Options of the named readers: {@link ReadOptions} without `kind`. */
export type NamedReadOptions = Omit<ReadOptions, "kind">;

/**
 * Reads tickets from a file or stream; see {@link readRecords}.
 *
 * @example
 * const reader = readTickets(['[{"id": "T1", "createdAt": "2024-03-01T09:00:00Z", "status": "solved"}]'], { format: "json" });
 * reader.toArray().then((tickets) => [tickets[0].status, reader.summary.valid])
 * //=> ["solved", 1]
 */
export function readTickets(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<Ticket> {
  return reader(source, { ...options, kind: "tickets" }, "readTickets");
}

/**
 * Reads survey responses (NPS, CSAT, CES); see {@link readRecords}.
 *
 * @example
 * const reader = readSurveyResponses(['id,kind,score,respondedAt\n', 's1,nps,9,2024-03-01T10:00:00Z\n'], { format: "csv" });
 * reader.toArray().then((responses) => responses[0].score)
 * //=> 9
 */
export function readSurveyResponses(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<SurveyResponse> {
  return reader(source, { ...options, kind: "surveyResponses" }, "readSurveyResponses");
}

/**
 * Reads customers (or subscriptions); see {@link readRecords}.
 *
 * @example
 * const reader = readCustomers(['{"id":"c1","startedAt":"2024-01-01T00:00:00Z"}\n'], { format: "ndjson" });
 * reader.toArray().then((customers) => customers[0].endedAt)
 * //=> null
 */
export function readCustomers(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<Customer> {
  return reader(source, { ...options, kind: "customers" }, "readCustomers");
}

/**
 * Reads purchases; see {@link readRecords}.
 *
 * @example
 * const reader = readPurchases(["customer;date;total\n", "c1;2024-01-05;19,90\n"], {
 *   format: "csv", delimiter: ";", decimalComma: true, timeZone: "Europe/Rome",
 *   mapping: { customerId: "customer", purchasedAt: "date", amount: "total" },
 * });
 * reader.toArray().then((purchases) => purchases[0].amount)
 * //=> 19.9
 */
export function readPurchases(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<Purchase> {
  return reader(source, { ...options, kind: "purchases" }, "readPurchases");
}

/**
 * Reads support cost entries; see {@link readRecords}.
 *
 * @example
 * const reader = readSupportCosts(['[{"incurredAt": "2024-01-31T00:00:00Z", "amount": 12000}]'], { format: "json" });
 * reader.toArray().then((costs) => costs[0].amount)
 * //=> 12000
 */
export function readSupportCosts(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<SupportCost> {
  return reader(source, { ...options, kind: "supportCosts" }, "readSupportCosts");
}

/**
 * Reads agent shifts; see {@link readRecords}. From CSV, interval fields hold JSON text.
 *
 * @example
 * const reader = readAgentShifts(['{"agentId":"ana","scheduled":{"start":"2024-03-04T09:00:00Z","end":"2024-03-04T17:00:00Z"}}'], { format: "ndjson" });
 * reader.toArray().then((shifts) => shifts[0].startsAt.toISOString())
 * //=> "2024-03-04T09:00:00.000Z"
 */
export function readAgentShifts(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<AgentShift> {
  return reader(source, { ...options, kind: "agentShifts" }, "readAgentShifts");
}

/** Row by row as batches of one: JSON arrays are read element by element. */
async function* singles(rows: AsyncIterable<RawRow>): AsyncGenerator<RawRow[]> {
  for await (const row of rows) yield [row];
}
