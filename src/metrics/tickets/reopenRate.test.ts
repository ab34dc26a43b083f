import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { reopenRate, reopenRateReducer } from "./reopenRate.ts";

const solved = "2024-03-02T00:00:00Z";

describe("reopenRate", () => {
  const tickets = [
    ticket({ firstResolvedAt: solved, reopenCount: 0 }),
    ticket({ firstResolvedAt: solved, reopenCount: 3 }),
    ticket({ firstResolvedAt: solved }),
    // reopened and still open: resolved once, so in the denominator
    ticket({ status: "open", firstResolvedAt: solved, lastResolvedAt: solved, reopenCount: 1 }),
    ticket({ status: "open" }),
  ];

  test("is the share of resolved tickets reopened at least once", () => {
    // resolved 4, reopened 2 (3 reopens count once) → 2 / 4 = 50 %; 1 unresolved
    expect(reopenRate(tickets)).toEqual({
      value: 50,
      numerator: 2,
      denominator: 4,
      excluded: { unresolved: 1, unknownReopens: 0 },
    });
  });

  test("derives reopens from status history", () => {
    const history = ticket({
      statusChanges: [
        { at: "2024-03-01T10:00:00Z", status: "solved" },
        { at: "2024-03-01T11:00:00Z", status: "open" },
        { at: "2024-03-01T12:00:00Z", status: "closed" },
      ],
    });
    expect(reopenRate([history])).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
  });

  test("has no value with no resolved ticket", () => {
    expect(reopenRate([]).value).toBeNull();
    expect(reopenRate([ticket()])).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      excluded: { unresolved: 1, unknownReopens: 0 },
    });
  });

  test("a single resolved ticket is 0 or 100", () => {
    expect(reopenRate([ticket({ firstResolvedAt: solved })]).value).toBe(0);
    expect(reopenRate([ticket({ firstResolvedAt: solved, reopenCount: 1 })]).value).toBe(100);
  });

  test("is placed by the first resolution, even when the reopen comes later", () => {
    const rows = rollup(
      [
        ticket({
          createdAt: "2024-01-30T00:00:00Z",
          firstResolvedAt: "2024-01-31T00:00:00Z",
          lastResolvedAt: "2024-02-10T00:00:00Z",
          reopenCount: 1,
        }),
        ticket({ createdAt: "2024-01-30T00:00:00Z", firstResolvedAt: "2024-02-01T00:00:00Z" }),
        ticket({ createdAt: "2024-01-30T00:00:00Z" }),
      ],
      { by: { period: "month" }, metrics: { reopen: reopenRateReducer() } },
    );
    expect(
      rows.map((row) => [row.period?.label ?? null, row.reopen.value, row.reopen.excluded]),
    ).toEqual([
      ["2024-01", 100, { unresolved: 0, unknownReopens: 0 }],
      ["2024-02", 0, { unresolved: 0, unknownReopens: 0 }],
      [null, null, { unresolved: 1, unknownReopens: 0 }],
    ]);
  });

  test("takes no option, and refuses one rather than ignore it", () => {
    // @ts-expect-error: testing an option of another metric from plain JavaScript
    expect(() => reopenRate([], { resolution: "full" })).toThrow(
      new TypeError("reopenRate: resolution is not an option of reopenRate"),
    );
  });

  test("an unknown reopen count is excluded; an unchecked resolution is refused by name", () => {
    const createdAt = new Date("2024-03-01T09:00:00Z");
    const firstResolvedAt = new Date(solved);
    // reopened once, never, unknown: 1 of the 2 known → 50 %
    const counts = [1, 0, null].map((reopenCount) => ({ createdAt, firstResolvedAt, reopenCount }));
    expect(reopenRate(counts as never)).toMatchObject({
      value: 50,
      numerator: 1,
      denominator: 2,
      excluded: { unknownReopens: 1 },
    });
    expect(() =>
      reopenRate([{ createdAt, firstResolvedAt: "2024-03-02", reopenCount: 0 }] as never),
    ).toThrow(
      new TypeError(
        'reopenRate: record 0 field "firstResolvedAt" must be a valid Date or null, got "2024-03-02"',
      ),
    );
  });
});
