/**
 * `report --sessions`: tickets and self-service sessions in one report. The metrics that join
 * the two kinds (deflection: a session and the tickets that follow it) must see both; every
 * other metric must see the tickets only. So the metrics are split into two rollups: the
 * ticket rollup and the joined rollup both read the tickets (one pass over the ticket files),
 * the joined rollup alone then reads the sessions (a second pass, into a fresh state that is
 * merged in: the reducers are mergeable, so this equals one pass over both). The rows of the
 * two rollups are then put side by side by period and keys.
 */
import { rollupReducer } from "../aggregate/rollup.ts";
import type { AnyReducer, Reducer } from "../reduce/reducer.ts";
import type { InputPlan, ReportPlan } from "./plan.ts";

type Row = Record<string, unknown>;

/** The two rollups of a report with sessions, and how their results become one set of rows. */
export interface JoinedRollups {
  /** Reads the tickets: the ticket metrics and the joined metrics, each its own state. */
  tickets: Reducer<unknown, { tickets: unknown; joined: unknown }, unknown>;
  /** Reads the sessions: the joined metrics only. */
  sessions: AnyReducer;
  /** The rows: each period and key combination once, with the metrics of both rollups. */
  rows(ticketState: { tickets: unknown; joined: unknown }, sessionState: unknown): Row[];
}

/**
 * Splits `metrics` by whether their reducer joins sessions (`joined` holds their columns) and
 * builds the two rollups with the same grouping.
 */
export function joinedRollups(
  metrics: Readonly<Record<string, AnyReducer>>,
  joined: ReadonlySet<string>,
  grouping: Record<string, unknown>,
  keys: readonly string[],
): JoinedRollups {
  const part = (inJoined: boolean) =>
    Object.fromEntries(
      Object.entries(metrics).filter(([column]) => joined.has(column) === inJoined),
    );
  const ticketMetrics = part(false);
  const rollup = (of: Record<string, AnyReducer>) =>
    rollupReducer({ ...grouping, metrics: of } as never) as unknown as AnyReducer;
  const ticketsOnly = Object.keys(ticketMetrics).length > 0 ? rollup(ticketMetrics) : undefined;
  const both = rollup(part(true));
  const tickets: JoinedRollups["tickets"] = {
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
  };
  return {
    tickets,
    sessions: both,
    rows(ticketState, sessionState) {
      const ticketRows = (ticketsOnly ? ticketsOnly.result(ticketState.tickets) : []) as Row[];
      const joinedRows = both.result(both.merge(ticketState.joined, sessionState)) as Row[];
      return sideBySide(ticketRows, joinedRows, keys);
    },
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
