/**
 * `report --sessions`: tickets and self-service sessions in one report. The metrics that join
 * the two kinds (deflection: a session and the tickets that follow it) must see both; every
 * other metric must see the tickets only. So the metrics are split into two reducers (two
 * rollups, or two sets of the HTML report's data): both read the tickets (one pass over the
 * ticket files), the joined one alone then reads the sessions (a second pass, into a fresh
 * state that is merged in: the reducers are mergeable, so this equals one pass over both).
 * Their rows are then put side by side by period and keys.
 */
import type { AnyReducer, Reducer } from "../reduce/reducer.ts";
import type { ReportData, ReportRow } from "../report/data.ts";
import type { InputPlan, ReportPlan } from "./plan.ts";

/** A rollup row: period, key values, one result per metric column. */
export type Row = Record<string, unknown>;

/** The two reducers of a report with sessions, and how their results become one. */
export interface JoinedReducers {
  /** Reads the tickets: the ticket metrics and the joined metrics, each its own state. */
  tickets: Reducer<unknown, { tickets: unknown; joined: unknown }, unknown>;
  /** Reads the sessions: the joined metrics only. */
  sessions: AnyReducer;
  /** The result: the ticket metrics' beside the joined metrics' (tickets and sessions merged). */
  result(ticketState: { tickets: unknown; joined: unknown }, sessionState: unknown): unknown;
}

/**
 * Splits `metrics` by whether they join sessions (`joins` holds their columns), builds one
 * reducer for each part with `build` (a rollup, or the HTML report's data), and puts their
 * results side by side with `combine` (the ticket part is `undefined` when every metric joins).
 */
export function joinedReducers(
  metrics: Readonly<Record<string, AnyReducer>>,
  joins: ReadonlySet<string>,
  build: (metrics: Record<string, AnyReducer>) => AnyReducer,
  combine: (tickets: unknown, joined: unknown) => unknown,
): JoinedReducers {
  const part = (joined: boolean) =>
    Object.fromEntries(Object.entries(metrics).filter(([column]) => joins.has(column) === joined));
  const ticketMetrics = part(false);
  const ticketsOnly = Object.keys(ticketMetrics).length > 0 ? build(ticketMetrics) : undefined;
  const both = build(part(true));
  return {
    tickets: {
      name: "report",
      timeOf: () => undefined,
      init: () => ({ tickets: ticketsOnly?.init(), joined: both.init() }),
      add(state, record, window) {
        ticketsOnly?.add(state.tickets, record, window);
        both.add(state.joined, record, window);
      },
      merge: (a, b) => ({
        tickets: ticketsOnly?.merge(a.tickets, b.tickets),
        joined: both.merge(a.joined, b.joined),
      }),
      result: (state) => state,
    },
    sessions: both,
    result(ticketState, sessionState) {
      const tickets = ticketsOnly ? ticketsOnly.result(ticketState.tickets) : undefined;
      return combine(tickets, both.result(both.merge(ticketState.joined, sessionState)));
    },
  };
}

/**
 * The HTML report's data of the two parts as one: rows, totals and breakdowns side by side;
 * the distributions of both; the per-record sample of the tickets (the joined part's sample
 * would mix sessions in), or the joined part's when every metric joins.
 */
export function reportDataSideBySide(
  tickets: ReportData | undefined,
  joined: ReportData,
  keys: readonly string[],
): ReportData {
  if (tickets === undefined) return joined;
  const breakdowns: Record<string, ReportRow[]> = {};
  for (const key of keys) {
    breakdowns[key] = sideBySide(tickets.breakdowns[key] ?? [], joined.breakdowns[key] ?? [], [
      key,
    ]);
  }
  return {
    rows: sideBySide(tickets.rows, joined.rows, keys),
    totals: sideBySide(tickets.totals, joined.totals, []),
    breakdowns,
    distributions: { ...tickets.distributions, ...joined.distributions },
    sample: tickets.sample,
  };
}

/**
 * Rows of two rollups as one: a row per period and key combination, with the metric columns
 * of both; ordered by period (the rows without one last), then as first met.
 *
 * @example
 * const period = (label) => ({ start: `${label}-01T00:00:00.000Z`, end: "", label });
 * sideBySide(
 *   [{ period: period("2024-03"), volume: 2 }],
 *   [{ period: period("2024-02"), deflection: 50 }, { period: period("2024-03"), deflection: 75 }],
 *   [],
 * ).map((row) => [row.period.label, row.volume, row.deflection])
 * //=> [["2024-02", undefined, 50], ["2024-03", 2, 75]]
 */
export function sideBySide(
  first: readonly Row[],
  second: readonly Row[],
  keys: readonly string[],
): Row[] {
  const byKey = new Map<string, Row>();
  const keyOf = (row: Row) =>
    JSON.stringify([
      (row.period as { start?: string } | null | undefined)?.start ?? null,
      ...keys.map((key) => row[key] ?? null),
    ]);
  for (const row of [...first, ...second]) {
    const key = keyOf(row);
    const known = byKey.get(key);
    if (known) Object.assign(known, row);
    else byKey.set(key, { ...row });
  }
  const startOf = (row: Row) => (row.period as { start?: string } | null | undefined)?.start;
  return [...byKey.values()].sort((a, b) => {
    const [x, y] = [startOf(a), startOf(b)];
    if (x === y) return 0;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    return x < y ? -1 : 1;
  });
}

/** The plan of the second pass: the sessions file, read as sessions with no ticket options. */
export function sessionsPlan(plan: ReportPlan): InputPlan {
  const { sessions } = plan;
  if (sessions === undefined) throw new TypeError("sessionsPlan: the plan has no --sessions");
  // Business hours judge tickets' spans; a session has none, so businessSpan is left out.
  const { businessSpan: _tickets, ...input } = plan;
  return { ...input, files: [sessions], kind: "sessions", mapping: undefined, events: undefined };
}
