/**
 * The record reader: rows mapped, validated, deduplicated (duplicateRows.ts) and counted into
 * a summary. Longer than one sitting (about 600 lines) because the reader is one closure over
 * its summary, mapping, ledger and rejection list; the pieces that stand alone (row sources,
 * event logs, duplicate handling, UTF-8 checks, the named readers) live in their own files.
 */
import type * as z from "zod/mini";
import { requireOneOf, show } from "../reduce/arguments.ts";
import {
  DUPLICATE_POLICIES,
  type DuplicateCopy,
  type DuplicatePolicy,
  duplicateRejection,
  type IdLedger,
  idLedger,
} from "../schemas/duplicates.ts";
import {
  type FieldIssue,
  MAX_ISSUES_PER_RECORD,
  type Rejection,
  ValidationError,
  validatorFor,
} from "../schemas/validate.ts";
import { lastCopies, noteRowIds, rereadable, rowId } from "./duplicateRows.ts";
import { type EventLog, eventFolder } from "./events.ts";
import {
  type ColumnMapping,
  type ConversionOptions,
  compileMapping,
  type Mapper,
  RECORD_FIELDS,
  RECORD_KINDS,
  RECORD_SCHEMAS,
  type RecordKind,
} from "./mapping.ts";
import { type RawRow, ReadError } from "./rows.ts";
import { rowsOf } from "./rowsOf.ts";
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
  /**
   * What to do with a record whose id came before ({@link DuplicatePolicy}): `"last"` keeps
   * the last copy, `"first"` the first, `"reject"` rejects later copies, `"allow"` keeps
   * every copy. The default is `"last"` for a path, URL or array, read twice (the first time
   * for the ids only), and `"first"` for a stream, which can be read once: `"last"` over a
   * stream holds its records, one per id, until it ends.
   */
  duplicates?: DuplicatePolicy;
  /**
   * A ledger shared by the readers of several sources (overlapping exports), so that an id
   * is kept once across them all. Its policy is the readers'. For `"last"`, note every
   * source's ids first with {@link noteIds}.
   */
  ids?: IdLedger;
  /** The source's name in duplicate reports: the path by default, else none. */
  name?: string;
  /**
   * Tickets only: the source is an event log (one row per event, keyed by a case id), folded
   * into one ticket per case (see {@link EventLog}); `mapping` then maps the other fields,
   * read from each case's first event.
   */
  events?: EventLog;
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
   * Largest record: bytes of a CSV record (delimiters and quotes included; past it reading
   * stops with a {@link ReadError}), characters of an NDJSON line (past it the line is
   * rejected and reading goes on) or of a JSON element (reading stops); 64 MiB by default.
   * It bounds memory on broken input (docs/readers.md, "Limits").
   */
  maxRecordLength?: number;
  /**
   * NDJSON and JSON: most JSON values (objects, arrays, items) in one record, 1 000 000 by
   * default. A record with more is rejected before it is parsed (`JSON.parse` of a dense
   * line takes far more memory than its text), and reading goes on.
   */
  maxRecordValues?: number;
}

/** One problem of a rejected row, with the source column of its field when there is one. */
export interface RowIssue extends FieldIssue {
  /** The source column (CSV header name, JSON key) the field was read from, or `null`. */
  column: string | null;
}

/**
 * A row that did not become a record: where it is in the file, and why (its first
 * {@link MAX_ISSUES_PER_RECORD} issues, with the number of the others in `moreIssues`).
 */
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
  /** Valid rows left out as copies of a record kept elsewhere: `read = valid + rejected + duplicates`. */
  duplicates: number;
  /** The first `maxRejections` copies left out: the id, where the copy was and where the one kept is. */
  duplicateCopies: DuplicateCopy[];
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
  // As validate.ts says it: the total, and how many are kept.
  const more = rejection.moreIssues ?? 0;
  const note =
    more > 0
      ? ` (${(rejection.issues.length + more).toLocaleString("en-US")} issues, the first ${rejection.issues.length} kept)`
      : "";
  return `line ${rejection.line}, ${where}: ${rejection.message}${note}`;
}

/** The folder of an event log, for tickets only. */
function eventsOf(options: ReadOptions, conversion: ConversionOptions, fn: string) {
  if (options.kind !== "tickets") {
    throw new TypeError(`${fn}: events folds tickets only, got kind ${show(options.kind)}`);
  }
  return eventFolder(options.events as EventLog, options.mapping, conversion, fn);
}

/** The column a row's id is read from; `null` when it is not a column (a constant, a function). */
function idColumnOf(mapper: Mapper | null): string | null {
  if (mapper === null) return "id";
  return mapper.columnOf.get("id") ?? null;
}

/**
 * The columns a CSV row keeps for a mapping: those it names, or all of them when a mapping
 * function may read any (a header of 10^6 columns costs then what it costs).
 */
function columnsRead(mapper: Mapper | null): readonly string[] | null {
  return mapper !== null && !mapper.wholeRow ? mapper.columns : null;
}

/** The name of a source in duplicate reports: `name`, else a path's. */
function sourceName(source: ReadSource, name: string | undefined): string | null {
  if (name !== undefined) return name;
  if (typeof source === "string") return source;
  return source instanceof URL ? source.href : null;
}

/**
 * The first pass of keep-last over several sources: notes the line of every id in `source`
 * into `options.ids`, reading rows only (no validation). Read every source this way, then
 * each with a reader given the same ledger: each id is kept once, at its last line across
 * all of them. Returns the rows seen.
 *
 * @example
 * import { idLedger } from "support-metrics";
 * import { readTickets } from "./namedReaders.ts";
 * const ids = idLedger("last");
 * const jan = ["id,createdAt\n", "T1,2024-01-31T09:00:00Z\n"];
 * const feb = ["id,createdAt\n", "T1,2024-01-31T09:00:00Z\n", "T2,2024-02-01T09:00:00Z\n"];
 * const read = async () => {
 *   await noteIds(jan, { kind: "tickets", format: "csv", ids, name: "jan" });
 *   await noteIds(feb, { kind: "tickets", format: "csv", ids, name: "feb" });
 *   const a = readTickets(jan, { format: "csv", ids, name: "jan" });
 *   const b = readTickets(feb, { format: "csv", ids, name: "feb" });
 *   return [(await a.toArray()).length, (await b.toArray()).length, a.summary.duplicateCopies[0].kept];
 * };
 * read()
 * //=> [0, 2, { source: "feb", at: 2 }]
 */
export async function noteIds(
  source: ReadSource,
  options: ReadOptions & { ids: IdLedger },
): Promise<number> {
  const fn = "noteIds";
  const format = formatOf(source, options.format, fn);
  const conversion: ConversionOptions = {};
  if (options.timeZone !== undefined) conversion.timeZone = options.timeZone;
  if (options.decimalComma !== undefined) conversion.decimalComma = options.decimalComma;
  const events = options.events === undefined ? null : eventsOf(options, conversion, fn);
  if (events) {
    const rows = events.fold(rowsOf(source, format, options, () => {}, events.columns));
    return noteRowIds(rows, options.ids, sourceName(source, options.name), "id", null);
  }
  const mapper =
    options.mapping !== undefined || format === "csv" || format === "tsv"
      ? compileMapping(options.kind, options.mapping, conversion, fn)
      : null;
  const idColumn = idColumnOf(mapper);
  // The first pass needs the id cell alone, unless the mapping must run (an id not read from
  // a column, or a source column it is keyed within): a row of one cell is all it builds.
  const idOnly =
    mapper !== null && idColumn !== null && !mapper.wholeRow && !mapper.fields.includes("source");
  const rows = rowsOf(source, format, options, () => {}, idOnly ? [idColumn] : columnsRead(mapper));
  return noteRowIds(rows, options.ids, sourceName(source, options.name), idColumn, mapper);
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

/**
 * The reader behind {@link readRecords} and the named readers (namedReaders.ts): `fn` names
 * the function in messages.
 */
export function reader<K extends RecordKind>(
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
  const events = options.events === undefined ? null : eventsOf(options, conversion, fn);
  const mapper =
    events?.mapper ??
    (options.mapping !== undefined || isCsv
      ? compileMapping(kind, options.mapping, conversion, fn)
      : null);
  const schema = RECORD_SCHEMAS[kind](
    options.timeZone === undefined ? {} : { timeZone: options.timeZone },
  ) as z.ZodMiniType<RecordTypes[K], unknown>;
  const fields = RECORD_FIELDS[kind];
  const keep = events ? events.columns : columnsRead(mapper);

  const summary: ReadSummary = {
    kind,
    format,
    done: false,
    read: 0,
    valid: 0,
    rejected: 0,
    rejections: [],
    duplicates: 0,
    duplicateCopies: [],
    columns: null,
    error: null,
    invalidUtf8: { count: 0, lines: [] },
  };
  const input = checkUtf8(source, fn, summary.invalidUtf8);

  // Repeated ids (see duplicateRows.ts for the two ways of keeping the last copy).
  if (options.duplicates !== undefined) {
    requireOneOf(fn, "duplicates", options.duplicates, DUPLICATE_POLICIES);
    if (options.ids !== undefined && options.ids.policy !== options.duplicates) {
      throw new RangeError(
        `${fn}: duplicates must be the ids ledger's policy (${show(options.ids.policy)}), got ${show(options.duplicates)}`,
      );
    }
  }
  // Keep-last by default where the source can be read twice; a stream is read once, and
  // keeping its last copies would hold every record until it ends: there, "first".
  const policy: DuplicatePolicy =
    options.ids?.policy ?? options.duplicates ?? (rereadable(source) ? "last" : "first");
  const ledger = policy === "allow" ? null : (options.ids ?? idLedger(policy));
  const name = sourceName(source, options.name);
  // Folded event rows hold fields, not columns.
  const idColumn = events ? "id" : idColumnOf(mapper);
  const ownLast = policy === "last" && options.ids === undefined;
  const held = ownLast && !rereadable(source) ? lastCopies<RecordTypes[K]>(name) : null;
  const dropCopy = (copy: DuplicateCopy) => {
    summary.duplicates++;
    if (summary.duplicateCopies.length < maxRejections) summary.duplicateCopies.push(copy);
  };

  const onHeader = (header: readonly string[]) => {
    if (!mapper) return;
    const present = new Set(header);
    const shown = () => {
      const names = header.slice(0, 30).map((name) => shortText(name));
      return `${names.join(", ")}${header.length > 30 ? `, ... (${header.length} columns)` : ""}`;
    };
    if (options.mapping !== undefined || events) {
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

  const rowBatches = () => {
    const rows = rowsOf(input, format, options, onHeader, keep);
    return events ? events.fold(rows) : rows;
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
    if (mapper && !events) {
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
      const record = outcome.record as RecordTypes[K];
      if (ledger === null) {
        summary.valid++;
        return record;
      }
      const id = rowId(row.values, idColumn, record);
      if (held !== null) {
        // Keep-last over a stream: held until the end, where the copies kept are yielded.
        if (held.add(id, record, row.line)) summary.duplicates++;
        else summary.valid++;
        return undefined;
      }
      const kept = id === null ? null : ledger.check(id, { source: name, at: row.line });
      if (kept === null) {
        summary.valid++;
        return record;
      }
      if (policy === "reject") {
        const where = kept.source === name ? { source: null, at: kept.at } : kept;
        const rejection = duplicateRejection(id as string, row.index, where, "line");
        const issue: RowIssue = { ...(rejection.issues[0] as FieldIssue), column: idColumn };
        reject({ ...rejection, line: row.line, column: idColumn, issues: [issue] });
      } else {
        dropCopy({ id: id as string, place: { source: name, at: row.line }, kept });
      }
      return undefined;
    }
    // Fields whose cell could not be read show as "is required" to the schema: keep the
    // cell's own reason only.
    const failed = new Set(issues.map((issue) => issue.path[0]));
    // The validator keeps the first issues and counts the rest (validate.ts), which may
    // include some of the failed fields' "is required": the count is an upper bound then.
    let more = outcome.valid ? 0 : outcome.moreIssues;
    for (const issue of outcome.issues) {
      if (failed.has(issue.path[0] as string)) continue;
      if (issues.length >= MAX_ISSUES_PER_RECORD) {
        more++;
        continue;
      }
      issues.push({ ...issue, message: inTheFile(issue, input), column: columnOf(issue.path) });
    }
    // A kind with more fields than that, every cell unreadable.
    if (issues.length > MAX_ISSUES_PER_RECORD) {
      more += issues.length - MAX_ISSUES_PER_RECORD;
      issues.length = MAX_ISSUES_PER_RECORD;
    }
    const first = issues[0] as RowIssue;
    const rejection: RowRejection = { line: row.line, index: row.index, ...first, issues };
    if (more > 0) rejection.moreIssues = more;
    reject(rejection);
    return undefined;
  }

  let started = false;
  async function* batches(): AsyncGenerator<RecordTypes[K][]> {
    if (started) throw new TypeError(`${fn}: a reader can be iterated only once`);
    started = true;
    try {
      if (ownLast && held === null && ledger !== null) {
        try {
          const rows = rowsOf(source, format, options, onHeader, keep);
          await noteRowIds(
            events ? events.fold(rows) : rows,
            ledger,
            name,
            idColumn,
            events ? null : mapper,
          );
        } catch (error) {
          // The second pass meets the same error at the same row, after the rows before it.
          if (!(error instanceof ReadError)) throw error;
        }
      }
      for await (const rows of rowBatches()) {
        const records: RecordTypes[K][] = [];
        for (const row of rows) {
          const record = take(row);
          if (record !== undefined) records.push(record);
        }
        if (records.length > 0) yield records;
      }
      if (held !== null) {
        const { records, copies } = held.drain();
        summary.duplicateCopies = copies.slice(0, maxRejections);
        for (let i = 0; i < records.length; i += 1024) yield records.slice(i, i + 1024);
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
