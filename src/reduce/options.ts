import * as z from "zod/mini";
import { addIssue, zodWords } from "../schemas/issues.ts";
import { isSupportedInstant, SUPPORTED_INSTANTS, show } from "./arguments.ts";

/**
 * Metric options as schemas. Each metric declares its options once, as a Zod object built from
 * the small field schemas below; the same schema checks what a caller passes (once, when the
 * reducer is built), gives the defaults, and tells the catalogue's readers (the CLI, the SQL
 * compiler, the docs) which options a metric takes.
 *
 * Every field schema carries its constraint in the library's error grammar ("must be one of
 * mean, median"), so {@link readOptions} only adds the metric, the option's path and the value:
 * `firstResponseTime: statistic must be one of mean, median, p90, p95, got "avg"`.
 */

/** Whether a failed check is about the kind of value (TypeError) or its range (RangeError). */
type Kind = "type" | "range";

/**
 * An issue whose message is already a whole sentence (a domain check such as `schedule()`
 * threw it), so {@link readOptions} passes it on as it is, with its error class.
 */
interface WholeMessage {
  whole: true;
  kind: Kind;
}

function fail(ctx: z.core.ParsePayload, message: string, kind: Kind): typeof z.NEVER {
  addIssue(ctx, { message, params: { kind } });
  return z.NEVER;
}

/** One of a fixed set of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(", ")}` });
}

/** `true` or `false`. */
export function flag() {
  return z.boolean({ error: "must be a boolean" });
}

/** A finite number in `[min, max]`. */
export function between(min: number, max: number) {
  const message = `must be between ${min} and ${max}`;
  return z
    .number({ error: message })
    .check(z.refine((n) => n >= min && n <= max, { error: message, params: { kind: "range" } }));
}

/** A finite number above 0. */
export function positive() {
  const message = "must be a positive number";
  return z
    .number({ error: message })
    .check(
      z.refine((n) => Number.isFinite(n) && n > 0, { error: message, params: { kind: "range" } }),
    );
}

/** A whole number at least `min`. */
export function wholeNumber(min = 0) {
  const message = `must be a whole number at least ${min}`;
  return z.number({ error: message }).check(
    z.refine((n) => Number.isInteger(n) && n >= min, {
      error: message,
      params: { kind: "range" },
    }),
  );
}

/** What an instant option must be, in the words of its error. */
export const INSTANT = "must be a Date, an ISO 8601 string with an offset, or epoch milliseconds";
const OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** The epoch milliseconds of an instant option, or `NaN` when it is not one. */
function instantMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === "string" && OFFSET.test(value)) return Date.parse(value);
  return Number.NaN;
}

/** An instant: a Date, an ISO 8601 string with an offset, or epoch milliseconds; read as epoch milliseconds. */
export function instant() {
  return z.pipe(
    z.custom<Date | string | number>(),
    z.transform((value, ctx) => {
      const ms = instantMs(value);
      if (!Number.isFinite(ms)) return fail(ctx, INSTANT, "type");
      if (!isSupportedInstant(ms)) return fail(ctx, `must be ${SUPPORTED_INSTANTS}`, "range");
      return ms;
    }),
  );
}

/** A window `{ start, end }` of two instants, `end` not before `start`; read as epoch milliseconds. */
export function window() {
  return z
    .object({ start: instant(), end: instant() }, { error: "must be an object { start, end }" })
    .check(
      z.refine((w) => w.end >= w.start, {
        error: "must not end before it starts",
        params: { kind: "range" },
      }),
    );
}

/** Stands for the metric's name in a domain check's message until {@link readOptions} knows it. */
const FN = "\u0000fn";

/**
 * A value checked by a domain function that throws in the library's grammar (`schedule()`,
 * the percentile method...): `check` gets the value and a stand-in for the metric's name to
 * put at the start of its message, which is kept whole, with its error class. `In` is the type
 * the option is documented to take; wrap the field in `z.optional` when it may be left out.
 */
export function checkedBy<In, Out>(check: (value: In, fn: string) => Out) {
  return z.pipe(
    z.custom<In>(),
    z.transform((value, ctx) => {
      try {
        return check(value, FN);
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        addIssue(ctx, {
          message: error.message,
          params: { whole: true, kind: error instanceof RangeError ? "range" : "type" },
        });
        return z.NEVER;
      }
    }),
  );
}

/** A function option (a custom predicate); such a metric cannot be compiled to SQL. */
export function callback<F extends (...args: never[]) => unknown>() {
  return z.custom<F>((value) => typeof value === "function", { error: "must be a function" });
}

function pathText(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? String(part) : `.${String(part)}`;
  }
  return text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = Object.hasOwn(value, part) ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return value;
}

/**
 * Checks a metric's options against its schema and returns them with defaults applied, or
 * throws in the library's grammar: `fn: option must ..., got value` (a `RangeError` for a value
 * out of range, a `TypeError` for a value of the wrong kind). Options not in the schema are an
 * error too: a misspelt option must not be ignored silently.
 *
 * @example
 * import * as z from "zod/mini";
 * const schema = z.object({ statistic: z._default(oneOf(["mean", "median"]), "mean") });
 * let message = "";
 * try { readOptions("firstResponseTime", schema, { statistic: "avg" }); } catch (error) { message = error.message; }
 * [readOptions("firstResponseTime", schema, undefined), message]
 * //=> [{ statistic: "mean" }, 'firstResponseTime: statistic must be one of mean, median, got "avg"']
 */
export function readOptions<Schema extends z.ZodMiniType>(
  fn: string,
  schema: Schema,
  options: unknown,
): z.output<Schema> {
  if (options !== undefined && (options === null || typeof options !== "object")) {
    throw new TypeError(`${fn}: options must be an object, got ${show(options)}`);
  }
  const parsed = schema.safeParse(options ?? {}, { error: zodWords });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  const params = (issue as { params?: Partial<WholeMessage> }).params ?? {};
  // A value outside a fixed set is out of range, as for every other bound.
  const Class = params.kind === "range" || issue.code === "invalid_value" ? RangeError : TypeError;
  if (params.whole) throw new Class(issue.message.replaceAll(FN, fn));
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] as string;
    const path = pathText([...issue.path, key]);
    throw new TypeError(`${fn}: ${path} is not an option of ${fn}`);
  }
  const path = pathText(issue.path);
  throw new Class(`${fn}: ${path} ${issue.message}, got ${show(valueAt(options, issue.path))}`);
}
