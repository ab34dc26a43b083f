/**
 * Maximum likelihood for the customer-economics models: a Nelder-Mead minimiser, a
 * finite-difference Hessian and the standard errors it gives.
 *
 * Why our own: the models have 2–4 positive parameters and a log-likelihood that costs well
 * under a millisecond per evaluation once customers are grouped, so a derivative-free simplex
 * on log-parameters is fast enough (CDNOW's 23,570 customers fit in a fraction of a second)
 * and robust where the likelihood is flat. The npm optimisers we looked at either pull in a
 * linear-algebra library or are unmaintained; this is about 150 lines and has no dependency.
 */

/** What `minimize` found. */
export interface Minimum {
  /** The point with the lowest value found. */
  point: number[];
  /** The function's value there. */
  value: number;
  /** Whether the simplex shrank below the tolerances and a restart found nothing better. */
  converged: boolean;
  /** Nelder-Mead iterations, over all restarts. */
  iterations: number;
  /** Function evaluations. */
  evaluations: number;
}

/** Options for `minimize`. */
export interface MinimizeOptions {
  /** Size of the first simplex's steps along each axis. Defaults to 0.5. */
  step?: number;
  /** Stop when every vertex is within this distance of the best one, per axis. Defaults to 1e-7. */
  pointTolerance?: number;
  /** … and their values differ by at most this, relative to the best value. Defaults to 1e-12. */
  valueTolerance?: number;
  /** Iteration cap over all restarts. Defaults to 5,000. */
  maxIterations?: number;
}

/**
 * Minimises a function of several variables with the Nelder-Mead simplex method
 * (J. A. Nelder and R. Mead, "A simplex method for function minimization", The Computer
 * Journal 7(4), 1965), with the dimension-adapted coefficients of F. Gao and L. Han
 * ("Implementing the Nelder-Mead simplex algorithm with adaptive parameters", Computational
 * Optimization and Applications 51, 2012). When the simplex has shrunk it restarts from the
 * best point with a fresh simplex, until a restart no longer improves the value: simplex
 * methods can stall on a ridge, and a restart is the cheap cure. A value that is not a finite
 * number (a likelihood outside its domain) counts as +Infinity.
 *
 * @example
 * // Rosenbrock's banana, whose minimum is 0 at (1, 1)
 * const found = minimize(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1]);
 * [found.point.map((v) => Math.round(v * 1e6) / 1e6), found.converged]
 * //=> [[1, 1], true]
 */
export function minimize(
  f: (point: number[]) => number,
  start: readonly number[],
  options: MinimizeOptions = {},
): Minimum {
  const n = start.length;
  const step = options.step ?? 0.5;
  const pointTolerance = options.pointTolerance ?? 1e-7;
  const valueTolerance = options.valueTolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 5_000;
  const reflect = 1;
  const expand = 1 + 2 / n;
  const contract = 0.75 - 1 / (2 * n);
  const shrink = 1 - 1 / n;

  let evaluations = 0;
  const value = (point: number[]): number => {
    evaluations++;
    const v = f(point);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };

  let best = [...start];
  let bestValue = value(best);
  let iterations = 0;
  let converged = false;
  for (let restart = 0; restart < 20 && iterations < maxIterations; restart++) {
    const simplex: number[][] = [best];
    const values: number[] = [bestValue];
    for (let i = 0; i < n; i++) {
      const vertex = [...best];
      vertex[i] = (vertex[i] as number) + (restart === 0 ? step : step / 10);
      simplex.push(vertex);
      values.push(value(vertex));
    }
    let shrunk = false;
    while (iterations < maxIterations) {
      iterations++;
      const order = values
        .map((_, i) => i)
        .sort((i, j) => (values[i] as number) - (values[j] as number));
      const sorted = order.map((i) => simplex[i] as number[]);
      const sortedValues = order.map((i) => values[i] as number);
      for (let i = 0; i <= n; i++) {
        simplex[i] = sorted[i] as number[];
        values[i] = sortedValues[i] as number;
      }
      const low = values[0] as number;
      const high = values[n] as number;
      let spread = 0;
      for (let i = 1; i <= n; i++) {
        for (let k = 0; k < n; k++) {
          spread = Math.max(spread, Math.abs((simplex[i] as number[])[k]! - simplex[0]![k]!));
        }
      }
      if (spread <= pointTolerance && high - low <= valueTolerance * Math.max(1, Math.abs(low))) {
        shrunk = true;
        break;
      }
      // The centroid of every vertex but the worst.
      const centroid = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < n; k++) centroid[k]! += (simplex[i] as number[])[k]! / n;
      }
      const worst = simplex[n] as number[];
      const along = (t: number) => centroid.map((c, k) => c + t * (c - worst[k]!));
      const reflected = along(reflect);
      const reflectedValue = value(reflected);
      if (reflectedValue < low) {
        const expanded = along(reflect * expand);
        const expandedValue = value(expanded);
        if (expandedValue < reflectedValue) {
          simplex[n] = expanded;
          values[n] = expandedValue;
        } else {
          simplex[n] = reflected;
          values[n] = reflectedValue;
        }
        continue;
      }
      if (reflectedValue < (values[n - 1] as number)) {
        simplex[n] = reflected;
        values[n] = reflectedValue;
        continue;
      }
      // Contract towards the better of the worst point and its reflection.
      const outside = reflectedValue < high;
      const contracted = along(outside ? reflect * contract : -contract);
      const contractedValue = value(contracted);
      if (contractedValue < (outside ? reflectedValue : high)) {
        simplex[n] = contracted;
        values[n] = contractedValue;
        continue;
      }
      for (let i = 1; i <= n; i++) {
        simplex[i] = (simplex[i] as number[]).map(
          (v, k) => simplex[0]![k]! + shrink * (v - simplex[0]![k]!),
        );
        values[i] = value(simplex[i] as number[]);
      }
    }
    const improved = bestValue - (values[0] as number);
    best = simplex[0] as number[];
    bestValue = values[0] as number;
    if (shrunk && restart > 0 && improved <= valueTolerance * Math.max(1, Math.abs(bestValue))) {
      converged = true;
      break;
    }
  }
  return { point: best, value: bestValue, converged, iterations, evaluations };
}

/**
 * The Hessian (matrix of second derivatives) of `f` at `point`, by central differences with
 * a step of `h` on every axis.
 *
 * @example
 * // f(x, y) = x² + 3xy: the Hessian is [[2, 3], [3, 0]] everywhere
 * hessian(([x, y]) => x * x + 3 * x * y, [1, 2]).map((row) => row.map((v) => Math.round(v * 1e4) / 1e4))
 * //=> [[2, 3], [3, 0]]
 */
export function hessian(
  f: (point: number[]) => number,
  point: readonly number[],
  h = 1e-4,
): number[][] {
  const n = point.length;
  const at = (shifts: [number, number][]) => {
    const p = [...point];
    for (const [k, d] of shifts) p[k] = (p[k] as number) + d;
    return f(p);
  };
  const center = f([...point]);
  const matrix: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    matrix[i]![i] = (at([[i, h]]) - 2 * center + at([[i, -h]])) / (h * h);
    for (let j = 0; j < i; j++) {
      const value =
        (at([
          [i, h],
          [j, h],
        ]) -
          at([
            [i, h],
            [j, -h],
          ]) -
          at([
            [i, -h],
            [j, h],
          ]) +
          at([
            [i, -h],
            [j, -h],
          ])) /
        (4 * h * h);
      matrix[i]![j] = value;
      matrix[j]![i] = value;
    }
  }
  return matrix;
}

/**
 * The inverse of a symmetric positive-definite matrix by Cholesky factorisation, or `null`
 * when the matrix is not positive definite (the optimum is not a strict maximum of the
 * likelihood, so standard errors do not exist).
 *
 * @example
 * inverseSymmetric([[4, 2], [2, 3]])
 * //=> [[0.375, -0.25], [-0.25, 0.5]]
 */
export function inverseSymmetric(matrix: readonly (readonly number[])[]): number[][] | null {
  const n = matrix.length;
  // matrix = L Lᵀ
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i]![i] = Math.sqrt(sum);
      } else {
        l[i]![j] = sum / l[j]![j]!;
      }
    }
  }
  // Columns of the inverse: solve L Lᵀ x = e_c.
  const inverse: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
      y[i] = sum / l[i]![i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i]!;
      for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * inverse[k]![c]!;
      inverse[i]![c] = sum / l[i]![i]!;
    }
  }
  return inverse;
}

/** How a model fit went, reported beside its parameters. */
export interface FitReport<Name extends string> {
  /** The maximised log-likelihood (natural log, summed over the data). */
  logLikelihood: number;
  /** Whether the optimiser met its tolerances. */
  converged: boolean;
  /** Optimiser iterations. */
  iterations: number;
  /**
   * Standard errors of the parameters, from the inverse of the negative log-likelihood's
   * Hessian at the optimum; `null` when that Hessian is not positive definite.
   */
  standardErrors: Record<Name, number> | null;
}

/** Parameters are kept within e^±18 (about 1.5e-8 to 6.6e7). */
const LOG_BOUND = 18;

/**
 * Fits positive parameters by maximum likelihood: minimises the negative log-likelihood over
 * their logarithms (so every trial point is valid), kept within e^±18, where a parameter
 * that runs off to 0 or infinity stops (and the fit reports `converged: false`); then reads
 * standard errors off the
 * Hessian. With θ = e^φ and the gradient zero at the optimum, the covariance of θ is
 * D Cov(φ) D with D = diag(θ), so se(θᵢ) = θᵢ · se(φᵢ).
 *
 * @example
 * // The rate of an exponential from waiting times 1, 2 and 3: the MLE is 3 / 6 = 0.5
 * const times = [1, 2, 3];
 * const fit = fitPositive(["rate"], [1], ([rate]) => times.reduce((ll, t) => ll + Math.log(rate) - rate * t, 0));
 * [Math.round(fit.parameters.rate * 1e6) / 1e6, fit.converged]
 * //=> [0.5, true]
 */
export function fitPositive<Name extends string>(
  names: readonly Name[],
  start: readonly number[],
  logLikelihood: (parameters: number[]) => number,
): FitReport<Name> & { parameters: Record<Name, number> } {
  const negative = (phi: number[]) =>
    phi.some((v) => Math.abs(v) > LOG_BOUND)
      ? Number.POSITIVE_INFINITY
      : -logLikelihood(phi.map(Math.exp));
  const found = minimize(negative, start.map(Math.log));
  // An optimum on the box's edge is a parameter running off to 0 or infinity: the data
  // cannot pin it down, and the fit has not converged to a maximum.
  const onEdge = found.point.some((v) => Math.abs(v) > LOG_BOUND - 1e-3);
  const theta = found.point.map(Math.exp);
  const covariance = inverseSymmetric(hessian(negative, found.point));
  const parameters = {} as Record<Name, number>;
  const errors = {} as Record<Name, number>;
  let finite = covariance !== null && !onEdge;
  names.forEach((name, i) => {
    parameters[name] = theta[i] as number;
    const se = covariance ? theta[i]! * Math.sqrt(covariance[i]![i]!) : Number.NaN;
    if (!Number.isFinite(se)) finite = false;
    errors[name] = se;
  });
  return {
    parameters,
    logLikelihood: -found.value,
    converged: found.converged && !onEdge,
    iterations: found.iterations,
    standardErrors: finite ? errors : null,
  };
}
