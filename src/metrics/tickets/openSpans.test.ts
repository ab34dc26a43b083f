import { describe, expect, test } from "vitest";
import {
  type OpenSpanInput,
  openSpan,
  requireAgeBuckets,
  requireOpenSpanInput,
} from "./openSpans.ts";

const at = (time: string) => new Date(`2024-03-01T${time}:00Z`);
const open = { createdAt: at("09:00"), status: "open", lastResolvedAt: null } as const;

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
});

describe("requireAgeBuckets", () => {
  test("shows a value that is not a list as it is", () => {
    const message = "backlog: ageBuckets must be strictly increasing positive numbers of seconds";
    expect(() => requireAgeBuckets("backlog", 5)).toThrow(new RangeError(`${message}, got 5`));
    expect(() => requireAgeBuckets("backlog", "1d")).toThrow(new RangeError(`${message}, got 1d`));
  });
});

describe("requireOpenSpanInput", () => {
  // A record that never went through the schema, with any status history.
  const history = (statusChanges: unknown) =>
    ({ ...open, statusChanges }) as unknown as OpenSpanInput;

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
