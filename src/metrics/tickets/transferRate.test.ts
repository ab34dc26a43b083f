import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { transferRate, transferRateReducer } from "./transferRate.ts";

const NONE = { unknownAssignments: 0, unknownReplies: 0, unknownReplier: 0, neverAssigned: 0 };

/** A ticket assigned to `ids` in turn, an hour apart (null: unassigned). */
const passed = (ids: (string | null)[] | null, createdAt = "2024-03-01T09:00:00Z") =>
  ticket({
    createdAt,
    assignments:
      ids === null
        ? null
        : ids.map((assigneeId, i) => ({
            at: new Date(Date.parse(createdAt) + (i + 1) * 3_600_000),
            assigneeId,
          })),
  });

describe("transferRate", () => {
  test("tickets passed to a second agent over tickets that had an agent", () => {
    // a; a→b; a→b→a; b→unassigned; c→c: 2 of 5 held by two agents → 40 %
    const tickets = [
      passed(["a"]),
      passed(["a", "b"]),
      passed(["a", "b", "a"]),
      passed(["b", null]),
      passed(["c", "c"]),
    ];
    expect(transferRate(tickets)).toEqual({
      value: 40,
      numerator: 2,
      denominator: 5,
      excluded: NONE,
    });
  });

  test("unknown history is left out by name, and so is a ticket no agent held", () => {
    // 1 of 2 known → 50 %; one without history, one never assigned
    expect(transferRate([passed(["a", "b"]), passed(["a"]), passed(null), passed([])])).toEqual({
      value: 50,
      numerator: 1,
      denominator: 2,
      excluded: { ...NONE, unknownAssignments: 1, neverAssigned: 1 },
    });
    expect(transferRate([ticket()]).value).toBeNull();
  });

  test("from replies counts the replying agents", () => {
    const t = (...authors: string[]) =>
      ticket({
        messages: authors.map((authorId, i) => ({
          at: `2024-03-01T1${i}:00:00Z`,
          authorRole: "agent" as const,
          authorId,
        })),
      });
    // repliers {a}, {a, b}, {b}: 1 of 3 → 33.33 %
    expect(transferRate([t("a", "a"), t("a", "b"), t("b")], { from: "replies" }).value).toBeCloseTo(
      100 / 3,
      12,
    );
  });

  test("periods add up: each ticket counts where it was created", () => {
    const tickets = [
      passed(["a", "b"], "2024-03-01T09:00:00Z"),
      passed(["a"], "2024-03-01T10:00:00Z"),
      passed(["a", "b"], "2024-03-02T09:00:00Z"),
    ];
    const days = rollup(tickets, {
      by: { period: "day" },
      metrics: { transfers: transferRateReducer() },
    });
    // 1 March: 1 of 2 → 50; 2 March: 1 of 1 → 100
    expect(days.map((row) => [row.transfers.numerator, row.transfers.denominator])).toEqual([
      [1, 2],
      [1, 1],
    ]);
  });

  test("an unchecked record's creation instant is refused by name", () => {
    const record = { ...passed(["a", "b"]), createdAt: "2024-03-01" };
    expect(() => transferRate([record] as never)).toThrow(
      new TypeError(
        'transferRate: record 0 field "createdAt" must be a valid Date, got "2024-03-01"',
      ),
    );
  });
});
