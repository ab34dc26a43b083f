import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, test } from "vitest";
import { idLedger } from "../schemas/duplicates.ts";
import { readTickets } from "./namedReaders.ts";
import { noteIds } from "./readRecords.ts";

const scratch = mkdtempSync(join(tmpdir(), "support-metrics-duplicates-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// T1 on lines 2 and 5 (open, then solved), T2 on line 3, T3 on lines 4 and 6 (6 is rejected).
const CSV = [
  "id,createdAt,status",
  "T1,2024-01-03T09:00:00Z,open",
  "T2,2024-01-03T10:00:00Z,open",
  "T3,2024-01-03T11:00:00Z,open",
  "T1,2024-01-03T09:00:00Z,solved",
  "T3,2024-01-03T11:00:00Z,archived",
  "",
].join("\n");
const file = join(scratch, "tickets.csv");
writeFileSync(file, CSV);

const summaryOf = async (reader: ReturnType<typeof readTickets>) => {
  const tickets = await reader.toArray();
  const { read, valid, rejected, duplicates, duplicateCopies } = reader.summary;
  return {
    tickets: tickets.map((t) => `${t.id}:${t.status}`),
    read,
    valid,
    rejected,
    duplicates,
    duplicateCopies,
  };
};

describe("repeated ids in one file", () => {
  test("a path keeps the last copy by default, reporting each copy left out and the line kept", async () => {
    const out = await summaryOf(readTickets(file));
    expect(out.tickets).toEqual(["T2:open", "T1:solved"]);
    // The last copy of T3 (line 6) is rejected: the earlier one is still left out, as
    // superseded by a version that could not be read (its rejection names the line).
    expect([out.read, out.valid, out.rejected, out.duplicates]).toEqual([5, 2, 1, 2]);
    expect(out.duplicateCopies).toEqual([
      { id: "T1", place: { source: file, at: 2 }, kept: { source: file, at: 5 } },
      { id: "T3", place: { source: file, at: 4 }, kept: { source: file, at: 6 } },
    ]);
  });

  test("first keeps the first copy; reject rejects later copies; allow keeps all", async () => {
    const first = await summaryOf(readTickets(file, { duplicates: "first" }));
    expect(first.tickets).toEqual(["T1:open", "T2:open", "T3:open"]);
    expect([first.valid, first.rejected, first.duplicates]).toEqual([3, 1, 1]);
    const reject = readTickets(file, { duplicates: "reject" });
    expect((await summaryOf(reject)).tickets).toEqual(["T1:open", "T2:open", "T3:open"]);
    expect(reject.summary.rejections.map((r) => [r.line, r.column, r.message])).toEqual([
      [5, "id", 'repeats the id "T1" of line 2'],
      [
        6,
        "status",
        'must be one of "new", "open", "pending", "onHold", "solved", "closed", got "archived"',
      ],
    ]);
    const allow = await summaryOf(readTickets(file, { duplicates: "allow" }));
    expect(allow.tickets).toEqual(["T1:open", "T2:open", "T3:open", "T1:solved"]);
  });

  test("a stream (read once) keeps the first copy by default, and the last when asked", async () => {
    const stream = () => Readable.from([CSV]);
    const first = await summaryOf(readTickets(stream(), { format: "csv" }));
    expect(first.tickets).toEqual(["T1:open", "T2:open", "T3:open"]);
    const last = await summaryOf(readTickets(stream(), { format: "csv", duplicates: "last" }));
    // Held until the end: T3's only valid copy (line 4) is kept, since line 6 never became a record.
    expect(last.tickets.sort()).toEqual(["T1:solved", "T2:open", "T3:open"]);
    expect(last.duplicateCopies).toEqual([
      { id: "T1", place: { source: null, at: 2 }, kept: { source: null, at: 5 } },
    ]);
  });

  test("refuses an unknown policy, and a policy other than the ledger's", () => {
    expect(() => readTickets(file, { duplicates: "newest" as never })).toThrow(
      'readTickets: duplicates must be one of last, first, reject, allow, got "newest"',
    );
    expect(() => readTickets(file, { duplicates: "first", ids: idLedger("last") })).toThrow(
      'readTickets: duplicates must be the ids ledger\'s policy ("last"), got "first"',
    );
  });
});

describe("repeated ids across overlapping exports", () => {
  const jan = join(scratch, "jan.ndjson");
  const feb = join(scratch, "feb.ndjson");
  const line = (id: string, status: string) =>
    JSON.stringify({ id, createdAt: "2024-01-31T09:00:00Z", status });
  writeFileSync(jan, `${line("T1", "open")}\n${line("T2", "open")}\n`);
  writeFileSync(feb, `${line("T2", "solved")}\n${line("T3", "open")}\n`);

  test("one ledger keeps each id once, at its last line across the files", async () => {
    const ids = idLedger("last");
    for (const source of [jan, feb]) await noteIds(source, { kind: "tickets", ids });
    const a = await summaryOf(readTickets(jan, { ids }));
    const b = await summaryOf(readTickets(feb, { ids }));
    expect([...a.tickets, ...b.tickets]).toEqual(["T1:open", "T2:solved", "T3:open"]);
    expect(a.duplicateCopies).toEqual([
      { id: "T2", place: { source: jan, at: 2 }, kept: { source: feb, at: 1 } },
    ]);
    // read: only T2, the one id noted twice, is still held
    expect(ids.size).toBe(1);
  });
});
