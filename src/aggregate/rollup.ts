import { requireInstant, show } from "../reduce/arguments.ts";
import { noteMaker } from "../reduce/provenance.ts";
import { reduce } from "../reduce/reduce.ts";
import type { AnyReducer, Reducer } from "../reduce/reducer.ts";
import { parseTimestamp } from "../schemas/timestamp.ts";
import {
  period as makePeriod,
  type Period,
  type PeriodOptions,
  type PeriodUnit,
} from "../time/period.ts";
import { checkTimeZone } from "../time/zone.ts";
import { measureHeldSpans } from "./heldSpans.ts";
import { keyIndex } from "./keyIndex.ts";
import { type Key, keyFunction } from "./keys.ts";
import { metricSlots } from "./metricSlot.ts";
import { type PeriodGrid, type PeriodRange, periodGrid } from "./periodGrid.ts";
import {
  creationPlacements,
  PLACE_BY,
  type PlaceBy,
  type Placement,
  placementOf,
} from "./placement.ts";
import { checkMergeable, checkRollupState, rollupDescription, rollupMade } from "./rollupMade.ts";
import { emptyRollupState, mergeRollupStates, type RollupState } from "./rollupState.ts";
import { periodsBetween, rangeTooLong, readMaxRows, rowCountOf, tooManyRows } from "./rowLimit.ts";
import { fillPeriods, fillWhole, type RollupRow, rowsOf } from "./rows.ts";

export type { PlaceBy } from "./placement.ts";
export type { PendingStock, RollupGroup, RollupState } from "./rollupState.ts";
export type { PeriodLabel, RollupRow } from "./rows.ts";

/** What to group by: `period` (a unit name or a {@link Period}) and any named keys. */
export type GroupBy<Item> = {
  period?: PeriodUnit | Period;
} & {
  [key: string]: Key<Item> | PeriodUnit | Period | undefined;
};

/** An instant for a range: a Date, epoch milliseconds, or an ISO string (zone-less means the rollup's zone). */
export type RangeInstant = Date | string | number;

/** Options for {@link rollup}. */
export interface RollupOptions<Item, Metrics extends Record<string, AnyReducer<Item>>>
  extends PeriodOptions {
  /** The metrics to compute, by the column name each gets in the rows. */
  metrics: Metrics;
  /** What to group by. Without it, one row holds the whole input. */
  by?: GroupBy<NoInfer<Item>>;
  /**
   * Only periods from the one containing `start` up to (not including) `end`; every period in
   * it gets a row for each key combination seen, even with no records. Records placed outside
   * are left out of the rows and counted in the state's `outOfRange`. Zone-less strings such
   * as `"2024-01-01"` are read in `timeZone`, or, when that is not given and `by.period` is a
   * {@link Period}, in the period's zone.
   */
  range?: { start: RangeInstant; end: RangeInstant };
  /**
   * Which instant places a flow record in a period. `"event"` (the default): each metric's
   * own, so a month's resolution time, FCR and reopen rate are those of the tickets resolved
   * in it. `"created"`: a ticket's creation for every metric, so they are those of the
   * tickets created in it (a creation cohort, as a data team's standard report and
   * dbt_zendesk count them); a metric with several events per ticket (reply time, SLA
   * attainment) then counts all of a ticket's events in its creation period. Records without
   * a `createdAt` (support costs, survey responses) keep their own instant, and stock metrics
   * (backlog) are still measured at each period's end. Docs: docs/periods.md.
   */
  placeBy?: PlaceBy;
  /**
   * The most rows of a period and key combination (100,000 by default; `Infinity` for no
   * bound). Periods are made whether records fall in them or not (a `range`, an open backlog
   * ticket), so a day grid over centuries once ran out of memory: a `range` of more periods
   * is refused when the rollup is built, and a rollup whose rows would pass the bound throws
   * a `RangeError` (`RowLimitError`) before making them. Docs: docs/periods.md, "Limits".
   */
  maxRows?: number;
}

/** The `placeBy` option, checked. */
function readPlaceBy(value: unknown): PlaceBy {
  if (value === undefined) return "event";
  const allowed = PLACE_BY.map((name) => `"${name}"`).join(" or ");
  if (typeof value !== "string")
    throw new TypeError(`rollup: placeBy must be ${allowed}, got ${show(value)}`);
  if (!(PLACE_BY as readonly string[]).includes(value))
    throw new RangeError(`rollup: placeBy must be ${allowed}, got ${show(value)}`);
  return value as PlaceBy;
}

/** The metrics' names and reducers, checked. */
function readMetrics<Item>(metrics: Record<string, AnyReducer<Item>> | undefined) {
  const names = Object.keys(metrics ?? {});
  if (names.length === 0) throw new TypeError("rollup: metrics must name at least one reducer");
  const reducers = names.map((name) => (metrics as Record<string, AnyReducer<Item>>)[name]);
  reducers.forEach((reducer, i) => {
    if (!reducer || typeof reducer.add !== "function" || typeof reducer.init !== "function") {
      throw new TypeError(
        `rollup: metrics.${names[i]} must be a reducer (init, add, merge, result, timeOf)`,
      );
    }
  });
  return { names, reducers: reducers as AnyReducer<Item>[] };
}

/** The period to group by, if any: a unit name is resolved in the rollup's zone. */
function readPeriod(
  periodOption: PeriodUnit | Period | undefined,
  timeZone: string,
  options: PeriodOptions,
): Period | undefined {
  if (typeof periodOption === "string") {
    return makePeriod(periodOption, {
      timeZone,
      ...(options.weekStartsOn === undefined ? {} : { weekStartsOn: options.weekStartsOn }),
    });
  }
  if (periodOption === undefined) return undefined;
  if (typeof periodOption !== "object" || typeof periodOption.floor !== "function") {
    throw new TypeError("rollup: by.period must be a unit name or a period");
  }
  return periodOption;
}

/** The range's first and last periods, if a range is given. */
function readRange(
  range: { start: RangeInstant; end: RangeInstant } | undefined,
  period: Period | undefined,
  timeZone: string | undefined,
): PeriodRange | undefined {
  if (!range) return undefined;
  if (!period) throw new TypeError("rollup: range needs by.period");
  // "2024-04-01" means midnight where the periods are cut, not in UTC.
  const rangeZone = timeZone ?? period.timeZone;
  const read = (value: RangeInstant, which: string) => {
    const parsed =
      typeof value === "string"
        ? parseTimestamp(value, rangeZone)
        : requireInstant("rollup", which, value);
    if (typeof parsed === "string") throw new TypeError(`rollup: ${which} ${parsed}`);
    return parsed;
  };
  const start = read(range.start, "range.start");
  const end = read(range.end, "range.end");
  if (end <= start) throw new RangeError("rollup: range.end must be after range.start");
  return { first: period.floor(start), last: period.floor(end - 1), end };
}

/**
 * The group-by layer as a reducer: feed records with `add`, merge shard states with `merge`,
 * read rows with `result`. {@link rollup} is this reducer run over an array.
 *
 * It reads only the reducers' declared properties (`timeOf`, `timesOf`, `spanOf`, `window`) and their
 * four functions, never their names, so any user-written reducer works the same way.
 *
 * @example Two shards, each fed apart, merged into one set of rows
 * import { ticketVolumeReducer } from "support-metrics";
 * const at = (day) => ({ createdAt: new Date(`2024-03-${day}T12:00:00Z`) });
 * const reducer = rollupReducer({ by: { period: "day" }, timeZone: "UTC", metrics: { volume: ticketVolumeReducer() } });
 * const shard = (tickets) => {
 *   const state = reducer.init();
 *   for (const ticket of tickets) reducer.add(state, ticket, undefined);
 *   return state;
 * };
 * reducer.result(reducer.merge(shard([at("01"), at("02")]), shard([at("02")])))
 *   .map((row) => [row.period.label, row.volume.value])
 * //=> [["2024-03-01", 1], ["2024-03-02", 2]]
 */
export function rollupReducer<Item, Metrics extends Record<string, AnyReducer<Item>>>(
  options: RollupOptions<Item, Metrics>,
): Reducer<Item, RollupState, RollupRow<Metrics>[]> {
  const { names, reducers } = readMetrics<Item>(options.metrics);
  const by = options.by ?? {};
  const timeZone = checkTimeZone(options.timeZone ?? "UTC", "rollup");
  const period = readPeriod(by.period, timeZone, options);
  const keyNames = Object.keys(by).filter((name) => name !== "period" && by[name] !== undefined);
  for (const name of keyNames) {
    if (names.includes(name))
      throw new TypeError(`rollup: "${name}" is both a key and a metric name`);
  }
  const entryFor = keyIndex(keyNames.map((name) => keyFunction<Item>(name, by[name] as Key<Item>)));
  const range = readRange(
    options.range,
    period,
    options.timeZone === undefined ? undefined : timeZone,
  );

  const placeBy = readPlaceBy(options.placeBy);
  const maxRows = readMaxRows(options.maxRows);
  // A range's periods each get a row per key combination: count them before any is made.
  const rangePeriods = range && period ? periodsBetween(period, range.first, range.last) : 0;
  if (period && rangePeriods > maxRows) throw rangeTooLong(rangePeriods, period.unit, maxRows);

  // Each metric's placement, decided once: `add` only calls them in turn.
  const metricCount = reducers.length;
  const grid: PeriodGrid | undefined = period && periodGrid(period, range, metricCount, maxRows);
  const slots = metricSlots(names, reducers);
  const placements: Placement<Item>[] = reducers.map((reducer, i) =>
    placementOf(reducer, slots[i] as (typeof slots)[number], grid, metricCount, placeBy),
  );
  // By creation, every flow metric finds the record's period once (creationPlacements).
  const placeAll: Placement<Item> | undefined =
    grid && placeBy === "created"
      ? creationPlacements(reducers, slots, placements, grid)
      : undefined;
  const layout = { period, keyNames, names, reducers };
  // What made this rollup's states: merges refuse states of another rollup (issue 12).
  const madeLayout = {
    timeZone,
    period,
    weekStartsOn: options.weekStartsOn,
    keyNames,
    names,
    reducers,
    range,
  };
  const made = rollupMade(madeLayout);

  const self: Reducer<Item, RollupState, RollupRow<Metrics>[]> = {
    name: "rollup",
    timeOf: () => undefined,
    init: () => emptyRollupState(names, made),
    add(state, item) {
      // One lookup of the key combination per record; each metric then finds its periods.
      const entry = entryFor(state, item);
      // With a range, every key combination gets a row in each of its periods.
      if (rangePeriods > 0 && state.keyCombinations.size * rangePeriods > maxRows)
        throw tooManyRows(state.keyCombinations.size * rangePeriods, maxRows);
      if (placeAll) {
        placeAll(state, entry, item);
        return;
      }
      for (let metric = 0; metric < metricCount; metric++)
        (placements[metric] as Placement<Item>)(state, entry, item);
    },
    merge(a, b) {
      checkMergeable("rollup", a, made, "a");
      checkMergeable("rollup", b, made, "b");
      return mergeRollupStates(a, b, names, reducers, made);
    },
    result(source) {
      // Work on a copy: result must stay pure, so a state can be read, merged and read again.
      // The copy shares the reducers' states with `source`, so held stock records are added
      // to fresh states and merged in, never added to a shared state.
      let state = self.merge(source, self.init());
      if (grid) {
        const first = range ? range.first : state.firstPeriod;
        const last = range ? range.last : state.lastPeriod;
        if (Number.isFinite(first) && Number.isFinite(last)) {
          if (state.pending.length > 0) {
            const measured = self.init();
            // The held spans' rows add to the state's: count from there.
            rowCountOf(measured).n = rowCountOf(state).n;
            measureHeldSpans(state.pending, measured, slots, grid, first, last);
            state = self.merge(state, measured);
          }
          if (range) {
            const rows = rangePeriods * Math.max(1, state.keyCombinations.size);
            if (rows > maxRows) throw tooManyRows(rows, maxRows);
            fillPeriods(state, grid.period, first, last, keyNames.length, metricCount);
          }
        }
      } else fillWhole(state, keyNames.length, metricCount);
      return rowsOf<Item, Metrics>(state, layout);
    },
  };
  noteMaker(self, JSON.parse(rollupDescription(madeLayout)), checkRollupState(madeLayout, made));
  return self;
}

/**
 * Computes any set of metrics in one pass over the records, grouped by period (in an IANA
 * time zone) and by any keys. Returns flat rows sorted by period, then by each key in the
 * order given.
 *
 * Each metric places a record in a period by its own timestamp (`timeOf`): ticket volume by
 * creation, resolution time by resolution. Stock metrics (backlog) are measured at each
 * period's end. A record a metric cannot place (an unresolved ticket, for resolution time)
 * lands in a row whose `period` is `null`, where its exclusion is counted.
 *
 * @example
 * const tickets = [
 *   { createdAt: new Date("2024-01-31T23:30:00Z"), channel: "email" },
 *   { createdAt: new Date("2024-02-01T08:00:00Z"), channel: "chat" },
 * ];
 * const volume = {
 *   name: "volume",
 *   init: () => ({ n: 0 }),
 *   add: (state, _ticket) => { state.n++; },
 *   merge: (a, b) => ({ n: a.n + b.n }),
 *   result: (state) => ({ value: state.n }),
 *   timeOf: (ticket) => ticket.createdAt,
 * };
 * rollup(tickets, { by: { period: "month" }, timeZone: "Europe/Berlin", metrics: { volume } })
 *   .map((row) => [row.period.label, row.volume.value])
 * //=> [["2024-02", 2]]
 */
export function rollup<Item, Metrics extends Record<string, AnyReducer<Item>>>(
  records: Iterable<Item>,
  options: RollupOptions<Item, Metrics>,
): RollupRow<Metrics>[] {
  return reduce(records, rollupReducer(options));
}
