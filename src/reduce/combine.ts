import type { AnyReducer, Reducer } from "./reducer.ts";

/** The states of {@link combineReducers}' reducers, by the names they were given. */
export type CombinedState<Reducers extends Record<string, AnyReducer>> = {
  [Name in keyof Reducers]: Reducers[Name] extends Reducer<never, infer State, unknown>
    ? State
    : never;
};

/** The results of {@link combineReducers}' reducers, by the names they were given. */
export type CombinedResult<Reducers extends Record<string, AnyReducer>> = {
  [Name in keyof Reducers]: Reducers[Name] extends Reducer<never, unknown, infer Result>
    ? Result
    : never;
};

/**
 * Several reducers fed in one pass: each record is added to every one of them, so a file read
 * once gives a monthly rollup, a total and a sample together. States merge reducer by reducer,
 * so the combination is as mergeable as its parts. Reducers that measure a stock at a fixed
 * window (`spanOf`) are refused: group them in a rollup, which places records for them.
 *
 * @example
 * import { reduce, rollupReducer, ticketVolumeReducer } from "support-metrics";
 * const tickets = [{ createdAt: new Date("2024-03-01T09:00:00Z"), channel: "email" }];
 * const both = combineReducers({
 *   byMonth: rollupReducer({ by: { period: "month" }, metrics: { volume: ticketVolumeReducer() } }),
 *   total: ticketVolumeReducer(),
 * });
 * const result = reduce(tickets, both);
 * [result.byMonth[0].period.label, result.total.value]
 * //=> ["2024-03", 1]
 */
export function combineReducers<Reducers extends Record<string, AnyReducer>>(
  reducers: Reducers,
): Reducer<unknown, CombinedState<Reducers>, CombinedResult<Reducers>> {
  const names = Object.keys(reducers);
  const parts = names.map((name) => reducers[name] as AnyReducer);
  parts.forEach((part, i) => {
    if (typeof part?.add !== "function") {
      throw new TypeError(`combineReducers: ${names[i]} must be a reducer, got ${typeof part}`);
    }
    if (part.spanOf) {
      throw new TypeError(
        `combineReducers: ${names[i]} measures a stock; put it in a rollup, which places records for it`,
      );
    }
  });
  const each = <T>(make: (part: AnyReducer, name: string) => T) => {
    const out: Record<string, T> = {};
    parts.forEach((part, i) => {
      out[names[i] as string] = make(part, names[i] as string);
    });
    return out;
  };
  return {
    name: "combineReducers",
    timeOf: () => undefined,
    init: () => each((part) => part.init()) as CombinedState<Reducers>,
    add(state, item) {
      const states = state as Record<string, unknown>;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as AnyReducer;
        part.add(states[names[i] as string], item, part.window);
      }
    },
    merge: (a, b) =>
      each((part, name) =>
        part.merge((a as Record<string, unknown>)[name], (b as Record<string, unknown>)[name]),
      ) as CombinedState<Reducers>,
    result: (state) =>
      each((part, name) =>
        part.result((state as Record<string, unknown>)[name]),
      ) as CombinedResult<Reducers>,
  };
}
