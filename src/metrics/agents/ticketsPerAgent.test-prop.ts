import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { TicketsPerAgentDivisor, TicketsPerAgentInput } from "./ticketsPerAgent.ts";
import { ticketsPerAgentReducer } from "./ticketsPerAgent.ts";

const BASE = Date.parse("2024-03-25T00:00:00Z");
const HOUR = 3_600_000;
const ticketArb: fc.Arbitrary<TicketsPerAgentInput> = fc.record({
  assigneeId: fc.option(fc.constantFrom("ana", "ben", "cy"), { freq: 5 }),
  firstResolvedAt: fc.option(
    fc.integer({ min: 0, max: 14 * 24 }).map((h) => new Date(BASE + h * HOUR)),
    { freq: 5 },
  ),
});
const options = fc.record({
  per: fc.constantFrom<TicketsPerAgentDivisor>("agentDay", "agent"),
  timeZone: fc.constantFrom("UTC", "Europe/Berlin", "America/New_York"),
});

describe("ticketsPerAgent properties", () => {
  reducerLaws(ticketsPerAgentReducer, fc.array(ticketArb), { configs: options });

  test("agents ≤ agent-days ≤ tickets, value ≥ 1, and every ticket is counted once", () => {
    fc.assert(
      fc.property(fc.array(ticketArb), options, (records, o) => {
        const result = reduce(records, ticketsPerAgentReducer(o));
        expect(result.agents).toBeLessThanOrEqual(result.agentDays);
        expect(result.agentDays).toBeLessThanOrEqual(result.numerator);
        expect(result.numerator + result.excluded.unresolved + result.excluded.unassigned).toBe(
          records.length,
        );
        if (result.value === null) expect(result.numerator).toBe(0);
        else expect(result.value).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
