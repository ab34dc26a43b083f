/**
 * NYC 311 service requests (NYC Open Data erm2-nwe9, 924 requests created 2022-05-01
 * 00:00–02:06): the portal's 41-column CSV export as tickets, and the figures of the data set's
 * SOURCE.md computed with the library.
 *
 * Run: `npx tsx examples/real-data/nyc311.ts` (reads ../shared/datasets/nyc-311 when present,
 * else the copy in test/fixtures/real/nyc-311).
 *
 * Mapping (one row is one request):
 * - `Unique Key` → id; `Created Date` → createdAt; `Closed Date` → closedAt (a closed request
 *   is resolved when it was closed);
 * - `Status`: Closed → closed, In Progress → open, Open → new (received, not yet worked on);
 *   any other value is passed on, so validation rejects the row and says why;
 * - `Open Data Channel Type` → channel; `Complaint Type` → category; `Agency` → groupId.
 * - Timestamps are local New York time without an offset: validation reads them with
 *   `timeZone: "America/New_York"`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  resolutionTimeReducer,
  rollup,
  type Ticket,
  ticketVolumeReducer,
  validateTickets,
} from "../../src/index.ts";
import {
  compare,
  fromUsDateTime,
  inUnit,
  isMain,
  ROOT,
  type Row,
  readCsv,
  sharedDataset,
} from "./common.ts";

/** The zone NYC 311 timestamps are written in. */
export const NYC_TIME_ZONE = "America/New_York";

const STATUSES: Readonly<Record<string, string>> = {
  Closed: "closed",
  "In Progress": "open",
  Open: "new",
};

/** One NYC 311 row as a raw ticket, ready for `validateTickets(…, { timeZone })`. */
export function nyc311Ticket(row: Row): Record<string, unknown> {
  const status = row.Status ?? "";
  return {
    id: row["Unique Key"],
    createdAt: fromUsDateTime(row["Created Date"]),
    closedAt: fromUsDateTime(row["Closed Date"]),
    status: Object.hasOwn(STATUSES, status) ? STATUSES[status] : status,
    channel: row["Open Data Channel Type"] || null,
    category: row["Complaint Type"] || null,
    groupId: row.Agency || null,
  };
}

/** Reads the CSV text and validates the tickets (every row is a ticket or a rejection). */
export function nyc311Tickets(csv: string) {
  const rows = readCsv(csv);
  return {
    rows: rows.length,
    ...validateTickets(rows.map(nyc311Ticket), { timeZone: NYC_TIME_ZONE }),
  };
}

/** Counts of a field, as a plain object sorted by key. */
function countBy(tickets: readonly Ticket[], key: (t: Ticket) => string | null) {
  const rows = rollup(tickets, { by: { key }, metrics: { n: ticketVolumeReducer() } });
  return Object.fromEntries(rows.map((row) => [String(row.key), row.n.value]));
}

/** The figures of SOURCE.md, computed with the library. Durations in minutes (2 decimals). */
export function nyc311Figures(tickets: readonly Ticket[]) {
  const median = resolutionTimeReducer({ statistic: "median" });
  const [all] = rollup(tickets, { metrics: { time: median } });
  const byChannel = rollup(tickets, { by: { channel: "channel" }, metrics: { time: median } });
  const created = tickets.map((t) => t.createdAt.getTime());
  return {
    tickets: tickets.length,
    firstCreated: new Date(Math.min(...created)).toISOString(),
    lastCreated: new Date(Math.max(...created)).toISOString(),
    byStatus: countBy(tickets, (t) => t.status),
    byChannel: countBy(tickets, (t) => t.channel),
    medianMinutes: inUnit(all?.time.value ?? null, "min"),
    closed: all?.time.n ?? 0,
    unresolved: all?.time.excluded.unresolved ?? 0,
    medianMinutesByChannel: Object.fromEntries(
      byChannel
        .filter((row) => row.time.n > 0)
        .map((row) => [
          String(row.channel),
          { median: inUnit(row.time.value, "min"), n: row.time.n },
        ]),
    ),
  };
}

/** SOURCE.md's reference figures. */
export const NYC311_REFERENCE = {
  tickets: 924,
  byStatus: { closed: 480, open: 440, new: 4 },
  byChannel: { MOBILE: 280, ONLINE: 501, PHONE: 139, UNKNOWN: 4 },
  medianMinutes: 32.42,
  closed: 480,
  medianMinutesByChannel: {
    MOBILE: { median: 26.88, n: 147 },
    ONLINE: { median: 34.12, n: 279 },
    PHONE: { median: 27.48, n: 54 },
  },
} as const;

/** The export: ../shared/datasets when present, else the copy kept in the repository. */
export function nyc311Csv(): string {
  const file = "311_Service_Requests_2022-05-01_sample.csv";
  const shared = sharedDataset("nyc-311", file);
  if (shared !== null) return shared;
  const copy = join(ROOT, "test", "fixtures", "real", "nyc-311", file);
  if (!existsSync(copy)) throw new Error(`nyc311: ${file} not found`);
  return readFileSync(copy, "utf8");
}

if (isMain(import.meta.url)) {
  const { rows, records, rejected } = nyc311Tickets(nyc311Csv());
  console.log(`NYC 311: ${rows} rows → ${records.length} tickets, ${rejected.length} rejected`);
  for (const r of rejected) console.log(`  rejected row ${r.index + 2}: ${r.message}`);
  const f = nyc311Figures(records);
  const ref = NYC311_REFERENCE;
  console.log(
    `created ${f.firstCreated} .. ${f.lastCreated} (UTC; 00:00:03–02:06:26 New York time)`,
  );
  compare("requests", f.tickets, ref.tickets);
  for (const [status, n] of Object.entries(ref.byStatus))
    compare(`status ${status}`, f.byStatus[status] ?? 0, n);
  for (const [channel, n] of Object.entries(ref.byChannel))
    compare(`channel ${channel}`, f.byChannel[channel] ?? 0, n);
  compare("median minutes created → closed", f.medianMinutes, ref.medianMinutes);
  compare("  n (closed)", f.closed, ref.closed);
  for (const [channel, want] of Object.entries(ref.medianMinutesByChannel)) {
    const got = f.medianMinutesByChannel[channel];
    compare(`  ${channel} median minutes`, got?.median ?? null, want.median);
    compare(`  ${channel} n`, got?.n ?? 0, want.n);
  }
}
