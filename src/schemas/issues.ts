import type * as z from "zod";
import type { FieldIssue } from "./fieldIssue.ts";

/**
 * Zod's issues in our words: "is required", "must be a string or a number, got boolean",
 * "must be at least 0". Kept apart from validate.ts (and out of the package's exports) so the
 * fast paths' tests can compare with the schema's own issues.
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
