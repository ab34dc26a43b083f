import { type Excluded, mergeExcluded } from "../reduce/results.ts";

/**
 * The `merge` of a reducer whose state is counts (and sums) plus a table of exclusions:
 * every number added field by field, `excluded` merged reason by reason with
 * {@link mergeExcluded} (which refuses a count that is not a whole number). Written once here
 * rather than as one `a.x + b.x` line per field in every such metric (CSAT, CES, NPS, service
 * level, abandon rate, the customer counts).
 *
 * @param a - One state.
 * @param b - Another state of the same reducer.
 * @returns A new state; `a` and `b` are not changed.
 *
 * @example
 * mergeCounts(
 *   { promoters: 2, detractors: 1, excluded: { unanswered: 1 } },
 *   { promoters: 3, detractors: 0, excluded: { unanswered: 0 } },
 * )
 * //=> { promoters: 5, detractors: 1, excluded: { unanswered: 1 } }
 */
export function mergeCounts<
  State extends { [K in keyof State]: K extends "excluded" ? Excluded<string> : number },
>(a: State, b: State): State {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(x)) {
    out[key] =
      key === "excluded"
        ? mergeExcluded(x[key] as Excluded<string>, y[key] as Excluded<string>)
        : (x[key] as number) + (y[key] as number);
  }
  return out as State;
}
