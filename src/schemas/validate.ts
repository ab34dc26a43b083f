/**
 * Validation at the boundary: raw records in, typed records out, and every record accounted
 * for (used, or rejected with its index, field and reason). `validate` is the one routine
 * (the schema's generated fast path first, Zod's full check for the records it refuses, so that
 * every issue is worded alike); the `validateX` functions are its entry points per record
 * kind.
 *
 * Long (about 450 lines): nine entry points, each with its doc comment and example, share the
 * routine and its rejection wording; apart, each would restate both.
 */
import type * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import {
  type Customer,
  customerSchema,
  type Purchase,
  purchaseSchema,
  type SupportCost,
  supportCostSchema,
} from "./customer.ts";
import { type FastPath, fastPathOf } from "./fastPath.ts";
import type { FieldIssue } from "./fieldIssue.ts";
import { toFieldIssue, zodWords } from "./issues.ts";
import { type QueueContactRecord, queueContactSchema } from "./queueContact.ts";
import { type AgentShift, agentShiftSchema } from "./shift.ts";
import {
  type Signup,
  type SubscriptionChange,
  signupSchema,
  subscriptionChangeSchema,
} from "./subscription.ts";
import { type SurveyResponse, surveyResponseSchema } from "./survey.ts";
import { type Ticket, ticketSchema } from "./ticket.ts";
import type { TimestampOptions } from "./timestamp.ts";

export type { FieldIssue } from "./fieldIssue.ts";

/**
 * Most issues kept for one rejected record (the rest are counted in
 * {@link Rejection.moreIssues}): a record with 100 000 bad messages would otherwise hold
 * 100 000 issues for as long as its rejection is kept (40 such rows held 1.5 GB, issue 12).
 */
export const MAX_ISSUES_PER_RECORD = 20;

/** A record that failed validation: where it was, and why. */
export interface Rejection extends FieldIssue {
  /** The record's position in the input, from 0. `path`, `code` and `message` are its first issue. */
  index: number;
  /** The record's issues, the first {@link MAX_ISSUES_PER_RECORD} of them. */
  issues: FieldIssue[];
  /** How many issues were found beyond those in `issues`; present only when some were left out. */
  moreIssues?: number;
}

/** Validation's answer: every input record is in exactly one of the two lists. */
export interface Validated<T> {
  /** The records that passed, in input order. */
  records: T[];
  /** The records that did not, in input order. */
  rejected: Rejection[];
}

/** Options for the `validate*` functions. */
export interface ValidateOptions extends TimestampOptions {
  /** Throw a {@link ValidationError} listing every rejection instead of returning them. */
  strict?: boolean;
}

/** Thrown by validation in strict mode; `rejected` holds every rejection. */
export class ValidationError extends Error {
  readonly rejected: Rejection[];
  constructor(what: string, total: number, rejected: Rejection[]) {
    const shown = rejected.slice(0, 20).map((r) => `  ${describeRejection(r)}`);
    const more = rejected.length > 20 ? [`  ... and ${rejected.length - 20} more`] : [];
    super(
      [`${what}: ${rejected.length} of ${total} records rejected`, ...shown, ...more].join("\n"),
    );
    this.name = "ValidationError";
    this.rejected = rejected;
  }
}

/**
 * One line for a rejection: `record 3, createdAt: has no UTC offset ...`.
 *
 * @example
 * describeRejection({ index: 3, path: ["messages", 0, "at"], code: "custom", message: "is required", issues: [] })
 * //=> "record 3, messages[0].at: is required"
 */
export function describeRejection(rejection: Rejection): string {
  return `record ${rejection.index}, ${formatPath(rejection.path)}: ${rejection.message}${moreIssuesNote(rejection)}`;
}

/** What a rejection's line adds when issues were left out: `" (100,000 issues, the first 20 kept)"`. */
function moreIssuesNote(rejection: Rejection): string {
  const more = rejection.moreIssues ?? 0;
  if (more <= 0) return "";
  return ` (${(rejection.issues.length + more).toLocaleString("en-US")} issues, the first ${rejection.issues.length} kept)`;
}

function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(record)";
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}

/** What {@link validatorFor}'s function found: the record, or the issues. */
export interface Outcome<T> {
  /** Whether the record passed. */
  valid: boolean;
  /** The validated record, or `undefined` when rejected. */
  record: T | undefined;
  /** Why it was rejected (never empty then), the first {@link MAX_ISSUES_PER_RECORD}; empty when valid. */
  issues: FieldIssue[];
  /** How many issues were found beyond those in `issues` (0 when all are there). */
  moreIssues: number;
}

const NO_ISSUES: FieldIssue[] = [];

/**
 * One record at a time, as `validate` checks them: the schema's fast path when it has one
 * (see fastPath.ts), else the schema. The returned outcome object is reused by the
 * next call: read it before validating another record. For code that validates row by row
 * as rows arrive (the file readers do), where `validate` wants them all at once.
 *
 * @example
 * import { ticketSchema } from "support-metrics";
 * const check = validatorFor(ticketSchema());
 * const first = check({ id: "T1", createdAt: "2024-03-01T09:00:00Z" }).valid;
 * const second = check({ id: "T2", createdAt: "03/01/2024" });
 * [first, second.valid, second.issues[0].path]
 * //=> [true, false, ["createdAt"]]
 */
export function validatorFor<T>(schema: z.ZodMiniType<T, unknown>): (input: unknown) => Outcome<T> {
  if (typeof (schema as { safeParse?: unknown } | null)?.safeParse !== "function") {
    throw new TypeError(`validatorFor: schema must be a Zod schema, got ${show(schema)}`);
  }
  const fast = fastPathOf(schema)?.fast;
  const slow = slowValidatorFor(schema);
  const outcome: Outcome<T> = { valid: false, record: undefined, issues: NO_ISSUES, moreIssues: 0 };
  return (input) => {
    // The fast path returns the schema's own output for the common record; anything else
    // takes the slow way.
    const quick = tryFast(fast, input);
    if (quick === undefined) return slow(input);
    outcome.valid = true;
    outcome.record = quick;
    outcome.issues = NO_ISSUES;
    outcome.moreIssues = 0;
    return outcome;
  };
}

/** Zod's English for the issues of a schema that brings no words of its own (zod/mini). */
const WORDED = { error: zodWords };

/**
 * The way for records the fast path declined: the explainer's issues for the common
 * problems, else the schema's verdict. The schema is not compiled (`z.compile` would double
 * the Zod a browser downloads): the fast path generates its own code for valid records and
 * the explainers answer for the usual invalid ones, so the schema sees only the rare rest.
 */
function slowValidatorFor<T>(schema: z.ZodMiniType<T, unknown>): (input: unknown) => Outcome<T> {
  const explain = fastPathOf(schema)?.explain;
  const outcome: Outcome<T> = { valid: false, record: undefined, issues: NO_ISSUES, moreIssues: 0 };
  return (input) => {
    outcome.moreIssues = 0;
    try {
      const explained = explain?.(input);
      if (explained !== undefined) {
        outcome.valid = false;
        outcome.record = undefined;
        outcome.issues = firstIssues(explained, outcome);
        return outcome;
      }
      const parsed = schema.safeParse(input, WORDED);
      outcome.valid = parsed.success;
      if (parsed.success) {
        outcome.record = parsed.data;
        outcome.issues = NO_ISSUES;
      } else {
        outcome.record = undefined;
        // Only the issues kept are reworded: the rest are counted.
        outcome.issues = firstIssues(parsed.error.issues, outcome).map(toFieldIssue);
      }
    } catch (error) {
      // A getter or a Proxy that throws when read: that record is rejected, not the batch.
      outcome.valid = false;
      outcome.record = undefined;
      outcome.issues = [unreadable(error)];
      outcome.moreIssues = 0;
    }
    return outcome;
  };
}

/** The first {@link MAX_ISSUES_PER_RECORD} issues; the number left out goes to `outcome`. */
function firstIssues<I>(issues: I[], outcome: { moreIssues: number }): I[] {
  if (issues.length <= MAX_ISSUES_PER_RECORD) return issues;
  outcome.moreIssues = issues.length - MAX_ISSUES_PER_RECORD;
  return issues.slice(0, MAX_ISSUES_PER_RECORD);
}

/** The issue of a record whose reading threw. */
function unreadable(error: unknown): FieldIssue {
  const text = error instanceof Error ? error.message : String(error);
  const reason = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return { path: [], code: "unreadable_record", message: `could not be read: ${reason}` };
}

/** The fast path's answer, or `undefined` when it declines or reading the record throws. */
function tryFast<T>(fast: FastPath<T> | undefined, input: unknown): T | undefined {
  if (!fast) return undefined;
  try {
    return fast(input);
  } catch {
    // The slow way reads the record again and reports why it cannot.
    return undefined;
  }
}

/**
 * Validates unknown records against a schema, one by one, so that one bad record costs only
 * itself. Every input record ends up in `records` or in `rejected`.
 *
 * @example
 * import * as z from "zod/mini";
 * const { records, rejected } = validate(z.object({ n: z.number() }), [{ n: 1 }, { n: "x" }, null]);
 * [records.length, rejected.map((r) => r.index)]
 * //=> [1, [1, 2]]
 */
export function validate<T>(
  schema: z.ZodMiniType<T, unknown>,
  input: Iterable<unknown>,
  options: { strict?: boolean; what?: string } = {},
): Validated<T> {
  // A string is iterable, but over characters, not records.
  if (
    input == null ||
    typeof input === "string" ||
    typeof (input as Iterable<unknown>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(
      `${options.what ?? "validate"}: input must be an array or iterable of records, got ${input === null ? "null" : typeof input}`,
    );
  }
  const fast = fastPathOf(schema)?.fast;
  const check = slowValidatorFor(schema);
  const records: T[] = [];
  const rejected: Rejection[] = [];
  let index = 0;
  const take = (item: unknown) => {
    // The fast path first: most records end here.
    const quick = tryFast(fast, item);
    if (quick !== undefined) {
      records.push(quick);
      return;
    }
    const outcome = check(item);
    if (outcome.valid) records.push(outcome.record as T);
    else {
      const issues = outcome.issues;
      const first = issues[0] ?? { path: [], code: "custom", message: "is invalid" };
      const rejection: Rejection = { index, ...first, issues };
      if (outcome.moreIssues > 0) rejection.moreIssues = outcome.moreIssues;
      rejected.push(rejection);
    }
  };
  if (Array.isArray(input)) {
    // Indexed: an array's iterator costs more per record than some fields' checks.
    for (; index < input.length; index++) take(input[index]);
  } else {
    for (const item of input) {
      take(item);
      index++;
    }
  }
  if (options.strict && rejected.length > 0) {
    throw new ValidationError(options.what ?? "validate", index, rejected);
  }
  return { records, rejected };
}

/**
 * Validates tickets. See {@link ticketSchema} for the fields; timestamps contradicting each
 * other (resolved before created) reject the ticket.
 *
 * @example
 * const { records, rejected } = validateTickets([
 *   { id: "T1", createdAt: "2024-03-01T09:00:00Z", firstResponseAt: "2024-03-01T09:20:00Z" },
 *   { id: "T2", createdAt: "2024-03-01T09:00:00Z", firstResolvedAt: "2024-02-28T09:00:00Z" },
 * ]);
 * [records.length, rejected[0].path, rejected[0].message]
 * //=> [1, ["firstResolvedAt"], "must not be before createdAt"]
 */
export function validateTickets(
  input: Iterable<unknown>,
  options: ValidateOptions = {},
): Validated<Ticket> {
  return validate(ticketSchema(zoneOnly(options)), input, {
    strict: options.strict ?? false,
    what: "validateTickets",
  });
}

/**
 * Validates survey responses (NPS, CSAT, CES).
 *
 * @example
 * validateSurveyResponses([{ id: 1, kind: "nps", score: 11, respondedAt: 0 }]).rejected[0].message
 * //=> "must be between 0 and 10 on this nps scale, got 11"
 */
export function validateSurveyResponses(
  input: Iterable<unknown>,
  options: ValidateOptions = {},
): Validated<SurveyResponse> {
  return validate(surveyResponseSchema(zoneOnly(options)), input, {
    strict: options.strict ?? false,
    what: "validateSurveyResponses",
  });
}

/**
 * Validates customers (or subscriptions).
 *
 * @example
 * validateCustomers([{ id: "c1", startedAt: "2024-01-01T00:00:00Z" }]).records.length
 * //=> 1
 */
export function validateCustomers(
  input: Iterable<unknown>,
  options: ValidateOptions = {},
): Validated<Customer> {
  return validate(customerSchema(zoneOnly(options)), input, {
    strict: options.strict ?? false,
    what: "validateCustomers",
  });
}

/**
 * Validates purchases.
 *
 * @example
 * validatePurchases([{ customerId: "c1", purchasedAt: "2024-01-01T00:00:00Z", amount: "9" }]).rejected[0].path
 * //=> ["amount"]
 */
export function validatePurchases(
  input: Iterable<unknown>,
  options: ValidateOptions = {},
): Validated<Purchase> {
  return validate(purchaseSchema(zoneOnly(options)), input, {
    strict: options.strict ?? false,
    what: "validatePurchases",
  });
}

/**
 * Validates support cost entries.
 *
 * @example
 * validateSupportCosts([{ incurredAt: "2024-01-31T00:00:00Z", amount: 1000 }]).records[0].amount
 * //=> 1000
 */
export function validateSupportCosts(
  input: Iterable<unknown>,
  options: ValidateOptions = {},
): Validated<SupportCost> {
  return validate(supportCostSchema(zoneOnly(options)), input, {
    strict: options.strict ?? false,
    what: "validateSupportCosts",
  });
}

/**
 * Validates agent shifts.
 *
 * @example
 * validateAgentShifts([{ agentId: "ana" }]).rejected[0].message
 * //=> "or at least one interval is required"
 */
export function validateAgentShifts(
  input: Iterable<unknown>,
  options: ValidateOptions = {},
): Validated<AgentShift> {
  return validate(agentShiftSchema(zoneOnly(options)), input, {
    strict: options.strict ?? false,
    what: "validateAgentShifts",
  });
}

/**
 * Validates subscription changes.
 *
 * @example
 * validateSubscriptionChanges([{ customerId: "c1", at: "2024-01-01T00:00:00Z", mrr: -5 }]).rejected[0].path
 * //=> ["mrr"]
 */
export function validateSubscriptionChanges(
  input: Iterable<unknown>,
  options: ValidateOptions = {},
): Validated<SubscriptionChange> {
  return validate(subscriptionChangeSchema(zoneOnly(options)), input, {
    strict: options.strict ?? false,
    what: "validateSubscriptionChanges",
  });
}

/**
 * Validates sign-ups.
 *
 * @example
 * validateSignups([{ customerId: "c1", signedUpAt: "2024-01-01T00:00:00Z" }]).records[0].activatedAt
 * //=> null
 */
export function validateSignups(
  input: Iterable<unknown>,
  options: ValidateOptions = {},
): Validated<Signup> {
  return validate(signupSchema(zoneOnly(options)), input, {
    strict: options.strict ?? false,
    what: "validateSignups",
  });
}

/**
 * Validates queue contacts (calls, chats offered to a queue).
 *
 * @example
 * validateQueueContacts([
 *   { id: "c1", offeredAt: "2024-03-04T09:00:00Z", answeredAt: "2024-03-04T08:59:00Z" },
 * ]).rejected.map((r) => [r.index, r.issues[0].path, r.message])
 * //=> [[0, ["answeredAt"], "must not be before offeredAt"]]
 */
export function validateQueueContacts(
  input: Iterable<unknown>,
  options: ValidateOptions = {},
): Validated<QueueContactRecord> {
  return validate(queueContactSchema(zoneOnly(options)), input, {
    strict: options.strict ?? false,
    what: "validateQueueContacts",
  });
}

function zoneOnly(options: ValidateOptions): TimestampOptions {
  return options.timeZone === undefined ? {} : { timeZone: options.timeZone };
}
