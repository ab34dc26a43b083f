import { describe, expect, test } from "vitest";
import { type IdLedger, idLedger } from "../schemas/duplicates.ts";
import { readTickets } from "./namedReaders.ts";
import { noteIds } from "./readRecords.ts";

describe("readers key repeated ids within their source", () => {
  test("ticket 7 of two helpdesks in one file is two tickets; a repeat in one is one", async () => {
    const csv = [
      "id,helpdesk,created\n",
      "7,eu,2024-03-01T09:00:00Z\n",
      "7,us,2024-03-01T10:00:00Z\n",
      "7,eu,2024-03-01T11:00:00Z\n", // the later copy of eu's ticket 7
    ];
    const reader = readTickets(csv, {
      format: "csv",
      mapping: { id: "id", source: "helpdesk", createdAt: "created" },
    });
    const tickets = await reader.toArray();
    // keep-last: us:7 (line 3) and eu:7's latest copy (line 4)
    expect(tickets.map((t) => [t.source, t.id, t.createdAt.toISOString()])).toEqual([
      ["us", "7", "2024-03-01T10:00:00.000Z"],
      ["eu", "7", "2024-03-01T11:00:00.000Z"],
    ]);
    expect(reader.summary).toMatchObject({ valid: 2, duplicates: 1 });
  });

  test("records given as JSON carry their source themselves", async () => {
    const lines = [
      '{"id":7,"source":"eu","createdAt":"2024-03-01T09:00:00Z"}\n',
      '{"id":7,"source":"us","createdAt":"2024-03-01T10:00:00Z"}\n',
    ];
    const tickets = await readTickets(lines, { format: "ndjson" }).toArray();
    expect(tickets.map((t) => t.source)).toEqual(["eu", "us"]);
  });
});

describe("a constant source (every record of a file from one helpdesk)", () => {
  const eu = ["id,created\n", "7,2024-03-01T09:00:00Z\n", "8,2024-03-01T09:30:00Z\n"];
  const us = ["id,created\n", "7,2024-03-01T10:00:00Z\n", "7,2024-03-01T11:00:00Z\n"];
  const read = (rows: string[], source: string, ids: IdLedger) =>
    readTickets(rows, {
      format: "csv",
      name: source,
      ids,
      mapping: { id: "id", createdAt: "created", source: { value: source } },
    });

  test.each(["last", "first", "reject"] as const)(
    "keys the ids of each file by its source across files (%s)",
    async (policy) => {
      const ids = idLedger(policy);
      if (policy === "last") {
        await noteIds(eu, {
          kind: "tickets",
          format: "csv",
          name: "eu",
          ids,
          mapping: { id: "id", createdAt: "created", source: { value: "eu" } },
        });
        await noteIds(us, {
          kind: "tickets",
          format: "csv",
          name: "us",
          ids,
          mapping: { id: "id", createdAt: "created", source: { value: "us" } },
        });
      }
      const fromEu = read(eu, "eu", ids);
      const fromUs = read(us, "us", ids);
      const tickets = [...(await fromEu.toArray()), ...(await fromUs.toArray())];
      // eu:7, eu:8 and us:7 are three tickets; us:7's two copies are one (or a rejection).
      const kept = policy === "first" || policy === "reject" ? "10" : "11";
      expect(tickets.map((t) => `${t.source}:${t.id}@${t.createdAt.getUTCHours()}`)).toEqual([
        "eu:7@9",
        "eu:8@9",
        `us:7@${kept}`,
      ]);
      expect(fromEu.summary.duplicates + fromEu.summary.rejected).toBe(0);
      expect(fromUs.summary.duplicates + fromUs.summary.rejected).toBe(1);
    },
  );
});
