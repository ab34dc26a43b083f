/**
 * The standard normal distribution: its cumulative distribution function and its quantile.
 * Every large-sample interval and z test in this folder reads one of the two.
 */
import { requireProbability } from "./checks.ts";

const SQRT_HALF = Math.SQRT1_2;
const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2 / √π
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1 / √π
const TINY = 1e-300;

/**
 * erfc(x) for x ≥ 0, accurate to a few units in the 14th digit even far in the tail.
 *
 * - Up to x = 2 (erfc ≥ 0.0047): erfc = 1 − erf, with erf from the series of positive terms
 *   erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·5···(2n+1)) (Abramowitz & Stegun 7.1.6),
 *   which has no cancellation.
 * - Beyond: Laplace's continued fraction erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x +
 *   (3/2)/(x + ...)))) (A&S 7.1.14), evaluated with the modified Lentz method (W. J. Lentz,
 *   Applied Optics 15, 1976; Numerical Recipes 3rd ed. §5.2), so the tail keeps its relative
 *   accuracy instead of being 1 minus a number close to 1.
 */
function erfcPositive(x: number): number {
  const x2 = x * x;
  if (x <= 2) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
    }
    return 1 - TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }
  // K = 1/(x + a1/(x + a2/(x + ...))) with a_k = k/2, by Lentz: f = x, then f ×= C·D each step.
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < TINY ? TINY : d;
    c = x + a / c;
    c = Math.abs(c) < TINY ? TINY : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * gaussianFactor(x)) / f;
}

/**
 * e^(−x²) without the rounding error of x² spoiling the tail: with x = h + r, h a multiple of
 * 1/16 (so h² is exact), e^(−x²) = e^(−h²) · e^(−r (x + h)) (the split W. J. Cody uses in his
 * erfc, Math. Comp. 23, 1969).
 */
function gaussianFactor(x: number): number {
  const head = Math.round(x * 16) / 16;
  return Math.exp(-head * head) * Math.exp(-(x - head) * (x + head));
}

/**
 * The standard normal cumulative distribution function Φ(z) = P(Z ≤ z), through
 * Φ(z) = erfc(−z/√2) / 2. The lower tail keeps its relative accuracy (Φ(−10) ≈ 7.62e-24);
 * the upper tail is 1 − Φ(−z), so ask for `normalCdf(-z)` when you need a tiny upper tail.
 *
 * @param z - Any number; ±Infinity give 0 and 1.
 * @returns Φ(z), to about 1e-14 relative (R: `pnorm(z)`).
 *
 * @example
 * // R: pnorm(1.96) = 0.9750021048517795
 * normalCdf(1.96)
 * //=> 0.9750021048517795
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z < 0) return 0.5 * erfcPositive(-z * SQRT_HALF);
  return 1 - 0.5 * erfcPositive(z * SQRT_HALF);
}

// Wichura's AS 241 (PPND16): three rational approximations, for the centre |p − ½| ≤ 0.425,
// the near tail r = √(−ln min(p, 1 − p)) ≤ 5, and the far tail. Coefficients from the paper,
// written as the doubles they round to.
const CENTRE_NUMERATOR = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
] as const;
const CENTRE_DENOMINATOR = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
] as const;
const NEAR_NUMERATOR = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
] as const;
const NEAR_DENOMINATOR = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
] as const;
const FAR_NUMERATOR = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
] as const;
const FAR_DENOMINATOR = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
] as const;

/** Evaluates a polynomial given lowest coefficient first, by Horner's rule. */
function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--)
    value = value * x + (coefficients[i] as number);
  return value;
}

/**
 * The standard normal quantile Φ⁻¹(p): the z with P(Z ≤ z) = p.
 *
 * Method: M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
 * Applied Statistics 37(3), 1988, 477–484 (PPND16), accurate to about 1e-16 relative; it is
 * also the method behind R's `qnorm`.
 *
 * @param p - A probability in [0, 1]; 0 and 1 give −Infinity and Infinity.
 * @returns Φ⁻¹(p).
 *
 * @example
 * // R: qnorm(0.975) = 1.959963984540054
 * normalQuantile(0.975)
 * //=> 1.959963984540054
 */
export function normalQuantile(p: number): number {
  requireProbability("normalQuantile", "p", p);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRE_NUMERATOR, r)) / polynomial(CENTRE_DENOMINATOR, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = polynomial(NEAR_NUMERATOR, r) / polynomial(NEAR_DENOMINATOR, r);
  } else {
    r -= 5;
    z = polynomial(FAR_NUMERATOR, r) / polynomial(FAR_DENOMINATOR, r);
  }
  return q < 0 ? -z : z;
}
