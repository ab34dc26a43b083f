/**
 * Baltimore 311 customer service requests (the City of Baltimore's 10,000-row training sample
 * of Open Baltimore 311 data, 2014–2019) as tickets, and the figures of the data set's
 * SOURCE.md computed with the library.
 *
 * Run: `npx tsx examples/real-data/baltimore311.ts` (needs ../shared/datasets/baltimore-311;
 * the file's licence is not stated, so the repository keeps no copy of it).
 *
 * Mapping (one row is one request):
 * - `ServiceRequestNum` → id; `CreatedDate` → createdAt; `CloseDate` → closedAt (a closed
 *   request is resolved when it was closed);
 * - `SRStatus`: Closed… → closed, Open… → open, New… → new, Pending → pending,
 *   In Progress → open; the "(Duplicate)" and "(Transferred)" variants add the tag
 *   `duplicate` or `transferred`, so they can be left out of volume and backlog; any other
 *   value is passed on, so validation rejects the row and says why;
 * - `MethodReceived` → channel; `SRType` → category; `Agency` → groupId.
 * - Timestamps are local time without an offset; Baltimore is on US Eastern time, so
 *   validation reads them with `timeZone: "America/New_York"` (SOURCE.md does not say).
 * - `DueDate` (the SLA due time of the request) is not a ticket field: SLA compliance against
 *   a per-request due time is computed here from the rows, beside the tickets.
 */
import {
  resolutionTimeReducer,
  rollup,
  type Ticket,
  ticketVolumeReducer,
  validateTickets,
} from "../../src/index.ts";
import { parseTimestamp } from "../../src/schemas/timestamp.ts";
import {
  compare,
  fromUsDateTime,
  inUnit,
  isMain,
  type Row,
  readCsv,
  sharedDataset,
} from "./common.ts";

/** The zone we read Baltimore's zone-less timestamps in. */
export const BALTIMORE_TIME_ZONE = "America/New_York";

function statusOf(raw: string): { status: string; tags: string[] } {
  const match = /^(Closed|Open|New|Pending|In Progress)(?: \((Duplicate|Transferred)\))?$/.exec(
    raw,
  );
  if (!match) return { status: raw, tags: [] };
  const base = match[1] as string;
  const status = base === "In Progress" ? "open" : base.toLowerCase();
  return { status, tags: match[2] ? [match[2].toLowerCase()] : [] };
}

/** One Baltimore 311 row as a raw ticket, ready for `validateTickets(…, { timeZone })`. */
export function baltimore311Ticket(row: Row): Record<string, unknown> {
  const { status, tags } = statusOf(row.SRStatus ?? "");
  return {
    id: row.ServiceRequestNum,
    createdAt: fromUsDateTime(row.CreatedDate),
    closedAt: fromUsDateTime(row.CloseDate),
    status,
    tags,
    channel: row.MethodReceived || null,
    category: row.SRType || null,
    groupId: row.Agency || null,
  };
}

/** Reads the CSV text and validates the tickets (every row is a ticket or a rejection). */
export function baltimore311Tickets(csv: string, timeZone = BALTIMORE_TIME_ZONE) {
  const rows = readCsv(csv);
  return { rows, ...validateTickets(rows.map(baltimore311Ticket), { timeZone }) };
}

/**
 * SLA met as SOURCE.md defines it: CloseDate ≤ DueDate, over the rows that have both dates,
 * compared as instants read in `timeZone`. A row with a date that cannot be read is counted in
 * `unreadable`, never dropped silently.
 */
export function baltimoreSlaMet(rows: readonly Row[], timeZone = BALTIMORE_TIME_ZONE) {
  let met = 0;
  let judged = 0;
  let unreadable = 0;
  for (const row of rows) {
    const closed = fromUsDateTime(row.CloseDate);
    const due = fromUsDateTime(row.DueDate);
    if (closed === null || due === null) continue;
    const closedAt = parseTimestamp(closed, timeZone);
    const dueAt = parseTimestamp(due, timeZone);
    if (typeof closedAt === "string" || typeof dueAt === "string") {
      unreadable++;
      continue;
    }
    judged++;
    if (closedAt <= dueAt) met++;
  }
  const share = judged === 0 ? null : Math.round((met / judged) * 10000) / 10000;
  return { met, judged, unreadable, share };
}

/** The figures of SOURCE.md, computed with the library. Durations in hours (2 decimals). */
export function baltimore311Figures(tickets: readonly Ticket[]) {
  const median = resolutionTimeReducer({ statistic: "median" });
  const [all] = rollup(tickets, { metrics: { time: median, n: ticketVolumeReducer() } });
  const byChannel = rollup(tickets, {
    by: { channel: "channel" },
    metrics: { time: median, n: ticketVolumeReducer() },
  });
  return {
    tickets: all?.n.value ?? 0,
    medianHours: inUnit(all?.time.value ?? null, "h"),
    closed: all?.time.n ?? 0,
    byChannel: Object.fromEntries(
      byChannel.map((row) => [
        String(row.channel),
        { requests: row.n.value, median: inUnit(row.time.value, "h"), n: row.time.n },
      ]),
    ),
  };
}

/** SOURCE.md's reference figures. */
export const BALTIMORE311_REFERENCE = {
  tickets: 10000,
  medianHours: 32.4,
  closed: 9792,
  byChannel: {
    Phone: { requests: 4995, median: 71.25, n: 4869 },
    API: { requests: 2571, median: 79.18, n: 2515 },
    Internal: { requests: 2194, median: 0, n: 2193 },
    Mail: { requests: 206, median: 155.46, n: 188 },
    System: { requests: 19, median: 72.52, n: 16 },
    Other: { requests: 10, median: 162.5, n: 9 },
    Email: { requests: 4 },
    Web: { requests: 1 },
  },
  slaMet: { met: 7988, judged: 9555, share: 0.836 },
} as const;

function report(timeZone: string, csv: string) {
  const { rows, records, rejected } = baltimore311Tickets(csv, timeZone);
  console.log(
    `\nread in ${timeZone}: ${rows.length} rows → ${records.length} tickets, ${rejected.length} rejected`,
  );
  for (const r of rejected.slice(0, 10)) console.log(`  rejected row ${r.index + 2}: ${r.message}`);
  const f = baltimore311Figures(records);
  const ref = BALTIMORE311_REFERENCE;
  compare("requests", f.tickets, ref.tickets);
  compare("median hours created → closed", f.medianHours, ref.medianHours);
  compare("  n (with a CloseDate)", f.closed, ref.closed);
  for (const [channel, want] of Object.entries(ref.byChannel)) {
    const got = f.byChannel[channel];
    compare(`${channel} requests`, got?.requests ?? 0, want.requests);
    if ("median" in want) {
      compare(`  ${channel} median hours`, got?.median ?? null, want.median);
      compare(`  ${channel} n`, got?.n ?? 0, want.n);
    }
  }
  const sla = baltimoreSlaMet(rows, timeZone);
  compare("SLA met (CloseDate ≤ DueDate) share", sla.share, ref.slaMet.share);
  compare("  met", sla.met, ref.slaMet.met);
  compare("  judged (both dates)", sla.judged, ref.slaMet.judged);
}

if (isMain(import.meta.url)) {
  const csv = sharedDataset("baltimore-311", "311_sample.csv");
  if (csv === null) {
    console.log("baltimore311: ../shared/datasets/baltimore-311/311_sample.csv not found");
  } else {
    console.log("Baltimore 311 (SOURCE.md's figures came from naive local times)");
    report(BALTIMORE_TIME_ZONE, csv);
    report("UTC", csv);
  }
}
