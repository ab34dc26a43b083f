/**
 * The workload every queueing model starts from, and the option checks the models share.
 *
 * A queue's workload is its offered traffic in erlangs: how many agents would be busy all the
 * time if every contact were handled the moment it arrived. It is the arrival rate times the
 * average handle time, A = contacts × ahtSeconds / intervalSeconds (100 contacts in 30
 * minutes at 180 s each: 100 × 180 / 1800 = 10 erlangs). The models then ask how N agents
 * cope with A erlangs.
 */
import { requireNonNegative, requirePositive, show } from "../reduce/arguments.ts";

/**
 * The most traffic the models take, in erlangs. They step through agents one at a time, so a
 * million erlangs (a million agents busy at once, far beyond any contact centre) already
 * costs a million steps; a typo of a few more digits would hang the caller instead.
 */
export const MAX_TRAFFIC = 1_000_000;

/** The most agents or lines the models take: as many steps again as {@link MAX_TRAFFIC}. */
export const MAX_COUNT = 10_000_000;

/** The workload of one interval, as every model in this folder reads it. */
export interface WorkloadOptions {
  /** Contacts arriving in the interval (a forecast may be fractional); at least 0. */
  contacts: number;
  /** The interval's length in seconds, such as 1800 for half an hour. */
  intervalSeconds: number;
  /** Average handle time in seconds: talk, hold and after-contact work. */
  ahtSeconds: number;
}

/** A checked workload: the options, plus the traffic and the arrival rate they make. */
export interface Workload {
  readonly contacts: number;
  readonly intervalSeconds: number;
  readonly ahtSeconds: number;
  /** Offered traffic in erlangs: contacts × ahtSeconds / intervalSeconds. */
  readonly traffic: number;
  /** Arrivals per second: contacts / intervalSeconds. */
  readonly arrivalRate: number;
}

/**
 * Offered traffic in erlangs: contacts × ahtSeconds / intervalSeconds.
 *
 * @param options - See {@link WorkloadOptions}.
 * @returns The traffic in erlangs (0 when no contact arrives).
 *
 * @example
 * // 100 contacts in 30 minutes at 180 s each: 100 × 180 / 1800 = 10 erlangs
 * offeredTraffic({ contacts: 100, intervalSeconds: 1800, ahtSeconds: 180 })
 * //=> 10
 */
export function offeredTraffic(options: WorkloadOptions): number {
  return readWorkload("offeredTraffic", options).traffic;
}

/** Checks the three workload options once, in the house grammar, and derives the traffic. */
export function readWorkload(fn: string, options: WorkloadOptions): Workload {
  requireObject(fn, "options", options);
  const contacts = requireNonNegative(fn, "contacts", options.contacts);
  const intervalSeconds = requirePositive(fn, "intervalSeconds", options.intervalSeconds);
  const ahtSeconds = requirePositive(fn, "ahtSeconds", options.ahtSeconds);
  const traffic = (contacts * ahtSeconds) / intervalSeconds;
  if (!(traffic <= MAX_TRAFFIC)) {
    throw new RangeError(
      `${fn}: traffic (contacts × ahtSeconds / intervalSeconds) must be at most ${MAX_TRAFFIC} erlangs, got ${show(traffic)}`,
    );
  }
  return {
    contacts,
    intervalSeconds,
    ahtSeconds,
    traffic,
    arrivalRate: contacts / intervalSeconds,
  };
}

/** Offered traffic given directly, in erlangs: at least 0 and at most {@link MAX_TRAFFIC}. */
export function requireTraffic(fn: string, option: string, value: number): number {
  requireNonNegative(fn, option, value);
  if (value > MAX_TRAFFIC) {
    throw new RangeError(
      `${fn}: ${option} must be at most ${MAX_TRAFFIC} erlangs, got ${show(value)}`,
    );
  }
  return value;
}

/** Fails unless `value` is a plain object (the models take one options object). */
export function requireObject(fn: string, option: string, value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${fn}: ${option} must be an object, got ${show(value)}`);
  }
}

/**
 * A whole number at least `min` (1 for agents, 0 for lines that may be none): a TypeError for
 * something that is not a number, a RangeError for a fraction or a number too small.
 */
export function requireCount(fn: string, option: string, value: unknown, min: 0 | 1): number {
  const wanted = min === 1 ? "a positive integer" : "a whole number at least 0";
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${option} must be ${wanted}, got ${show(value)}`);
  }
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${fn}: ${option} must be ${wanted}, got ${show(value)}`);
  }
  if (value > MAX_COUNT) {
    throw new RangeError(`${fn}: ${option} must be at most ${MAX_COUNT}, got ${show(value)}`);
  }
  return value;
}

/**
 * A fraction in [0, 1] with either end left out as asked: service level targets stop short of
 * 1 (no finite team answers every contact in time), maximum occupancy starts above 0, and
 * shrinkage stops short of 1 (a team that is never available cannot be scheduled).
 */
export function requireFraction(
  fn: string,
  option: string,
  value: unknown,
  ends: { zero: boolean; one: boolean },
): number {
  const low = ends.zero ? "at least 0" : "above 0";
  const high = ends.one ? "at most 1" : "below 1";
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > 1 ||
    (value === 0 && !ends.zero) ||
    (value === 1 && !ends.one)
  ) {
    const message = `${fn}: ${option} must be a fraction ${low} and ${high}, got ${show(value)}`;
    throw typeof value === "number" ? new RangeError(message) : new TypeError(message);
  }
  return value;
}
