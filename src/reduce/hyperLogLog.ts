/**
 * HyperLogLog: a mergeable sketch that estimates how many distinct ids it has seen, in memory
 * that does not grow with their number (Flajolet, Fusy, Gandouet and Meunier, "HyperLogLog:
 * the analysis of a near-optimal cardinality estimation algorithm", AofA 2007).
 *
 * Each id is hashed to 64 bits (the first half of MurmurHash3_x86_128, see hash.ts).
 * The first `precision` bits choose one of m = 2^precision registers; the register keeps the
 * largest "rank" seen there, the position of the first 1 bit in the remaining 64 − precision
 * bits. The estimate is the harmonic mean of 2^register over the registers, scaled:
 * E = α_m · m² / Σ 2^−M[j], with α_m ≈ 0.7213 / (1 + 1.079 / m).
 *
 * - **Error**: the relative standard error is 1.04 / √m: 0.81 % at the default precision 14
 *   (16 384 registers of one byte each, 16 KiB). The estimate is within one standard error of
 *   the true count about 68 % of the time and within three about 99.7 % of the time.
 * - **Small counts**: while E ≤ 5m/2 and some register is still 0, the estimate is linear
 *   counting instead, m · ln(m / V) with V the registers at 0, which is far more accurate
 *   there (the paper's small-range correction). An empty sketch estimates 0.
 * - **Large counts**: with 64-bit hashes, collisions matter only near 2^64 ids, so the
 *   paper's large-range correction (needed for 32-bit hashes past 2^32 / 30) is not applied,
 *   as in HyperLogLog++ (Heule, Nunkesser and Hall, EDBT 2013).
 * - **Merging** takes the larger of each pair of registers: the merge of the sketches of two
 *   sets is exactly the sketch of their union, in any order, and adding an id twice changes
 *   nothing. So shards, days and workers combine without double counting.
 *
 * A sketch is a plain object, `{ precision, registers: Uint8Array }`: `stateToJSON` writes it
 * and `stateFromJSON` reads it back.
 */
import { show } from "./arguments.ts";
import { type Hash128, murmurHash3x128 } from "./hash.ts";

/** A HyperLogLog sketch. Build it with {@link createHyperLogLog}; treat it as read-only. */
export interface HyperLogLog {
  /** p: the sketch has 2^p registers; from 4 to 18. */
  precision: number;
  /** One byte per register: the largest rank seen among the ids hashed to it. */
  registers: Uint8Array;
}

/** The default precision: 14, that is 16 384 registers and a standard error of 0.81 %. */
export const DEFAULT_HLL_PRECISION = 14;
/** The smallest precision accepted (16 registers, 26 % standard error). */
export const MIN_HLL_PRECISION = 4;
/** The largest precision accepted (262 144 registers, 256 KiB, 0.2 % standard error). */
export const MAX_HLL_PRECISION = 18;

// The hash seed, fixed forever: saved sketches must keep merging with new ones.
const SEED = 0;
// Reused by every call: adding millions of ids must not allocate per id.
const HASH: Hash128 = [0, 0, 0, 0];

/**
 * Checks a precision: a whole number from 4 to 18.
 *
 * @example
 * let message = "";
 * try { requireHllPrecision("customersContacted", "distinct.precision", 20); } catch (error) { message = error.message; }
 * [requireHllPrecision("customersContacted", "distinct.precision", 12), message]
 * //=> [12, "customersContacted: distinct.precision must be a whole number from 4 to 18, got 20"]
 */
export function requireHllPrecision(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(
      `${fn}: ${option} must be a whole number from ${MIN_HLL_PRECISION} to ${MAX_HLL_PRECISION}, got ${show(value)}`,
    );
  }
  if (!Number.isInteger(value) || value < MIN_HLL_PRECISION || value > MAX_HLL_PRECISION) {
    throw new RangeError(
      `${fn}: ${option} must be a whole number from ${MIN_HLL_PRECISION} to ${MAX_HLL_PRECISION}, got ${show(value)}`,
    );
  }
  return value;
}

/**
 * The relative standard error of a sketch of this precision: 1.04 / √(2^precision).
 *
 * @example
 * [hyperLogLogStandardError(14), hyperLogLogStandardError(10)]
 * //=> [0.008125, 0.0325]
 */
export function hyperLogLogStandardError(precision: number = DEFAULT_HLL_PRECISION): number {
  const p = requireHllPrecision("hyperLogLogStandardError", "precision", precision);
  return 1.04 / Math.sqrt(2 ** p);
}

/**
 * An empty sketch.
 *
 * @param precision - p, a whole number from 4 to 18: 2^p registers, standard error
 *   1.04 / √(2^p). Defaults to 14 (0.81 %, 16 KiB).
 * @returns A sketch to fill with {@link addToHyperLogLog}.
 *
 * @example
 * const sketch = createHyperLogLog(12);
 * [sketch.precision, sketch.registers.length]
 * //=> [12, 4096]
 */
export function createHyperLogLog(precision: number = DEFAULT_HLL_PRECISION): HyperLogLog {
  const p = requireHllPrecision("createHyperLogLog", "precision", precision);
  return { precision: p, registers: new Uint8Array(2 ** p) };
}

/**
 * Adds one id to a sketch, in place. Adding the same id again changes nothing.
 *
 * @param sketch - The sketch.
 * @param id - The id (a customer id...), hashed as UTF-8 text.
 *
 * @example
 * const sketch = createHyperLogLog();
 * for (const id of ["a", "b", "a", "c"]) addToHyperLogLog(sketch, id);
 * Math.round(hyperLogLogEstimate(sketch))
 * //=> 3
 */
export function addToHyperLogLog(sketch: HyperLogLog, id: string): void {
  const p = sketch.precision;
  const [high, low] = murmurHash3x128(id, SEED, HASH);
  const index = high >>> (32 - p);
  // The 64 − p bits after the index: the rest of `high`, then all of `low`.
  const rest = (high << p) >>> 0;
  const rank = rest !== 0 ? Math.clz32(rest) + 1 : 32 - p + Math.clz32(low) + 1;
  if (rank > (sketch.registers[index] as number)) sketch.registers[index] = rank;
}

/**
 * The merge of two sketches of the same precision: the sketch of the union of their ids.
 * Neither input is changed.
 *
 * @throws RangeError when the precisions differ.
 *
 * @example
 * const a = createHyperLogLog();
 * const b = createHyperLogLog();
 * for (const id of ["x", "y"]) addToHyperLogLog(a, id);
 * for (const id of ["y", "z"]) addToHyperLogLog(b, id);
 * Math.round(hyperLogLogEstimate(mergeHyperLogLogs(a, b)))
 * //=> 3
 */
export function mergeHyperLogLogs(a: HyperLogLog, b: HyperLogLog): HyperLogLog {
  if (a.precision !== b.precision) {
    throw new RangeError(
      `mergeHyperLogLogs: both sketches must have the same precision, got ${show(a.precision)} and ${show(b.precision)}`,
    );
  }
  const registers = new Uint8Array(a.registers.length);
  for (let i = 0; i < registers.length; i++) {
    const x = a.registers[i] as number;
    const y = b.registers[i] as number;
    registers[i] = Math.max(x, y);
  }
  return { precision: a.precision, registers };
}

/** α_m, the constant that removes the harmonic mean's bias (the paper, figure 3). */
function alpha(m: number): number {
  if (m === 16) return 0.673;
  if (m === 32) return 0.697;
  if (m === 64) return 0.709;
  return 0.7213 / (1 + 1.079 / m);
}

/**
 * The estimated number of distinct ids added to a sketch (not rounded): linear counting while
 * the count is small (see the module's notes), the HyperLogLog estimate above that.
 *
 * @example
 * const sketch = createHyperLogLog(4);
 * // one id sets one of 16 registers: linear counting gives 16 × ln(16 / 15)
 * addToHyperLogLog(sketch, "only");
 * [hyperLogLogEstimate(createHyperLogLog(4)), hyperLogLogEstimate(sketch)]
 * //=> [0, 1.0326]
 */
export function hyperLogLogEstimate(sketch: HyperLogLog): number {
  const { registers } = sketch;
  const m = registers.length;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    const r = registers[i] as number;
    if (r === 0) zeros++;
    sum += 2 ** -r;
  }
  const raw = (alpha(m) * m * m) / sum;
  if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
  return raw;
}
