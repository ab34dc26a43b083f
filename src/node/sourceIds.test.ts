import { describe, expect, test } from "vitest";
import { readTickets } from "./namedReaders.ts";

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
