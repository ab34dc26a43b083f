import type { Reducer } from "../reduce/reducer.ts";

/**
 * The newest records, as a mergeable reducer with bounded memory: the report's per-record
 * table shows the `size` newest records (by `timeOf`) whatever the size of the input, and says
 * how many there were in all.
 */

/**
 * The sample's state: at most `2 × size` candidates (each as `keep` made it), the count of
 * every record seen, the earliest and latest instant seen, and the instant a record must pass
 * to be a candidate once `size` are kept (`-Infinity` until then).
 */
export interface SampleState<Kept> {
  kept: { at: number; order: number; item: Kept }[];
  seen: number;
  first: number;
  last: number;
  floor: number;
}

/**
 * The newest records, newest first; how many records there were in all; and the instants the
 * records span (`null` when none had one), which tell complete periods from partial ones.
 */
export interface Sample<Item> {
  records: Item[];
  total: number;
  first: number | null;
  last: number | null;
}

/**
 * Keeps the `size` records with the latest `timeOf` (records without one are counted but not
 * kept). Ties keep the record that came first, so the sample does not depend on how the input
 * was split into shards as long as each shard's records keep their order.
 *
 * `keep` turns a candidate into what the sample holds (default: the record itself). Over
 * millions of records, keeping a small copy instead of the record matters: every candidate
 * lives until the next trim, long enough for the collector to move it to the old generation,
 * so whole records kept there make the heap grow by their size (issue 11: the HTML report's
 * peak). A record older than the `size`-th newest kept so far is not even copied.
 *
 * @example
 * import { reduce } from "support-metrics";
 * const at = (day) => ({ day, createdAt: new Date(`2024-03-${day}T00:00:00Z`) });
 * const sample = reduce([at("01"), at("03"), at("02")], newestReducer(2, (r) => r.createdAt));
 * [sample.records.map((r) => r.day), sample.total]
 * //=> [["03", "02"], 3]
 */
export function newestReducer<Item, Kept = Item>(
  size: number,
  timeOf: (item: Item) => Date | null | undefined,
  keep: (item: Item) => Kept = (item) => item as unknown as Kept,
): Reducer<Item, SampleState<Kept>, Sample<Kept>> {
  const trim = (state: SampleState<Kept>) => {
    state.kept.sort((a, b) => b.at - a.at || a.order - b.order);
    state.kept.length = Math.min(state.kept.length, size);
    // A later record at the same instant ranks after every kept one: `at` must pass the floor.
    if (state.kept.length === size && size > 0)
      state.floor = (state.kept[size - 1] as { at: number }).at;
  };
  return {
    name: "newest",
    timeOf: () => undefined,
    init: () => ({
      kept: [],
      seen: 0,
      first: Number.POSITIVE_INFINITY,
      last: Number.NEGATIVE_INFINITY,
      floor: Number.NEGATIVE_INFINITY,
    }),
    add(state, item) {
      const order = state.seen++;
      const at = timeOf(item)?.getTime();
      if (at === undefined || Number.isNaN(at)) return;
      if (at < state.first) state.first = at;
      if (at > state.last) state.last = at;
      if (at <= state.floor || size === 0) return;
      state.kept.push({ at, order, item: keep(item) });
      // Sorting only when twice the size is reached keeps the cost per record constant.
      if (state.kept.length >= 2 * size) trim(state);
    },
    merge(a, b) {
      const merged = {
        kept: [...a.kept, ...b.kept.map((entry) => ({ ...entry, order: entry.order + a.seen }))],
        seen: a.seen + b.seen,
        first: Math.min(a.first, b.first),
        last: Math.max(a.last, b.last),
        floor: Number.NEGATIVE_INFINITY,
      };
      trim(merged);
      return merged;
    },
    result(state) {
      const kept = [...state.kept].sort((a, b) => b.at - a.at || a.order - b.order);
      const seen = Number.isFinite(state.first);
      return {
        records: kept.slice(0, size).map((entry) => entry.item),
        total: state.seen,
        first: seen ? state.first : null,
        last: seen ? state.last : null,
      };
    },
  };
}
