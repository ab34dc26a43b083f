import { describe, expect, test } from "vitest";
import { rollup } from "../../aggregate/rollup.ts";
import { stateFromJSON, stateToJSON } from "../../reduce/serialize.ts";
import { sessionSchema } from "../../schemas/session.ts";
import { type DeflectionInput, deflectionRate, deflectionRateReducer } from "./deflectionRate.ts";

const s = (customerId: string | null, at: string, kind = "search" as const) =>
  sessionSchema().parse({ id: `${customerId}-${at}`, startedAt: at, customerId, kind });
const t = (customerId: string | null, at: string) => ({ createdAt: new Date(at), customerId });

describe("deflectionRate", () => {
  test("a session is deflected unless the same customer opens a ticket within 24 h", () => {
    const records = [
      s("a", "2024-03-01T09:00:00Z"),
      t("a", "2024-03-02T09:00:00Z"), // exactly 24 h later: within the window, not deflected
      s("b", "2024-03-01T09:00:00Z"),
      t("b", "2024-03-02T09:00:01Z"), // 24 h and 1 s later: deflected
      s("c", "2024-03-01T09:00:00Z"),
      t("c", "2024-03-01T08:59:59Z"), // before the session: it does not follow it
      t("d", "2024-03-01T10:00:00Z"), // a ticket without a session: looked up, never counted
      s(null, "2024-03-01T09:00:00Z"),
    ];
    // sessions a, b, c: b and c deflected → 2 / 3 = 66.67 %
    const result = deflectionRate(records);
    expect(result).toMatchObject({ numerator: 2, denominator: 3 });
    expect(result.value).toBeCloseTo(200 / 3, 12);
    expect(result.excluded).toEqual({ anonymous: 1, otherKind: 0 });
  });

  test("each session counts: two sessions before one ticket are both undone", () => {
    const records = [
      s("a", "2024-03-01T09:00:00Z"),
      s("a", "2024-03-01T20:00:00Z"),
      t("a", "2024-03-02T08:00:00Z"),
      s("a", "2024-03-03T09:00:00Z"), // nothing after it
    ];
    // 1 of 3 deflected
    expect(deflectionRate(records)).toMatchObject({ numerator: 1, denominator: 3 });
  });

  test("windowHours and kinds", () => {
    const records = [
      s("a", "2024-03-01T09:00:00Z", "botFlow" as "search"),
      t("a", "2024-03-01T12:00:00Z"),
      s("b", "2024-03-01T09:00:00Z"),
    ];
    // a 2 h window: a's ticket 3 h later no longer undoes its session → 2 of 2
    expect(deflectionRate(records, { windowHours: 2 }).value).toBe(100);
    // only searches: a's bot flow is another kind → b alone, deflected
    expect(deflectionRate(records, { kinds: ["search"] })).toEqual({
      value: 100,
      numerator: 1,
      denominator: 1,
      excluded: { anonymous: 0, otherKind: 1 },
    });
    expect(() => deflectionRate([], { windowHours: 0 })).toThrow(
      new RangeError("deflectionRate: windowHours must be a positive number, got 0"),
    );
    expect(() => deflectionRate([], { kinds: ["call" as "search"] })).toThrow(RangeError);
    expect(deflectionRate([]).value).toBeNull();
  });

  test("by day, a late session sees the next day's ticket", () => {
    const records = [
      s("a", "2024-03-01T23:00:00Z"),
      t("a", "2024-03-02T08:00:00Z"), // 9 h later, but on 2 March
      s("b", "2024-03-02T10:00:00Z"),
    ];
    const rows = rollup(records, {
      by: { period: "day" },
      metrics: { deflection: deflectionRateReducer() },
    });
    // 1 March: a's session, undone by the ticket of 2 March → 0 of 1; 2 March: b → 1 of 1
    expect(
      rows.map((row) => [row.period?.label, row.deflection.numerator, row.deflection.denominator]),
    ).toEqual([
      ["2024-03-01", 0, 1],
      ["2024-03-02", 1, 1],
    ]);
  });

  test("by day, a window longer than a day reaches the ticket two days on", () => {
    // a's session 1 March 01:00, ticket 3 March 06:00 (53 h later), windowHours 72: it
    // follows the session, which is not deflected. The ticket's creation (3 March) and its
    // creation less the window (29 February 06:00) both miss 1 March; placing it only there
    // counted a's session deflected (1 of 1). 48 h before it (1 March 06:00) is on 1 March.
    const records = [s("a", "2024-03-01T01:00:00Z"), t("a", "2024-03-03T06:00:00Z")];
    const rows = rollup(records, {
      by: { period: "day" },
      metrics: { deflection: deflectionRateReducer({ windowHours: 72 }) },
    });
    const march1 = rows.find((row) => row.period?.label === "2024-03-01");
    expect(march1?.deflection).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    // The unrolled call agrees: 0 of 1.
    expect(deflectionRate(records, { windowHours: 72 }).value).toBe(0);
  });

  test("by day in Berlin, a 24 h window across the 23-hour day of the spring change", () => {
    // 31 March 2024 in Berlin lasts 23 h (2024-03-30T23:00Z to 2024-03-31T22:00Z). Session
    // 31 March 12:00 CEST (10:00Z); ticket 1 April 00:30 CEST (2024-03-31T22:30Z), 12.5 h
    // later: within 24 h. Its creation is on 1 April and 24 h before it, 2024-03-30T22:30Z,
    // is 30 March 23:30 CET: neither on 31 March, which 12 h before it (10:30Z) is.
    const records = [s("a", "2024-03-31T10:00:00Z"), t("a", "2024-03-31T22:30:00Z")];
    const rows = rollup(records, {
      by: { period: "day" },
      timeZone: "Europe/Berlin",
      metrics: { deflection: deflectionRateReducer() },
    });
    const day = rows.find((row) => row.period?.label === "2024-03-31");
    expect(day?.deflection).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
  });

  test("saves its state as JSON, and the saved state merges like the live one", () => {
    const reducer = deflectionRateReducer();
    const a = reducer.init();
    const b = reducer.init();
    reducer.add(a, s("a", "2024-03-01T09:00:00Z"), undefined);
    reducer.add(b, t("a", "2024-03-01T10:00:00Z"), undefined);
    reducer.add(b, s("b", "2024-03-01T09:00:00Z"), undefined);
    const saved = stateFromJSON<typeof a>(stateToJSON(a));
    expect(reducer.result(reducer.merge(saved, b))).toEqual(reducer.result(reducer.merge(a, b)));
    expect(reducer.result(reducer.merge(saved, b)).value).toBe(50);
  });
});

describe("deflectionRate on records that never went through the schema", () => {
  const fails = (run: () => unknown, message: string) => {
    expect(run).toThrow(TypeError);
    expect(run).toThrow(message);
  };
  const raw = (records: Record<string, unknown>[]) => records as DeflectionInput[];

  test("a session whose customerId is left out is anonymous, as with null", () => {
    const records = raw([
      { startedAt: new Date("2024-03-01T09:00:00Z"), kind: "search" },
      { createdAt: new Date("2024-03-01T10:00:00Z") },
      s("a", "2024-03-01T09:00:00Z"),
    ]);
    // a's session alone counts, deflected: 1 of 1
    expect(deflectionRate(records)).toEqual({
      value: 100,
      numerator: 1,
      denominator: 1,
      excluded: { anonymous: 1, otherKind: 0 },
    });
  });

  test("a ticket without a customer is not kept in the state", () => {
    // it cannot follow anyone's session, so the state holds no list for it
    const reducer = deflectionRateReducer();
    const state = reducer.init();
    reducer.add(state, t(null, "2024-03-01T10:00:00Z"), undefined);
    reducer.add(
      state,
      { createdAt: new Date("2024-03-01T11:00:00Z") } as DeflectionInput,
      undefined,
    );
    reducer.add(state, t("a", "2024-03-01T12:00:00Z"), undefined);
    expect([...state.tickets.keys()]).toEqual(["a"]);
  });

  test("a junk field is a TypeError naming the record and the field", () => {
    fails(
      () => deflectionRate(raw([{ startedAt: "2024-03-01", customerId: "a", kind: "search" }])),
      'deflectionRate: record 0 field "startedAt" must be a valid Date, got "2024-03-01"',
    );
    fails(
      () => deflectionRate(raw([{ createdAt: new Date("2024-03-01T09:00:00Z"), customerId: 7 }])),
      'deflectionRate: record 0 field "customerId" must be a string or null, got 7',
    );
  });
});

describe("deflectionRate's interval", () => {
  test("is the Wilson interval of deflected of counted sessions, in percent", () => {
    // 81 of 263 sessions deflected (no ticket after them): Newcombe (1998a), table I, Wilson
    // 95 %: 0.2553 to 0.3662. c1 writes in right after each of its 182 sessions; c2 never does.
    const at = (minute: number) => new Date(Date.UTC(2024, 2, 1, 0, minute));
    const records = [
      ...Array.from({ length: 182 }, (_, i) => ({
        startedAt: at(i * 60),
        customerId: "c1",
        kind: "search" as const,
      })),
      ...Array.from({ length: 182 }, (_, i) => ({ createdAt: at(i * 60 + 1), customerId: "c1" })),
      ...Array.from({ length: 81 }, (_, i) => ({
        startedAt: at(i * 60),
        customerId: "c2",
        kind: "articleView" as const,
      })),
    ];
    const result = deflectionRate(records, { interval: true });
    expect([result.numerator, result.denominator]).toEqual([81, 263]);
    expect(result.interval?.method).toBe("wilson");
    expect([result.interval?.lower.toFixed(2), result.interval?.upper.toFixed(2)]).toEqual([
      "25.53",
      "36.62",
    ]);
  });
});
