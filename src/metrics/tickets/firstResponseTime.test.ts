import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { ticketSchema } from "../../schemas/ticket.ts";
import { firstResponseTime, firstResponseTimeReducer } from "./firstResponseTime.ts";

const none = { unanswered: 0, noCustomerMessage: 0, replyBeforeStart: 0 };
const day = "2024-03-01";
/** A message at a time of day on 2024-03-01 (UTC). */
const message = (
  authorRole: "agent" | "customer" | "bot" | "system",
  time: string,
  fields: { public?: boolean; automated?: boolean } = {},
) => ({ at: `${day}T${time}Z`, authorRole, ...fields });
/** A ticket created at 09:00 and first answered at `time`. */
const answeredAt = (time: string) => ticket({ firstResponseAt: `${day}T${time}Z` });

describe("firstResponseTime", () => {
  test("averages the seconds to the first reply (seed 002: 20 s, 15 s, 30 s → 21.67 s)", () => {
    // (20 + 15 + 30) / 3 = 65 / 3 = 21.666… s; sorted 15, 20, 30:
    // median 20; p90 at rank 1.8 → 20 + 0.8 × 10 = 28; p95 at rank 1.9 → 29
    const tickets = [answeredAt("09:00:20"), answeredAt("09:00:15"), answeredAt("09:00:30")];
    expect(firstResponseTime(tickets)).toEqual({
      value: 65 / 3,
      statistic: "mean",
      n: 3,
      sum: 65,
      mean: 65 / 3,
      median: 20,
      p90: 28,
      p95: 29,
      min: 15,
      max: 30,
      excluded: none,
    });
    expect(firstResponseTime(tickets).value).toBeCloseTo(21.67, 2);
  });

  test("measures from creation to the first public agent reply (09:00 → 09:20 = 1200 s)", () => {
    const emailed = ticket({
      messages: [message("customer", "09:00:00"), message("agent", "09:20:00")],
    });
    expect(firstResponseTime([emailed])).toMatchObject({ value: 1200, n: 1, min: 1200 });
  });

  test("has no value with no ticket", () => {
    expect(firstResponseTime([])).toEqual({
      value: null,
      statistic: "mean",
      n: 0,
      sum: 0,
      mean: null,
      median: null,
      p90: null,
      p95: null,
      min: null,
      max: null,
      excluded: none,
    });
  });

  test("excludes a ticket never answered as unanswered, never as 0", () => {
    const solvedWithoutReply = ticket({ lastResolvedAt: `${day}T10:00:00Z` });
    expect(firstResponseTime([solvedWithoutReply])).toMatchObject({
      value: null,
      n: 0,
      excluded: { ...none, unanswered: 1 },
    });
    // 1200 s and an unanswered ticket: the mean stays 1200
    expect(firstResponseTime([answeredAt("09:20:00"), solvedWithoutReply])).toMatchObject({
      value: 1200,
      n: 1,
      excluded: { ...none, unanswered: 1 },
    });
  });

  test("internal notes are not replies", () => {
    const withNote = ticket({
      messages: [
        message("customer", "09:00:00"),
        message("agent", "09:05:00", { public: false }),
        message("agent", "09:30:00"),
      ],
    });
    expect(firstResponseTime([withNote]).value).toBe(1800);
  });

  describe("countAutomatedReplies", () => {
    const autoAcknowledged = ticket({
      messages: [
        message("customer", "09:00:00"),
        message("agent", "09:00:05", { automated: true }),
        message("bot", "09:01:00"),
        message("agent", "09:45:00"),
      ],
    });

    test("by default automated and bot messages are not replies", () => {
      expect(firstResponseTime([autoAcknowledged]).value).toBe(2700);
    });

    test("when set, the first automated or bot message counts", () => {
      expect(firstResponseTime([autoAcknowledged], { countAutomatedReplies: true }).value).toBe(5);
    });

    test("a ticket answered only by a bot is unanswered unless automation counts", () => {
      const botOnly = ticket({
        messages: [message("customer", "09:00:00"), message("bot", "09:00:30")],
      });
      expect(firstResponseTime([botOnly]).excluded.unanswered).toBe(1);
      expect(firstResponseTime([botOnly], { countAutomatedReplies: true }).value).toBe(30);
    });

    test("internal notes still do not count", () => {
      const noted = ticket({
        messages: [
          message("customer", "09:00:00"),
          message("bot", "09:00:10", { public: false }),
          message("agent", "09:10:00"),
        ],
      });
      expect(firstResponseTime([noted], { countAutomatedReplies: true }).value).toBe(600);
    });

    test("a ticket opened by a bot or an agent: the opening message is not a reply", () => {
      // A chat opened by a bot greeting at 09:00; the customer writes at 09:01, the bot
      // answers at 09:02: 120 s from creation, not 0.
      const greeted = ticket({
        messages: [
          message("bot", "09:00:00"),
          message("customer", "09:01:00"),
          message("bot", "09:02:00"),
        ],
      });
      expect(firstResponseTime([greeted], { countAutomatedReplies: true }).value).toBe(120);
      // An outbound ticket: the agent wrote at 09:00, the customer at 10:00, the agent
      // answered at 10:30 → 5400 s from creation, with or without automation.
      const outbound = ticket({
        messages: [
          message("agent", "09:00:00"),
          message("customer", "10:00:00"),
          message("agent", "10:30:00"),
        ],
      });
      expect(firstResponseTime([outbound]).value).toBe(5400);
      expect(firstResponseTime([outbound], { countAutomatedReplies: true }).value).toBe(5400);
    });

    test("a ticket without messages keeps its firstResponseAt", () => {
      expect(
        firstResponseTime([answeredAt("09:20:00")], { countAutomatedReplies: true }).value,
      ).toBe(1200);
    });
  });

  describe("startFrom: firstCustomerMessage (Intercom)", () => {
    // Created at 09:00 by an agent logging a call; the customer wrote at 09:10; answered 09:40.
    const logged = ticket({
      firstCustomerMessageAt: `${day}T09:10:00Z`,
      firstResponseAt: `${day}T09:40:00Z`,
    });

    test("starts the clock at the customer's first message", () => {
      expect(firstResponseTime([logged]).value).toBe(2400);
      expect(firstResponseTime([logged], { startFrom: "firstCustomerMessage" }).value).toBe(1800);
    });

    test("excludes a ticket without a customer message as noCustomerMessage", () => {
      expect(
        firstResponseTime([answeredAt("09:20:00")], { startFrom: "firstCustomerMessage" }),
      ).toMatchObject({ value: null, excluded: { ...none, noCustomerMessage: 1 } });
    });

    test("excludes a reply sent before the customer wrote as replyBeforeStart, never negative", () => {
      const early = ticket({
        firstCustomerMessageAt: `${day}T10:00:00Z`,
        firstResponseAt: `${day}T09:30:00Z`,
      });
      expect(firstResponseTime([early], { startFrom: "firstCustomerMessage" })).toMatchObject({
        value: null,
        n: 0,
        excluded: { ...none, replyBeforeStart: 1 },
      });
    });

    test("an unanswered ticket is unanswered whatever the start", () => {
      const silent = ticket();
      expect(firstResponseTime([silent], { startFrom: "firstCustomerMessage" }).excluded).toEqual({
        ...none,
        unanswered: 1,
      });
    });
  });

  test("statistic picks the headline value", () => {
    const tickets = [answeredAt("09:00:20"), answeredAt("09:00:15"), answeredAt("09:00:30")];
    expect(firstResponseTime(tickets, { statistic: "median" })).toMatchObject({
      value: 20,
      statistic: "median",
      mean: 65 / 3,
    });
    expect(firstResponseTime(tickets, { statistic: "p90" }).value).toBe(28);
    expect(firstResponseTime(tickets, { statistic: "p95" }).value).toBe(29);
  });

  test("counts real elapsed seconds across daylight-saving changes in New York", () => {
    // 2024-03-10 01:30 EST → 03:30 EDT: the clock jumps from 02:00 to 03:00, one real hour
    const spring = ticket({
      createdAt: "2024-03-10T01:30:00-05:00",
      firstResponseAt: "2024-03-10T03:30:00-04:00",
    });
    // 2024-11-03 01:30 EDT → 01:30 EST: the same wall time, one real hour later
    const fall = ticket({
      createdAt: "2024-11-03T01:30:00-04:00",
      firstResponseAt: "2024-11-03T01:30:00-05:00",
    });
    expect(firstResponseTime([spring]).value).toBe(3600);
    expect(firstResponseTime([fall]).value).toBe(3600);
    // The same spring ticket written in local New York time, as a CSV export would
    const local = ticketSchema({ timeZone: "America/New_York" }).parse({
      id: "ny",
      createdAt: "2024-03-10 01:30",
      firstResponseAt: "2024-03-10 03:30",
    });
    expect(firstResponseTime([local]).value).toBe(3600);
  });

  test("is placed in a period by createdAt, in the rollup's zone", () => {
    // Created 23:30 in New York on March 1 (04:30 UTC on March 2), answered the next morning
    const lateNight = ticket({
      createdAt: "2024-03-01T23:30:00-05:00",
      firstResponseAt: "2024-03-02T08:30:00-05:00",
    });
    expect(firstResponseTimeReducer().timeOf(lateNight)).toEqual(new Date("2024-03-02T04:30:00Z"));
    const rows = rollup([lateNight], {
      by: { period: "day" },
      timeZone: "America/New_York",
      metrics: { frt: firstResponseTimeReducer() },
    });
    expect(rows.map((row) => [row.period?.label, row.frt.value])).toEqual([["2024-03-01", 32400]]);
  });

  test("rejects bad options", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstResponseTime([], { startFrom: "assigned" })).toThrow(
      new RangeError(
        'firstResponseTime: startFrom must be one of created, firstCustomerMessage, got "assigned"',
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstResponseTime([], { statistic: "max" })).toThrow(
      new RangeError(
        'firstResponseTime: statistic must be one of mean, median, p90, p95, got "max"',
      ),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstResponseTime([], { countAutomatedReplies: "yes" })).toThrow(
      new TypeError('firstResponseTime: countAutomatedReplies must be a boolean, got "yes"'),
    );
  });
});
