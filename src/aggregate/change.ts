/**
 * Change against another period, over the rows a rollup returns: each metric cell of a row
 * gains `change`, its difference with the same keys' cell in the previous period (or the same
 * period a year earlier), the difference's interval, a p-value, and whether the change is
 * noise. It reads the rows only, never the rollup's state, so it works on rows from a
 * stream, from shards merged or from a saved file alike.
 *
 * What each cell is compared by, read from its result (never from the metric's name):
 * - a rate (`numerator` of `denominator`, a proportion): Newcombe's hybrid score interval
 *   and the score test ({@link compareRates}); too small when an expected count is under 5;
 * - an NPS (`promoters`, `detractors`, `n`): the two-sample z test on the trinomial variance
 *   ({@link compareNps}); too small under 30 answers in either period;
 * - a mean or a duration's mean reported with its t `interval` (the metric's `interval`
 *   option): Welch's t test, each period's standard error read back from its interval;
 *   too small under 30 values in either period.
 * Anything else (a median or p90, a count, a CSAT mean without its interval) gets the
 * difference alone, with `test: "none"` and `noise: null`: unknown, never "no change". The
 * rows keep results, not samples, so Mann-Whitney (`mannWhitney`) is for callers who have
 * the durations of both periods.
 */
import { show } from "../reduce/arguments.ts";
import { requireLevel } from "../stats/checks.ts";
import { compareNps, NPS_MIN_ANSWERS } from "../stats/compareNps.ts";
import { MIN_EXPECTED_COUNT } from "../stats/compareProportions.ts";
import type { Comparison } from "../stats/comparison.ts";
import type { ConfidenceInterval } from "../stats/interval.ts";
import { compareRates } from "../stats/metricIntervals.ts";
import { studentTCdf, studentTQuantile } from "../stats/studentT.ts";
import type { PeriodLabel } from "./rows.ts";

/** Which period a row is compared with. */
export type ChangeAgainst = "previous" | "year";

/** Options for {@link withChange}. */
export interface ChangeOptions {
  /**
   * `"previous"` (default): the period that ends where the row's starts; `"year"`: the
   * period with the same label a year earlier (`2024-03` against `2023-03`, `2024-W09`
   * against `2023-W09`).
   */
  against?: ChangeAgainst;
  /** The confidence level of the intervals, and 1 − the p-value under which a change is not noise. Defaults to 0.95. */
  level?: number;
}

/** A metric cell's change against the period compared with. */
export interface Change {
  /** The period compared with. */
  against: PeriodLabel;
  /** This period's value − that period's, in the unit of the value (points for a rate). */
  difference: number;
  /** A confidence interval for the difference, or `null` when the test gives none. */
  interval: ConfidenceInterval | null;
  /** The p-value of the test that the two periods do not differ, or `null` without a test. */
  pValue: number | null;
  /** The test: `"newcombe"` (rates), `"z"` (NPS), `"welch"` (means), or `"none"`. */
  test: string;
  /** `true` when a sample is too small to say anything (see `threshold`). */
  tooSmall: boolean;
  /** The small-sample rule applied, in words. */
  threshold: string;
  /**
   * `true` when the change may be noise: too small, or a p-value at or above 1 − level;
   * `false` when it is significant; `null` when no test applies.
   */
  noise: boolean | null;
}

/** A row with `change` on each metric cell (each field holding a result with a `value`). */
export type ChangedRow<Row> = {
  [K in keyof Row]: Row[K] extends { value: unknown } ? Row[K] & { change: Change | null } : Row[K];
};

/** The thresholds, in the words the change states. */
const RATE_THRESHOLD = `each expected count of the 2 × 2 table at least ${MIN_EXPECTED_COUNT} (Cochran 1954)`;
const NPS_THRESHOLD = `at least ${NPS_MIN_ANSWERS} answers in each period`;
/** The fewest values per period for Welch's test on two means. */
export const MEAN_MIN_VALUES = 30;
const MEAN_THRESHOLD = `at least ${MEAN_MIN_VALUES} values in each period`;

type Cell = Record<string, unknown> & { value: unknown };

function isCell(value: unknown): value is Cell {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "value" in value;
}

const isCount = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 0;

/** A rate's counts when the cell is a proportion: whole numerator within the denominator. */
function rateOf(cell: Cell): { numerator: number; denominator: number } | null {
  const { numerator, denominator, method } = cell;
  if (method !== undefined && method !== "top-box") return null;
  if (!isCount(numerator) || !isCount(denominator) || numerator > denominator) return null;
  return { numerator, denominator };
}

/** n, mean and standard error of a mean reported with its t interval. */
function meanOf(cell: Cell): { n: number; mean: number; se: number } | null {
  const interval = cell.interval as ConfidenceInterval | null | undefined;
  const n = cell.n;
  const mean = "mean" in cell ? cell.mean : cell.value;
  if (interval?.method !== "t" || !isCount(n) || n < 2 || typeof mean !== "number") {
    return null;
  }
  const t = studentTQuantile(0.5 + interval.level / 2, n - 1);
  return { n, mean, se: (interval.upper - interval.lower) / 2 / t };
}

/** Welch's t test of two means from their standard errors. */
function welch(
  a: { n: number; mean: number; se: number },
  b: { n: number; mean: number; se: number },
  level: number,
): Comparison<"welch"> {
  const difference = a.mean - b.mean;
  const va = a.se * a.se;
  const vb = b.se * b.se;
  const se = Math.sqrt(va + vb);
  const tooSmall = a.n < MEAN_MIN_VALUES || b.n < MEAN_MIN_VALUES;
  if (se === 0) {
    return {
      difference,
      interval: null,
      pValue: difference === 0 ? 1 : 0,
      test: "welch",
      tooSmall,
    };
  }
  // Welch–Satterthwaite degrees of freedom.
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const t = difference / se;
  const pValue = Math.min(1, 2 * (1 - studentTCdf(Math.abs(t), df)));
  const margin = studentTQuantile(0.5 + level / 2, df) * se;
  return {
    difference,
    interval: { lower: difference - margin, upper: difference + margin, level, method: "welch" },
    pValue,
    test: "welch",
    tooSmall,
  };
}

/** The change of `now` against `then`, or `null` when either has no value. */
function changeOf(now: Cell, then: Cell, against: PeriodLabel, level: number): Change | null {
  if (typeof now.value !== "number" || typeof then.value !== "number") return null;
  const noise = (c: Comparison) => c.tooSmall || c.pValue >= 1 - level;
  const from = (c: Comparison, threshold: string): Change => ({
    against,
    difference: c.difference,
    interval: c.interval,
    pValue: c.pValue,
    test: c.test,
    tooSmall: c.tooSmall,
    threshold,
    noise: noise(c),
  });
  const counts = (cell: Cell) =>
    isCount(cell.promoters) && isCount(cell.detractors) && isCount(cell.n)
      ? { promoters: cell.promoters, detractors: cell.detractors, n: cell.n }
      : null;
  const [npsNow, npsThen] = [counts(now), counts(then)];
  if (npsNow && npsThen) {
    const c = compareNps(npsNow, npsThen, { level });
    if (c) return from({ ...c, test: "z" }, NPS_THRESHOLD);
  }
  const [meanNow, meanThen] = [meanOf(now), meanOf(then)];
  if (meanNow && meanThen) return from(welch(meanNow, meanThen, level), MEAN_THRESHOLD);
  const [rateNow, rateThen] = [rateOf(now), rateOf(then)];
  if (rateNow && rateThen) {
    const c = compareRates(rateNow, rateThen, { level });
    if (c) return from({ ...c, test: "newcombe" }, RATE_THRESHOLD);
  }
  return {
    against,
    difference: now.value - then.value,
    interval: null,
    pValue: null,
    test: "none",
    tooSmall: false,
    threshold: "no test for this result (a percentile, a count, or a mean without its t interval)",
    noise: null,
  };
}

/**
 * The change of one metric cell against another (this period's result against the one
 * compared with), by the tests of {@link withChange}; for a page that pairs cells itself (the
 * HTML report's KPI cards).
 *
 * @param now - This period's result.
 * @param then - The result compared against.
 * @param against - The period of `then`.
 * @param level - The confidence level (default 0.95).
 * @returns The change, or `null` when either value is `null` or a cell is not a result.
 *
 * @example
 * const march = { start: "2024-03-01T00:00:00.000Z", end: "2024-04-01T00:00:00.000Z", label: "2024-03" };
 * const change = changeBetween({ value: 80, numerator: 56, denominator: 70 }, { value: 60, numerator: 48, denominator: 80 }, march);
 * [change.test, change.noise, Number(change.pValue.toFixed(4))]
 * //=> ["newcombe", false, 0.008]
 */
export function changeBetween(
  now: unknown,
  then: unknown,
  against: PeriodLabel,
  level?: number,
): Change | null {
  const checked = requireLevel("changeBetween", level);
  return isCell(now) && isCell(then) ? changeOf(now, then, against, checked) : null;
}

/** A label a year earlier: its leading year minus one, or `null` for a label without one. */
function yearEarlier(label: string): string | null {
  const match = /^(\d{4})(.*)$/.exec(label);
  if (!match) return null;
  return `${String(Number(match[1]) - 1).padStart(4, "0")}${match[2]}`;
}

/**
 * The rows with each metric cell's change against another period (see the file's
 * introduction for the tests). A cell gains `change`; `null` when there is no period to
 * compare with (the first period, a row without a period) or either value is `null`. The
 * rows given are not changed: the rows returned are new objects.
 *
 * @param rows - A rollup's rows, grouped by period (any keys).
 * @param options - `against` (`"previous"`, default, or `"year"`) and `level` (0.95).
 * @returns New rows, in the same order.
 *
 * @example
 * // FCR 48 of 80 in March, 56 of 70 in April: +20 points, Newcombe 5.24 to 33.39, p = 0.008
 * const rows = [
 *   { period: { start: "2024-03-01T00:00:00.000Z", end: "2024-04-01T00:00:00.000Z", label: "2024-03" },
 *     fcr: { value: 60, numerator: 48, denominator: 80 } },
 *   { period: { start: "2024-04-01T00:00:00.000Z", end: "2024-05-01T00:00:00.000Z", label: "2024-04" },
 *     fcr: { value: 80, numerator: 56, denominator: 70 } },
 * ];
 * const { difference, interval, noise } = withChange(rows)[1].fcr.change;
 * [difference, interval.lower, interval.upper, noise]
 * //=> [20.0, 5.24, 33.39, false]
 */
export function withChange<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  options: ChangeOptions = {},
): ChangedRow<Row>[] {
  const fn = "withChange";
  if (!Array.isArray(rows)) throw new TypeError(`${fn}: rows must be an array, got ${show(rows)}`);
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${fn}: options must be an object, got ${show(options)}`);
  }
  const against = options.against ?? "previous";
  if (against !== "previous" && against !== "year") {
    throw new RangeError(`${fn}: against must be one of previous, year, got ${show(against)}`);
  }
  const level = requireLevel(fn, options.level);
  const columnsOf = (row: Row) =>
    Object.keys(row).filter((name) => name !== "period" && isCell(row[name]));
  const keyOf = (row: Row, columns: readonly string[]) =>
    JSON.stringify(
      Object.keys(row)
        .filter((name) => name !== "period" && !columns.includes(name))
        .map((name) => [name, row[name]]),
    );
  /** Rows by their keys and period start (previous: by period end; year: by label). */
  const index = new Map<string, Row>();
  const slot = (row: Row, columns: readonly string[], at: string) =>
    `${keyOf(row, columns)}\u0000${at}`;
  for (const row of rows) {
    const period = row.period as PeriodLabel | null | undefined;
    if (!period) continue;
    index.set(slot(row, columnsOf(row), against === "previous" ? period.end : period.label), row);
  }
  return rows.map((row) => {
    const period = row.period as PeriodLabel | null | undefined;
    const columns = columnsOf(row);
    const wanted = !period
      ? null
      : against === "previous"
        ? period.start
        : yearEarlier(period.label);
    const other = wanted === null ? undefined : index.get(slot(row, columns, wanted));
    const out: Record<string, unknown> = { ...row };
    for (const name of columns) {
      const cell = row[name] as Cell;
      const then = other?.[name];
      out[name] = {
        ...cell,
        change:
          other && isCell(then) ? changeOf(cell, then, other.period as PeriodLabel, level) : null,
      };
    }
    return out as ChangedRow<Row>;
  });
}
