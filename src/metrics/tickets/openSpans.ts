/**
 * When a ticket is open: the shared rule behind the stock metrics (backlog, queue length),
 * plus the age buckets they report. One place, so backlog and queue length cannot disagree
 * about what "open at an instant" means.
 *
 * The rule, at an instant T (epoch milliseconds), is the snapshot of everything that happened
 * **before** T, as a period's end E is measured (the first instant of the next period, which
 * belongs to that next period):
 * - A ticket is open at T only if it was created before T (`createdAt < T`): one created
 *   exactly at T is not open there; it is created in the period that starts at T.
 * - **With status history** (`statusChanges`, non-empty), the ticket is open at T unless the
 *   latest status change before T entered `solved` or `closed`. A change exactly at T has not
 *   happened yet: a ticket solved at T is still open at T (it is solved in the next period).
 *   A reopened ticket is open again from its reopen, so its solved gaps are not counted.
 *   Before its first recorded change a ticket counts as `new`.
 * - **Without status history**, the flat fields cannot say when a ticket was solved and
 *   reopened, so a ticket is open from creation until its final resolution: it is open at T
 *   unless it was resolved before T (`lastResolvedAt < T`) and its current status is `solved`
 *   or `closed`, and open to this day when its current status is unresolved, even if it was
 *   resolved before (it was reopened at an unknown time after `lastResolvedAt`). Solved gaps
 *   between a first resolution and a reopen are therefore counted as open, as Zendesk's "full
 *   resolution time" counts them.
 * - A ticket whose status is `solved` or `closed` but which has no resolution time and no
 *   history was resolved at an unknown moment: its openness is `"unknown"`, never guessed.
 *
 * So at each period end E, backlog(E) = backlog(S) + created − resolved + reopened, with the
 * flows counted in the half-open period [S, E) as every flow metric places its records.
 */
import * as z from "zod/mini";
import { checkedBy, instant } from "../../reduce/options.ts";
import { badField, isInstant, requireInstant } from "../../reduce/recordError.ts";
import type { Reducer, Span, Window } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts, mergeExcluded } from "../../reduce/results.ts";
import { declareSteadyStock } from "../../reduce/steadyStock.ts";
import {
  isResolvedStatus,
  TICKET_STATUSES,
  type Ticket,
  type TicketStatus,
} from "../../schemas/ticket.ts";

/** The fields the open-interval rule reads; `statusChanges` may be left out (no history). */
export type OpenSpanInput = Pick<Ticket, "createdAt" | "status" | "lastResolvedAt"> & {
  statusChanges?: Ticket["statusChanges"];
};

/** Whether a ticket is open at an instant; `"unknown"` when its data cannot tell. */
export type Openness = "open" | "notOpen" | "unknown";

function hasHistory(
  ticket: OpenSpanInput,
): ticket is OpenSpanInput & { statusChanges: NonNullable<Ticket["statusChanges"]> } {
  return ticket.statusChanges != null && ticket.statusChanges.length > 0;
}

/** Index of the latest status change before `t` (changes are sorted), or −1. */
function lastChangeBefore(changes: NonNullable<Ticket["statusChanges"]>, t: number): number {
  let low = 0;
  let high = changes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((changes[mid] as { at: Date }).at.getTime() < t) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/**
 * The widest span in which a ticket may be open: from `createdAt` to its final resolution
 * (the moment it became resolved and stayed so), or to `Infinity` while it is open or when
 * that moment is unknown. Stock metrics declare it as `spanOf`.
 *
 * @example
 * const at = (time) => new Date(`2024-03-01T${time}:00Z`);
 * // solved at 11:00, reopened at 12:00, solved at 13:00 then closed: open from 09:00 to 13:00
 * const span = openSpan({ createdAt: at("09:00"), status: "closed", lastResolvedAt: at("14:00"),
 *   statusChanges: [{ at: at("11:00"), status: "solved" }, { at: at("12:00"), status: "open" },
 *     { at: at("13:00"), status: "solved" }, { at: at("14:00"), status: "closed" }] });
 * [new Date(span.start).toISOString(), new Date(span.end).toISOString()]
 * //=> ["2024-03-01T09:00:00.000Z", "2024-03-01T13:00:00.000Z"]
 */
export function openSpan(ticket: OpenSpanInput): Span {
  const start = ticket.createdAt.getTime();
  if (hasHistory(ticket)) {
    const changes = ticket.statusChanges;
    let i = changes.length - 1;
    if (!isResolvedStatus((changes[i] as { status: TicketStatus }).status)) {
      return { start, end: Number.POSITIVE_INFINITY };
    }
    // Walk back to the start of the final resolved run (solved → closed stays resolved).
    while (i > 0 && isResolvedStatus((changes[i - 1] as { status: TicketStatus }).status)) i--;
    return { start, end: Math.max(start, (changes[i] as { at: Date }).at.getTime()) };
  }
  if (isResolvedStatus(ticket.status) && ticket.lastResolvedAt) {
    return { start, end: ticket.lastResolvedAt.getTime() };
  }
  return { start, end: Number.POSITIVE_INFINITY };
}

/**
 * Whether a ticket is open at instant `t` (epoch milliseconds), by the rule at the top of
 * this file: created before `t` and not resolved before `t`. Open means unresolved: `new`,
 * `open`, `pending` and `onHold` all count.
 *
 * @example
 * const ticket = { createdAt: new Date("2024-03-01T09:00:00Z"), status: "solved",
 *   lastResolvedAt: new Date("2024-03-02T09:00:00Z") };
 * // before creation, at creation, in between, at the resolution, after it
 * ["2024-03-01T08:00:00Z", "2024-03-01T09:00:00Z", "2024-03-01T12:00:00Z", "2024-03-02T09:00:00Z",
 *   "2024-03-03T00:00:00Z"].map((t) => openAt(ticket, Date.parse(t)))
 * //=> ["notOpen", "notOpen", "open", "open", "notOpen"]
 */
export function openAt(ticket: OpenSpanInput, t: number): Openness {
  if (ticket.createdAt.getTime() >= t) return "notOpen";
  if (hasHistory(ticket)) {
    const i = lastChangeBefore(ticket.statusChanges, t);
    if (i < 0) return "open";
    const status = (ticket.statusChanges[i] as { status: TicketStatus }).status;
    return isResolvedStatus(status) ? "notOpen" : "open";
  }
  if (isResolvedStatus(ticket.status)) {
    if (!ticket.lastResolvedAt) return "unknown";
    return ticket.lastResolvedAt.getTime() < t ? "notOpen" : "open";
  }
  return "open";
}

/**
 * A ticket's status at instant `t`, read from its status history: the status entered by the
 * latest change before `t` (`new` before its first recorded change; a change exactly at `t`
 * has not happened yet, as in {@link openAt}); `null` without history, where the status at a
 * past instant is unknown.
 *
 * @example
 * const at = (time) => new Date(`2024-03-01T${time}:00Z`);
 * const ticket = { createdAt: at("09:00"), status: "solved", lastResolvedAt: at("11:00"),
 *   statusChanges: [{ at: at("10:00"), status: "pending" }, { at: at("11:00"), status: "solved" }] };
 * [statusAt(ticket, at("09:30").getTime()), statusAt(ticket, at("10:30").getTime()),
 *   statusAt({ ...ticket, statusChanges: undefined }, at("10:30").getTime())]
 * //=> ["new", "pending", null]
 */
export function statusAt(ticket: OpenSpanInput, t: number): TicketStatus | null {
  if (!hasHistory(ticket)) return null;
  const i = lastChangeBefore(ticket.statusChanges, t);
  return i < 0 ? "new" : (ticket.statusChanges[i] as { status: TicketStatus }).status;
}

/** One age bucket of a stock result: tickets whose age at the instant is in `[fromSeconds, toSeconds)`. */
export interface AgeBucket {
  /** Readable label, such as `"<1d"`, `"1d-3d"` or `">=30d"`. */
  label: string;
  fromSeconds: number;
  /** Upper bound (exclusive); `null` for the last, open-ended bucket. */
  toSeconds: number | null;
  count: number;
}

/** Default age bucket boundaries, in seconds: 1 day, 3 days, 7 days, 30 days. */
export const DEFAULT_AGE_BUCKETS: readonly number[] = [86_400, 259_200, 604_800, 2_592_000];

/** A duration in seconds as a short label: `1d`, `4h`, `30m` or `45s`. */
function short(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** Checks age bucket boundaries once: positive, finite, strictly increasing seconds. */
export function requireAgeBuckets(fn: string, value: unknown): readonly number[] {
  const ok =
    Array.isArray(value) &&
    value.every(
      // Number.isFinite, unlike the global isFinite, is false for anything but a number.
      (b, i) => Number.isFinite(b) && b > 0 && (i === 0 || b > (value[i - 1] as number)),
    );
  if (!ok) {
    const shown = Array.isArray(value) ? `[${value.join(", ")}]` : String(value);
    throw new RangeError(
      `${fn}: ageBuckets must be strictly increasing positive numbers of seconds, got ${shown}`,
    );
  }
  return [...(value as number[])];
}

/** The buckets delimited by `boundaries`, each with a count of 0. */
export function emptyAgeBuckets(boundaries: readonly number[]): AgeBucket[] {
  if (boundaries.length === 0) return [{ label: "all", fromSeconds: 0, toSeconds: null, count: 0 }];
  const buckets: AgeBucket[] = [];
  let from = 0;
  for (const to of boundaries) {
    const label = from === 0 ? `<${short(to)}` : `${short(from)}-${short(to)}`;
    buckets.push({ label, fromSeconds: from, toSeconds: to, count: 0 });
    from = to;
  }
  buckets.push({ label: `>=${short(from)}`, fromSeconds: from, toSeconds: null, count: 0 });
  return buckets;
}

/** Index of the bucket an age (seconds) falls in. */
export function ageBucketIndex(boundaries: readonly number[], ageSeconds: number): number {
  let i = 0;
  // The bound keeps the read inside the list; past its end `ageSeconds >= undefined` is false
  // anyway, so mutating the bound (`<=`, `true`) is an equivalent mutant.
  while (i < boundaries.length && ageSeconds >= (boundaries[i] as number)) i++;
  return i;
}

/** Merges the instants two stock states were measured at; they must agree. */
export function mergeMeasuredAt(fn: string, a: number | null, b: number | null): number | null {
  if (a !== null && b !== null && a !== b) {
    throw new RangeError(
      `${fn}: cannot merge states measured at different instants, got ${new Date(a).toISOString()} and ${new Date(b).toISOString()}`,
    );
  }
  return a ?? b;
}

/** An epoch-millisecond instant as an ISO 8601 string, or `null`. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * The options backlog and queue length share, as schema fields: the instant measured when not
 * grouped by period (`asOf`) and the age buckets.
 */
export const stockOptionFields = {
  asOf: z.optional(instant()),
  ageBuckets: z.optional(checkedBy((value: readonly number[], fn) => requireAgeBuckets(fn, value))),
};

const STATUS_EXPECTED = `one of ${TICKET_STATUSES.join(", ")}`;

function isStatus(value: unknown): boolean {
  // includes compares without coercion: nothing but one of these strings is found.
  return (TICKET_STATUSES as readonly unknown[]).includes(value);
}

/**
 * Cheap checks of the fields the open-interval rule reads, for records that never went
 * through the schema (recordError.ts): a wrong kind throws a RecordFieldError naming the
 * field. With `history`, each status change is checked too; the stock reducer does that once
 * per ticket, in `spanOf`, and only checks that the history is a list in `add`, which a
 * rollup calls once per period the ticket may be open in.
 *
 * @example
 * let message = "";
 * try { requireOpenSpanInput("backlog", { createdAt: new Date(Number.NaN), status: "open" }, false); }
 * catch (error) { message = error.message; }
 * message
 * //=> 'backlog: field "createdAt" must be a valid Date, got Invalid Date'
 */
export function requireOpenSpanInput(fn: string, ticket: OpenSpanInput, history: boolean): void {
  requireInstant(fn, "createdAt", ticket.createdAt);
  if (!isStatus(ticket.status)) badField(fn, "status", STATUS_EXPECTED, ticket.status);
  const resolved: unknown = ticket.lastResolvedAt;
  if (resolved !== null && resolved !== undefined && !isInstant(resolved)) {
    badField(fn, "lastResolvedAt", "a valid Date or null", resolved);
  }
  const changes: unknown = ticket.statusChanges;
  if (changes === null || changes === undefined) return;
  if (!Array.isArray(changes)) {
    badField(fn, "statusChanges", "a list of { at, status } or null", changes);
  }
  if (!history) return;
  for (const change of changes as unknown[]) {
    const ok =
      typeof change === "object" &&
      change !== null &&
      isInstant((change as { at?: unknown }).at) &&
      isStatus((change as { status?: unknown }).status);
    if (!ok) badField(fn, "statusChanges", "a list of { at: a valid Date, status }", change);
  }
}

/**
 * The first instant from which a ticket without status history is counted the same way at
 * every instant measured, up to the end of its span (`openSpan`): open (created before it,
 * not resolved before it) and in the oldest age bucket. `Infinity` when there is no such
 * instant: a ticket with history, or resolved at an unknown moment. Only integer instants
 * are promised (every period of a time zone ends on one).
 */
function steadyFrom(ticket: OpenSpanInput, boundaries: readonly number[]): number {
  if (hasHistory(ticket)) return Number.POSITIVE_INFINITY;
  if (isResolvedStatus(ticket.status) && !ticket.lastResolvedAt) return Number.POSITIVE_INFINITY;
  const created = ticket.createdAt.getTime();
  // One bucket only: open from the first instant after creation.
  if (boundaries.length === 0) return created + 1;
  const oldest = boundaries[boundaries.length - 1] as number;
  // The first integer t with (t - created) / 1000 >= oldest, by ageBucketIndex's own test.
  let t = Math.ceil(created + oldest * 1000);
  if (!Number.isSafeInteger(t)) return Number.POSITIVE_INFINITY;
  // Rounding may leave t one step off either way. Stepping down too far (`t + 1` for `t - 1`
  // is an equivalent mutant) is undone by the step up.
  while ((t - 1 - created) / 1000 >= oldest) t--;
  while (!((t - created) / 1000 >= oldest)) t++;
  // A guard: with the boundaries positive (requireAgeBuckets) t is already after creation, so
  // `created - 1` for `created + 1` is an equivalent mutant.
  return Math.max(t, created + 1);
}

/**
 * The reducer of a stock of tickets (backlog, queue length). At the instant measured, the
 * end of the window `add` is given (each period's end in a rollup, else `asOf`), it counts
 * the tickets open then by age, except those `leftOut` names a reason for. A ticket not open
 * is excluded as `notOpen`, one whose resolution time is unknown as `unknownResolution`.
 */
export function ticketStockReducer<Input extends OpenSpanInput, Reason extends string>(
  fn: string,
  how: {
    asOf: number | undefined;
    ageBuckets: readonly number[] | undefined;
    exclusions: readonly (Reason | "notOpen" | "unknownResolution")[];
    spanOf: (ticket: Input) => Span;
    leftOut: (ticket: Input, t: number) => Reason | null;
    /**
     * `leftOut` returns `null` for every ticket and instant, and `spanOf` is `openSpan`: the
     * reducer then declares its steady runs (src/reduce/steadyStock.ts).
     */
    steady?: boolean;
  },
): Reducer<
  Input,
  {
    count: number;
    byAge: number[];
    measuredAt: number | null;
    excluded: Excluded<Reason | "notOpen" | "unknownResolution">;
  },
  {
    value: number;
    byAge: AgeBucket[];
    measuredAt: string | null;
    excluded: Excluded<Reason | "notOpen" | "unknownResolution">;
  }
> {
  const at = how.asOf;
  const boundaries = how.ageBuckets ?? DEFAULT_AGE_BUCKETS;
  const reducer: ReturnType<typeof ticketStockReducer<Input, Reason>> = {
    name: fn,
    ...(at === undefined ? {} : { window: { start: at, end: at } }),
    timeOf: (ticket) => ticket.createdAt,
    // The span is read before `add` in a rollup: checked here once per ticket, history included.
    spanOf(ticket) {
      requireOpenSpanInput(fn, ticket, true);
      return how.spanOf(ticket);
    },
    init: () => ({
      count: 0,
      byAge: new Array<number>(boundaries.length + 1).fill(0),
      measuredAt: null,
      excluded: excludedCounts(how.exclusions),
    }),
    add(state, ticket, window: Window | undefined) {
      if (!window) throw new TypeError(`${fn}: add needs the window to measure, got undefined`);
      // reduce and rollup call spanOf first, which checked the entries: checking them again
      // here (`true`) gives the same answers, only slower, an equivalent mutant.
      requireOpenSpanInput(fn, ticket, false);
      const t = window.end;
      state.measuredAt = mergeMeasuredAt(fn, state.measuredAt, t);
      const openness = openAt(ticket, t);
      const reason =
        openness === "unknown"
          ? "unknownResolution"
          : openness === "notOpen"
            ? "notOpen"
            : how.leftOut(ticket, t);
      if (reason !== null) {
        (state.excluded as Record<typeof reason, number>)[reason]++;
        return;
      }
      state.count++;
      const i = ageBucketIndex(boundaries, (t - ticket.createdAt.getTime()) / 1000);
      state.byAge[i] = (state.byAge[i] as number) + 1;
    },
    merge: (a, b) => ({
      count: a.count + b.count,
      byAge: a.byAge.map((n, i) => n + (b.byAge[i] as number)),
      measuredAt: mergeMeasuredAt(fn, a.measuredAt, b.measuredAt),
      excluded: mergeExcluded(a.excluded, b.excluded),
    }),
    result: (state) => ({
      value: state.count,
      byAge: emptyAgeBuckets(boundaries).map((bucket, i) => ({
        ...bucket,
        count: state.byAge[i] as number,
      })),
      measuredAt: isoOrNull(state.measuredAt ?? at ?? null),
      excluded: { ...state.excluded },
    }),
  };
  if (!how.steady) return reducer;
  // A steady add: open, and in the oldest bucket (the last one).
  const oldest = boundaries.length;
  return declareSteadyStock(reducer, {
    from: (ticket: Input) => steadyFrom(ticket, boundaries),
    addRun(state, count, window) {
      const stock = state as { count: number; byAge: number[]; measuredAt: number | null };
      stock.measuredAt = mergeMeasuredAt(fn, stock.measuredAt, window.end);
      stock.count += count;
      stock.byAge[oldest] = (stock.byAge[oldest] as number) + count;
    },
  });
}
