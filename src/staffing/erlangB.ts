/**
 * Erlang B: the share of contacts turned away when every line is busy and nobody queues
 * (the loss system M/M/N/N). Used for sizing trunks and lines, and, inside
 * {@link erlangCProbability}, as the stable way to reach Erlang C.
 *
 * The textbook form B(N, A) = (A^N / N!) / Σₖ₌₀ᴺ (A^k / k!) overflows a double as soon as A^N
 * or N! passes 1.8e308 (N! already does at N = 171). The recursion
 *
 *   B(0, A) = 1,   B(n, A) = A × B(n − 1, A) / (n + A × B(n − 1, A))
 *
 * gives the same value using only numbers between 0 and 1, in N steps, and is numerically
 * stable: each step damps the rounding error of the one before. (Jagerman, "Some properties
 * of the Erlang loss function", Bell System Technical Journal 53, 1974.)
 */
import { requireCount, requireFraction, requireObject, requireTraffic } from "./workload.ts";

/** Options for {@link erlangB}. */
export interface ErlangBOptions {
  /** Offered traffic in erlangs (busy-hour contacts × hold time / 3600 s). */
  traffic: number;
  /** Lines (or agents, trunks, beds): a whole number at least 0. */
  lines: number;
}

/** What {@link erlangB} returns. */
export interface ErlangBResult {
  traffic: number;
  lines: number;
  /** The share of contacts that find every line busy and are lost, from 0 to 1. */
  blocking: number;
}

/** Options for {@link erlangBLines}. */
export interface ErlangBLinesOptions {
  /** Offered traffic in erlangs. */
  traffic: number;
  /** The largest share of contacts that may be lost, above 0 and at most 1 (0.02 for 2 %). */
  maxBlocking: number;
}

/**
 * The Erlang B blocking probability B(N, A) of `lines` lines offered `traffic` erlangs, by
 * the stable recursion (see the file's notes). B(0, A) = 1; B(N, 0) = 0 for N ≥ 1.
 *
 * @param lines - Number of lines N, a whole number at least 0.
 * @param traffic - Offered traffic A in erlangs, at least 0.
 * @returns The blocking probability, from 0 to 1.
 *
 * @example
 * // 2 lines, 1 erlang: (1² / 2!) / (1 + 1 + 1² / 2!) = 0.5 / 2.5 = 0.2
 * erlangBProbability(2, 1)
 * //=> 0.2
 */
export function erlangBProbability(lines: number, traffic: number): number {
  requireCount("erlangBProbability", "lines", lines, 0);
  requireTraffic("erlangBProbability", "traffic", traffic);
  return blockingRecursion(lines, traffic);
}

/**
 * Erlang B for a number of lines: the share of contacts lost when all are busy.
 *
 * @param options - See {@link ErlangBOptions}.
 * @returns `{ traffic, lines, blocking }`.
 *
 * @example
 * // 10 erlangs on 17 lines: 1.29 % of contacts find every line busy
 * erlangB({ traffic: 10, lines: 17 }).blocking
 * //=> 0.01295
 */
export function erlangB(options: ErlangBOptions): ErlangBResult {
  requireObject("erlangB", "options", options);
  const lines = requireCount("erlangB", "lines", options.lines, 0);
  const traffic = requireTraffic("erlangB", "traffic", options.traffic);
  return { traffic, lines, blocking: blockingRecursion(lines, traffic) };
}

/**
 * The fewest lines that keep blocking at or below `maxBlocking`, with the blocking they give.
 * Lines are added one at a time, each step one turn of the recursion, so the search costs as
 * much as computing B once for the answer. With no traffic nothing can be lost: 0 lines, and
 * `blocking` 0.
 *
 * @param options - See {@link ErlangBLinesOptions}.
 * @returns `{ traffic, lines, blocking }` for the smallest such number of lines.
 *
 * @example
 * // 10 erlangs with at most 2 % lost: 16 lines lose 2.23 %, 17 lose 1.29 %
 * erlangBLines({ traffic: 10, maxBlocking: 0.02 })
 * //=> { traffic: 10, lines: 17, blocking: 0.01295 }
 */
export function erlangBLines(options: ErlangBLinesOptions): ErlangBResult {
  requireObject("erlangBLines", "options", options);
  const traffic = requireTraffic("erlangBLines", "traffic", options.traffic);
  // Above 0: with traffic, no finite number of lines loses nothing at all.
  const maxBlocking = requireFraction("erlangBLines", "maxBlocking", options.maxBlocking, {
    zero: false,
    one: true,
  });
  if (traffic === 0) return { traffic, lines: 0, blocking: 0 };
  let lines = 0;
  let blocking = 1;
  while (blocking > maxBlocking) {
    lines++;
    blocking = nextBlocking(blocking, lines, traffic);
  }
  return { traffic, lines, blocking };
}

/** One turn of the recursion: B(n, A) from B(n − 1, A). */
export function nextBlocking(previous: number, n: number, traffic: number): number {
  const carried = traffic * previous;
  return carried / (n + carried);
}

/** B(N, A) by the recursion, for checked arguments. */
export function blockingRecursion(lines: number, traffic: number): number {
  let blocking = 1;
  for (let n = 1; n <= lines; n++) blocking = nextBlocking(blocking, n, traffic);
  return blocking;
}
