import { describe, expect, test } from "vitest";
import { abandonRate } from "../metrics/queues/abandonRate.ts";
import { averageHandleTime } from "../metrics/queues/averageHandleTime.ts";
import { readQueueContacts } from "./namedReaders.ts";
import { readReport } from "./report.ts";

const CSV = [
  "Call ID,Queue,Media,Entered queue,Answered,Abandoned,Talk,Hold,ACW,Agent\n",
  "c1,sales,voice,2024-03-04 09:00:00,2024-03-04 09:00:10,,240,30,60,ana\n",
  "c2,sales,voice,2024-03-04 09:01:00,2024-03-04 09:01:30,,180,,90,ben\n",
  "c3,support,voice,2024-03-04 09:02:00,,2024-03-04 09:02:45,,,,\n",
  "c4,support,voice,2024-03-04 09:03:00,,,,,,\n",
  "c5,support,voice,2024-03-04 09:04:00,2024-03-04 09:03:00,,100,0,10,ana\n",
];

/** A vendor-neutral mapping of a typical ACD export, as docs/readers.md shows it. */
const MAPPING = {
  id: "Call ID",
  queue: "Queue",
  channel: { column: "Media", values: { voice: "phone" } },
  offeredAt: { column: "Entered queue", format: "YYYY-MM-DD HH:mm:ss" },
  answeredAt: { column: "Answered", format: "YYYY-MM-DD HH:mm:ss" },
  abandonedAt: { column: "Abandoned", format: "YYYY-MM-DD HH:mm:ss" },
  talkSeconds: "Talk",
  holdSeconds: "Hold",
  wrapSeconds: "ACW",
  agentId: "Agent",
};

describe("readQueueContacts", () => {
  test("reads a mapped CSV export: every row read, valid or rejected with line and column", async () => {
    const reader = readQueueContacts(CSV, {
      format: "csv",
      mapping: MAPPING,
      timeZone: "Europe/Paris",
    });
    const contacts = await reader.toArray();
    expect(contacts.map((c) => [c.id, c.queue, c.channel, c.holdSeconds])).toEqual([
      ["c1", "sales", "phone", 30],
      // An empty hold cell in a file with a hold column is unknown, not 0.
      ["c2", "sales", "phone", null],
      ["c3", "support", "phone", null],
      ["c4", "support", "phone", null],
    ]);
    // 09:00 Paris (UTC+1) is 08:00Z.
    expect(contacts[0]?.offeredAt.toISOString()).toBe("2024-03-04T08:00:00.000Z");
    const { read, valid, rejected, rejections } = reader.summary;
    expect([read, valid, rejected]).toEqual([5, 4, 1]);
    expect(rejections.map((r) => [r.line, r.column, r.message])).toEqual([
      [6, "Answered", 'must not be before "Entered queue" (offeredAt)'],
    ]);

    // The accounting: 5 read, 1 rejected, and per metric used or excluded by reason.
    const report = readReport(reader.summary, {
      abandonRate: abandonRate(contacts),
      aht: averageHandleTime(contacts),
    });
    expect(report.read).toBe(5);
    expect(report.rejected).toBe(1);
    // Abandon rate: c1, c2 answered, c3 abandoned, c4 still queued (unknown outcome).
    expect(report.metrics.abandonRate?.used).toBe(3);
    expect(report.metrics.abandonRate?.excluded).toMatchObject({ unknownOutcome: 1 });
    // AHT: only c1 has talk, hold and wrap (240 + 30 + 60 = 330); c2's hold is unknown.
    expect(averageHandleTime(contacts).value).toBe(330);
    expect(report.metrics.aht?.used).toBe(1);
  });

  test("without a hold column, hold is counted inside talk (undefined, not unknown)", async () => {
    const contacts = await readQueueContacts(
      [
        "id,offeredAt,answeredAt,talkSeconds,wrapSeconds\n",
        "c1,2024-03-04T09:00:00Z,2024-03-04T09:00:10Z,240,60\n",
      ],
      { format: "csv" },
    ).toArray();
    expect(contacts[0]?.holdSeconds).toBeUndefined();
    // 240 talk + 60 wrap.
    expect(averageHandleTime(contacts).value).toBe(300);
  });

  test("reads NDJSON and JSON arrays the same way", async () => {
    const line = {
      id: "c1",
      offeredAt: "2024-03-04T09:00:00Z",
      abandonedAt: "2024-03-04T09:00:03Z",
    };
    const fromNdjson = await readQueueContacts([`${JSON.stringify(line)}\n`], {
      format: "ndjson",
    }).toArray();
    const fromJson = await readQueueContacts([JSON.stringify([line])], {
      format: "json",
    }).toArray();
    expect(fromJson).toEqual(fromNdjson);
    // A 3 s hang-up: a short abandon, left out of both counts with the option.
    expect(abandonRate(fromJson, { excludeShortAbandons: true }).excluded.shortAbandon).toBe(1);
  });
});
