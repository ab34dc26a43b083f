/**
 * Erlang C: a queue where contacts arrive at random (Poisson), wait as long as it takes
 * (nobody abandons), and are answered first come, first served by N identical agents whose
 * handle times are exponential (the M/M/N queue). It is the model most workforce tools use
 * to staff phone and chat queues. Because nobody abandons, it overstates waiting when
 * customers do hang up: read its agent counts as a safe upper estimate, or use
 * {@link erlangA}, which lets waiting customers give up.
 *
 * With A erlangs of traffic (see {@link offeredTraffic}), N agents, average handle time AHT
 * and a target answer time T:
 *
 * - wait probability  P = C(N, A) = N × B / (N − A × (1 − B)), where B = B(N, A) is Erlang B;
 * - service level     SL = 1 − P × e^(−(N − A) × T / AHT), the share answered within T;
 * - speed of answer   ASA = P × AHT / (N − A), the mean wait over all contacts;
 * - occupancy         A / N, the share of agent time spent handling contacts.
 *
 * Computing C through B keeps every intermediate number between 0 and 1, so nothing
 * overflows however large the traffic: the textbook form with A^N / N! fails from N = 171.
 * With N ≤ A the queue grows without end: every contact waits (P = 1), none is answered in
 * time (SL = 0), the mean wait is infinite (ASA = Infinity, which JSON writes as null) and
 * agents are always busy (occupancy 1). (Gross and Harris, "Fundamentals of Queueing Theory",
 * §2.3; Koole, "Call Center Optimization", 2013, ch. 5.)
 */
import { requireNonNegative } from "../reduce/arguments.ts";
import { blockingRecursion } from "./erlangB.ts";
import { readWorkload, requireCount, requireTraffic, type WorkloadOptions } from "./workload.ts";

/** Options for {@link erlangC}: an interval's workload, the agents, and the answer target. */
export interface ErlangCOptions extends WorkloadOptions {
  /** Agents answering, a positive integer. */
  agents: number;
  /** Answer time the service level counts against, in seconds (20 for "80 % in 20 s"). */
  targetSeconds: number;
}

/** What {@link erlangC} returns: fractions from 0 to 1, and seconds. */
export interface ErlangCResult {
  /** Offered traffic in erlangs. */
  traffic: number;
  /** The share of contacts that wait at all, C(N, A). */
  waitProbability: number;
  /** The share of contacts answered within `targetSeconds`. */
  serviceLevel: number;
  /** Average speed of answer: the mean wait, in seconds, over all contacts. */
  asaSeconds: number;
  /** The share of agent time spent handling contacts, A / N (at most 1). */
  occupancy: number;
}

/**
 * The Erlang C wait probability C(N, A): the chance that a contact has to queue when N agents
 * answer A erlangs. It is 1 when N ≤ A (the queue never empties).
 *
 * @param agents - Agents N, a positive integer.
 * @param traffic - Offered traffic A in erlangs, at least 0.
 * @returns The wait probability, from 0 to 1.
 *
 * @example
 * // 14 agents, 10 erlangs: 17.4 % of contacts wait; at 500 agents above 1000 nothing overflows
 * [erlangCProbability(14, 10), erlangCProbability(1000, 500)]
 * //=> [0.1741319, 3.30483e-86]
 */
export function erlangCProbability(agents: number, traffic: number): number {
  requireCount("erlangCProbability", "agents", agents, 1);
  requireTraffic("erlangCProbability", "traffic", traffic);
  return waitFromBlocking(agents, traffic, blockingRecursion(agents, traffic));
}

/**
 * Erlang C for one interval: how N agents cope with its contacts.
 *
 * @param options - See {@link ErlangCOptions}.
 * @returns `{ traffic, waitProbability, serviceLevel, asaSeconds, occupancy }`: fractions and
 *   seconds. With no contacts nobody waits (0, 1, 0, 0); with N ≤ A see the file's notes.
 *
 * @example
 * // 100 contacts in 30 min, AHT 180 s, 14 agents, target 20 s: A = 100 × 180 / 1800 = 10
 * erlangC({ contacts: 100, intervalSeconds: 1800, ahtSeconds: 180, agents: 14, targetSeconds: 20 })
 * //=> { traffic: 10, waitProbability: 0.1741319, serviceLevel: 0.88835, asaSeconds: 7.836, occupancy: 0.7142857 }
 */
export function erlangC(options: ErlangCOptions): ErlangCResult {
  const workload = readWorkload("erlangC", options);
  const agents = requireCount("erlangC", "agents", options.agents, 1);
  const targetSeconds = requireNonNegative("erlangC", "targetSeconds", options.targetSeconds);
  const { traffic, ahtSeconds } = workload;
  return erlangCFigures(
    agents,
    traffic,
    ahtSeconds,
    targetSeconds,
    blockingRecursion(agents, traffic),
  );
}

/** C(N, A) from B(N, A); 1 when N ≤ A. */
export function waitFromBlocking(agents: number, traffic: number, blocking: number): number {
  if (agents <= traffic) return 1;
  return (agents * blocking) / (agents - traffic * (1 - blocking));
}

/**
 * The Erlang C figures for checked arguments, given B(N, A): what {@link erlangC} returns, and
 * what the staffing search reads as it adds agents one at a time.
 */
export function erlangCFigures(
  agents: number,
  traffic: number,
  ahtSeconds: number,
  targetSeconds: number,
  blocking: number,
): ErlangCResult {
  if (agents <= traffic) {
    return {
      traffic,
      waitProbability: 1,
      serviceLevel: 0,
      asaSeconds: Number.POSITIVE_INFINITY,
      occupancy: 1,
    };
  }
  const waitProbability = waitFromBlocking(agents, traffic, blocking);
  const spare = agents - traffic;
  return {
    traffic,
    waitProbability,
    serviceLevel: 1 - waitProbability * Math.exp((-spare * targetSeconds) / ahtSeconds),
    asaSeconds: (waitProbability * ahtSeconds) / spare,
    occupancy: traffic / agents,
  };
}
