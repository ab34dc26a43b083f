import { describe, expect, test } from "vitest";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { createRecordTable, duckdbRollup, openDuckDB } from "../../duckdb/index.ts";
import { reduce } from "../../reduce/reduce.ts";
import type { MetricDefinition } from "../define.ts";
import {
  firstContactResolution,
  firstContactResolutionMetric,
  firstContactResolutionReducer,
} from "./firstContactResolution.ts";

const ZERO = {
  unresolved: 0,
  unknownReopens: 0,
  unknownReplyCount: 0,
  noReply: 0,
  noCustomer: 0,
  noCategory: 0,
  windowOpen: 0,
};
const solved = "2024-03-01T10:00:00Z";
const resolvedWith = (agentReplyCount: number | null, reopenCount = 0) =>
  ticket({ firstResolvedAt: solved, agentReplyCount, reopenCount });

describe("firstContactResolution, one-touch", () => {
  const tickets = [
    resolvedWith(1), // success
    resolvedWith(1), // success
    resolvedWith(1, 1), // reopened → failure
    resolvedWith(3), // three replies → failure
    resolvedWith(0), // solved without a reply → excluded (noReply)
    resolvedWith(null), // reply count unknown → excluded (unknownReplyCount)
    ticket({ agentReplyCount: 1 }), // unresolved → excluded
  ];

  test("is the share of resolved tickets with exactly one reply and no reopen", () => {
    // successes 2 of 4 judged → 2 / 4 = 50 %
    expect(firstContactResolution(tickets)).toEqual({
      value: 50,
      mode: "one-touch",
      numerator: 2,
      denominator: 4,
      excluded: { ...ZERO, unresolved: 1, unknownReplyCount: 1, noReply: 1 },
    });
  });

  test("zeroReplySolves decides what a solve without reply is", () => {
    // success: 3 / 5 = 60 %; failure: 2 / 5 = 40 %
    expect(firstContactResolution(tickets, { zeroReplySolves: "success" })).toMatchObject({
      value: 60,
      numerator: 3,
      denominator: 5,
      excluded: { noReply: 0 },
    });
    expect(firstContactResolution(tickets, { zeroReplySolves: "failure" })).toMatchObject({
      value: 40,
      numerator: 2,
      denominator: 5,
    });
  });

  test("ignoreReopens with zero-reply successes reproduces Zendesk Explore's fewer than 2 replies", () => {
    // Explore: solved with < 2 replies → 1, 1, 1 (reopened), 0 succeed; 3 fails → 4 / 5 = 80 %
    expect(
      firstContactResolution(tickets, { zeroReplySolves: "success", ignoreReopens: true }),
    ).toMatchObject({ value: 80, numerator: 4, denominator: 5 });
    // reopens ignored alone: 1, 1, 1 (reopened) of 4 → 75 %
    expect(firstContactResolution(tickets, { ignoreReopens: true }).value).toBe(75);
  });

  test("a reopened ticket fails even when its reply count is unknown or zero", () => {
    expect(firstContactResolution([resolvedWith(null, 1), resolvedWith(0, 2)])).toEqual({
      value: 0,
      mode: "one-touch",
      numerator: 0,
      denominator: 2,
      excluded: ZERO,
    });
  });

  test("derives the reply count from messages, not counting notes or automation", () => {
    const oneReply = ticket({
      firstResolvedAt: solved,
      messages: [
        { at: "2024-03-01T09:00:00Z", authorRole: "customer" },
        { at: "2024-03-01T09:10:00Z", authorRole: "agent", public: false },
        { at: "2024-03-01T09:20:00Z", authorRole: "agent", automated: true },
        { at: "2024-03-01T09:30:00Z", authorRole: "agent" },
      ],
    });
    expect(firstContactResolution([oneReply]).value).toBe(100);
  });

  test("has no value when nothing qualifies", () => {
    expect(firstContactResolution([]).value).toBeNull();
    expect(firstContactResolution([resolvedWith(0), ticket()])).toEqual({
      value: null,
      mode: "one-touch",
      numerator: 0,
      denominator: 0,
      excluded: { ...ZERO, unresolved: 1, noReply: 1 },
    });
  });

  test("a single ticket is 0 or 100", () => {
    expect(firstContactResolution([resolvedWith(1)]).value).toBe(100);
    expect(firstContactResolution([resolvedWith(2)]).value).toBe(0);
  });

  test("is placed by the first resolution", () => {
    const rows = rollup(
      [
        ticket({
          createdAt: "2024-01-31T00:00:00Z",
          firstResolvedAt: "2024-02-01T00:00:00Z",
          agentReplyCount: 1,
        }),
        ticket({
          createdAt: "2024-01-31T00:00:00Z",
          firstResolvedAt: "2024-01-31T01:00:00Z",
          agentReplyCount: 2,
        }),
      ],
      { by: { period: "month" }, metrics: { fcr: firstContactResolutionReducer() } },
    );
    expect(rows.map((row) => [row.period?.label, row.fcr.value])).toEqual([
      ["2024-01", 0],
      ["2024-02", 100],
    ]);
  });
});

describe("firstContactResolution, no-repeat-contact", () => {
  const mode = "no-repeat-contact";
  const t = (
    customerId: string | null,
    createdAt: string,
    firstResolvedAt?: string,
    category?: string,
  ) =>
    ticket({
      customerId,
      createdAt,
      ...(firstResolvedAt === undefined ? {} : { firstResolvedAt }),
      ...(category === undefined ? {} : { category }),
    });
  const a1 = t("a", "2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z", "billing");
  const a2 = t("a", "2024-03-05T00:00:00Z", "2024-03-06T00:00:00Z", "login");
  const b1 = t("b", "2024-03-01T00:00:00Z", "2024-03-01T12:00:00Z", "billing");
  const b2 = t("b", "2024-03-08T12:00:00Z", "2024-03-09T00:00:00Z", "billing"); // exactly 7 d after b1's solve
  const b3 = t("b", "2024-03-20T00:00:00Z", "2024-03-21T00:00:00Z", "billing");
  const c1 = t("c", "2024-04-27T00:00:00Z", "2024-04-28T00:00:00Z", "billing"); // window ends after the data
  const anonymous = t(null, "2024-03-01T00:00:00Z", "2024-03-01T01:00:00Z");
  const late = t("z", "2024-04-30T00:00:00Z"); // unresolved; the latest creation: asOf
  const tickets = [a1, a2, b1, b2, b3, c1, anonymous, late];

  test("is the share of resolved tickets not followed by another from the same customer within 7 days", () => {
    // a1 fails (a2 three days after its solve), a2 succeeds; b1 fails (b2 exactly 7 days
    // after: the window's end counts), b2 and b3 succeed → 3 / 5 = 60 %
    // c1's window (to 5 May) is still open on 30 Apr; anonymous has no customer; late is unresolved
    expect(firstContactResolution(tickets, { mode })).toEqual({
      value: 60,
      mode,
      numerator: 3,
      denominator: 5,
      excluded: { ...ZERO, unresolved: 1, noCustomer: 1, windowOpen: 1 },
    });
  });

  test("a repeat one millisecond after the window does not count", () => {
    const solvedAt = "2024-03-01T12:00:00Z";
    const first = t("b", "2024-03-01T00:00:00Z", solvedAt);
    const justAfter = t("b", "2024-03-08T12:00:00.001Z");
    const justAt = t("b", "2024-03-08T12:00:00Z");
    const asOf = "2024-04-01T00:00:00Z";
    expect(firstContactResolution([first, justAfter], { mode, asOf }).value).toBe(100);
    expect(firstContactResolution([first, justAt], { mode, asOf }).value).toBe(0);
  });

  test("a contact at the resolution instant is no repeat; a window ending at asOf is judged", () => {
    const first = t("e", "2024-03-01T00:00:00Z", "2024-03-01T12:00:00Z");
    // created exactly when the first was resolved: not after it, so not a repeat
    const atSolve = t("e", "2024-03-01T12:00:00Z");
    // the window, 7 days from 03-01 12:00, ends 03-08 12:00: exactly at asOf, judged
    const asOf = "2024-03-08T12:00:00Z";
    expect(firstContactResolution([first, atSolve], { mode, asOf })).toMatchObject({
      value: 100,
      numerator: 1,
      denominator: 1,
      excluded: { windowOpen: 0, unresolved: 1 },
    });
  });

  test("windowDays sets the window", () => {
    // 1 day: a1 (repeat 3 d later) and b1 (7 d later) now succeed → 5 / 5; c1's window
    // (to 29 Apr) has elapsed by 30 Apr, so it is judged too → 6 / 6
    expect(firstContactResolution(tickets, { mode, windowDays: 1 })).toMatchObject({
      value: 100,
      numerator: 6,
      denominator: 6,
      excluded: { windowOpen: 0 },
    });
    // 14 days: b2 is followed by b3 11 days after its solve → fails too: 2 / 5 = 40 %
    // (b3's window to 4 Apr has elapsed; c1's has not)
    expect(firstContactResolution(tickets, { mode, windowDays: 14 })).toMatchObject({
      value: 40,
      numerator: 2,
      denominator: 5,
    });
  });

  test("sameCategory counts only a repeat about the same category", () => {
    // a2 is about login, not billing → a1 succeeds; b1 still fails → 4 / 5 = 80 %;
    // the anonymous ticket has no customer (noCustomer comes first)
    expect(firstContactResolution(tickets, { mode, sameCategory: true })).toMatchObject({
      value: 80,
      numerator: 4,
      denominator: 5,
      excluded: { noCustomer: 1, noCategory: 0 },
    });
    const uncategorised = t("d", "2024-03-01T00:00:00Z", "2024-03-01T01:00:00Z");
    expect(
      firstContactResolution([uncategorised, late], { mode, sameCategory: true }).excluded,
    ).toEqual({ ...ZERO, unresolved: 1, noCategory: 1 });
  });

  test("asOf sets how far the data runs, for the windows still open", () => {
    // data through 10 Mar: the windows of a1 (to 9 Mar) and b1 (to 8 Mar 12:00) have
    // elapsed, both fail → 0 / 2; those of a2, b2, b3 and c1 have not (windowOpen 4)
    expect(firstContactResolution(tickets, { mode, asOf: "2024-03-10T00:00:00Z" })).toMatchObject({
      value: 0,
      numerator: 0,
      denominator: 2,
      excluded: { windowOpen: 4 },
    });
  });

  test("contacts lets a reducer find repeats outside the tickets it is given", () => {
    const reducer = firstContactResolutionReducer({ mode, contacts: tickets });
    // a1 alone: its repeat a2 is in contacts, not in the input → still a failure
    expect(reduce([a1], reducer)).toMatchObject({ value: 0, denominator: 1 });
    // the plain call looks only in its own tickets unless told otherwise
    expect(firstContactResolution([a1], { mode, asOf: "2024-04-30T00:00:00Z" }).value).toBe(100);
    expect(firstContactResolution([a1], { mode, contacts: tickets }).value).toBe(0);
  });

  test("in a monthly rollup, repeats in a later month are found", () => {
    const rows = rollup(tickets, {
      by: { period: "month" },
      metrics: { fcr: firstContactResolutionReducer({ mode, contacts: tickets }) },
    });
    // March (by first resolution): a1 ✗, a2 ✓, b1 ✗, b2 ✓, b3 ✓, anonymous (noCustomer)
    // April: c1 (windowOpen); null period: late (unresolved)
    expect(
      rows.map((row) => [row.period?.label ?? null, row.fcr.numerator, row.fcr.denominator]),
    ).toEqual([
      ["2024-03", 3, 5],
      ["2024-04", 0, 0],
      [null, 0, 0],
    ]);
  });

  test("reads a one-shot iterable as both the tickets and the contacts", () => {
    function* generate() {
      yield* tickets;
    }
    expect(firstContactResolution(generate(), { mode }).value).toBe(60);
  });

  test("has no value when nothing qualifies", () => {
    expect(firstContactResolution([], { mode }).value).toBeNull();
    expect(firstContactResolution([c1], { mode })).toMatchObject({
      value: null,
      excluded: { windowOpen: 1 },
    });
  });
});

describe("firstContactResolution options", () => {
  test("rejects bad options", () => {
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstContactResolution([], { mode: "survey" })).toThrow(
      'firstContactResolution: mode must be one of one-touch, no-repeat-contact, got "survey"',
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstContactResolution([], { zeroReplySolves: "count" })).toThrow(
      'firstContactResolution: zeroReplySolves must be one of exclude, success, failure, got "count"',
    );
    expect(() => firstContactResolution([], { windowDays: 0 })).toThrow(
      "firstContactResolution: windowDays must be a positive number, got 0",
    );
    expect(() => firstContactResolution([], { asOf: "yesterday" })).toThrow(
      'firstContactResolution: asOf must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got "yesterday"',
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstContactResolution([], { sameCategory: "yes" })).toThrow(
      'firstContactResolution: sameCategory must be a boolean, got "yes"',
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstContactResolution([], { contacts: 3 })).toThrow(
      "firstContactResolution: contacts must be an iterable of tickets, got 3",
    );
    // (The plain call reads a null contacts as its own tickets; the reducer takes it as given.)
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstContactResolutionReducer({ contacts: null })).toThrow(
      "firstContactResolution: contacts must be an iterable of tickets, got null",
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => firstContactResolution([], { ignoreReopens: null })).toThrow(
      "firstContactResolution: ignoreReopens must be a boolean, got null",
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => firstContactResolution([], { windowDay: 7 })).toThrow(
      "firstContactResolution: windowDay is not an option of firstContactResolution",
    );
  });

  test("refuses a malformed field it reads from a record that never went through the schema", () => {
    const record = {
      createdAt: new Date("2024-03-01T09:00:00Z"),
      firstResolvedAt: new Date(solved),
      agentReplyCount: 1,
      reopenCount: 0,
      customerId: "a",
      category: null,
    };
    const refusal = (field: string, expected: string, got: string) =>
      new TypeError(
        `firstContactResolution: record 0 field "${field}" must be ${expected}, got ${got}`,
      );
    const count = "a whole number at least 0, or null";
    expect(() => firstContactResolution([{ ...record, reopenCount: -1 }])).toThrow(
      refusal("reopenCount", count, "-1"),
    );
    expect(() => firstContactResolution([{ ...record, reopenCount: 1.5 }])).toThrow(
      refusal("reopenCount", count, "1.5"),
    );
    expect(() =>
      firstContactResolution([{ ...record, agentReplyCount: "1" as unknown as number }]),
    ).toThrow(refusal("agentReplyCount", count, '"1"'));
    expect(() =>
      firstContactResolution([{ ...record, firstResolvedAt: new Date(Number.NaN) }]),
    ).toThrow(refusal("firstResolvedAt", "a valid Date or null", "Invalid Date"));
    // No-repeat-contact does not read the counts, so it does not check them: the record's
    // window (7 days from its resolution) is still open at its own creation.
    expect(
      firstContactResolution([{ ...record, reopenCount: -1 }], { mode: "no-repeat-contact" })
        .excluded.windowOpen,
    ).toBe(1);
  });

  test("the reducer needs contacts in no-repeat-contact mode", () => {
    expect(() => firstContactResolutionReducer({ mode: "no-repeat-contact" })).toThrow(
      "firstContactResolution: contacts must be given in no-repeat-contact mode (the tickets to look for repeat contacts in), got undefined",
    );
    expect(() => firstContactResolutionReducer()).not.toThrow();
  });
});

describe("firstContactResolution's SQL declaration", () => {
  const entry = firstContactResolutionMetric as unknown as MetricDefinition;
  const resolved = (agentReplyCount: number | null, reopenCount: number | null) =>
    ticket({ firstResolvedAt: solved, agentReplyCount, reopenCount });
  // One ticket per case the declaration tells apart.
  const tickets = [
    resolved(1, 0), // one reply, never reopened: success
    resolved(1, 0),
    resolved(2, 0), // two replies: failure
    resolved(0, 0), // no reply: by zeroReplySolves
    resolved(null, 0), // reply count unknown: unknownReplyCount
    resolved(1, 1), // reopened: failure, unless reopens are ignored
    resolved(0, 2), // reopened without a reply: failure, unless ignored (then by zeroReplySolves)
    resolved(null, 1), // reopened, reply count unknown: failure, unless ignored
    resolved(1, null), // reopens unknown: unknownReopens, unless ignored
    ticket({ agentReplyCount: 1 }), // unresolved
    ticket({ firstResolvedAt: solved, agentReplyCount: 1, tags: ["closed_by_merge"] }), // merged source
  ];
  const variants = {
    plain: {},
    success: { zeroReplySolves: "success" },
    failure: { zeroReplySolves: "failure" },
    ignored: { ignoreReopens: true },
    explore: { ignoreReopens: true, zeroReplySolves: "success" },
  } as const;

  test("counts on DuckDB what the reducer counts, for every one-touch option", async () => {
    // By default: the two one-reply tickets succeed; the two-reply one and the three reopened
    // fail → 2 / 6; no reply, reply count unknown, reopens unknown, unresolved and the merged
    // source are left out, one each.
    expect(firstContactResolution(tickets)).toMatchObject({
      numerator: 2,
      denominator: 6,
      excluded: {
        ...ZERO,
        unresolved: 1,
        unknownReopens: 1,
        unknownReplyCount: 1,
        noReply: 1,
        mergedSource: 1,
      },
    });
    const connection = await openDuckDB({ threads: 1 });
    try {
      const columns = await createRecordTable(connection, "tickets", "tickets", tickets);
      const [row] = await duckdbRollup(connection, {
        relation: { name: "tickets", columns },
        metrics: Object.fromEntries(
          Object.entries(variants).map(([name, options]) => [name, { metric: entry, options }]),
        ),
      });
      for (const [name, options] of Object.entries(variants)) {
        const expected = firstContactResolution(tickets, options);
        expect(row?.[name], name).toMatchObject({
          numerator: expected.numerator,
          denominator: expected.denominator,
          excluded: expected.excluded,
        });
      }
    } finally {
      connection.closeSync();
    }
  });

  test("refuses no-repeat-contact, whose contacts are an option, not the relation", () => {
    expect(entry.sql?.({ mode: "no-repeat-contact" } as never, { has: () => true })).toEqual({
      refused:
        "no-repeat-contact looks for repeat contacts in a contacts list given as an option, not in the relation",
    });
  });
});
