/**
 * The value a fraction `f` (0 to 1) of the way from `low` to `high`: the linear interpolation
 * of the quantiles between two ranks. At `f = 0` it is `low` itself, as at an exact rank; the
 * gap between the two may pass the largest double (-1e308 to 1e308), and then the sum is
 * taken of the two weighted ends instead, which stays finite, where `low + f × gap` would give
 * NaN at f = 0 (0 × Infinity) and Infinity between.
 *
 * @example
 * [interpolate(10, 20, 0.5), interpolate(-1e308, 1e308, 0), interpolate(-1e308, 1e308, 0.5)]
 * //=> [15, -1e308, 0]
 */
export function interpolate(low: number, high: number, f: number): number {
  // `+ 0` turns -0 into 0, as `low + 0 × gap` always did.
  if (f === 0) return low + 0;
  const gap = high - low;
  return Number.isFinite(gap) ? low + f * gap : low * (1 - f) + high * f;
}
