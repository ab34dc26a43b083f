import fc from "fast-check";
import { expect, test } from "vitest";
import { PERIOD_UNITS, period } from "../time/period.ts";
import { periodsBetween } from "./rowLimit.ts";

// Zones with 30-minute DST (Lord Howe), a skipped day (Apia, 2011), +14 h (Kiritimati) and
// local mean time before 1893 (Berlin).
const ZONES = ["UTC", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Apia", "Pacific/Kiritimati"];

test("periodsBetween counts the periods that stepping with next() walks through", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...ZONES),
      fc.constantFrom(...PERIOD_UNITS),
      fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9900, 0, 1) }),
      fc.integer({ min: 1, max: 60 }),
      (timeZone, unit, at, count) => {
        const p = period(unit, { timeZone });
        const first = p.floor(at);
        let last = first;
        for (let i = 1; i < count; i++) last = p.next(last);
        expect(periodsBetween(p, first, last)).toBe(count);
      },
    ),
    { numRuns: 300 },
  );
});
