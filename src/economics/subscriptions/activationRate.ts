import { requirePositive } from "../../reduce/arguments.ts";
import { callOf } from "../../reduce/folds.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type RatioResult, type RatioState, ratio } from "../../reduce/results.ts";
import type { Signup } from "./records.ts";

/** The fields {@link activationRate} reads. */
export type ActivationRateInput = Pick<Signup, "signedUpAt" | "activatedAt">;

/** Why a sign-up did not count. */
export type ActivationRateExclusion = "noSignupTime";

/** Options for {@link activationRate}. */
export interface ActivationRateOptions {
  /**
   * Count only activations within this many seconds of signing up (7 days: 604800). By
   * default any activation counts.
   */
  within?: number;
}

/**
 * Activation rate: the percentage of sign-ups that reached the activation event,
 * 100 × activated / sign-ups, placed in the period of the sign-up (a cohort metric: a
 * month's rate can still rise as its late activators arrive). Sign-ups with no known time
 * are excluded and counted. Seed 002's "sessions / activities" is inverted; this is the
 * usual activated / sign-ups (definition book, section 3).
 *
 * @param items - `{ signedUpAt, activatedAt }` per sign-up.
 * @param options - `within`: see {@link ActivationRateOptions}.
 * @returns `value` in percent, `null` with no sign-up, with `numerator` (activated),
 *   `denominator` (sign-ups) and `excluded`.
 *
 * @example
 * const day = (d) => new Date(`2024-03-${d}T10:00:00Z`);
 * // 3 sign-ups, 2 activated (one after 2 days, one after 9): 2 / 3; within a week, 1 / 3
 * const signups = [
 *   { signedUpAt: day("01"), activatedAt: day("03") },
 *   { signedUpAt: day("01"), activatedAt: day("10") },
 *   { signedUpAt: day("02"), activatedAt: null },
 * ];
 * [activationRate(signups).value, activationRate(signups, { within: 7 * 86400 }).value]
 * //=> [66.67, 33.33]
 */
export const activationRate = callOf(activationRateReducer);

/**
 * The mergeable reducer behind {@link activationRate}, for `rollup` and shards.
 *
 * @example
 * activationRateReducer().name
 * //=> "activationRate"
 */
export function activationRateReducer(
  options: ActivationRateOptions = {},
): Reducer<
  ActivationRateInput,
  RatioState<ActivationRateExclusion>,
  RatioResult<ActivationRateExclusion>
> {
  const within =
    options.within === undefined
      ? Number.POSITIVE_INFINITY
      : requirePositive("activationRate", "within", options.within) * 1000;
  return {
    name: "activationRate",
    timeOf: (signup) => signup.signedUpAt,
    init: () => ratio.init<ActivationRateExclusion>(["noSignupTime"]),
    add(state, signup) {
      if (!signup.signedUpAt) {
        state.excluded.noSignupTime++;
        return;
      }
      state.denominator++;
      const activatedAt = signup.activatedAt;
      if (activatedAt && activatedAt.getTime() - signup.signedUpAt.getTime() <= within) {
        state.numerator++;
      }
    },
    merge: ratio.merge,
    result: ratio.percent,
  };
}
