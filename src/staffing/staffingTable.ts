/**
 * Staffing tables: the agents each interval of the week needs, from an arrival pattern, as
 * flat rows ready for `console.table`, a CSV writer or a heatmap (weekday × start).
 */
import type { Weekday } from "../time/schedule.ts";
import type { ArrivalPattern } from "./arrivals.ts";
import { readTargets, type StaffingTargets, staffWorkload } from "./staffing.ts";
import { readWorkload } from "./workload.ts";

/** Options for {@link staffingTable}: the handle time and the targets of {@link staffing}. */
export interface StaffingTableOptions extends StaffingTargets {
  /** Average handle time in seconds, the same for every interval. */
  ahtSeconds: number;
}

/**
 * One interval of the week. Every field is a plain number, string or `null`:
 * - an interval that never occurred in the observed range has `null` from `contacts` on
 *   (unknown, not zero);
 * - an interval with no contacts needs 0 agents, and its `serviceLevel` and `occupancy` are
 *   `null` (nobody to serve).
 */
export interface StaffingRow {
  weekday: Weekday;
  /** Local start of the interval, `"HH:MM"`. */
  start: string;
  /** Average contacts arriving in the interval. */
  contacts: number | null;
  /** Offered traffic in erlangs. */
  traffic: number | null;
  /** Agents needed (Erlang C). */
  agents: number | null;
  /** Agents to schedule after shrinkage. */
  scheduled: number | null;
  /** The service level `agents` achieve, a fraction. */
  serviceLevel: number | null;
  /** The occupancy `agents` work at, a fraction. */
  occupancy: number | null;
}

/**
 * The agents needed in every interval of an arrival pattern, by {@link staffing} (Erlang C)
 * with the pattern's interval length and the average contacts of each interval.
 *
 * @param pattern - From {@link arrivalPattern}.
 * @param options - See {@link StaffingTableOptions}.
 * @returns One row per interval of the week, Monday 00:00 first.
 *
 * @example
 * import { arrivalPattern } from "./arrivals.ts";
 * // 100 calls every Monday 09:00–09:30 (two Mondays, 200 calls), AHT 180 s, 80 % in 20 s
 * const calls = [4, 11].flatMap((day) =>
 *   Array.from({ length: 100 }, (_, i) => `2024-03-${String(day).padStart(2, "0")}T09:${String(i % 30).padStart(2, "0")}:00Z`));
 * const pattern = arrivalPattern(calls, { intervalMinutes: 30, range: { start: "2024-03-04", end: "2024-03-18" } });
 * const table = staffingTable(pattern, { ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 });
 * const row = table.find((r) => r.weekday === "monday" && r.start === "09:00");
 * [row.contacts, row.traffic, row.agents, row.scheduled]
 * //=> [100, 10, 14, 20]
 */
export function staffingTable(
  pattern: ArrivalPattern,
  options: StaffingTableOptions,
): StaffingRow[] {
  const fn = "staffingTable";
  const targets = readTargets(fn, options);
  const intervalSeconds = pattern.intervalMinutes * 60;
  // Check the handle time once, with the interval and no contacts.
  const { ahtSeconds } = readWorkload(fn, {
    contacts: 0,
    intervalSeconds,
    ahtSeconds: options.ahtSeconds,
  });
  return pattern.rows.map((row) => {
    if (row.contacts === null) {
      return {
        weekday: row.weekday,
        start: row.start,
        contacts: null,
        traffic: null,
        agents: null,
        scheduled: null,
        serviceLevel: null,
        occupancy: null,
      };
    }
    const { traffic } = readWorkload(fn, { contacts: row.contacts, intervalSeconds, ahtSeconds });
    const plan = staffWorkload(fn, traffic, ahtSeconds, targets);
    return {
      weekday: row.weekday,
      start: row.start,
      contacts: row.contacts,
      traffic,
      agents: plan.agents,
      scheduled: plan.scheduled,
      serviceLevel: plan.serviceLevel,
      occupancy: plan.occupancy,
    };
  });
}
