import { describe, expect, test } from "vitest";
import { ticket } from "../../test/fixtures.ts";
import { slaPolicies, slaPolicy } from "./policy.ts";
import { policyFor, targetsFor } from "./policyFor.ts";

const calendar = (minutes: number) => ({ minutes, businessHours: false });

describe("policyFor", () => {
  const policies = slaPolicies([
    {
      name: "Urgent email",
      priority: "urgent",
      channel: "email",
      targets: { firstReply: calendar(30) },
    },
    { name: "Urgent", priority: ["urgent", "high"], targets: { firstReply: calendar(60) } },
    { name: "Tier 2", groupId: "g2", targets: { firstReply: calendar(120) } },
    {
      name: "VIP",
      matches: (t) => t.tags?.includes("vip") === true,
      targets: { firstReply: calendar(15) },
    },
  ]);

  test("the first policy whose conditions all hold wins, in order", () => {
    const urgentEmail = ticket({ priority: "urgent", channel: "email" });
    expect(policyFor(urgentEmail, policies)?.name).toBe("Urgent email");
  });

  test("a ticket matches the second policy when the first one's channel differs", () => {
    const urgentChat = ticket({ priority: "urgent", channel: "chat" });
    expect(policyFor(urgentChat, policies)?.name).toBe("Urgent");
    // "high" is in the second policy's list too
    expect(policyFor(ticket({ priority: "high", channel: "email" }), policies)?.name).toBe(
      "Urgent",
    );
  });

  test("conditions on group and by predicate", () => {
    expect(policyFor(ticket({ groupId: "g2", priority: "low" }), policies)?.name).toBe("Tier 2");
    expect(policyFor(ticket({ tags: ["vip"] }), policies)?.name).toBe("VIP");
  });

  test("a ticket without the field meets no condition on it; no match gives null", () => {
    expect(policyFor(ticket({ priority: null, channel: "email" }), policies)).toBeNull();
    expect(policyFor(ticket(), [])).toBeNull();
  });

  test("conditions compare exactly", () => {
    expect(policyFor(ticket({ priority: "Urgent" }), policies)).toBeNull();
  });

  test("accepts policy inputs, checking them", () => {
    expect(policyFor(ticket({ channel: "chat" }), [{ name: "Chat", channel: "chat" }])?.name).toBe(
      "Chat",
    );
  });
});

describe("targetsFor", () => {
  const policy = slaPolicy({
    name: "Mixed",
    targets: { firstReply: calendar(240) },
    targetsByPriority: { urgent: { firstReply: calendar(10) } },
  });

  test("uses the ticket's priority, else the policy's default targets", () => {
    expect(targetsFor(policy, ticket({ priority: "urgent" }))).toEqual({
      firstReply: { seconds: 600, businessHours: false },
    });
    expect(targetsFor(policy, ticket({ priority: "low" }))).toEqual({
      firstReply: { seconds: 14_400, businessHours: false },
    });
    expect(targetsFor(policy, ticket({ priority: null }))).toEqual({
      firstReply: { seconds: 14_400, businessHours: false },
    });
  });

  test("is null when neither applies, and never reads inherited keys", () => {
    const byPriority = slaPolicy({
      name: "P",
      targetsByPriority: { high: { firstReply: calendar(5) } },
    });
    expect(targetsFor(byPriority, ticket({ priority: "low" }))).toBeNull();
    expect(targetsFor(byPriority, ticket({ priority: "constructor" }))).toBeNull();
  });
});
