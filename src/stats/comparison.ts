/**
 * The shape every comparison of two groups returns (two periods, two channels, two teams):
 * the difference, its interval, a p-value, and whether the samples are too small to say
 * anything.
 */
import type { ConfidenceInterval } from "./interval.ts";

/** The comparison of a first group (`a`, say this period) with a second (`b`, the last). */
export interface Comparison<Method extends string = string> {
  /** The estimated difference a − b, in the unit of the compared value. */
  difference: number;
  /** A confidence interval for the difference, or `null` when none can be given. */
  interval: ConfidenceInterval<Method> | null;
  /**
   * The p-value of the test that the two groups do not differ (two-sided unless an
   * `alternative` says otherwise): below 1 − level, the change is unlikely to be noise.
   */
  pValue: number;
  /** The test behind `pValue`. */
  test: string;
  /**
   * `true` when the samples are too small for the test to be trusted or to ever be
   * significant; each comparison states its threshold. Treat the change as unknown then.
   */
  tooSmall: boolean;
}
