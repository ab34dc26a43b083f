import { expect, test } from "vitest";
import { readRecords } from "./readRecords.ts";

test("the readers read self-service sessions, anonymous ones included", async () => {
  const csv = [
    "id,startedAt,kind,customerId\n",
    "s1,2024-03-01T09:00:00Z,articleView,c1\n",
    "s2,2024-03-01T09:05:00Z,search,\n",
  ];
  const sessions = await readRecords(csv, { kind: "sessions", format: "csv" }).toArray();
  expect(sessions.map((s) => [s.id, s.kind, s.customerId])).toEqual([
    ["s1", "articleView", "c1"],
    ["s2", "search", null],
  ]);
});
