import { windowedAdd } from "../aggregate/windowFilter.ts";
import { atRecord } from "./recordError.ts";
import type { Reducer } from "./reducer.ts";

/**
 * Runs a reducer over records: the plain array call behind every metric function.
 *
 * Stock metrics (those with `spanOf`) measure the reducer's own `window`; a record whose span
 * does not reach it is not part of the stock and is not added. A record with a field the
 * reducer cannot use throws a TypeError naming the record's index and the field.
 *
 * @example
 * reduce([1, 2, 3], {
 *   name: "sum",
 *   init: () => ({ sum: 0 }),
 *   add: (state, item) => { state.sum += item; },
 *   merge: (a, b) => ({ sum: a.sum + b.sum }),
 *   result: (state) => ({ value: state.sum }),
 *   timeOf: () => undefined,
 * }).value
 * //=> 6
 */
export function reduce<Item, State, Result>(
  records: Iterable<Item>,
  reducer: Reducer<Item, State, Result>,
): Result {
  const state = reducer.init();
  const add = windowedAdd(reducer, state);
  let i = 0;
  try {
    if (Array.isArray(records)) {
      // Indexed: an array iterator costs more per record than a light reducer's add.
      for (; i < records.length; i++) add(records[i] as Item);
    } else {
      for (const record of records) {
        add(record);
        i++;
      }
    }
  } catch (error) {
    // A field the reducer cannot use: name the record (see recordError.ts).
    throw atRecord(error, i);
  }
  return reducer.result(state);
}
