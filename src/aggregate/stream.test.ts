import { describe, expect, test } from "vitest";
import { generateTickets } from "../../bench/generate.ts";
import { ticket } from "../../test/fixtures.ts";
import { backlogReducer } from "../metrics/tickets/backlog.ts";
import { firstResponseTimeReducer } from "../metrics/tickets/firstResponseTime.ts";
import { resolutionTimeReducer } from "../metrics/tickets/resolutionTime.ts";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { reduce } from "../reduce/reduce.ts";
import { stateFromJSON, stateToJSON } from "../reduce/serialize.ts";
import type { Ticket } from "../schemas/ticket.ts";
import { validateTickets } from "../schemas/validate.ts";
import { rollup, rollupReducer } from "./rollup.ts";
import { foldAsync, reduceAsync, rollupAsync } from "./stream.ts";

const { records: tickets, rejected } = validateTickets(generateTickets(3000, 7, { months: 6 }));

async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (let i = 0; i < items.length; i++) {
    if (i % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    yield items[i] as T;
  }
}

const flowMetrics = () => ({
  volume: ticketVolumeReducer(),
  firstResponse: firstResponseTimeReducer({ statistic: "median" }),
  resolution: resolutionTimeReducer({ percentiles: { sketch: "ddsketch" } }),
});

describe("reduceAsync and foldAsync", () => {
  test("the generated tickets are valid", () => {
    expect(rejected).toEqual([]);
  });

  test("give what reduce gives, from an async or a plain iterable", async () => {
    const reducer = firstResponseTimeReducer({ statistic: "p90" });
    const expected = reduce(tickets, reducer);
    expect(await reduceAsync(slowly(tickets), reducer)).toEqual(expected);
    expect(await reduceAsync(tickets, reducer)).toEqual(expected);
    expect(await reduceAsync(new Set(tickets), reducer)).toEqual(expected);
  });

  test("a stock metric measures its own window, as in reduce", async () => {
    const reducer = backlogReducer({ asOf: "2023-03-31T22:00:00Z" });
    expect(await reduceAsync(slowly(tickets), reducer)).toEqual(reduce(tickets, reducer));
    await expect(reduceAsync(tickets, backlogReducer())).rejects.toThrow(
      new TypeError(
        "backlog: a stock metric needs the instant or window to measure when records are not grouped by period",
      ),
    );
  });

  test("states of several streams merge into the result over all of them", async () => {
    const reducer = resolutionTimeReducer({ percentiles: { sketch: "ddsketch" } });
    const [a, b] = await Promise.all([
      foldAsync(slowly(tickets.slice(0, 1234)), reducer),
      foldAsync(slowly(tickets.slice(1234)), reducer),
    ]);
    expect(reducer.result(reducer.merge(a, b))).toEqual(reduce(tickets, reducer));
  });

  test("refuses what is not a source", async () => {
    const reducer = ticketVolumeReducer();
    for (const source of [null, 42, { length: 1 }]) {
      await expect(foldAsync(source as never, reducer)).rejects.toThrow(
        /^foldAsync: source must be an async iterable or an iterable of records, got /,
      );
    }
  });

  test("a failing source rejects the promise", async () => {
    async function* broken() {
      yield ticket();
      throw new Error("disk gone");
    }
    await expect(reduceAsync(broken(), ticketVolumeReducer())).rejects.toThrow("disk gone");
  });
});

describe("rollupAsync", () => {
  test("gives what rollup gives", async () => {
    const options = {
      by: { period: "month" as const, channel: "channel" as const },
      timeZone: "Europe/Berlin",
      metrics: flowMetrics(),
    };
    expect(await rollupAsync(slowly(tickets), options)).toEqual(rollup(tickets, options));
  });

  test("streams stock metrics by period with a range, and gives what rollup gives", async () => {
    const options = {
      by: { period: "week" as const, channel: "channel" as const },
      timeZone: "Europe/Berlin",
      range: { start: "2023-02-01", end: "2023-05-01" },
      metrics: { ...flowMetrics(), backlog: backlogReducer() },
    };
    const rows = await rollupAsync(slowly(tickets), options);
    expect(rows).toEqual(rollup(tickets, options));
    expect(rows.some((row) => row.backlog.value > 0)).toBe(true);
    // with a range the stock records are measured as they come: none wait in the state
    const state = await foldAsync(tickets, rollupReducer(options));
    expect(state.pending).toEqual([]);
  });

  test("refuses stock metrics by period without a range", async () => {
    await expect(
      rollupAsync(tickets, {
        by: { period: "month" },
        metrics: { volume: ticketVolumeReducer(), backlog: backlogReducer() },
      }),
    ).rejects.toThrow(
      new TypeError(
        "rollupAsync: range must be given to stream stock metrics by period (metrics.backlog): without it every open-ended stock record is held until the last period is known, got none",
      ),
    );
    // measured at an instant, without periods, it streams
    const rows = await rollupAsync(tickets, {
      by: { channel: "channel" },
      metrics: { backlog: backlogReducer({ asOf: "2023-04-01T00:00:00Z" }) },
    });
    expect(rows.length).toBeGreaterThan(0);
  });

  test("with sketches the state grows with the spread of durations, not their number", async () => {
    const options = (percentiles: "exact" | { sketch: "ddsketch" }) => ({
      by: { period: "month" as const, channel: "channel" as const },
      timeZone: "UTC",
      metrics: {
        firstResponse: firstResponseTimeReducer({ percentiles }),
        resolution: resolutionTimeReducer({ percentiles }),
      },
    });
    const sizeAfter = async (n: number, percentiles: "exact" | { sketch: "ddsketch" }) => {
      const { records } = validateTickets(generateTickets(n, 11, { months: 3 }));
      const state = await foldAsync(slowly(records), rollupReducer(options(percentiles)));
      return stateToJSON(state).length;
    };
    const sketched = [
      await sizeAfter(2_000, { sketch: "ddsketch" }),
      await sizeAfter(20_000, { sketch: "ddsketch" }),
    ];
    const exact = [await sizeAfter(2_000, "exact"), await sizeAfter(20_000, "exact")];
    // Ten times the records: the exact state keeps every duration and grows tenfold; the
    // sketches' bins fill in a little (rarer, extreme durations open new bins). (7.5 leaves room for the fixed bytes of each group's exclusion counts)
    expect((exact[1] as number) / (exact[0] as number)).toBeGreaterThan(7.5);
    expect((sketched[1] as number) / (sketched[0] as number)).toBeLessThan(3);
    expect(sketched[1] as number).toBeLessThan((exact[1] as number) / 2);
  });

  test("a streamed state survives JSON and merges with another day's", async () => {
    const options = {
      by: { period: "day" as const },
      timeZone: "UTC",
      metrics: flowMetrics(),
    };
    const reducer = rollupReducer<Ticket, typeof options.metrics>(options);
    const half = tickets.length >> 1;
    const first = stateToJSON(await foldAsync(slowly(tickets.slice(0, half)), reducer));
    const second = stateToJSON(await foldAsync(slowly(tickets.slice(half)), reducer));
    const merged = reducer.merge(stateFromJSON(first), stateFromJSON(second));
    expect(reducer.result(merged)).toEqual(rollup(tickets, options));
  });
});
