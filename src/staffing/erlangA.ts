/**
 * Erlang A: Erlang C's queue (Poisson arrivals, N agents, exponential handle times, first come
 * first served) where a waiting customer also gives up after an exponential patience with mean
 * `patienceSeconds` (the M/M/N+M queue of Palm, 1946, named by Garnett, Mandelbaum and Reiman,
 * "Designing a call center with impatient customers", M&SOM 4(3), 2002). Because callers leave,
 * the queue settles even with fewer agents than erlangs, and the figures are closer to what a
 * real centre sees than Erlang C's; as patience grows they tend to Erlang C's.
 *
 * How the figures are computed, exactly (no simulation, no approximation beyond cutting off
 * a tail below 1e-16 of the queue's mass). Write λ for arrivals per second, μ = 1 / AHT, θ =
 * 1 / patience, a = Nμ, and A = λ / μ.
 *
 * 1. The number of contacts in the system is a birth-death chain: births at rate λ, deaths at
 *    kμ with k ≤ N contacts (all being handled), and at a + jθ with N + j (N handled, j
 *    waiting, each of whom may leave). Its stationary probabilities satisfy
 *    π(k + 1) × death(k + 1) = π(k) × λ, so relative to π(N):
 *    - the states below N sum to 1 / B(N, A) − 1, where B is Erlang B;
 *    - the states N + j are t(j) = Π_{i=1..j} λ / (a + iθ).
 *    Then P(wait) = Σ t(j) / Z and the mean queue E[Q] = Σ j t(j) / Z, Z being the total.
 * 2. Abandonment rate θ × E[Q], so P(abandon) = θ E[Q] / λ; the mean wait of all contacts
 *    (answered or not) is E[Q] / λ (Little's law); occupancy = A × (1 − P(abandon)) / N.
 * 3. A contact arriving with j already waiting is answered once the j ahead have gone and one
 *    agent frees up. Ahead of it the queue shrinks at rate a + iθ with i waiting ahead, while
 *    it leaves at rate θ itself: it is answered with probability a / (a + (j + 1)θ), and its
 *    wait, given that it is answered, is a sum of exponentials with rates a + iθ + θ for
 *    i = j…0. Those rates are evenly spaced, and for such a sum S, e^(−θS) has a Beta(a/θ + 1,
 *    j + 1) law; hence P(S ≤ T) = P(G ≥ j + 1) with G negative binomial (r = a/θ + 1,
 *    p = e^(−θT)), summed term by term in logarithms so nothing underflows. The mean answered
 *    wait is Σ_{i=1..j+1} 1 / (a + iθ).
 *
 * Service level is then the share of all contacts answered within T (abandons count as
 * missed), and ASA the mean wait of answered contacts: the definition book's ASA. Python's
 * pyworkforce calls E[Q] / λ, the mean wait of every contact, "average speed of answer";
 * here it is `meanWaitSeconds`.
 */
import { requireNonNegative, requirePositive, show } from "../reduce/arguments.ts";
import { blockingRecursion } from "./erlangB.ts";
import { readWorkload, requireCount, type WorkloadOptions } from "./workload.ts";

/** Options for {@link erlangA}: Erlang C's, plus the customers' mean patience. */
export interface ErlangAOptions extends WorkloadOptions {
  /** Agents answering, a positive integer. */
  agents: number;
  /** Answer time the service level counts against, in seconds. */
  targetSeconds: number;
  /** How long customers wait, on average, before giving up, in seconds (above 0). */
  patienceSeconds: number;
}

/** What {@link erlangA} returns: fractions from 0 to 1, and seconds. */
export interface ErlangAResult {
  /** Offered traffic in erlangs. */
  traffic: number;
  /** The share of contacts that find every agent busy and wait at all. */
  waitProbability: number;
  /** The share of contacts that give up before being answered. */
  abandonProbability: number;
  /** The share of all contacts answered within `targetSeconds` (abandons count as missed). */
  serviceLevel: number;
  /** Average speed of answer: the mean wait of answered contacts, in seconds. */
  asaSeconds: number;
  /** The mean wait of every contact, answered or abandoned, in seconds. */
  meanWaitSeconds: number;
  /** The share of agent time spent handling contacts: A × (1 − abandonProbability) / N. */
  occupancy: number;
}

/**
 * Sums stop once what is left of the queue's tail is below this share of the queue's own
 * mass (not of the total), so that even a rarely reached queue has exact waits.
 */
const TAIL = 1e-16;
/** Rescale the running sums by this when they grow past its inverse (very long queues). */
const SHRINK = 1e-280;
/** The longest queue followed; only near-infinite patience with N ≤ A goes this far. */
const MAX_QUEUE = 1_000_000;

/** The result when nobody waits (no contacts, or far more agents than erlangs). */
function nobodyWaits(traffic: number, occupancy: number): ErlangAResult {
  return {
    traffic,
    waitProbability: 0,
    abandonProbability: 0,
    serviceLevel: 1,
    asaSeconds: 0,
    meanWaitSeconds: 0,
    occupancy,
  };
}

/**
 * Erlang A for one interval: how N agents cope when waiting customers may give up.
 *
 * @param options - See {@link ErlangAOptions}.
 * @returns See {@link ErlangAResult}. With no contacts nobody waits: 0, 0, 1, 0, 0, 0.
 *
 * @example
 * // pyworkforce's anchor: 100 contacts in 30 min, AHT 180 s, 14 agents, patience 5 min
 * const result = erlangA({ contacts: 100, intervalSeconds: 1800, ahtSeconds: 180,
 *   agents: 14, targetSeconds: 20, patienceSeconds: 300 });
 * [result.waitProbability, result.abandonProbability, result.serviceLevel, result.occupancy]
 * //=> [0.14526, 0.013984, 0.916792, 0.704297]
 */
export function erlangA(options: ErlangAOptions): ErlangAResult {
  const fn = "erlangA";
  const { traffic, arrivalRate, ahtSeconds } = readWorkload(fn, options);
  const agents = requireCount(fn, "agents", options.agents, 1);
  const target = requireNonNegative(fn, "targetSeconds", options.targetSeconds);
  const patience = requirePositive(fn, "patienceSeconds", options.patienceSeconds);
  if (arrivalRate === 0) return nobodyWaits(traffic, 0);
  const lambda = arrivalRate;
  const theta = 1 / patience;
  const a = agents / ahtSeconds; // the rate at which N busy agents free up

  // Step 1: the states below N, relative to π(N). When B underflows (far more agents than
  // erlangs) the queue is out of reach: nobody waits, to the precision of a double.
  let below = 1 / blockingRecursion(agents, traffic) - 1;
  if (below === Number.POSITIVE_INFINITY) {
    return nobodyWaits(traffic, traffic / agents);
  }
  // Step 3's negative binomial: log of its first term, and the log of its step factor's
  // constant part. expm1 keeps 1 − e^(−θT) exact when patience dwarfs the target.
  const shape = a / theta + 1;
  let logTerm = -(a + theta) * target;
  const logFailure = Math.log(-Math.expm1(-theta * target));

  let term = 1; // t(j)
  let mass = 0; // Σ t(j)
  let queued = 0; // Σ j t(j)
  let answeredInTime = 0; // Σ t(j) × P(answered within T | j waiting)
  let answeredWait = 0; // Σ t(j) × E[wait; answered | j waiting]
  let cumulative = 0; // P(G ≤ j)
  let harmonic = 0; // Σ_{i=1..j+1} 1 / (a + iθ)
  for (let j = 0; ; j++) {
    if (j > 0) term *= lambda / (a + j * theta);
    mass += term;
    queued += j * term;
    const leaveRate = a + (j + 1) * theta;
    const answered = a / leaveRate;
    harmonic += 1 / leaveRate;
    cumulative += Math.exp(logTerm);
    answeredInTime += term * answered * Math.max(0, 1 - cumulative);
    answeredWait += term * answered * harmonic;
    logTerm += Math.log((shape + j) / (j + 1)) + logFailure;

    if (mass > 1 / SHRINK) {
      term *= SHRINK;
      mass *= SHRINK;
      queued *= SHRINK;
      answeredInTime *= SHRINK;
      answeredWait *= SHRINK;
      below *= SHRINK;
    }
    // Ratios t(k + 1) / t(k) only fall, so once the next is r < 1 the rest of the tail is at
    // most a geometric series: Σ t ≤ t r / (1 − r), Σ k t ≤ t (j r / (1 − r) + r / (1 − r)²).
    const ratio = lambda / (a + (j + 1) * theta);
    if (ratio < 1) {
      const rest = ratio / (1 - ratio);
      if (term * (rest * (j + 1) + rest / (1 - ratio)) <= TAIL * mass) break;
    }
    if (j >= MAX_QUEUE) {
      throw new RangeError(
        `${fn}: patienceSeconds must be short enough for the queue to settle within ${MAX_QUEUE} waiting contacts, got ${show(patience)}`,
      );
    }
  }

  const total = below + mass;
  const waitProbability = mass / total;
  const meanQueue = queued / total;
  const abandonProbability = Math.min(1, (theta * meanQueue) / lambda);
  return {
    traffic,
    waitProbability,
    abandonProbability,
    serviceLevel: Math.min(1, below / total + answeredInTime / total),
    asaSeconds: answeredWait / total / (1 - abandonProbability),
    meanWaitSeconds: meanQueue / lambda,
    occupancy: Math.min(1, (traffic * (1 - abandonProbability)) / agents),
  };
}
