/**
 * KPI targets, in the OKR sense (definition book, section 5): a metric, where it stood
 * (baseline), where it should be (target) and by when (start to deadline). "Reduce churn from
 * 10 % to 9 % by the end of June" is `{ baseline: 10, target: 9, start: "2024-01-01T00:00:00Z",
 * deadline: "2024-07-01T00:00:00Z", direction: "lower" }`.
 *
 * Evaluated at an instant with the metric's current value:
 * - progress = (current − baseline) / (target − baseline): 0 at the baseline, 1 at the target,
 *   negative when things got worse, above 1 past the target;
 * - expected progress = the share of the time from start to deadline that has elapsed
 *   (0 before the start, 1 from the deadline on): a straight-line pace;
 * - before the deadline the target is on track when progress ≥ expected progress, behind
 *   otherwise; from the deadline on it is achieved when progress ≥ 1, missed otherwise.
 *
 * The direction says which way is better ("lower" for first response time, churn, backlog);
 * it will come from the metric catalogue. Here it guards against a target set on the wrong
 * side of the baseline.
 */
import { requireInstant, show } from "../reduce/arguments.ts";

/** Which way a metric gets better. */
export type Direction = "higher" | "lower";

/** A target as a caller writes it: instants as Dates, ISO strings with an offset, or epoch ms. */
export interface TargetInput {
  baseline: number;
  target: number;
  start: Date | string | number;
  deadline: Date | string | number;
  direction: Direction;
}

/** A checked target, instants in epoch milliseconds. */
export interface Target {
  readonly baseline: number;
  readonly target: number;
  readonly start: number;
  readonly deadline: number;
  readonly direction: Direction;
}

/** Where a target stands at an instant. */
export type TargetStatus = "on-track" | "behind" | "achieved" | "missed" | "unknown";

/** A target evaluated at an instant. */
export interface TargetEvaluation {
  /** The metric's value at the instant, or `null` when it had none. */
  current: number | null;
  /** (current − baseline) / (target − baseline), or `null` without a current value. */
  progress: number | null;
  /** The share of the time from start to deadline elapsed at the instant, from 0 to 1. */
  expectedProgress: number;
  /** `true` when progress ≥ expected progress; `null` without a current value. */
  onTrack: boolean | null;
  /**
   * `"on-track"` or `"behind"` before the deadline, `"achieved"` or `"missed"` from it on,
   * `"unknown"` without a current value (no data is not zero progress).
   */
  status: TargetStatus;
}

function finite(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(`${fn}: ${option} must be a finite number, got ${show(value)}`);
  }
  return value;
}

/**
 * Checks a target once: finite baseline and target on the better side of the baseline for
 * the direction, a deadline after the start.
 *
 * @example
 * // Reduce churn from 10 % to 9 % over the first half of 2024
 * defineTarget({ baseline: 10, target: 9, start: "2024-01-01T00:00:00Z",
 *   deadline: "2024-07-01T00:00:00Z", direction: "lower" }).deadline
 * //=> 1719792000000
 */
export function defineTarget(input: TargetInput): Target {
  const fn = "defineTarget";
  if (typeof input !== "object" || input === null) {
    throw new TypeError(`${fn}: target must be an object, got ${show(input)}`);
  }
  const baseline = finite(fn, "baseline", input.baseline);
  const target = finite(fn, "target", input.target);
  const direction = input.direction;
  if (direction !== "higher" && direction !== "lower") {
    throw new RangeError(`${fn}: direction must be one of higher, lower, got ${show(direction)}`);
  }
  if (direction === "higher" ? !(target > baseline) : !(target < baseline)) {
    throw new RangeError(
      `${fn}: target must be ${direction === "higher" ? "above" : "below"} the baseline ${baseline} when direction is ${direction}, got ${show(target)}`,
    );
  }
  const start = requireInstant(fn, "start", input.start);
  const deadline = requireInstant(fn, "deadline", input.deadline);
  if (!(deadline > start)) {
    throw new RangeError(
      `${fn}: deadline must be after start (${show(new Date(start))}), got ${show(new Date(deadline))}`,
    );
  }
  return Object.freeze({ baseline, target, start, deadline, direction });
}

/**
 * Evaluates a target at an instant with the metric's value then: progress, the progress the
 * pace calls for, and the status (see the file's introduction).
 *
 * @param target - A target from {@link defineTarget}, or its input (checked here).
 * @param current - The metric's value at `at`, or `null` when it had none.
 * @param at - The instant (Date, ISO string with an offset, or epoch ms).
 *
 * @example
 * // Churn 10 % → 9 % over January–June; on 1 April (half of the 182 days gone, 91 days)
 * // churn is 9.6 %: progress (9.6 − 10) / (9 − 10) = 0.4 < 0.5 expected → behind
 * const target = defineTarget({ baseline: 10, target: 9, start: "2024-01-01T00:00:00Z",
 *   deadline: "2024-07-01T00:00:00Z", direction: "lower" });
 * const { progress, expectedProgress, status } = evaluateTarget(target, 9.6, "2024-04-01T00:00:00Z");
 * [progress, expectedProgress, status]
 * //=> [0.4, 0.5, "behind"]
 */
export function evaluateTarget(
  target: Target | TargetInput,
  current: number | null,
  at: Date | string | number,
): TargetEvaluation {
  const checked = defineTarget(target);
  const instant = requireInstant("evaluateTarget", "at", at);
  if (current !== null) finite("evaluateTarget", "current", current);
  const span = checked.deadline - checked.start;
  const expectedProgress = Math.min(1, Math.max(0, (instant - checked.start) / span));
  if (current === null) {
    return { current: null, progress: null, expectedProgress, onTrack: null, status: "unknown" };
  }
  const progress = (current - checked.baseline) / (checked.target - checked.baseline);
  const onTrack = progress >= expectedProgress;
  const status: TargetStatus =
    instant >= checked.deadline
      ? progress >= 1
        ? "achieved"
        : "missed"
      : onTrack
        ? "on-track"
        : "behind";
  return { current, progress, expectedProgress, onTrack, status };
}
