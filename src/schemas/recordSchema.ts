import * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import { checkTimeZone } from "../time/zone.ts";
import { type FastPaths, withFastPath } from "./fastPath.ts";
import type { FieldIssue } from "./fieldIssue.ts";
import {
  FIELD_KINDS,
  type FieldKind,
  isRecordObject,
  type KindContext,
  type Reader,
  readAbsent,
  SLOW,
} from "./fieldKinds.ts";
import type { FieldSpec, RecordDefinition, RecordOf, Report } from "./fieldTable.ts";
import { generate, literal } from "./generate.ts";
import { addIssue, DEFER, type Explainer, notAnObject, under, zodWords } from "./issues.ts";
import type { TimestampOptions } from "./timestamp.ts";

/**
 * A record kind's definition (fieldTable.ts) made into its three validators:
 *
 * - the Zod schema: one field schema per row of the table, then the definition's `check` as
 *   a refinement and its `complete` (derived fields, the rules on them) as a transform;
 * - the fast path: one reader per field, then the same `check` and `complete`; built once
 *   per zone, on first use, as a flat generated function (see {@link compileReader});
 * - the explainer: one explainer per field, then the same `check` and `complete` collecting
 *   what they report, where Zod would run them.
 *
 * Each part is made once per definition and zone, and nested records (messages, intervals)
 * are made by the same code, so the parts agree at every depth.
 */

/** The parts of every definition already made for one zone. */
interface Zone {
  context: KindContext;
  zods: WeakMap<RecordDefinition, z.ZodMiniType>;
  readers: WeakMap<RecordDefinition, Reader>;
  explainers: WeakMap<RecordDefinition, Explainer>;
  schemas: WeakMap<RecordDefinition, z.ZodMiniType>;
}

const zones = new Map<string, Zone>();

/** The zone's parts; an unknown zone name is a RangeError, as `timestamp()` says it. */
function zoneOf(options: TimestampOptions): Zone {
  const key = options.timeZone ?? "";
  const zone = zones.get(key);
  if (zone) return zone;
  const timeZone =
    options.timeZone === undefined ? undefined : checkTimeZone(options.timeZone, "timestamp");
  const made: Zone = {
    context: {
      options: timeZone === undefined ? {} : { timeZone },
      timeZone,
      zodOf: (definition) => zodOf(definition, made),
      readerOf: (definition) => readerOf(definition, made),
      explainerOf: (definition) => explainerOf(definition, made),
    },
    zods: new WeakMap(),
    readers: new WeakMap(),
    explainers: new WeakMap(),
    schemas: new WeakMap(),
  };
  zones.set(key, made);
  return made;
}

function kindOf(spec: FieldSpec): FieldKind<FieldSpec> {
  return FIELD_KINDS[spec.kind] as FieldKind<FieldSpec>;
}

/** The field names of a definition, checked once: a name must be safe as a plain key. */
function namesOf(definition: RecordDefinition): string[] {
  const names = Object.keys(definition.fields);
  for (const name of names) {
    if (name === "__proto__" || name === "constructor" || name === "") {
      throw new TypeError(`${definition.noun}: field name must be a plain key, got ${show(name)}`);
    }
  }
  return names;
}

/**
 * The loop's end (the generated fast path writes the same out): runs `check`, then `complete`,
 * with a reporter that only notes whether anything was reported; a record with a problem goes
 * to the schema.
 */
function finisher(definition: RecordDefinition): (record: Record<string, unknown>) => unknown {
  const { check, complete } = definition;
  if (check === undefined && complete === undefined) return (record) => record;
  let failed = false;
  const fail: Report = () => {
    failed = true;
  };
  return (record) => {
    failed = false;
    check?.(record as never, fail);
    if (failed) return SLOW;
    const output = complete === undefined ? record : complete(record as never, fail);
    return failed ? SLOW : output;
  };
}

/** A reporter that adds each problem to Zod's context as a custom issue. */
function reportTo(ctx: z.core.ParsePayload): Report {
  return (path, message, input) => {
    addIssue(ctx, { path, message, input });
  };
}

/** A reporter for a refinement, whose issues let the refinements after it run. */
function refinementReport(ctx: z.core.$RefinementCtx): Report {
  return (path, message, input) => {
    ctx.addIssue({ code: "custom", path, message, input });
  };
}

// ---------------------------------------------------------------------------------------
// The Zod schema

function zodOf(definition: RecordDefinition, zone: Zone): z.ZodMiniType {
  let schema = zone.zods.get(definition);
  if (schema) return schema;
  const shape: Record<string, z.ZodMiniType> = {};
  for (const name of namesOf(definition)) {
    const spec = definition.fields[name] as FieldSpec;
    shape[name] = kindOf(spec).zod(spec, zone.context).check(z.describe(spec.doc));
  }
  const { check, complete } = definition;
  // As the hand-written schemas were: a refinement, then a transform, which Zod runs only on
  // a record without problems.
  const object = z.object(shape, { error: zodWords });
  const checked =
    check === undefined
      ? object
      : object.check(
          z.superRefine((record, ctx) => {
            check(record as never, refinementReport(ctx));
          }),
        );
  schema =
    complete === undefined
      ? checked
      : z.pipe(
          checked,
          z.transform((record, ctx) => complete(record as never, reportTo(ctx))),
        );
  zone.zods.set(definition, schema);
  return schema;
}

// ---------------------------------------------------------------------------------------
// The fast path

function readerOf(definition: RecordDefinition, zone: Zone): Reader {
  let reader = zone.readers.get(definition);
  if (reader) return reader;
  const names = namesOf(definition);
  const specs = names.map((name) => definition.fields[name] as FieldSpec);
  const readers = specs.map((spec) => kindOf(spec).read(spec, zone.context));
  reader = compileReader(definition, names, specs, readers);
  zone.readers.set(definition, reader);
  return reader;
}

/** What an absent field becomes, written as code: a fresh `[]` each time for a list. */
function defaultCode(absent: FieldSpec["absent"]): string {
  return Array.isArray(absent)
    ? "[]"
    : absent === "undefined"
      ? "undefined"
      : JSON.stringify(absent);
}

/**
 * One function that reads a record's fields with their readers and builds the record as one
 * object literal, as a hand-written fast path would: property reads, what absence means and
 * the literal are spelled out, so that each field's reader is called from a site of its own
 * (and inlined) and every record gets the same hidden class. A loop over the fields with
 * computed keys and shared wrappers validated tickets 1.6 times and survey responses twice
 * as slowly (measured against this on bench/validate.bench.ts's data); it runs where code
 * generation is off (see generate.ts).
 */
function compileReader(
  definition: RecordDefinition,
  names: readonly string[],
  specs: readonly FieldSpec[],
  readers: readonly Reader[],
): Reader {
  const keys = names.map(literal);
  const read = (spec: FieldSpec, i: number): string => {
    const value = `input[${keys[i]}]`;
    if (spec.absent === "required") return `const v${i} = r${i}(${value});`;
    const absent =
      spec.absent === null ? `x${i} === undefined || x${i} === null` : `x${i} === undefined`;
    return `const x${i} = ${value}; const v${i} = ${absent} ? ${defaultCode(spec.absent)} : r${i}(x${i});`;
  };
  const { check, complete } = definition;
  const generated = generate<Reader>(
    ["SLOW", "check", "complete", ...names.map((_, i) => `r${i}`)],
    [
      // `fail` notes a problem reported by `check` or `complete`: the record goes to the schema.
      "let failed = false;",
      "const fail = () => { failed = true; };",
      "return function read(input) {",
      '  if (typeof input !== "object" || input === null || Array.isArray(input)) return SLOW;',
      ...specs.map((spec, i) => `  ${read(spec, i)} if (v${i} === SLOW) return SLOW;`),
      `  const record = { ${keys.map((key, i) => `${key}: v${i}`).join(", ")} };`,
      "  failed = false;",
      check ? "  check(record, fail); if (failed) return SLOW;" : "",
      complete ? "  const output = complete(record, fail);" : "  const output = record;",
      "  return failed ? SLOW : output;",
      "};",
    ].join("\n"),
    [SLOW, check, complete, ...readers],
  );
  if (generated) return generated;
  const finish = finisher(definition);
  const count = names.length;
  const absentApplied = specs.map((spec, i) => readAbsent(spec, readers[i] as Reader));
  return (input) => {
    if (!isRecordObject(input)) return SLOW;
    const record: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      const value = (absentApplied[i] as Reader)(input[name]);
      if (value === SLOW) return SLOW;
      record[name] = value;
    }
    return finish(record);
  };
}

// ---------------------------------------------------------------------------------------
// The explainer

/** An issue Zod lets a record's refinements run after: a number out of bounds. */
function outOfBounds(found: FieldIssue): boolean {
  return found.code === "too_small" || found.code === "too_big";
}

function explainerOf(definition: RecordDefinition, zone: Zone): Explainer {
  let explainer = zone.explainers.get(definition);
  if (explainer) return explainer;
  const names = namesOf(definition);
  const specs = names.map((name) => definition.fields[name] as FieldSpec);
  const explainers = specs.map((spec) => kindOf(spec).explain(spec, zone.context));
  const readers = specs.map((spec) => readAbsent(spec, kindOf(spec).read(spec, zone.context)));
  const { check, complete } = definition;
  explainer = (input) => {
    if (!isRecordObject(input)) {
      // Fresh issues: a rejection's issues are the caller's to keep.
      const verdict = notAnObject(input);
      return verdict === DEFER || verdict === null
        ? verdict
        : verdict.map((found) => ({ ...found, path: [] }));
    }
    // Field by field, in the table's order: the schema reports its issues in it.
    const issues: FieldIssue[] = [];
    const record: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const value = input[name];
      const verdict = (explainers[i] as Explainer)(value);
      if (verdict === DEFER) return DEFER;
      if (verdict === null) {
        const read = (readers[i] as Reader)(value);
        // A field its explainer passes but its reader does not: the schema decides.
        if (read === SLOW) return DEFER;
        record[name] = read;
      } else {
        for (const found of verdict) issues.push(under(name, found));
        // As Zod keeps it in the record that `check` sees (a number out of bounds).
        record[name] = value;
      }
    }
    if (issues.length > 0) {
      // Zod still runs `check` when every problem is a number out of its bounds, on the
      // values as given; such a problem deeper in the record is left to Zod.
      if (check === undefined || !issues.every(outOfBounds)) return issues;
      if (!issues.every((found) => found.path.length === 1)) return DEFER;
    }
    // What is left is the rules between fields, on their values; `complete` only on a record
    // without problems.
    const collect: Report = (path, message) => {
      issues.push({ path, code: "custom", message });
    };
    check?.(record as never, collect);
    if (issues.length === 0) complete?.(record as never, collect);
    return issues.length > 0 ? issues : null;
  };
  zone.explainers.set(definition, explainer);
  return explainer;
}

// ---------------------------------------------------------------------------------------
// The schema, with its fast paths attached

const definitions = new WeakMap<object, RecordDefinition>();

/**
 * The Zod schema of a record kind for timestamps read in `options.timeZone`, with its fast
 * path and explainer attached for `validate`. Made once per definition and zone.
 */
export function schemaFor<D extends RecordDefinition>(
  definition: D,
  options: TimestampOptions = {},
): z.ZodMiniType<RecordOf<D>, unknown> {
  const zone = zoneOf(options);
  let schema = zone.schemas.get(definition);
  if (schema) return schema as z.ZodMiniType<RecordOf<D>, unknown>;
  schema = withFastPath(zodOf(definition, zone), () => fastPathsOf(definition, zone));
  definitions.set(schema, definition);
  zone.schemas.set(definition, schema);
  return schema as z.ZodMiniType<RecordOf<D>, unknown>;
}

/**
 * The definition (field table and rules) a schema was made from by {@link schemaFor}, for
 * code that describes records rather than validates them (the readers' field list).
 */
export function definitionOf(schema: z.ZodMiniType): RecordDefinition | undefined {
  return definitions.get(schema);
}

function fastPathsOf(definition: RecordDefinition, zone: Zone): FastPaths<unknown> {
  const read = readerOf(definition, zone);
  const explain = explainerOf(definition, zone);
  return {
    fast(input) {
      const record = read(input);
      return record === SLOW ? undefined : record;
    },
    explain(input) {
      const verdict = explain(input);
      return verdict === DEFER || verdict === null ? undefined : (verdict as FieldIssue[]);
    },
  };
}
