/**
 * The hand-written baseline for validation (issue 6, part a): what a competent engineer writes
 * without a schema library. Plain loops and `typeof` checks, timestamps read by a strict
 * ISO 8601 scanner written here (`Date.parse` accepts "March 7" and "2024-02-30", so it
 * decides nothing), and one object literal per valid record.
 *
 * It is held to the library's contract, so that the benchmark compares equal work:
 *
 * - the output objects have the fields and values of the library's `Ticket` and
 *   `SurveyResponse` (Dates for timestamps, defaults filled, ids as strings, labels trimmed,
 *   derived `status`, `firstResolvedAt`, `lastResolvedAt`, `reopenCount`);
 * - a rejected record gets `{ index, path, message, issues }` with an issue for every failing
 *   field, in schema field order, with the library's paths and message texts ("is required",
 *   "must be a string or a number, got boolean", the timestamp messages of
 *   src/schemas/timestamp.ts...); the record-level checks (timestamps out of order, survey
 *   score out of scale) run only when every field passed, as the schema's refinements do;
 * - CSV rows are converted the way src/node/mapping.ts converts cells (empty cell = no value,
 *   numbers and booleans parsed from text, timestamps to epoch milliseconds), and conversion
 *   problems come first, ahead of the validator's own issues for the other fields.
 *
 * Out of scope (the generator never produces them): tickets with `messages` or
 * `statusChanges` arrays (the derivation from events, sorting and per-event paths); such a
 * record makes the baseline throw rather than answer differently. No `timeZone` option:
 * timestamps must carry `Z` or an offset. Zod's `code` of each issue is not reproduced.
 *
 * Writing it found a library bug, since fixed: a timestamp cut short inside its minutes or
 * seconds ("2024-03-01T10:1") was read past its end by the library's scanner; both now call
 * it a format error.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import type { SurveyKind, SurveyResponse } from "../../src/schemas/survey.ts";
import type { Ticket, TicketStatus } from "../../src/schemas/ticket.ts";

/** One problem with one field: where (`["createdAt"]`, `["tags", 2]`) and what. */
export interface HandIssue {
  path: (string | number)[];
  message: string;
}

/** A rejected record: its position, its first issue, and every issue. */
export interface HandRejection extends HandIssue {
  index: number;
  issues: HandIssue[];
}

/** What the hand-written validators return, shaped like the library's `Validated<T>`. */
export interface HandValidated<T> {
  records: T[];
  rejected: HandRejection[];
}

const MAX_TEXT = 1024;
const MAX_TAGS = 1000;
/** The largest epoch milliseconds a Date can hold. */
const MAX_MS = 8.64e15;

// ---------------------------------------------------------------------------------------
// Messages. Only failing fields reach these, so they may allocate and use regular expressions.

/** A value shown briefly in a message (src/reduce/arguments.ts `show`). */
function preview(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (value instanceof Date) return "Invalid Date";
  if (typeof value === "function") return "a function";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "bigint") return `${value}n`;
  return String(value);
}

/** The type name the library's messages give a value ("number", "NaN", "array", "Date"). */
function typeOf(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? "number" : String(value);
  if (typeof value !== "object") return typeof value;
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const proto: unknown = Object.getPrototypeOf(value);
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  // A class instance is named by its class; a plain or prototype-less object is "object".
  if (proto !== Object.prototype && "constructor" in value && ctor) return String(ctor.name);
  return "object";
}

const WORD = /^\w+$/;

/** "a string", "an integer", "null". */
function named(type: string): string {
  if (type === "null") return type;
  if (type === "int") return "an integer";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A value of the wrong type for a plain field: "must be a number, got string". */
function wrongType(expected: string, value: unknown): string {
  if (value === undefined) return "is required";
  const got = typeOf(value);
  // A type name that is not one word ("-Infinity") leaves the library with Zod's own wording.
  return WORD.test(got)
    ? `must be ${named(expected)}, got ${got}`
    : `Invalid input: expected ${expected}, received ${got}`;
}

/** A value of none of a union's types: "must be a string, a number or null, got boolean". */
function wrongUnion(expected: readonly string[], value: unknown): string {
  if (value === undefined) return "is required";
  const got = typeOf(value);
  if (!WORD.test(got)) return "Invalid input";
  const names = expected.map(named);
  const last = names.pop() as string;
  return `must be ${names.length > 0 ? `${names.join(", ")} or ${last}` : last}, got ${got}`;
}

const TOO_LONG = `must be at most ${MAX_TEXT} characters long`;
const TICKET_STATUSES: readonly TicketStatus[] = [
  "new",
  "open",
  "pending",
  "onHold",
  "solved",
  "closed",
];
const SURVEY_KINDS: readonly SurveyKind[] = ["nps", "csat", "ces"];
const oneOf = (values: readonly string[]) =>
  `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
const BAD_STATUS = oneOf(TICKET_STATUSES);
const BAD_KIND = oneOf(SURVEY_KINDS);

// ---------------------------------------------------------------------------------------
// A strict ISO 8601 scanner: YYYY-MM-DD[(T|t| )hh:mm[:ss[(.|,)f{1,9}]]][ ...][Z|z|±hh[[:]mm]],
// the grammar the library accepts, 10 to 64 characters.

const FORMAT = 1;
const DATE = 2;
const OFFSET = 3;
const NO_OFFSET = 4;
/** Why the last `scanInstant` returned NaN (0: it did not). */
let scanError = 0;

/** The digit at `i`, or −1 (also past the end: NaN fails both comparisons). */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two digits at `i` as a number, or −1. */
function twoDigits(text: string, i: number): number {
  const a = digitAt(text, i);
  const b = digitAt(text, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to a Gregorian date (years 0–9999; no Date.UTC, which maps 0–99 to 19xx). */
function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Reads an ISO 8601 instant to epoch milliseconds, or NaN with `scanError` set. */
function scanInstant(text: string): number {
  const n = text.length;
  scanError = FORMAT;
  if (n < 10 || n > 64) return Number.NaN;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  if (century < 0 || yy < 0 || text.charCodeAt(4) !== 45) return Number.NaN;
  const month = twoDigits(text, 5);
  if (month < 0 || text.charCodeAt(7) !== 45) return Number.NaN;
  const day = twoDigits(text, 8);
  if (day < 0) return Number.NaN;
  const year = century * 100 + yy;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let fraction = false;
  let i = 10;
  const separator = text.charCodeAt(10);
  if ((separator === 84 || separator === 116 || separator === 32) && digitAt(text, 11) >= 0) {
    hour = twoDigits(text, 11);
    if (hour < 0 || text.charCodeAt(13) !== 58) return Number.NaN;
    minute = twoDigits(text, 14);
    if (minute < 0) return Number.NaN;
    i = 16;
    if (text.charCodeAt(16) === 58) {
      second = twoDigits(text, 17);
      if (second < 0) return Number.NaN;
      i = 19;
      const dot = text.charCodeAt(19);
      if (dot === 46 || dot === 44) {
        i = 20;
        // Milliseconds from the first three digits, rounded half up by the fourth.
        let weight = 100;
        for (let d = digitAt(text, i); d >= 0; d = digitAt(text, ++i)) {
          if (d > 0) fraction = true;
          if (weight >= 1) ms += d * weight;
          else if (weight === 0.1 && d >= 5) ms += 1;
          weight /= 10;
        }
        const count = i - 20;
        if (count === 0 || count > 9) return Number.NaN;
      }
    }
  }
  while (i < n && text.charCodeAt(i) === 32) i++;
  let offset = 0;
  let hasOffset = false;
  let badOffset = false;
  if (i < n) {
    const c = text.charCodeAt(i);
    if ((c === 90 || c === 122) && i === n - 1) {
      hasOffset = true;
      i++;
    } else if (c === 43 || c === 45) {
      const hours = twoDigits(text, i + 1);
      if (hours < 0) return Number.NaN;
      i += 3;
      let minutes = 0;
      if (i < n) {
        if (text.charCodeAt(i) === 58) i++;
        minutes = twoDigits(text, i);
        if (minutes < 0) return Number.NaN;
        i += 2;
      }
      hasOffset = true;
      badOffset = hours > 23 || minutes > 59;
      offset = (c === 45 ? -1 : 1) * (hours * 60 + minutes);
    }
    if (i !== n) return Number.NaN;
  }
  scanError = OFFSET;
  if (badOffset) return Number.NaN;
  scanError = DATE;
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  if (day > (month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] as number))) {
    return Number.NaN;
  }
  if (hour > 24 || minute > 59 || second > 59) return Number.NaN;
  if (hour === 24 && (minute > 0 || second > 0 || fraction)) return Number.NaN;
  scanError = NO_OFFSET;
  if (!hasOffset) return Number.NaN;
  scanError = 0;
  return (
    epochDay(year, month, day) * 86_400_000 +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    ms -
    offset * 60_000
  );
}

/** Why the last `readInstant` failed ("" when it did not). */
let instantProblem = "";

/** A timestamp value (Date, ISO string, epoch ms) to epoch ms; on failure `instantProblem` says why. */
function readInstant(value: unknown): number {
  instantProblem = "";
  if (typeof value === "string") {
    // Long strings are not trimmed (nor accepted): the scanner rejects them by length.
    const ms = scanInstant(value.length <= 80 ? value.trim() : value);
    if (scanError === 0) return ms;
    if (scanError === FORMAT) {
      instantProblem = `must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got ${preview(value)}`;
    } else if (scanError === DATE) {
      instantProblem = `is not a real date and time, got ${preview(value)}`;
    } else if (scanError === OFFSET) {
      instantProblem = `has an impossible UTC offset, got ${preview(value)}`;
    } else {
      instantProblem = `has no UTC offset; add Z or +hh:mm, or name the zone it is in (timeZone option), got ${preview(value)}`;
    }
    return Number.NaN;
  }
  if (typeof value === "number") {
    if (Number.isFinite(value) && Math.abs(value) <= MAX_MS) return value;
    instantProblem = `must be epoch milliseconds within the Date range, got ${preview(value)}`;
    return Number.NaN;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) instantProblem = "is an Invalid Date";
    return ms;
  }
  instantProblem =
    value === undefined
      ? "is required"
      : `must be a Date, an ISO 8601 string or epoch milliseconds, got ${preview(value)}`;
  return Number.NaN;
}

// ---------------------------------------------------------------------------------------
// Field readers: each returns the field's output value, or pushes an issue and returns null
// (callers tell failure by the issue count, so the happy path allocates no result objects).

function identifier(value: unknown, field: string, issues: HandIssue[]): string | null {
  if (typeof value === "string") {
    if (value.length > 0 && value.length <= MAX_TEXT) return value;
    issues.push({ path: [field], message: value.length === 0 ? "must not be empty" : TOO_LONG });
    return null;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  issues.push({ path: [field], message: wrongUnion(["string", "number"], value) });
  return null;
}

function optionalIdentifier(value: unknown, field: string, issues: HandIssue[]): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "string") {
    if (value.length <= MAX_TEXT) return value;
    issues.push({ path: [field], message: TOO_LONG });
    return null;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  issues.push({ path: [field], message: wrongUnion(["string", "number", "null"], value) });
  return null;
}

function optionalLabel(value: unknown, field: string, issues: HandIssue[]): string | null {
  if (typeof value === "string") {
    if (value.length > MAX_TEXT) {
      issues.push({ path: [field], message: TOO_LONG });
      return null;
    }
    const trimmed = value.trim();
    return trimmed === "" ? null : trimmed;
  }
  if (value === undefined || value === null) return null;
  issues.push({ path: [field], message: wrongUnion(["string", "null"], value) });
  return null;
}

function timestamp(value: unknown, field: string, issues: HandIssue[]): Date | null {
  const ms = readInstant(value);
  if (instantProblem === "") return new Date(ms);
  issues.push({ path: [field], message: instantProblem });
  return null;
}

function optionalTimestamp(value: unknown, field: string, issues: HandIssue[]): Date | null {
  if (value === undefined || value === null || value === "") return null;
  return timestamp(value, field, issues);
}

/** A number: finite (NaN and ±Infinity are not numbers here). */
function optionalNumber(value: unknown, field: string, issues: HandIssue[]): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  issues.push({ path: [field], message: wrongType("number", value) });
  return null;
}

/**
 * Checks an integer in the safe range. Returns whether it is an integer at all: one beyond the
 * safe range is reported, but later checks still run on it (they do in the library).
 */
function safeInteger(value: unknown, path: (string | number)[], issues: HandIssue[]): boolean {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    issues.push({ path, message: wrongType("number", value) });
    return false;
  }
  if (!Number.isInteger(value)) {
    issues.push({ path, message: "must be an integer, got number" });
    return false;
  }
  if (value > Number.MAX_SAFE_INTEGER) {
    issues.push({ path, message: `must be at most ${Number.MAX_SAFE_INTEGER}` });
  } else if (value < Number.MIN_SAFE_INTEGER) {
    issues.push({ path, message: `must be at least ${Number.MIN_SAFE_INTEGER}` });
  }
  return true;
}

/** A count: an integer ≥ 0, or nothing (`null`). */
function optionalCount(value: unknown, field: string, issues: HandIssue[]): number | null {
  if (value === undefined || value === null) return null;
  // Fast path first: the common case is a small non-negative integer.
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  safeInteger(value, [field], issues);
  // A negative integer is below 0, also beyond the safe range (then both bounds are reported);
  // a fraction or a non-number stops at its first issue.
  if (typeof value === "number" && value < 0 && Number.isInteger(value)) {
    issues.push({ path: [field], message: "must be at least 0" });
  }
  return null;
}

function optionalStatus(value: unknown, issues: HandIssue[]): TicketStatus | null {
  if (value === undefined || value === null) return null;
  if (
    value === "new" ||
    value === "open" ||
    value === "pending" ||
    value === "onHold" ||
    value === "solved" ||
    value === "closed"
  ) {
    return value;
  }
  issues.push({ path: ["status"], message: BAD_STATUS });
  return null;
}

function tags(value: unknown, issues: HandIssue[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.push({ path: ["tags"], message: wrongType("array", value) });
    return [];
  }
  // Too many: the library reports the count alone, not the items.
  if (value.length > MAX_TAGS) {
    issues.push({ path: ["tags"], message: `must have at most ${MAX_TAGS} items` });
    return [];
  }
  const out = new Array<string>(value.length);
  for (let i = 0; i < value.length; i++) {
    const tag: unknown = value[i];
    if (typeof tag !== "string")
      issues.push({ path: ["tags", i], message: wrongType("string", tag) });
    else if (tag.length > MAX_TEXT) issues.push({ path: ["tags", i], message: TOO_LONG });
    else out[i] = tag;
  }
  return out;
}

/** `messages` and `statusChanges`: only their absence is in scope. */
function noEvents(value: unknown, field: string, issues: HandIssue[]): null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    issues.push({ path: [field], message: wrongType("array", value) });
    return null;
  }
  throw new Error(`baseline validator: tickets with ${field} are out of scope`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------
// Tickets

/**
 * Checks one raw ticket: the validated ticket, or `null` with its issues pushed to `issues`
 * (at least one). Fields are read in the schema's order so the issues come in its order.
 */
export function checkTicket(raw: unknown, issues: HandIssue[]): Ticket | null {
  if (!isRecord(raw)) {
    issues.push({ path: [], message: wrongType("object", raw) });
    return null;
  }
  const before = issues.length;
  const id = identifier(raw.id, "id", issues);
  const createdAt = timestamp(raw.createdAt, "createdAt", issues);
  const source = optionalLabel(raw.source, "source", issues);
  const channel = optionalLabel(raw.channel, "channel", issues);
  const priority = optionalLabel(raw.priority, "priority", issues);
  let status = optionalStatus(raw.status, issues);
  const assigneeId = optionalIdentifier(raw.assigneeId, "assigneeId", issues);
  const groupId = optionalIdentifier(raw.groupId, "groupId", issues);
  const customerId = optionalIdentifier(raw.customerId, "customerId", issues);
  const firstCustomerMessageAt = optionalTimestamp(
    raw.firstCustomerMessageAt,
    "firstCustomerMessageAt",
    issues,
  );
  const firstResponseAt = optionalTimestamp(raw.firstResponseAt, "firstResponseAt", issues);
  let firstResolvedAt = optionalTimestamp(raw.firstResolvedAt, "firstResolvedAt", issues);
  let lastResolvedAt = optionalTimestamp(raw.lastResolvedAt, "lastResolvedAt", issues);
  const closedAt = optionalTimestamp(raw.closedAt, "closedAt", issues);
  const reopenCount = optionalCount(raw.reopenCount, "reopenCount", issues);
  const agentReplyCount = optionalCount(raw.agentReplyCount, "agentReplyCount", issues);
  let handleSeconds = optionalNumber(raw.handleSeconds, "handleSeconds", issues);
  if (handleSeconds !== null && handleSeconds < 0) {
    issues.push({ path: ["handleSeconds"], message: "must be at least 0" });
    handleSeconds = null;
  }
  let escalated = false;
  const given = raw.escalated;
  if (typeof given === "boolean") escalated = given;
  else if (given !== undefined) {
    issues.push({ path: ["escalated"], message: wrongType("boolean", given) });
  }
  const tagList = tags(raw.tags, issues);
  const category = optionalLabel(raw.category, "category", issues);
  const messages = noEvents(raw.messages, "messages", issues);
  const statusChanges = noEvents(raw.statusChanges, "statusChanges", issues);
  const assignments = noEvents(raw.assignments, "assignments", issues);
  // Record-level checks only for records whose every field passed, as in the schema.
  if (issues.length > before || id === null || createdAt === null) return null;

  // Flat derivation (no events): a closed ticket was resolved no later than it was closed.
  firstResolvedAt ??= lastResolvedAt ?? closedAt;
  lastResolvedAt ??= firstResolvedAt;
  status ??= closedAt ? "closed" : lastResolvedAt ? "solved" : "open";

  const created = createdAt.getTime();
  if (firstCustomerMessageAt && firstCustomerMessageAt.getTime() < created) {
    issues.push({ path: ["firstCustomerMessageAt"], message: "must not be before createdAt" });
  }
  if (firstResponseAt && firstResponseAt.getTime() < created) {
    issues.push({ path: ["firstResponseAt"], message: "must not be before createdAt" });
  }
  if (firstResolvedAt && firstResolvedAt.getTime() < created) {
    issues.push({ path: ["firstResolvedAt"], message: "must not be before createdAt" });
  }
  if (closedAt && closedAt.getTime() < created) {
    issues.push({ path: ["closedAt"], message: "must not be before createdAt" });
  }
  if (firstResolvedAt && lastResolvedAt && lastResolvedAt.getTime() < firstResolvedAt.getTime()) {
    issues.push({ path: ["lastResolvedAt"], message: "must not be before firstResolvedAt" });
  }
  if (issues.length > before) return null;

  return {
    id,
    createdAt,
    source,
    channel,
    priority,
    status,
    assigneeId,
    groupId,
    customerId,
    firstCustomerMessageAt,
    firstResponseAt,
    firstResolvedAt,
    lastResolvedAt,
    closedAt,
    reopenCount: reopenCount ?? 0,
    agentReplyCount,
    handleSeconds,
    escalated,
    tags: tagList,
    category,
    messages,
    statusChanges,
    assignments,
  };
}

// ---------------------------------------------------------------------------------------
// Survey responses

const DEFAULT_SCALES: Readonly<Record<SurveyKind, { min: number; max: number }>> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

function optionalKind(value: unknown, issues: HandIssue[]): SurveyKind | null {
  if (value === "nps" || value === "csat" || value === "ces") return value;
  issues.push({ path: ["kind"], message: BAD_KIND });
  return null;
}

/** `scale`: `{ min, max }` integers with min below max, or nothing. */
function optionalScale(value: unknown, issues: HandIssue[]): { min: number; max: number } | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) {
    issues.push({ path: ["scale"], message: wrongType("object", value) });
    return null;
  }
  const before = issues.length;
  const min = safeInteger(value.min, ["scale", "min"], issues);
  const max = safeInteger(value.max, ["scale", "max"], issues);
  if (!min || !max) return null;
  const scale = { min: value.min as number, max: value.max as number };
  if (scale.min >= scale.max) issues.push({ path: ["scale"], message: "min must be below max" });
  return issues.length > before ? null : scale;
}

/** Checks one raw survey response; see {@link checkTicket}. */
export function checkSurvey(raw: unknown, issues: HandIssue[]): SurveyResponse | null {
  if (!isRecord(raw)) {
    issues.push({ path: [], message: wrongType("object", raw) });
    return null;
  }
  const before = issues.length;
  const id = identifier(raw.id, "id", issues);
  const kind = optionalKind(raw.kind, issues);
  const score = optionalNumber(raw.score, "score", issues);
  const given = optionalScale(raw.scale, issues);
  const sentAt = optionalTimestamp(raw.sentAt, "sentAt", issues);
  const respondedAt = optionalTimestamp(raw.respondedAt, "respondedAt", issues);
  const ticketId = optionalIdentifier(raw.ticketId, "ticketId", issues);
  const customerId = optionalIdentifier(raw.customerId, "customerId", issues);
  const agentId = optionalIdentifier(raw.agentId, "agentId", issues);
  const channel = optionalLabel(raw.channel, "channel", issues);
  if (issues.length > before || id === null || kind === null) return null;

  const scale = given ?? DEFAULT_SCALES[kind];
  if (score !== null && (score < scale.min || score > scale.max)) {
    issues.push({
      path: ["score"],
      message: `must be between ${scale.min} and ${scale.max} on this ${kind} scale, got ${score}`,
    });
  }
  if (score !== null && respondedAt === null) {
    issues.push({ path: ["respondedAt"], message: "is required for a scored response" });
  }
  if (sentAt === null && respondedAt === null) {
    issues.push({ path: ["sentAt"], message: "or respondedAt is required" });
  }
  if (sentAt && respondedAt && respondedAt.getTime() < sentAt.getTime()) {
    issues.push({ path: ["respondedAt"], message: "must not be before sentAt" });
  }
  if (issues.length > before) return null;
  return {
    id,
    kind,
    score,
    scale: { min: scale.min, max: scale.max },
    sentAt,
    respondedAt,
    ticketId,
    customerId,
    agentId,
    channel,
  };
}

// ---------------------------------------------------------------------------------------
// Arrays

function validateAll<T>(
  input: readonly unknown[],
  check: (raw: unknown, issues: HandIssue[]) => T | null,
): HandValidated<T> {
  const records: T[] = [];
  const rejected: HandRejection[] = [];
  let issues: HandIssue[] = [];
  for (let index = 0; index < input.length; index++) {
    const record = check(input[index], issues);
    if (record !== null) {
      records.push(record);
      continue;
    }
    const first = issues[0] as HandIssue;
    rejected.push({ index, path: first.path, message: first.message, issues });
    issues = [];
  }
  return { records, rejected };
}

/** Validates raw tickets by hand: every record in `records` or in `rejected`. */
export function validateTicketsByHand(input: readonly unknown[]): HandValidated<Ticket> {
  return validateAll(input, checkTicket);
}

/** Validates raw survey responses by hand. */
export function validateSurveysByHand(input: readonly unknown[]): HandValidated<SurveyResponse> {
  return validateAll(input, checkSurvey);
}

// ---------------------------------------------------------------------------------------
// CSV cells (src/node/mapping.ts semantics, default options)

type CellType = "text" | "timestamp" | "number" | "boolean" | "list" | "json";

/** Ticket fields and how their cells are read, in schema order. */
const TICKET_CELLS: readonly [string, CellType][] = [
  ["id", "text"],
  ["createdAt", "timestamp"],
  ["channel", "text"],
  ["priority", "text"],
  ["status", "text"],
  ["assigneeId", "text"],
  ["groupId", "text"],
  ["customerId", "text"],
  ["firstCustomerMessageAt", "timestamp"],
  ["firstResponseAt", "timestamp"],
  ["firstResolvedAt", "timestamp"],
  ["lastResolvedAt", "timestamp"],
  ["closedAt", "timestamp"],
  ["reopenCount", "number"],
  ["agentReplyCount", "number"],
  ["handleSeconds", "number"],
  ["escalated", "boolean"],
  ["tags", "list"],
  ["category", "text"],
  ["source", "text"],
  ["messages", "json"],
  ["statusChanges", "json"],
  ["assignments", "json"],
];

const SURVEY_CELLS: readonly [string, CellType][] = [
  ["id", "text"],
  ["kind", "text"],
  ["score", "number"],
  ["scale", "json"],
  ["sentAt", "timestamp"],
  ["respondedAt", "timestamp"],
  ["ticketId", "text"],
  ["customerId", "text"],
  ["agentId", "text"],
  ["channel", "text"],
];

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?\d+,\d+$/;

/** Why the last `readCell` failed ("" when it did not). */
let cellProblem = "";

/** A cell's value for a field type; `undefined` for "no value"; on failure `cellProblem`. */
function readCell(text: string, type: CellType): unknown {
  cellProblem = "";
  switch (type) {
    case "text":
      return text === "" ? undefined : text;
    case "timestamp": {
      const trimmed = text.trim();
      if (trimmed === "") return undefined;
      // Digits alone are not guessed as epoch values: they fail as ISO text.
      const ms = readInstant(trimmed);
      cellProblem = instantProblem;
      return ms;
    }
    case "number": {
      const trimmed = text.trim();
      if (trimmed === "") return undefined;
      if (NUMBER.test(trimmed)) return Number(trimmed);
      cellProblem = COMMA_NUMBER.test(trimmed)
        ? `must be a number written with a "." decimal point (decimalComma reads "1,5" as 1.5), got ${preview(text)}`
        : `must be a number, got ${preview(text)}`;
      return undefined;
    }
    case "boolean": {
      const word = text.trim().toLowerCase();
      if (word === "") return undefined;
      if (word === "true" || word === "1" || word === "yes" || word === "y") return true;
      if (word === "false" || word === "0" || word === "no" || word === "n") return false;
      cellProblem = `must be true or false (also 1/0, yes/no), got ${preview(text)}`;
      return undefined;
    }
    case "list":
      return text
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
    case "json":
      if (text.trim() === "") return undefined;
      try {
        return JSON.parse(text);
      } catch {
        cellProblem = `must be JSON text, got ${preview(text)}`;
        return undefined;
      }
  }
}

/**
 * A CSV row (column name → cell text) to a validated record: cells converted by field type,
 * then checked. A field whose cell cannot be read is left out of the record and reported
 * with the cell's reason only (what the check says of the missing field is dropped), ahead of
 * the check's issues.
 */
function fromCells<T>(
  row: Readonly<Record<string, string | undefined>>,
  cells: readonly [string, CellType][],
  check: (raw: unknown, issues: HandIssue[]) => T | null,
  issues: HandIssue[],
): T | null {
  const record: Record<string, unknown> = {};
  let failed: string[] | null = null;
  for (const [field, type] of cells) {
    const text = row[field];
    if (text === undefined) continue;
    const value = readCell(text, type);
    if (cellProblem !== "") {
      issues.push({ path: [field], message: cellProblem });
      failed ??= [];
      failed.push(field);
    } else if (value !== undefined) record[field] = value;
  }
  if (failed === null) return check(record, issues);
  const checked: HandIssue[] = [];
  check(record, checked);
  for (const issue of checked) {
    if (!failed.includes(issue.path[0] as string)) issues.push(issue);
  }
  return null;
}

/** A CSV row to a validated ticket, or `null` with its issues. */
export function ticketFromCells(
  row: Readonly<Record<string, string | undefined>>,
  issues: HandIssue[],
): Ticket | null {
  return fromCells(row, TICKET_CELLS, checkTicket, issues);
}

/** A CSV row to a validated survey response, or `null` with its issues. */
export function surveyFromCells(
  row: Readonly<Record<string, string | undefined>>,
  issues: HandIssue[],
): SurveyResponse | null {
  return fromCells(row, SURVEY_CELLS, checkSurvey, issues);
}

// ---------------------------------------------------------------------------------------
// File readers

/** What a hand-written reader has read: counts and every rejection (indices from 0). */
export interface HandSummary {
  read: number;
  valid: number;
  rejected: HandRejection[];
}

/**
 * Reads an NDJSON file line by line (node:readline), parses each line with JSON.parse and
 * checks it; calls `each` with every valid record. Lines that are not JSON objects are
 * rejected like the library does ("is not valid JSON (...)", "must be a JSON object, got x").
 */
export async function readNdjsonByHand<T>(
  path: string,
  check: (raw: unknown, issues: HandIssue[]) => T | null,
  each: (record: T) => void,
): Promise<HandSummary> {
  const summary: HandSummary = { read: 0, valid: 0, rejected: [] };
  const lines = createInterface({
    input: createReadStream(path, { highWaterMark: 64 * 1024 }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let issues: HandIssue[] = [];
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const index = summary.read++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const text = (error as Error).message;
      const message = `is not valid JSON (${text.length > 80 ? `${text.slice(0, 80)}…` : text})`;
      summary.rejected.push({ index, path: [], message, issues: [{ path: [], message }] });
      continue;
    }
    if (!isRecord(value)) {
      const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
      const message = `must be a JSON object, got ${got}`;
      summary.rejected.push({ index, path: [], message, issues: [{ path: [], message }] });
      continue;
    }
    const record = check(value, issues);
    if (record !== null) {
      summary.valid++;
      each(record);
      continue;
    }
    const first = issues[0] as HandIssue;
    summary.rejected.push({ index, path: first.path, message: first.message, issues });
    issues = [];
  }
  return summary;
}

/**
 * Reads a CSV file with csv-parse (`columns: true`: one object per row, keyed by the header)
 * and converts and checks each row; calls `each` with every valid record. Rows with more or
 * fewer cells than the header are out of scope (csv-parse throws).
 */
export async function readCsvByHand<T>(
  path: string,
  fromRow: (row: Readonly<Record<string, string | undefined>>, issues: HandIssue[]) => T | null,
  each: (record: T) => void,
): Promise<HandSummary> {
  const summary: HandSummary = { read: 0, valid: 0, rejected: [] };
  const input = createReadStream(path, { highWaterMark: 64 * 1024 });
  const parser = input.pipe(parse({ columns: true, bom: true, skip_empty_lines: true }));
  // pipe() does not forward a read error: end the parser with it, so the loop throws.
  input.on("error", (error) => parser.destroy(error));
  let issues: HandIssue[] = [];
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    const index = summary.read++;
    const record = fromRow(row, issues);
    if (record !== null) {
      summary.valid++;
      each(record);
      continue;
    }
    const first = issues[0] as HandIssue;
    summary.rejected.push({ index, path: first.path, message: first.message, issues });
    issues = [];
  }
  return summary;
}
