/**
 * The queue metrics' SQL declarations: what they refuse and why, and the definition book's
 * section 6 example run on DuckDB from the catalogue entries, against hand-computed values.
 * (The parity properties, src/duckdb/parity.test-prop.ts and src/postgres/parity.test-prop.ts,
 * compare every option with the in-memory rollup on random contacts.)
 */
import { describe, expect, test } from "vitest";
import { bookContacts } from "../../../test/fixtures/queueContacts.ts";
import { createRecordTable, duckdbRollup, openDuckDB } from "../../duckdb/index.ts";
import { sqlSupport } from "../../sql/compile.ts";
import { fieldsOf } from "../../sql/tableKinds.ts";
import { findMetric } from "../catalogue.ts";
import type { MetricDefinition } from "../define.ts";

const metric = (name: string) => findMetric(name) as unknown as MetricDefinition;
const COLUMNS = Object.keys(fieldsOf("queueContacts"));

describe("the queue metrics' SQL declarations", () => {
  test("compile with their defaults over a table of queue contacts", () => {
    for (const name of ["service-level", "abandon", "asa", "aht", "concurrency"])
      expect(sqlSupport(name, metric(name), {}, COLUMNS).reason, name).toBeUndefined();
  });

  test("refuse a duration's interval and sketched percentiles, with the reason", () => {
    for (const name of ["asa", "aht"]) {
      expect(sqlSupport(name, metric(name), { interval: true }, COLUMNS).reason).toBe(
        "a duration's interval needs every value, which the compiled query does not return",
      );
      expect(
        sqlSupport(name, metric(name), { percentiles: { sketch: "ddsketch" } }, COLUMNS).reason,
      ).toMatch(/^percentiles from a DDSketch are the sketch's own approximation/);
    }
    // A rate's interval comes from the counts the query returns.
    for (const name of ["service-level", "abandon"])
      expect(sqlSupport(name, metric(name), { interval: true }, COLUMNS).resolved).toBeDefined();
  });
});

test("the book's example on DuckDB gives the hand-computed values", async () => {
  const connection = await openDuckDB({ threads: 1 });
  try {
    const columns = await createRecordTable(
      connection,
      "contacts",
      "queueContacts",
      bookContacts(),
    );
    const [row] = await duckdbRollup(connection, {
      relation: { name: "contacts", columns },
      metrics: {
        missed: { metric: metric("service-level") },
        met: { metric: metric("service-level"), options: { formula: "abandons-within-met" } },
        ignored: {
          metric: metric("service-level"),
          options: { formula: "abandons-within-ignored" },
        },
        short: { metric: metric("service-level"), options: { formula: "short-abandons-ignored" } },
        answeredOnly: { metric: metric("service-level"), options: { formula: "answered-only" } },
        abandon: { metric: metric("abandon") },
        abandonLong: { metric: metric("abandon"), options: { excludeShortAbandons: true } },
        asa: { metric: metric("asa") },
        aht: { metric: metric("aht"), options: { statistic: "median" } },
      },
    });
    const value = (name: string) => (row?.[name] as { value: number } | undefined)?.value;
    // 860 / 1060; (860 + 20) / 1060; 860 / (1060 − 20); 860 / (1060 − 10); 860 / 1000
    expect(value("missed")).toBeCloseTo((100 * 860) / 1060, 12);
    expect(value("met")).toBeCloseTo((100 * 880) / 1060, 12);
    expect(value("ignored")).toBeCloseTo((100 * 860) / 1040, 12);
    expect(value("short")).toBeCloseTo((100 * 860) / 1050, 12);
    expect(value("answeredOnly")).toBe(86);
    // 60 / 1060; without the 10 abandons under 5 s, 50 / 1050 (and they are still counted).
    expect(value("abandon")).toBeCloseTo((100 * 60) / 1060, 12);
    expect(row?.abandonLong).toMatchObject({
      numerator: 50,
      denominator: 1050,
      shortAbandoned: 10,
      excluded: { shortAbandon: 10 },
    });
    // (860 × 10 + 140 × 60) / 1000 = 17 s; the median of 1000 handle times of 240 s.
    expect(row?.asa).toMatchObject({ value: 17, n: 1000, excluded: { abandoned: 60 } });
    expect(row?.aht).toMatchObject({ value: 240, n: 1000, excluded: { notAnswered: 60 } });
  } finally {
    connection.closeSync();
  }
});

test("aht on DuckDB: an unknown part excludes the contact by name; a hold time left out is 0", async () => {
  const offeredAt = new Date("2024-03-04T09:00:00Z");
  const answeredAt = new Date("2024-03-04T09:00:10Z");
  const contact = (id: string, parts: object, answered = true) => ({
    id,
    queue: "sales",
    channel: "phone",
    offeredAt,
    answeredAt: answered ? answeredAt : null,
    abandonedAt: answered ? null : answeredAt,
    agentId: "ana",
    ...parts,
  });
  const connection = await openDuckDB({ threads: 1 });
  try {
    const contacts = [
      contact("a", { talkSeconds: 200, holdSeconds: 30, wrapSeconds: 40 }), // 270 s
      contact("b", { talkSeconds: 100, wrapSeconds: 20 }), // no hold time given: 120 s
      contact("c", { talkSeconds: null, holdSeconds: 0, wrapSeconds: 40 }),
      contact("d", { talkSeconds: 200, holdSeconds: null, wrapSeconds: 40 }),
      contact("e", { talkSeconds: 200, holdSeconds: 0, wrapSeconds: null }),
      contact("f", { talkSeconds: null, holdSeconds: null, wrapSeconds: null }, false),
    ];
    const columns = await createRecordTable(connection, "parts", "queueContacts", contacts);
    const [row] = await duckdbRollup(connection, {
      relation: { name: "parts", columns },
      metrics: { aht: { metric: metric("aht") } },
    });
    // (270 + 120) / 2 = 195 s, the mean by default; one contact left out per reason.
    expect(row?.aht).toMatchObject({
      value: 195,
      n: 2,
      excluded: { notAnswered: 1, noTalkTime: 1, noHoldTime: 1, noWrapTime: 1 },
    });
  } finally {
    connection.closeSync();
  }
});

test("chat concurrency on DuckDB: each agent's overlapping conversations counted once", async () => {
  const at = (time: string) => new Date(`2024-03-04T${time}:00Z`);
  const chat = (id: string, start: string, minutes: number, agentId: string | null) => ({
    id,
    queue: null,
    channel: "chat",
    offeredAt: at(start),
    answeredAt: at(start),
    abandonedAt: null,
    talkSeconds: minutes * 60,
    wrapSeconds: null,
    agentId,
  });
  const connection = await openDuckDB({ threads: 1 });
  try {
    const contacts = [
      // ana: 10:00–10:20, 10:10–10:30 and 10:30–10:40 (touching): 50 min of chat in 40 busy.
      chat("1", "10:00", 20, "ana"),
      chat("2", "10:10", 20, "ana"),
      chat("3", "10:30", 10, "ana"),
      // ben: 10:05–10:15, apart from ana's: 10 min in 10 busy. No agent: excluded.
      chat("4", "10:05", 10, "ben"),
      chat("5", "10:05", 10, null),
    ];
    const columns = await createRecordTable(connection, "chats", "queueContacts", contacts);
    const [row] = await duckdbRollup(connection, {
      relation: { name: "chats", columns },
      metrics: { concurrency: { metric: metric("concurrency") } },
    });
    // (50 + 10) min of conversation over (40 + 10) busy minutes = 1.2
    expect(row?.concurrency).toEqual({
      value: 1.2,
      conversationSeconds: 3600,
      busySeconds: 3000,
      conversations: 4,
      agents: 2,
      excluded: {
        notAnswered: 0,
        noAgent: 1,
        noTalkTime: 0,
        unknownOutcome: 0,
        bothOutcomes: 0,
        endsBeforeOffer: 0,
      },
    });
  } finally {
    connection.closeSync();
  }
});
