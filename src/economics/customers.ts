/**
 * The customer summary the purchase models read (frequency, recency, T), its checks, and its
 * compact form: customers with the same summary are fitted once, with a weight, and every
 * distinct frequency, recency and T is stored once, so a likelihood evaluation costs a few
 * logarithms per distinct value rather than per customer.
 */
import { show } from "../reduce/arguments.ts";

/**
 * One customer's purchase history, summarised (the "RFM" summary of Fader, Hardie and Lee):
 * all three in one time unit (weeks, days…), measured from the customer's first purchase.
 */
export interface RfmCustomer {
  /** Repeat purchases: purchases after the first (x). A whole number ≥ 0. */
  frequency: number;
  /** Time from the first purchase to the last one (tₓ); 0 when `frequency` is 0. */
  recency: number;
  /** Time from the first purchase to the end of observation (T). Positive, ≥ `recency`. */
  T: number;
}

/** Customers grouped by identical summaries, with every distinct value stored once. */
export interface CompactCustomers {
  /** Number of customers. */
  n: number;
  /** Distinct frequencies, recencies and Ts. */
  frequencies: Float64Array;
  recencies: Float64Array;
  ages: Float64Array;
  /** Per group: indexes into the three arrays above, and how many customers share it. */
  frequencyOf: Uint32Array;
  recencyOf: Uint32Array;
  ageOf: Uint32Array;
  weight: Float64Array;
}

/** Checks one customer's summary, with an error naming the model function and the index. */
export function checkRfmCustomer(fn: string, customer: RfmCustomer, index: number): void {
  const where = `customers[${index}]`;
  const { frequency, recency, T } = customer ?? ({} as RfmCustomer);
  if (typeof frequency !== "number" || !Number.isInteger(frequency) || frequency < 0) {
    throw new (typeof frequency === "number" ? RangeError : TypeError)(
      `${fn}: ${where}.frequency must be a whole number at least 0, got ${show(frequency)}`,
    );
  }
  if (typeof T !== "number" || !Number.isFinite(T) || T <= 0) {
    throw new (typeof T === "number" ? RangeError : TypeError)(
      `${fn}: ${where}.T must be a positive number, got ${show(T)}`,
    );
  }
  if (typeof recency !== "number" || !Number.isFinite(recency) || recency < 0) {
    throw new (typeof recency === "number" ? RangeError : TypeError)(
      `${fn}: ${where}.recency must be a number at least 0, got ${show(recency)}`,
    );
  }
  if (recency > T) {
    throw new RangeError(
      `${fn}: ${where}.recency must be at most T (${show(T)}), got ${show(recency)}`,
    );
  }
  if (frequency === 0 && recency !== 0) {
    throw new RangeError(
      `${fn}: ${where}.recency must be 0 when frequency is 0, got ${show(recency)}`,
    );
  }
}

function indexer(): { index(value: number): number; values(): Float64Array } {
  const seen = new Map<number, number>();
  return {
    index(value) {
      let i = seen.get(value);
      if (i === undefined) {
        i = seen.size;
        seen.set(value, i);
      }
      return i;
    },
    values: () => Float64Array.from(seen.keys()),
  };
}

/**
 * Checks every customer and groups them: at least one customer, and at least one repeat
 * buyer (with none, the data say nothing about how often customers buy or drop out, and the
 * likelihood has no maximum).
 *
 * @example
 * const compact = compactCustomers("fitBgNbd", [
 *   { frequency: 0, recency: 0, T: 10 },
 *   { frequency: 0, recency: 0, T: 10 },
 *   { frequency: 2, recency: 4, T: 10 },
 * ]);
 * [compact.n, Array.from(compact.weight), Array.from(compact.ages)]
 * //=> [3, [2, 1], [10]]
 */
export function compactCustomers(fn: string, customers: Iterable<RfmCustomer>): CompactCustomers {
  const frequencies = indexer();
  const recencies = indexer();
  const ages = indexer();
  const groups = new Map<string, number>();
  const frequencyOf: number[] = [];
  const recencyOf: number[] = [];
  const ageOf: number[] = [];
  const weight: number[] = [];
  let n = 0;
  let repeaters = 0;
  for (const customer of customers) {
    checkRfmCustomer(fn, customer, n);
    n++;
    if (customer.frequency > 0) repeaters++;
    const f = frequencies.index(customer.frequency);
    const r = recencies.index(customer.recency);
    const t = ages.index(customer.T);
    const key = `${f},${r},${t}`;
    const group = groups.get(key);
    if (group !== undefined) {
      weight[group]! += 1;
      continue;
    }
    groups.set(key, weight.length);
    frequencyOf.push(f);
    recencyOf.push(r);
    ageOf.push(t);
    weight.push(1);
  }
  if (n === 0) throw new RangeError(`${fn}: customers must not be empty, got 0 customers`);
  if (repeaters === 0) {
    throw new RangeError(
      `${fn}: customers must include a repeat buyer (frequency > 0), got none among ${n}`,
    );
  }
  return {
    n,
    frequencies: frequencies.values(),
    recencies: recencies.values(),
    ages: ages.values(),
    frequencyOf: Uint32Array.from(frequencyOf),
    recencyOf: Uint32Array.from(recencyOf),
    ageOf: Uint32Array.from(ageOf),
    weight: Float64Array.from(weight),
  };
}
