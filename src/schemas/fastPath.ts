import type * as z from "zod/mini";
import type { FieldIssue } from "./fieldIssue.ts";

/**
 * Fast paths for the schemas that see millions of records.
 *
 * A fast path takes one raw record and either returns exactly what the Zod schema would
 * output for it, or returns `undefined` to hand the record to the schema.
 *
 * A schema may also have an explainer, asked when the fast path declines: it returns the
 * very issues the schema would report (same paths, codes, messages, order) for the common
 * problems (a missing id, an unreadable timestamp, a negative count, a wrong type), or
 * `undefined` for anything else, which then goes through Zod. Zod's failure path costs
 * 10–15 µs a record (issue objects, error maps, an Error), so a file with 1 % bad rows would
 * spend as long on them as on the 99 % good ones.
 *
 * Both are built from a record kind's field table (recordSchema.ts), like the schema itself,
 * so the three cannot be written to disagree; property tests (`fastPath.test-prop.ts`)
 * compare them with the schema on random valid, nearly valid and hostile records.
 *
 * Why: Zod, even compiled, builds an intermediate result per field and runs each transform
 * through its context machinery; a ticket has 21 fields. Plain typeof checks and one object
 * literal per record are 3–5 times faster and give every validated record the same hidden
 * class, which the reducers downstream also profit from.
 */

/** A fast path: the schema's output for `raw`, or `undefined` for "ask the schema". */
export type FastPath<T> = (raw: unknown) => T | undefined;

/** An explainer: the schema's issues for `raw` (never empty), or `undefined` for "ask the schema". */
export type Explain = (raw: unknown) => FieldIssue[] | undefined;

/** A schema's fast path and explainer. */
export interface FastPaths<T> {
  fast: FastPath<T>;
  explain?: Explain;
}

/** Attached to a schema: its fast paths, or how to build them on first use. */
type Attached = { built: FastPaths<unknown> } | { build: () => FastPaths<unknown> };

const fastPaths = new WeakMap<object, Attached>();

/**
 * Attaches a fast path (and an explainer) to a schema; `validate` tries them before the
 * schema. `build` runs once, on first use, not when the schema is made: it may generate code,
 * and a module that only imports the schemas must not.
 */
export function withFastPath<T>(
  schema: z.ZodMiniType<T, unknown>,
  build: () => FastPaths<T>,
): z.ZodMiniType<T, unknown> {
  fastPaths.set(schema, { build: build as () => FastPaths<unknown> });
  return schema;
}

/** The fast path and explainer attached to a schema, if any. */
export function fastPathOf<T>(schema: z.ZodMiniType<T, unknown>): FastPaths<T> | undefined {
  const attached = fastPaths.get(schema);
  if (attached === undefined) return undefined;
  if ("built" in attached) return attached.built as FastPaths<T>;
  const built = attached.build();
  fastPaths.set(schema, { built });
  return built as FastPaths<T>;
}
