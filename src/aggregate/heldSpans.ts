/**
 * Held spans: a stock metric grouped by period without a `range`. The rows then run from the
 * first to the last period any record reaches, which is known only at `result`, so an
 * open-ended span (a ticket not yet resolved, a customer who has not churned), which reaches
 * every period up to the last, waits in the state's `pending` list and is measured there.
 *
 * A finite span is measured at once: every period it reaches lies between the first and the
 * last it notes, which the rows will cover whatever else arrives. Spans are closed (stock.ts),
 * so a span starting exactly at a period's start also reaches the period before, and notes it:
 * a customer who started at 00:00 on 1 March is new at February's end instant, and February
 * gets its row even when no other record reaches it.
 */
import type { Span } from "../reduce/reducer.ts";
import { keyEntry } from "./keyIndex.ts";
import type { MetricSlot } from "./metricSlot.ts";
import type { PeriodGrid } from "./periodGrid.ts";
import type { Placement } from "./placement.ts";
import { notePeriod, type PendingStock, type RollupState } from "./rollupState.ts";
import { addPeriods, addSpan } from "./stock.ts";

/**
 * A stock metric without a `range`: notes every period each span reaches from the period
 * before its start (when it starts exactly at a period's start) to the period of its end,
 * measures a finite span now, and holds an open-ended one (see the file's comment). A record
 * without a span is placed by `otherwise` (by its instant).
 */
export function heldStockPlacement<Item>(
  slot: MetricSlot<Item>,
  spanOf: (item: Item) => Span | undefined,
  grid: PeriodGrid,
  otherwise: Placement<Item>,
): Placement<Item> {
  const period = grid.period;
  return (state, entry, item) => {
    const span = spanOf(item);
    if (!span) {
      otherwise(state, entry, item);
      return;
    }
    // The first period whose window reaches the span's start: the one before it when the
    // span starts at a period's first instant (a closed span touches that period's end).
    const firstPeriod = period.floor(span.start - 1);
    notePeriod(state, firstPeriod);
    notePeriod(state, period.floor(span.start));
    if (Number.isFinite(span.end)) {
      const endPeriod = period.floor(span.end);
      notePeriod(state, endPeriod);
      addPeriods(grid, entry, slot, item, firstPeriod, endPeriod);
      return;
    }
    const { keyId, keys } = entry;
    state.pending.push({ metric: slot.index, keyId, keys, span, item });
  };
}

/**
 * Measures held spans in every period they reach from the one starting at `first` to the one
 * starting at `last` (the rows' first and last), adding them to `into`'s groups. `into` should
 * be a fresh state: the held records must not be added to metric states shared with another.
 */
export function measureHeldSpans<Item>(
  pending: readonly PendingStock[],
  into: RollupState,
  slots: readonly MetricSlot<Item>[],
  grid: PeriodGrid,
  first: number,
  last: number,
): void {
  for (const { metric, keyId, keys, span, item } of pending) {
    addSpan(
      grid,
      keyEntry(into, keyId, keys),
      slots[metric] as MetricSlot<Item>,
      span,
      item as Item,
      first,
      last,
    );
  }
}
