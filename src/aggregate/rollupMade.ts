/**
 * What made a rollup state, and the checks that keep states of other rollups out of a merge
 * (issue 12): states made with another zone, period, key set or metric order merged into
 * mislabelled rows (a January ticket shown in December), or failed with an internal
 * TypeError. Every rollup state carries `made`, a text naming its zone, period, keys and each
 * metric with its options; a merge refuses a state whose `made` differs, and a state read
 * with `stateFromJSON(text, rollupReducer)` is checked to its last metric state.
 */
import { EARLIEST_INSTANT, isSupportedInstant, LATEST_INSTANT, show } from "../reduce/arguments.ts";
import { checkState, madeBy } from "../reduce/provenance.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import type { Period } from "../time/period.ts";
import type { RollupState } from "./rollupState.ts";

/** What describes a rollup: the parts of its options that decide its states. */
export interface RollupLayout {
  timeZone: string;
  period: Period | undefined;
  weekStartsOn: number | undefined;
  keyNames: readonly string[];
  names: readonly string[];
  reducers: readonly AnyReducer[];
  range: { first: number; last: number } | undefined;
}

/**
 * A short fingerprint of a text (cyrb53, a 53-bit mix of two 32-bit hashes): every rollup
 * state carries one, so it must stay small beside a state of a few records. Not a defence
 * against forgery (a state can be written by hand): a guard against honest mix-ups.
 */
function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The `made` mark of a rollup's states: `rollup:` and the fingerprint of its description. */
export function rollupMade(layout: RollupLayout): string {
  return `rollup:${fingerprint(rollupDescription(layout))}`;
}

/** The description of a rollup: zone, period, keys, range and each metric with its options. */
export function rollupDescription(layout: RollupLayout): string {
  const { period } = layout;
  return JSON.stringify({
    rollup: {
      timeZone: layout.timeZone,
      period: period ? { unit: period.unit, timeZone: period.timeZone } : null,
      weekStartsOn: layout.weekStartsOn ?? null,
      keys: layout.keyNames,
      range: layout.range ? [layout.range.first, layout.range.last] : null,
      metrics: layout.names.map((name, i) => [name, madeBy(layout.reducers[i] as AnyReducer)]),
    },
  });
}

function fail(fn: string, path: string, message: string, value: unknown): never {
  throw new TypeError(`${fn}: state${path} ${message}, got ${show(value)}`);
}

/**
 * The earliest start of a period holding a supported instant: a year west of UTC that holds
 * 0000-01-01T00:00Z starts on 1 January of year −1, local time. Two years is a safe margin.
 */
const EARLIEST_PERIOD_START = EARLIEST_INSTANT - 2 * 366 * 86_400_000;

/** Whether a number can be a period start of a state (see {@link EARLIEST_PERIOD_START}). */
function isPeriodInstant(value: unknown): boolean {
  return typeof value === "number" && value >= EARLIEST_PERIOD_START && value <= LATEST_INSTANT;
}

/** A period start, or `null` for the group of records with no period. */
function isPeriodStart(value: unknown): boolean {
  return value === null || isPeriodInstant(value);
}

/**
 * Refuses a state another rollup made, and stock records whose span could not be measured
 * (an instant outside the supported years: a span open since −8e15 once ran for minutes).
 */
export function checkMergeable(fn: string, state: RollupState, made: string, side: string): void {
  if (typeof state !== "object" || state === null || state.made !== made) {
    const got = typeof state === "object" && state !== null ? state.made : state;
    throw new TypeError(
      `${fn}: ${side} must be a state of this rollup (same zone, period, keys and metrics in the same order, with the same options), got one made ${
        typeof got === "string" && got.length > 0
          ? `by another: ${show(got)}`
          : "without a description (saved before states recorded their maker: compute it again from its records)"
      }`,
    );
  }
  if (!Array.isArray(state.pending)) fail(fn, ".pending", "must be an array", state.pending);
  state.pending.forEach((pending, i) => {
    const span = pending?.span;
    const { start, end } = span ?? { start: Number.NaN, end: Number.NaN };
    if (
      !isSupportedInstant(start) ||
      !(isSupportedInstant(end) || end === Number.POSITIVE_INFINITY)
    ) {
      fail(
        fn,
        `.pending[${i}].span`,
        "must run between supported instants (years 0000-9999)",
        start,
      );
    }
  });
}

/** A deep check of a rollup state read from elsewhere: its structure, then each metric state. */
export function checkRollupState(layout: RollupLayout, made: string) {
  const metricCount = layout.reducers.length;
  return (value: unknown, fn: string): void => {
    const state = value as RollupState;
    checkMergeable(fn, state, made, "json");
    if (!(state.groups instanceof Map)) fail(fn, ".groups", "must be a Map", state.groups);
    if (!(state.keyCombinations instanceof Map)) {
      fail(fn, ".keyCombinations", "must be a Map", state.keyCombinations);
    }
    for (const [which, bound] of [
      ["firstPeriod", state.firstPeriod],
      ["lastPeriod", state.lastPeriod],
    ] as const) {
      if (
        !(
          isPeriodInstant(bound) ||
          bound === Number.POSITIVE_INFINITY ||
          bound === Number.NEGATIVE_INFINITY
        )
      ) {
        fail(
          fn,
          `.${which}`,
          "must be the start of a period in the supported years, or ±Infinity",
          bound,
        );
      }
    }
    for (const [keyId, byPeriod] of state.groups) {
      if (typeof keyId !== "string" || !(byPeriod instanceof Map)) {
        fail(fn, ".groups", "must map key ids to Maps of groups", keyId);
      }
      for (const [start, group] of byPeriod) {
        const path = `.groups.get(${JSON.stringify(keyId)}).get(${String(start)})`;
        if (!isPeriodStart(start) || group?.periodStart !== start) {
          fail(fn, path, "must be the group of its own period start", group?.periodStart);
        }
        if (!Array.isArray(group.keys) || group.keys.length !== layout.keyNames.length) {
          fail(fn, `${path}.keys`, `must hold ${layout.keyNames.length} key values`, group.keys);
        }
        if (!Array.isArray(group.states) || group.states.length > metricCount) {
          fail(fn, `${path}.states`, `must hold at most ${metricCount} states`, group.states);
        }
        group.states.forEach((metricState, i) => {
          if (metricState !== undefined) {
            checkState(layout.reducers[i] as AnyReducer, metricState, fn);
          }
        });
      }
    }
    if (typeof state.outOfRange !== "object" || state.outOfRange === null) {
      fail(fn, ".outOfRange", "must be an object of counts", state.outOfRange);
    }
    for (const name of Object.keys(state.outOfRange)) {
      const count = state.outOfRange[name];
      if (!layout.names.includes(name) || !(Number.isInteger(count) && (count as number) >= 0)) {
        fail(fn, `.outOfRange.${name}`, "must be a whole count of one of the metrics", count);
      }
    }
    state.pending.forEach((pending, i) => {
      if (
        !Number.isInteger(pending.metric) ||
        pending.metric < 0 ||
        pending.metric >= metricCount
      ) {
        fail(
          fn,
          `.pending[${i}].metric`,
          `must be a metric index below ${metricCount}`,
          pending.metric,
        );
      }
    });
  };
}
