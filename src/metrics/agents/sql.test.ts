/**
 * Tickets per agent's SQL declaration run on DuckDB from its catalogue entry, against
 * hand-computed values and the in-memory reducer: its exclusions by name, the distinct agents,
 * and agent-days counted on the local date of the first resolution in the metric's zone. (The
 * parity properties in src/duckdb and src/postgres compare random tickets, but the mutation
 * run leaves them out.)
 */
import { expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { createRecordTable, duckdbRollup, openDuckDB } from "../../duckdb/index.ts";
import { findMetric } from "../catalogue.ts";
import type { MetricDefinition } from "../define.ts";
import { ticketsPerAgent } from "./ticketsPerAgent.ts";

const metric = findMetric("tickets-per-agent") as unknown as MetricDefinition;

test("tickets per agent on DuckDB: agent-days on the zone's local date, exclusions by name", async () => {
  const resolved = (assigneeId: string | null, firstResolvedAt: string | null) =>
    ticket({ createdAt: "2024-03-01T00:00:00Z", assigneeId, firstResolvedAt });
  const tickets = [
    // 23:30 on 4 March and 00:30 on 5 March in Berlin (UTC+1), both 4 March in UTC
    resolved("ana", "2024-03-04T22:30:00Z"),
    resolved("ana", "2024-03-04T23:30:00Z"),
    resolved("ben", "2024-03-04T10:00:00Z"),
    resolved("ben", "2024-03-04T12:00:00Z"),
    resolved(null, "2024-03-04T12:00:00Z"),
    resolved("ben", null),
  ];
  const connection = await openDuckDB({ threads: 1 });
  try {
    const columns = await createRecordTable(connection, "resolved", "tickets", tickets);
    const [row] = await duckdbRollup(connection, {
      relation: { name: "resolved", columns },
      metrics: {
        utc: { metric },
        berlin: { metric, options: { timeZone: "Europe/Berlin" } },
        perAgent: { metric, options: { per: "agent" } },
      },
    });
    const excluded = { unresolved: 1, unassigned: 1 };
    // UTC: ana 4 Mar, ben 4 Mar → 2 agent-days; 4 tickets / 2 = 2
    expect(row?.utc).toEqual({
      value: 2,
      per: "agentDay",
      numerator: 4,
      denominator: 2,
      agents: 2,
      agentDays: 2,
      excluded,
    });
    // Berlin: ana 4 and 5 Mar, ben 4 Mar → 3 agent-days; 4 / 3
    expect(row?.berlin).toEqual({
      value: 4 / 3,
      per: "agentDay",
      numerator: 4,
      denominator: 3,
      agents: 2,
      agentDays: 3,
      excluded,
    });
    // per agent: 4 tickets / 2 agents = 2, the agent-days still reported (UTC)
    expect(row?.perAgent).toEqual({
      value: 2,
      per: "agent",
      numerator: 4,
      denominator: 2,
      agents: 2,
      agentDays: 2,
      excluded,
    });
    expect(row?.berlin).toEqual(ticketsPerAgent(tickets, { timeZone: "Europe/Berlin" }));
  } finally {
    connection.closeSync();
  }
});
