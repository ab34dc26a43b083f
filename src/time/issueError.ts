/**
 * From a Zod issue to a thrown error in the library's grammar, for the builders that validate
 * their input with a schema (`schedule`, `scheduleVersions`, `slaPolicy`, `slaPolicies`, the
 * Zendesk converters): `fn: path must constraint, got value`, a `RangeError` for a value out
 * of range and a `TypeError` for the wrong kind of value, the value shown by `show`.
 *
 * The schemas report problems as data, as the record schemas do (an issue's path, code and
 * message, read through `toFieldIssue`); only these builders turn the first one into an
 * error. Not part of the package's exports. It sits in time/ because schedules were its
 * first users; it would be at home beside `show` in src/reduce/arguments.ts.
 */
import * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import { addIssue, toFieldIssue, zodWords } from "../schemas/issues.ts";

/**
 * `params` of a custom issue whose value has the right kind but is out of range (a string
 * that is not a zone, ranges that overlap): the builders throw a `RangeError` for it.
 */
export const OUT_OF_RANGE: Readonly<Record<string, unknown>> = Object.freeze({ range: true });

/** Zod's codes for a value of the right kind but out of range. */
const RANGE_CODES: ReadonlySet<string> = new Set([
  "too_small",
  "too_big",
  "invalid_value",
  "invalid_format",
  "not_multiple_of",
]);

/** Whether an issue is a value out of range (else the value is of the wrong kind). */
function outOfRange(issue: z.core.$ZodIssue): boolean {
  if (issue.code === "custom") return issue.params?.range === true;
  return RANGE_CODES.has(issue.code);
}

/**
 * A path as the error messages write it, after `prefix`: `weekly.monday[0].start`,
 * `policies[1].targets`.
 */
export function pathText(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** An instant in a message, through `show`: ISO 8601, or `-Infinity` / `Infinity` (open validity). */
export function showInstant(ms: number): string {
  return show(Number.isFinite(ms) ? new Date(ms) : ms);
}

/** Where an error happened: the function, and how to name the input and its parts. */
export interface ErrorSite {
  /** The public function's name, first in the message. */
  fn: string;
  /** Prefix of every path (`"policies[2]"`, `"versions"`), or `""`. */
  prefix?: string;
  /** The name of the input itself when the issue's path is empty (`"input"`, `"policy"`). */
  root: string;
}

/**
 * The error for one issue: `fn: path message`, with `, got value` added to a `must ...`
 * message that does not show the value yet (`input` is on the issue when the schema was
 * run with `reportInput: true`).
 */
export function issueError(site: ErrorSite, issue: z.core.$ZodIssue): TypeError | RangeError {
  const { path, message } = toFieldIssue(issue);
  const where = pathText(site.prefix ?? "", path) || site.root;
  const got =
    message.startsWith("must ") && !message.includes(", got ") ? `, got ${show(issue.input)}` : "";
  const text = `${site.fn}: ${where} ${message}${got}`;
  return outOfRange(issue) ? new RangeError(text) : new TypeError(text);
}

/** Parse options of the builders: the input on each issue, and Zod's English for its words. */
const REPORTED = { reportInput: true, error: zodWords };

/**
 * Parses `input` with `schema` and returns the output, or throws an issue as an error (see
 * {@link issueError}): the first unknown key if there is one (a misspelt key is the likely
 * cause of the other issues, such as a missing field), else the first issue.
 */
export function parseOrThrow<T>(
  schema: z.ZodMiniType<T, unknown>,
  input: unknown,
  site: ErrorSite,
): T {
  const parsed = schema.safeParse(input, REPORTED);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const typo = issues.find((issue) => issue.code === "unrecognized_keys");
  throw issueError(site, (typo ?? issues[0]) as z.core.$ZodIssue);
}

/**
 * Inside a transform: the output of `schema` on `input`, or `NEVER` after passing every issue
 * on to `ctx` (paths stay relative to the value, so a parent prefixes them as usual). For a
 * schema that must choose what to parse with once it has looked at the value.
 */
export function parseWithin<T>(
  schema: z.ZodMiniType<T, unknown>,
  input: unknown,
  ctx: z.core.ParsePayload,
): T {
  const parsed = schema.safeParse(input, REPORTED);
  if (parsed.success) return parsed.data;
  // A finished issue is a valid raw one.
  for (const issue of parsed.error.issues) addIssue(ctx, { ...issue });
  return z.NEVER;
}
