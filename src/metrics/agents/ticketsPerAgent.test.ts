import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { ticketsPerAgent, ticketsPerAgentReducer } from "./ticketsPerAgent.ts";

const resolved = (assigneeId: string | null, firstResolvedAt: string) =>
  ticket({ createdAt: "2024-03-01T00:00:00Z", assigneeId, firstResolvedAt });

const none = { unresolved: 0, unassigned: 0 };
/** The result when no ticket counts, but for `excluded`. */
const nothingCounted = {
  value: null,
  per: "agentDay",
  numerator: 0,
  denominator: 0,
  agents: 0,
  agentDays: 0,
};

describe("ticketsPerAgent", () => {
  const tickets = [
    resolved("ana", "2024-03-04T09:00:00Z"),
    resolved("ana", "2024-03-04T15:00:00Z"),
    resolved("ana", "2024-03-05T10:00:00Z"),
    resolved("ben", "2024-03-04T11:00:00Z"),
    resolved("ben", "2024-03-06T12:00:00Z"),
    resolved("ben", "2024-03-06T13:00:00Z"),
    resolved("ben", "2024-03-06T14:00:00Z"),
  ];

  test("divides resolved tickets by agent-days", () => {
    // ana: 4 Mar (2), 5 Mar (1); ben: 4 Mar (1), 6 Mar (3) → 7 tickets / 4 agent-days = 1.75
    expect(ticketsPerAgent(tickets)).toEqual({
      value: 1.75,
      per: "agentDay",
      numerator: 7,
      denominator: 4,
      agents: 2,
      agentDays: 4,
      excluded: none,
    });
  });

  test("divides by distinct agents with per: agent", () => {
    // 7 tickets / 2 agents = 3.5
    expect(ticketsPerAgent(tickets, { per: "agent" })).toEqual({
      value: 3.5,
      per: "agent",
      numerator: 7,
      denominator: 2,
      agents: 2,
      agentDays: 4,
      excluded: none,
    });
  });

  test("has no value without resolved, assigned tickets", () => {
    expect(ticketsPerAgent([])).toEqual({ ...nothingCounted, excluded: none });
  });

  test("a single ticket is 1 per agent-day", () => {
    expect(ticketsPerAgent([resolved("ana", "2024-03-04T09:00:00Z")]).value).toBe(1);
  });

  test("excludes unresolved and unassigned tickets", () => {
    const result = ticketsPerAgent([
      ticket({ assigneeId: "ana" }), // open
      ticket({ assigneeId: null }), // open and unassigned: unresolved first
      resolved(null, "2024-03-04T09:00:00Z"),
    ]);
    expect(result).toEqual({ ...nothingCounted, excluded: { unresolved: 2, unassigned: 1 } });
  });

  test("reads days in the given time zone", () => {
    // 22:30Z and 23:30Z on 4 March: one UTC day, but 23:30 on 4 March and 00:30 on 5 March in Berlin
    const late = [resolved("ana", "2024-03-04T22:30:00Z"), resolved("ana", "2024-03-04T23:30:00Z")];
    expect(ticketsPerAgent(late)).toMatchObject({ value: 2, agentDays: 1 });
    expect(ticketsPerAgent(late, { timeZone: "Europe/Berlin" })).toMatchObject({
      value: 1,
      agentDays: 2,
    });
  });

  test("keeps a 23-hour daylight-saving day as one day (Europe/Berlin, 2024-03-31)", () => {
    // 00:30 CET (23:30Z on 30 March) and 23:30 CEST (21:30Z on 31 March): one Berlin day
    // of 23 hours, two UTC dates
    const sunday = [
      resolved("ana", "2024-03-31T00:30:00+01:00"),
      resolved("ana", "2024-03-31T23:30:00+02:00"),
    ];
    expect(ticketsPerAgent(sunday, { timeZone: "Europe/Berlin" })).toMatchObject({
      value: 2,
      agentDays: 1,
    });
    expect(ticketsPerAgent(sunday)).toMatchObject({ value: 1, agentDays: 2 });
  });

  test("places tickets by their first resolution in a rollup", () => {
    const rows = rollup(
      [
        resolved("ana", "2024-03-04T09:00:00Z"),
        resolved("ana", "2024-03-04T10:00:00Z"),
        resolved("ana", "2024-03-11T10:00:00Z"),
        ticket({ assigneeId: "ana" }),
      ],
      { by: { period: "isoWeek" }, metrics: { tpa: ticketsPerAgentReducer() } },
    );
    // W10: 2 tickets on 1 agent-day; W11: 1 on 1; the open ticket in the null period
    expect(rows.map((row) => [row.period?.label ?? null, row.tpa.value, row.tpa.excluded])).toEqual(
      [
        ["2024-W10", 2, none],
        ["2024-W11", 1, none],
        [null, null, { unresolved: 1, unassigned: 0 }],
      ],
    );
  });

  test("a record that never went through the schema: an assignee left out is unassigned", () => {
    const at = new Date("2024-03-04T09:00:00Z");
    expect(ticketsPerAgent([{ firstResolvedAt: at } as never])).toEqual({
      ...nothingCounted,
      excluded: { unresolved: 0, unassigned: 1 },
    });
  });

  test("a bad resolution time or assignee is a field error naming the record", () => {
    const at = new Date("2024-03-04T09:00:00Z");
    expect(() =>
      ticketsPerAgent([{ assigneeId: "ana", firstResolvedAt: new Date(Number.NaN) }]),
    ).toThrow(
      'ticketsPerAgent: record 0 field "firstResolvedAt" must be a valid Date or null, got Invalid Date',
    );
    expect(() =>
      ticketsPerAgent([
        { assigneeId: "ana", firstResolvedAt: at },
        { assigneeId: 7 as never, firstResolvedAt: at },
      ]),
    ).toThrow('ticketsPerAgent: record 1 field "assigneeId" must be a string or null, got 7');
  });

  test("rejects an unknown divisor and an unknown time zone", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => ticketsPerAgent([], { per: "team" })).toThrow(
      new RangeError('ticketsPerAgent: per must be one of agentDay, agent, got "team"'),
    );
    expect(() => ticketsPerAgent([], { timeZone: "Mars/Olympus" })).toThrow(
      new RangeError(
        'ticketsPerAgent: timeZone must be an IANA time zone name, got "Mars/Olympus"',
      ),
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => ticketsPerAgent([], { timezone: "Europe/Berlin" })).toThrow(
      new TypeError("ticketsPerAgent: timezone is not an option of ticketsPerAgent"),
    );
  });
});
