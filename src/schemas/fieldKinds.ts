/**
 * The kinds of record field (timestamp, count, flag, label, list, records...), each with the three
 * views that must agree: its Zod schema, its fast-path check and its explainer. Long (about 440
 * lines) on purpose: the three sit side by side so that a change to one is seen beside the
 * others.
 */
import * as z from "zod/mini";
import type { FieldIssue } from "./fieldIssue.ts";
import type {
  FieldKindName,
  FieldSpec,
  ListField,
  NumberField,
  RecordDefinition,
  RecordField,
  RecordsField,
} from "./fieldTable.ts";
import {
  DEFER,
  type Explainer,
  issueOf,
  notAnArray,
  REQUIRED_TYPE,
  under,
  wrongType,
  zodWords,
} from "./issues.ts";
import { safeInteger } from "./safeInteger.ts";
import {
  optionalTimestamp,
  parseTimestamp,
  type TimestampOptions,
  timestamp,
} from "./timestamp.ts";

/**
 * What each field kind of a table (fieldTable.ts) means, four ways that must agree:
 *
 * - `zod`: the Zod schema of the field (the reference: its issues are the library's messages);
 * - `read`: the fast path's reader of a value that is there, which returns exactly the
 *   schema's output for a valid value, or {@link SLOW} for anything it does not vouch for
 *   (the fast path applies `absent` before it: see {@link readAbsent});
 * - `explain`: for an invalid value, the very issues the schema reports (same codes,
 *   messages, order), or {@link DEFER} where the wording was not pinned here;
 * - `cell`: how a reader converts a text cell (CSV) for the field.
 *
 * Property tests (fastPath.test-prop.ts) hold `read` and `explain` to `zod` on random valid,
 * nearly valid and hostile records of every record kind. The file runs a little over 400
 * lines on purpose: a kind's four parts sit side by side, to be read and changed together.
 */

/** Longest identifier or label kept; anything longer is a broken export, not a name. */
export const MAX_TEXT = 1024;

/**
 * "This value needs the schema." A unique symbol, so that no field value can be mistaken for
 * it; readers return it instead of throwing or allocating an issue.
 */
export const SLOW: unique symbol = Symbol("slow");

/**
 * A fast reader: the schema's output for a value, or {@link SLOW}. A kind's reader is given
 * `undefined` only for a required field, and `null` only where absence is not unknown.
 */
export type Reader = (value: unknown) => unknown;

/** How a reader converts a text cell; see `FieldType` in src/node/mapping.ts. */
export type CellType = "text" | "timestamp" | "number" | "boolean" | "list" | "json";

/** What a kind needs to build its parts: the zone, and the parts of nested records. */
export interface KindContext {
  readonly options: TimestampOptions;
  readonly timeZone: string | undefined;
  zodOf(definition: RecordDefinition): z.ZodMiniType;
  readerOf(definition: RecordDefinition): Reader;
  explainerOf(definition: RecordDefinition): Explainer;
}

/** One field kind's four parts. */
export interface FieldKind<S extends FieldSpec> {
  readonly cell: CellType;
  zod(spec: S, context: KindContext): z.ZodMiniType;
  read(spec: S, context: KindContext): Reader;
  explain(spec: S, context: KindContext): Explainer;
}

// ---------------------------------------------------------------------------------------
// Zod field schemas: the reference every other part follows.

// Every schema here carries `zodWords`, Zod's English for its issues (zod/mini has none).
const WORDS = { error: zodWords };

/** A string of at most MAX_TEXT characters. */
const text = () => z.string(WORDS).check(z.maxLength(MAX_TEXT));

/** An identifier: a non-empty string, or a number (turned into its string). */
const identifier = z.pipe(
  z.union([text().check(z.minLength(1, "must not be empty")), z.number(WORDS)], WORDS),
  z.transform((value) => String(value)),
);

/** An optional identifier: `null`, `undefined` or `""` become `null`. */
const optionalIdentifier = z.pipe(
  z.union([text(), z.number(WORDS), z.null(WORDS), z.undefined(WORDS)], WORDS),
  z.transform((value) =>
    value === undefined || value === null || value === "" ? null : String(value),
  ),
);

/** An optional label such as a channel or priority: trimmed; empty becomes `null`. */
const optionalLabel = z.pipe(
  z.union([text(), z.null(WORDS), z.undefined(WORDS)], WORDS),
  z.transform((value) => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : null;
  }),
);

/** A present value's schema with `absent` applied: required, `null` when unknown, or a default. */
function withAbsent(spec: FieldSpec, present: z.ZodMiniType): z.ZodMiniType {
  const absent = spec.absent;
  if (absent === "required") return present;
  if (absent === null) return z._default(z.nullable(present), null);
  if (absent === "undefined") return z.optional(z.nullable(present));
  // An array default is a fresh array per record: Zod copies it.
  return z._default(present, absent as never);
}

// ---------------------------------------------------------------------------------------
// Readers: plain typeof checks, one per kind, small enough to be inlined.

/** `identifier`: a non-empty string up to MAX_TEXT, or a finite number as its string. */
function readIdentifier(value: unknown): string | typeof SLOW {
  if (typeof value === "string") {
    return value.length > 0 && value.length <= MAX_TEXT ? value : SLOW;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return SLOW;
}

/** `optionalIdentifier`: as `identifier`, and `null`, `undefined` or `""` become `null`. */
function readOptionalIdentifier(value: unknown): string | null | typeof SLOW {
  if (value === undefined || value === null || value === "") return null;
  return readIdentifier(value);
}

/** `optionalLabel`: a string up to MAX_TEXT, trimmed, empty becoming `null`; or nothing. */
function readOptionalLabel(value: unknown): string | null | typeof SLOW {
  if (typeof value === "string") {
    if (value.length > MAX_TEXT) return SLOW;
    const trimmed = value.trim();
    return trimmed === "" ? null : trimmed;
  }
  return value === undefined || value === null ? null : SLOW;
}

/**
 * A kind's reader with `absent` applied as {@link withAbsent} does: what the generated fast
 * path writes out field by field, for the loop that runs where code generation is off.
 */
export function readAbsent(spec: FieldSpec, read: Reader): Reader {
  const absent = spec.absent;
  if (absent === "required") return read;
  if (absent === null)
    return (value) => (value === undefined || value === null ? null : read(value));
  if (absent === "undefined") return (value) => (value === undefined ? undefined : read(value));
  if (Array.isArray(absent)) return (value) => (value === undefined ? [] : read(value));
  return (value) => (value === undefined ? absent : read(value));
}

/** `count`: a safe integer, at least 0 (-0 included, as Zod keeps it). */
function readCount(value: unknown): number | typeof SLOW {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : SLOW;
}

/** `integer`: a safe integer. */
function readInteger(value: unknown): number | typeof SLOW {
  return typeof value === "number" && Number.isSafeInteger(value) ? value : SLOW;
}

/** `number` and `amount`: a finite number. */
function readFinite(value: unknown): number | typeof SLOW {
  return typeof value === "number" && Number.isFinite(value) ? value : SLOW;
}

/** `number` and `amount` with `min: 0` (durations, MRR). */
function readNonNegative(value: unknown): number | typeof SLOW {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : SLOW;
}

/** `flag`: a boolean. */
function readBoolean(value: unknown): boolean | typeof SLOW {
  return typeof value === "boolean" ? value : SLOW;
}

// ---------------------------------------------------------------------------------------
// Explainers: the schema's issue for one value, in its words.

/**
 * A present value explained by `explain`, with `absent` applied: a missing required value
 * gets `missing` (Zod words it by kind), `null` is fine where absence means unknown, and a
 * missing value with a default is fine.
 */
function explainAbsent(
  spec: FieldSpec,
  explain: Explainer,
  missing: readonly FieldIssue[] = REQUIRED_TYPE,
): Explainer {
  const absent = spec.absent;
  if (absent === "required") return (value) => (value === undefined ? missing : explain(value));
  if (absent === null || absent === "undefined") {
    return (value) => (value === undefined || value === null ? null : explain(value));
  }
  return (value) => (value === undefined ? null : explain(value));
}

/** Numbers: finite, at least `min`, whole when `integer`; unsafe integers go to the schema. */
function numberParts(spec: FieldSpec, min: number | undefined, integer: boolean) {
  // The common cases as functions of their own: one function per call site inlines best.
  const read: Reader = integer
    ? min === undefined
      ? readInteger
      : min === 0
        ? readCount
        : (value) => (readInteger(value) !== SLOW && (value as number) >= min ? value : SLOW)
    : min === undefined
      ? readFinite
      : min === 0
        ? readNonNegative
        : (value) => (readFinite(value) !== SLOW && (value as number) >= min ? value : SLOW);
  const below = min === undefined ? null : issueOf("too_small", `must be at least ${min}`);
  const explain: Explainer = (value) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return wrongType("invalid_type", "a number", value);
    }
    if (integer && !Number.isInteger(value)) {
      return issueOf("invalid_type", "must be an integer, got number");
    }
    if (integer && !Number.isSafeInteger(value)) return DEFER;
    return below !== null && value < (min as number) ? below : null;
  };
  return { read, explain: explainAbsent(spec, explain) };
}

function numberZod(spec: FieldSpec, min: number | undefined, integer: boolean): z.ZodMiniType {
  let schema = z.number(WORDS);
  if (integer) schema = schema.check(safeInteger(WORDS));
  if (min !== undefined) schema = schema.check(z.minimum(min));
  return withAbsent(spec, schema);
}

/** Members quoted as the schema lists them, and the set to look them up in. */
const enumMessages = new WeakMap<readonly string[], readonly FieldIssue[]>();
function notAMember(values: readonly string[]): readonly FieldIssue[] {
  let found = enumMessages.get(values);
  if (found === undefined) {
    found = issueOf(
      "invalid_value",
      `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    );
    enumMessages.set(values, found);
  }
  return found;
}

/** `list`: up to `max` strings of at most MAX_TEXT, copied. */
function readList(spec: ListField): Reader {
  return (value) => {
    if (!Array.isArray(value) || value.length > spec.max) return SLOW;
    const items = new Array<string>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== "string" || item.length > MAX_TEXT) return SLOW;
      items[i] = item;
    }
    return items;
  };
}

/** `records`: an array of at most `max` sub-records, each read by its own table. */
function readRecords(spec: RecordsField, context: KindContext): Reader {
  const readOne = context.readerOf(spec.of);
  return (value) => {
    if (!Array.isArray(value) || value.length > spec.max) return SLOW;
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = readOne(value[i]);
      if (item === SLOW) return SLOW;
      items[i] = item;
    }
    return items;
  };
}

/** `records`: each sub-record's issues, under its index. */
function explainRecords(spec: RecordsField, context: KindContext): Explainer {
  const explainOne = context.explainerOf(spec.of);
  return (value) => {
    if (!Array.isArray(value)) return notAnArray(value, spec.max);
    if (value.length > spec.max) return DEFER;
    const issues: FieldIssue[] = [];
    for (let i = 0; i < value.length; i++) {
      const verdict = explainOne(value[i]);
      if (verdict === DEFER) return DEFER;
      if (verdict !== null) for (const found of verdict) issues.push(under(i, found));
    }
    return issues.length > 0 ? issues : null;
  };
}

// ---------------------------------------------------------------------------------------
// The kinds.

const number: FieldKind<NumberField> = {
  cell: "number",
  zod: (spec) => numberZod(spec, spec.min, false),
  read: (spec) => numberParts(spec, spec.min, false).read,
  explain: (spec) => numberParts(spec, spec.min, false).explain,
};

/** Every field kind, by name. */
export const FIELD_KINDS: {
  readonly [K in FieldKindName]: FieldKind<Extract<FieldSpec, { kind: K }>>;
} = {
  identifier: {
    cell: "text",
    zod: (spec) => (spec.absent === null ? z._default(optionalIdentifier, null) : identifier),
    read: (spec) => (spec.absent === null ? readOptionalIdentifier : readIdentifier),
    explain(spec) {
      const optional = spec.absent === null;
      const expected = optional ? "a string, a number or null" : "a string or a number";
      return (value) => {
        if ((optional ? readOptionalIdentifier(value) : readIdentifier(value)) !== SLOW) {
          return null;
        }
        if (value === undefined) return issueOf("invalid_union", "is required");
        // Empty or too long: Zod's union words it its own way.
        if (typeof value === "string" || typeof value === "number") return DEFER;
        return wrongType("invalid_union", expected, value);
      };
    },
  },
  label: {
    cell: "text",
    zod: () => z._default(optionalLabel, null),
    read: () => readOptionalLabel,
    explain: () => (value) => {
      if (readOptionalLabel(value) !== SLOW) return null;
      if (typeof value === "string") return DEFER;
      return wrongType("invalid_union", "a string or null", value);
    },
  },
  timestamp: {
    cell: "timestamp",
    zod: (spec, { options }) =>
      spec.absent === null
        ? z._default(optionalTimestamp(options), null)
        : spec.absent === "undefined"
          ? z.optional(optionalTimestamp(options))
          : timestamp(options),
    read(spec, { timeZone }) {
      // An empty cell is no timestamp where absence is unknown (or "never", with "undefined").
      const empty = spec.absent === "required" ? SLOW : null;
      return (value) => {
        if (value === "" || (value === null && spec.absent === "undefined")) return empty;
        const ms = parseTimestamp(value, timeZone);
        return typeof ms === "number" ? new Date(ms) : SLOW;
      };
    },
    explain(spec, { timeZone }) {
      const optional = spec.absent !== "required";
      return (value) => {
        if (optional && (value === undefined || value === null || value === "")) return null;
        const ms = parseTimestamp(value, timeZone);
        return typeof ms === "number" ? null : issueOf("custom", ms);
      };
    },
  },
  enum: {
    cell: "text",
    zod: (spec) => withAbsent(spec, z.enum(spec.values, WORDS)),
    read(spec) {
      const members: ReadonlySet<unknown> = new Set(spec.values);
      return (value) => (members.has(value) ? value : SLOW);
    },
    explain(spec) {
      const members: ReadonlySet<unknown> = new Set(spec.values);
      const wrong = notAMember(spec.values);
      // Zod says the same for a missing value as for a wrong one.
      return explainAbsent(spec, (value) => (members.has(value) ? null : wrong), wrong);
    },
  },
  count: {
    cell: "number",
    zod: (spec) => numberZod(spec, 0, true),
    read: (spec) => numberParts(spec, 0, true).read,
    explain: (spec) => numberParts(spec, 0, true).explain,
  },
  integer: {
    cell: "number",
    zod: (spec) => numberZod(spec, undefined, true),
    read: (spec) => numberParts(spec, undefined, true).read,
    explain: (spec) => numberParts(spec, undefined, true).explain,
  },
  number,
  amount: number,
  flag: {
    cell: "boolean",
    zod: (spec) => withAbsent(spec, z.boolean(WORDS)),
    read: () => readBoolean,
    explain: (spec) =>
      explainAbsent(spec, (value) =>
        typeof value === "boolean" ? null : wrongType("invalid_type", "a boolean", value),
      ),
  },
  list: {
    cell: "list",
    zod: (spec) => withAbsent(spec, z.array(text(), WORDS).check(z.maxLength(spec.max))),
    read: (spec) => readList(spec),
    // Only the valid case is known here: an item's wording is left to the schema.
    explain(spec) {
      const read = readList(spec);
      return explainAbsent(spec, (value) => {
        if (read(value) !== SLOW) return null;
        return Array.isArray(value) ? DEFER : notAnArray(value, spec.max);
      });
    },
  },
  records: {
    cell: "json",
    zod: (spec, context) =>
      withAbsent(spec, z.array(context.zodOf(spec.of), WORDS).check(z.maxLength(spec.max))),
    read: (spec, context) => readRecords(spec, context),
    explain: (spec, context) => explainAbsent(spec, explainRecords(spec, context)),
  },
  record: {
    cell: "json",
    zod: (spec: RecordField, context) => withAbsent(spec, context.zodOf(spec.of)),
    read: (spec, context) => context.readerOf(spec.of),
    explain: (spec, context) => explainAbsent(spec, context.explainerOf(spec.of)),
  },
};

/**
 * A plain record to read fields from, as Zod's objects accept it: an object that is not an
 * array (a Date or a class instance is read like any object).
 */
export function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
