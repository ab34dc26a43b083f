import type { AnyReducer, Reducer } from "../reduce/reducer.ts";
import { type RollupOptions, type RollupRow, type RollupState, rollupReducer } from "./rollup.ts";
import { windowedAdd } from "./windowFilter.ts";

/**
 * Records one at a time: an async iterable (a file reader, a stream) or a plain iterable. A
 * source that also has a `batches()` method returning an async iterable of arrays of the
 * same records (as the file readers of `support-metrics/node` do) is read through it, a
 * batch at a time.
 */
export type RecordSource<Item> = AsyncIterable<Item> | Iterable<Item>;

function isAsyncIterable<Item>(source: RecordSource<Item>): source is AsyncIterable<Item> {
  return typeof (source as AsyncIterable<Item>)[Symbol.asyncIterator] === "function";
}

function requireSource(fn: string, source: unknown): void {
  const ok =
    source !== null &&
    (typeof source === "object" || typeof source === "function") &&
    (typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function" ||
      typeof (source as Iterable<unknown>)[Symbol.iterator] === "function");
  if (!ok) {
    throw new TypeError(
      `${fn}: source must be an async iterable or an iterable of records, got ${source === null ? "null" : typeof source}`,
    );
  }
}

/**
 * A source's batches, when it offers them (the file readers' `batches()`): awaiting once per
 * batch instead of once per record is several times faster on large files.
 */
function batchesOf<Item>(source: RecordSource<Item>): AsyncIterable<Item[]> | undefined {
  const batches = (source as { batches?: unknown }).batches;
  if (typeof batches !== "function") return undefined;
  const batched = (batches as () => unknown).call(source);
  return isAsyncIterable(batched as RecordSource<Item>)
    ? (batched as AsyncIterable<Item[]>)
    : undefined;
}

/**
 * Folds records into a reducer's state without holding them: each record is added and let go.
 * The state can be read with `reducer.result`, merged with other states by `reducer.merge`
 * (another file, day or shard), or stored with `stateToJSON` and merged later.
 *
 * As in `reduce`, a stock metric (one with `spanOf`) measures the reducer's own `window`, and a
 * record whose span does not reach it is not added.
 *
 * @param source - Records, as an async iterable (a file reader) or an iterable.
 * @param reducer - Any reducer: a metric's (`firstResponseTimeReducer()`) or a rollup's
 *   (`rollupReducer(options)`).
 * @returns The state after every record.
 *
 * @example
 * async function* numbers() { yield 1; yield 2; yield 3; }
 * const sum = { name: "sum", init: () => ({ sum: 0 }), add: (s, x) => { s.sum += x; },
 *   merge: (a, b) => ({ sum: a.sum + b.sum }), result: (s) => ({ value: s.sum }), timeOf: () => undefined };
 * foldAsync(numbers(), sum)
 * //=> { sum: 6 }
 */
export async function foldAsync<Item, State, Result>(
  source: RecordSource<Item>,
  reducer: Reducer<Item, State, Result>,
): Promise<State> {
  requireSource("foldAsync", source);
  const state = reducer.init();
  const addOne = windowedAdd(reducer, state);
  const batched = batchesOf(source);
  if (batched) {
    for await (const batch of batched) for (const record of batch) addOne(record);
  } else if (isAsyncIterable(source)) {
    for await (const record of source) addOne(record);
  } else {
    for (const record of source) addOne(record);
  }
  return state;
}

/**
 * Runs a reducer over a stream of records: the streaming `reduce`. Only the reducer's state is
 * kept, never the records; with exact percentiles a duration metric still keeps one number
 * per duration, so pass `percentiles: { sketch: "ddsketch" }` for memory that stays flat.
 *
 * @param source - Records, as an async iterable (a file reader) or an iterable.
 * @param reducer - The metric's reducer.
 * @returns The metric's result.
 *
 * @example
 * import { firstResponseTimeReducer } from "../metrics/tickets/firstResponseTime.ts";
 * async function* tickets() {
 *   const createdAt = new Date("2024-03-01T09:00:00Z");
 *   for (const s of [20, 15, 30])
 *     yield { createdAt, firstResponseAt: new Date(createdAt.getTime() + s * 1000) };
 * }
 * reduceAsync(tickets(), firstResponseTimeReducer({ statistic: "median" })).then((r) => r.value)
 * //=> 20
 */
export async function reduceAsync<Item, State, Result>(
  source: RecordSource<Item>,
  reducer: Reducer<Item, State, Result>,
): Promise<Result> {
  return reducer.result(await foldAsync(source, reducer));
}

/**
 * Computes grouped metrics over a stream of records, as `rollup` does over an array, keeping
 * only the rollup's state: one reducer state per group, never the records.
 *
 * Stock metrics (backlog, active customers: those with `spanOf`) grouped by period need
 * `range` here. Without it a rollup cannot know the last period until the last record, so it
 * holds every open-ended stock record (a ticket not yet resolved) until then; `rollupAsync`
 * refuses rather than grow with the input.
 * (For a small stream, `foldAsync(source, rollupReducer(options))` accepts that cost.)
 *
 * For memory that stays flat, give the duration metrics `percentiles: { sketch: "ddsketch" }`:
 * with exact percentiles every duration is kept.
 *
 * @param source - Records, as an async iterable (a file reader) or an iterable.
 * @param options - As for `rollup`.
 * @returns The rows, as `rollup` gives them.
 * @throws TypeError when a stock metric is grouped by period without `range`.
 *
 * @example
 * async function* tickets() {
 *   yield { createdAt: new Date("2024-01-31T23:30:00Z") };
 *   yield { createdAt: new Date("2024-02-01T08:00:00Z") };
 * }
 * const volume = { name: "volume", init: () => ({ n: 0 }), add: (s) => { s.n++; },
 *   merge: (a, b) => ({ n: a.n + b.n }), result: (s) => ({ value: s.n }), timeOf: (t) => t.createdAt };
 * rollupAsync(tickets(), { by: { period: "month" }, timeZone: "UTC", metrics: { volume } })
 *   .then((rows) => rows.map((row) => [row.period.label, row.volume.value]))
 * //=> [["2024-01", 1], ["2024-02", 1]]
 */
export async function rollupAsync<Item, Metrics extends Record<string, AnyReducer<Item>>>(
  source: RecordSource<Item>,
  options: RollupOptions<Item, Metrics>,
): Promise<RollupRow<Metrics>[]> {
  const reducer = rollupReducer(options);
  if (options.by?.period !== undefined && options.range === undefined) {
    const stock = Object.keys(options.metrics).filter(
      (name) => typeof (options.metrics[name] as AnyReducer<Item>).spanOf === "function",
    );
    if (stock.length > 0) {
      throw new TypeError(
        `rollupAsync: range must be given to stream stock metrics by period (${stock
          .map((name) => `metrics.${name}`)
          .join(
            ", ",
          )}): without it every open-ended stock record is held until the last period is known, got none`,
      );
    }
  }
  const state: RollupState = await foldAsync(source, reducer);
  return reducer.result(state);
}
