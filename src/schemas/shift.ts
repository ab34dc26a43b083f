import * as z from "zod";
import { identifier, optionalIdentifier } from "./fields.ts";
import { type TimestampOptions, timestamp } from "./timestamp.ts";

function intervalSchema(options: TimestampOptions) {
  return z
    .object({ start: timestamp(options), end: timestamp(options) })
    .refine((interval) => interval.end >= interval.start, {
      message: "end must not be before start",
      path: ["end"],
    });
}

/** A time interval `[start, end)`. */
export interface Interval {
  start: Date;
  end: Date;
}

function shiftFields(options: TimestampOptions) {
  const intervals = z.array(intervalSchema(options)).max(100_000).default([]);
  return z.object({
    id: optionalIdentifier.default(null),
    agentId: identifier,
    /** The paid, scheduled time of the shift. */
    scheduled: intervalSchema(options).nullish(),
    /** When the agent was logged in. */
    loggedIn: intervals,
    /** Breaks, lunches, meetings and other time logged in but not available for work. */
    breaks: intervals,
    /** Time spent on customer work: handling and after-work. */
    working: intervals,
  });
}

/** An agent shift as a caller may give it. */
export type AgentShiftInput = z.input<ReturnType<typeof shiftFields>>;

/** A validated agent shift: the agent's scheduled, logged-in, break and working intervals. */
export interface AgentShift {
  id: string | null;
  agentId: string;
  scheduled: Interval | null;
  loggedIn: Interval[];
  breaks: Interval[];
  working: Interval[];
  /** Start of the shift: the scheduled start, else the first interval. Places it in a period. */
  startsAt: Date;
}

type Raw = z.output<ReturnType<typeof shiftFields>>;

function complete(raw: Raw, ctx: z.RefinementCtx): AgentShift {
  // A loop, not Math.min(...starts): spreading 300 000 intervals overflows the call stack.
  let earliest = Number.POSITIVE_INFINITY;
  for (const intervals of [raw.loggedIn, raw.working, raw.breaks]) {
    for (const interval of intervals) earliest = Math.min(earliest, interval.start.getTime());
  }
  if (!raw.scheduled && earliest === Number.POSITIVE_INFINITY) {
    ctx.addIssue({
      code: "custom",
      path: ["scheduled"],
      message: "or at least one interval is required",
      input: null,
    });
  }
  const startsAt = new Date(raw.scheduled ? raw.scheduled.start.getTime() : earliest);
  return { ...raw, scheduled: raw.scheduled ?? null, startsAt };
}

const cache = new Map<string, z.ZodType<AgentShift, unknown>>();

/**
 * The Zod schema of an agent shift.
 *
 * @example
 * agentShiftSchema().parse({
 *   agentId: "ana",
 *   scheduled: { start: "2024-03-04T09:00:00Z", end: "2024-03-04T17:00:00Z" },
 * }).startsAt.toISOString()
 * //=> "2024-03-04T09:00:00.000Z"
 */
export function agentShiftSchema(options: TimestampOptions = {}): z.ZodType<AgentShift, unknown> {
  const key = options.timeZone ?? "";
  let schema = cache.get(key);
  if (!schema) {
    schema = shiftFields(options).transform(complete);
    cache.set(key, schema);
  }
  return schema;
}

/** The agent shift schema for timestamps that carry their own offset. */
export const AgentShiftSchema = agentShiftSchema();
