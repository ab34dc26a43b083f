import { describe, expect, test } from "vitest";
import type { Window } from "../../reduce/reducer.ts";
import { type SteadyStock, steadyStockOf } from "../../reduce/steadyStock.ts";
import {
  type OpenSpanInput,
  openAt,
  openSpan,
  requireAgeBuckets,
  requireOpenSpanInput,
  ticketStockReducer,
} from "./openSpans.ts";

const at = (time: string) => new Date(`2024-03-01T${time}:00Z`);
const open = { createdAt: at("09:00"), status: "open", lastResolvedAt: null } as const;
// Solved at 10:00, known only from the flat fields.
const solved = { createdAt: at("09:00"), status: "solved", lastResolvedAt: at("10:00") } as const;

describe("openSpan", () => {
  test("a history resolved before the ticket's creation gives an empty span, not a negative one", () => {
    // solved at 08:00 by its history, created at 09:00: open from 09:00 to 09:00
    const span = openSpan({
      createdAt: at("09:00"),
      status: "solved",
      lastResolvedAt: at("08:00"),
      statusChanges: [{ at: at("08:00"), status: "solved" }],
    });
    expect(span).toEqual({ start: at("09:00").getTime(), end: at("09:00").getTime() });
  });

  test("a ticket solved then closed was resolved when it was solved, not when it was closed", () => {
    // open at 10:00, solved at 11:00, closed at 14:00: the final resolved run starts at 11:00
    const span = openSpan({
      createdAt: at("09:00"),
      status: "closed",
      lastResolvedAt: at("11:00"),
      statusChanges: [
        { at: at("10:00"), status: "open" },
        { at: at("11:00"), status: "solved" },
        { at: at("14:00"), status: "closed" },
      ],
    });
    expect(span).toEqual({ start: at("09:00").getTime(), end: at("11:00").getTime() });
  });

  test("an empty status history is no history: the flat fields give the span", () => {
    // solved at 10:00 by lastResolvedAt; [] says nothing about when
    const span = openSpan({ ...solved, statusChanges: [] });
    expect(span).toEqual({ start: at("09:00").getTime(), end: at("10:00").getTime() });
  });
});

describe("openAt", () => {
  const noon = at("12:00").getTime();

  test("a ticket created exactly at the instant is not open there", () => {
    expect(openAt({ ...open, createdAt: at("12:00") }, noon)).toBe("notOpen");
    // one millisecond earlier it is
    expect(openAt({ ...open, createdAt: new Date(noon - 1) }, noon)).toBe("open");
  });

  test("without history: open unless resolved before the instant; unknown when never told when", () => {
    expect(openAt(open, noon)).toBe("open");
    // resolved at 10:00, before noon
    expect(openAt(solved, noon)).toBe("notOpen");
    // resolved at 10:00 is not before 10:00, nor before 09:30
    expect(openAt(solved, at("10:00").getTime())).toBe("open");
    expect(openAt(solved, at("09:30").getTime())).toBe("open");
    expect(openAt({ ...solved, lastResolvedAt: null }, noon)).toBe("unknown");
  });

  test("an empty status history is read as no history", () => {
    // as `solved` above: resolved at 10:00, so not open at noon
    expect(openAt({ ...solved, statusChanges: [] }, noon)).toBe("notOpen");
    expect(openAt({ ...solved, statusChanges: [] }, at("09:30").getTime())).toBe("open");
  });

  test("with history: the latest change before the instant decides", () => {
    const ticket: OpenSpanInput = {
      ...solved,
      statusChanges: [
        { at: at("10:00"), status: "pending" },
        { at: at("11:00"), status: "solved" },
        { at: at("13:00"), status: "open" },
      ],
    };
    // before the first change it is new, so open
    expect(openAt(ticket, at("09:30").getTime())).toBe("open");
    // pending since 10:00
    expect(openAt(ticket, at("10:30").getTime())).toBe("open");
    // solved at 11:00: the change exactly at 11:00 has not happened yet there
    expect(openAt(ticket, at("11:00").getTime())).toBe("open");
    expect(openAt(ticket, noon)).toBe("notOpen");
    // reopened at 13:00
    expect(openAt(ticket, at("14:00").getTime())).toBe("open");
  });
});

describe("requireAgeBuckets", () => {
  test("shows a value that is not a list as it is", () => {
    const message = "backlog: ageBuckets must be strictly increasing positive numbers of seconds";
    expect(() => requireAgeBuckets("backlog", 5)).toThrow(new RangeError(`${message}, got 5`));
    expect(() => requireAgeBuckets("backlog", "1d")).toThrow(new RangeError(`${message}, got 1d`));
  });

  test("refuses a boundary that is not a finite number", () => {
    const message = "backlog: ageBuckets must be strictly increasing positive numbers of seconds";
    expect(() => requireAgeBuckets("backlog", [86_400, Number.POSITIVE_INFINITY])).toThrow(
      new RangeError(`${message}, got [86400, Infinity]`),
    );
    expect(() => requireAgeBuckets("backlog", ["86400"])).toThrow(
      new RangeError(`${message}, got [86400]`),
    );
    expect(requireAgeBuckets("backlog", [3600, 86_400])).toEqual([3600, 86_400]);
  });
});

describe("requireOpenSpanInput", () => {
  // A record that never went through the schema, with any status history.
  const history = (statusChanges: unknown) =>
    ({ ...open, statusChanges }) as unknown as OpenSpanInput;

  test("the status must be one of the ticket statuses", () => {
    const expected =
      'backlog: field "status" must be one of new, open, pending, onHold, solved, closed';
    const withStatus = (status: unknown) => ({ ...open, status }) as unknown as OpenSpanInput;
    expect(() => requireOpenSpanInput("backlog", withStatus("gone"), false)).toThrow(
      `${expected}, got "gone"`,
    );
    expect(() => requireOpenSpanInput("backlog", withStatus(5), false)).toThrow(
      `${expected}, got 5`,
    );
    expect(() => requireOpenSpanInput("backlog", withStatus("onHold"), false)).not.toThrow();
  });

  test("lastResolvedAt may be left out or null, else it must be a valid Date", () => {
    const withResolved = (lastResolvedAt: unknown) =>
      ({ ...open, lastResolvedAt }) as unknown as OpenSpanInput;
    const expected = 'backlog: field "lastResolvedAt" must be a valid Date or null';
    expect(() => requireOpenSpanInput("backlog", withResolved("2024-03-01"), false)).toThrow(
      `${expected}, got "2024-03-01"`,
    );
    expect(() =>
      requireOpenSpanInput("backlog", withResolved(new Date(Number.NaN)), false),
    ).toThrow(`${expected}, got Invalid Date`);
    for (const ok of [undefined, null, at("10:00")]) {
      expect(() => requireOpenSpanInput("backlog", withResolved(ok), false)).not.toThrow();
    }
  });

  test("a status change that is not there at all is refused by name, not read", () => {
    expect(() => requireOpenSpanInput("backlog", history([undefined]), true)).toThrow(
      'backlog: field "statusChanges" must be a list of { at: a valid Date, status }, got undefined',
    );
  });

  test("a status history that is not a list is refused, with or without its entries checked", () => {
    for (const entries of [false, true]) {
      expect(() => requireOpenSpanInput("backlog", history("none"), entries)).toThrow(
        'backlog: field "statusChanges" must be a list of { at, status } or null, got "none"',
      );
    }
  });

  test("checks each status change only when asked to", () => {
    const entry = 'backlog: field "statusChanges" must be a list of { at: a valid Date, status }';
    for (const [change, shown] of [
      [{ at: "10:00", status: "open" }, "an object"],
      [{ at: at("10:00"), status: "gone" }, "an object"],
      [null, "null"],
    ] as const) {
      expect(() => requireOpenSpanInput("backlog", history([change]), true)).toThrow(
        `${entry}, got ${shown}`,
      );
      // rollup's add checks only that the history is a list: spanOf checked its entries once
      expect(() => requireOpenSpanInput("backlog", history([change]), false)).not.toThrow();
    }
    expect(() =>
      requireOpenSpanInput("backlog", history([{ at: at("10:00"), status: "pending" }]), true),
    ).not.toThrow();
  });
});

describe("ticketStockReducer", () => {
  // A backlog without statuses: the reducer that declares steady runs.
  const stock = (ageBuckets?: readonly number[]) =>
    ticketStockReducer<OpenSpanInput, never>("backlog", {
      asOf: undefined,
      ageBuckets,
      exclusions: ["notOpen", "unknownResolution"],
      spanOf: openSpan,
      leftOut: () => null,
      steady: true,
    });
  const steadyOf = (reducer: ReturnType<typeof stock>) =>
    steadyStockOf(reducer) as SteadyStock<OpenSpanInput>;
  // Whether one `add` measured at `t` does what one steady `addRun` there does.
  const alike = (reducer: ReturnType<typeof stock>, ticket: OpenSpanInput, t: number) => {
    const window: Window = { start: t, end: t };
    const added = reducer.init();
    reducer.add(added, ticket, window);
    const run = reducer.init();
    steadyOf(reducer).addRun(run, 1, window);
    return JSON.stringify(added) === JSON.stringify(run);
  };
  const march = new Date("2024-03-01T00:00:00Z");

  test("add needs the window to measure", () => {
    const reducer = stock();
    expect(() => reducer.add(reducer.init(), open, undefined)).toThrow(
      new TypeError("backlog: add needs the window to measure, got undefined"),
    );
  });

  test("spanOf checks each status change, once per ticket", () => {
    const ticket = { ...open, statusChanges: [{ at: "10:00", status: "open" }] };
    expect(() => stock().spanOf?.(ticket as unknown as OpenSpanInput)).toThrow(
      'backlog: field "statusChanges" must be a list of { at: a valid Date, status }, got an object',
    );
  });

  test("a ticket is placed by its creation", () => {
    expect(stock().timeOf(open)).toBe(open.createdAt);
  });

  test("steady from the first instant the ticket is open and in the oldest bucket", () => {
    // created 2024-03-01T00:00Z; the oldest default bucket starts at 30 d = 2,592,000,000 ms:
    // 2024-03-31T00:00Z. Solved later (April 15) makes no difference before its resolution.
    const reducer = stock();
    const from = Date.parse("2024-03-31T00:00:00Z");
    for (const ticket of [
      { ...open, createdAt: march },
      { createdAt: march, status: "solved", lastResolvedAt: new Date("2024-04-15T00:00:00Z") },
    ] as const) {
      expect(steadyOf(reducer).from(ticket)).toBe(from);
      for (const t of [from, from + 1, from + 86_400_000])
        expect(alike(reducer, ticket, t)).toBe(true);
      // one millisecond before, it is in the 7d-30d bucket
      expect(alike(reducer, ticket, from - 1)).toBe(false);
    }
  });

  test("with one bucket, steady from the first instant after creation", () => {
    const reducer = stock([]);
    const created = march.getTime();
    const ticket = { ...open, createdAt: march };
    expect(steadyOf(reducer).from(ticket)).toBe(created + 1);
    expect(alike(reducer, ticket, created + 1)).toBe(true);
    // at its creation it is not open yet
    expect(alike(reducer, ticket, created)).toBe(false);
  });

  test("steady from the first integer instant, where rounding would miss it either way", () => {
    // 2.007 s: 2.007 * 1000 is 2007.0000000000002, whose ceiling 2008 is one step late
    // (2007 / 1000 >= 2.007 already); created at 0 ms, the run starts at 2007 ms
    const late = stock([2.007]);
    const epoch = { ...open, createdAt: new Date(0) };
    expect(steadyOf(late).from(epoch)).toBe(2007);
    expect(alike(late, epoch, 2007)).toBe(true);
    expect(alike(late, epoch, 2006)).toBe(false);
    // 1.0000001 s after 2024-03-01: created + 1000.0001 rounds to created + 1000, one step
    // early (1000 / 1000 < 1.0000001); the run starts at created + 1001 ms
    const early = stock([1.0000001]);
    const ticket = { ...open, createdAt: march };
    const created = march.getTime();
    expect(steadyOf(early).from(ticket)).toBe(created + 1001);
    expect(alike(early, ticket, created + 1001)).toBe(true);
    expect(alike(early, ticket, created + 1000)).toBe(false);
  });

  test("no steady run with history, with an unknown resolution, or past the safe integers", () => {
    const reducer = stock();
    const history: OpenSpanInput = {
      ...open,
      statusChanges: [{ at: at("10:00"), status: "pending" }],
    };
    expect(steadyOf(reducer).from(history)).toBe(Number.POSITIVE_INFINITY);
    expect(steadyOf(reducer).from({ ...solved, lastResolvedAt: null })).toBe(
      Number.POSITIVE_INFINITY,
    );
    // 1e300 seconds: no millisecond instant can be that old
    expect(steadyOf(stock([1e300])).from(open)).toBe(Number.POSITIVE_INFINITY);
  });
});
