import { describe, expect, test } from "vitest";
import { queueContactSchema } from "./queueContact.ts";
import { validateQueueContacts } from "./validate.ts";

const OFFERED = "2024-03-04T09:00:00Z";
const AFTER_12S = "2024-03-04T09:00:12Z";

/** The [index, path, message] of each issue of each rejected record. */
function issuesOf(input: unknown[]) {
  return validateQueueContacts(input).rejected.flatMap((rejection) =>
    rejection.issues.map((issue) => [rejection.index, issue.path, issue.message]),
  );
}

describe("queueContactSchema", () => {
  test("fills every field: unknown fields are null, a missing hold column undefined", () => {
    expect(
      queueContactSchema().parse({ id: 7, offeredAt: OFFERED, answeredAt: AFTER_12S }),
    ).toEqual({
      id: "7",
      queue: null,
      channel: null,
      offeredAt: new Date(OFFERED),
      answeredAt: new Date(AFTER_12S),
      abandonedAt: null,
      talkSeconds: null,
      holdSeconds: undefined,
      wrapSeconds: null,
      agentId: null,
    });
  });

  test("hold time: a number, null (unknown) and absent (counted in talk) stay apart", () => {
    const base = { id: "c", offeredAt: OFFERED };
    const { records } = validateQueueContacts([
      { ...base, holdSeconds: 30 },
      { ...base, holdSeconds: null },
      base,
    ]);
    expect(records.map((r) => r.holdSeconds)).toEqual([30, null, undefined]);
  });

  test("a contact still queued at export (no end) is valid, its outcome unknown", () => {
    const { records, rejected } = validateQueueContacts([{ id: "q", offeredAt: OFFERED }]);
    expect([records.length, rejected.length]).toEqual([1, 0]);
    expect(records[0]).toMatchObject({ answeredAt: null, abandonedAt: null });
  });

  test("an end before the offer and both ends at once are refused, by index and field", () => {
    expect(
      issuesOf([
        { id: "ok", offeredAt: OFFERED, abandonedAt: AFTER_12S },
        { id: "early", offeredAt: AFTER_12S, answeredAt: OFFERED },
        { id: "both", offeredAt: OFFERED, answeredAt: AFTER_12S, abandonedAt: AFTER_12S },
        { id: "gaveUpEarly", offeredAt: AFTER_12S, abandonedAt: OFFERED },
      ]),
    ).toEqual([
      [1, ["answeredAt"], "must not be before offeredAt"],
      [2, ["abandonedAt"], "must be empty when answeredAt is set"],
      [3, ["abandonedAt"], "must not be before offeredAt"],
    ]);
  });

  test("negative or non-numeric seconds and a missing offer are refused with their field", () => {
    const issues = issuesOf([
      { id: "a", offeredAt: OFFERED, talkSeconds: -1 },
      { id: "b", offeredAt: OFFERED, wrapSeconds: "ten" },
      { id: "c" },
      { offeredAt: OFFERED },
    ]);
    expect(issues.map(([index, path]) => [index, path])).toEqual([
      [0, ["talkSeconds"]],
      [1, ["wrapSeconds"]],
      [2, ["offeredAt"]],
      [3, ["id"]],
    ]);
    expect(issues[0]?.[2]).toBe("must be at least 0");
  });

  test("zone-less timestamps are read in the zone given", () => {
    const contact = queueContactSchema({ timeZone: "Europe/Paris" }).parse({
      id: 1,
      offeredAt: "2024-03-04T09:00:00",
    });
    // Paris is UTC+1 in March before the change: 09:00 local is 08:00Z.
    expect(contact.offeredAt.toISOString()).toBe("2024-03-04T08:00:00.000Z");
  });
});
