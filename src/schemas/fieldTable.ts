import { generate, literal } from "./generate.ts";
import type { TimestampInput } from "./timestamp.ts";

/**
 * The language of the field tables: each record kind (ticket, survey response, customer...)
 * declares its fields once, as data, in a table of {@link FieldSpec}s, and everything else is
 * derived from it: the Zod schema, the fast path and the explainer (recordSchema.ts), the
 * readers' field list (`RECORD_FIELDS` in src/node/mapping.ts) and the TypeScript types
 * ({@link FieldValues}, {@link FieldInputs}).
 *
 * What each kind accepts and how it is read is in fieldKinds.ts; this file only says what a
 * table may declare.
 *
 * Growing the records:
 * - a field is one row: `assignments: { kind: "records", of: assignmentRecord, max: 100_000,
 *   absent: null, doc: "..." }` (with `assignmentRecord`, a small table, beside it);
 * - what an absent field means is one word: `absent: false` (absent is "no") or `absent:
 *   null` (absent is unknown, kept apart from `false` and `0`); a counted or flagged field
 *   whose absence is not a fact says `absent: null`, so a missing column is never a zero;
 * - a field every record has is one fragment (`const SOURCE = { sourceId: {...} } as const`)
 *   spread into each table;
 * - a record kind is one definition and `schemaFor(definition)`, plus its line in
 *   `RECORD_SCHEMAS` (src/node/mapping.ts) for the file readers.
 */

/**
 * What an absent field means:
 *
 * - `"required"`: nothing; a record without it is rejected (and so is `null`);
 * - `null`: unknown. `null` is accepted too and means the same; so does `""` for the text
 *   kinds and timestamps (an empty CSV cell);
 * - `"undefined"` (timestamps only): unknown, kept as `undefined`, while `null` (and `""`) is
 *   a value of its own, "never": `firstResponseAt` absent is "not given", `null` is "never
 *   answered". The validated record still has the key (its value `undefined`);
 * - any other value (`false`, `0`, `[]`): the value the field takes; `null` is rejected.
 */
export type Absent = "required" | null | "undefined" | boolean | number | readonly [];

interface Field {
  /** What the field holds, in one line (it documents the record kinds). */
  readonly doc: string;
  /** What leaving the field out means; see {@link Absent}. */
  readonly absent: Absent;
}

/** An id: a non-empty string, or a number (kept as its string). */
export interface IdentifierField extends Field {
  readonly kind: "identifier";
  readonly absent: "required" | null;
}

/** A label such as a channel or a priority: text, trimmed; an empty label is none. */
export interface LabelField extends Field {
  readonly kind: "label";
  readonly absent: null;
}

/** An instant: a Date, an ISO 8601 string or epoch milliseconds; read to a Date. */
export interface TimestampField extends Field {
  readonly kind: "timestamp";
  readonly absent: "required" | null | "undefined";
}

/** One of a fixed list of strings. */
export interface EnumField extends Field {
  readonly kind: "enum";
  readonly values: readonly [string, ...string[]];
  readonly absent: "required" | null;
}

/** A count: a whole number, at least 0. */
export interface CountField extends Field {
  readonly kind: "count";
  readonly absent: "required" | null | number;
}

/** A whole number (a scale's end). */
export interface IntegerField extends Field {
  readonly kind: "integer";
  readonly absent: "required" | null;
}

/** A finite number (`number`), or money (`amount`, negative for a refund unless `min` says). */
export interface NumberField extends Field {
  readonly kind: "number" | "amount";
  /** The smallest value accepted, inclusive. */
  readonly min?: number;
  /**
   * `"undefined"` where the source may have no such column at all (a queue contact's hold
   * time, which many systems count inside talk): left out is `undefined`, `null` is unknown.
   */
  readonly absent: "required" | null | "undefined";
}

/** A yes/no flag. */
export interface FlagField extends Field {
  readonly kind: "flag";
  readonly absent: "required" | null | boolean;
}

/** A list of labels (tags), kept as written. */
export interface ListField extends Field {
  readonly kind: "list";
  /** Most items accepted. */
  readonly max: number;
  readonly absent: "required" | null | readonly [];
}

/** A list of sub-records (a ticket's messages), each validated by its own table. */
export interface RecordsField extends Field {
  readonly kind: "records";
  readonly of: RecordDefinition;
  /** Most items accepted. */
  readonly max: number;
  readonly absent: "required" | null | readonly [];
}

/** One sub-record (a shift's scheduled interval), validated by its own table. */
export interface RecordField extends Field {
  readonly kind: "record";
  readonly of: RecordDefinition;
  readonly absent: "required" | null;
}

/** One field of a table. */
export type FieldSpec =
  | IdentifierField
  | LabelField
  | TimestampField
  | EnumField
  | CountField
  | IntegerField
  | NumberField
  | FlagField
  | ListField
  | RecordsField
  | RecordField;

/** The name of a field kind (`"timestamp"`, `"records"`...). */
export type FieldKindName = FieldSpec["kind"];

/** A record kind's fields, by name, in the order the schema reads them. */
export type FieldTable = Readonly<Record<string, FieldSpec>>;

/**
 * How cross-field rules report a problem: the path inside the record (`["closedAt"]`,
 * `["messages", 3, "at"]`), the message, and the value at fault.
 */
export type Report = (path: (string | number)[], message: string, input?: unknown) => void;

/**
 * A record kind: its fields and, beside them, the rules that involve several fields. `check`
 * and `complete` are called as plain functions (not as methods: no `this`).
 */
export interface RecordDefinition<Fields extends FieldTable = FieldTable, Output = unknown> {
  /** The record's name in messages ("ticket", "survey response"). */
  readonly noun: string;
  readonly fields: Fields;
  /**
   * Rules between fields, run on their values as Zod runs a refinement: when every field is
   * valid, and also when the only problems found are numbers out of bounds (Zod does not let
   * those stop a record), so the record's contradictions are reported with them. A problem
   * reported here rejects the record, and `complete` does not run.
   */
  check?(record: FieldValues<Fields>, report: Report): void;
  /**
   * Runs once every field is valid and `check` found nothing, on the fields' values: checks
   * what needs derived values (order contradictions, a score off its survey's scale), reports
   * each problem, and fills the fields derived from others. It may fill the record in place
   * and return it. A record with a reported problem is rejected.
   */
  complete?(record: FieldValues<Fields>, report: Report): Output;
}

/**
 * Declares a record kind. Without `complete`, a record is its fields' values (checked by
 * `check`, if any).
 *
 * @example
 * const point = defineRecord({
 *   noun: "point",
 *   fields: { at: { kind: "timestamp", absent: "required", doc: "When." } },
 * });
 * point.fields.at.kind
 * //=> "timestamp"
 */
export function defineRecord<const Fields extends FieldTable, Output = FieldValues<Fields>>(
  definition: RecordDefinition<Fields, Output>,
): RecordDefinition<Fields, Output> {
  return definition;
}

/**
 * The validated record of a definition: what its `complete` returns, else its fields' values
 * (also when a definition written inside a table had its output inferred as `unknown`).
 */
export type RecordOf<D> =
  D extends RecordDefinition<infer Fields, infer Output>
    ? unknown extends Output
      ? FieldValues<Fields>
      : Output
    : never;

/** What a caller may give for a definition's record. */
export type RecordInputOf<D> =
  D extends RecordDefinition<infer Fields> ? FieldInputs<Fields> : never;

/** The value of a present field of spec `S`, once validated. */
type Present<S> = S extends { kind: "identifier" | "label" }
  ? string
  : S extends { kind: "timestamp" }
    ? Date
    : S extends { kind: "enum"; values: readonly (infer V)[] }
      ? V
      : S extends { kind: "count" | "integer" | "number" | "amount" }
        ? number
        : S extends { kind: "flag" }
          ? boolean
          : S extends { kind: "list" }
            ? string[]
            : S extends { kind: "records"; of: infer D }
              ? RecordOf<D>[]
              : S extends { kind: "record"; of: infer D }
                ? RecordOf<D>
                : never;

/** What a caller may give for a present field of spec `S`. */
type PresentInput<S> = S extends { kind: "identifier" }
  ? string | number
  : S extends { kind: "label" }
    ? string
    : S extends { kind: "timestamp" }
      ? TimestampInput
      : S extends { kind: "enum"; values: readonly (infer V)[] }
        ? V
        : S extends { kind: "count" | "integer" | "number" | "amount" }
          ? number
          : S extends { kind: "flag" }
            ? boolean
            : S extends { kind: "list" }
              ? string[]
              : S extends { kind: "records"; of: infer D }
                ? RecordInputOf<D>[]
                : S extends { kind: "record"; of: infer D }
                  ? RecordInputOf<D>
                  : never;

/**
 * A validated field's value: `null` where absence means unknown; `null` (never) or `undefined`
 * (unknown) where absence is `"undefined"`.
 */
export type FieldValue<S> = S extends { absent: null }
  ? Present<S> | null
  : S extends { absent: "undefined" }
    ? Present<S> | null | undefined
    : Present<S>;

/** The validated values of a table's fields. */
export type FieldValues<Fields> = { -readonly [K in keyof Fields]: FieldValue<Fields[K]> };

type RequiredKeys<Fields> = {
  [K in keyof Fields]: Fields[K] extends { absent: "required" } ? K : never;
}[keyof Fields];

/** What a caller may give for a table's fields: required ones must be there. */
export type FieldInputs<Fields> = Flatten<
  {
    -readonly [K in keyof Fields as K extends RequiredKeys<Fields> ? K : never]: PresentInput<
      Fields[K]
    >;
  } & {
    -readonly [K in keyof Fields as K extends RequiredKeys<Fields> ? never : K]?:
      | PresentInput<Fields[K]>
      | (Fields[K] extends { absent: null | "undefined" } ? null : never)
      | undefined;
  }
>;

/** One object type instead of an intersection, for readable hovers and exact comparisons. */
type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * An order rule between two timestamp fields: `[field, limit]` says `field` must not be before
 * `limit` when both are known (neither `null` nor `undefined`). A contradiction is a data error, never a negative duration.
 * The message is `must not be before <limit>` unless a third element words it otherwise.
 */
export type OrderRule<R> = readonly [
  field: keyof R & string,
  limit: keyof R & string,
  message?: string,
];

/** Checks a record against order rules, reporting every broken one in the rules' order. */
export type OrderCheck<R> = (record: R, report: Report) => void;

/**
 * Declares a record kind's order rules; the returned check reports every broken rule. It runs
 * for every validated record, so on first use it is generated as straight-line code (field
 * names written out, as a hand-written check would read them), or, where code generation is
 * off, run as a loop over the rules (several times slower: each read is by a computed key).
 *
 * @example
 * const found = [];
 * const check = orderRules([["endedAt", "startedAt"]]);
 * check(
 *   { startedAt: new Date("2024-03-02T00:00:00Z"), endedAt: new Date("2024-03-01T00:00:00Z") },
 *   (path, message) => found.push(`${path.join(".")}: ${message}`),
 * );
 * found
 * //=> ["endedAt: must not be before startedAt"]
 */
export function orderRules<R>(rules: readonly OrderRule<R>[]): OrderCheck<R> {
  const checked = rules.map(([field, limit, message]) => ({
    field,
    limit,
    message: message ?? `must not be before ${limit}`,
  }));
  let check: OrderCheck<R> | undefined;
  return (record, report) => {
    check ??=
      generate<OrderCheck<R>>(
        [],
        [
          "return function checkOrder(record, report) {",
          ...checked.map(({ field, limit, message }, i) => {
            const [f, l] = [literal(field), literal(limit)];
            return `  const v${i} = record[${f}], l${i} = record[${l}]; if (v${i} != null && l${i} != null && v${i}.getTime() < l${i}.getTime()) report([${f}], ${literal(message)}, v${i});`;
          }),
          "};",
        ].join("\n"),
        [],
      ) ??
      ((record, report) => {
        for (const { field, limit, message } of checked) {
          // `!= null`: a field whose absence is "undefined" holds undefined when unknown.
          const value = record[field] as Date | null | undefined;
          const bound = record[limit] as Date | null | undefined;
          if (value != null && bound != null && value.getTime() < bound.getTime()) {
            report([field], message, value);
          }
        }
      });
    check(record, report);
  };
}
