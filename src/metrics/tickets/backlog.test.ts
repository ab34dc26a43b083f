import { describe, expect, test } from "vitest";
import { defaultAgeBuckets } from "../../../test/ageBuckets.ts";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { backlog, backlogReducer } from "./backlog.ts";

const ZERO = { notOpen: 0, unknownResolution: 0, otherStatus: 0, unknownStatus: 0 };
const buckets = defaultAgeBuckets;

describe("backlog", () => {
  const at = "2024-03-10T00:00:00Z";
  const tickets = [
    // A: never resolved → open, age 8 d 15 h → 7d-30d
    ticket({ createdAt: "2024-03-01T09:00:00Z" }),
    // B: solved before the instant → its span ends before it, so it is not even looked at
    ticket({ createdAt: "2024-03-09T12:00:00Z", firstResolvedAt: "2024-03-09T18:00:00Z" }),
    // C: open, age 4 h → <1d
    ticket({ createdAt: "2024-03-09T20:00:00Z", status: "open" }),
    // D: solved exactly at the instant → not resolved before it: open, age 2 d → 1d-3d
    ticket({ createdAt: "2024-03-08T00:00:00Z", firstResolvedAt: at }),
    // E: created exactly at the instant → not created before it: it belongs to the period
    // that starts there, so it is not even looked at
    ticket({ createdAt: at }),
    // F: created after the instant → not looked at
    ticket({ createdAt: "2024-03-11T00:00:00Z" }),
    // G: history, solved on the 2nd and reopened on the 5th → open, age 9 d → 7d-30d
    ticket({
      createdAt: "2024-03-01T00:00:00Z",
      statusChanges: [
        { at: "2024-03-01T00:00:00Z", status: "new" },
        { at: "2024-03-02T00:00:00Z", status: "solved" },
        { at: "2024-03-05T00:00:00Z", status: "open" },
      ],
    }),
    // H: history, solved on the 5th and reopened only on the 12th → solved at the instant
    // (notOpen), though its widest span reaches the instant
    ticket({
      createdAt: "2024-03-01T00:00:00Z",
      statusChanges: [
        { at: "2024-03-05T00:00:00Z", status: "solved" },
        { at: "2024-03-12T00:00:00Z", status: "open" },
      ],
    }),
    // I: flat fields, resolved twice and open now (reopened at an unknown time after its last
    // resolution) → open from creation on, age 38 d → >=30d
    ticket({
      createdAt: "2024-02-01T00:00:00Z",
      status: "open",
      firstResolvedAt: "2024-02-02T00:00:00Z",
      lastResolvedAt: "2024-02-03T00:00:00Z",
      reopenCount: 2,
    }),
    // J: solved, but when is unknown → unknownResolution
    ticket({ createdAt: "2024-03-01T00:00:00Z", status: "solved" }),
  ];

  test("counts the tickets open at the instant, by age", () => {
    // open: A, C, D, G, I = 5; <1d: C; 1d-3d: D; 7d-30d: A, G; >=30d: I
    // notOpen: H (solved at the instant by its history); B, E and F never reach the metric
    expect(backlog(tickets, { asOf: at })).toEqual({
      value: 5,
      byAge: buckets([1, 1, 0, 2, 1]),
      measuredAt: "2024-03-10T00:00:00.000Z",
      excluded: { ...ZERO, notOpen: 1, unknownResolution: 1 },
    });
  });

  test("is 0, not null, with no ticket, and still says when it was measured", () => {
    expect(backlog([], { asOf: at })).toEqual({
      value: 0,
      byAge: buckets([0, 0, 0, 0, 0]),
      measuredAt: "2024-03-10T00:00:00.000Z",
      excluded: ZERO,
    });
  });

  test("a single open ticket", () => {
    // created 2 days before the instant → 1d-3d
    expect(backlog([ticket({ createdAt: "2024-03-08T00:00:00Z" })], { asOf: at })).toMatchObject({
      value: 1,
      byAge: buckets([0, 1, 0, 0, 0]),
    });
  });

  test("every ticket excluded gives 0 with the reasons", () => {
    const unknown = ticket({ createdAt: "2024-03-01T00:00:00Z", status: "closed" });
    // Solved on the 5th, reopened on the 12th: its span reaches the instant, it is not open.
    const solvedThen = ticket({
      createdAt: "2024-03-01T00:00:00Z",
      statusChanges: [
        { at: "2024-03-05T00:00:00Z", status: "solved" },
        { at: "2024-03-12T00:00:00Z", status: "open" },
      ],
    });
    expect(backlog([unknown, solvedThen], { asOf: at })).toMatchObject({
      value: 0,
      excluded: { ...ZERO, notOpen: 1, unknownResolution: 1 },
    });
  });

  test("a ticket created exactly at the instant is neither counted nor excluded", () => {
    // The instant is a period's end E; [S, E) does not hold E, so the ticket is created in the
    // next period and is not part of this snapshot at all (as a ticket created later).
    expect(backlog([ticket({ createdAt: at })], { asOf: at })).toEqual({
      value: 0,
      byAge: buckets([0, 0, 0, 0, 0]),
      measuredAt: "2024-03-10T00:00:00.000Z",
      excluded: ZERO,
    });
  });

  test("a reopened ticket with history is open only while it is reopened", () => {
    const reopened = ticket({
      createdAt: "2024-03-01T00:00:00Z",
      statusChanges: [
        { at: "2024-03-02T00:00:00Z", status: "solved" },
        { at: "2024-03-04T00:00:00Z", status: "open" },
        { at: "2024-03-06T00:00:00Z", status: "pending" },
        { at: "2024-03-07T00:00:00Z", status: "solved" },
        { at: "2024-03-08T00:00:00Z", status: "closed" },
      ],
    });
    const value = (instant: string) => backlog([reopened], { asOf: instant }).value;
    expect(value("2024-03-01T12:00:00Z")).toBe(1); // before the first change: new, open
    expect(value("2024-03-03T00:00:00Z")).toBe(0); // solved
    // A change at the very instant has not happened yet: reopened then, still solved
    expect(value("2024-03-04T00:00:00Z")).toBe(0);
    expect(value("2024-03-04T00:00:00.001Z")).toBe(1); // reopened
    expect(value("2024-03-06T12:00:00Z")).toBe(1); // pending is unresolved
    expect(value("2024-03-07T00:00:00Z")).toBe(1); // solved at the very instant: still open
    expect(value("2024-03-07T00:00:00.001Z")).toBe(0); // solved again
    expect(value("2024-03-09T00:00:00Z")).toBe(0); // closed
  });

  test("without history a reopened ticket counts as open until its final resolution", () => {
    // flat fields cannot say when it was reopened: open from creation to the last solve
    const solvedTwice = ticket({
      createdAt: "2024-03-01T00:00:00Z",
      firstResolvedAt: "2024-03-02T00:00:00Z",
      lastResolvedAt: "2024-03-06T00:00:00Z",
      reopenCount: 1,
    });
    expect(backlog([solvedTwice], { asOf: "2024-03-03T00:00:00Z" }).value).toBe(1);
    // resolved at the very instant: not before it, so still open there
    expect(backlog([solvedTwice], { asOf: "2024-03-06T00:00:00Z" }).value).toBe(1);
    expect(backlog([solvedTwice], { asOf: "2024-03-06T00:00:00.001Z" }).value).toBe(0);
  });

  test("accepts the instant as a Date, an ISO string with an offset, or epoch milliseconds", () => {
    const one = [ticket({ createdAt: "2024-03-09T00:00:00Z" })];
    const ms = Date.parse(at);
    for (const instant of [new Date(ms), "2024-03-09T19:00:00-05:00", ms]) {
      expect(backlog(one, { asOf: instant })).toMatchObject({
        value: 1,
        measuredAt: "2024-03-10T00:00:00.000Z",
      });
    }
  });

  test("ageBuckets sets the boundaries, in seconds", () => {
    // ages at the instant: 4 h (C), 2 d (D), 8 d 15 h (A), 9 d (G), 38 d (I)
    expect(backlog(tickets, { asOf: at, ageBuckets: [3600, 86_400] }).byAge).toEqual([
      { label: "<1h", fromSeconds: 0, toSeconds: 3600, count: 0 },
      { label: "1h-1d", fromSeconds: 3600, toSeconds: 86_400, count: 1 },
      { label: ">=1d", fromSeconds: 86_400, toSeconds: null, count: 4 },
    ]);
    expect(
      backlog(tickets, { asOf: at, ageBuckets: [90, 1800] }).byAge.map((b) => b.label),
    ).toEqual(["<90s", "90s-30m", ">=30m"]);
    expect(backlog(tickets, { asOf: at, ageBuckets: [] }).byAge).toEqual([
      { label: "all", fromSeconds: 0, toSeconds: null, count: 5 },
    ]);
  });

  test("statuses keeps only tickets in those statuses at the instant, read from history", () => {
    const history = (status: "new" | "open" | "pending" | "onHold") =>
      ticket({
        createdAt: "2024-03-01T00:00:00Z",
        statusChanges: [{ at: "2024-03-02T00:00:00Z", status }],
      });
    const beforeFirstChange = ticket({
      createdAt: "2024-03-01T00:00:00Z",
      statusChanges: [{ at: "2024-03-20T00:00:00Z", status: "pending" }],
    });
    const flat = ticket({ createdAt: "2024-03-01T00:00:00Z", status: "open" });
    const all = [
      history("open"),
      history("open"),
      history("pending"),
      history("onHold"),
      beforeFirstChange,
      flat,
    ];
    // new (before its first change) and the two open count: 3; pending and onHold are other
    // statuses: 2 (counts that differ, so a filter read the wrong way round cannot pass);
    // the flat ticket's status on the 10th is unknown
    expect(backlog(all, { asOf: at, statuses: ["new", "open"] })).toMatchObject({
      value: 3,
      excluded: { ...ZERO, otherStatus: 2, unknownStatus: 1 },
    });
    // without the filter every open ticket counts, history or not
    expect(backlog(all, { asOf: at }).value).toBe(6);
  });

  test("in a rollup by month it is read at each month's end, with and without a range", () => {
    const timeZone = "America/New_York";
    const unresolved = ticket({ createdAt: "2024-01-15T00:00:00Z" });
    const reopened = ticket({
      createdAt: "2024-01-10T00:00:00Z",
      statusChanges: [
        { at: "2024-01-20T00:00:00Z", status: "solved" },
        { at: "2024-02-10T00:00:00Z", status: "open" },
        { at: "2024-03-05T00:00:00Z", status: "solved" },
      ],
    });
    const shortLived = ticket({
      createdAt: "2024-02-03T00:00:00Z",
      firstResolvedAt: "2024-02-04T00:00:00Z",
    });
    // 23:00 on 31 January in New York: a January ticket there, open at January's end
    const lateJanuary = ticket({ createdAt: "2024-01-31T23:00:00-05:00", status: "new" });
    const all = [unresolved, reopened, shortLived, lateJanuary];

    const rows = rollup(all, {
      by: { period: "month" },
      timeZone,
      metrics: { backlog: backlogReducer() },
    });
    // January's end, 1 Feb 00:00 EST = 05:00Z: unresolved (17 d 5 h), lateJanuary (1 h);
    //   reopened is solved then (notOpen)
    // February's end, 1 Mar 05:00Z: unresolved (46 d), reopened (reopened on 10 Feb, 50 d),
    //   lateJanuary (29 d 1 h); shortLived was solved on 4 Feb (notOpen)
    // March's end, 1 Apr 00:00 EDT = 04:00Z (after the DST change): unresolved, lateJanuary;
    //   reopened was solved for good on 5 Mar (notOpen)
    expect(rows.map((row) => [row.period?.label, row.backlog])).toEqual([
      [
        "2024-01",
        {
          value: 2,
          byAge: buckets([1, 0, 0, 1, 0]),
          measuredAt: "2024-02-01T05:00:00.000Z",
          excluded: { ...ZERO, notOpen: 1 },
        },
      ],
      [
        "2024-02",
        {
          value: 3,
          byAge: buckets([0, 0, 0, 1, 2]),
          measuredAt: "2024-03-01T05:00:00.000Z",
          excluded: { ...ZERO, notOpen: 1 },
        },
      ],
      [
        "2024-03",
        {
          value: 2,
          byAge: buckets([0, 0, 0, 0, 2]),
          measuredAt: "2024-04-01T04:00:00.000Z",
          excluded: { ...ZERO, notOpen: 1 },
        },
      ],
    ]);

    const ranged = rollup(all, {
      by: { period: "month" },
      timeZone,
      metrics: { backlog: backlogReducer() },
      range: { start: "2023-12-01", end: "2024-05-01" },
    });
    // December: nothing created yet (0, measured nowhere); April: the two never-solved tickets
    expect(
      ranged.map((row) => [row.period?.label, row.backlog.value, row.backlog.measuredAt]),
    ).toEqual([
      ["2023-12", 0, null],
      ["2024-01", 2, "2024-02-01T05:00:00.000Z"],
      ["2024-02", 3, "2024-03-01T05:00:00.000Z"],
      ["2024-03", 2, "2024-04-01T04:00:00.000Z"],
      ["2024-04", 2, "2024-05-01T04:00:00.000Z"],
    ]);
  });

  test("in a rollup by key without period it is read at `asOf`", () => {
    const rows = rollup(tickets, {
      by: { channel: () => "email" },
      metrics: { backlog: backlogReducer({ asOf: at }) },
    });
    expect(rows.map((row) => row.backlog.value)).toEqual([5]);
  });

  test("needs the instant to measure", () => {
    // @ts-expect-error: testing a missing `at` from plain JavaScript
    expect(() => backlog([], {})).toThrow(TypeError);
    // @ts-expect-error: testing a missing `at` from plain JavaScript
    expect(() => backlog([], {})).toThrow(
      "backlog: a stock metric needs the instant or window to measure when records are not grouped by period",
    );
  });

  test("rejects bad options", () => {
    expect(() => backlog([], { asOf: "2024-03-10" })).toThrow(
      'backlog: asOf must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got "2024-03-10"',
    );
    expect(() => backlog([], { asOf: at, ageBuckets: [86_400, 3600] })).toThrow(
      "backlog: ageBuckets must be strictly increasing positive numbers of seconds, got [86400, 3600]",
    );
    expect(() => backlog([], { asOf: at, ageBuckets: [0] })).toThrow(RangeError);
    // @ts-expect-error: testing a resolved status from plain JavaScript
    expect(() => backlog([], { asOf: at, statuses: ["open", "solved"] })).toThrow(
      'backlog: statuses[1] must be one of new, open, pending, onHold, got "solved"',
    );
    // @ts-expect-error: testing a misspelt option from plain JavaScript
    expect(() => backlog([], { asOf: at, status: ["open"] })).toThrow(
      "backlog: status is not an option of backlog",
    );
  });

  test("refuses to merge states measured at different instants", () => {
    const reducer = backlogReducer();
    const a = reducer.init();
    reducer.add(a, tickets[0] as (typeof tickets)[0], { start: 0, end: Date.parse(at) });
    const b = reducer.init();
    reducer.add(b, tickets[0] as (typeof tickets)[0], { start: 0, end: Date.parse(at) + 1 });
    expect(() => reducer.merge(a, b)).toThrow(
      "backlog: cannot merge states measured at different instants, got 2024-03-10T00:00:00.000Z and 2024-03-10T00:00:00.001Z",
    );
  });
});

describe("backlog at a month boundary in Europe/Berlin (issue 11)", () => {
  // 2024-02-29T23:00Z is 00:00 on 1 March in Berlin: February's end instant E, which is
  // March's first instant (periods are half-open, [S, E)).
  const E = "2024-02-29T23:00:00Z";
  const monthly = (tickets: ReturnType<typeof ticket>[]) =>
    rollup(tickets, {
      by: { period: "month" },
      timeZone: "Europe/Berlin",
      metrics: { backlog: backlogReducer() },
    }).map((row) => [row.period?.label, row.backlog.value, row.backlog.excluded.notOpen]);

  test("a lone ticket created exactly at February's end is created in March: one March row", () => {
    // Created at E: not before E, so not in February's backlog; it is created in March and
    // open at March's end. Nothing happened in February, so there is no February row.
    expect(monthly([ticket({ createdAt: E })])).toEqual([["2024-03", 1, 0]]);
  });

  test("with a February ticket, February's row does not count the one created at its end", () => {
    // F: 10 to 20 February (resolved: notOpen at February's end). The ticket created at E is
    // not handed to February at all: backlog 0, notOpen 1 (F only). March: the new ticket.
    const february = ticket({
      createdAt: "2024-02-10T00:00:00Z",
      firstResolvedAt: "2024-02-20T00:00:00Z",
    });
    expect(monthly([ticket({ createdAt: E }), february])).toEqual([
      ["2024-02", 0, 1],
      ["2024-03", 1, 0],
    ]);
  });

  test("a ticket resolved exactly at February's end is still in February's backlog", () => {
    // Created 10 February, solved at E: not resolved before E → open there; resolved in March.
    expect(monthly([ticket({ createdAt: "2024-02-10T00:00:00Z", firstResolvedAt: E })])).toEqual([
      ["2024-02", 1, 0],
      ["2024-03", 0, 1],
    ]);
  });
});
