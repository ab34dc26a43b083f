import type { Reducer } from "../reduce/reducer.ts";
import { copyRow, type PackedRows, packedRows, packRow, unpackRow } from "./packedRows.ts";

/**
 * The newest records, as a mergeable reducer with bounded memory: the report's per-record
 * table shows the `size` newest records (by `timeOf`) whatever the size of the input, and says
 * how many there were in all.
 */

/**
 * The candidates: the instant and input position of each in typed arrays, and what the table
 * shows of it packed as a row (packedRows.ts), so that a candidate is no object on the heap.
 */
interface Candidates {
  count: number;
  at: Float64Array;
  order: Float64Array;
  /** Where each candidate's row starts and ends in `rows`. */
  start: Float64Array;
  end: Float64Array;
  rows: PackedRows;
}

/**
 * The sample's state: at most `2 × size` candidates, the count of every record seen, the
 * earliest and latest instant seen, and the instant a record must pass to be a candidate once
 * `size` are kept (`-Infinity` until then).
 */
export interface SampleState {
  kept: Candidates;
  /** A second set of candidates that trimming copies the newer half into (then they swap). */
  spare: Candidates | null;
  seen: number;
  first: number;
  last: number;
  floor: number;
}

/**
 * The newest records, newest first (the fields a table shows: see packedRows.ts); each
 * measure's value for each of them (`measures[m][r]`); how many records there were in all; and
 * the instants the records span (`null` when none had one), which tell complete periods from
 * partial ones.
 */
export interface Sample<Item> {
  records: Item[];
  total: number;
  first: number | null;
  last: number | null;
}

function candidates(capacity: number): Candidates {
  return {
    count: 0,
    at: new Float64Array(capacity),
    order: new Float64Array(capacity),
    start: new Float64Array(capacity),
    end: new Float64Array(capacity),
    rows: packedRows(),
  };
}

/** Candidates' positions, newest first, ties in input order. */
function ranked(kept: Candidates): Uint32Array {
  const positions = new Uint32Array(kept.count);
  for (let i = 0; i < kept.count; i++) positions[i] = i;
  const { at, order } = kept;
  return positions.sort(
    (a, b) => (at[b] as number) - (at[a] as number) || (order[a] as number) - (order[b] as number),
  );
}

/** The `limit` newest of `from`, copied (rows and all) into `to`, which must hold none. */
function keepNewest(from: Candidates, limit: number, to: Candidates): void {
  const positions = ranked(from);
  const count = Math.min(limit, positions.length);
  for (let i = 0; i < count; i++) {
    const p = positions[i] as number;
    to.at[i] = from.at[p] as number;
    to.order[i] = from.order[p] as number;
    to.start[i] = copyRow(from.rows, from.start[p] as number, from.end[p] as number, to.rows);
    to.end[i] = to.rows.used;
  }
  to.count = count;
}

/**
 * Keeps the `size` records with the latest `timeOf` (records without one are counted but not
 * kept), with each `measures` function's value for them. Ties keep the record that came
 * first, so the sample does not depend on how the input was split into shards as long as each
 * shard's records keep their order.
 *
 * Memory is bounded and flat: up to `2 × size` candidates (then the older half is dropped), in
 * typed arrays and two buffers of packed rows reused in turn, never one object per record (on a
 * time-ordered input every record is a candidate for a while: see packedRows.ts). A record
 * older than the `size`-th newest kept so far is not even packed.
 *
 * @example
 * import { reduce } from "support-metrics";
 * const at = (day) => ({ day, createdAt: new Date(`2024-03-${day}T00:00:00Z`) });
 * const sample = reduce([at("01"), at("03"), at("02")], newestReducer(2, (r) => r.createdAt));
 * [sample.records.map((r) => r.day), sample.total]
 * //=> [["03", "02"], 3]
 */
export function newestReducer<Item>(
  size: number,
  timeOf: (item: Item) => Date | null | undefined,
  measures: readonly ((item: Item) => number | null | undefined)[] = [],
): Reducer<Item, SampleState, Sample<Record<string, unknown>> & { measures: (number | null)[][] }> {
  const capacity = 2 * size;
  const measured = new Array<number | null>(measures.length).fill(null);
  // The older half is dropped by copying the newer half into the spare candidates, which then
  // take the kept ones' place: the two sets (and their buffers) serve the whole pass.
  const trim = (state: SampleState) => {
    const from = state.kept;
    const to = state.spare ?? candidates(capacity);
    to.count = 0;
    to.rows.used = 0;
    to.rows.shapes = from.rows.shapes;
    keepNewest(from, size, to);
    state.spare = from;
    state.kept = to;
    // A later record at the same instant ranks after every kept one: `at` must pass the floor.
    if (to.count === size && size > 0) state.floor = to.at[size - 1] as number;
  };
  return {
    name: "newest",
    timeOf: () => undefined,
    init: () => ({
      kept: candidates(capacity),
      spare: null,
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
      const kept = state.kept;
      for (let m = 0; m < measures.length; m++)
        measured[m] = (measures[m] as (item: Item) => number | null | undefined)(item) ?? null;
      const i = kept.count++;
      kept.at[i] = at;
      kept.order[i] = order;
      kept.start[i] = packRow(kept.rows, item, measured);
      kept.end[i] = kept.rows.used;
      // Trimming only when twice the size is reached keeps the cost per record constant.
      if (kept.count >= capacity) trim(state);
    },
    merge(a, b) {
      const both = candidates(a.kept.count + b.kept.count);
      for (const [part, shift] of [
        [a.kept, 0],
        [b.kept, a.seen],
      ] as const) {
        for (let i = 0; i < part.count; i++) {
          const j = both.count++;
          both.at[j] = part.at[i] as number;
          both.order[j] = (part.order[i] as number) + shift;
          both.start[j] = copyRow(
            part.rows,
            part.start[i] as number,
            part.end[i] as number,
            both.rows,
          );
          both.end[j] = both.rows.used;
        }
      }
      const kept = candidates(capacity);
      keepNewest(both, size, kept);
      return {
        kept,
        spare: null,
        seen: a.seen + b.seen,
        first: Math.min(a.first, b.first),
        last: Math.max(a.last, b.last),
        floor:
          kept.count === size && size > 0
            ? (kept.at[size - 1] as number)
            : Number.NEGATIVE_INFINITY,
      };
    },
    result(state) {
      const kept = state.kept;
      const rows = [...ranked(kept)]
        .slice(0, size)
        .map((p) => unpackRow(kept.rows, kept.start[p] as number, measures.length));
      const seen = Number.isFinite(state.first);
      return {
        records: rows.map((row) => row.record),
        measures: measures.map((_, m) => rows.map((row) => row.measures[m] ?? null)),
        total: state.seen,
        first: seen ? state.first : null,
        last: seen ? state.last : null,
      };
    },
  };
}
