import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { reduceAsync, rollupAsync } from "../aggregate/stream.ts";
import { firstResponseTime } from "../metrics/tickets/firstResponseTime.ts";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { ValidationError } from "../schemas/validate.ts";
import { readCustomers, readSurveyResponses, readTickets } from "./namedReaders.ts";
import {
  describeRowRejection,
  type ReadSummary,
  ReadValidationError,
  readRecords,
} from "./readRecords.ts";
import { describeReadReport, readReport } from "./report.ts";
import { ReadError } from "./rows.ts";

const FILES = join(import.meta.dirname, "../../test/fixtures/files");
const iso = (d: Date | null) => d?.toISOString() ?? null;

const ZENDESK_MAPPING = {
  id: "Ticket ID",
  createdAt: { column: "Created at", format: "MM/DD/YYYY hh:mm:ss A" },
  firstResolvedAt: { column: "Solved at", format: "MM/DD/YYYY hh:mm:ss A" },
  status: {
    column: "Status",
    values: { Open: "open", Pending: "pending", Solved: "solved", Closed: "closed" },
  },
  priority: "Priority",
  tags: { column: "Tags", separator: " " },
  escalated: "Escalated",
  handleSeconds: (row: Readonly<Record<string, unknown>>) =>
    row["Handle minutes"] === "" ? undefined : Number(row["Handle minutes"]) * 60,
  channel: { value: "email" },
} as const;

describe("readTickets over a Zendesk-style CSV export", () => {
  test("reads the valid rows and rejects the others with line, column and reason", async () => {
    const reader = readTickets(join(FILES, "zendesk-export.csv"), {
      mapping: ZENDESK_MAPPING,
      timeZone: "America/New_York",
    });
    const tickets = await reader.toArray();
    expect(
      tickets.map((t) => [t.id, iso(t.createdAt), iso(t.firstResolvedAt), t.status, t.tags]),
    ).toEqual([
      ["1001", "2024-03-10T04:15:00.000Z", "2024-03-10T13:05:30.000Z", "solved", ["login", "vip"]],
      // 02:30 on the spring-forward day does not exist: forward by the gap, 03:30 EDT
      ["1002", "2024-03-10T07:30:00.000Z", null, "open", ["billing"]],
      // 01:30 on the fall-back day happens twice: the earlier (EDT); the quoted subject spans lines 4-5
      ["1003", "2024-11-03T05:30:00.000Z", "2024-11-03T05:45:00.000Z", "closed", []],
    ]);
    expect(tickets.map((t) => [t.escalated, t.handleSeconds, t.channel, t.priority])).toEqual([
      [false, 750, "email", "High"],
      [true, null, "email", "Normal"],
      [false, 180, "email", "Low"],
    ]);
    const summary = reader.summary;
    expect(summary).toMatchObject({ done: true, read: 7, valid: 3, rejected: 4, error: null });
    expect(summary.columns).toEqual({
      used: ["Ticket ID", "Created at", "Solved at", "Status", "Priority", "Tags", "Escalated"],
      ignored: ["Subject", "Requester", "Handle minutes"],
    });
    expect(summary.rejections.map(describeRowRejection)).toEqual([
      'line 7, column "Status" (status): must be one of "new", "open", "pending", "onHold", "solved", "closed", got "archived"',
      'line 8, column "Created at" (createdAt): must match the format "MM/DD/YYYY hh:mm:ss A", got "2024-03-11 10:00"',
      "line 9, (row): has 2 fields, the header has 10",
      "line 10, (row): has 11 fields, the header has 10",
    ]);
    expect(summary.rejections[0]).toMatchObject({
      line: 7,
      index: 3,
      column: "Status",
      path: ["status"],
      code: "invalid_value",
    });
  });

  test("a mapped column missing from the header fails up front, naming it", async () => {
    const reader = readTickets(join(FILES, "zendesk-export.csv"), {
      mapping: { ...ZENDESK_MAPPING, assigneeId: "Assignee" },
      timeZone: "America/New_York",
    });
    const error = await reader.toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadError);
    expect((error as ReadError).message).toMatch(
      /^readTickets: the header has no column "Assignee" \(mapping.assigneeId\); its columns are "Ticket ID", "Subject"/,
    );
    expect(reader.summary.read).toBe(0);
  });

  test("strict mode throws one error listing every rejected row, after reading all", async () => {
    const reader = readTickets(join(FILES, "zendesk-export.csv"), {
      mapping: ZENDESK_MAPPING,
      timeZone: "America/New_York",
      strict: true,
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const ticket of reader) seen.push(ticket.id);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["1001", "1002", "1003"]);
    expect(error).toBeInstanceOf(ReadValidationError);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message.split("\n")).toEqual([
      "readTickets: 4 of 7 rows rejected",
      '  line 7, column "Status" (status): must be one of "new", "open", "pending", "onHold", "solved", "closed", got "archived"',
      '  line 8, column "Created at" (createdAt): must match the format "MM/DD/YYYY hh:mm:ss A", got "2024-03-11 10:00"',
      "  line 9, (row): has 2 fields, the header has 10",
      "  line 10, (row): has 11 fields, the header has 10",
    ]);
    expect((error as ReadValidationError).rejected).toHaveLength(4);
  });
});

describe("readTickets over NDJSON and JSON", () => {
  test("NDJSON: blank lines skipped, bad lines rejected with their numbers, the rest read", async () => {
    const reader = readTickets(join(FILES, "tickets.ndjson"), { timeZone: "Europe/Berlin" });
    const tickets = await reader.toArray();
    expect(tickets.map((t) => [t.id, iso(t.createdAt)])).toEqual([
      ["T1", "2024-03-01T09:00:00.000Z"],
      ["T2", "2024-03-01T08:30:00.000Z"],
    ]);
    expect(reader.summary.rejections.map(describeRowRejection)).toEqual([
      expect.stringMatching(/^line 4, \(row\): is not valid JSON/),
      "line 5, (row): must be a JSON object, got an array",
      'line 7, column "status" (status): must be one of "new", "open", "pending", "onHold", "solved", "closed", got "archived"',
      'line 8, column "firstResponseAt" (firstResponseAt): must not be before createdAt',
    ]);
    expect(reader.summary).toMatchObject({ read: 6, valid: 2, rejected: 4, columns: null });
  });

  test("JSON arrays: elements keep the line they start on", async () => {
    const reader = readTickets(join(FILES, "tickets.json"));
    const tickets = await reader.toArray();
    expect(tickets.map((t) => t.id)).toEqual(["T1", "T2", "T4"]);
    expect(reader.summary.rejections.map(describeRowRejection)).toEqual([
      'line 8, column "createdAt" (createdAt): must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got "yesterday"',
    ]);
  });

  test("a mapping works on JSON keys too", async () => {
    const reader = readTickets(['{"ticket_id": 5, "opened": "01/02/2024 10:00", "x": 1}\n'], {
      format: "ndjson",
      mapping: { id: "ticket_id", createdAt: { column: "opened", format: "DD/MM/YYYY HH:mm" } },
      timeZone: "UTC",
    });
    const tickets = await reader.toArray();
    expect(tickets.map((t) => [t.id, iso(t.createdAt)])).toEqual([
      ["5", "2024-02-01T10:00:00.000Z"],
    ]);
  });
});

describe("hostile and malformed input", () => {
  test("__proto__ and constructor as CSV headers and JSON keys pollute nothing", async () => {
    const csv = readTickets(
      ['__proto__,constructor,id,createdAt\n{"polluted":1},{"bad":1},T1,2024-03-01T09:00:00Z\n'],
      { format: "csv" },
    );
    const json = readTickets(
      [
        '{"__proto__":{"polluted":1},"constructor":{"prototype":{"bad":1}},"id":"T2","createdAt":"2024-03-01T09:00:00Z"}\n',
      ],
      { format: "ndjson" },
    );
    const mapped = readTickets(['{"__proto__":"x","id":"T3","createdAt":0}\n'], {
      format: "ndjson",
      mapping: { id: "id", createdAt: "createdAt", category: "__proto__" },
    });
    const all = [...(await csv.toArray()), ...(await json.toArray()), ...(await mapped.toArray())];
    expect(all.map((t) => t.id)).toEqual(["T1", "T2", "T3"]);
    expect(all[2]?.category).toBe("x");
    for (const ticket of all) expect(Object.getPrototypeOf(ticket)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).bad).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  test("a 10 MB field in a mapped column is rejected with a short message; reading goes on", async () => {
    const big = "x".repeat(10 * 1024 * 1024);
    const reader = readTickets(
      [`id,createdAt,category\nT1,2024-03-01T09:00:00Z,${big}\nT2,2024-03-01T09:00:00Z,ok\n`],
      { format: "csv" },
    );
    const tickets = await reader.toArray();
    expect(tickets.map((t) => t.id)).toEqual(["T2"]);
    const [rejection] = reader.summary.rejections;
    expect(rejection).toMatchObject({ line: 2, column: "category", path: ["category"] });
    expect(describeRowRejection(rejection as never).length).toBeLessThan(200);
  });

  test("a 10 MB field in an ignored column costs nothing but memory", async () => {
    const big = "y".repeat(10 * 1024 * 1024);
    const reader = readTickets([`id,createdAt,body\nT1,2024-03-01T09:00:00Z,"${big}"\n`], {
      format: "csv",
    });
    expect((await reader.toArray()).map((t) => t.id)).toEqual(["T1"]);
    expect(reader.summary.columns?.ignored).toEqual(["body"]);
  });

  test("an empty file reads as no rows and no error", async () => {
    for (const format of ["csv", "ndjson", "json"] as const) {
      const reader = readTickets([], { format });
      expect(await reader.toArray()).toEqual([]);
      expect(reader.summary).toMatchObject({ done: true, read: 0, valid: 0, rejected: 0 });
    }
  });

  test("an unclosed quote stops the read with a ReadError; the summary keeps what was read", async () => {
    const reader = readTickets(
      [
        'id,createdAt\nT1,2024-03-01T09:00:00Z\nT2,"2024-03-01T09:00:00Z\nT3,2024-03-01T09:00:00Z\n',
      ],
      { format: "csv" },
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const ticket of reader) seen.push(ticket.id);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["T1"]);
    expect(error).toMatchObject({ name: "ReadError", code: "unclosed-quote", line: 3 });
    expect(reader.summary).toMatchObject({ done: false, read: 1, valid: 1 });
    expect(reader.summary.error).toMatch(/never closed/);
  });

  test("a web ReadableStream and a Node Readable are sources too", async () => {
    const text = "id,createdAt\nT1,2024-03-01T09:00:00Z\n";
    const web = new Blob([text]).stream();
    expect((await readTickets(web, { format: "csv" }).toArray()).length).toBe(1);
    expect((await readTickets(Readable.from([text]), { format: "csv" }).toArray()).length).toBe(1);
  });

  test("a CSV without the required columns and without a mapping fails up front", async () => {
    const error = await readTickets(["id,created\nT1,x\n"], { format: "csv" })
      .toArray()
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^readTickets: the header has no column for the required field createdAt; name the column so or give a mapping/,
    );
  });

  test("a reader can be iterated once", async () => {
    const reader = readTickets([], { format: "csv" });
    await reader.toArray();
    await expect(reader.toArray()).rejects.toThrow(
      "readTickets: a reader can be iterated only once",
    );
  });

  test("batches() gives the same records and summary as one at a time, a chunk per batch", async () => {
    // 3 000 NDJSON lines in 16 KB chunks, every 7th with a bad timestamp; CSV likewise.
    for (const format of ["ndjson", "csv"] as const) {
      const line = (i: number) => {
        const at =
          i % 7 === 3 ? "not a date" : `2024-03-01T09:${String(i % 60).padStart(2, "0")}:00Z`;
        return format === "csv" ? `T${i},${at},open\n` : `{"id":"T${i}","createdAt":"${at}"}\n`;
      };
      const text =
        (format === "csv" ? "id,createdAt,status\n" : "") +
        Array.from({ length: 3000 }, (_, i) => line(i)).join("");
      const chunks = text.match(/[\s\S]{1,16384}/g) as string[];
      const one = readTickets(chunks, { format });
      const single: string[] = [];
      for await (const ticket of one) single.push(ticket.id);
      const many = readTickets(chunks, { format });
      const sizes: number[] = [];
      const batched: string[] = [];
      for await (const batch of many.batches()) {
        sizes.push(batch.length);
        for (const ticket of batch) batched.push(ticket.id);
      }
      // 3000 rows; i % 7 === 3 for i = 3, 10, ..., 2999: (2999 - 3) / 7 + 1 = 429 rejected.
      expect(batched).toEqual(single);
      expect(batched.length).toBe(3000 - 429);
      expect(many.summary).toEqual(one.summary);
      expect(many.summary).toMatchObject({ read: 3000, valid: 2571, rejected: 429, done: true });
      // Several rows per batch: the point of batching.
      expect(sizes.length).toBeLessThan(100);
      expect(Math.max(...sizes)).toBeGreaterThan(100);
      // A reader is read once, whichever way.
      await expect(many.toArray()).rejects.toThrow("a reader can be iterated only once");
    }
  });

  test("foldAsync and rollupAsync read a reader by batches, with the same result", async () => {
    const lines = Array.from(
      { length: 500 },
      (_, i) => `{"id":"T${i}","createdAt":"2024-0${1 + (i % 3)}-10T09:00:00Z"}\n`,
    );
    const rows = await rollupAsync(readTickets(lines, { format: "ndjson" }), {
      by: { period: "month" },
      timeZone: "UTC",
      metrics: { volume: ticketVolumeReducer() },
    });
    // i % 3 spreads 500 tickets over January (167), February (167) and March (166).
    expect(rows.map((row) => [row.period?.label, row.volume.value])).toEqual([
      ["2024-01", 167],
      ["2024-02", 167],
      ["2024-03", 166],
    ]);
    let batchesCalled = 0;
    const reader = readTickets(lines, { format: "ndjson" });
    const spy = Object.assign(Object.create(reader), {
      batches: () => {
        batchesCalled++;
        return reader.batches();
      },
    });
    expect(await reduceAsync(spy, ticketVolumeReducer())).toMatchObject({ value: 500 });
    expect(batchesCalled).toBe(1);
  });

  test("maxRejections bounds the list, not the count", async () => {
    const lines = ["id,createdAt\n", ...Array.from({ length: 50 }, (_, i) => `T${i},bad\n`)];
    const reader = readTickets(lines, { format: "csv", maxRejections: 5 });
    await reader.toArray();
    expect(reader.summary.rejected).toBe(50);
    expect(reader.summary.rejections.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
  });

  test("options are checked before reading", () => {
    expect(() => readTickets(["x"])).toThrow(
      'readTickets: format must be given when the source is not a file path ("csv", "tsv", "ndjson" or "json")',
    );
    expect(() => readTickets("tickets.xlsx")).toThrow(/file name does not end in \.csv/);
    expect(() => readTickets("t.csv", { format: "xml" as never })).toThrow(
      'readTickets: format must be one of "csv", "tsv", "ndjson", "json", got "xml"',
    );
    expect(() => readRecords([], { kind: "orders" as never })).toThrow(
      /^readRecords: kind must be one of tickets, surveyResponses/,
    );
    expect(() => readTickets("t.csv", { maxRejections: -1 })).toThrow(
      "readTickets: maxRejections must be a whole number at least 0, got -1",
    );
    expect(() => readTickets("t.csv", { mapping: { id: "a" } })).toThrow(
      "readTickets: mapping must fill the required ticket field createdAt",
    );
  });
});

describe("other kinds", () => {
  test("survey responses: out-of-scale and NaN scores rejected, unanswered kept", async () => {
    const reader = readSurveyResponses(join(FILES, "surveys.csv"), {
      mapping: {
        id: "id",
        kind: "kind",
        score: "score",
        respondedAt: "respondedAt",
        agentId: "agent",
        sentAt: { value: "2024-03-01T00:00:00Z" },
      },
    });
    const responses = await reader.toArray();
    expect(responses.map((r) => [r.id, r.score])).toEqual([
      ["S1", 10],
      ["S2", 6],
      ["S3", 4],
      ["S5", null],
    ]);
    expect(reader.summary.rejections.map(describeRowRejection)).toEqual([
      'line 5, column "score" (score): must be between 0 and 10 on this nps scale, got 11',
      'line 7, column "score" (score): must be a number, got "NaN"',
    ]);
  });

  test("customers from TSV", async () => {
    const reader = readCustomers(
      ["id\tstartedAt\tendedAt\tacquisitionCost\n", "c1\t2024-01-01T00:00:00Z\t\t120.5\n"],
      { format: "tsv" },
    );
    const [customer] = await reader.toArray();
    expect(customer).toMatchObject({ id: "c1", endedAt: null, acquisitionCost: 120.5 });
  });
});

describe("readReport", () => {
  test("accounts for every row: read, rejected, and per metric used or excluded", async () => {
    const reader = readTickets(join(FILES, "tickets.ndjson"), { timeZone: "Europe/Berlin" });
    const tickets = await reader.toArray();
    const report = readReport(reader.summary, { firstResponseTime: firstResponseTime(tickets) });
    expect(report).toEqual({
      read: 6,
      valid: 2,
      rejected: 4,
      complete: true,
      duplicates: 0,
      metrics: {
        firstResponseTime: {
          used: 0,
          // the file has no first-response column: unknown, not unanswered (issue 11)
          excluded: expect.objectContaining({ unknownFirstResponse: 2, unanswered: 0 }),
          excludedTotal: 2,
        },
      },
    });
    expect(describeReadReport(report)).toBe(
      "6 rows read: 2 valid, 4 rejected\nfirstResponseTime: 0 used, 2 excluded (unknownFirstResponse 2)",
    );
  });

  test("sums rollup rows under the metric's name; counts above valid give used null", () => {
    const summary: ReadSummary = {
      kind: "tickets",
      format: "csv",
      done: true,
      read: 3,
      valid: 3,
      rejected: 0,
      rejections: [],
      columns: null,
      invalidUtf8: { count: 0, lines: [] },
      duplicates: 0,
      duplicateCopies: [],
      error: null,
    };
    const rows = [
      { period: "2024-03", frt: { excluded: { unanswered: 1 } } },
      { period: "2024-04", frt: { excluded: { unanswered: 1 } } },
    ];
    expect(readReport(summary, { frt: rows }).metrics.frt).toEqual({
      used: 1,
      excluded: { unanswered: 2 },
      excludedTotal: 2,
    });
    const stock = [1, 2, 3].map(() => ({ backlog: { excluded: { notOpen: 2 } } }));
    expect(readReport(summary, { backlog: stock }).metrics.backlog?.used).toBeNull();
    const hostile = readReport(summary, { m: { excluded: JSON.parse('{"__proto__": 1}') } });
    expect(hostile.metrics.m?.excluded).toEqual(JSON.parse('{"__proto__": 1}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("streaming a large file", () => {
  let dir = "";
  const N = 200_000;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "support-metrics-readers-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(path: string, line: (i: number) => string, header = "") {
    const out = createWriteStream(path);
    out.write(header);
    for (let i = 0; i < N; i++) {
      if (!out.write(line(i)))
        await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    out.end();
    await finished(out);
  }

  test.each(["ndjson", "csv"] as const)(
    "counts 200 000 %s rows one at a time, holding none",
    async (format) => {
      const path = join(dir, `tickets.${format}`);
      const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
      if (format === "ndjson") {
        await write(path, (i) => `{"id":"T${i}","createdAt":"${at(i)}","status":"open"}\n`);
      } else {
        await write(path, (i) => `T${i},${at(i)},open\n`, "id,createdAt,status\n");
      }
      const reader = readTickets(path);
      let count = 0;
      for await (const ticket of reader) {
        count++;
        if (count % 50_000 === 0) expect(ticket.id).toBe(`T${count - 1}`);
      }
      expect(count).toBe(N);
      expect(reader.summary).toMatchObject({ read: N, valid: N, rejected: 0, done: true });
    },
  );

  test.each(["ndjson", "csv", "json"] as const)(
    "%s: rows are yielded while the source is still being read (bounded buffering)",
    async (format) => {
      // A lazy source of 200 000 rows in 4 KB chunks: count how far the source runs ahead
      // of the records yielded. Reading everything first would put it 200 000 rows ahead.
      let produced = 0;
      let consumed = 0;
      let ahead = 0;
      function* source(): Generator<string> {
        if (format === "csv") yield "id,createdAt\n";
        if (format === "json") yield "[\n";
        let chunk = "";
        for (let i = 0; i < N; i++) {
          const sep = format === "json" && i < N - 1 ? "," : "";
          chunk +=
            format === "csv"
              ? `T${i},2024-03-01T09:00:00Z\n`
              : `{"id":"T${i}","createdAt":"2024-03-01T09:00:00Z"}${sep}\n`;
          produced++;
          if (chunk.length > 4096) {
            yield chunk;
            chunk = "";
          }
        }
        yield chunk + (format === "json" ? "]" : "");
      }
      for await (const _ticket of readTickets(source(), { format })) {
        consumed++;
        ahead = Math.max(ahead, produced - consumed);
      }
      expect(consumed).toBe(N);
      expect(ahead).toBeLessThan(5_000);
    },
  );
});
