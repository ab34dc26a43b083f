/**
 * Metric functions are meant for validated records, but are also called on plain objects
 * that never went through a schema. A reducer that meets a field it cannot use (a score that
 * is not a finite number, a timestamp that is not a valid Date, a missing scale) throws a
 * {@link RecordFieldError} instead of counting garbage or crashing inside; `reduce` knows the
 * record's index and re-throws it as one TypeError in the library's grammar:
 * `nps: record 3 field "score" must be a number from 0 to 10 or null, got NaN`.
 *
 * The checks are typeof / instanceof / Number.isFinite tests on the fields a metric reads,
 * cheap beside the work `add` does anyway.
 */
import { isSupportedInstant, show } from "./arguments.ts";

/** A field of a record that a metric cannot use; `reduce` adds the record's index. */
export class RecordFieldError extends TypeError {
  readonly fn: string;
  readonly field: string;
  readonly expected: string;
  readonly value: unknown;
  constructor(fn: string, field: string, expected: string, value: unknown) {
    super(`${fn}: field "${field}" must be ${expected}, got ${show(value)}`);
    this.name = "TypeError";
    this.fn = fn;
    this.field = field;
    this.expected = expected;
    this.value = value;
  }
}

/**
 * A span too long to measure: business hours are measured over at most 100 years
 * (docs/business-hours.md, "Limits"). Thrown by the clock with its own message; `reduce`,
 * which knows the record, names it: one mistyped year then reads as that record's fault.
 */
export class SpanLimitError extends RangeError {
  readonly fn: string;
  readonly start: number;
  readonly end: number;
  /** The limit in words, such as `"100 years of business time"`. */
  readonly limit: string;
  constructor(message: string, fn: string, start: number, end: number, limit: string) {
    super(message);
    this.name = "RangeError";
    this.fn = fn;
    this.start = start;
    this.end = end;
    this.limit = limit;
  }
}

/**
 * Throws a {@link RecordFieldError}.
 *
 * @example
 * let message = "";
 * try { badField("nps", "score", "a number from 0 to 10 or null", Number.NaN); }
 * catch (error) { message = error.message; }
 * message
 * //=> 'nps: field "score" must be a number from 0 to 10 or null, got NaN'
 */
export function badField(fn: string, field: string, expected: string, value: unknown): never {
  throw new RecordFieldError(fn, field, expected, value);
}

/**
 * The error to throw for a failure while adding record `index`: a {@link RecordFieldError}
 * becomes a TypeError that names the record, a {@link SpanLimitError} a RangeError that
 * does; anything else is returned as it is.
 *
 * @example
 * atRecord(new RecordFieldError("csat", "scale", "a scale { min, max }", undefined), 3).message
 * //=> 'csat: record 3 field "scale" must be a scale { min, max }, got undefined'
 */
export function atRecord(error: unknown, index: number): unknown {
  if (error instanceof SpanLimitError) {
    const { fn, start, end, limit } = error;
    return new RangeError(
      `${fn}: record ${index} must span at most ${limit}, got ${show(new Date(start))} to ${show(new Date(end))}`,
    );
  }
  if (!(error instanceof RecordFieldError)) return error;
  return new TypeError(
    `${error.fn}: record ${index} field "${error.field}" must be ${error.expected}, got ${show(error.value)}`,
  );
}

/**
 * Whether a value is an instant a metric can use: a Date whose time is a number (not
 * `new Date(NaN)`) within the supported years 0000 to 9999, as the schemas accept them, so a
 * record that skipped validation is refused by its field, not by a period search later.
 *
 * @example
 * [isInstant(new Date("2024-03-01T09:00:00Z")), isInstant(new Date(Number.NaN)),
 *   isInstant(new Date("-000001-12-31T23:59:59.999Z")), isInstant("2024-03-01")]
 * //=> [true, false, false, false]
 */
export function isInstant(value: unknown): value is Date {
  return value instanceof Date && isSupportedInstant(value.getTime());
}

/**
 * A timestamp field read by a metric: the Date, or a {@link RecordFieldError}.
 *
 * @example
 * requireInstant("firstResponseTime", "createdAt", new Date("2024-03-01T09:00:00Z")).toISOString()
 * //=> "2024-03-01T09:00:00.000Z"
 */
export function requireInstant(fn: string, field: string, value: unknown): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  return badField(fn, field, "a valid Date", value);
}
