/**
 * Seed 004, the worked example churn and retention both reproduce: in March 2024, 150
 * customers at the start, 24 of them lost on the 15th, and 32 new that day who stay, so
 * 150 + 32 − 24 = 158 at the end.
 */
import { customers } from "./fixtures.ts";

/** Seed 004's customers: 126 who stay, 24 lost on 15 March, 32 new on 15 March. */
export function seed004Customers() {
  const before = "2024-01-15T00:00:00Z";
  const inside = "2024-03-15T00:00:00Z";
  return [...customers(126, before), ...customers(24, before, inside), ...customers(32, inside)];
}

/** Seed 004's counts, which every customer rate over it reports beside its value. */
export const seed004Counts = {
  start: 150,
  new: 32,
  lost: 24,
  end: 158,
  newChurners: 0,
  excluded: { outsideWindow: 0 },
};
