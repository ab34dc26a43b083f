/**
 * Staffing an interval with Erlang C: the fewest agents that meet a service level target
 * without working above a maximum occupancy, and the head count to schedule once shrinkage
 * (breaks, training, absence) takes its share.
 */
import { requireNonNegative, show } from "../reduce/arguments.ts";
import { nextBlocking } from "./erlangB.ts";
import { erlangCFigures } from "./erlangC.ts";
import { MAX_COUNT, readWorkload, requireFraction, type WorkloadOptions } from "./workload.ts";

/** The targets a staffing answer must meet, shared by {@link staffing} and the tables. */
export interface StaffingTargets {
  /** Answer time the service level counts against, in seconds (20 for "80 % in 20 s"). */
  targetSeconds: number;
  /** The share of contacts to answer within `targetSeconds`: at least 0 and below 1 (0.8). */
  serviceLevel: number;
  /**
   * The highest share of time agents may spend handling contacts, above 0 and at most 1.
   * Defaults to 1 (no limit beyond the service level). Centres often cap it near 0.85 so that
   * large teams, whose service level is met at high occupancy, are not run into burnout.
   */
  maxOccupancy?: number;
  /**
   * The share of paid time agents are not available to answer (breaks, meetings, training,
   * absence), at least 0 and below 1. Defaults to 0.
   */
  shrinkage?: number;
}

/** Options for {@link staffing}: an interval's workload and the targets. */
export interface StaffingOptions extends WorkloadOptions, StaffingTargets {}

/** Which target decided the number of agents. */
export type StaffingLimit = "serviceLevel" | "occupancy";

/**
 * What {@link staffing} returns: the agents needed, the head count to schedule, and the
 * Erlang C figures those agents achieve. With no contacts nobody is needed: `agents` and
 * `scheduled` are 0 and the achieved figures are `null`.
 */
export interface StaffingResult {
  /** Agents needed on the phones (or chats) during the interval. */
  agents: number;
  /** Agents to schedule: the fewest whose share left after shrinkage covers `agents`. */
  scheduled: number;
  /** The target that set `agents` (`null` with no contacts). */
  limitedBy: StaffingLimit | null;
  /** Offered traffic in erlangs. */
  traffic: number;
  /** The achieved figures with `agents` agents, as {@link erlangC} gives them. */
  waitProbability: number | null;
  serviceLevel: number | null;
  asaSeconds: number | null;
  occupancy: number | null;
}

/** The checked targets: service level, its answer time, maximum occupancy and shrinkage. */
export interface CheckedTargets {
  readonly targetSeconds: number;
  readonly serviceLevel: number;
  readonly maxOccupancy: number;
  readonly shrinkage: number;
}

/**
 * Rounding slack when comparing an achieved figure with its target, so that a service level
 * equal to its target up to the last bit of a double does not cost an extra agent.
 */
const SLACK = 1e-12;

/**
 * The agents an interval needs under Erlang C, and the head count to schedule.
 *
 * Agents are added one at a time from 1, each step one turn of the Erlang B recursion, until
 * the service level reaches `serviceLevel` with more agents than erlangs (the queue must
 * empty) and occupancy is at most `maxOccupancy`. Both only improve as agents are added, so
 * the first count meeting both is the fewest. Then `scheduled` = ⌈agents / (1 − shrinkage)⌉.
 *
 * @param options - See {@link StaffingOptions}.
 * @returns See {@link StaffingResult}.
 *
 * @example
 * // 100 contacts in 30 min at 180 s (10 erlangs), 80 % in 20 s, occupancy at most 85 %,
 * // 30 % shrinkage: 13 agents reach 79.6 %, 14 reach 88.8 %; 14 / (1 − 0.3) = 20 scheduled
 * const plan = staffing({ contacts: 100, intervalSeconds: 1800, ahtSeconds: 180,
 *   targetSeconds: 20, serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 });
 * [plan.agents, plan.scheduled, plan.serviceLevel]
 * //=> [14, 20, 0.88835]
 */
export function staffing(options: StaffingOptions): StaffingResult {
  const workload = readWorkload("staffing", options);
  const targets = readTargets("staffing", options);
  return staffWorkload("staffing", workload.traffic, workload.ahtSeconds, targets);
}

/** Checks the targets once, in the house grammar. */
export function readTargets(fn: string, options: StaffingTargets): CheckedTargets {
  return {
    targetSeconds: requireNonNegative(fn, "targetSeconds", options.targetSeconds),
    serviceLevel: requireFraction(fn, "serviceLevel", options.serviceLevel, {
      zero: true,
      one: false,
    }),
    maxOccupancy: requireFraction(fn, "maxOccupancy", options.maxOccupancy ?? 1, {
      zero: false,
      one: true,
    }),
    shrinkage: requireFraction(fn, "shrinkage", options.shrinkage ?? 0, {
      zero: true,
      one: false,
    }),
  };
}

/** {@link staffing} for a checked workload and targets; `fn` names the caller in errors. */
export function staffWorkload(
  fn: string,
  traffic: number,
  ahtSeconds: number,
  targets: CheckedTargets,
): StaffingResult {
  // The occupancy cap alone may ask for more agents than the search should step through.
  if (traffic / targets.maxOccupancy > MAX_COUNT) {
    throw new RangeError(
      `${fn}: maxOccupancy must leave at most ${MAX_COUNT} agents for ${show(traffic)} erlangs, got ${show(targets.maxOccupancy)}`,
    );
  }
  if (traffic === 0) {
    return {
      agents: 0,
      scheduled: 0,
      limitedBy: null,
      traffic,
      waitProbability: null,
      serviceLevel: null,
      asaSeconds: null,
      occupancy: null,
    };
  }
  let blocking = 1;
  let serviceMet = 0;
  for (let agents = 1; ; agents++) {
    blocking = nextBlocking(blocking, agents, traffic);
    if (agents <= traffic) continue;
    const figures = erlangCFigures(agents, traffic, ahtSeconds, targets.targetSeconds, blocking);
    if (serviceMet === 0 && figures.serviceLevel >= targets.serviceLevel - SLACK) {
      serviceMet = agents;
    }
    if (serviceMet > 0 && figures.occupancy <= targets.maxOccupancy + SLACK) {
      return {
        agents,
        scheduled: scheduledHeadcount(agents, targets.shrinkage),
        limitedBy: agents > serviceMet ? "occupancy" : "serviceLevel",
        traffic,
        waitProbability: figures.waitProbability,
        serviceLevel: figures.serviceLevel,
        asaSeconds: figures.asaSeconds,
        occupancy: figures.occupancy,
      };
    }
  }
}

/**
 * The head count to schedule so that `agents` remain after shrinkage: the smallest S with
 * S × (1 − shrinkage) ≥ agents, that is ⌈agents / (1 − shrinkage)⌉. Compared with a little
 * slack, so that 14 / 0.7 counts as the 20 it is and not 21 from a rounding error.
 *
 * @param agents - Agents needed, at least 0.
 * @param shrinkage - The share of paid time not available, at least 0 and below 1.
 * @returns The head count to schedule.
 *
 * @example
 * // 14 / (1 − 0.3) = 20; 15 / 0.7 = 21.4 → 22
 * [scheduledHeadcount(14, 0.3), scheduledHeadcount(15, 0.3)]
 * //=> [20, 22]
 */
export function scheduledHeadcount(agents: number, shrinkage: number): number {
  requireNonNegative("scheduledHeadcount", "agents", agents);
  const available =
    1 -
    requireFraction("scheduledHeadcount", "shrinkage", shrinkage, {
      zero: true,
      one: false,
    });
  const scheduled = Math.ceil(agents / available);
  return scheduled > 0 && (scheduled - 1) * available >= agents * (1 - SLACK)
    ? scheduled - 1
    : scheduled;
}
