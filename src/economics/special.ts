/**
 * The special functions the customer-economics models need, written small: the log-gamma and
 * log-beta functions, a stable log(e^x + e^y), and the Gauss hypergeometric function 2F1 on
 * the real segment the models use. No npm package offers 2F1; these few lines keep the core's
 * browser bundle small.
 */

/**
 * Lanczos coefficients for g = 7, n = 9 (the set Numerical Recipes and most libraries publish:
 * P. Godfrey's table). With them the approximation is good to about 15 significant digits
 * for positive arguments.
 */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The natural logarithm of the gamma function, ln Γ(x), for x > 0 (and, by the reflection
 * formula, for negative non-integers, as ln |Γ(x)|). Lanczos' approximation (C. Lanczos,
 * "A precision approximation of the gamma function", SIAM J. Numer. Anal. B 1, 1964).
 *
 * @example
 * [logGamma(1), logGamma(5), Math.exp(logGamma(0.5)) ** 2]
 * //=> [0, 3.178053830347945, 3.141592653589793]
 */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  if (x === 1 || x === 2) return 0;
  const shifted = x - 1;
  let series = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) series += (LANCZOS[i] as number) / (shifted + i);
  const t = shifted + LANCZOS_G + 0.5;
  return LOG_SQRT_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
 *
 * @example
 * // B(2, 3) = 1! 2! / 4! = 1/12
 * Math.exp(logBeta(2, 3))
 * //=> 0.083333
 */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * ln(e^x + e^y) without overflow or underflow: the way the models add likelihood terms that
 * are each too large or too small for a double (Hardie's note on the BG/NBD's #NUM! errors).
 *
 * @example
 * [logAddExp(1000, 1000), logAddExp(Number.NEGATIVE_INFINITY, 2)]
 * //=> [1000.6931471805599, 2]
 */
export function logAddExp(x: number, y: number): number {
  const high = Math.max(x, y);
  if (high === Number.NEGATIVE_INFINITY) return high;
  return high + Math.log1p(Math.exp(Math.min(x, y) - high));
}

/** A 2F1 value as its sign and the logarithm of its magnitude, so that huge values stay exact. */
export interface SignedLog {
  /** −1, 0 or 1. */
  sign: number;
  /** ln |value| (−Infinity for 0). */
  log: number;
}

/** Terms are rescaled past this magnitude, so the sum never overflows. */
const RESCALE = 1e280;
const LOG_RESCALE = Math.log(RESCALE);
/** Cap on terms: about 40 ms, reached only for z within 4e-6 of 1. */
const MAX_TERMS = 10_000_000;

/**
 * ln |2F1(a, b; c; z)| with its sign: the Gauss hypergeometric series
 * Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ, summed term by term for real a, b, c and −1 < z < 1
 * (Abramowitz & Stegun 15.1.1; DLMF 15.2.1). Terms are kept rescaled, so arguments in the
 * hundreds (a customer with 200 purchases) neither overflow nor lose digits; the sum stops
 * when a bound on the rest of the series falls below 1e-16 of the sum.
 *
 * The series needs about 37 / (1 − z) terms: instant for the models' usual z (below 0.95),
 * still milliseconds at z = 0.9999. The models only use 0 ≤ z < 1, where every term has the
 * sign of the first few and the sum is exact to rounding; for z towards −1 the terms
 * alternate and large parameters cost digits to cancellation.
 *
 * @example
 * // 2F1(1, 1; 2; z) = −ln(1 − z) / z
 * Math.exp(logHypergeometric2F1(1, 1, 2, 0.5).log)
 * //=> 1.3862943611198906
 */
export function logHypergeometric2F1(a: number, b: number, c: number, z: number): SignedLog {
  for (const [name, value] of [
    ["a", a],
    ["b", b],
    ["c", c],
  ] as const) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new RangeError(`hypergeometric2F1: ${name} must be a finite number, got ${value}`);
    }
  }
  if (c <= 0 && Number.isInteger(c)) {
    throw new RangeError(`hypergeometric2F1: c must not be 0 or a negative integer, got ${c}`);
  }
  if (typeof z !== "number" || !(z > -1 && z < 1)) {
    throw new RangeError(`hypergeometric2F1: z must be between -1 and 1 (exclusive), got ${z}`);
  }
  const value = hypergeometricSeries(a, b, c, z);
  if (Number.isNaN(value.log)) {
    throw new RangeError(
      `hypergeometric2F1: z must be farther from 1 for the series to converge in ${MAX_TERMS} terms, got ${z}`,
    );
  }
  return value;
}

/**
 * The series behind {@link logHypergeometric2F1}, without the argument checks: for the
 * models' inner loops, whose arguments are valid by construction. After `maxTerms` terms
 * without converging it gives NaN for both parts (a likelihood then treats the point as out
 * of bounds).
 *
 * @example
 * Math.exp(hypergeometricSeries(1, 1, 2, 0.5).log)
 * //=> 1.3862943611198906
 */
export function hypergeometricSeries(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms = MAX_TERMS,
): SignedLog {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  let n = 0;
  for (; n < maxTerms; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) break;
    // Once the ratio of successive terms settles below 1, the rest of the series is at most
    // |term| q / (1 − q), with q the larger of the current ratio and its limit |z|.
    const q = Math.max(Math.abs(ratio), Math.abs(z));
    if (q < 1 && n > Math.abs(c) && Math.abs(term) * (q / (1 - q)) <= 1e-16 * Math.abs(sum)) {
      break;
    }
    if (Math.abs(term) > RESCALE || Math.abs(sum) > RESCALE) {
      term /= RESCALE;
      sum /= RESCALE;
      logScale += LOG_RESCALE;
    }
  }
  if (n === maxTerms) return { sign: Number.NaN, log: Number.NaN };
  return { sign: Math.sign(sum), log: Math.log(Math.abs(sum)) + logScale };
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real a, b, c (c not 0 or a negative
 * integer) and −1 < z < 1, by its defining series (see {@link logHypergeometric2F1}). It
 * overflows to ±Infinity only where the value itself exceeds a double.
 *
 * @example
 * // 2F1(1/2, 1/2; 3/2; z²) = arcsin(z) / z, here at z = 0.5: (π / 6) / 0.5
 * hypergeometric2F1(0.5, 0.5, 1.5, 0.25)
 * //=> 1.0471975511965976
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  const { sign, log } = logHypergeometric2F1(a, b, c, z);
  return sign * Math.exp(log);
}

/**
 * Nodes and weights of the n-point Gauss-Legendre rule on [−1, 1]: the nodes are the roots
 * of the Legendre polynomial Pₙ, found by Newton's method from Tricomi's first guesses
 * cos(π(k − 1/4)/(n + 1/2)) (as in Numerical Recipes' `gauleg`); the rule integrates
 * polynomials up to degree 2n − 1 exactly.
 *
 * @example
 * // ∫₋₁¹ x⁴ dx = 2/5, exactly with 3 points
 * const { nodes, weights } = gaussLegendre(3);
 * nodes.reduce((sum, x, k) => sum + weights[k] * x ** 4, 0)
 * //=> 0.4
 */
export function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let k = 1; k <= n; k++) {
    let x = Math.cos((Math.PI * (k - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      // P_n(x) and P_n'(x) by the three-term recurrence.
      let previous = 1;
      let current = x;
      for (let j = 2; j <= n; j++) {
        const next = ((2 * j - 1) * x * current - (j - 1) * previous) / j;
        previous = current;
        current = next;
      }
      derivative = (n * (x * current - previous)) / (x * x - 1);
      const step = current / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}
