import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { reducerLaws } from "../../../test/laws.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reduce } from "../../reduce/reduce.ts";
import { ticketVolumeReducer } from "./ticketVolume.ts";

const base = Date.parse("2024-01-01T00:00:00Z");
const tickets = fc.array(
  fc
    .integer({ min: 0, max: 365 * 24 })
    .map((hours) => ticket({ createdAt: new Date(base + hours * 3_600_000).toISOString() })),
  { maxLength: 20 },
);

describe("ticketVolume properties", () => {
  reducerLaws(ticketVolumeReducer, tickets);

  test("the count is the number of tickets, and monthly counts add up to it", () => {
    fc.assert(
      fc.property(
        tickets,
        fc.constantFrom("UTC", "America/New_York", "Asia/Kathmandu"),
        (ts, timeZone) => {
          expect(reduce(ts, ticketVolumeReducer()).value).toBe(ts.length);
          const rows = rollup(ts, {
            by: { period: "month" },
            timeZone,
            metrics: { v: ticketVolumeReducer() },
          });
          expect(rows.reduce((sum, row) => sum + row.v.value, 0)).toBe(ts.length);
        },
      ),
    );
  });
});
