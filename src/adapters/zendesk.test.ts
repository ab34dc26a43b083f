import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { csat } from "../metrics/surveys/csat.ts";
import { surveyResponseRate } from "../metrics/surveys/surveyResponseRate.ts";
import { firstResponseTime } from "../metrics/tickets/firstResponseTime.ts";
import { reopenRate } from "../metrics/tickets/reopenRate.ts";
import { resolutionTime } from "../metrics/tickets/resolutionTime.ts";
import { validateAdaptedSurveys, validateAdaptedTickets } from "./common.ts";
import {
  zendeskMetricEvents,
  zendeskSatisfactionRatings,
  zendeskTickets,
  zendeskTicketsFromMetrics,
} from "./zendesk.ts";
import { policiesFromZendesk } from "./zendeskPolicies.ts";

/** A vendor fixture, parsed as JSON.parse does (so `__proto__` keys are own properties). */
function fixture(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../test/fixtures/vendors/${name}`, import.meta.url), "utf8"),
  );
}

describe("zendeskTicketsFromMetrics on the documentation examples", () => {
  test("maps the List Ticket Metrics example exactly", () => {
    const adapted = zendeskTicketsFromMetrics(fixture("zendesk-ticket-metrics.json"));
    expect(adapted).toEqual({
      records: [
        {
          id: 1517,
          createdAt: "2020-07-21T01:01:42Z",
          // created 01:01:42 + reply_time_in_seconds 960 s (16 min) = 01:17:42
          firstResponseAt: "2020-07-21T01:17:42.000Z",
          // reopens 0: the first solve is solved_at
          firstResolvedAt: "2020-07-20T06:21:26Z",
          lastResolvedAt: "2020-07-20T06:21:26Z",
          reopenCount: 0,
          agentReplyCount: 1,
        },
        {
          id: 1511,
          createdAt: "2020-07-20T06:21:27Z",
          // replies 0: never answered, whatever reply_time says
          firstResponseAt: null,
          firstResolvedAt: "2020-07-20T06:21:26Z",
          lastResolvedAt: "2020-07-20T06:21:26Z",
          reopenCount: 0,
          agentReplyCount: 0,
        },
      ],
      sources: [0, 1],
      skipped: [],
    });
  });

  test("validation rejects both rows of the synthetic example: solved before created", () => {
    const { records, rejected } = validateAdaptedTickets(
      zendeskTicketsFromMetrics(fixture("zendesk-ticket-metrics.json")),
    );
    expect(records).toEqual([]);
    expect(rejected.map((r) => [r.sourceIndex, r.path, r.message])).toEqual([
      // 2020-07-20T06:21:26Z is 18 h 40 min before 2020-07-21T01:01:42Z
      [0, ["firstResolvedAt"], "must not be before createdAt"],
      // and 1 s before 2020-07-20T06:21:27Z
      [1, ["firstResolvedAt"], "must not be before createdAt"],
    ]);
  });

  test("maps the single metric example, and its first response time is 143 460 s", () => {
    const adapted = zendeskTicketsFromMetrics(fixture("zendesk-ticket-metric-single.json"));
    expect(adapted.records).toEqual([
      {
        id: 4343,
        createdAt: "2009-07-20T22:55:29Z",
        // 143 460 s = 39 h 51 min after 2009-07-20T22:55:29Z
        firstResponseAt: "2009-07-22T14:46:29.000Z",
        // reopened 55 times: the first solve is creation + 2391 min (= 143 460 s)
        firstResolvedAt: "2009-07-22T14:46:29.000Z",
        lastResolvedAt: "2011-05-09T10:38:52Z",
        reopenCount: 55,
        agentReplyCount: 322,
      },
    ]);
    const { records } = validateAdaptedTickets(adapted);
    expect(firstResponseTime(records).value).toBe(143_460);
    // full resolution from solved_at: 2009-07-20T22:55:29Z → 2011-05-09T10:38:52Z
    const full = (Date.parse("2011-05-09T10:38:52Z") - Date.parse("2009-07-20T22:55:29Z")) / 1000;
    expect(resolutionTime(records, { resolution: "full" }).value).toBe(full);
  });
});

describe("zendeskMetricEvents", () => {
  test("the documentation example holds no event that becomes a ticket field", () => {
    const adapted = zendeskMetricEvents(fixture("zendesk-ticket-metric-events.json"));
    expect(adapted.records).toEqual([
      {
        ticketId: "155",
        firstResponseAt: null,
        firstResolvedAt: null,
        lastResolvedAt: null,
        reopenCount: 0,
        slaPolicy: null,
        breaches: [],
        eventIndexes: [],
      },
    ]);
    expect(adapted.skipped.map((s) => [s.index, s.id, s.reason, s.message])).toEqual([
      [
        0,
        "926232157301",
        "notReconstructed",
        "measure event of agent_work_time does not become a ticket field",
      ],
      [
        1,
        "926232757371",
        "notReconstructed",
        "activate event of agent_work_time does not become a ticket field",
      ],
      [
        2,
        "926232927415",
        "notReconstructed",
        "measure event of pausable_update_time does not become a ticket field",
      ],
    ]);
  });

  test("reconstructs the first reply, the applied policy and a breach", () => {
    const rich = fixture("zendesk-rich.json");
    const { records } = zendeskMetricEvents(rich.ticket_metric_events);
    expect(records[0]).toEqual({
      ticketId: "103",
      firstResponseAt: "2024-03-04T11:05:00Z",
      firstResolvedAt: null,
      lastResolvedAt: null,
      reopenCount: 0,
      slaPolicy: { id: 36, title: "Incidents" },
      breaches: [{ metric: "reply_time", instanceId: 2, at: "2024-03-04T12:00:00Z" }],
      eventIndexes: [1, 2, 4],
    });
  });

  test("counts solves and reopens from requester_wait_time, in time order whatever the input order", () => {
    const event = (id: number, type: string, time: string) => ({
      id,
      ticket_id: 1,
      metric: "requester_wait_time",
      instance_id: 1,
      type,
      time,
    });
    const { records, skipped } = zendeskMetricEvents([
      event(4, "fulfill", "2024-03-03T09:00:00Z"),
      event(1, "activate", "2024-03-01T09:00:00Z"),
      event(2, "fulfill", "2024-03-01T12:00:00Z"),
      event(3, "activate", "2024-03-02T09:00:00Z"),
      event(5, "pause", "2024-03-01T10:00:00Z"),
    ]);
    expect(records[0]).toMatchObject({
      firstResolvedAt: "2024-03-01T12:00:00Z",
      lastResolvedAt: "2024-03-03T09:00:00Z",
      // activate at creation does not count; the one after the first solve does
      reopenCount: 1,
    });
    expect(skipped.map((s) => s.id)).toEqual(["5"]);
  });
});

describe("zendeskTickets joins tickets, metrics and metric events", () => {
  const rich = fixture("zendesk-rich.json");
  const adapted = zendeskTickets(rich, {
    metrics: rich.ticket_metrics,
    metricEvents: rich.ticket_metric_events,
  });

  test("maps every ticket exactly", () => {
    expect(adapted.records).toEqual([
      {
        id: 101,
        createdAt: "2024-03-04T09:00:00Z",
        channel: "email",
        priority: "high",
        status: "solved",
        assigneeId: 501,
        groupId: 60,
        customerId: 9001,
        firstResponseAt: "2024-03-04T09:30:00.000Z", // + 1800 s
        firstResolvedAt: "2024-03-04T13:00:00Z", // reopens 0: solved_at
        lastResolvedAt: "2024-03-04T13:00:00Z",
        reopenCount: 0,
        agentReplyCount: 2,
        tags: ["billing"],
        category: "question",
      },
      {
        id: 102,
        createdAt: "2024-03-04T10:00:00Z",
        channel: "web",
        priority: "normal",
        status: "solved",
        assigneeId: 502,
        groupId: 60,
        customerId: 9002,
        firstResponseAt: "2024-03-04T11:30:00.000Z", // + 90 min, no seconds field
        firstResolvedAt: "2024-03-04T12:00:00.000Z", // reopened: + 120 min
        lastResolvedAt: "2024-03-05T10:00:00Z",
        reopenCount: 1,
        agentReplyCount: 3,
        tags: [],
        category: "incident",
      },
      {
        id: 103,
        createdAt: "2024-03-04T11:00:00Z",
        channel: "chat",
        priority: "urgent",
        status: "onHold",
        assigneeId: 501,
        groupId: 61,
        customerId: 9003,
        firstResponseAt: "2024-03-04T11:05:00Z", // no metric: from the metric events
        firstResolvedAt: null,
        lastResolvedAt: null,
        reopenCount: 0,
        agentReplyCount: null,
        tags: ["vip", "outage"],
        category: "incident",
      },
      {
        id: 105,
        createdAt: "2024-03-04T12:00:00Z",
        channel: "api",
        priority: null,
        status: "new",
        assigneeId: null,
        groupId: null,
        customerId: 9004,
        firstResponseAt: null,
        firstResolvedAt: null,
        lastResolvedAt: null,
        reopenCount: 0,
        agentReplyCount: 0,
        tags: [],
        category: null,
      },
    ]);
    expect(adapted.sources).toEqual([0, 1, 2, 4]);
  });

  test("reports every vendor record it did not use, with the reason", () => {
    expect(adapted.skipped.map((s) => [s.source, s.index, s.reason])).toEqual([
      ["tickets", 3, "deleted"],
      ["ticket_metrics", 2, "ticketSkipped"], // the metric of the deleted ticket 104
      ["ticket_metrics", 4, "noTicket"], // a metric for ticket 999, not in the export
      ["ticket_metric_events", 0, "notReconstructed"], // reply_time activate
      ["ticket_metric_events", 3, "notReconstructed"], // agent_work_time pause
      ["ticket_metric_events", 5, "noTicket"], // an event of ticket 777
    ]);
    // 5 tickets = 4 records + 1 skipped; 5 metrics = 3 joined + 2 skipped.
    expect(
      adapted.records.length + adapted.skipped.filter((s) => s.source === "tickets").length,
    ).toBe(5);
  });

  test("the validated tickets give the hand-computed metrics", () => {
    const { records, rejected } = validateAdaptedTickets(adapted);
    expect(rejected).toEqual([]);
    // answered: 101 after 1800 s, 102 after 5400 s, 103 after 300 s; 105 never
    // mean = (1800 + 5400 + 300) / 3 = 7500 / 3 = 2500 s
    const frt = firstResponseTime(records);
    expect([frt.value, frt.n, frt.excluded.unanswered]).toEqual([2500, 3, 1]);
    // first resolution: 101 4 h = 14 400 s, 102 2 h = 7200 s → (14 400 + 7200) / 2 = 10 800
    expect(resolutionTime(records).value).toBe(10_800);
    // full: 101 14 400 s, 102 24 h = 86 400 s → (14 400 + 86 400) / 2 = 50 400
    expect(resolutionTime(records, { resolution: "full" }).value).toBe(50_400);
    // resolved 101 and 102; 102 reopened once: 1 / 2 = 50 %
    expect(reopenRate(records).value).toBe(50);
  });

  test("rejects what is not a Zendesk response", () => {
    expect(() => zendeskTickets(5)).toThrow(
      new TypeError(
        "zendeskTickets: input must be an array of records or a response { tickets: [...] }, got 5",
      ),
    );
    expect(
      zendeskTickets({ ticket: { id: 1, created_at: "2024-03-01T09:00:00Z" } }).records,
    ).toHaveLength(1);
    expect(zendeskTickets([null, 3]).skipped.map((s) => s.reason)).toEqual([
      "notAnObject",
      "notAnObject",
    ]);
  });

  test("a first reply is unknown without a metric, none with replies 0, a time with a reply (issue 11)", () => {
    const at = "2024-03-01T09:00:00Z";
    const tickets = [1, 2, 3].map((id) => ({ id, created_at: at, status: "open" }));
    const adapted = zendeskTickets(tickets, {
      metrics: [
        { id: 8, ticket_id: 2, replies: 0 },
        { id: 9, ticket_id: 3, replies: 1, reply_time_in_minutes: { calendar: 5 } },
      ],
    });
    // ticket 1 has no metric: not given (left out), so FRT cannot call it unanswered
    expect(adapted.records.map((r) => r.firstResponseAt)).toEqual([
      undefined,
      null,
      "2024-03-01T09:05:00.000Z",
    ]);
    const frt = firstResponseTime(validateAdaptedTickets(adapted).records);
    // one answered in 300 s; one never answered; one unknown
    expect([frt.value, frt.excluded.unanswered, frt.excluded.unknownFirstResponse]).toEqual([
      300, 1, 1,
    ]);
  });

  test("a repeated ticket or metric is used once and reported", () => {
    const ticket = { id: 1, created_at: "2024-03-01T09:00:00Z", status: "open" };
    const metric = { id: 9, ticket_id: 1, replies: 1, reply_time_in_minutes: { calendar: 5 } };
    const { records, skipped } = zendeskTickets([ticket, ticket], {
      metrics: [metric, { ...metric, reply_time_in_minutes: { calendar: 50 } }],
    });
    expect(records.map((r) => r.firstResponseAt)).toEqual(["2024-03-01T09:05:00.000Z"]);
    expect(skipped.map((s) => [s.source, s.index, s.reason])).toEqual([
      ["ticket_metrics", 1, "duplicate"],
      ["tickets", 1, "duplicate"],
    ]);
  });
});

describe("zendeskSatisfactionRatings", () => {
  test("maps the documentation example exactly, and its CSAT is 100 %", () => {
    const adapted = zendeskSatisfactionRatings(fixture("zendesk-satisfaction-ratings.json"));
    expect(adapted.records).toEqual([
      {
        id: 35436,
        kind: "csat",
        score: 1,
        scale: { min: 0, max: 1 },
        sentAt: "2011-07-20T22:55:29Z",
        respondedAt: "2011-07-20T22:55:29Z",
        ticketId: 208,
        customerId: 7881,
        agentId: 135,
      },
      {
        id: 120447,
        kind: "csat",
        score: 1,
        scale: { min: 0, max: 1 },
        sentAt: "2012-02-01T04:31:29Z",
        respondedAt: "2012-02-02T10:32:59Z", // updated_at: the rating's latest change
        ticketId: 209,
        customerId: 7881,
        agentId: 136,
      },
    ]);
    const { records } = validateAdaptedSurveys(adapted);
    // good / (good + bad) = 2 / 2
    expect(csat(records).value).toBe(100);
  });

  test("offered is sent and unanswered, unoffered is skipped; CSAT and response rate", () => {
    const adapted = zendeskSatisfactionRatings(fixture("zendesk-rich.json"));
    expect(adapted.records.map((r) => [r.id, r.score, r.respondedAt])).toEqual([
      [201, 1, "2024-03-04T14:05:00Z"],
      [202, 0, "2024-03-05T11:00:00Z"],
      [203, 1, "2024-03-04T15:00:00Z"],
      [204, null, null],
    ]);
    expect(adapted.skipped.map((s) => [s.index, s.reason])).toEqual([[4, "unoffered"]]);
    const { records, rejected } = validateAdaptedSurveys(adapted);
    expect(rejected).toEqual([]);
    // good 2, bad 1: 2 / 3 = 66.67 %; the offered survey is unanswered, not bad
    const score = csat(records);
    expect(score.value).toBeCloseTo(66.67, 2);
    expect(score.excluded.unanswered).toBe(1);
    // 3 answered of 4 sent = 75 %
    expect(surveyResponseRate(records).value).toBe(75);
  });

  test("an unknown score is skipped with its value", () => {
    const { skipped } = zendeskSatisfactionRatings([{ id: 1, score: "great" }]);
    expect(skipped[0]?.message).toBe('score must be good, bad, offered or unoffered, got "great"');
  });
});

describe("SLA policies", () => {
  test("policiesFromZendesk reads the vendor sample", () => {
    const { policies, unsupported } = policiesFromZendesk(fixture("zendesk-sla-policies.json"));
    expect(policies.map((p) => p.name)).toEqual(["Incidents"]);
    expect(unsupported.map((u) => u.text)).toEqual(['type is "incident"', 'via_id is "4"']);
  });
});

describe("hostile input", () => {
  test("__proto__ and constructor keys and values pollute nothing and are not read", () => {
    const tickets = JSON.parse(`[
      { "__proto__": { "polluted": true, "status": "open" }, "id": "__proto__",
        "created_at": "2024-03-01T09:00:00Z", "status": "constructor",
        "via": { "__proto__": { "channel": "evil" } }, "tags": ["__proto__"] },
      { "id": "constructor", "created_at": "2024-03-01T09:00:00Z", "status": "toString" }
    ]`);
    const metrics = JSON.parse(`[
      { "ticket_id": "__proto__", "replies": 1, "reply_time_in_minutes": { "calendar": 10 },
        "__proto__": { "solved_at": "2024-03-01T10:00:00Z" } }
    ]`);
    const { records, skipped } = zendeskTickets(tickets, { metrics });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(records[0])).toBe(Object.prototype);
    expect(skipped).toEqual([]);
    expect(records[0]).toMatchObject({
      id: "__proto__",
      status: "constructor", // passed on, not looked up in Object.prototype
      channel: null, // the inherited-looking channel is not read
      firstResponseAt: "2024-03-01T09:10:00.000Z", // the metric joined by its "__proto__" id
      lastResolvedAt: null,
      tags: ["__proto__"],
    });
    const { rejected } = validateAdaptedTickets({ records, sources: [0, 1], skipped });
    expect(rejected.map((r) => [r.sourceIndex, r.path])).toEqual([
      [0, ["status"]],
      [1, ["status"]],
    ]);
  });
});
