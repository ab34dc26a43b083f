/**
 * Reducer states to JSON and back, so that a caller can compute per day, per file or per shard,
 * store the partial states, and merge them later (with the reducer's `merge`) as if everything
 * had been computed at once.
 *
 * The format is JSON with a header and tagged values:
 *
 *     { "format": "support-metrics/state", "version": 1, "state": <value> }
 *
 * A value is written as JSON when JSON can hold it exactly: strings, booleans, `null`, finite
 * numbers other than −0, arrays and plain objects. Everything else is an object with a `"$"`
 * tag naming its kind:
 *
 * | value | written as |
 * |---|---|
 * | `Infinity`, `-Infinity`, `NaN`, `-0` | `{ "$": "number", "value": "Infinity" }` (the name as text) |
 * | `undefined`, an array hole | `{ "$": "undefined" }` |
 * | `Date` | `{ "$": "Date", "value": epoch ms }` (an invalid date: `null`) |
 * | `Map` | `{ "$": "Map", "entries": [[key, value], ...] }` |
 * | `Set` | `{ "$": "Set", "values": [...] }` |
 * | `bigint` | `{ "$": "bigint", "value": "123" }` |
 * | typed arrays | `{ "$": "Float64Array", "values": [...] }` (special numbers and bigints as text) |
 * | a plain object with a `"$"` key | `{ "$": "object", "entries": [[key, value], ...] }` |
 *
 * Sketches (DDSketch) are plain objects of numbers, arrays and Maps, so they need no tag of
 * their own. Reading is defensive: object keys such as `__proto__` and `constructor` become
 * plain own properties (never a prototype), unknown tags, other versions and malformed values
 * throw a `TypeError` naming the path, and nesting deeper than `MAX_DEPTH` throws a
 * `RangeError` instead of overflowing the stack.
 *
 * Long (about 440 lines): writing and reading a state stay together with the checks that refuse
 * hostile input (depth, size, unknown tags), so that the two sides cannot drift apart.
 */
import { show } from "./arguments.ts";
import { checkState, madeBy } from "./provenance.ts";
import type { AnyReducer } from "./reducer.ts";

/** The name in the header of every serialised state. */
export const STATE_FORMAT = "support-metrics/state";
/** The version of the format written; reading accepts this version only. */
export const STATE_VERSION = 1;
/** The deepest nesting read or written (reducer states are a dozen levels deep at most). */
export const MAX_DEPTH = 256;
/** The longest text read: 256 MiB (V8's strings stop at 512 MiB; a state this big is a mistake). */
export const MAX_STATE_CHARS = 256 * 1024 * 1024;
/** The most values (numbers, strings, arrays, objects...) read from one state. */
export const MAX_STATE_VALUES = 50_000_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

function typedArrayName(value: object): TypedArrayName | undefined {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return undefined;
  // A view always has a prototype with a constructor and a text name: the `?.` and the typeof
  // guard against a doctored prototype only, and their mutants survive.
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return typeof name === "string" && Object.hasOwn(TYPED_ARRAYS, name)
    ? (name as TypedArrayName)
    : undefined;
}

const SPECIAL_NUMBERS: Record<string, number> = {
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
  NaN: Number.NaN,
  "-0": -0,
};

function writeNumber(value: number): Json {
  if (Number.isFinite(value) && !Object.is(value, -0)) return value;
  return { $: "number", value: Object.is(value, -0) ? "-0" : String(value) };
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encode(value: unknown, path: string, depth: number, seen: Set<object>): Json {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return writeNumber(value);
    case "undefined":
      return { $: "undefined" };
    case "bigint":
      return { $: "bigint", value: value.toString() };
    case "object":
      break;
    default:
      throw new TypeError(
        `stateToJSON: state${path} must hold only data (numbers, strings, arrays, objects, Maps, Sets, Dates), got a ${typeof value}`,
      );
  }
  if (value === null) return null;
  if (depth >= MAX_DEPTH) {
    throw new RangeError(
      `stateToJSON: state must be nested at most ${MAX_DEPTH} levels deep, got deeper at state${path}`,
    );
  }
  if (seen.has(value)) {
    throw new TypeError(`stateToJSON: state must not contain cycles, got one at state${path}`);
  }
  seen.add(value);
  try {
    const next = depth + 1;
    if (Array.isArray(value)) {
      // Sized up front and finite numbers written in place: fast paths only (every index is
      // set, and encode writes such a number as itself), so their mutants survive.
      const out: Json[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        out[i] =
          typeof item === "number" && Number.isFinite(item) && !Object.is(item, -0)
            ? item
            : encode(item, `${path}[${i}]`, next, seen);
      }
      return out;
    }
    if (value instanceof Date) {
      const time = value.getTime();
      return { $: "Date", value: Number.isNaN(time) ? null : time };
    }
    if (value instanceof Map) {
      const entries: Json[] = [];
      let i = 0;
      for (const [key, item] of value) {
        entries.push([
          encode(key, `${path}.keys[${i}]`, next, seen),
          encode(item, `${path}.get(${i})`, next, seen),
        ]);
        i++;
      }
      return { $: "Map", entries };
    }
    if (value instanceof Set) {
      const values: Json[] = [];
      let i = 0;
      for (const item of value) values.push(encode(item, `${path}.values[${i++}]`, next, seen));
      return { $: "Set", values };
    }
    const typed = typedArrayName(value);
    if (typed) {
      const values: Json[] = [];
      for (const item of value as unknown as Iterable<number | bigint>) {
        // Special numbers as their bare names: the tag already says these are numbers. (A
        // bigint's String is its digits too: the bigint test is for clarity, not needed.)
        values.push(
          typeof item === "bigint"
            ? item.toString()
            : Number.isFinite(item) && !Object.is(item, -0)
              ? item
              : Object.is(item, -0)
                ? "-0"
                : String(item),
        );
      }
      return { $: typed, values };
    }
    if (!isPlainObject(value)) {
      // (not plain, so its prototype is not null: the first `?.` is a guard only)
      const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
      throw new TypeError(
        `stateToJSON: state${path} must hold only data (numbers, strings, arrays, objects, Maps, Sets, Dates), got ${typeof name === "string" && name !== "" ? `a ${name}` : "an object of no class"}`,
      );
    }
    const keys = Object.keys(value);
    const record = value as Record<string, unknown>;
    if (Object.hasOwn(record, "$")) {
      return {
        $: "object",
        entries: keys.map((key) => [key, encode(record[key], `${path}.${key}`, next, seen)]),
      };
    }
    const out: { [key: string]: Json } = {};
    for (const key of keys) {
      // defineProperty: a key named "__proto__" stays an own property of the output (which
      // only JSON.stringify reads, so its writable and configurable flags change nothing).
      Object.defineProperty(out, key, {
        value: encode(record[key], `${path}.${key}`, next, seen),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Writes a reducer state (any metric's, or a rollup's) as JSON text in the tagged, versioned
 * format described in this module, so that {@link stateFromJSON} gives back an equal state.
 *
 * @param state - The state: numbers (±Infinity, NaN and −0 included), strings, booleans,
 *   `null`, `undefined`, bigints, arrays (holes read back as `undefined`), plain objects,
 *   Maps, Sets, Dates and typed arrays, nested at most `MAX_DEPTH` levels.
 * @param reducer - The reducer that made the state. Give it: what made the state (the
 *   metric, its options; a rollup's zone, period, keys and metrics) is then written beside
 *   it, and `stateFromJSON(text, reducer)` refuses the state for any other reducer.
 * @returns JSON text.
 * @throws TypeError for functions, symbols, class instances and cycles; RangeError for
 *   deeper nesting.
 *
 * @example
 * stateToJSON({ n: 2, min: Infinity, seen: new Set(["a"]) })
 * //=> '{"format":"support-metrics/state","version":1,"state":{"n":2,"min":{"$":"number","value":"Infinity"},"seen":{"$":"Set","values":["a"]}}}'
 */
export function stateToJSON(state: unknown, reducer?: AnyReducer): string {
  return JSON.stringify({
    format: STATE_FORMAT,
    version: STATE_VERSION,
    ...(reducer === undefined ? {} : { made: madeBy(reducer) }),
    state: encode(state, "", 0, new Set()),
  });
}

function fail(path: string, message: string): never {
  throw new TypeError(`stateFromJSON: state${path} ${message}`);
}

function isJsonObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function readSpecialNumber(value: unknown, path: string): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && Object.hasOwn(SPECIAL_NUMBERS, value)) {
    return SPECIAL_NUMBERS[value] as number;
  }
  return fail(path, `must be a number, got ${JSON.stringify(value)}`);
}

function readArray(value: unknown, path: string, what: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `must have ${what} as an array`);
  return value;
}

/**
 * Values decoded so far in the current `stateFromJSON` call (see `MAX_STATE_VALUES`). This
 * limit and `MAX_STATE_CHARS` are not tested (50 million values, 256 MiB of text): their
 * mutants survive.
 */
let decoded = 0;

function decode(value: unknown, path: string, depth: number): unknown {
  if (++decoded > MAX_STATE_VALUES) {
    throw new RangeError(
      `stateFromJSON: state must hold at most ${MAX_STATE_VALUES} values, got more at state${path}`,
    );
  }
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
      return value;
    if (value === null) return null;
    return fail(path, `must be JSON, got ${typeof value}`);
  }
  if (depth >= MAX_DEPTH) {
    throw new RangeError(
      `stateFromJSON: state must be nested at most ${MAX_DEPTH} levels deep, got deeper at state${path}`,
    );
  }
  const next = depth + 1;
  if (Array.isArray(value)) {
    // As in encode: the size and the number fast path change no answer, only the time.
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out[i] = typeof item === "number" ? item : decode(item, `${path}[${i}]`, next);
    }
    return out;
  }
  const record = value as { [key: string]: unknown };
  if (!Object.hasOwn(record, "$")) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      setOwn(out, key, decode(record[key], `${path}.${key}`, next));
    }
    return out;
  }
  const tag = record.$;
  switch (tag) {
    case "number":
      return readSpecialNumber(record.value, path);
    case "undefined":
      return undefined;
    case "bigint": {
      const text = record.value;
      if (typeof text !== "string" || !/^-?\d{1,4096}$/.test(text)) {
        return fail(path, "must be a bigint written as decimal digits");
      }
      return BigInt(text);
    }
    case "Date": {
      const time = record.value;
      if (time !== null && typeof time !== "number") {
        return fail(path, "must be a Date as epoch milliseconds or null");
      }
      return new Date(time === null ? Number.NaN : time);
    }
    case "Map": {
      const out = new Map<unknown, unknown>();
      readArray(record.entries, path, "entries").forEach((entry, i) => {
        if (!Array.isArray(entry) || entry.length !== 2) {
          fail(`${path}.entries[${i}]`, "must be a [key, value] pair");
        }
        out.set(
          decode(entry[0], `${path}.keys[${i}]`, next),
          decode(entry[1], `${path}.get(${i})`, next),
        );
      });
      return out;
    }
    case "Set":
      return new Set(
        readArray(record.values, path, "values").map((item, i) =>
          decode(item, `${path}.values[${i}]`, next),
        ),
      );
    case "object": {
      const out: Record<string, unknown> = {};
      readArray(record.entries, path, "entries").forEach((entry, i) => {
        if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== "string") {
          fail(`${path}.entries[${i}]`, "must be a [text key, value] pair");
        }
        setOwn(out, entry[0], decode(entry[1], `${path}.${entry[0]}`, next));
      });
      return out;
    }
    default: {
      if (typeof tag === "string" && Object.hasOwn(TYPED_ARRAYS, tag)) {
        const items = readArray(record.values, path, "values");
        const big = tag === "BigInt64Array" || tag === "BigUint64Array";
        const values = items.map((item, i) => {
          if (!big) return readSpecialNumber(item, `${path}.values[${i}]`);
          if (typeof item !== "string" || !/^-?\d{1,32}$/.test(item)) {
            return fail(`${path}.values[${i}]`, "must be a bigint written as decimal digits");
          }
          return BigInt(item);
        });
        const Kind = TYPED_ARRAYS[tag as TypedArrayName] as unknown as {
          from(values: unknown[]): unknown;
        };
        return Kind.from(values);
      }
      return fail(path, `has an unknown tag ${JSON.stringify(tag)}`);
    }
  }
}

/**
 * Reads a state written by {@link stateToJSON}. Give the reducer that will merge it: the
 * state is then refused unless it was written by an equal reducer (same metric and options;
 * for a rollup the same zone, period, keys and metrics), and unless it has the fields of a
 * fresh state of that reducer, with counts that are whole numbers at least 0 (`NaN`, `-5`,
 * `0.5` and `"5"` are refused). Without a reducer the data is read as it is, unchecked.
 *
 * Safe on untrusted text: keys such as `__proto__` and `constructor` become plain own
 * properties, never prototypes; unknown tags and malformed values throw a `TypeError` naming
 * the path; nesting deeper than `MAX_DEPTH` throws a `RangeError`.
 *
 * @typeParam State - The state type the caller expects (not checked).
 * @param json - The JSON text (at most `MAX_STATE_CHARS` characters), or the value
 *   `JSON.parse` made of it; at most `MAX_STATE_VALUES` values.
 * @param reducer - The reducer that will merge or read the state (recommended).
 * @returns The state.
 * @throws TypeError for text that is not JSON, another format or version, a state made by
 *   another reducer or not shaped as its states; RangeError past the size limits.
 *
 * @example
 * const state = stateFromJSON(stateToJSON({ values: [1.5, -0], max: -Infinity, at: new Date(0) }));
 * [Object.is(state.values[1], -0), state.max, state.at.toISOString()]
 * //=> [true, -Infinity, "1970-01-01T00:00:00.000Z"]
 */
export function stateFromJSON<State = unknown>(json: string | object, reducer?: AnyReducer): State {
  let parsed: unknown = json;
  if (typeof json === "string") {
    if (json.length > MAX_STATE_CHARS) {
      throw new RangeError(
        `stateFromJSON: json must be at most ${MAX_STATE_CHARS} characters, got ${json.length}`,
      );
    }
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new TypeError(`stateFromJSON: json must be JSON text or an object, got ${show(json)}`);
    }
  }
  if (!isJsonObject(parsed) || parsed.format !== STATE_FORMAT) {
    throw new TypeError(
      `stateFromJSON: json must be a state written by stateToJSON (format "${STATE_FORMAT}"), got ${
        isJsonObject(parsed) ? JSON.stringify(parsed.format) : show(parsed)
      }`,
    );
  }
  if (parsed.version !== STATE_VERSION) {
    throw new TypeError(
      `stateFromJSON: version must be ${STATE_VERSION}, got ${JSON.stringify(parsed.version)}`,
    );
  }
  if (!Object.hasOwn(parsed, "state")) throw new TypeError("stateFromJSON: state is missing");
  if (reducer !== undefined) {
    const expected = madeBy(reducer);
    const made = Object.hasOwn(parsed, "made") ? parsed.made : undefined;
    if (made !== expected) {
      throw new TypeError(
        `stateFromJSON: json must be a state made by ${reducer.name} with the same options (metric, options, zone, period, keys), got ${
          typeof made !== "string"
            ? `one that does not say what made it (write it with stateToJSON(state, reducer)); ${UNMARKED}`
            : madeName(made) === reducer.name
              ? `one made by ${reducer.name} with other options: ${show(made)}`
              : `one made by ${madeName(made)}: ${show(made)}`
        }`,
      );
    }
  }
  decoded = 0;
  const state = decode(parsed.state, "", 0) as State;
  if (reducer !== undefined) checkState(reducer, state);
  return state;
}

/**
 * What to do with a state saved before states said what made them (the format's version is
 * still 1): it cannot be checked against the reducer, so it is refused; make it again.
 */
const UNMARKED =
  "a state saved before states recorded their maker cannot be checked: compute it again from its records and save it with stateToJSON(state, reducer)";

/** The metric named in a `made` text, for an error message. */
function madeName(made: string): string {
  try {
    const metric = (JSON.parse(made) as { metric?: unknown }).metric;
    return typeof metric === "string" ? metric : "an unknown reducer";
  } catch {
    return "an unknown reducer";
  }
}
