/**
 * Held spans: a stock metric grouped by period without a `range`. The rows then run from the
 * first to the last period any record reaches, which is known only at `result`, so an
 * open-ended span (a ticket not yet resolved, a customer who has not churned), which reaches
 * every period up to the last, waits in the state's `pending` list and is measured there.
 *
 * A finite span is measured at once: it reaches the periods from the one holding its start to
 * the one holding its end (stock.ts), and notes both, so the rows cover them whatever else
 * arrives. Periods are half-open, so a span starting exactly at a period's first instant
 * reaches that period and not the one before: a customer who started at 00:00 on 1 March is
 * new in March, and a lone record in the earliest period always gets its row.
 */
import type { Span } from "../reduce/reducer.ts";
import { keyEntry } from "./keyIndex.ts";
import type { MetricSlot } from "./metricSlot.ts";
import type { PeriodGrid } from "./periodGrid.ts";
import type { Placement } from "./placement.ts";
import { notePeriod, type PendingStock, type RollupState } from "./rollupState.ts";
import { addPeriods, addSpan } from "./stock.ts";

/**
 * A stock metric without a `range`: notes the periods holding each span's start and end,
 * measures a finite span now in every period between them, and holds an open-ended one (see
 * the file's comment). A record without a span is placed by `otherwise` (by its instant).
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
    const startPeriod = period.floor(span.start);
    notePeriod(state, startPeriod);
    if (Number.isFinite(span.end)) {
      const endPeriod = period.floor(span.end);
      notePeriod(state, endPeriod);
      addPeriods(grid, entry, slot, item, startPeriod, endPeriod);
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
