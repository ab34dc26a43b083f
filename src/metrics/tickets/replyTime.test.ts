import { describe, expect, test } from "vitest";
import { noDurations } from "../../../test/durations.ts";
import { ticket } from "../../../test/fixtures.ts";
import { weekdays } from "../../../test/schedules.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { type ReplyTimeInput, replyTime, replyTimeReducer } from "./replyTime.ts";

const none = { noMessages: 0, noReplies: 0, noSchedule: 0 };
/** A message at an ISO instant, or at a time of day on 2024-03-01 (UTC). */
const message = (
  authorRole: "agent" | "customer" | "bot" | "system",
  time: string,
  fields: { public?: boolean; automated?: boolean } = {},
) => ({ at: time.includes("T") ? time : `2024-03-01T${time}Z`, authorRole, ...fields });

// Two customer messages answered by one reply, then a follow-up answered 30 minutes later.
const conversation = ticket({
  messages: [
    message("customer", "09:00:00"),
    message("customer", "09:10:00"),
    message("agent", "09:20:00"),
    message("customer", "10:00:00"),
    message("agent", "10:30:00"),
  ],
});

describe("replyTime", () => {
  test("averages every customer message → next agent reply pair", () => {
    // pairs: 09:00 → 09:20 = 1200 s, 09:10 → 09:20 = 600 s, 10:00 → 10:30 = 1800 s
    // mean (1200 + 600 + 1800) / 3 = 3600 / 3 = 1200 s; sorted 600, 1200, 1800:
    // median 1200, p90 at rank 1.8 → 1200 + 0.8 × 600 = 1680, p95 at 1.9 → 1740
    expect(replyTime([conversation])).toEqual({
      value: 1200,
      statistic: "mean",
      percentiles: "exact",
      n: 3,
      sum: 3600,
      mean: 1200,
      median: 1200,
      p90: 1680,
      p95: 1740,
      min: 600,
      max: 1800,
      tickets: 1,
      excluded: none,
    });
  });

  test("two customer messages answered by one reply are two pairs", () => {
    const twice = ticket({
      messages: [
        message("customer", "09:00:00"),
        message("customer", "09:05:00"),
        message("agent", "09:15:00"),
      ],
    });
    // 900 s and 600 s → mean 750 s
    expect(replyTime([twice])).toMatchObject({ value: 750, n: 2, tickets: 1 });
  });

  test("has no value with no ticket", () => {
    expect(replyTime([])).toEqual(noDurations(none, { tickets: 0 }));
  });

  test("a ticket without messages is excluded as noMessages", () => {
    const flat = ticket({ firstResponseAt: "2024-03-01T09:20:00Z" });
    const empty = ticket({ messages: [] });
    expect(replyTime([flat, empty])).toMatchObject({
      value: null,
      tickets: 0,
      excluded: { noMessages: 2, noReplies: 0, noSchedule: 0 },
    });
  });

  test("a ticket whose customer messages were never answered is excluded as noReplies", () => {
    const waiting = ticket({ messages: [message("customer", "09:00:00")] });
    const botOnly = ticket({
      messages: [message("customer", "09:00:00"), message("bot", "09:00:10")],
    });
    expect(replyTime([waiting, botOnly])).toMatchObject({
      value: null,
      excluded: { noMessages: 0, noReplies: 2, noSchedule: 0 },
    });
    // A reply that comes after the last customer message still ends only the earlier waits
    expect(replyTime([waiting, botOnly, conversation])).toMatchObject({
      n: 3,
      tickets: 1,
      excluded: { noMessages: 0, noReplies: 2, noSchedule: 0 },
    });
  });

  test("notes, bots and automated messages never end a wait", () => {
    const busy = ticket({
      messages: [
        message("customer", "09:00:00"),
        message("agent", "09:05:00", { public: false }),
        message("bot", "09:06:00"),
        message("agent", "09:07:00", { automated: true }),
        message("system", "09:08:00"),
        message("agent", "09:30:00"),
      ],
    });
    expect(replyTime([busy])).toMatchObject({ value: 1800, n: 1 });
  });

  test("an outbound ticket's opening agent message ends no wait", () => {
    const outbound = ticket({
      messages: [
        message("agent", "09:00:00"),
        message("customer", "10:00:00"),
        message("agent", "10:15:00"),
      ],
    });
    expect(replyTime([outbound])).toMatchObject({ value: 900, n: 1 });
  });

  test('from: "firstUnanswered" measures one wait per run of customer messages', () => {
    // 09:00 → 09:20 = 1200 s (09:10 was already waiting), 10:00 → 10:30 = 1800 s → 1500 s
    expect(replyTime([conversation], { from: "firstUnanswered" })).toMatchObject({
      value: 1500,
      n: 2,
      min: 1200,
      max: 1800,
    });
  });

  test("excludeFirstReply leaves out the waits the first reply ended (Chatwoot)", () => {
    // only 10:00 → 10:30 = 1800 s remains
    expect(replyTime([conversation], { excludeFirstReply: true })).toMatchObject({
      value: 1800,
      n: 1,
      tickets: 1,
    });
    // Chatwoot's reply time: first unanswered message, first reply left out
    expect(
      replyTime([conversation], { from: "firstUnanswered", excludeFirstReply: true }),
    ).toMatchObject({ value: 1800, n: 1 });
    // A ticket answered once has no follow-up reply
    const once = ticket({
      messages: [message("customer", "09:00:00"), message("agent", "09:20:00")],
    });
    expect(replyTime([once], { excludeFirstReply: true })).toMatchObject({
      value: null,
      excluded: { noMessages: 0, noReplies: 1, noSchedule: 0 },
    });
  });

  test("statistic picks the headline value", () => {
    expect(replyTime([conversation], { statistic: "p90" })).toMatchObject({
      value: 1680,
      statistic: "p90",
      percentiles: "exact",
    });
    expect(replyTime([conversation], { statistic: "median" }).value).toBe(1200);
  });

  test("counts real elapsed seconds across the New York spring DST change", () => {
    // 01:30 EST → 03:30 EDT on 2024-03-10 is 3600 s
    const overnight = ticket({
      createdAt: "2024-03-10T01:00:00-05:00",
      messages: [
        message("customer", "2024-03-10T01:30:00-05:00"),
        message("agent", "2024-03-10T03:30:00-04:00"),
      ],
    });
    expect(replyTime([overnight]).value).toBe(3600);
  });

  describe("placement by the reply's time", () => {
    // Answered on March 1 (16:00 → 16:30, 1800 s); the evening follow-up is answered on
    // March 2 (23:50 → 08:00, 8 h 10 min = 29400 s).
    const twoDays = ticket({
      createdAt: "2024-03-01T16:00:00Z",
      messages: [
        message("customer", "16:00:00"),
        message("agent", "16:30:00"),
        message("customer", "23:50:00"),
        message("agent", "2024-03-02T08:00:00Z"),
      ],
    });

    test("timesOf lists the reply of every counted pair; timeOf the first", () => {
      const reducer = replyTimeReducer();
      expect(reducer.timesOf?.(twoDays)).toEqual([
        new Date("2024-03-01T16:30:00Z"),
        new Date("2024-03-02T08:00:00Z"),
      ]);
      expect(reducer.timeOf(twoDays)).toEqual(new Date("2024-03-01T16:30:00Z"));
      expect(replyTimeReducer({ excludeFirstReply: true }).timeOf(twoDays)).toEqual(
        new Date("2024-03-02T08:00:00Z"),
      );
      expect(reducer.timeOf(ticket())).toBeNull();
      expect(reducer.timesOf?.(ticket())).toEqual([]);
    });

    test("add counts only the pairs whose reply lies in the window", () => {
      const reducer = replyTimeReducer();
      const state = reducer.init();
      const march2 = {
        start: Date.parse("2024-03-02T00:00:00Z"),
        end: Date.parse("2024-03-03T00:00:00Z"),
      };
      reducer.add(state, twoDays, march2);
      expect(reducer.result(state)).toMatchObject({ value: 29400, n: 1, tickets: 1 });
      // A window with none of its replies adds nothing, and excludes nothing
      const march3 = { start: march2.end, end: march2.end + 86_400_000 };
      const other = reducer.init();
      reducer.add(other, twoDays, march3);
      expect(reducer.result(other)).toMatchObject({ n: 0, tickets: 0, excluded: none });
    });

    test("a reply at the window's start is in it, one at its end is not ([start, end))", () => {
      const reducer = replyTimeReducer();
      // the second reply is at 2024-03-02T08:00 (23:50 → 08:00 = 29400 s)
      const reply = Date.parse("2024-03-02T08:00:00Z");
      const from = reducer.init();
      reducer.add(from, twoDays, { start: reply, end: reply + 3_600_000 });
      expect(reducer.result(from)).toMatchObject({ value: 29400, n: 1, tickets: 1 });
      const until = reducer.init();
      reducer.add(until, twoDays, { start: reply - 3_600_000, end: reply });
      expect(reducer.result(until)).toMatchObject({ n: 0, tickets: 0, excluded: none });
    });

    test("a ticket whose replies fall on two days contributes to both days in a rollup", () => {
      const unanswered = ticket({ createdAt: "2024-03-01T12:00:00Z" });
      const rows = rollup([twoDays, unanswered], {
        by: { period: "day" },
        metrics: { reply: replyTimeReducer() },
      });
      expect(
        rows.map((row) => [
          row.period?.label ?? null,
          row.reply.n,
          row.reply.value,
          row.reply.tickets,
        ]),
      ).toEqual([
        ["2024-03-01", 1, 1800, 1],
        ["2024-03-02", 1, 29400, 1],
        [null, 0, null, 0],
      ]);
      // Exclusions are counted once, in the row without a period
      expect(rows.map((row) => row.reply.excluded)).toEqual([
        none,
        none,
        { noMessages: 1, noReplies: 0, noSchedule: 0 },
      ]);
      // The plain call sees both pairs of the one ticket: (1800 + 29400) / 2 = 15600 s
      expect(replyTime([twoDays, unanswered])).toMatchObject({ value: 15600, n: 2, tickets: 1 });
    });

    test("days follow the rollup's zone", () => {
      // Replies at 16:30 UTC on March 1 (11:30 EST) and 04:30 UTC on March 2 (23:30 EST on
      // March 1): two days in UTC, one day in New York.
      const lateReply = ticket({
        createdAt: "2024-03-01T16:00:00Z",
        messages: [
          message("customer", "16:00:00"),
          message("agent", "16:30:00"),
          message("customer", "23:50:00"),
          message("agent", "2024-03-02T04:30:00Z"),
        ],
      });
      const utc = rollup([lateReply], {
        by: { period: "day" },
        metrics: { r: replyTimeReducer() },
      });
      const newYork = rollup([lateReply], {
        by: { period: "day" },
        timeZone: "America/New_York",
        metrics: { r: replyTimeReducer() },
      });
      expect(utc.map((row) => [row.period?.label, row.r.n])).toEqual([
        ["2024-03-01", 1],
        ["2024-03-02", 1],
      ]);
      expect(newYork.map((row) => [row.period?.label, row.r.n, row.r.tickets])).toEqual([
        ["2024-03-01", 2, 1],
      ]);
    });
  });

  describe("business time", () => {
    const office = weekdays("09:00", "18:00");
    // Friday 2024-03-01: asked 17:55, answered Monday 09:10; asked Monday 09:30, answered 09:50
    const overWeekend = ticket({
      createdAt: "2024-03-01T17:55:00Z",
      messages: [
        message("customer", "2024-03-01T17:55:00Z"),
        message("agent", "2024-03-04T09:10:00Z"),
        message("customer", "2024-03-04T09:30:00Z"),
        message("agent", "2024-03-04T09:50:00Z"),
      ],
    });

    test("times each wait in working hours", () => {
      // waits: Friday 17:55 → Monday 09:10 = 300 + 600 = 900 s; 09:30 → 09:50 = 1200 s
      // mean (900 + 1200) / 2 = 1050 s; calendar (227700 + 1200) / 2 = 114450 s
      expect(replyTime([overWeekend], { schedule: office })).toMatchObject({
        value: 1050,
        n: 2,
        tickets: 1,
        excluded: none,
      });
      expect(replyTime([overWeekend]).value).toBe(114_450);
    });

    test("a ticket with a wait no schedule covers is excluded whole as noSchedule", () => {
      const fromMonday = weekdays("09:00", "18:00", { validFrom: "2024-03-04T00:00" });
      expect(replyTime([overWeekend], { schedule: fromMonday })).toMatchObject({
        value: null,
        n: 0,
        tickets: 0,
        excluded: { ...none, noSchedule: 1 },
      });
      // Zendesk's rule times each wait by the schedule at its reply, which exists for both
      expect(
        replyTime([overWeekend], { schedule: fromMonday, scheduleRule: "atEvent" }).value,
      ).toBe(1050);
      // In a rollup by day, only the day of the untimed wait loses the ticket: the same
      // conversation with its second reply on Tuesday (09:30 → 09:50, 1200 s)
      const twoDays = ticket({
        createdAt: "2024-03-01T17:55:00Z",
        messages: [
          message("customer", "2024-03-01T17:55:00Z"),
          message("agent", "2024-03-04T09:10:00Z"),
          message("customer", "2024-03-05T09:30:00Z"),
          message("agent", "2024-03-05T09:50:00Z"),
        ],
      });
      const rows = rollup([twoDays], {
        by: { period: "day" },
        metrics: { r: replyTimeReducer({ schedule: fromMonday }) },
      });
      expect(
        rows.map((row) => [row.period?.label, row.r.n, row.r.value, row.r.excluded.noSchedule]),
      ).toEqual([
        ["2024-03-04", 0, null, 1],
        ["2024-03-05", 1, 1200, 0],
      ]);
    });

    test("rejects a business clock without a schedule", () => {
      expect(() => replyTime([], { clock: "business" })).toThrow(
        new TypeError('replyTime: clock "business" needs a schedule, got none'),
      );
    });
  });

  test("a record that never went through the schema with no messages field has none", () => {
    // plain JavaScript leaves the column out (undefined) where the schema gives null
    const bare = {} as ReplyTimeInput;
    const reducer = replyTimeReducer();
    expect(reducer.timeOf(bare)).toBeNull();
    expect(reducer.timesOf?.(bare)).toEqual([]);
    expect(replyTime([bare]).excluded).toEqual({ ...none, noMessages: 1 });
  });

  test("an interval needs exact percentiles: a sketch keeps no durations", () => {
    expect(() => replyTime([], { interval: {}, percentiles: { sketch: "ddsketch" } })).toThrow(
      new RangeError(
        'replyTime: interval needs percentiles "exact" (a sketch keeps no durations), got a sketch',
      ),
    );
  });

  test("rejects bad options", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => replyTime([], { from: "last" })).toThrow(
      new RangeError('replyTime: from must be one of each, firstUnanswered, got "last"'),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => replyTime([], { excludeFirstReply: 1 })).toThrow(
      new TypeError("replyTime: excludeFirstReply must be a boolean, got 1"),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => replyTime([], { statistic: "p99" })).toThrow(
      new RangeError('replyTime: statistic must be one of mean, median, p90, p95, got "p99"'),
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => replyTime([], { excludeFirstReplies: true })).toThrow(
      new TypeError("replyTime: excludeFirstReplies is not an option of replyTime"),
    );
  });
});
