/**
 * Evaluating a ticket against SLA policies: every target instance with its start, due
 * instant, completion and status as of a given instant. Definition: docs/definitions.md,
 * "SLA policies". The clocks (when an instance starts, what stops it) are in clocks.ts.
 */
import { requireInstant, requireOneOf, show } from "../reduce/arguments.ts";
import { addBusinessTime, businessDuration, type ScheduleRule } from "../time/businessTime.ts";
import type { Schedules } from "../time/schedule.ts";
import {
  type Clock,
  clock,
  nextReplyClocks,
  periodicClocks,
  resolutionClock,
  resolutionsOf,
} from "./clocks.ts";
import {
  SLA_KINDS,
  type SlaKind,
  type SlaPolicy,
  type SlaPolicyInput,
  type SlaTarget,
  type SlaTicket,
  slaPolicies,
} from "./policy.ts";
import { policyFor, targetsFor } from "./policyFor.ts";

/** Where a target instance stands as of the evaluation instant. */
export type SlaStatus = "achieved" | "breached" | "inProgress";

/** Which resolution a `resolution` target measures to. */
export type SlaResolution = "first" | "full";

/**
 * Why a target could not be evaluated on a ticket: no messages (next reply, periodic update),
 * no schedule in force, or a first reply target on a ticket whose first response is not given
 * (`firstResponseAt` undefined: unknown, not "never answered").
 */
export type SlaNotEvaluatedReason = "noMessages" | "noSchedule" | "unknownFirstResponse";

/**
 * What an evaluation found for the ticket as a whole:
 * - `"evaluated"`: a policy applies and sets targets (there may still be no instance yet);
 * - `"noPolicy"`: no policy's conditions match the ticket;
 * - `"noTarget"`: a policy applies but sets none of the asked-for targets for the ticket's
 *   priority;
 * - `"createdAfterAsOf"`: the ticket did not exist yet at the evaluation instant.
 */
export type SlaOutcome = "evaluated" | "noPolicy" | "noTarget" | "createdAfterAsOf";

/** Options for {@link evaluateSla} and the `slaAttainment` metric. */
export interface SlaOptions {
  /** Policies in matching order (first match wins); see `slaPolicies`. */
  policies: readonly (SlaPolicy | SlaPolicyInput)[];
  /**
   * The instant the evaluation is made at: events after it have not happened yet. Required,
   * so that a result does not change with the moment a report is run.
   */
  asOf: Date | string | number;
  /** The working schedule business-hours targets are counted in; required if there are any. */
  schedule?: Schedules;
  /**
   * How a business duration (how far past due) is timed when the schedule changes inside it;
   * see `ScheduleRule`. Defaults to `"perSegment"`.
   */
  scheduleRule?: ScheduleRule;
  /** Evaluate only these kinds of target. Defaults to all four. */
  targets?: readonly SlaKind[];
  /**
   * `"full"` (default): a `resolution` target is met by the ticket's final resolution, as
   * Zendesk's total resolution time; a ticket reopened and not yet solved again is still
   * running. `"first"`: by its first resolution.
   */
  resolution?: SlaResolution;
}

/** One target instance: a clock started by an event, and what became of it. */
export interface SlaInstance {
  kind: SlaKind;
  /** The target's duration in seconds, and whether it counts business hours. */
  targetSeconds: number;
  businessHours: boolean;
  /** When the clock started. */
  start: Date;
  /** When the target falls due: start + target, in the target's clock. */
  due: Date;
  /** When the target was met (a reply, or a resolution), `null` if not yet as of `asOf`. */
  completedAt: Date | null;
  /** What met it: an agent `"reply"`, the ticket's `"resolution"`, or `null`. */
  completedBy: "reply" | "resolution" | null;
  /** As of `asOf`. */
  status: SlaStatus;
  /**
   * For a breach: how far past due, in seconds of the target's clock (working seconds for a
   * business target), up to its completion or, if still open, to `asOf`. `null` otherwise.
   */
  overdueSeconds: number | null;
}

/** A target that applies but could not be evaluated, and why. */
export interface SlaNotEvaluated {
  kind: SlaKind;
  reason: SlaNotEvaluatedReason;
  /**
   * The instance's start when known (`noSchedule`), `null` for a whole kind (`noMessages`,
   * `unknownFirstResponse`).
   */
  start: Date | null;
}

/** The SLA evaluation of one ticket. */
export interface SlaEvaluation {
  /** The policy that applies, or `null`. */
  policy: SlaPolicy | null;
  /** See {@link SlaOutcome}. */
  outcome: SlaOutcome;
  /** Every target instance started by `asOf`, by kind (in `SLA_KINDS` order), then by start. */
  instances: SlaInstance[];
  /**
   * Targets that apply but cannot be evaluated: `nextReply` and `periodicUpdate` on a ticket
   * given without messages, or with an empty list (`noMessages`, once per kind), and instances whose due instant or
   * overdue time falls where no schedule version is in force (`noSchedule`).
   */
  notEvaluated: SlaNotEvaluated[];
}

/**
 * Builds an evaluator for many tickets: options are checked once (see {@link evaluateSla}).
 *
 * @param options - See {@link SlaOptions}.
 * @param fn - The name used in error messages.
 * @returns A function evaluating one ticket, as of `asOf` or of the instant it is given.
 *
 * @example
 * const policies = [{ name: "High", priority: "high", targets: { firstReply: { minutes: 60, businessHours: false } } }];
 * const evaluate = slaEvaluator({ policies, asOf: "2024-03-02T00:00:00Z" }); // options checked once
 * const ticket = (firstResponseAt) => ({ createdAt: new Date("2024-03-01T09:00:00Z"), priority: "high",
 *   status: "open", firstResponseAt: new Date(firstResponseAt), firstResolvedAt: null, lastResolvedAt: null });
 * [ticket("2024-03-01T09:30:00Z"), ticket("2024-03-01T10:30:00Z")].map((t) => evaluate(t).instances[0].status)
 * //=> ["achieved", "breached"]
 */
export function slaEvaluator(
  options: SlaOptions,
  fn = "evaluateSla",
): (ticket: SlaTicket, at?: number) => SlaEvaluation {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `${fn}: options must be an object with policies and asOf, got ${show(options)}`,
    );
  }
  const policies = slaPolicies(options.policies, fn);
  const asOf = requireInstant(fn, "asOf", options.asOf);
  const rule = requireOneOf(fn, "scheduleRule", options.scheduleRule ?? "perSegment", [
    "perSegment",
    "atEvent",
  ] as const);
  const resolution = requireOneOf(fn, "resolution", options.resolution ?? "full", [
    "first",
    "full",
  ] as const);
  const kindsOption = options.targets ?? SLA_KINDS;
  if (!Array.isArray(kindsOption) || kindsOption.length === 0) {
    // An empty list has the right kind but too few kinds: out of range.
    const Failure = Array.isArray(kindsOption) ? RangeError : TypeError;
    throw new Failure(
      `${fn}: targets must be a non-empty array of ${SLA_KINDS.join(", ")}, got ${show(kindsOption)}`,
    );
  }
  const selected = new Set(kindsOption.map((kind) => requireOneOf(fn, "targets", kind, SLA_KINDS)));
  const kinds = SLA_KINDS.filter((kind) => selected.has(kind));
  const schedules = options.schedule ?? null;
  if (schedules !== null && typeof schedules !== "object") {
    throw new TypeError(
      `${fn}: schedule must be a schedule or an array of its versions, got ${show(schedules)}`,
    );
  }
  if (schedules === null) {
    policies.forEach((policy, index) => {
      const sets = [
        ["targets", policy.targets] as const,
        ...Object.entries(policy.targetsByPriority).map(
          ([priority, targets]) => [`targetsByPriority.${priority}`, targets] as const,
        ),
      ];
      for (const [where, targets] of sets) {
        for (const kind of kinds) {
          if (targets?.[kind]?.businessHours) {
            throw new TypeError(
              `${fn}: schedule must be given for business-hours targets (policies[${index}].${where}.${kind}), got none`,
            );
          }
        }
      }
    });
  }

  /** An instance from a clock, or why it cannot be evaluated. */
  function instance(
    kind: SlaKind,
    target: SlaTarget,
    run: Clock,
    asOf: number,
  ): SlaInstance | SlaNotEvaluated {
    const noSchedule: SlaNotEvaluated = { kind, reason: "noSchedule", start: new Date(run.start) };
    let due: number;
    if (target.businessHours) {
      const at = addBusinessTime(run.start, target.seconds, schedules as Schedules);
      if (at === null) return noSchedule;
      due = at.getTime();
    } else {
      due = run.start + target.seconds * 1000;
    }
    // How far past due, in the target's clock. In business time a target met after closing
    // on its due day, before the next opening, lost no working time: it is not late.
    const end = run.end ?? asOf;
    let overdue = 0;
    if (end > due) {
      if (target.businessHours) {
        const seconds = businessDuration(due, end, schedules as Schedules, { rule });
        if (seconds === null) return noSchedule;
        overdue = seconds;
      } else {
        overdue = (end - due) / 1000;
      }
    }
    const status: SlaStatus =
      overdue > 0 ? "breached" : run.end === null ? "inProgress" : "achieved";
    return {
      kind,
      targetSeconds: target.seconds,
      businessHours: target.businessHours,
      start: new Date(run.start),
      due: new Date(due),
      completedAt: run.end === null ? null : new Date(run.end),
      completedBy: run.by,
      status,
      overdueSeconds: status === "breached" ? overdue : null,
    };
  }

  return (ticket, at = asOf) => {
    const policy = policyFor(ticket, policies);
    const evaluation: SlaEvaluation = {
      policy,
      outcome: "evaluated",
      instances: [],
      notEvaluated: [],
    };
    if (policy === null) {
      evaluation.outcome = "noPolicy";
      return evaluation;
    }
    const targets = targetsFor(policy, ticket);
    const applying = kinds.filter((kind) => targets?.[kind] !== undefined);
    if (applying.length === 0) {
      evaluation.outcome = "noTarget";
      return evaluation;
    }
    const created = ticket.createdAt.getTime();
    if (created > at) {
      evaluation.outcome = "createdAfterAsOf";
      return evaluation;
    }
    const resolutions = resolutionsOf(ticket);
    // As for reply time, an empty list of messages is no messages.
    const messages = ticket.messages && ticket.messages.length > 0 ? ticket.messages : null;
    for (const kind of applying) {
      const target = (targets as Record<SlaKind, SlaTarget>)[kind];
      let clocks: Clock[];
      if (kind === "firstReply") {
        if (ticket.firstResponseAt === undefined) {
          evaluation.notEvaluated.push({ kind, reason: "unknownFirstResponse", start: null });
          continue;
        }
        clocks = [clock(created, ticket.firstResponseAt?.getTime() ?? null, resolutions, at)];
      } else if (kind === "resolution") {
        clocks = [resolutionClock(created, resolutions, at, resolution)];
      } else if (messages === null) {
        evaluation.notEvaluated.push({ kind, reason: "noMessages", start: null });
        continue;
      } else if (kind === "nextReply") {
        clocks = nextReplyClocks(
          messages,
          ticket.firstResponseAt?.getTime() ?? null,
          resolutions,
          at,
        );
      } else {
        clocks = periodicClocks(messages, resolutions, at);
      }
      for (const run of clocks) {
        const result = instance(kind, target, run, at);
        if ("due" in result) evaluation.instances.push(result);
        else evaluation.notEvaluated.push(result);
      }
    }
    return evaluation;
  };
}

/**
 * Evaluates one ticket against SLA policies as of an instant: finds the policy that applies
 * (the first whose conditions the ticket meets), and lists every target instance started by
 * `asOf` with its due instant, completion and status.
 *
 * - `firstReply`: creation → the ticket's first public human agent reply (`firstResponseAt`).
 * - `nextReply` (needs messages): each customer message after the first reply that waits for
 *   an answer (the first of a run of them) → the next public human agent reply.
 * - `periodicUpdate` (needs messages): each public human agent message → the next one.
 * - `resolution`: creation → the final resolution (or the first, with `resolution: "first"`).
 *
 * A reply clock is also met when the ticket is solved before the reply comes. The due instant
 * is start + target: plain addition in calendar time, `addBusinessTime` in business time. A
 * target is breached when it was met after its due instant, or is still open at `asOf` past
 * it; `overdueSeconds` says by how much, in the target's clock. Events after `asOf` are
 * ignored. Definition: docs/business-hours.md, "SLA policies".
 *
 * @param ticket - A validated ticket (the fields in `SlaTicket`).
 * @param options - See {@link SlaOptions}; `policies` and `asOf` are required.
 * @returns See {@link SlaEvaluation}.
 *
 * @example
 * const ticket = { createdAt: new Date("2024-03-01T09:00:00Z"), priority: "high", status: "open",
 *   firstResponseAt: new Date("2024-03-01T10:30:00Z"), firstResolvedAt: null, lastResolvedAt: null };
 * const policies = [{ name: "High", priority: "high", targets: { firstReply: { minutes: 60, businessHours: false } } }];
 * // due 09:00 + 60 min = 10:00; answered 10:30, 1800 s late
 * const [first] = evaluateSla(ticket, { policies, asOf: "2024-03-02T00:00:00Z" }).instances;
 * [first.status, first.due.toISOString(), first.overdueSeconds]
 * //=> ["breached", "2024-03-01T10:00:00.000Z", 1800]
 */
export function evaluateSla(ticket: SlaTicket, options: SlaOptions): SlaEvaluation {
  return slaEvaluator(options)(ticket);
}
