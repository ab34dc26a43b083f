import { describe, expect, test } from "vitest";
import { ticket } from "../../test/fixtures.ts";
import { policyFor, targetsFor } from "../sla/policyFor.ts";
import { policiesFromZendesk } from "./zendeskPolicies.ts";

/**
 * Zendesk's "List SLA Policies" 200 example, copied verbatim from the API reference
 * (developer.zendesk.com/api-reference/ticketing/business-rules/sla_policies/; also in the
 * shared vendor samples as zendesk-sla-policies.json).
 */
const ZENDESK_LIST_EXAMPLE = `{  "count": 1,  "next_page": null,  "previous_page": null,  "sla_policies": [    {      "description": "For urgent incidents, we will respond to tickets in 10 minutes",      "filter": {        "all": [          {            "field": "type",            "operator": "is",            "value": "incident"          },          {            "field": "via_id",            "operator": "is",            "value": "4"          }        ],        "any": []      },      "id": 36,      "policy_metrics": [        {          "business_hours": false,          "metric": "first_reply_time",          "priority": "low",          "target": 60        }      ],      "position": 3,      "title": "Incidents",      "url": "https://{subdomain}.zendesk.com/api/v2/slas/policies/36"    }  ]}`;

describe("policiesFromZendesk", () => {
  test("converts the API reference example, reporting the conditions it cannot evaluate", () => {
    const { policies, unsupported } = policiesFromZendesk(JSON.parse(ZENDESK_LIST_EXAMPLE));
    expect(policies).toHaveLength(1);
    const [incidents] = policies;
    // target 60 minutes → 3600 s, calendar time, for priority "low"
    expect(incidents).toMatchObject({
      name: "Incidents",
      id: 36,
      description: "For urgent incidents, we will respond to tickets in 10 minutes",
      priority: null,
      channel: null,
      groupId: null,
      targets: null,
      targetsByPriority: { low: { firstReply: { seconds: 3600, businessHours: false } } },
    });
    // "type" and "via_id" are not fields of our tickets: listed, never dropped
    expect(unsupported).toEqual([
      {
        policy: "Incidents",
        id: 36,
        item: "condition",
        text: 'type is "incident"',
        reason: 'the field "type" is not on our tickets; read it with the fields option',
      },
      {
        policy: "Incidents",
        id: 36,
        item: "condition",
        text: 'via_id is "4"',
        reason: 'the field "via_id" is not on our tickets; read it with the fields option',
      },
    ]);
    // Matching a ticket against this policy cannot guess: it throws
    expect(() => policyFor(ticket({ priority: "low" }), policies)).toThrow(
      new TypeError(
        'slaPolicy: policy "Incidents" has Zendesk conditions that cannot be evaluated (type is "incident", via_id is "4"); read their fields with the fields option of policiesFromZendesk',
      ),
    );
  });

  test("evaluates the example's filter once its fields are read", () => {
    const { policies, unsupported } = policiesFromZendesk(JSON.parse(ZENDESK_LIST_EXAMPLE), {
      fields: {
        type: (t) => t.category,
        via_id: (t) => (t.channel === "email" ? 4 : t.channel === "web" ? 0 : null),
      },
    });
    expect(unsupported).toEqual([]);
    // via_id "4" (a string in the JSON) equals 4 (a number from the reader)
    const emailIncident = ticket({ category: "incident", channel: "email", priority: "low" });
    const webIncident = ticket({ category: "incident", channel: "web", priority: "low" });
    const emailQuestion = ticket({ category: "question", channel: "email", priority: "low" });
    expect(policyFor(emailIncident, policies)?.name).toBe("Incidents");
    expect(policyFor(webIncident, policies)).toBeNull();
    expect(policyFor(emailQuestion, policies)).toBeNull();
    // The policy sets a target only for "low"
    const incidents = policies[0] as (typeof policies)[number];
    expect(targetsFor(incidents, emailIncident)).toEqual({
      firstReply: { seconds: 3600, businessHours: false },
    });
    expect(targetsFor(incidents, ticket({ priority: "urgent" }))).toBeNull();
  });

  const response = {
    sla_policies: [
      {
        id: 2,
        title: "Enterprise",
        position: 2,
        filter: {
          all: [{ field: "current_tags", operator: "includes", value: "enterprise vip" }],
          any: [
            { field: "priority", operator: "greater_than", value: "normal" },
            { field: "group_id", operator: "is", value: 360 },
          ],
        },
        policy_metrics: [
          { priority: "urgent", metric: "first_reply_time", target: 15, business_hours: false },
          { priority: "urgent", metric: "next_reply_time", target: 30, business_hours: true },
          { priority: "urgent", metric: "periodic_update_time", target: 120, business_hours: true },
          {
            priority: "urgent",
            metric: "total_resolution_time",
            target: 480,
            target_in_seconds: 28_830,
            business_hours: true,
          },
          { priority: "normal", metric: "first_reply_time", target: 60, business_hours: true },
          { priority: "normal", metric: "agent_work_time", target: 600, business_hours: true },
          { priority: "normal", metric: "pausable_update_time", target: 600, business_hours: true },
        ],
      },
      {
        id: 1,
        title: "Everyone",
        position: 1,
        filter: { all: [{ field: "status", operator: "is_not", value: "hold" }], any: [] },
        policy_metrics: [
          { priority: "low", metric: "full_resolution_time", target: 2880, business_hours: false },
        ],
      },
      { id: 3, title: "Unfiltered", position: 3, filter: { all: [], any: [] }, policy_metrics: [] },
    ],
  };

  test("orders by position and maps every metric it can, per priority", () => {
    const { policies, unsupported } = policiesFromZendesk(response);
    expect(policies.map((p) => p.name)).toEqual(["Everyone", "Enterprise", "Unfiltered"]);
    const enterprise = policies[1] as (typeof policies)[number];
    // minutes × 60; target_in_seconds wins when given (28830, not 480 × 60 = 28800)
    expect(enterprise.targetsByPriority).toEqual({
      urgent: {
        firstReply: { seconds: 900, businessHours: false },
        nextReply: { seconds: 1800, businessHours: true },
        periodicUpdate: { seconds: 7200, businessHours: true },
        resolution: { seconds: 28_830, businessHours: true },
      },
      normal: { firstReply: { seconds: 3600, businessHours: true } },
    });
    // full_resolution_time → resolution: 2880 × 60 = 172800 s
    expect(policies[0]?.targetsByPriority).toEqual({
      low: { resolution: { seconds: 172_800, businessHours: false } },
    });
    expect(unsupported.map((u) => [u.policy, u.item, u.text, u.reason])).toEqual([
      [
        "Enterprise",
        "metric",
        "agent_work_time for normal",
        "targets that pause by status are not supported",
      ],
      [
        "Enterprise",
        "metric",
        "pausable_update_time for normal",
        "targets that pause by status are not supported",
      ],
    ]);
    // A policy without conditions matches every ticket
    expect(policies[2]?.matches).toBeNull();
  });

  test("evaluates all / any, tags, priority order, group ids and statuses", () => {
    const { policies } = policiesFromZendesk(response);
    const [everyone, enterprise] = policies as [
      (typeof policies)[number],
      (typeof policies)[number],
    ];
    // all: a tag among "enterprise vip"; any: priority above normal, or group 360
    expect(enterprise.matches?.(ticket({ tags: ["vip"], priority: "urgent" }))).toBe(true);
    expect(
      enterprise.matches?.(ticket({ tags: ["enterprise"], priority: "normal", groupId: "360" })),
    ).toBe(true);
    expect(enterprise.matches?.(ticket({ tags: ["enterprise"], priority: "normal" }))).toBe(false);
    expect(enterprise.matches?.(ticket({ tags: [], priority: "urgent" }))).toBe(false);
    expect(enterprise.matches?.(ticket({ tags: ["vip"], priority: null }))).toBe(false);
    // status is_not hold: our onHold is Zendesk's hold
    const onHold = ticket({ statusChanges: [{ at: "2024-03-01T09:00:00Z", status: "onHold" }] });
    expect(everyone.matches?.(onHold)).toBe(false);
    expect(everyone.matches?.(ticket())).toBe(true);
  });

  test("lists operators it does not know, and accepts a single policy or a bare array", () => {
    const single = {
      sla_policy: {
        id: 9,
        title: "Odd",
        filter: { all: [{ field: "priority", operator: "matches_regex", value: "u.*" }], any: [] },
        policy_metrics: [],
      },
    };
    const { policies, unsupported } = policiesFromZendesk(single);
    expect(policies.map((p) => p.name)).toEqual(["Odd"]);
    expect(unsupported).toEqual([
      {
        policy: "Odd",
        id: 9,
        item: "condition",
        text: 'priority matches regex "u.*"',
        reason: 'the operator "matches_regex" is not supported',
      },
    ]);
    expect(policiesFromZendesk([single.sla_policy]).policies).toHaveLength(1);
  });

  test("rejects what is not Zendesk's shape", () => {
    expect(() => policiesFromZendesk(5)).toThrow(
      new TypeError(
        "policiesFromZendesk: response must be a Zendesk SLA policies response ({ sla_policies: [...] }), got 5",
      ),
    );
    expect(() => policiesFromZendesk({ sla_policies: [{ title: 3 }] })).toThrow(
      new TypeError("policiesFromZendesk: sla_policies[0].title must be a string, got 3"),
    );
    // A value of the right kind out of range is a RangeError; a bare array names by index
    expect(() => policiesFromZendesk({ sla_policies: [{ title: "" }] })).toThrow(
      new RangeError(
        'policiesFromZendesk: sla_policies[0].title must be a non-empty string, got ""',
      ),
    );
    expect(() => policiesFromZendesk([{ title: "A" }, null])).toThrow(
      new TypeError("policiesFromZendesk: [1] must be an object, got null"),
    );
    expect(() => policiesFromZendesk({})).toThrow(
      new TypeError(
        "policiesFromZendesk: sla_policies must be an array of policies, got undefined",
      ),
    );
    const repeated = {
      sla_policies: [
        {
          title: "Twice",
          policy_metrics: [
            { priority: "low", metric: "first_reply_time", target: 5, business_hours: false },
            { priority: "low", metric: "first_reply_time", target: 9, business_hours: false },
          ],
        },
      ],
    };
    expect(() => policiesFromZendesk(repeated)).toThrow(
      new TypeError(
        'policiesFromZendesk: sla_policies[0].policy_metrics[1] must not repeat a target, got first_reply_time twice for priority "low"',
      ),
    );
    // A wrong value from plain JavaScript
    const fields = { type: "category" } as never;
    expect(() => policiesFromZendesk({ sla_policies: [] }, { fields })).toThrow(
      new TypeError(
        'policiesFromZendesk: fields.type must be a function (ticket) => value, got "category"',
      ),
    );
  });
});
