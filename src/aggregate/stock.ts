/**
 * Stock placement: a record with a span (a ticket from creation to resolution, a customer
 * from signup to churn) is added once to every period its span reaches, with that period as
 * the window, so the metric measures "open at the period end" itself.
 *
 * Every period is half-open, `[start, end)` (docs/periods.md), so a span `[start, end)`
 * reaches the periods from the one holding its start to the one holding its end: a span
 * starting exactly at a period's first instant starts in that period, not the one before,
 * and one ending exactly at a period's first instant ends in that period (where the metric
 * counts it lost or resolved, and still open at the instant before). This file places spans
 * within known first and last periods (the `range`); heldSpans.ts handles a rollup without one.
 */
import type { Span } from "../reduce/reducer.ts";
import type { KeyEntry } from "./keyIndex.ts";
import { addTo, type MetricSlot } from "./metricSlot.ts";
import type { PeriodGrid, PeriodRange } from "./periodGrid.ts";
import type { Placement } from "./placement.ts";
import { countOutOfRange } from "./rollupState.ts";

/**
 * Adds a stock record to every period from the one starting at `from` to the one starting at
 * `to` (both included); returns how many periods that was.
 */
export function addPeriods<Item>(
  grid: PeriodGrid,
  entry: KeyEntry,
  slot: MetricSlot<Item>,
  item: Item,
  from: number,
  to: number,
): number {
  grid.reserve(entry, from, to);
  let added = 0;
  for (let start = from; start <= to; ) {
    const window = grid.windowOf(start);
    addTo(grid.group(entry, start), slot, item, window);
    added++;
    start = window.end;
  }
  return added;
}

/**
 * Adds a stock record to every period its span reaches (from the one holding its start to the
 * one holding its end) between the periods starting at `first` and `last`; returns how many
 * periods that was (0: none of them).
 */
export function addSpan<Item>(
  grid: PeriodGrid,
  entry: KeyEntry,
  slot: MetricSlot<Item>,
  span: Span,
  item: Item,
  first: number,
  last: number,
): number {
  const from = Math.max(grid.period.floor(span.start), first);
  const to = Number.isFinite(span.end) ? Math.min(grid.period.floor(span.end), last) : last;
  return addPeriods(grid, entry, slot, item, from, to);
}

/**
 * A stock metric with a `range`: each span is measured at once in the range's periods it
 * reaches, and counted out of range when it reaches none. A record without a span is placed
 * by `otherwise` (by its instant).
 */
export function stockInRangePlacement<Item>(
  slot: MetricSlot<Item>,
  spanOf: (item: Item) => Span | undefined,
  grid: PeriodGrid,
  range: PeriodRange,
  otherwise: Placement<Item>,
): Placement<Item> {
  const { first, last } = range;
  return (state, entry, item) => {
    const span = spanOf(item);
    if (!span) otherwise(state, entry, item);
    else if (addSpan(grid, entry, slot, span, item, first, last) === 0)
      countOutOfRange(state, slot.name);
  };
}
