/**
 * Column mappings: which source column fills which record field, and how each cell type is read
 * (timestamps in a format and zone, numbers with a decimal comma, flags, lists). Long (about 430
 * lines): the mapping's checks and every cell reader are one compiler.
 */
import type * as z from "zod/mini";
import { customerSchema, purchaseSchema, supportCostSchema } from "../schemas/customer.ts";
import { type CellType, FIELD_KINDS } from "../schemas/fieldKinds.ts";
import { queueContactSchema } from "../schemas/queueContact.ts";
import { definitionOf } from "../schemas/recordSchema.ts";
import { sessionSchema } from "../schemas/session.ts";
import { agentShiftSchema } from "../schemas/shift.ts";
import { signupSchema, subscriptionChangeSchema } from "../schemas/subscription.ts";
import { surveyResponseSchema } from "../schemas/survey.ts";
import { ticketSchema } from "../schemas/ticket.ts";
import { parseTimestamp } from "../schemas/timestamp.ts";
import { checkTimeZone } from "../time/zone.ts";
import { DEFAULT_MAX_VALUES, tooManyValues } from "./ndjson.ts";
import { shortText } from "./source.ts";
import { type TimestampParser, timestampFormat } from "./timestampFormat.ts";

/**
 * The record kinds the readers produce, one per `validate*` function, with the schema of each.
 * A kind's fields, their types and the required ones ({@link RECORD_FIELDS}) come from the
 * table the schema was made from, so a field added there is read from files at once.
 */
export const RECORD_SCHEMAS = {
  tickets: ticketSchema,
  surveyResponses: surveyResponseSchema,
  customers: customerSchema,
  purchases: purchaseSchema,
  supportCosts: supportCostSchema,
  agentShifts: agentShiftSchema,
  sessions: sessionSchema,
  subscriptionChanges: subscriptionChangeSchema,
  signups: signupSchema,
  queueContacts: queueContactSchema,
} as const;

/** A record kind the readers produce. */
export type RecordKind = keyof typeof RECORD_SCHEMAS;

/**
 * How a text cell becomes a field value. `text` is kept as written; `timestamp`, `number`,
 * `boolean` and `list` are parsed as described in {@link FieldMapping}; `json` cells hold
 * JSON text (a ticket's `messages` in one CSV column).
 */
export type FieldType = CellType;

/** A record kind's fields: each field's type, and the fields a record cannot do without. */
export interface KindFields {
  /** The name used in messages ("ticket"). */
  noun: string;
  fields: Readonly<Record<string, FieldType>>;
  /** What each field holds, in one line. */
  docs: Readonly<Record<string, string>>;
  required: readonly string[];
  /**
   * Fields where "not given" and "none" differ (the table's absence `"undefined"`, such as a
   * ticket's first response: not given is unknown, none is never answered). An empty cell in a
   * column the file has reads as `null` for them: the file has the column and says "none".
   */
  emptyIsNull: readonly string[];
}

/** A kind's fields, read from the table its schema was made from. */
function fieldsOf(schema: z.ZodMiniType): KindFields {
  const definition = definitionOf(schema);
  if (definition === undefined) throw new TypeError("RECORD_FIELDS: a schema without a table");
  const fields: Record<string, FieldType> = {};
  const docs: Record<string, string> = {};
  const required: string[] = [];
  const emptyIsNull: string[] = [];
  for (const [name, spec] of Object.entries(definition.fields)) {
    fields[name] = FIELD_KINDS[spec.kind].cell;
    docs[name] = spec.doc;
    if (spec.absent === "required") required.push(name);
    if (spec.absent === "undefined") emptyIsNull.push(name);
  }
  return { noun: definition.noun, fields, docs, required, emptyIsNull };
}

/** Every {@link RecordKind}. */
export const RECORD_KINDS = Object.keys(RECORD_SCHEMAS) as RecordKind[];

/** The fields of each record kind, as the schemas of src/schemas define them. */
export const RECORD_FIELDS = Object.fromEntries(
  RECORD_KINDS.map((kind) => [kind, fieldsOf(RECORD_SCHEMAS[kind]())]),
) as Readonly<Record<RecordKind, KindFields>>;

/** A source column, with how to read it. */
export interface ColumnSpec {
  /** The source column (CSV header name, JSON key). */
  column: string;
  /**
   * Timestamps: a format of tokens such as `MM/DD/YYYY hh:mm:ss A` (see `timestampFormat`), or
   * `"x"` for epoch milliseconds and `"X"` for epoch seconds. Without it, cells must be ISO 8601.
   */
  format?: string;
  /** Timestamps: the zone of this column's zone-less times (else the reader's `timeZone`). */
  timeZone?: string;
  /** Lists: the separator between items (`","` by default; Zendesk exports use `" "`). */
  separator?: string;
  /**
   * Values to replace before validation, compared after trimming (`{ Solved: "solved" }`);
   * values not listed pass unchanged.
   */
  values?: Readonly<Record<string, unknown>>;
}

/**
 * How one field is filled: the name of a source column, a {@link ColumnSpec}, a constant
 * (`{ value: "email" }`), or a function of the raw row (its values by column name; for CSV an
 * object without prototype). What a function or constant gives is validated as is.
 */
export type FieldMapping =
  | string
  | ColumnSpec
  | { value: unknown }
  | ((row: Readonly<Record<string, unknown>>) => unknown);

/** Field name → how to fill it. Columns not named are ignored. */
export type ColumnMapping = Readonly<Record<string, FieldMapping>>;

/** Options of how text cells become values. */
export interface ConversionOptions {
  /** IANA zone of timestamps written without an offset, for every field that has no zone of its own. */
  timeZone?: string;
  /**
   * Read `"1,5"` as 1.5 (a decimal comma, as European spreadsheets write numbers). Off by
   * default, when `"1,5"` is rejected: it could as well be a thousands separator.
   */
  decimalComma?: boolean;
}

/** One problem found while converting a row: the field, its source column, what is wrong. */
export interface ConversionIssue {
  field: string;
  column: string | null;
  message: string;
}

/** A compiled mapping: fills a record from a raw row. */
export interface Mapper {
  /** The source column of each field mapped from a column (for rejection messages). */
  columnOf: ReadonlyMap<string, string>;
  /** The columns read, in mapping order. */
  columns: readonly string[];
  /**
   * Every field the mapping fills, from a column, a constant or a function: a `source` filled
   * by a constant (a file from one helpdesk) keys ids as a `source` column does.
   */
  fields: readonly string[];
  /**
   * Whether a field is a function of the whole row (it may read any column), so that a
   * reader must keep every column, not only {@link Mapper.columns}.
   */
  wholeRow: boolean;
  /** Fills `record` from `row`; returns the problems found (none: an empty array). */
  map(row: Readonly<Record<string, unknown>>, record: Record<string, unknown>): ConversionIssue[];
}

/**
 * A plain decimal: digits with an optional point and fraction, or a point and digits, then an
 * optional exponent. Written so that each digit can be matched one way only: the earlier
 * `\d+\.?\d*` let a run of digits split between `\d+` and `\d*` at every point, so a refused
 * cell of n digits cost n² steps (10^5 digits and an `x`: 4.5 s; 10^6: minutes). This form
 * accepts the same text (mapping.test-prop.ts compares the two) in time linear in the cell.
 */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?\d+,\d+$/;

/**
 * Reads a number cell: `""` is "no value"; `"NaN"`, `"Infinity"` and anything not a plain
 * decimal number are rejected; `"1,5"` is 1.5 only with `decimalComma`.
 *
 * @example
 * [parseNumberCell("  42 "), parseNumberCell("-1.5e3"), parseNumberCell("1,5"), parseNumberCell("1,5", true)]
 * //=> [42, -1500, 'must be a number written with a "." decimal point (decimalComma reads "1,5" as 1.5), got "1,5"', 1.5]
 */
export function parseNumberCell(text: string, decimalComma = false): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (COMMA_NUMBER.test(trimmed)) {
    if (decimalComma) return Number(trimmed.replace(",", "."));
    return `must be a number written with a "." decimal point (decimalComma reads "1,5" as 1.5), got ${shortText(text)}`;
  }
  return `must be a number, got ${shortText(text)}`;
}

const TRUE = new Set(["true", "1", "yes", "y"]);
const FALSE = new Set(["false", "0", "no", "n"]);

/**
 * Reads a boolean cell: `true`/`false`, `1`/`0`, `yes`/`no`, `y`/`n`, in any case; `""` is
 * "no value".
 *
 * @example
 * [parseBooleanCell("Yes"), parseBooleanCell("0"), parseBooleanCell("maybe")]
 * //=> [true, false, 'must be true or false (also 1/0, yes/no), got "maybe"']
 */
export function parseBooleanCell(text: string): boolean | string | undefined {
  const word = text.trim().toLowerCase();
  if (word === "") return undefined;
  if (TRUE.has(word)) return true;
  if (FALSE.has(word)) return false;
  return `must be true or false (also 1/0, yes/no), got ${shortText(text)}`;
}

/** A field compiled: where its value comes from and how a text cell is read. */
interface CompiledField {
  field: string;
  column: string | null;
  constant?: { value: unknown };
  compute?: (row: Readonly<Record<string, unknown>>) => unknown;
  convert: (text: string) => unknown | Issue;
  values?: Map<string, unknown>;
  /** An empty cell reads as `null`, not as "not given" (see {@link KindFields.emptyIsNull}). */
  emptyIsNull?: boolean;
}

/** A conversion failure, told apart from a value by its class. */
class Issue {
  constructor(readonly message: string) {}
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new TypeError(message);
}

function converter(
  type: FieldType,
  spec: ColumnSpec | null,
  options: ConversionOptions,
  where: string,
  fn: string,
): (text: string) => unknown | Issue {
  const zone = spec?.timeZone ?? options.timeZone;
  switch (type) {
    case "timestamp": {
      if (spec?.format === "x" || spec?.format === "X") {
        // Epoch milliseconds (x) or seconds (X), as a whole number.
        const scale = spec.format === "x" ? 1 : 1000;
        return (text) => {
          const trimmed = text.trim();
          if (trimmed === "") return undefined;
          const n = /^-?\d{1,16}$/.test(trimmed) ? Number(trimmed) * scale : Number.NaN;
          const ms = parseTimestamp(Number.isNaN(n) ? text : n, zone);
          return typeof ms === "string"
            ? new Issue(
                `must be epoch ${scale === 1 ? "milliseconds" : "seconds"}, got ${shortText(text)}`,
              )
            : ms;
        };
      }
      if (spec?.format !== undefined) {
        const read: TimestampParser = timestampFormat(spec.format, zone, `${fn}: ${where}`);
        return (text) => {
          if (text.trim() === "") return undefined;
          const ms = read(text);
          return typeof ms === "string" ? new Issue(ms) : ms;
        };
      }
      return (text) => {
        const trimmed = text.trim();
        if (trimmed === "") return undefined;
        // A digits-only cell is not guessed as epoch seconds or milliseconds: format "X" or "x".
        const ms = parseTimestamp(trimmed, zone);
        return typeof ms === "string" ? new Issue(ms) : ms;
      };
    }
    case "number":
      return (text) => {
        const value = parseNumberCell(text, options.decimalComma ?? false);
        return typeof value === "string" ? new Issue(value) : value;
      };
    case "boolean":
      return (text) => {
        const value = parseBooleanCell(text);
        return typeof value === "string" ? new Issue(value) : value;
      };
    case "list": {
      const separator = spec?.separator ?? ",";
      check(
        typeof separator === "string" && separator.length > 0,
        `${fn}: ${where}.separator must be a non-empty string, got ${shortText(separator)}`,
      );
      return (text) =>
        text
          .split(separator)
          .map((item) => item.trim())
          .filter((item) => item !== "");
    }
    case "json":
      return (text) => {
        if (text.trim() === "") return undefined;
        // As for an NDJSON line: JSON.parse of `[{},{},…]` takes far more memory than its text.
        if (tooManyValues(text, DEFAULT_MAX_VALUES)) {
          return new Issue(`holds more than ${DEFAULT_MAX_VALUES} JSON values; it is not parsed`);
        }
        try {
          return JSON.parse(text);
        } catch {
          return new Issue(`must be JSON text, got ${shortText(text)}`);
        }
      };
    default:
      return (text) => (text === "" ? undefined : text);
  }
}

/**
 * Compiles a mapping for a record kind, checking it once: every key must be a field of the
 * kind, every column a non-empty string, every format and zone valid, and every required
 * field mapped. Without a mapping, each field reads the column of its own name.
 *
 * @example
 * const mapper = compileMapping("tickets", { id: "Ticket ID", createdAt: { column: "Created", format: "DD.MM.YYYY HH:mm" }, channel: { value: "email" } }, { timeZone: "Europe/Berlin" });
 * const record = {};
 * mapper.map({ "Ticket ID": "7", Created: "31.03.2024 02:30" }, record);
 * [record.id, new Date(record.createdAt).toISOString(), record.channel]
 * //=> ["7", "2024-03-31T01:30:00.000Z", "email"]
 */
export function compileMapping(
  kind: RecordKind,
  mapping: ColumnMapping | undefined,
  options: ConversionOptions = {},
  fn = "compileMapping",
): Mapper {
  const spec = RECORD_FIELDS[kind];
  check(
    spec !== undefined,
    `${fn}: kind must be one of ${RECORD_KINDS.join(", ")}, got ${shortText(kind)}`,
  );
  if (options.timeZone !== undefined) checkTimeZone(options.timeZone, fn);
  const entries: [string, FieldMapping][] =
    mapping === undefined
      ? Object.keys(spec.fields).map((field) => [field, field])
      : (() => {
          check(
            mapping !== null && typeof mapping === "object" && !Array.isArray(mapping),
            `${fn}: mapping must be an object of field: column, got ${shortText(mapping)}`,
          );
          return Object.keys(mapping).map((field) => [field, mapping[field] as FieldMapping]);
        })();
  const fields: CompiledField[] = [];
  for (const [field, how] of entries) {
    const type = Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;
    if (type === undefined) {
      throw new RangeError(
        `${fn}: mapping.${field.length > 40 ? `${field.slice(0, 40)}…` : field} must be a ${spec.noun} field (${Object.keys(spec.fields).join(", ")})`,
      );
    }
    const where = `mapping.${field}`;
    if (typeof how === "string") {
      check(how !== "", `${fn}: ${where} must name a column, got ""`);
      fields.push({
        field,
        column: how,
        convert: converter(type, null, options, where, fn),
        emptyIsNull: spec.emptyIsNull.includes(field),
      });
    } else if (typeof how === "function") {
      fields.push({ field, column: null, compute: how, convert: () => undefined });
    } else if (how !== null && typeof how === "object" && "value" in how) {
      fields.push({ field, column: null, constant: how, convert: () => undefined });
    } else if (how !== null && typeof how === "object" && "column" in how) {
      check(
        typeof how.column === "string" && how.column !== "",
        `${fn}: ${where}.column must name a column, got ${shortText(how.column)}`,
      );
      if (how.timeZone !== undefined) checkTimeZone(how.timeZone, `${fn}: ${where}`);
      check(
        (how.format === undefined && how.timeZone === undefined) || type === "timestamp",
        `${fn}: ${where} is not a timestamp field, so it takes no format or timeZone`,
      );
      check(
        how.separator === undefined || type === "list",
        `${fn}: ${where} is not a list field, so it takes no separator`,
      );
      let values: Map<string, unknown> | undefined;
      if (how.values !== undefined) {
        check(
          how.values !== null && typeof how.values === "object" && !Array.isArray(how.values),
          `${fn}: ${where}.values must be an object of source value: value, got ${shortText(how.values)}`,
        );
        values = new Map(Object.entries(how.values));
      }
      const compiled: CompiledField = {
        field,
        column: how.column,
        convert: converter(type, how, options, where, fn),
        emptyIsNull: spec.emptyIsNull.includes(field),
      };
      if (values) compiled.values = values;
      fields.push(compiled);
    } else {
      throw new TypeError(
        `${fn}: ${where} must be a column name, { column }, { value } or a function, got ${shortText(how)}`,
      );
    }
  }
  if (mapping !== undefined) {
    const mapped = new Set(fields.map((f) => f.field));
    const missing = spec.required.filter((field) => !mapped.has(field));
    check(
      missing.length === 0,
      `${fn}: mapping must fill the required ${spec.noun} field${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`,
    );
  }

  const columnOf = new Map<string, string>();
  for (const f of fields) if (f.column !== null) columnOf.set(f.field, f.column);
  return {
    columnOf,
    columns: [...new Set(columnOf.values())],
    fields: fields.map((f) => f.field),
    wholeRow: fields.some((f) => f.compute !== undefined),
    map(row, record) {
      const issues: ConversionIssue[] = [];
      for (const f of fields) {
        let value: unknown;
        if (f.constant) value = f.constant.value;
        else if (f.compute) {
          try {
            value = f.compute(row);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            issues.push({
              field: f.field,
              column: null,
              message: `mapping function threw: ${message.length > 100 ? `${message.slice(0, 100)}…` : message}`,
            });
            continue;
          }
        } else {
          const column = f.column as string;
          value = Object.hasOwn(row, column) ? row[column] : undefined;
          if (typeof value === "string") {
            if (f.values) {
              const key = value.trim();
              if (f.values.has(key)) value = f.values.get(key);
            }
            if (typeof value === "string") {
              const text = value;
              value = f.convert(text);
              if (value === undefined && f.emptyIsNull && text.trim() === "") value = null;
            }
          }
          if (value instanceof Issue) {
            issues.push({ field: f.field, column, message: value.message });
            continue;
          }
        }
        if (value !== undefined) record[f.field] = value;
      }
      return issues;
    },
  };
}
