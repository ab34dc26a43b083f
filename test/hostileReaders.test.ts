/**
 * Issue 12's fuzz test, the readers' part: CSV and NDJSON files of random extreme instants
 * (years 0-99 and past 9999, the ends of the Date range, epoch numbers), spans that run
 * backwards or over centuries, and absurd cells (huge numbers, long digit runs, control
 * characters, `__proto__`, formula-looking text), read by the ticket reader and folded into
 * a rollup of the default ticket metrics. Each file must end within the test's timeout with
 * every row accounted for (read = valid + rejected) and the report made, or with a typed
 * error: never a hang, a lost row or the internal "Invalid time value".
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { rollup } from "../src/aggregate/rollup.ts";
import { catalogue } from "../src/metrics/catalogue.ts";
import { ReadError, readTickets } from "../src/node/index.ts";
import type { Ticket } from "../src/schemas/ticket.ts";

/** Instant texts worth trying, as a CSV cell or a JSON string. */
const instantText = fc.oneof(
  fc.constantFrom(
    "0000-01-01T00:00:00Z",
    "0024-05-02T00:00:00Z",
    "0099-12-31T23:59:59Z",
    "9999-12-31T23:59:59.999Z",
    "+275760-09-13T00:00:00Z",
    "-271821-04-20T00:00:00Z",
    "10000-01-01T00:00:00Z",
    "2024-02-30T00:00:00Z",
    "2024-03-10T02:30:00-05:00",
    "2024-03-10T02:30:00",
    "1",
    "",
  ),
  fc
    .integer({ min: Date.parse("0001-01-01T00:00:00Z"), max: Date.parse("9999-12-31T00:00:00Z") })
    .map((ms) => new Date(ms).toISOString()),
  fc
    .integer({ min: Date.parse("2023-01-01T00:00:00Z"), max: Date.parse("2025-01-01T00:00:00Z") })
    .map((ms) => new Date(ms).toISOString()),
);

/** Cells that are not instants: numbers at the edges, long digit runs, hostile text. */
const oddText = fc.oneof(
  fc.constantFrom(
    "1e308",
    "-5",
    "NaN",
    "0.5",
    "__proto__",
    "constructor",
    '=HYPERLINK("x")',
    "\u001b[31mred",
    "line\nbreak",
    "",
  ),
  fc.integer({ min: 1, max: 5000 }).map((n) => `${"9".repeat(n)}x`),
  fc.string({ maxLength: 12 }),
);

const row = fc.record({
  createdAt: instantText,
  firstResponseAt: fc.oneof(instantText, fc.constant("")),
  firstResolvedAt: fc.oneof(instantText, fc.constant("")),
  reopenCount: fc.oneof(oddText, fc.integer({ min: 0, max: 3 }).map(String)),
  channel: oddText,
  status: fc.constantFrom("open", "solved", "pending", "", "__proto__"),
});

type Row = typeof row extends fc.Arbitrary<infer R> ? R : never;

const COLUMNS = [
  "id",
  "createdAt",
  "firstResponseAt",
  "firstResolvedAt",
  "reopenCount",
  "channel",
  "status",
] as const;

/** A CSV cell quoted the RFC 4180 way. */
const cell = (text: string) => `"${text.replaceAll('"', '""')}"`;

function csvOf(rows: Row[]): string[] {
  const lines = rows.map((r, i) =>
    [`T${i}`, r.createdAt, r.firstResponseAt, r.firstResolvedAt, r.reopenCount, r.channel, r.status]
      .map(cell)
      .join(","),
  );
  return [`${COLUMNS.join(",")}\n`, ...lines.map((line) => `${line}\n`)];
}

function ndjsonOf(rows: Row[]): string[] {
  // In JSON an instant may also come as epoch milliseconds, and counts as numbers.
  return rows.map((r, i) => {
    const asNumber = Number(r.reopenCount);
    const record = {
      id: `T${i}`,
      createdAt: i % 3 === 0 ? Date.parse(r.createdAt) || r.createdAt : r.createdAt,
      firstResponseAt: r.firstResponseAt === "" ? null : r.firstResponseAt,
      firstResolvedAt: r.firstResolvedAt === "" ? null : r.firstResolvedAt,
      reopenCount: Number.isFinite(asNumber) && i % 2 === 0 ? asNumber : r.reopenCount,
      channel: r.channel,
      status: r.status,
    };
    return `${JSON.stringify(record)}\n`;
  });
}

/** The default ticket metrics' reducers, as the CLI's report folds them. */
function defaultTicketMetrics() {
  return Object.fromEntries(
    catalogue
      .filter((metric) => metric.records === "tickets" && metric.byDefault)
      .map((metric) => [metric.name, metric.reducer()]),
  );
}

let validRows = 0;

/** Reads and reports one file: `true` with a report, `false` for a typed refusal. */
async function readAndReport(chunks: string[], format: "csv" | "ndjson"): Promise<boolean> {
  const reader = readTickets(chunks, { format, timeZone: "America/New_York", duplicates: "allow" });
  let tickets: Ticket[];
  try {
    tickets = await reader.toArray();
  } catch (error) {
    expect(error).toBeInstanceOf(ReadError);
    return false;
  }
  const { summary } = reader;
  expect(summary.read).toBe(summary.valid + summary.rejected);
  expect(tickets).toHaveLength(summary.valid);
  validRows += summary.valid;
  try {
    const rows = rollup(tickets, {
      by: { period: "month" },
      timeZone: "America/New_York",
      metrics: defaultTicketMetrics(),
      // A tenth of the default bound: a backlog open from 2023 to 9999 still makes its ~95,000
      // month ends under the default, each asking Intl for the zone's offsets in far years
      // (seconds a file). Spans of up to 833 years are reported; longer ones end in the typed
      // RowLimitError, which this test accepts as it accepts every typed refusal.
      maxRows: 10_000,
    });
    expect(Array.isArray(rows)).toBe(true);
    return true;
  } catch (error) {
    const { name, message } = error as Error;
    expect(["TypeError", "RangeError"]).toContain(name);
    expect(message).not.toBe("Invalid time value");
    return false;
  }
}

describe("the readers, fed extreme instants and absurd cells (issue 12)", () => {
  for (const format of ["csv", "ndjson"] as const) {
    test(`${format}: every row accounted for, a report or a typed error`, async () => {
      let reports = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (rows) => {
          const chunks = format === "csv" ? csvOf(rows) : ndjsonOf(rows);
          if (await readAndReport(chunks, format)) reports++;
        }),
        // 25 files of up to 12 rows: a file whose tickets span centuries walks every month end
        // of them for the backlog, which makes a run cost up to seconds.
        { numRuns: 25 },
      );
      // Some files must make a report: a test that only ever sees refusals proves nothing.
      expect(reports).toBeGreaterThan(0);
      expect(validRows).toBeGreaterThan(0);
    }, 180_000);
  }
});
