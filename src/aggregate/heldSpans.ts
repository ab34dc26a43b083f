/**
 * Held spans: a stock metric grouped by period without a `range`. The rows then run from the
 * first to the last period any record reaches, which is known only at `result`, so a span
 * whose periods depend on it waits in the state's `pending` list and is measured there.
 *
 * A finite span is measured at once: its periods lie between the two it notes (those of its
 * start and end), which the rows will cover whatever else arrives. Two kinds wait:
 * - an open-ended span (a ticket not yet resolved) reaches every period up to the last;
 * - a span starting exactly at a period's start also reaches the period before, which the
 *   rows include only if some other record reaches it.
 */
import type { Span } from "../reduce/reducer.ts";
import { keyEntry } from "./keyIndex.ts";
import type { MetricSlot } from "./metricSlot.ts";
import type { PeriodGrid } from "./periodGrid.ts";
import type { Placement } from "./placement.ts";
import { notePeriod, type PendingStock, type RollupState } from "./rollupState.ts";
import { addPeriods, addSpan } from "./stock.ts";

/**
 * A stock metric without a `range`: notes the periods of each span's start and end, measures
 * the span now when it can, and holds it otherwise (see the file's comment). A record without
 * a span is placed by `otherwise` (by its instant).
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
      // A start inside its period (not at its first instant) reaches no period before.
      if (period.floor(span.start - 1) === startPeriod) {
        addPeriods(grid, entry, slot, item, startPeriod, endPeriod);
        return;
      }
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
