import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { ticketVolume, ticketVolumeReducer } from "./ticketVolume.ts";

describe("ticketVolume", () => {
  test("counts the tickets created", () => {
    // 3 tickets → 3, whatever their status
    const tickets = [
      ticket(),
      ticket({ status: "solved", firstResolvedAt: "2024-03-02T00:00:00Z" }),
      ticket({ status: "pending" }),
    ];
    expect(ticketVolume(tickets)).toEqual({ value: 3, excluded: {} });
  });

  test("is 0, not null, with no ticket", () => {
    expect(ticketVolume([])).toEqual({ value: 0, excluded: {} });
  });

  test("a single ticket counts 1", () => {
    expect(ticketVolume([ticket()]).value).toBe(1);
  });

  test("reads any iterable once", () => {
    function* generate() {
      yield ticket();
      yield ticket();
    }
    expect(ticketVolume(generate()).value).toBe(2);
  });

  test("is placed by creation, split by channel in a rollup, in the caller's zone", () => {
    const tickets = [
      // 23:30 on 31 March in New York is already April in UTC
      ticket({ createdAt: "2024-03-31T23:30:00-04:00", channel: "email" }),
      ticket({ createdAt: "2024-03-10T03:30:00-04:00", channel: "email" }), // just after the DST change
      ticket({ createdAt: "2024-04-01T00:00:00-04:00", channel: "chat" }),
      ticket({
        createdAt: "2024-04-15T12:00:00Z",
        channel: "email",
        firstResolvedAt: "2024-05-02T00:00:00Z",
      }),
    ];
    const rows = rollup(tickets, {
      by: { period: "month", channel: "channel" },
      timeZone: "America/New_York",
      metrics: { volume: ticketVolumeReducer() },
    });
    expect(rows.map((row) => [row.period?.label, row.channel, row.volume.value])).toEqual([
      ["2024-03", "email", 2],
      ["2024-04", "chat", 1],
      ["2024-04", "email", 1],
    ]);
    const utc = rollup(tickets, {
      by: { period: "month" },
      metrics: { volume: ticketVolumeReducer() },
    });
    expect(utc.map((row) => [row.period?.label, row.volume.value])).toEqual([
      ["2024-03", 1],
      ["2024-04", 3],
    ]);
  });

  test("takes no option, and refuses one rather than ignore it", () => {
    // @ts-expect-error: testing an option of another metric from plain JavaScript
    expect(() => ticketVolume([], { statistic: "median" })).toThrow(
      new TypeError("ticketVolume: statistic is not an option of ticketVolume"),
    );
    expect(ticketVolume([ticket()], {}).value).toBe(1);
  });
});
