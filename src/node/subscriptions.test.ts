import { expect, test } from "vitest";
import { readSessions, readSignups, readSubscriptionChanges } from "./namedReaders.ts";
import { readRecords } from "./readRecords.ts";

test("subscription changes from CSV: an empty amount is unknown, a bad one a rejected row", async () => {
  const csv = [
    "customerId,at,mrr\n",
    "a,2024-01-15T00:00:00Z,49\n",
    "a,2024-03-01T00:00:00Z,\n",
    "b,2024-02-01T00:00:00Z,-3\n",
    "b,2024-02-02T00:00:00Z,0\n",
  ];
  const reader = readSubscriptionChanges(csv, { format: "csv" });
  const changes = await reader.toArray();
  expect(changes.map((c) => [c.customerId, c.at.toISOString(), c.mrr])).toEqual([
    ["a", "2024-01-15T00:00:00.000Z", 49],
    ["a", "2024-03-01T00:00:00.000Z", null],
    ["b", "2024-02-02T00:00:00.000Z", 0],
  ]);
  expect(reader.summary.rejections.map((r) => [r.line, r.column])).toEqual([[4, "mrr"]]);
});

test("sign-ups from NDJSON by the kind's name, in a zone", async () => {
  const ndjson = [
    '{"customerId":"c1","signedUpAt":"2024-03-01 09:00","activatedAt":"2024-03-03 10:00"}\n',
    '{"customerId":"c2","signedUpAt":"2024-03-02 09:00"}\n',
  ];
  const signups = await readRecords(ndjson, {
    kind: "signups",
    format: "ndjson",
    timeZone: "America/New_York",
  }).toArray();
  // New York is UTC-5 in early March (DST starts on 10 March 2024).
  expect(signups.map((s) => [s.customerId, s.signedUpAt?.toISOString(), s.activatedAt])).toEqual([
    ["c1", "2024-03-01T14:00:00.000Z", new Date("2024-03-03T15:00:00Z")],
    ["c2", "2024-03-02T14:00:00.000Z", null],
  ]);
  const named = readSignups(ndjson, { format: "ndjson", timeZone: "America/New_York" });
  expect((await named.toArray()).length).toBe(2);
});

test("readSessions names itself in its errors", () => {
  expect(() => readSessions([""], { format: "xml" as never })).toThrow(/^readSessions: /);
});
