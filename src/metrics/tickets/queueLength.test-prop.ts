import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { reducerLaws } from "../../../test/laws.ts";
import {
  assertMonthEnds,
  bruteOpen,
  instant,
  tickets,
  ticketsAt,
} from "../../../test/openTickets.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import { backlogReducer } from "./backlog.ts";
import { queueLengthReducer } from "./queueLength.ts";

/** Waiting at T, by the definition: open (scanning every change) and not yet answered. */
function bruteWaiting(t: Ticket, at: number): boolean {
  if (t.firstResponseAt && t.firstResponseAt.getTime() < at) return false;
  return bruteOpen(t, at) === true;
}

describe("queueLength properties", () => {
  reducerLaws((at) => queueLengthReducer({ asOf: at }), tickets, { configs: instant });

  test("the count equals a brute-force count and never exceeds the backlog", () => {
    fc.assert(
      fc.property(ticketsAt, ([ts, at]) => {
        const result = reduce(ts, queueLengthReducer({ asOf: at }));
        expect(result.value).toBe(ts.filter((t) => bruteWaiting(t, at)).length);
        expect(result.value).toBeLessThanOrEqual(reduce(ts, backlogReducer({ asOf: at })).value);
        expect(result.byAge.reduce((sum, b) => sum + b.count, 0)).toBe(result.value);
      }),
    );
  });

  test("a monthly rollup gives, for every month, the tickets waiting at its end", () => {
    assertMonthEnds(queueLengthReducer, bruteWaiting);
  });
});
