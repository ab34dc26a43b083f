import type * as z from "zod/mini";
import {
  defineRecord,
  type FieldValues,
  orderRules,
  type RecordInputOf,
  type RecordOf,
  type Report,
} from "./fieldTable.ts";
import { schemaFor } from "./recordSchema.ts";
import type { TimestampOptions } from "./timestamp.ts";

const checkIntervalOrder = orderRules<{ start: Date; end: Date }>([
  ["end", "start", "end must not be before start"],
]);

const intervalRecord = defineRecord({
  noun: "interval",
  fields: {
    start: { kind: "timestamp", absent: "required", doc: "Where the interval starts." },
    end: { kind: "timestamp", absent: "required", doc: "Where it ends (excluded)." },
  },
  check: checkIntervalOrder,
});

/** A time interval `[start, end)`. */
export interface Interval extends RecordOf<typeof intervalRecord> {}

const shiftFields = {
  id: { kind: "identifier", absent: null, doc: "The shift's id." },
  agentId: { kind: "identifier", absent: "required", doc: "The agent working the shift." },
  scheduled: {
    kind: "record",
    of: intervalRecord,
    absent: null,
    doc: "The paid, scheduled time of the shift.",
  },
  loggedIn: {
    kind: "records",
    of: intervalRecord,
    max: 100_000,
    absent: [],
    doc: "When the agent was logged in.",
  },
  breaks: {
    kind: "records",
    of: intervalRecord,
    max: 100_000,
    absent: [],
    doc: "Breaks, lunches, meetings: time logged in but not available for work.",
  },
  working: {
    kind: "records",
    of: intervalRecord,
    max: 100_000,
    absent: [],
    doc: "Time spent on customer work: handling and after-work.",
  },
} as const;

type ShiftFields = FieldValues<typeof shiftFields>;

/** A validated agent shift: the agent's scheduled, logged-in, break and working intervals. */
export interface AgentShift extends ShiftFields {
  /** Start of the shift: the scheduled start, else the first interval. Places it in a period. */
  startsAt: Date;
}

/** A shift needs a schedule or an interval; it starts at the first of them. */
function completeShift(raw: ShiftFields, report: Report): AgentShift {
  // A loop, not Math.min(...starts): spreading 300 000 intervals overflows the call stack.
  let earliest = Number.POSITIVE_INFINITY;
  for (const intervals of [raw.loggedIn, raw.working, raw.breaks]) {
    for (const interval of intervals) earliest = Math.min(earliest, interval.start.getTime());
  }
  if (!raw.scheduled && earliest === Number.POSITIVE_INFINITY) {
    report(["scheduled"], "or at least one interval is required", null);
  }
  const shift = raw as AgentShift;
  shift.startsAt = new Date(raw.scheduled ? raw.scheduled.start.getTime() : earliest);
  return shift;
}

const agentShiftRecord = defineRecord({
  noun: "agent shift",
  fields: shiftFields,
  complete: completeShift,
});

/** An agent shift as a caller may give it. */
export type AgentShiftInput = RecordInputOf<typeof agentShiftRecord>;

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
export function agentShiftSchema(
  options: TimestampOptions = {},
): z.ZodMiniType<AgentShift, unknown> {
  return schemaFor(agentShiftRecord, options);
}

/** The agent shift schema for timestamps that carry their own offset. */
export const AgentShiftSchema = /* @__PURE__ */ agentShiftSchema();
