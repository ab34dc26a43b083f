import type * as z from "zod";
import { MAX_TEXT } from "./fields.ts";
import { parseTimestamp } from "./timestamp.ts";

/**
 * Hand-written fast paths for the schemas that see millions of records (tickets, survey
 * responses).
 *
 * A fast path takes one raw record and either returns exactly what the Zod schema would
 * output for it, or returns `undefined` to hand the record to the schema. It never rejects
 * anything itself: every record with a problem (and every shape it was not written for, such
 * as tickets with messages) goes through Zod, so rejections keep Zod's paths, codes and our
 * messages, and the fast path only has to be right about records it accepts. A property test
 * (`fastPath.test-prop.ts`) checks that on random valid, nearly valid and hostile records.
 *
 * Why: Zod, even compiled, builds an intermediate result per field and runs each transform
 * through its context machinery; a ticket has 21 fields. Plain typeof checks and one object
 * literal per record are 3–5 times faster and give every validated record the same hidden
 * class, which the reducers downstream also profit from.
 */

/** A fast path: the schema's output for `raw`, or `undefined` for "ask the schema". */
export type FastPath<T> = (raw: unknown) => T | undefined;

const fastPaths = new WeakMap<object, FastPath<unknown>>();

/** Attaches a fast path to a schema; `validate` uses it before the schema. */
export function withFastPath<T>(
  schema: z.ZodType<T, unknown>,
  fast: FastPath<T>,
): z.ZodType<T, unknown> {
  fastPaths.set(schema, fast as FastPath<unknown>);
  return schema;
}

/** The fast path attached to a schema, if any. */
export function fastPathOf<T>(schema: z.ZodType<T, unknown>): FastPath<T> | undefined {
  return fastPaths.get(schema) as FastPath<T> | undefined;
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
