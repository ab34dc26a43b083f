/**
 * An SLA policy's targets: the kinds of target, a target's duration and clock, and their Zod
 * schemas (targets by kind, and targets by priority as Zendesk shapes them). The policy that
 * holds them: policy.ts.
 */
import * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import { addIssue, zodWords } from "../schemas/issues.ts";
import { MAX_BUSINESS_SPAN_MS, MAX_BUSINESS_SPAN_YEARS } from "../time/businessTime.ts";

/**
 * The kinds of target a policy can set:
 * - `firstReply`: from the ticket's creation to its first public human agent reply;
 * - `nextReply`: from each customer message left unanswered after the first reply (the first
 *   of a run of them) to the next public human agent reply;
 * - `periodicUpdate`: from each public human agent message to the next one;
 * - `resolution`: from the ticket's creation to its resolution (final by default).
 */
export const SLA_KINDS = ["firstReply", "nextReply", "periodicUpdate", "resolution"] as const;
/** A kind of SLA target; see {@link SLA_KINDS}. */
export type SlaKind = (typeof SLA_KINDS)[number];

/** One target as a caller writes it: a duration in `seconds` or `minutes`, and its clock. */
export interface SlaTargetInput {
  /** The duration allowed, in seconds. Give this or `minutes`. */
  seconds?: number;
  /** The duration allowed, in minutes (as Zendesk stores targets). Give this or `seconds`. */
  minutes?: number;
  /**
   * `true`: the duration is counted in working time of the schedule given when evaluating;
   * `false`: in calendar (elapsed) time.
   */
  businessHours: boolean;
}

/** A validated target: the duration in seconds and its clock. */
export interface SlaTarget {
  readonly seconds: number;
  readonly businessHours: boolean;
}

/** Targets as a caller writes them, by kind; a kind left out has no target. */
export type SlaTargetsInput = { [Kind in SlaKind]?: SlaTargetInput };
/** Validated targets by kind. */
export type SlaTargets = { readonly [Kind in SlaKind]?: SlaTarget };

const KIND_LIST = SLA_KINDS.join(", ");

const positive = "must be a positive number";
/**
 * A target's duration, positive and at most {@link MAX_BUSINESS_SPAN_YEARS} years (in its
 * unit): a target beyond what business time measures is refused here, not met as an
 * unbounded search or an Invalid Date later (docs/business-hours.md, "Limits").
 */
const durationNumber = (perSecond: number) => {
  const most = MAX_BUSINESS_SPAN_MS / 1000 / perSecond;
  return z
    .number({ error: positive })
    .check(
      z.positive({ error: positive }),
      z.maximum(most, { error: `must be at most ${most} (${MAX_BUSINESS_SPAN_YEARS} years)` }),
    );
};

const targetSchema = z.pipe(
  z
    .strictObject(
      {
        seconds: z.optional(durationNumber(1)),
        minutes: z.optional(durationNumber(60)),
        businessHours: z.boolean({ error: "must be a boolean" }),
      },
      {
        error: (issue) =>
          issue.code === "unrecognized_keys"
            ? `must have only seconds or minutes, and businessHours, got ${show(issue.keys[0])}`
            : "must be an object { seconds or minutes, businessHours }",
      },
    )
    .check(
      z.superRefine((target, ctx) => {
        const given =
          (target.seconds === undefined ? 0 : 1) + (target.minutes === undefined ? 0 : 1);
        if (given !== 1) {
          ctx.addIssue({
            code: "custom",
            message: `must give exactly one of seconds or minutes, got ${given === 0 ? "neither" : "both"}`,
            input: undefined,
          });
        }
      }),
    ),
  z.transform(
    (target): SlaTarget =>
      Object.freeze({
        seconds: target.seconds ?? (target.minutes as number) * 60,
        businessHours: target.businessHours,
      }),
  ),
);

export const targetsSchema = z.pipe(
  z.strictObject(
    {
      firstReply: z.optional(targetSchema),
      nextReply: z.optional(targetSchema),
      periodicUpdate: z.optional(targetSchema),
      resolution: z.optional(targetSchema),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `must name targets among ${KIND_LIST}, got ${show(issue.keys[0])}`
          : "must be an object of targets by kind",
    },
  ),
  z.transform((targets): SlaTargets => {
    const out: { [Kind in SlaKind]?: SlaTarget } = {};
    for (const kind of SLA_KINDS) {
      const target = targets[kind];
      if (target) out[kind] = target;
    }
    return Object.freeze(out);
  }),
);

/** Zod's English for the issues of a part that has no message of its own (see zodWords). */
const WORDS = { error: zodWords };

/** Parse options of a part parsed on its own: the input on each issue, and Zod's English. */
const REPORTED = { reportInput: true, error: zodWords };

const BY_PRIORITY = "must be an object of targets by priority";

/** Whether a value is an object of keys (not an array, nor a class's instance), as Zod says it. */
function isPlainObject(value: unknown): value is Record<PropertyKey, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const made = value.constructor;
  if (typeof made !== "function") return true;
  const prototype: unknown = made.prototype;
  return (
    typeof prototype === "object" &&
    prototype !== null &&
    !Array.isArray(prototype) &&
    Object.hasOwn(prototype, "isPrototypeOf")
  );
}

/**
 * Targets by priority: an object of {@link targetsSchema} by priority name. This is what
 * `z.record(z.string(), targetsSchema)` does for it, same issues (codes, paths, messages) and
 * output, written out because Zod's record schema would be the largest single part of Zod in
 * a browser bundle (2.5 KB minified) for this one field.
 */
export const targetsByPriority = z.pipe(
  z.unknown(),
  z.transform((input, ctx): Record<string, SlaTargets> => {
    if (!isPlainObject(input)) {
      addIssue(ctx, { expected: "record", code: "invalid_type", input, message: BY_PRIORITY });
      return z.NEVER;
    }
    const out: Record<string, SlaTargets> = {};
    for (const key of Reflect.ownKeys(input)) {
      if (key === "__proto__" || !Object.prototype.propertyIsEnumerable.call(input, key)) continue;
      if (typeof key === "symbol") {
        const issues = z.string(WORDS).safeParse(key, REPORTED).error?.issues ?? [];
        addIssue(ctx, {
          code: "invalid_key",
          origin: "record",
          issues,
          input: key,
          path: [key],
          message: BY_PRIORITY,
        });
        continue;
      }
      const parsed = targetsSchema.safeParse(input[key], REPORTED);
      if (parsed.success) out[key] = parsed.data;
      else
        for (const issue of parsed.error.issues)
          addIssue(ctx, { ...issue, path: [key, ...issue.path] });
    }
    return out;
  }),
);
