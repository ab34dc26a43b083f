/**
 * The integral at the heart of the Pareto/NBD likelihood: the weight of "the customer died
 * between the last purchase and T". Its own file so that its two methods can be tested
 * against each other; the root entry does not export it.
 */
import { gaussLegendre, hypergeometricSeries } from "./special.ts";

/** Beyond this z the series is slow (37/(1 − z) terms) and the quadrature takes over. */
const SERIES_LIMIT = 0.75;
/** A 10-point Gauss-Legendre rule, applied on short pieces of the log-time axis. */
const RULE = gaussLegendre(10);

/**
 * ln I, with I = ∫ from `from` to `to` of (α + τ)^(−A) (β + τ)^(−B) dτ: the chance-weighted
 * time of death between the last purchase and T (with A = r + x, B = s + 1, Fader and
 * Hardie's A₀ is (r + s + x) · I).
 *
 * Two ways, the same number (a property test checks that they agree; `method` forces one):
 * - where z = |α − β| / (max(α, β) + from) ≤ 0.75, the closed form of equation 20, from the
 *   hypergeometric series 2F1(r + s + x, ·; r + s + x + 1; z);
 * - otherwise (max(α, β) far above min(α, β), where the series would need thousands of
 *   terms), Gauss-Legendre quadrature in u = ln(min(α, β) + τ), which turns the steep
 *   integrand into a smooth one; its nearest singularity lies π off the real axis, so 10
 *   points on each piece are exact to rounding, with pieces of length at most 1 and at most
 *   4 / (A + B), as the integrand falls like e^(−(A + B − 1)u).
 *
 * @example
 * // α = β: the integrand is (1 + τ)^(−3) for A + B = 3, and ∫₀¹ = (1 − 1/4)/2 = 0.375
 * [Math.exp(logDeathIntegral(1, 1, 1, 2, 0, 1, "series")), Math.exp(logDeathIntegral(1, 1, 1, 2, 0, 1, "quadrature"))]
 * //=> [0.375, 0.375]
 */
export function logDeathIntegral(
  alpha: number,
  beta: number,
  A: number,
  B: number,
  from: number,
  to: number,
  method: "auto" | "series" | "quadrature" = "auto",
): number {
  if (!(to > from)) return Number.NEGATIVE_INFINITY;
  const larger = Math.max(alpha, beta);
  const smaller = Math.min(alpha, beta);
  const gap = larger - smaller;
  const useSeries =
    method === "series" || (method === "auto" && gap / (larger + from) <= SERIES_LIMIT);
  if (useSeries) {
    const rsx = A + B - 1;
    const second = alpha >= beta ? B : A;
    const at = (tau: number) =>
      hypergeometricSeries(rsx, second, rsx + 1, gap / (larger + tau)).log -
      rsx * Math.log(larger + tau);
    const atFrom = at(from);
    // ln(e^atFrom − e^atTo) − ln(r + s + x)
    return atFrom + Math.log(-Math.expm1(at(to) - atFrom)) - Math.log(rsx);
  }
  const u0 = Math.log(smaller + from);
  const u1 = Math.log(smaller + to);
  // The log-integrand falls with a slope of up to A + B − 1 (a heavy buyer's x is in A):
  // pieces short enough that it changes by at most about 4 on each keep the rule exact.
  const pieces = Math.max(1, Math.ceil((u1 - u0) * Math.max(1, (A + B) / 4)));
  const half = (u1 - u0) / pieces / 2;
  const logs: number[] = [];
  for (let piece = 0; piece < pieces; piece++) {
    const middle = u0 + (2 * piece + 1) * half;
    RULE.nodes.forEach((node, k) => {
      const u = middle + half * node;
      // α + τ and β + τ, each exact: the smaller is e^u, the larger gap + e^u.
      const logLarger = Math.log(gap + Math.exp(u));
      const logAlpha = alpha === smaller ? u : logLarger;
      const logBeta = alpha === smaller ? logLarger : u;
      logs.push(Math.log(RULE.weights[k]! * half) + u - A * logAlpha - B * logBeta);
    });
  }
  const high = Math.max(...logs);
  let sum = 0;
  for (const value of logs) sum += Math.exp(value - high);
  return high + Math.log(sum);
}
