/**
 * Argument checks shared by the statistics: a confidence level, a count, a probability. They
 * throw in the library's one grammar, `fn: option must constraint, got value`, with the value
 * shown by {@link show}.
 */
import { show } from "../reduce/arguments.ts";

/** The confidence level used when none is given: 95 %. */
export const DEFAULT_LEVEL = 0.95;

/**
 * A confidence level strictly between 0 and 1 (`undefined` gives {@link DEFAULT_LEVEL}).
 * 0 and 1 are refused: a 0 % interval is a point and a 100 % interval is the whole range,
 * neither of which an approximate method can give honestly.
 *
 * @example
 * [requireLevel("wilsonInterval", undefined), requireLevel("wilsonInterval", 0.9)]
 * //=> [0.95, 0.9]
 */
export function requireLevel(fn: string, level: unknown): number {
  if (level === undefined) return DEFAULT_LEVEL;
  if (typeof level !== "number") {
    throw new TypeError(`${fn}: level must be a number, got ${show(level)}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`${fn}: level must be between 0 and 1 (exclusive), got ${show(level)}`);
  }
  return level;
}

/**
 * A count: a whole number from `min` to `max` (`max` may be `Infinity`).
 *
 * @example
 * requireCount("wilsonInterval", "successes", 3, 0, 10)
 * //=> 3
 */
export function requireCount(
  fn: string,
  option: string,
  value: unknown,
  min: number,
  max: number,
): number {
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${option} must be a whole number, got ${show(value)}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `at least ${min}` : `from ${min} to ${max}`;
    throw new RangeError(`${fn}: ${option} must be a whole number ${range}, got ${show(value)}`);
  }
  return value;
}

/**
 * A probability in `[0, 1]`.
 *
 * @example
 * requireProbability("normalQuantile", "p", 0.975)
 * //=> 0.975
 */
export function requireProbability(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${option} must be a number, got ${show(value)}`);
  }
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(`${fn}: ${option} must be between 0 and 1, got ${show(value)}`);
  }
  return value;
}

/**
 * A finite number greater than 0 (a shape parameter, degrees of freedom).
 *
 * @example
 * requirePositiveNumber("studentTQuantile", "df", 9)
 * //=> 9
 */
export function requirePositiveNumber(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${option} must be a number, got ${show(value)}`);
  }
  if (!(value > 0 && value < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`${fn}: ${option} must be a positive number, got ${show(value)}`);
  }
  return value;
}
