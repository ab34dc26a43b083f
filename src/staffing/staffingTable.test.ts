import { describe, expect, test } from "vitest";
import { arrivalPattern } from "./arrivals.ts";
import { staffing } from "./staffing.ts";
import { staffingTable } from "./staffingTable.ts";

const targets = {
  ahtSeconds: 180,
  targetSeconds: 20,
  serviceLevel: 0.8,
  maxOccupancy: 0.85,
  shrinkage: 0.3,
};

/** `count` calls spread over the half hour from `at` (UTC). */
function calls(at: string, count: number): string[] {
  const start = Date.parse(at);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + Math.floor((i * 1_800_000) / count)).toISOString(),
  );
}

describe("staffingTable", () => {
  // Two Mondays observed: 120 + 80 calls at 09:00–09:30 (mean 100), 30 + 30 at 14:00 (mean 30)
  const pattern = arrivalPattern(
    [
      ...calls("2024-03-04T09:00:00Z", 120),
      ...calls("2024-03-11T09:00:00Z", 80),
      ...calls("2024-03-04T14:00:00Z", 30),
      ...calls("2024-03-11T14:00:00Z", 30),
    ],
    { intervalMinutes: 30, range: { start: "2024-03-04", end: "2024-03-18" } },
  );
  const table = staffingTable(pattern, targets);
  const row = (weekday: string, start: string) =>
    table.find((r) => r.weekday === weekday && r.start === start);

  test("staffs the book's interval from the mean of two Mondays: 14 agents, 20 scheduled", () => {
    // (120 + 80) / 2 = 100 calls per 30 min at 180 s = 10 erlangs: the definition book's vector
    const busy = row("monday", "09:00");
    expect(busy).toMatchObject({ contacts: 100, traffic: 10, agents: 14, scheduled: 20 });
    expect(busy?.serviceLevel).toBeCloseTo(0.88835, 5);
    expect(busy?.occupancy).toBeCloseTo(10 / 14, 12);
  });

  test("every row is what staffing() gives for its contacts", () => {
    const quiet = row("monday", "14:00");
    // 30 calls per 30 min at 180 s = 3 erlangs
    const plan = staffing({ ...targets, contacts: 30, intervalSeconds: 1800 });
    expect(quiet).toEqual({
      weekday: "monday",
      start: "14:00",
      contacts: 30,
      traffic: 3,
      agents: plan.agents,
      scheduled: plan.scheduled,
      serviceLevel: plan.serviceLevel,
      occupancy: plan.occupancy,
    });
  });

  test("an interval without contacts needs nobody; its service level is unknown", () => {
    expect(row("tuesday", "03:00")).toEqual({
      weekday: "tuesday",
      start: "03:00",
      contacts: 0,
      traffic: 0,
      agents: 0,
      scheduled: 0,
      serviceLevel: null,
      occupancy: null,
    });
  });

  test("an interval never observed is unknown, not zero", () => {
    // one Monday only: no Tuesday was observed
    const monday = arrivalPattern(calls("2024-03-04T09:00:00Z", 10), { intervalMinutes: 30 });
    const rows = staffingTable(monday, targets);
    expect(rows.find((r) => r.weekday === "tuesday" && r.start === "09:00")).toMatchObject({
      contacts: null,
      traffic: null,
      agents: null,
      scheduled: null,
    });
  });

  test("has one flat row per interval of the week, easy to print", () => {
    expect(table).toHaveLength(7 * 48);
    expect(Object.keys(table[0] ?? {})).toEqual([
      "weekday",
      "start",
      "contacts",
      "traffic",
      "agents",
      "scheduled",
      "serviceLevel",
      "occupancy",
    ]);
    for (const r of table) {
      for (const value of Object.values(r))
        expect(["string", "number", "object"]).toContain(typeof value);
    }
  });

  test("checks its options", () => {
    expect(() => staffingTable(pattern, { ...targets, ahtSeconds: 0 })).toThrow(
      "staffingTable: ahtSeconds must be a positive number, got 0",
    );
    expect(() => staffingTable(pattern, { ...targets, serviceLevel: 1.2 })).toThrow(
      "staffingTable: serviceLevel must be a fraction at least 0 and below 1, got 1.2",
    );
  });
});
