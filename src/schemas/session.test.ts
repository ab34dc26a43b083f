import { describe, expect, test } from "vitest";
import { sessionSchema } from "./session.ts";

describe("sessionSchema", () => {
  test("fills every field; the customer may be anonymous", () => {
    expect(
      sessionSchema().parse({
        id: 7,
        startedAt: "2024-03-01T09:00:00Z",
        kind: "botFlow",
        handedOff: true,
      }),
    ).toEqual({
      id: "7",
      startedAt: new Date("2024-03-01T09:00:00Z"),
      kind: "botFlow",
      customerId: null,
      topic: null,
      handedOff: true,
      source: null,
    });
  });

  test("rejects an unknown kind and a missing start", () => {
    expect(
      sessionSchema().safeParse({ id: 1, startedAt: "2024-03-01T09:00:00Z", kind: "call" }).success,
    ).toBe(false);
    expect(sessionSchema().safeParse({ id: 1, kind: "search" }).success).toBe(false);
  });
});
