import { describe, expect, test } from "vitest";
import { defaultAgeBuckets } from "../../../test/ageBuckets.ts";
import { ticket } from "../../../test/fixtures.ts";
import { rollup } from "../../aggregate/rollup.ts";
import { backlog } from "./backlog.ts";
import { queueLength, queueLengthReducer } from "./queueLength.ts";

const ZERO = { notOpen: 0, answered: 0, unknownResolution: 0, unknownFirstResponse: 0 };
const buckets = defaultAgeBuckets;

describe("queueLength", () => {
  const at = "2024-03-10T00:00:00Z";
  const tickets = [
    // waiting 5 days → 3d-7d
    ticket({ createdAt: "2024-03-05T00:00:00Z" }),
    // waiting 2 hours → <1d
    ticket({ createdAt: "2024-03-09T22:00:00Z", status: "new" }),
    // answered before the instant → out of the queue before it, so never reaches the metric
    ticket({ createdAt: "2024-03-08T00:00:00Z", firstResponseAt: "2024-03-08T01:00:00Z" }),
    // answered exactly at the instant → not answered before it: still waiting, 2 d → 1d-3d
    ticket({ createdAt: "2024-03-08T00:00:00Z", firstResponseAt: at }),
    // answered only after the instant → still waiting at it, 1 day → 1d-3d
    ticket({ createdAt: "2024-03-09T00:00:00Z", firstResponseAt: "2024-03-11T00:00:00Z" }),
    // solved without a reply exactly at the instant → not resolved before it: waiting, 2 d
    ticket({ createdAt: "2024-03-08T00:00:00Z", firstResolvedAt: at }),
    // created exactly at the instant → not created before it: in the next period, so it
    // never reaches the metric
    ticket({ createdAt: at }),
    // solved without a reply before the instant → never reaches the metric
    ticket({ createdAt: "2024-03-01T00:00:00Z", firstResolvedAt: "2024-03-02T00:00:00Z" }),
    // solved at an unknown time → unknownResolution
    ticket({ createdAt: "2024-03-01T00:00:00Z", status: "closed" }),
  ];

  test("counts open tickets still waiting for a first agent reply", () => {
    // waiting: 5 d, 2 h, 2 d (answered at the instant), 1 d, 2 d (solved at it) → 5;
    // unknownResolution 1; the one created at the instant is not looked at
    expect(queueLength(tickets, { asOf: at })).toEqual({
      value: 5,
      byAge: buckets([1, 3, 1, 0, 0]),
      measuredAt: "2024-03-10T00:00:00.000Z",
      excluded: { ...ZERO, unknownResolution: 1 },
    });
  });

  test("is never more than the backlog at the same instant", () => {
    // backlog: the 5 waiting + the one answered before the instant; the queue leaves it out
    expect(backlog(tickets, { asOf: at }).value).toBe(6);
    expect(queueLength(tickets, { asOf: at }).value).toBe(5);
  });

  test("is 0, not null, with no ticket", () => {
    expect(queueLength([], { asOf: at })).toEqual({
      value: 0,
      byAge: buckets([0, 0, 0, 0, 0]),
      measuredAt: "2024-03-10T00:00:00.000Z",
      excluded: ZERO,
    });
  });

  test("a single waiting ticket", () => {
    expect(
      queueLength([ticket({ createdAt: "2024-03-09T00:00:00Z" })], { asOf: at }),
    ).toMatchObject({
      value: 1,
      byAge: buckets([0, 1, 0, 0, 0]),
    });
  });

  test("every ticket excluded gives 0 with the reasons", () => {
    // solved at the instant by its history (notOpen), and unknown resolution; a ticket
    // answered before the instant leaves the queue there, so only a rollup's period can reach
    // it (below); one created at the instant is not looked at
    const solvedThen = ticket({
      createdAt: "2024-03-01T00:00:00Z",
      statusChanges: [
        { at: "2024-03-05T00:00:00Z", status: "solved" },
        { at: "2024-03-12T00:00:00Z", status: "open" },
      ],
    });
    const created = ticket({ createdAt: at });
    const closed = ticket({ createdAt: "2024-03-01T00:00:00Z", status: "closed" });
    expect(queueLength([solvedThen, created, closed], { asOf: at })).toMatchObject({
      value: 0,
      excluded: { ...ZERO, notOpen: 1, unknownResolution: 1 },
    });
  });

  test("an unknown first response is excluded; with nothing counted the queue is unknown", () => {
    // open since 5 March, whether an agent replied is unknown (no firstResponseAt field)
    const unknown = {
      ...ticket({ createdAt: "2024-03-05T00:00:00Z" }),
      firstResponseAt: undefined,
    };
    const waiting = ticket({ createdAt: "2024-03-09T00:00:00Z" });
    // only the unknown one: 0 counted, but not an empty queue → null
    expect(queueLength([unknown], { asOf: at })).toMatchObject({
      value: null,
      excluded: { ...ZERO, unknownFirstResponse: 1 },
    });
    // with one known waiting ticket beside it: 1 (a lower bound the exclusion stands beside)
    expect(queueLength([unknown, waiting], { asOf: at })).toMatchObject({
      value: 1,
      excluded: { ...ZERO, unknownFirstResponse: 1 },
    });
    // a known "no reply yet" (null) is waiting, not unknown
    expect(queueLength([{ ...unknown, firstResponseAt: null }], { asOf: at }).value).toBe(1);
  });

  test("refuses a first response that never went through the schema, naming the field", () => {
    const unchecked = [
      { ...ticket({ createdAt: "2024-03-05T00:00:00Z" }), firstResponseAt: "2024-03-06" },
    ];
    expect(() => queueLength(unchecked as never, { asOf: at })).toThrow(
      'queueLength: record 0 field "firstResponseAt" must be a valid Date, null or absent, got "2024-03-06"',
    );
  });

  test("a ticket reopened with history but never answered is back in the queue", () => {
    const reopened = ticket({
      createdAt: "2024-03-01T00:00:00Z",
      statusChanges: [
        { at: "2024-03-02T00:00:00Z", status: "solved" },
        { at: "2024-03-04T00:00:00Z", status: "open" },
      ],
    });
    expect(queueLength([reopened], { asOf: "2024-03-03T00:00:00Z" }).value).toBe(0);
    expect(queueLength([reopened], { asOf: "2024-03-05T00:00:00Z" }).value).toBe(1);
  });

  test("ageBuckets sets the waiting-time boundaries", () => {
    // waits: 5 d, 2 h, 2 d, 1 d, 2 d
    expect(queueLength(tickets, { asOf: at, ageBuckets: [4 * 3600] }).byAge).toEqual([
      { label: "<4h", fromSeconds: 0, toSeconds: 14_400, count: 1 },
      { label: ">=4h", fromSeconds: 14_400, toSeconds: null, count: 4 },
    ]);
  });

  test("in a rollup by month it is read at each month's end, with and without a range", () => {
    const unresolved = ticket({ createdAt: "2024-01-15T00:00:00Z" });
    const answeredInFebruary = ticket({
      createdAt: "2024-01-20T00:00:00Z",
      firstResponseAt: "2024-02-10T00:00:00Z",
    });
    // solved without a reply on 20 Jan, reopened on 10 Feb, solved for good on 5 Mar
    const reopened = ticket({
      createdAt: "2024-01-10T00:00:00Z",
      statusChanges: [
        { at: "2024-01-20T00:00:00Z", status: "solved" },
        { at: "2024-02-10T00:00:00Z", status: "open" },
        { at: "2024-03-05T00:00:00Z", status: "solved" },
      ],
    });
    const all = [unresolved, answeredInFebruary, reopened];
    const metrics = { queue: queueLengthReducer() };
    // January's end (1 Feb 00:00Z): unresolved (17 d), answeredInFebruary (12 d) wait;
    //   reopened is solved (notOpen)
    // February's end: unresolved, reopened wait; answeredInFebruary was answered
    // March's end: unresolved waits; reopened is solved
    const expected = [
      ["2024-01", 2, "2024-02-01T00:00:00.000Z", { ...ZERO, notOpen: 1 }],
      ["2024-02", 2, "2024-03-01T00:00:00.000Z", { ...ZERO, answered: 1 }],
      ["2024-03", 1, "2024-04-01T00:00:00.000Z", { ...ZERO, notOpen: 1 }],
    ];
    const rows = rollup(all, { by: { period: "month" }, metrics });
    expect(
      rows.map((r) => [r.period?.label, r.queue.value, r.queue.measuredAt, r.queue.excluded]),
    ).toEqual(expected);
    const ranged = rollup(all, {
      by: { period: "month" },
      metrics,
      range: { start: "2023-12-01", end: "2024-05-01" },
    });
    expect(
      ranged.map((r) => [r.period?.label, r.queue.value, r.queue.measuredAt, r.queue.excluded]),
    ).toEqual([
      ["2023-12", 0, null, ZERO],
      ...expected,
      ["2024-04", 1, "2024-05-01T00:00:00.000Z", ZERO],
    ]);
  });

  test("needs the instant to measure", () => {
    // @ts-expect-error: testing a missing `asOf` from plain JavaScript
    expect(() => queueLength([], {})).toThrow(
      "queueLength: a stock metric needs the instant or window to measure when records are not grouped by period",
    );
  });

  test("rejects bad options", () => {
    expect(() => queueLength([], { asOf: Number.NaN })).toThrow(
      "queueLength: asOf must be a Date, an ISO 8601 string with an offset, or epoch milliseconds, got NaN",
    );
    expect(() => queueLength([], { asOf: at, ageBuckets: [1, 1] })).toThrow(
      "queueLength: ageBuckets must be strictly increasing positive numbers of seconds, got [1, 1]",
    );
    // @ts-expect-error: `at` was renamed `asOf`, the name every metric measured at an instant uses
    expect(() => queueLength([], { at })).toThrow(
      new TypeError("queueLength: at is not an option of queueLength"),
    );
  });
});
