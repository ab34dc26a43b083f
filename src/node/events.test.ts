import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { EventLog } from "./events.ts";
import { readTickets } from "./namedReaders.ts";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/events/${name}`, import.meta.url));
// The synthetic log in the Italian help-desk log's shape (test/fixtures/events/SOURCE.md).
const LOG: EventLog = {
  case: "Case ID",
  at: "Complete Timestamp",
  format: "YYYY/MM/DD HH:mm:ss.SSS",
  activity: "Activity",
  statuses: {
    "Assign seriousness": "new",
    "Insert ticket": "new",
    "Take in charge ticket": "open",
    Wait: "onHold",
    "Resolve ticket": "solved",
    Closed: "closed",
  },
  messages: { "Take in charge ticket": "agent" },
};

describe("event logs", () => {
  test("fold 11 events into 3 tickets whose history the schema derives from", async () => {
    const reader = readTickets(fixture("helpdesk-events.csv"), {
      events: LOG,
      timeZone: "Europe/Rome",
      mapping: {
        priority: { column: "seriousness_2", values: { "Value 1": "low", "Value 2": "high" } },
      },
    });
    const tickets = await reader.toArray();
    expect(reader.summary).toMatchObject({ read: 3, valid: 3, rejected: 0 });
    const hours = (from: Date, to: Date | null | undefined) =>
      to == null ? null : (to.getTime() - from.getTime()) / 3.6e6;
    expect(
      tickets.map((t) => [
        t.id,
        t.createdAt.toISOString(), // Rome is UTC+2 until October 28th 2012, then UTC+1
        t.status,
        t.priority,
        hours(t.createdAt, t.firstResponseAt),
        hours(t.createdAt, t.firstResolvedAt),
        t.reopenCount,
        t.statusChanges?.length,
      ]),
    ).toEqual([
      ["Case 1", "2012-10-09T12:50:17.000Z", "closed", "low", 1, 48, 0, 4],
      // Resolved after 3 h, taken in charge again (a reopen, and the first reply at 48 h).
      ["Case 2", "2012-10-20T07:00:00.000Z", "solved", "high", 48, 3, 1, 4],
      ["Case 3", "2012-11-02T07:00:00.000Z", "onHold", "low", 2.5, null, 0, 3],
    ]);
  });

  test("without message activities, replies stay unknown (firstResponseAt not given: undefined); activities named like statuses are statuses", async () => {
    const csv = [
      "case,when,what\n",
      "A,2024-01-02T09:00:00Z,New\n",
      "B,2024-01-02T10:00:00Z,open\n",
      "A,2024-01-02T11:00:00Z,Solved\n",
      "A,2024-01-02T12:00:00Z,commented\n",
    ];
    const reader = readTickets(csv, {
      format: "csv",
      events: { case: "case", at: "when", activity: "what" },
    });
    const tickets = await reader.toArray();
    expect(
      tickets.map((t) => [
        t.id,
        t.status,
        t.firstResponseAt,
        t.agentReplyCount,
        t.statusChanges?.length,
      ]),
    ).toEqual([
      ["A", "solved", undefined, null, 2],
      ["B", "open", undefined, null, 1],
    ]);
  });

  test("an assignee column becomes the assignment history: its changes, by time", async () => {
    const csv = [
      "case,when,what,agent\n",
      "A,2024-01-02T11:00:00Z,Solved,bo\n", // out of order in the file
      "A,2024-01-02T09:00:00Z,New,\n", // an empty cell says nothing
      "A,2024-01-02T10:00:00Z,open,al\n",
      "A,2024-01-02T10:30:00Z,commented,al\n", // the same holder: no change
      "B,2024-01-02T10:00:00Z,open,\n",
    ];
    const log = { case: "case", at: "when", activity: "what", assignee: "agent" };
    const tickets = await readTickets(csv, { format: "csv", events: log }).toArray();
    expect(tickets.map((t) => [t.id, t.assignments])).toEqual([
      [
        "A",
        [
          { at: new Date("2024-01-02T10:00:00Z"), assigneeId: "al" },
          { at: new Date("2024-01-02T11:00:00Z"), assigneeId: "bo" },
        ],
      ],
      ["B", []],
    ]);
    // without the column the history is unknown
    const plain = await readTickets(csv, {
      format: "csv",
      events: { case: "case", at: "when", activity: "what" },
    }).toArray();
    expect(plain.map((t) => t.assignments)).toEqual([null, null]);
  });

  test("an event whose time cannot be read rejects its case, naming the line", async () => {
    const csv = ["case,when,what\n", "A,2024-01-02T09:00:00Z,new\n", "A,yesterday,solved\n"];
    const reader = readTickets(csv, {
      format: "csv",
      events: { case: "case", at: "when", activity: "what" },
    });
    expect(await reader.toArray()).toEqual([]);
    expect(reader.summary.rejections[0]?.line).toBe(2);
    expect(reader.summary.rejections[0]?.message).toContain(
      "line 3: when must be an ISO 8601 timestamp",
    );
  });

  test("refuses a log without its columns, an unknown status, and kinds other than tickets", () => {
    expect(() =>
      readTickets(["x\n"], { format: "csv", events: { case: "c", at: "", activity: "a" } }),
    ).toThrow('readTickets: events.at must be a column name, got ""');
    expect(() =>
      readTickets(["x\n"], {
        format: "csv",
        events: { ...LOG, statuses: { Done: "done" as never } },
      }),
    ).toThrow(
      'readTickets: events.statuses["Done"] must be one of new, open, pending, onHold, solved, closed, got "done"',
    );
  });
});
