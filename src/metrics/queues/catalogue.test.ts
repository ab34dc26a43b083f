/**
 * The queue metrics as catalogue entries: found by kind, built from their defaults, and run on
 * validated queue contacts by a rollup that groups by period, queue and channel, as the CLI
 * and the report run them (no metric named in their code).
 */
import { describe, expect, test } from "vitest";
import { bookContacts, OFFERED } from "../../../test/fixtures/queueContacts.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { validateQueueContacts } from "../../schemas/validate.ts";
import { metricsFor } from "../catalogue.ts";
import { resolveMetric } from "../define.ts";

const at = (seconds: number) => new Date(OFFERED + seconds * 1000).toISOString();

describe("the queue entries of the catalogue", () => {
  const entries = metricsFor("queueContacts");

  test("are the five queue metrics, each placed by the offer", () => {
    expect(entries.map((metric) => metric.key)).toEqual([
      "serviceLevel",
      "averageSpeedOfAnswer",
      "abandonRate",
      "averageHandleTime",
      "chatConcurrency",
    ]);
    for (const metric of entries) {
      expect(resolveMetric(metric).placement).toEqual({ by: "instant", field: "offeredAt" });
    }
  });

  test("reproduce the book's example by period, queue and channel from their defaults", () => {
    const contacts = bookContacts();
    const chat = validateQueueContacts([
      {
        id: "x1",
        queue: "sales",
        channel: "chat",
        offeredAt: at(86_400),
        answeredAt: at(86_430),
        talkSeconds: 600,
        agentId: "ben",
      },
    ]).records;
    const metrics = Object.fromEntries(entries.map((metric) => [metric.key, metric.reducer()]));
    const rows = rollup([...contacts, ...chat], {
      by: { period: "day", queue: "queue", channel: "channel" },
      metrics,
    });
    const monday = rows[0] as unknown as Record<string, { value: number | null }> & {
      period: { label: string };
      queue: string;
      channel: string;
    };
    expect([monday.period.label, monday.queue, monday.channel]).toEqual([
      "2024-03-04",
      "sales",
      "phone",
    ]);
    // Service level, abandons missed: 860 / 1060 = 81.13 %.
    expect(monday.serviceLevel?.value).toBeCloseTo((100 * 860) / 1060, 10);
    // ASA: (860 × 10 + 140 × 60) / 1000 = 17 s.
    expect(monday.averageSpeedOfAnswer?.value).toBe(17);
    // Abandon rate: 60 / 1060 = 5.66 %.
    expect(monday.abandonRate?.value).toBeCloseTo((100 * 60) / 1060, 10);
    // AHT: 200 talk + 40 wrap, no hold column.
    expect(monday.averageHandleTime?.value).toBe(240);
    // One agent's calls, all offered and answered at the same instants, overlap: 1000 calls
    // of 200 s in two blocks (860 from 09:00:10, 140 from 09:01:00), so the union is 09:00:10
    // to 09:04:20 = 250 s, and concurrency = 200 000 / 250 = 800.
    expect(monday.chatConcurrency?.value).toBe(800);
    const tuesday = rows[1] as unknown as Record<string, { value: number | null }> & {
      channel: string;
    };
    expect([
      tuesday.channel,
      tuesday.serviceLevel?.value,
      tuesday.averageSpeedOfAnswer?.value,
    ]).toEqual(["chat", 0, 30]);
  });
});
