/**
 * The shapes every interval and comparison in this folder shares, and the critical value of
 * a two-sided normal interval.
 */
import { requireLevel } from "./checks.ts";
import { normalQuantile } from "./normal.ts";

/** The two ends of an interval, `lower ≤ upper`. */
export interface Bounds {
  lower: number;
  upper: number;
}

/**
 * An interval as users see it: its ends, the confidence level asked for, and the method that
 * computed it, in the unit of the value it surrounds (a fraction, percent, NPS points,
 * seconds).
 */
export interface ConfidenceInterval<Method extends string = string> extends Bounds {
  level: number;
  method: Method;
}

/** The confidence level of an interval, from 0 to 1 exclusive. Defaults to 0.95. */
export interface LevelOptions {
  level?: number;
}

/**
 * The z with P(−z ≤ Z ≤ z) = level for a standard normal Z: the multiplier of a two-sided
 * normal interval (1.959963984540054 for 95 %).
 *
 * @example
 * // R: qnorm(0.975) = 1.959963984540054
 * criticalZ(0.95)
 * //=> 1.959963984540054
 */
export function criticalZ(level: number): number {
  requireLevel("criticalZ", level);
  return normalQuantile(0.5 + level / 2);
}
