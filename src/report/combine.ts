/**
 * Reading metric results generically, by their shape rather than their name: the headline
 * number, how to show it, and how to combine the results of several rows (several channels of
 * one period, say) into one when the caller gave no rows at that level.
 *
 * Combining is exact only where the parts add up: counts and stocks add, rates add their
 * numerators and denominators, NPS adds its promoters, detractors and responses, and means add
 * their sums and counts. A percentile cannot be combined from percentiles, so a duration
 * metric combines to its mean (`statistic: "mean"`), which the report labels as such.
 */

/** How a result's number is shown. */
export type ValueKind = "duration" | "percent" | "score" | "count" | "number";

/** A result as the report reads it. */
export interface MetricValue {
  value: number | null;
  kind: ValueKind;
  /** The statistic of a duration (`median`, `mean`...), when the result is one. */
  statistic?: string;
  /** How many records the number is over, when the result says. */
  n?: number;
}

type Result = Record<string, unknown>;

function isResult(value: unknown): value is Result {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function has(result: Result, ...fields: string[]): boolean {
  return fields.every((field) => typeof result[field] === "number");
}

/** The kind of a result, from its fields. */
export function kindOf(result: unknown): ValueKind {
  if (!isResult(result)) return "number";
  if (typeof result.statistic === "string") return "duration";
  if (has(result, "promoters", "detractors")) return "score";
  if (has(result, "numerator", "denominator")) {
    // SLA attainment, CSAT and other rates are percentages; a quotient (tickets per agent-day)
    // is not: tell them apart by the value when there is one.
    const value = num(result.value);
    const n = result.numerator as number;
    const d = result.denominator as number;
    if (value !== null && d > 0 && n > 0 && Math.abs(value - n / d) < 1e-9 * Math.abs(value))
      return "number";
    return "percent";
  }
  if (has(result, "sum", "n")) return "number";
  if (typeof result.value === "number" && Number.isInteger(result.value)) return "count";
  return "number";
}

/** The number a result reports, read as the report shows it. */
export function readResult(result: unknown): MetricValue {
  if (!isResult(result)) return { value: num(result), kind: "number" };
  const out: MetricValue = { value: num(result.value), kind: kindOf(result) };
  if (typeof result.statistic === "string") out.statistic = result.statistic;
  const n = num(result.n) ?? num(result.denominator);
  if (n !== null) out.n = n;
  return out;
}

function total(results: Result[], field: string): number {
  let sum = 0;
  for (const result of results) sum += num(result[field]) ?? 0;
  return sum;
}

/**
 * Several results of one metric combined into one (see the module comment for which are
 * exact); `value` is `null` when the parts cannot be combined.
 */
export function combineResults(parts: readonly unknown[]): MetricValue {
  const results = parts.filter(isResult);
  const first = results[0];
  if (first === undefined) return { value: null, kind: "number" };
  const kind = kindOf(first);
  if (typeof first.statistic === "string") {
    const n = total(results, "n");
    return { value: n === 0 ? null : total(results, "sum") / n, kind, statistic: "mean", n };
  }
  if (has(first, "promoters", "detractors", "n")) {
    const n = total(results, "n");
    const value =
      n === 0 ? null : (100 * (total(results, "promoters") - total(results, "detractors"))) / n;
    return { value, kind, n };
  }
  if (has(first, "numerator", "denominator")) {
    const d = total(results, "denominator");
    // value = scale × numerator / denominator: read the scale off a part that shows it.
    let scale = kind === "percent" ? 100 : 1;
    for (const result of results) {
      const value = num(result.value);
      const n = num(result.numerator);
      const den = num(result.denominator);
      if (value !== null && n && den) {
        scale = (value * den) / n;
        break;
      }
    }
    return { value: d === 0 ? null : (scale * total(results, "numerator")) / d, kind, n: d };
  }
  if (has(first, "sum", "n")) {
    const n = total(results, "n");
    return { value: n === 0 ? null : total(results, "sum") / n, kind, n };
  }
  if (kind === "count") return { value: total(results, "value"), kind };
  return { value: null, kind };
}
