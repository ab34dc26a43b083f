import type * as z from "zod/mini";
import type { FieldIssue } from "./fieldIssue.ts";

/**
 * The library's wording of a field's problem, two ways that must agree: from Zod's issue
 * (`toFieldIssue`, for records the schema checked), and straight from the value (for the
 * explainers of fieldKinds.ts, which answer without running the schema): "is required",
 * "must be a string or a number, got boolean", "must be at least 0". Kept out of the
 * package's exports; the fast paths' tests compare the two.
 */

function article(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;
}

/** Zod's names for expected types, as our messages say them. */
function typeName(expected: string): string {
  return expected === "int" ? "an integer" : expected === "null" ? "null" : article(expected);
}

/** `[expected, received]` of a type mismatch, from Zod's "expected x, received y" wording. */
function mismatch(issue: z.core.$ZodIssue | undefined): [string, string] | null {
  if (issue?.code !== "invalid_type") return null;
  const match = /expected (\w+), received (\w+)/.exec(issue.message);
  return match ? [match[1] as string, match[2] as string] : null;
}

/**
 * When no alternative of a union (an identifier: string or number) accepts the value's type,
 * Zod says only "Invalid input"; say which types were expected, or that the field is missing.
 */
function unionMessage(branches: readonly (readonly z.core.$ZodIssue[])[]): string | null {
  const expected: string[] = [];
  let received: string | undefined;
  for (const branch of branches) {
    const types = mismatch(branch[0]);
    if (!types) return null;
    if (types[0] !== "undefined" && !expected.includes(types[0])) expected.push(types[0]);
    received = types[1];
  }
  if (received === undefined || expected.length === 0) return null;
  if (received === "undefined") return "is required";
  const names = expected.map(typeName);
  const last = names.pop() as string;
  return `must be ${names.length > 0 ? `${names.join(", ")} or ${last}` : last}, got ${received}`;
}

/** Zod's "Too small: expected number to be >=0" in our grammar: "must be at least 0, got -1". */
function boundMessage(
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
): string | undefined {
  const small = issue.code === "too_small";
  const bound = Number(
    small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum,
  );
  const got = typeof issue.input === "number" ? `, got ${issue.input}` : "";
  switch (issue.origin) {
    case "number":
    case "int":
      if (issue.inclusive === false) return `must be ${small ? "above" : "below"} ${bound}${got}`;
      return `must be ${small ? "at least" : "at most"} ${bound}${got}`;
    case "string":
      return `must be ${small ? "at least" : "at most"} ${bound} characters long`;
    case "array":
      return `must have ${small ? "at least" : "at most"} ${bound} items`;
    default:
      return undefined;
  }
}

/** One Zod issue as a {@link FieldIssue}, in our wording. */
export function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.map((part) => (typeof part === "symbol" ? String(part) : part));
  let message = issue.message;
  // Zod's wording for a missing field is "Invalid input: expected string, received undefined".
  const typeMismatch = mismatch(issue);
  if (typeMismatch?.[1] === "undefined") message = "is required";
  else if (typeMismatch) message = `must be ${typeName(typeMismatch[0])}, got ${typeMismatch[1]}`;
  else if (issue.code === "invalid_value" && "values" in issue) {
    message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  } else if (issue.code === "invalid_union") {
    message = unionMessage(issue.errors) ?? message;
  } else if (
    (issue.code === "too_small" || issue.code === "too_big") &&
    /^Too (small|big)/.test(message)
  ) {
    // Only Zod's default wording; a schema's own message ("must not be empty") stays.
    message = boundMessage(issue) ?? message;
  }
  return { path, code: issue.code, message };
}

// ---------------------------------------------------------------------------------------
// Zod's English, without Zod's locale files

/** A value's type as Zod's English names it after "received": `NaN`, `Infinity`, `array`, `Date`. */
function receivedType(input: unknown): string {
  if (typeof input === "number") return Number.isFinite(input) ? "number" : String(input);
  if (typeof input !== "object") return typeof input;
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  const prototype: unknown = Object.getPrototypeOf(input);
  const maker = (input as { constructor?: { name?: unknown } }).constructor;
  return prototype !== Object.prototype && maker ? String(maker.name) : "object";
}

/** A value as Zod's English quotes it in a list: strings in double quotes, bigints with `n`. */
function quoted(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  return typeof value === "string" ? `"${value}"` : `${String(value)}`;
}

/** What a size bound counts, per kind of value; numbers have no unit. */
const UNITS: Readonly<Record<string, string>> = { string: "characters", array: "items" };

/**
 * The messages of Zod's English locale for the issues our schemas raise, so that the schemas
 * word their issues as they did under classic `zod` without bundling any locale file (zod/mini
 * loads none: its issues say only "Invalid input"). {@link toFieldIssue} reads these words.
 * Attached to every schema the library builds (`{ error: zodWords }`) and passed to each parse
 * it runs; `undefined` for any other issue, which then keeps Zod's own wording.
 */
export function zodWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      const expected = issue.expected === "nan" ? "NaN" : issue.expected;
      return `Invalid input: expected ${expected}, received ${receivedType(issue.input)}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `Invalid input: expected ${quoted(issue.values[0])}`
        : `Invalid option: expected one of ${issue.values.map(quoted).join("|")}`;
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const bound = small ? issue.minimum : issue.maximum;
      const sign = issue.exact ? "exactly " : `${small ? ">" : "<"}${issue.inclusive ? "=" : ""}`;
      const unit = UNITS[issue.origin];
      const size = unit ? `to have ${sign}${bound} ${unit}` : `to be ${sign}${bound}`;
      return `Too ${small ? "small" : "big"}: expected ${issue.origin} ${size}`;
    }
    case "unrecognized_keys":
      return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.map(quoted).join(", ")}`;
    default:
      return undefined;
  }
}

/** A problem found inside a transform: a custom issue unless `code` says otherwise. */
export type FoundIssue = { code?: string; message: string; input?: unknown } & Record<
  string,
  unknown
>;

/**
 * Reports an issue from inside a `z.transform` (zod/mini's context has no `addIssue`), as
 * classic Zod's `ctx.addIssue` did: a custom issue about the value being transformed unless
 * the issue names its own `input`.
 */
export function addIssue(ctx: z.core.ParsePayload, issue: FoundIssue): void {
  ctx.issues.push({ input: ctx.value, ...issue, code: issue.code ?? "custom" } as never);
}

// ---------------------------------------------------------------------------------------
// The same words straight from a value, for the explainers (fieldKinds.ts): what the schema
// would say, without running it.

/** "Ask the schema": the explainer's answer where it does not know the schema's words. */
export const DEFER: unique symbol = Symbol("defer");

/** A field's verdict: valid (`null`), its issues (paths inside the field), or {@link DEFER}. */
export type Verdict = null | readonly FieldIssue[] | typeof DEFER;

/** An explainer: the {@link Verdict} on one value. */
export type Explainer = (value: unknown) => Verdict;

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

/** One issue at the field itself. */
export function issueOf(code: string, message: string): readonly FieldIssue[] {
  return [{ path: [], code, message }];
}

/** A type mismatch as the schema words it: `must be <expected>, got <type>`. */
export function wrongType(code: string, expected: string, value: unknown): Verdict {
  const got = receivedName(value);
  return got === undefined ? DEFER : issueOf(code, `must be ${expected}, got ${got}`);
}

/** A missing value, as the schema says it for most types. */
export const REQUIRED_TYPE = issueOf("invalid_type", "is required");

/**
 * Not an array, as the schema words it. Zod also applies the array's length limit to any
 * value with a `length` (a long string gets a second issue): such values go to the schema.
 */
export function notAnArray(value: unknown, max: number): Verdict {
  if (value !== undefined && value !== null) {
    const length: unknown = (value as { length?: unknown }).length;
    if (length !== undefined && !(typeof length === "number" && length <= max)) return DEFER;
  }
  return wrongType("invalid_type", "an array", value);
}

/** An issue of a part, placed under the part's key or index. */
export function under(key: string | number, found: FieldIssue): FieldIssue {
  return { path: [key, ...found.path], code: found.code, message: found.message };
}

/** The issue of a record that is not an object, as the schema words it. */
export function notAnObject(value: unknown): Verdict {
  return value === undefined ? REQUIRED_TYPE : wrongType("invalid_type", "an object", value);
}
