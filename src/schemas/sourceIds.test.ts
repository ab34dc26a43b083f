import { describe, expect, test } from "vitest";
import { ticket } from "../../test/fixtures.ts";
import { rollup } from "../aggregate/rollup.ts";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { dropDuplicates, recordId, sourcedId } from "./duplicates.ts";
import { ticketSchema } from "./ticket.ts";

describe("the source of a record", () => {
  test("is a label: trimmed, empty is none", () => {
    const parse = (source: unknown) =>
      ticketSchema().parse({ id: 1, createdAt: "2024-03-01T09:00:00Z", source }).source;
    expect([parse(" eu "), parse(""), parse(undefined)]).toEqual(["eu", null, null]);
  });

  test("keys duplicates: ticket 7 of two helpdesks is two tickets, twice in one is one", () => {
    const records = [
      { id: 7, source: "eu", v: 1 },
      { id: 7, source: "us", v: 2 },
      { id: 7, source: "eu", v: 3 },
      { id: 7, source: null, v: 4 },
    ];
    const { records: kept, duplicates } = dropDuplicates(records, "last");
    // eu:7 kept at its last copy (v 3), us:7 and the source-less 7 on their own
    expect(kept.map((r) => r.v)).toEqual([2, 3, 4]);
    expect(duplicates.map((d) => [d.id, d.place.at, d.kept.at])).toEqual([["eu:7", 0, 2]]);
  });

  test("no two (source, id) pairs share a key", () => {
    const pairs: [string | null, string][] = [
      ["a", "b:c"],
      ["a:b", "c"],
      ["a\\", ":c"],
      [null, "a:b:c"],
      ["", "x"],
      [null, "x"],
    ];
    const keys = pairs.map(([source, id]) => sourcedId(id, source));
    // the last two are one key on purpose: an empty source is no source
    expect(keys).toEqual(["a:b:c", "a\\:b:c", "a\\\\::c", "a\\:b\\:c", "x", "x"]);
    expect(new Set(keys.slice(0, 5)).size).toBe(5);
    expect(recordId({ id: "c", source: "a:b" })).toBe("a\\:b:c");
  });

  test("groups like channel", () => {
    const tickets = [
      ticket({ id: "7", source: "eu" }),
      ticket({ id: "7", source: "us" }),
      ticket({ id: "8", source: "us" }),
    ];
    const rows = rollup(tickets, {
      by: { source: "source" },
      metrics: { volume: ticketVolumeReducer() },
    });
    expect(rows.map((row) => [row.source, row.volume.value])).toEqual([
      ["eu", 1],
      ["us", 2],
    ]);
  });
});
