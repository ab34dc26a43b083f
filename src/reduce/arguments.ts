/**
 * Option checks shared by every metric. They run once, when a reducer is built, and throw in
 * one grammar: `metric: option must constraint, got value`. `add` then trusts its options.
 */

/**
 * Shows a value in an error message, briefly: the one formatter behind every "got ..." of
 * the library, so a 10 MB string never becomes a 10 MB message and a Date reads as an instant.
 *
 * @example
 * [show("x".repeat(50)).length, show(new Date(0)), show(new Date(Number.NaN)), show([1]), show(null)]
 * //=> [43, "1970-01-01T00:00:00.000Z", "Invalid Date", "an array", "null"]
 */
export function show(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? "Invalid Date" : value.toISOString();
  }
  if (typeof value === "function") return "a function";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "bigint") return `${value}n`;
  return String(value);
}

/** A finite number greater than 0. */
export function requirePositive(fn: string, option: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${fn}: ${option} must be a positive number, got ${show(value)}`);
  }
  return value;
}

/** A finite number at least 0. */
export function requireNonNegative(fn: string, option: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${fn}: ${option} must be a number at least 0, got ${show(value)}`);
  }
  return value;
}

/** One of a fixed set of strings. */
export function requireOneOf<T extends string>(
  fn: string,
  option: string,
  value: T,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value)) {
    throw new RangeError(
      `${fn}: ${option} must be one of ${allowed.join(", ")}, got ${show(value)}`,
    );
  }
  return value;
}

/**
 * The first instant the library measures: 0000-01-01T00:00:00Z. Calendars, labels and
 * business hours are exact from here to {@link LATEST_INSTANT} (the years an ISO 8601 date
 * writes with four digits); instants outside are refused where they come in, with a reason,
 * so no calendar search ever meets them (docs/periods.md, "Supported instants").
 */
export const EARLIEST_INSTANT = -62_167_219_200_000;
/** The last instant the library measures: 9999-12-31T23:59:59.999Z. */
export const LATEST_INSTANT = 253_402_300_799_999;
/** The supported instants in the words of an error. */
export const SUPPORTED_INSTANTS = "between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z";

/**
 * Whether epoch milliseconds lie in the supported range (years 0000 to 9999, UTC).
 *
 * @example
 * [isSupportedInstant(0), isSupportedInstant(8.64e15), isSupportedInstant(Number.NaN)]
 * //=> [true, false, false]
 */
export function isSupportedInstant(ms: number): boolean {
  return ms >= EARLIEST_INSTANT && ms <= LATEST_INSTANT;
}

/**
 * A supported instant (see {@link isSupportedInstant}), or a `RangeError` naming the caller.
 *
 * @example
 * let message = "";
 * try { requireSupportedInstant("period", "instant", -8e15); } catch (error) { message = error.message; }
 * message
 * //=> "period: instant must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, got -8000000000000000"
 */
export function requireSupportedInstant(fn: string, option: string, ms: number): number {
  if (!isSupportedInstant(ms)) {
    throw new RangeError(`${fn}: ${option} must be ${SUPPORTED_INSTANTS}, got ${show(ms)}`);
  }
  return ms;
}

/** A valid instant, from a Date, an ISO string with an offset, or epoch milliseconds. */
export function requireInstant(fn: string, option: string, value: Date | string | number): number {
  let ms = Number.NaN;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "number") ms = value;
  else if (typeof value === "string" && /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value))
    ms = Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new TypeError(
      `${fn}: ${option} must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got ${show(value)}`,
    );
  }
  return requireSupportedInstant(fn, option, ms);
}

/** A window `{ start, end }` with start at or before end. */
export function requireWindow(
  fn: string,
  option: string,
  value: { start: Date | string | number; end: Date | string | number },
): { start: number; end: number } {
  const start = requireInstant(fn, `${option}.start`, value.start);
  const end = requireInstant(fn, `${option}.end`, value.end);
  if (end < start) {
    throw new RangeError(
      `${fn}: ${option}.end must not be before ${option}.start, got ${show(new Date(end))}`,
    );
  }
  return { start, end };
}

/** A boolean; `undefined` or `null` give the default. */
export function requireBoolean(
  fn: string,
  option: string,
  value: unknown,
  fallback: boolean,
): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "boolean") {
    throw new TypeError(`${fn}: ${option} must be a boolean, got ${show(value)}`);
  }
  return value;
}
