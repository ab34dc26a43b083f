/**
 * support-metrics/node: read helpdesk exports (CSV, TSV, NDJSON, JSON arrays) from files or
 * streams into validated records, one at a time, with every rejected row reported by line,
 * column and reason. Node only (it reads files); the root entry stays browser-safe.
 *
 * Internal helpers (openSource, textChunks, lines, shortText...) are not exported.
 *
 * @packageDocumentation
 */

export { type CsvOptions, DEFAULT_MAX_RECORD_BYTES, readCsvRows } from "./csv.ts";
export type { EventLog } from "./events.ts";
export { type JsonOptions, readJsonRows } from "./json.ts";
export {
  type ColumnMapping,
  type ColumnSpec,
  type ConversionIssue,
  type ConversionOptions,
  compileMapping,
  type FieldMapping,
  type FieldType,
  type KindFields,
  type Mapper,
  parseBooleanCell,
  parseNumberCell,
  RECORD_FIELDS,
  RECORD_KINDS,
  type RecordKind,
} from "./mapping.ts";
export {
  type NamedReadOptions,
  readAgentShifts,
  readCustomers,
  readPurchases,
  readQueueContacts,
  readSessions,
  readSignups,
  readSubscriptionChanges,
  readSupportCosts,
  readSurveyResponses,
  readTickets,
} from "./namedReaders.ts";
export {
  DEFAULT_MAX_LINE_LENGTH,
  DEFAULT_MAX_VALUES,
  type NdjsonOptions,
  readNdjsonRows,
} from "./ndjson.ts";
export {
  describeRowRejection,
  noteIds,
  type ReadOptions,
  type ReadSummary,
  ReadValidationError,
  type RecordReader,
  type RecordTypes,
  type RowIssue,
  type RowRejection,
  readRecords,
} from "./readRecords.ts";
export {
  describeReadReport,
  type MetricOutcome,
  type MetricUse,
  type ReadReport,
  readReport,
} from "./report.ts";
export {
  type RawFailure,
  type RawRow,
  type RawValues,
  ReadError,
  type RowPosition,
  type RowReaderOptions,
} from "./rows.ts";
export { FILE_FORMATS, type FileFormat, formatOf, type ReadSource } from "./source.ts";
export {
  TIMESTAMP_TOKENS,
  type TimestampParser,
  timestampFormat,
} from "./timestampFormat.ts";
export type { InvalidUtf8 } from "./utf8.ts";
