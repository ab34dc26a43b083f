/**
 * Issue 12: a rollup over the years 0 to 99 ends, with the right labels. Before the fix the
 * period search cycled forever (`Date.UTC` reads those years as 1900-1999): each test has a
 * timeout so that a regression fails instead of hanging the suite.
 */
import { describe, expect, test } from "vitest";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { rollup } from "./rollup.ts";

const QUICK = 5_000;

describe("rollup in the years 0 to 99 (issue 12)", () => {
  test(
    "a range starting in year 50 (`--from 0050-01-01 --by month`)",
    () => {
      const rows = rollup([{ createdAt: new Date("0050-02-10T12:00:00Z") }], {
        by: { period: "month" },
        range: { start: "0050-01-01", end: "0050-04-01" },
        metrics: { volume: ticketVolumeReducer() },
      });
      expect(rows.map((row) => [row.period?.label, row.volume.value])).toEqual([
        ["0050-01", 0],
        ["0050-02", 1],
        ["0050-03", 0],
      ]);
    },
    QUICK,
  );

  test(
    "a ticket in 0024 beside one in 2024 gets its own row, not one in 1924",
    () => {
      const rows = rollup(
        [
          { createdAt: new Date("0024-05-02T09:00:00Z") },
          { createdAt: new Date("2024-05-02T09:00:00Z") },
        ],
        {
          by: { period: "year" },
          timeZone: "Europe/Berlin",
          metrics: { volume: ticketVolumeReducer() },
        },
      );
      // Without a range, rows are the periods that hold records: two years, 2000 apart.
      expect(rows.map((row) => [row.period?.label, row.volume.value])).toEqual([
        ["0024", 1],
        ["2024", 1],
      ]);
    },
    QUICK,
  );

  test(
    "a range outside the supported years is refused with the reason",
    () => {
      expect(() =>
        rollup([], {
          by: { period: "month" },
          range: { start: -8e15, end: 0 },
          metrics: { volume: ticketVolumeReducer() },
        }),
      ).toThrow(
        "rollup: range.start must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, got -8000000000000000",
      );
    },
    QUICK,
  );
});
