/**
 * What made a state, so that a state saved in one place is merged only by a reducer that
 * would have made it: the same metric, with the same options (for a rollup also the same
 * zone, period, keys and metric order). `stateToJSON(state, reducer)` writes this beside the
 * state and `stateFromJSON(text, reducer)` refuses a state made otherwise, then checks the
 * state itself against a fresh one of the reducer: the same fields, of the same kinds, with
 * counts that are whole numbers at least 0. Without this a count of `"5"` merged with 3 gave
 * `"35"`, and an FCR state merged by another metric gave a believable wrong number.
 */
import { show } from "./arguments.ts";
import type { AnyReducer } from "./reducer.ts";

/** What a reducer records about itself: what made it, and a deep check of its states. */
interface Maker {
  made: unknown;
  check?: (state: unknown, fn: string) => void;
}

const makers = new WeakMap<object, Maker>();

/**
 * Records what made a reducer (the options it was built with, or a rollup's layout), and
 * optionally a check of its states that replaces the generic one ({@link checkState}).
 *
 * @example
 * const reducer = { name: "n", init: () => ({ count: 0 }), add() {}, merge: (a) => a, result: (s) => s, timeOf: () => null };
 * noteMaker(reducer, { threshold: 5 });
 * madeBy(reducer)
 * //=> '{"fresh":{"count":0},"metric":"n","options":{"threshold":5}}'
 */
export function noteMaker(
  reducer: AnyReducer,
  made: unknown,
  check?: (state: unknown, fn: string) => void,
): void {
  makers.set(reducer, check ? { made, check } : { made });
}

/** The deepest description written: options are a few levels deep, schedules a few more. */
const MAX_DESCRIBE_DEPTH = 32;

/** A value as canonical text: object keys sorted, functions, Maps, Sets and Dates named. */
function canonical(value: unknown, depth: number): string {
  if (depth > MAX_DESCRIBE_DEPTH) return '"…"';
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? String(value) : `"${String(value)}"`;
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return String(value);
    case "undefined":
      return '"undefined"';
    case "bigint":
      return `"${value}n"`;
    case "function":
      // A callback option (a policy's matcher) cannot be compared: its presence can.
      return '"a function"';
    case "symbol":
      return '"a symbol"';
  }
  if (value === null) return "null";
  const next = depth + 1;
  if (value instanceof Date) return JSON.stringify(show(value));
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, next)).join(",")}]`;
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => `[${canonical(k, next)},${canonical(v, next)}]`);
    return `{"Map":[${entries.join(",")}]}`;
  }
  if (value instanceof Set) {
    return `{"Set":[${[...value].map((item) => canonical(item, next)).join(",")}]}`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key], next)}`).join(",")}}`;
}

/**
 * What made a reducer's states, as canonical text: its name, what {@link noteMaker} recorded
 * (the options of a catalogue metric, a rollup's zone, period, keys and metrics), and its fresh
 * state (which names the exclusion reasons and holds a sketch's accuracy).
 *
 * @example
 * const volume = { name: "volume", init: () => ({ count: 0 }), add() {}, merge: (a) => a, result: (s) => s, timeOf: () => null };
 * madeBy(volume)
 * //=> '{"fresh":{"count":0},"metric":"volume","options":null}'
 */
export function madeBy(reducer: AnyReducer): string {
  const maker = makers.get(reducer);
  return canonical(
    { metric: reducer.name, options: maker?.made ?? null, fresh: reducer.init() },
    0,
  );
}

/** Field names that hold counts in the catalogue's states: whole numbers at least 0. */
const COUNTS = new Set([
  "count",
  "n",
  "responses",
  "satisfied",
  "top",
  "bottom",
  "promoters",
  "passives",
  "detractors",
  "easy",
  "tickets",
  "shifts",
  "start",
  "new",
  "lost",
  "end",
  "newChurners",
  "numerator",
  "denominator",
  "zeroCount",
]);

function fail(fn: string, path: string, message: string, value: unknown): never {
  throw new TypeError(`${fn}: state${path} ${message}, got ${show(value)}`);
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Checks `actual` against `fresh`, the same place in a fresh state of the reducer. */
function checkLike(
  fn: string,
  fresh: unknown,
  actual: unknown,
  path: string,
  count: boolean,
  depth: number,
): void {
  if (depth > 64) fail(fn, path, "must be nested like a fresh state", actual);
  if (typeof fresh === "number") {
    if (typeof actual !== "number") fail(fn, path, "must be a number", actual);
    // A fresh non-zero number is a parameter (a sketch's accuracy): it must be the same.
    if (Number.isFinite(fresh) && fresh !== 0 && actual !== fresh) {
      fail(fn, path, `must be ${fresh} as in a fresh state`, actual);
    }
    if (Number.isFinite(fresh) && !Number.isFinite(actual))
      fail(fn, path, "must be finite", actual);
    if (count && !(Number.isInteger(actual) && actual >= 0)) {
      fail(fn, path, "must be a whole number at least 0", actual);
    }
    return;
  }
  if (typeof fresh === "string" || typeof fresh === "boolean") {
    if (typeof actual !== typeof fresh) fail(fn, path, `must be a ${typeof fresh}`, actual);
    return;
  }
  if (fresh === undefined) {
    if (actual !== undefined) fail(fn, path, "must be absent, as in a fresh state", actual);
    return;
  }
  if (fresh === null) {
    // Set later to an instant (backlog's measuredAt): a finite number or a Date.
    const ok =
      actual === null ||
      (typeof actual === "number" && Number.isFinite(actual)) ||
      actual instanceof Date;
    if (!ok) fail(fn, path, "must be null, a number or a Date", actual);
    return;
  }
  if (Array.isArray(fresh)) {
    if (!Array.isArray(actual)) fail(fn, path, "must be an array", actual);
    if (fresh.length > 0 && actual.length !== fresh.length) {
      fail(fn, path, `must have ${fresh.length} items as in a fresh state`, actual);
    }
    actual.forEach((item, i) => {
      if (fresh.length > 0) checkLike(fn, fresh[i], item, `${path}[${i}]`, count, depth + 1);
      else if (typeof item === "number" && !Number.isFinite(item)) {
        fail(fn, `${path}[${i}]`, "must be finite", item);
      }
    });
    return;
  }
  if (fresh instanceof Map) {
    if (!(actual instanceof Map)) fail(fn, path, "must be a Map", actual);
    return;
  }
  if (fresh instanceof Set) {
    if (!(actual instanceof Set)) fail(fn, path, "must be a Set", actual);
    return;
  }
  if (fresh instanceof Date) {
    if (!(actual instanceof Date)) fail(fn, path, "must be a Date", actual);
    return;
  }
  if (!isPlain(fresh)) return;
  if (!isPlain(actual)) fail(fn, path, "must be an object", actual);
  for (const key of Object.keys(actual)) {
    if (!Object.hasOwn(fresh, key)) {
      fail(
        fn,
        `${path}.${key}`,
        "must not be there (a fresh state has no such field)",
        actual[key],
      );
    }
  }
  const excluded = path.endsWith(".excluded");
  for (const key of Object.keys(fresh)) {
    if (!Object.hasOwn(actual, key) && fresh[key] !== undefined) {
      fail(fn, `${path}.${key}`, "is missing", undefined);
    }
    // Counts: every exclusion count, the named count fields, and the age buckets' counts.
    const isCount = excluded || COUNTS.has(key) || key === "byAge";
    checkLike(fn, fresh[key], actual[key], `${path}.${key}`, isCount, depth + 1);
  }
}

/**
 * Checks that a state could have been made by `reducer`: the reducer's own check when it
 * recorded one (a rollup's), else the same fields as a fresh state of it, of the same kinds,
 * finite numbers, and counts (`count`, `n`, the exclusion counts...) that are whole numbers
 * at least 0. Throws a `TypeError` naming the path.
 *
 * @example
 * const volume = { name: "volume", init: () => ({ count: 0, excluded: {} }), add() {}, merge: (a) => a, result: (s) => s, timeOf: () => null };
 * let message = "";
 * try { checkState(volume, { count: "5", excluded: {} }); } catch (error) { message = error.message; }
 * message
 * //=> 'stateFromJSON: state.count must be a number, got "5"'
 */
export function checkState(reducer: AnyReducer, state: unknown, fn = "stateFromJSON"): void {
  const maker = makers.get(reducer);
  if (maker?.check) maker.check(state, fn);
  else checkLike(fn, reducer.init(), state, "", false, 0);
}
