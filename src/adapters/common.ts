/**
 * What every helpdesk adapter shares: the shape of its answer (records, where each came
 * from, and what was skipped and why), safe reading of vendor JSON, timestamp conversions,
 * and validation of adapted records with rejections traced back to the vendor record.
 *
 * Adapters are pure and browser-safe. They never copy a vendor object: they read known keys
 * (own properties only, so `__proto__` or `constructor` keys in vendor JSON are inert) and
 * build fresh records. A vendor value of the wrong type is passed on unchanged, so that
 * validation rejects the record with the field's path rather than the adapter guessing.
 */

import { show } from "../reduce/arguments.ts";
import type { SurveyResponse, SurveyResponseInput } from "../schemas/survey.ts";
import type { Ticket, TicketInput } from "../schemas/ticket.ts";
import { parseTimestamp } from "../schemas/timestamp.ts";
import {
  type Rejection,
  type ValidateOptions,
  validateSurveyResponses,
  validateTickets,
} from "../schemas/validate.ts";

/** A vendor record that produced no record of ours, and why. */
export interface Skipped {
  /** Which input list it was in: `"tickets"`, `"ticket_metrics"`, `"satisfaction_ratings"`... */
  source: string;
  /** Its position in that list, from 0. */
  index: number;
  /** The vendor's id of the record, when readable (at most 100 characters). */
  id: string | null;
  /** A stable code for filtering: `"noTicket"`, `"deleted"`, `"spam"`, `"notAnObject"`... */
  reason: string;
  /** What happened, readable. */
  message: string;
}

/**
 * An adapter's answer. Every vendor record is in exactly one place: it produced a record
 * (`records[i]` came from the vendor record at `sources[i]`), or it is in `skipped`.
 */
export interface Adapted<T> {
  /** Raw records of ours, ready for validation (`validateTickets` and the like). */
  records: T[];
  /** For each record, the index of the vendor record it came from (in the main list). */
  sources: number[];
  /** Vendor records that produced nothing, with the reason. */
  skipped: Skipped[];
}

/** A rejection of an adapted record, traced back to the vendor record. */
export interface AdaptedRejection extends Rejection {
  /** Index of the vendor record (in the adapter's main list) the rejected record came from. */
  sourceIndex: number;
}

/** Validation of adapted records: what passed, what was rejected, what the adapter skipped. */
export interface AdaptedValidated<T> {
  records: T[];
  rejected: AdaptedRejection[];
  skipped: Skipped[];
}

/**
 * Validates the tickets an adapter produced. Rejections keep `index` (the position among
 * the adapted records) and gain `sourceIndex` (the position of the vendor record).
 *
 * @example
 * const adapted = { records: [{ id: 1, createdAt: "2024-03-01T09:00:00Z" }, { id: 2, createdAt: "x" }], sources: [0, 3], skipped: [] };
 * const { records, rejected } = validateAdaptedTickets(adapted);
 * [records.length, rejected[0].sourceIndex, rejected[0].path]
 * //=> [1, 3, ["createdAt"]]
 */
export function validateAdaptedTickets(
  adapted: Adapted<TicketInput>,
  options: ValidateOptions = {},
): AdaptedValidated<Ticket> {
  const { records, rejected } = validateTickets(adapted.records, options);
  return { records, rejected: traced(rejected, adapted.sources), skipped: adapted.skipped };
}

/**
 * Validates the survey responses an adapter produced; see {@link validateAdaptedTickets}.
 *
 * @example
 * const adapted = { records: [{ id: 1, kind: "csat", score: 9, respondedAt: 0 }], sources: [0], skipped: [] };
 * validateAdaptedSurveys(adapted).rejected[0].message
 * //=> "must be between 1 and 5 on this csat scale, got 9"
 */
export function validateAdaptedSurveys(
  adapted: Adapted<SurveyResponseInput>,
  options: ValidateOptions = {},
): AdaptedValidated<SurveyResponse> {
  const { records, rejected } = validateSurveyResponses(adapted.records, options);
  return { records, rejected: traced(rejected, adapted.sources), skipped: adapted.skipped };
}

function traced(rejected: Rejection[], sources: readonly number[]): AdaptedRejection[] {
  return rejected.map((r) => ({ ...r, sourceIndex: sources[r.index] ?? r.index }));
}

// ---------------------------------------------------------------------------------------
// Reading vendor JSON (internal helpers, shared by the adapters)

/** A JSON object. */
export type Json = Record<string, unknown>;

/** Whether a value is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own property of an object, or `undefined`: inherited keys (`constructor`) never answer. */
export function own(value: unknown, key: string): unknown {
  return isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** A nested own property: `path(t, "via", "channel")`. */
export function path(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) at = own(at, key);
  return at;
}

/** A vendor id for a message: strings and numbers, at most 100 characters; otherwise null. */
export function idOf(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value !== "") return value.slice(0, 100);
  return null;
}

/** A join key for an id: a string or a finite number, compared by its string. */
export function keyOf(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value !== "") return value;
  return null;
}

/** `undefined` becomes `null`; anything else is passed on for validation to judge. */
export function pass<T>(value: unknown): T {
  return (value === undefined ? null : value) as T;
}

/** A lookup in a fixed table: own keys only, so `"__proto__"` or `"constructor"` find nothing. */
export function lookup<V>(table: ReadonlyMap<string, V>, key: unknown): V | undefined {
  return typeof key === "string" || typeof key === "number" ? table.get(String(key)) : undefined;
}

/** Tags: an array of strings kept as is, `null`/absent as `[]`; anything else passed on. */
export function tagsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return value as string[];
}

/**
 * The list of records in a vendor response: an array as is, the array under one of `keys`
 * (`{ tickets: [...] }`), or a single record under one of `singleKeys` (`{ ticket: {...} }`)
 * or given bare (an object with an `id`, or with `requiredKey` when given).
 */
export function listOf(
  input: unknown,
  fn: string,
  keys: readonly string[],
  singleKeys: readonly string[],
  bareKey = "id",
): unknown[] {
  if (Array.isArray(input)) return input;
  if (isObject(input)) {
    for (const key of keys) {
      const list = own(input, key);
      if (Array.isArray(list)) return list;
    }
    for (const key of singleKeys) {
      const one = own(input, key);
      if (isObject(one)) return [one];
    }
    if (Object.hasOwn(input, bareKey)) return [input];
  }
  throw new TypeError(
    `${fn}: input must be an array of records or a response { ${keys[0]}: [...] }, got ${show(input)}`,
  );
}

/** A skip entry. */
export function skip(
  source: string,
  index: number,
  id: unknown,
  reason: string,
  message: string,
): Skipped {
  return { source, index, id: idOf(id), reason, message };
}

/** What an {@link adaptEach} callback answers for a vendor record it skips. */
const SKIPPED: unique symbol = Symbol("skipped");

/**
 * The loop every adapter runs over its main list: each vendor record that is not an object
 * is skipped as `notAnObject` ("`noun` is not an object"); each other one is given to `fn`,
 * which answers a record of ours, or skips the vendor record by answering what its second
 * argument `skipAs(id, reason, message)` returns (`source` and the index are filled in).
 * Records keep the order of the list, each with its index in `sources`. Skips are pushed
 * onto `skipped` (pass the adapter's own array when other skips come before, between or
 * after), which is the array answered.
 */
export function adaptEach<T>(
  list: readonly unknown[],
  source: string,
  noun: string,
  fn: (
    value: Json,
    skipAs: (id: unknown, reason: string, message: string) => typeof SKIPPED,
    index: number,
  ) => T | typeof SKIPPED,
  skipped: Skipped[] = [],
): Adapted<T> {
  const records: T[] = [];
  const sources: number[] = [];
  list.forEach((value, index) => {
    if (!isObject(value)) {
      skipped.push(skip(source, index, null, "notAnObject", `${noun} is not an object`));
      return;
    }
    const skipAs = (id: unknown, reason: string, message: string): typeof SKIPPED => {
      skipped.push(skip(source, index, id, reason, message));
      return SKIPPED;
    };
    const record = fn(value, skipAs, index);
    if (record === SKIPPED) return;
    records.push(record);
    sources.push(index);
  });
  return { records, sources, skipped };
}

// ---------------------------------------------------------------------------------------
// Timestamps

const MAX_MS = 8.64e15;

/**
 * Epoch seconds (Intercom, Chatwoot) to an ISO string. `null`/absent become `null`; a
 * string is passed on (validation reads ISO strings and rejects the rest); a number out of
 * the Date range is passed on as milliseconds that validation rejects, never as a wrong date.
 */
export function fromEpochSeconds(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "number") return value as string;
  const ms = value * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS) return ms;
  return new Date(ms).toISOString();
}

/**
 * An instant plus a number of seconds, as an ISO string; `null` when the instant cannot be
 * read (validation then rejects the instant itself) or the seconds are not a finite number.
 */
export function plusSeconds(start: unknown, seconds: unknown): string | null {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return null;
  const ms = parseTimestamp(start);
  if (typeof ms === "string") return null;
  const end = ms + seconds * 1000;
  return Math.abs(end) > MAX_MS ? null : new Date(end).toISOString();
}

/** Epoch milliseconds of a timestamp, or `null` when it cannot be read. */
export function msOf(value: unknown): number | null {
  const ms = parseTimestamp(value);
  return typeof ms === "number" ? ms : null;
}
