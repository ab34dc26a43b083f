/**
 * The help desk event log of an Italian software company (4TU "Helpdesk" log, 21,348 events,
 * 4,580 cases, 2010–2014) as tickets, and the figures of the data set's SOURCE.md computed
 * with the library.
 *
 * Run: `npx tsx examples/real-data/helpdeskItalian.ts` (needs ../shared/datasets/helpdesk-italian;
 * the copy's licence is not verified, so the repository keeps no copy of it).
 *
 * Mapping. The log has one row per event; events are grouped by `Case ID` into one ticket:
 * - `Case ID` → id; the case's first event → createdAt;
 * - the first "Take in charge ticket" → firstResponseAt. This is a proxy: taking a ticket in
 *   charge is an assignment, not a reply to the customer (the log has no messages);
 * - the first "Resolve ticket" → firstResolvedAt and the last one → lastResolvedAt; the first
 *   "Closed" → closedAt ("Closed" comes automatically about 30 days after the resolve). With
 *   `resolvedBy: "Closed"` the first "Closed" is the resolution instead;
 * - attributes are per event and can change inside a case: they are read from the case's
 *   **first event** (`attributesFrom: "last"` reads the last): `seriousness_2` → priority,
 *   `service_level` → category, `workgroup` → groupId, `customer` → customerId.
 * - `Complete Timestamp` (`YYYY/MM/DD hh:mm:ss.000`) has no zone and SOURCE.md names none. An
 *   Italian company's log is read in `Europe/Rome` by default, so spans across a change of
 *   summer time are real elapsed time; `timeZone: "UTC"` keeps the wall-clock differences
 *   SOURCE.md's script computed.
 */
import {
  firstResponseTimeReducer,
  resolutionTimeReducer,
  rollup,
  type Ticket,
  validateTickets,
} from "../../src/index.ts";
import {
  compare,
  fromSlashDateTime,
  inUnit,
  isMain,
  type Row,
  readCsv,
  sharedDataset,
} from "./common.ts";

/** Options for {@link italianTickets}. */
export interface ItalianOptions {
  /**
   * `"Resolve ticket"` (default): the first "Resolve ticket" event; a case closed without one
   * is taken as resolved when it was closed (the library's rule). `"Resolve ticket only"`: a
   * case without a "Resolve ticket" event has no resolution (SOURCE.md's reading).
   * `"Closed"`: the first "Closed" event is the resolution.
   */
  resolvedBy?: "Resolve ticket" | "Resolve ticket only" | "Closed";
  /** Which event's attribute values describe the case. Defaults to `"first"`. */
  attributesFrom?: "first" | "last";
  /** The zone of the zone-less timestamps. Defaults to `"Europe/Rome"`. */
  timeZone?: string;
}

/** The events of each case, in the order cases first appear. */
export function casesOf(rows: readonly Row[]): Map<string, Row[]> {
  const cases = new Map<string, Row[]>();
  for (const row of rows) {
    const id = row["Case ID"] ?? "";
    const events = cases.get(id);
    if (events) events.push(row);
    else cases.set(id, [row]);
  }
  return cases;
}

/** One case's events (in log order) as a raw ticket, ready for `validateTickets(…, { timeZone })`. */
export function italianTicket(
  id: string,
  events: readonly Row[],
  options: ItalianOptions = {},
): Record<string, unknown> {
  const resolvedBy = options.resolvedBy ?? "Resolve ticket";
  const at = (row: Row | undefined) => (row ? fromSlashDateTime(row["Complete Timestamp"]) : null);
  const first = (activity: string) => events.find((e) => e.Activity === activity);
  const last = (activity: string) => [...events].reverse().find((e) => e.Activity === activity);
  const attributes = options.attributesFrom === "last" ? events[events.length - 1] : events[0];
  const resolved = at(first("Resolve ticket"));
  const closed = at(first("Closed"));
  const resolution =
    resolvedBy === "Closed"
      ? { firstResolvedAt: closed, closedAt: closed }
      : resolvedBy === "Resolve ticket only" && resolved === null
        ? {}
        : {
            firstResolvedAt: resolved,
            lastResolvedAt: at(last("Resolve ticket")),
            closedAt: closed,
          };
  return {
    id,
    createdAt: at(events[0]),
    firstResponseAt: at(first("Take in charge ticket")),
    ...resolution,
    ...(resolution.closedAt === undefined || resolution.closedAt === null
      ? {}
      : { status: "closed" }),
    priority: attributes?.seriousness_2 || null,
    category: attributes?.service_level || null,
    groupId: attributes?.workgroup || null,
    customerId: attributes?.customer || null,
  };
}

/** Reads the event log, groups it by case and validates the tickets. */
export function italianTickets(csv: string, options: ItalianOptions = {}) {
  const rows = readCsv(csv);
  const cases = casesOf(rows);
  const raw = [...cases].map(([id, events]) => italianTicket(id, events, options));
  return {
    events: rows.length,
    ...validateTickets(raw, { timeZone: options.timeZone ?? "Europe/Rome" }),
  };
}

/** Median hours of a duration result, with its n. */
const hours = (result: { value: number | null; n: number } | undefined) => ({
  median: inUnit(result?.value ?? null, "h"),
  n: result?.n ?? 0,
});

/** The figures of SOURCE.md, computed with the library, with timestamps read in `timeZone`. */
export function italianFigures(csv: string, timeZone = "Europe/Rome") {
  const median = resolutionTimeReducer({ statistic: "median" });
  const byResolve = italianTickets(csv, { resolvedBy: "Resolve ticket only", timeZone });
  const byClosed = italianTickets(csv, { resolvedBy: "Closed", timeZone });
  const [resolve] = rollup(byResolve.records, {
    metrics: { time: median, frt: firstResponseTimeReducer({ statistic: "median" }) },
  });
  const [closed] = rollup(byClosed.records, { metrics: { time: median } });
  const by = (key: "category" | "priority") =>
    Object.fromEntries(
      rollup(byClosed.records, { by: { key }, metrics: { time: median } }).map((row) => [
        String(row.key),
        hours(row.time),
      ]),
    );
  const times = byResolve.records.map((t: Ticket) => t.createdAt.getTime());
  return {
    events: byResolve.events,
    cases: byResolve.records.length,
    rejected: byResolve.rejected.length + byClosed.rejected.length,
    firstEvent: new Date(Math.min(...times)).toISOString(),
    toClosed: hours(closed?.time),
    toTakeInCharge: hours(resolve?.frt),
    toResolve: hours(resolve?.time),
    toClosedByServiceLevel: by("category"),
    toClosedBySeriousness2: by("priority"),
  };
}

/** SOURCE.md's reference figures (hours). */
export const ITALIAN_REFERENCE = {
  events: 21348,
  cases: 4580,
  toClosed: { median: 953.16, n: 4559 },
  toTakeInCharge: { median: 16.39, n: 4285 },
  toResolve: { median: 143.59, n: 4569 },
  toClosedByServiceLevel: {
    "Value 1": { median: 987.54, n: 118 },
    "Value 2": { median: 959.1, n: 3494 },
    "Value 3": { median: 930.8, n: 921 },
    "Value 4": { median: 948.01, n: 26 },
  },
  toClosedBySeriousness2: {
    "Value 1": { median: 840.05, n: 2587 },
    "Value 2": { median: 1056.08, n: 1745 },
    "Value 3": { median: 948.47, n: 24 },
    "Value 4": { median: 840.1, n: 203 },
  },
} as const;

function report(csv: string, timeZone: string) {
  const f = italianFigures(csv, timeZone);
  const ref = ITALIAN_REFERENCE;
  console.log(
    `\nread in ${timeZone}: ${f.events} events → ${f.cases} cases, ${f.rejected} rejected`,
  );
  compare("events", f.events, ref.events);
  compare("cases", f.cases, ref.cases);
  const pair = (
    label: string,
    got: { median: number | null; n: number },
    want: { median: number; n: number },
  ) => {
    compare(`${label}: median hours`, got.median, want.median);
    compare(`${label}: n`, got.n, want.n);
  };
  pair("start → first Closed", f.toClosed, ref.toClosed);
  pair("start → first Take in charge (FRT proxy)", f.toTakeInCharge, ref.toTakeInCharge);
  pair("start → first Resolve ticket", f.toResolve, ref.toResolve);
  for (const [level, want] of Object.entries(ref.toClosedByServiceLevel))
    pair(
      `  service_level ${level} → Closed`,
      f.toClosedByServiceLevel[level] ?? { median: null, n: 0 },
      want,
    );
  for (const [level, want] of Object.entries(ref.toClosedBySeriousness2))
    pair(
      `  seriousness_2 ${level} → Closed`,
      f.toClosedBySeriousness2[level] ?? { median: null, n: 0 },
      want,
    );
}

if (isMain(import.meta.url)) {
  const csv = sharedDataset("helpdesk-italian", "finale.csv");
  if (csv === null) {
    console.log("helpdeskItalian: ../shared/datasets/helpdesk-italian/finale.csv not found");
  } else {
    console.log("Italian help desk event log (SOURCE.md's figures came from naive local times)");
    report(csv, "Europe/Rome");
    report(csv, "UTC");
  }
}
