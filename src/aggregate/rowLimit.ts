/**
 * The bound on a rollup's rows (issue 12). Rows are periods × key combinations, and the
 * periods of a `range` or of an open stock span are made whether records fall in them or not:
 * `--by day,channel --from 1024-01-01 --to 2024-01-01` made 365,244 days per channel and died
 * out of memory after 85 s. A rollup refuses, with a {@link RowLimitError} in bounded time,
 * a range holding more periods than `maxRows`, and stops as soon as its groups (rows of a
 * period and key combination) would pass `maxRows`, before they are made.
 */
import { show } from "../reduce/arguments.ts";
import type { Period } from "../time/period.ts";
import type { RollupState } from "./rollupState.ts";

/** The most rows of periods × key combinations a rollup makes, unless `maxRows` says otherwise. */
export const DEFAULT_MAX_ROWS = 100_000;

/** The rows a rollup would pass its `maxRows` with: how many, the limit, and what made them. */
export class RowLimitError extends RangeError {
  readonly rows: number;
  readonly maxRows: number;
  constructor(message: string, rows: number, maxRows: number) {
    super(message);
    this.name = "RangeError";
    this.rows = rows;
    this.maxRows = maxRows;
  }
}

/**
 * The `maxRows` option, checked: a whole number at least 1 (`Infinity` lifts the bound).
 *
 * @example
 * [readMaxRows(undefined), readMaxRows(500)]
 * //=> [100000, 500]
 */
export function readMaxRows(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_ROWS;
  if (typeof value !== "number") {
    throw new TypeError(`rollup: maxRows must be a whole number at least 1, got ${show(value)}`);
  }
  if (!(value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 1))) {
    throw new RangeError(`rollup: maxRows must be a whole number at least 1, got ${show(value)}`);
  }
  return value;
}

/** The mean length of each unit: the count below is exact for periods this long on average. */
const MEAN_MS: Readonly<Record<string, number>> = {
  day: 86_400_000,
  week: 7 * 86_400_000,
  isoWeek: 7 * 86_400_000,
  month: (365.2425 / 12) * 86_400_000,
  quarter: (365.2425 / 4) * 86_400_000,
  year: 365.2425 * 86_400_000,
};

/**
 * The number of periods from the one starting at `first` to the one starting at `last` (both
 * included), in constant time: the span over the unit's mean length, rounded. Periods of a
 * unit differ from its mean by less than half a period over any run of them (months by at most
 * about 2.5 days, days by a zone's change of offset), so the count is exact; stepping with
 * `period.next` instead cost 36 s for 365,244 days in old years. A custom period is counted by
 * the length of its first period.
 *
 * @example
 * import { period } from "support-metrics";
 * const month = period("month", { timeZone: "Europe/Berlin" });
 * periodsBetween(month, month.floor(Date.parse("2024-01-15T00:00:00Z")), month.floor(Date.parse("2024-12-15T00:00:00Z")))
 * //=> 12
 */
export function periodsBetween(period: Period, first: number, last: number): number {
  if (last < first) return 0;
  const mean = MEAN_MS[period.unit] ?? period.next(first) - first;
  return Math.round((last - first) / mean) + 1;
}

/** A state's count of period groups (its rows but those without a period), made as it grows. */
export interface RowCount {
  n: number;
}

const counts = new WeakMap<RollupState, RowCount>();

/**
 * The row count of `state`: counted once from its groups for a state made elsewhere (merged,
 * read from JSON), then kept up by the rollup as it makes groups.
 */
export function rowCountOf(state: RollupState): RowCount {
  let count = counts.get(state);
  if (count === undefined) {
    let n = 0;
    for (const byPeriod of state.groups.values()) {
      n += byPeriod.size;
      if (byPeriod.has(null)) n--;
    }
    count = { n };
    counts.set(state, count);
  }
  return count;
}

/** The advice every row-limit error ends with. */
const ADVICE =
  "group by a longer period, fewer keys or a shorter range, or raise maxRows (docs/periods.md, Limits)";

/**
 * The error for a range of `periods` periods over `maxRows`.
 *
 * @example
 * rangeTooLong(365244, "day", 1000000).message
 * //=> "rollup: range must hold at most maxRows (1000000) periods, got 365244 days; group by a longer period, fewer keys or a shorter range, or raise maxRows (docs/periods.md, Limits)"
 */
export function rangeTooLong(periods: number, unit: string, maxRows: number): RowLimitError {
  return new RowLimitError(
    `rollup: range must hold at most maxRows (${maxRows}) periods, got ${periods} ${unit}s; ${ADVICE}`,
    periods,
    maxRows,
  );
}

/**
 * The error for `rows` rows (periods × key combinations) over `maxRows`.
 *
 * @example
 * tooManyRows(1000001, 1000000).message
 * //=> "rollup: rows (periods × key combinations) must be at most maxRows (1000000), got 1000001 so far; group by a longer period, fewer keys or a shorter range, or raise maxRows (docs/periods.md, Limits)"
 */
export function tooManyRows(rows: number, maxRows: number): RowLimitError {
  return new RowLimitError(
    `rollup: rows (periods × key combinations) must be at most maxRows (${maxRows}), got ${rows} so far; ${ADVICE}`,
    rows,
    maxRows,
  );
}
