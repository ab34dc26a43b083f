/**
 * One data set (test/fixtures/presetData.ts), five helpdesks, five sets of figures. Each test
 * writes out why its vendor's figure differs from the others on the same tickets.
 *
 * Per-ticket spans used below (seconds, all tickets created 2024-03-04 09:00 UTC):
 *
 * | ticket | FRT from creation | FRT from 1st customer msg | to first resolve | to last resolve |
 * | ------ | ----------------- | ------------------------- | ---------------- | --------------- |
 * | T1     | 09:00→09:20 1200  | 09:05→09:20 900           | 3000             | 3000            |
 * | T2     | 1800              | 1800                      | 7200             | 7200            |
 * | T3     | unanswered        | unanswered                | 900              | 900             |
 * | T4     | 600               | 600                       | 1800             | 09:00→13:00 14400 |
 * | T5     | 3600              | 3600                      | 5400             | 5400            |
 * | T6     | 09:00→10:00 3600  | 09:40→10:00 1200          | 4200             | 4200            |
 * | T7     | unanswered        | unanswered                | unresolved       | unresolved      |
 *
 * Reply waits (customer message → next public human reply):
 * T1 09:05→09:20 900 · T2 09:00→09:30 1800, 10:00→10:40 2400, 10:10→10:40 1800 ·
 * T4 09:00→09:10 600 (12:00 never answered) · T5 3600 · T6 09:40→10:00 1200 · T3, T7 none.
 */
import { describe, expect, test } from "vitest";
import {
  FRESHDESK_TO_SEVEN,
  presetSurveys,
  presetTickets,
  presetTicketsValidation,
  rawPresetTickets,
} from "../../test/fixtures/presetData.ts";
import { rollup } from "../aggregate/rollup.ts";
import { csat } from "../metrics/surveys/csat.ts";
import { surveyResponseRate } from "../metrics/surveys/surveyResponseRate.ts";
import { agentWaitTime } from "../metrics/tickets/agentWaitTime.ts";
import { firstContactResolution } from "../metrics/tickets/firstContactResolution.ts";
import { firstResponseTime } from "../metrics/tickets/firstResponseTime.ts";
import { onHoldTime } from "../metrics/tickets/onHoldTime.ts";
import { replyTime } from "../metrics/tickets/replyTime.ts";
import { requesterWaitTime } from "../metrics/tickets/requesterWaitTime.ts";
import { resolutionTime } from "../metrics/tickets/resolutionTime.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import { type Ticket, ticketSchema } from "../schemas/ticket.ts";
import { schedule } from "../time/schedule.ts";
import { PRESET_NAMES, presetCaveats, presetReducers, presets } from "./presets.ts";

const tickets = presetTickets;

test("the shared data set validates whole", () => {
  expect(presetTicketsValidation.rejected).toEqual([]);
  expect(tickets.map((ticket) => ticket.id)).toEqual(rawPresetTickets.map((raw) => raw.id));
  // the facts the tests rely on, as derived by the schema
  expect(tickets.map((ticket) => [ticket.id, ticket.agentReplyCount, ticket.reopenCount])).toEqual([
    ["T1", 1, 0],
    ["T2", 2, 0],
    ["T3", 0, 0],
    ["T4", 1, 1],
    ["T5", 1, 0],
    ["T6", 1, 0],
    ["T7", 0, 0],
  ]);
});

describe("zendesk", () => {
  const p = presets.zendesk;

  test("first reply time from creation; the bot, the auto-ack and T6's opening message are not replies", () => {
    // 1200 + 1800 + 600 + 3600 + 3600 = 10800 over 5 answered tickets = 2160 s (median 1800)
    const result = firstResponseTime(tickets, p.firstResponseTime);
    expect([result.value, result.median, result.n]).toEqual([2160, 1800, 5]);
    expect(result.excluded.unanswered).toBe(2); // T3, T7
  });

  test("next reply time: one wait per run of customer messages, from the oldest unanswered", () => {
    // T2's 10:00 and 10:10 are one wait from 10:00 (2400), not two:
    // 900 + 1800 + 2400 + 600 + 3600 + 1200 = 10500 / 6 = 1750 s
    const result = replyTime(tickets, p.replyTime);
    expect([result.value, result.n]).toEqual([1750, 6]);
  });

  test("first and full resolution time: the reopened T4 counts to 09:30, then to 13:00", () => {
    // first: 3000 + 7200 + 900 + 1800 + 5400 + 4200 = 22500 / 6 = 3750 s
    expect(resolutionTime(tickets, p.resolutionTime).value).toBe(3750);
    // full: T4 counts 14400 instead of 1800: 35100 / 6 = 5850 s
    expect(resolutionTime(tickets, p.fullResolutionTime).value).toBe(5850);
  });

  test("one-touch (Explore): fewer than two replies, zero-reply solves count, reopens ignored", () => {
    // T1 ✓ (1 reply), T2 ✗ (2), T3 ✓ (0 replies), T4 ✓ (1 reply; the reopen is ignored),
    // T5 ✓, T6 ✓: 5 / 6 = 83.33 %
    const result = firstContactResolution(tickets, p.firstContactResolution);
    expect([result.numerator, result.denominator]).toEqual([5, 6]);
    expect(result.value).toBeCloseTo(83.333, 3);
    expect(result.excluded.unresolved).toBe(1); // T7
  });

  test("wait times until the final solve, from the status history", () => {
    // requester (new + open + on hold): T1 1200 + 1800 = 3000; T2 600 + 1200 + 2400 = 4200;
    // T3 900; T4 300 + 1500 + 3600 = 5400 (its solved 09:30–12:00 is in no wait);
    // T5 1800 + 600 + 900 + 2100 = 5400; T6 1800 → 20700 / 6 = 3450 s
    expect(requesterWaitTime(tickets, p.requesterWaitTime).value).toBe(3450);
    // agent wait (pending): T2 1800 + 1200 = 3000, T6 2400 → 5400 / 6 = 900 s
    expect(agentWaitTime(tickets, p.agentWaitTime).value).toBe(900);
    // on hold: T5 09:40–09:55 = 900 → 900 / 6 = 150 s
    expect(onHoldTime(tickets, p.onHoldTime).value).toBe(150);
  });

  test("CSAT good / (good + bad) on the binary scale, and 4–5 of 5 on the newer scale", () => {
    // legacy: 6 good, 4 bad: 6 / 10 = 60 %; newer 1–5: 5 5 5 4 4 → 5 / 10 = 50 %
    expect(csat(presetSurveys("goodBad"), p.csat).value).toBe(60);
    expect(csat(presetSurveys("fiveStar"), p.csat).value).toBe(50);
    // response rate: 10 answered of 12 offered = 83.33 %
    expect(surveyResponseRate(presetSurveys("goodBad"), p.surveyResponseRate).value).toBeCloseTo(
      83.333,
      3,
    );
  });

  test("business time: the schedule at the reply times the whole span (atEvent)", () => {
    // docs/definitions.md: a London team works 09:00–18:00 until Monday 2024-03-04, then
    // 08:00–17:00. Created Friday 17:00, answered Monday 09:00.
    const hours = (start: string, end: string) => {
      const day = [{ start, end }];
      return { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day };
    };
    const versions = [
      schedule({
        timeZone: "Europe/London",
        weekly: hours("09:00", "18:00"),
        validUntil: "2024-03-04",
      }),
      schedule({
        timeZone: "Europe/London",
        weekly: hours("08:00", "17:00"),
        validFrom: "2024-03-04",
      }),
    ];
    const weekend = ticketSchema().parse({
      id: "W",
      createdAt: "2024-03-01T17:00:00Z",
      firstResponseAt: "2024-03-04T09:00:00Z",
    });
    // Zendesk: the new hours for the whole span: Friday after 17:00 closed + Monday 08:00–09:00
    const zendesk = presetReducers("zendesk", { schedule: versions }).tickets
      .firstResponseTime as AnyReducer<Ticket>;
    const [zendeskRow] = rollup([weekend], { metrics: { frt: zendesk } });
    expect(zendeskRow?.frt.value).toBe(3600);
    // Freshdesk keeps our per-segment default: Friday 17:00–18:00 + Monday 08:00–09:00
    const freshdesk = presetReducers("freshdesk", { schedule: versions }).tickets
      .firstResponseTime as AnyReducer<Ticket>;
    const [freshdeskRow] = rollup([weekend], { metrics: { frt: freshdesk } });
    expect(freshdeskRow?.frt.value).toBe(7200);
  });
});

describe("freshdesk", () => {
  const p = presets.freshdesk;

  test("first response from creation, mean: as Zendesk", () => {
    expect(firstResponseTime(tickets, p.firstResponseTime).value).toBe(2160);
  });

  test("average response time: every customer message answered is a wait", () => {
    // T2's 10:00 and 10:10 are two waits (2400 and 1800):
    // 900 + 1800 + 2400 + 1800 + 600 + 3600 + 1200 = 12300 / 7 = 1757.14 s
    const result = replyTime(tickets, p.replyTime);
    expect(result.n).toBe(7);
    expect(result.value).toBeCloseTo(12300 / 7, 9);
  });

  test("resolution time to resolved_at, the latest resolve", () => {
    // 3000 + 7200 + 900 + 14400 + 5400 + 4200 = 35100 / 6 = 5850 s
    expect(resolutionTime(tickets, p.resolutionTime).value).toBe(5850);
  });

  test("FCR: resolved in the first response; zero-reply solves are not judged, reopens fail", () => {
    // T3 is excluded (no reply); T1 ✓, T2 ✗ (2 replies), T4 ✗ (reopened), T5 ✓, T6 ✓: 3 / 5 = 60 %
    const result = firstContactResolution(tickets, p.firstContactResolution);
    expect([result.value, result.numerator, result.denominator]).toEqual([60, 3, 5]);
    expect(result.excluded.noReply).toBe(1);
  });

  test("CSAT: the three positive answers of seven (101, 102, 103 → 5, 6, 7)", () => {
    // 7 7 6 5 5 → 5 / 10 = 50 %. Our default top two boxes (6–7) would say 3 / 10 = 30 %.
    const sevens = presetSurveys("sevenPoint");
    expect(csat(sevens, p.csat).value).toBe(50);
    expect(csat(sevens).value).toBe(30);
    expect([101, 102, 103].map((answer) => FRESHDESK_TO_SEVEN[answer])).toEqual([5, 6, 7]);
  });
});

describe("intercom", () => {
  const p = presets.intercom;

  test("first response from the customer's first message, median", () => {
    // 900 (T1 from 09:05), 1800, 600, 3600, 1200 (T6 from 09:40): sorted 600 900 1200 1800 3600
    // → median 1200 s (Zendesk's median from creation: 1800 s)
    const result = firstResponseTime(tickets, p.firstResponseTime);
    expect([result.value, result.mean]).toEqual([1200, 8100 / 5]);
  });

  test("time to reply: median of the waits from the oldest unanswered message", () => {
    // 600 900 1200 1800 2400 3600 → (1200 + 1800) / 2 = 1500 s
    expect(replyTime(tickets, p.replyTime).value).toBe(1500);
  });

  test("time to first close and to last close, medians", () => {
    // first: 900 1800 3000 4200 5400 7200 → (3000 + 4200) / 2 = 3600 s
    expect(resolutionTime(tickets, p.resolutionTime).value).toBe(3600);
    // last: 900 3000 4200 5400 7200 14400 → (4200 + 5400) / 2 = 4800 s
    expect(resolutionTime(tickets, p.fullResolutionTime).value).toBe(4800);
  });

  test("closed on first contact: our one-touch rule, the closest (3 / 5)", () => {
    expect(firstContactResolution(tickets, p.firstContactResolution).value).toBe(60);
  });

  test("CSAT: 4–5 of 1–5", () => {
    expect(csat(presetSurveys("fiveStar"), p.csat).value).toBe(50);
  });
});

describe("helpscout", () => {
  const p = presets.helpscout;

  test("first response from creation, mean", () => {
    expect(firstResponseTime(tickets, p.firstResponseTime).value).toBe(2160);
  });

  test("response time: the customer's wait from the oldest unanswered message, mean", () => {
    expect(replyTime(tickets, p.replyTime).value).toBe(1750);
  });

  test("resolution time counts only conversations with a reply", () => {
    // T3 (solved without a reply) is left out: 3000 + 7200 + 1800 + 5400 + 4200 = 21600 / 5
    // = 4320 s, where Zendesk's first resolution time says 3750 s
    const result = resolutionTime(tickets, p.resolutionTime);
    expect([result.value, result.excluded.noReply]).toEqual([4320, 1]);
  });

  test("resolved on first reply: 3 / 5", () => {
    expect(firstContactResolution(tickets, p.firstContactResolution).value).toBe(60);
  });

  test("happiness: % great − % not good", () => {
    // 3 3 3 3 3 2 2 1 1 1: 50 % great − 30 % not good = 20 (top-box would say 50 %)
    const threes = presetSurveys("threePoint");
    expect(csat(threes, p.csat).value).toBe(20);
    expect(csat(threes).value).toBe(50);
  });
});

describe("chatwoot", () => {
  const p = presets.chatwoot;

  test("first response from creation, mean (closest to Chatwoot's hand-off start)", () => {
    expect(firstResponseTime(tickets, p.firstResponseTime).value).toBe(2160);
  });

  test("reply time leaves out the first reply: only T2's second round is measured", () => {
    // T2: 10:00 → 10:40 = 2400 s; every other ticket had one reply (or none): noReplies
    const result = replyTime(tickets, p.replyTime);
    expect([result.value, result.n, result.excluded.noReplies]).toEqual([2400, 1, 6]);
  });

  test("resolution time to the latest resolve, mean", () => {
    expect(resolutionTime(tickets, p.resolutionTime).value).toBe(5850);
  });

  test("CSAT (4 + 5) / responses, and responses / surveys sent", () => {
    expect(csat(presetSurveys("fiveStar"), p.csat).value).toBe(50);
    expect(surveyResponseRate(presetSurveys("fiveStar"), p.surveyResponseRate).value).toBeCloseTo(
      83.333,
      3,
    );
  });

  test("has no one-touch metric", () => {
    expect("firstContactResolution" in p).toBe(false);
    expect("firstContactResolution" in presetReducers("chatwoot").tickets).toBe(false);
  });
});

describe("presetReducers", () => {
  test.each(PRESET_NAMES)(
    "%s: one rollup per record kind gives the plain calls' figures",
    (name) => {
      const reducers = presetReducers(name);
      const [ticketRow] = rollup(tickets, { metrics: reducers.tickets });
      const [surveyRow] = rollup(presetSurveys("fiveStar"), { metrics: reducers.surveys });
      const preset = presets[name];
      expect(ticketRow?.firstResponseTime.value).toBe(
        firstResponseTime(tickets, preset.firstResponseTime).value,
      );
      expect(ticketRow?.resolutionTime.value).toBe(
        resolutionTime(tickets, preset.resolutionTime).value,
      );
      expect(surveyRow?.csat.value).toBe(csat(presetSurveys("fiveStar"), preset.csat).value);
    },
  );

  test("lists ticket and survey metrics apart", () => {
    const reducers = presetReducers("zendesk");
    expect(Object.keys(reducers.tickets)).toEqual([
      "firstResponseTime",
      "replyTime",
      "resolutionTime",
      "fullResolutionTime",
      "requesterWaitTime",
      "agentWaitTime",
      "onHoldTime",
      "firstContactResolution",
    ]);
    expect(Object.keys(reducers.surveys)).toEqual(["csat", "surveyResponseRate"]);
  });

  test("clock options reach the duration metrics and their errors name the metric", () => {
    expect(() => presetReducers("zendesk", { clock: "business" })).toThrow(
      'firstResponseTime: clock "business" needs a schedule, got none',
    );
  });

  test("refuses an unknown preset, even a hostile one", () => {
    expect(() => presetReducers("zendsk" as "zendesk")).toThrow(
      'presetReducers: name must be one of zendesk, freshdesk, intercom, helpscout, chatwoot, got "zendsk"',
    );
    expect(() => presetReducers("__proto__" as "zendesk")).toThrow(RangeError);
    expect(() => presetReducers("constructor" as "zendesk")).toThrow(RangeError);
  });
});

describe("presets", () => {
  test("are frozen, so one caller cannot change another's figures", () => {
    expect(Object.isFrozen(presets)).toBe(true);
    expect(Object.isFrozen(presets.zendesk.firstResponseTime)).toBe(true);
    expect(() => {
      (presets.zendesk.firstResponseTime as { statistic: string }).statistic = "p90";
    }).toThrow(TypeError);
  });

  test("every preset states what it cannot reproduce", () => {
    for (const name of PRESET_NAMES) expect(presetCaveats[name].length).toBeGreaterThan(0);
  });

  test("builds every preset's reducers with its options", () => {
    for (const name of PRESET_NAMES) expect(() => presetReducers(name)).not.toThrow();
  });
});
