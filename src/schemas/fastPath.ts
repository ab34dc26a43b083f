import type * as z from "zod";
import type { FieldIssue } from "./fieldIssue.ts";
import { MAX_TEXT } from "./fields.ts";
import { parseTimestamp } from "./timestamp.ts";

/**
 * Hand-written fast paths for the schemas that see millions of records (tickets, survey
 * responses).
 *
 * A fast path takes one raw record and either returns exactly what the Zod schema would
 * output for it, or returns `undefined` to hand the record to the schema.
 *
 * A schema may also have an explainer, asked when the fast path declines: it returns the
 * very issues the schema would report (same paths, codes, messages, order) for the common
 * problems (a missing id, an unreadable timestamp, a negative count, a wrong type), or
 * `undefined` for anything else, which then goes through Zod. Zod's failure path costs
 * 10–15 µs a record (issue objects, error maps, an Error), so a file with 1 % bad rows would
 * spend as long on them as on the 99 % good ones.
 *
 * Property tests (`fastPath.test-prop.ts`) compare both with the schema on random valid,
 * nearly valid and hostile records.
 *
 * Why: Zod, even compiled, builds an intermediate result per field and runs each transform
 * through its context machinery; a ticket has 21 fields. Plain typeof checks and one object
 * literal per record are 3–5 times faster and give every validated record the same hidden
 * class, which the reducers downstream also profit from.
 */

/** A fast path: the schema's output for `raw`, or `undefined` for "ask the schema". */
export type FastPath<T> = (raw: unknown) => T | undefined;

/** An explainer: the schema's issues for `raw` (never empty), or `undefined` for "ask the schema". */
export type Explain = (raw: unknown) => FieldIssue[] | undefined;

const fastPaths = new WeakMap<object, { fast: FastPath<unknown>; explain?: Explain }>();

/** Attaches a fast path (and an explainer) to a schema; `validate` tries them before the schema. */
export function withFastPath<T>(
  schema: z.ZodType<T, unknown>,
  fast: FastPath<T>,
  explain?: Explain,
): z.ZodType<T, unknown> {
  fastPaths.set(schema, explain ? { fast, explain } : { fast });
  return schema;
}

/** The fast path and explainer attached to a schema, if any. */
export function fastPathOf<T>(
  schema: z.ZodType<T, unknown>,
): { fast: FastPath<T>; explain?: Explain } | undefined {
  return fastPaths.get(schema) as { fast: FastPath<T>; explain?: Explain } | undefined;
}

/**
 * "This field needs the schema." A unique object, so that no field value can be mistaken
 * for it; the readers below return it instead of throwing or allocating an issue.
 */
export const SLOW: unique symbol = Symbol("slow");

/** `identifier`: a non-empty string up to MAX_TEXT, or a finite number as its string. */
export function readIdentifier(value: unknown): string | typeof SLOW {
  if (typeof value === "string") {
    return value.length > 0 && value.length <= MAX_TEXT ? value : SLOW;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return SLOW;
}

/** `optionalIdentifier`: as `identifier`, and `null`, `undefined` or `""` become `null`. */
export function readOptionalIdentifier(value: unknown): string | null | typeof SLOW {
  if (value === undefined || value === null || value === "") return null;
  return readIdentifier(value);
}

/** `optionalLabel`: a string up to MAX_TEXT, trimmed, empty becoming `null`; or nothing. */
export function readOptionalLabel(value: unknown): string | null | typeof SLOW {
  if (typeof value === "string") {
    if (value.length > MAX_TEXT) return SLOW;
    const trimmed = value.trim();
    return trimmed === "" ? null : trimmed;
  }
  return value === undefined || value === null ? null : SLOW;
}

/** `timestamp`: a readable timestamp as a Date. */
export function readTimestamp(value: unknown, timeZone: string | undefined): Date | typeof SLOW {
  const ms = parseTimestamp(value, timeZone);
  return typeof ms === "number" ? new Date(ms) : SLOW;
}

/** `optionalTimestamp`: `null`, `undefined` and `""` become `null`. */
export function readOptionalTimestamp(
  value: unknown,
  timeZone: string | undefined,
): Date | null | typeof SLOW {
  if (value === undefined || value === null || value === "") return null;
  return readTimestamp(value, timeZone);
}

/** `nonNegativeInteger.nullish()`: a safe integer ≥ 0, or nothing (`null`). */
export function readOptionalCount(value: unknown): number | null | typeof SLOW {
  if (value === undefined || value === null) return null;
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : SLOW;
}

/** An enum member, or nothing (`null`); anything else needs the schema. */
export function readOptionalMember<T extends string>(
  value: unknown,
  members: ReadonlySet<string>,
): T | null | typeof SLOW {
  if (value === undefined || value === null) return null;
  return typeof value === "string" && members.has(value) ? (value as T) : SLOW;
}

/** A plain record to read fields from: an object that is not an array. */
export function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------
// Explaining: the issue the schema reports for one field, `null` when the field is valid, or
// DEFER when the schema must say it (a case whose wording was not pinned here).

/** "Ask the schema": a unique object, like {@link SLOW}. */
export const DEFER: unique symbol = Symbol("defer");

/** One field's verdict: valid (`null`), an issue, or {@link DEFER}. */
export type FieldVerdict = { code: string; message: string } | null | typeof DEFER;

/**
 * How the schema names a value's type after "got": Zod's names (`NaN`, `array`, `null`),
 * for the values whose name was checked; `undefined` for others (a Date, a class instance,
 * ±Infinity), which the schema then names itself.
 */
function receivedName(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "bigint":
    case "function":
    case "undefined":
      return typeof value;
    case "number":
      return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? "number" : undefined;
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return "array";
      return Object.getPrototypeOf(value) === Object.prototype ? "object" : undefined;
    }
    default:
      return undefined;
  }
}

/** A type mismatch as the schema words it: `must be <expected>, got <type>`. */
function wrongType(code: string, expected: string, value: unknown): FieldVerdict {
  const got = receivedName(value);
  return got === undefined ? DEFER : { code, message: `must be ${expected}, got ${got}` };
}

/** `identifier`. */
export function explainIdentifier(value: unknown): FieldVerdict {
  if (readIdentifier(value) !== SLOW) return null;
  if (value === undefined) return { code: "invalid_union", message: "is required" };
  if (typeof value === "string" || typeof value === "number") return DEFER;
  return wrongType("invalid_union", "a string or a number", value);
}

/** `optionalIdentifier`. */
export function explainOptionalIdentifier(value: unknown): FieldVerdict {
  if (readOptionalIdentifier(value) !== SLOW) return null;
  if (typeof value === "string" || typeof value === "number") return DEFER;
  return wrongType("invalid_union", "a string, a number or null", value);
}

/** `optionalLabel`. */
export function explainOptionalLabel(value: unknown): FieldVerdict {
  if (readOptionalLabel(value) !== SLOW) return null;
  if (typeof value === "string") return DEFER;
  return wrongType("invalid_union", "a string or null", value);
}

/** `timestamp` and `optionalTimestamp`: the reason `parseTimestamp` gives, as the schema does. */
export function explainTimestamp(
  value: unknown,
  timeZone: string | undefined,
  optional: boolean,
): FieldVerdict {
  if (optional && (value === undefined || value === null || value === "")) return null;
  const ms = parseTimestamp(value, timeZone);
  return typeof ms === "number" ? null : { code: "custom", message: ms };
}

/** `nonNegativeInteger.nullish()`. */
export function explainOptionalCount(value: unknown): FieldVerdict {
  if (readOptionalCount(value) !== SLOW) return null;
  if (typeof value === "number" && Number.isFinite(value)) {
    if (!Number.isInteger(value)) {
      return { code: "invalid_type", message: "must be an integer, got number" };
    }
    return Number.isSafeInteger(value)
      ? { code: "too_small", message: "must be at least 0" }
      : DEFER;
  }
  return wrongType("invalid_type", "a number", value);
}

/** `z.number().min(0).nullish()`. */
export function explainOptionalNonNegative(value: unknown): FieldVerdict {
  if (value === undefined || value === null) return null;
  if (typeof value === "number" && Number.isFinite(value)) {
    return value >= 0 ? null : { code: "too_small", message: "must be at least 0" };
  }
  return wrongType("invalid_type", "a number", value);
}

/** `z.number().nullish()`. */
export function explainOptionalNumber(value: unknown): FieldVerdict {
  if (value === undefined || value === null) return null;
  if (typeof value === "number" && Number.isFinite(value)) return null;
  return wrongType("invalid_type", "a number", value);
}

/** `z.boolean().default(false)`. */
export function explainBoolean(value: unknown): FieldVerdict {
  if (value === undefined || typeof value === "boolean") return null;
  return wrongType("invalid_type", "a boolean", value);
}

/** An enum (`.nullish()` when `nullish`): its members, quoted, as the schema lists them. */
export function explainMember(
  value: unknown,
  members: ReadonlySet<string>,
  nullish: boolean,
): FieldVerdict {
  if (nullish && (value === undefined || value === null)) return null;
  if (typeof value === "string" && members.has(value)) return null;
  let message = memberMessages.get(members);
  if (message === undefined) {
    message = `must be one of ${[...members].map((m) => JSON.stringify(m)).join(", ")}`;
    memberMessages.set(members, message);
  }
  return { code: "invalid_value", message };
}

const memberMessages = new WeakMap<ReadonlySet<string>, string>();

/** A timestamp field's epoch milliseconds, or `null` when absent or unreadable. */
export function timeOrNull(value: unknown, timeZone: string | undefined): number | null {
  if (value === undefined || value === null || value === "") return null;
  const ms = parseTimestamp(value, timeZone);
  return typeof ms === "number" ? ms : null;
}

/**
 * Collects the issues of a record's fields, in the schema's field order; `undefined` as soon
 * as one field must be left to the schema.
 */
export function explainFields(
  checks: readonly (readonly [field: string, verdict: FieldVerdict])[],
): FieldIssue[] | undefined {
  const issues: FieldIssue[] = [];
  for (const [field, verdict] of checks) {
    if (verdict === null) continue;
    if (verdict === DEFER) return undefined;
    issues.push({ path: [field], code: verdict.code, message: verdict.message });
  }
  return issues;
}
