import { describe, expect, test } from "vitest";
import { connectedPostgres } from "../../test/postgres/connected.ts";
import { postgresAvailable } from "../../test/postgres/server.ts";
import { firstResponseTimeMetric, ticketVolumeMetric } from "../index.ts";
import { ticketSchema } from "../schemas/ticket.ts";
import { createRecordTable, postgresRollup } from "./index.ts";

// Hand-worked rollups on a real server: periods in a zone at a month boundary and at a DST
// change at local midnight, and quantiles interpolated between closest ranks.

function tickets(rows: Record<string, unknown>[]) {
  const schema = ticketSchema();
  return rows.map((row, i) => schema.parse({ id: String(i), ...row }));
}

describe.skipIf(!postgresAvailable())("postgresRollup on a real server", () => {
  const db = connectedPostgres();

  test("a month in Berlin starts at local midnight", async () => {
    // 2024-01-31T23:30Z is 00:30 on 1 February in Berlin (UTC+1): both tickets are February's.
    const records = tickets([
      { createdAt: "2024-01-31T23:30:00Z" },
      { createdAt: "2024-02-01T08:00:00Z" },
      { createdAt: "2024-01-31T22:59:59Z" },
    ]);
    const columns = await createRecordTable(db.client, "berlin", "tickets", records);
    const rows = await postgresRollup(db.client, {
      relation: { name: "berlin", columns },
      metrics: { volume: { metric: ticketVolumeMetric } },
      by: { period: "month" },
      timeZone: "Europe/Berlin",
    });
    expect(rows.map((row) => [row.period, (row.volume as { value: number }).value])).toEqual([
      [{ start: "2023-12-31T23:00:00.000Z", end: "2024-01-31T23:00:00.000Z", label: "2024-01" }, 1],
      [{ start: "2024-01-31T23:00:00.000Z", end: "2024-02-29T23:00:00.000Z", label: "2024-02" }, 2],
    ]);
  });

  test("a day in Santiago whose midnight is skipped starts at 01:00", async () => {
    // Chile moved from UTC-4 to UTC-3 at local midnight on 8 September 2024 (04:00Z): 00:00 to
    // 00:59 never happened, so the day starts at 01:00 local = 04:00Z and ends at 00:00 on the
    // 9th (UTC-3) = 03:00Z on the 9th: 23 hours. 04:30Z is 01:30 local on the 8th; 03:59Z is
    // 23:59 on the 7th (UTC-4).
    const records = tickets([
      { createdAt: "2024-09-08T04:30:00Z" },
      { createdAt: "2024-09-08T03:59:00Z" },
    ]);
    const columns = await createRecordTable(db.client, "santiago", "tickets", records);
    const rows = await postgresRollup(db.client, {
      relation: { name: "santiago", columns },
      metrics: { volume: { metric: ticketVolumeMetric } },
      by: { period: "day" },
      timeZone: "America/Santiago",
    });
    expect(rows.map((row) => row.period)).toEqual([
      { start: "2024-09-07T04:00:00.000Z", end: "2024-09-08T04:00:00.000Z", label: "2024-09-07" },
      { start: "2024-09-08T04:00:00.000Z", end: "2024-09-09T03:00:00.000Z", label: "2024-09-08" },
    ]);
  });

  test("first response percentiles interpolate between closest ranks", async () => {
    // Delays 60 s, 120 s, 600 s. Median: rank 1 of 0..2 = 120. p90: rank 0.9 × 2 = 1.8,
    // 120 + 0.8 × (600 − 120) = 504. p95: rank 1.9, 120 + 0.9 × 480 = 552. Mean 780 / 3 = 260.
    const records = tickets(
      [60, 120, 600].map((seconds) => ({
        createdAt: "2024-03-01T09:00:00Z",
        firstResponseAt: new Date(
          Date.parse("2024-03-01T09:00:00Z") + seconds * 1000,
        ).toISOString(),
      })),
    );
    const columns = await createRecordTable(db.client, "responses", "tickets", records);
    const [row] = await postgresRollup(db.client, {
      relation: { name: "responses", columns },
      metrics: { frt: { metric: firstResponseTimeMetric, options: { statistic: "p90" } } },
    });
    expect(row?.frt).toMatchObject({
      value: 504,
      n: 3,
      median: 120,
      p90: 504,
      p95: 552,
      mean: 260,
      min: 60,
      max: 600,
    });
  });
});
