import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import {
  abandoned,
  answered,
  OFFERED,
  queueContact,
} from "../../../test/fixtures/queueContacts.ts";
import { foldShards } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import {
  checkedOutcome,
  checkedSeconds,
  contactDurationReducer,
  contactOutcome,
  queueWaitSeconds,
  secondsOption,
} from "./contact.ts";

describe("contactOutcome", () => {
  test("reads the outcome from which end time is set", () => {
    expect(contactOutcome(answered(12))).toBe("answered");
    expect(contactOutcome(abandoned(12))).toBe("abandoned");
    expect(contactOutcome(queueContact())).toBe("unknownOutcome");
    expect(
      contactOutcome(
        queueContact({ answeredAt: new Date(OFFERED), abandonedAt: new Date(OFFERED) }),
      ),
    ).toBe("bothOutcomes");
  });

  test("an end before the offer is a clock or export error, whichever end it is", () => {
    expect(contactOutcome(answered(-1))).toBe("endsBeforeOffer");
    expect(contactOutcome(abandoned(-0.001))).toBe("endsBeforeOffer");
    // at the offer instant exactly is fine
    expect(contactOutcome(answered(0))).toBe("answered");
  });
});

describe("queueWaitSeconds", () => {
  test("measures offer to answer or abandonment, to the millisecond", () => {
    expect(queueWaitSeconds(answered(42.5))).toBe(42.5);
    expect(queueWaitSeconds(abandoned(7))).toBe(7);
  });

  test("is null for a contact that has not ended", () => {
    expect(queueWaitSeconds(queueContact())).toBeNull();
  });
});

describe("checkedOutcome", () => {
  test("reads the outcome of a well-formed contact, as contactOutcome does", () => {
    expect(checkedOutcome("abandonRate", answered(12))).toBe("answered");
    expect(checkedOutcome("abandonRate", abandoned(12))).toBe("abandoned");
    expect(checkedOutcome("abandonRate", queueContact())).toBe("unknownOutcome");
  });

  test("a timestamp that is not a valid Date is a field error naming it", () => {
    const invalid = new Date(Number.NaN);
    expect(() => checkedOutcome("abandonRate", queueContact({ offeredAt: invalid }))).toThrow(
      'abandonRate: field "offeredAt" must be a valid Date, got Invalid Date',
    );
    expect(() => checkedOutcome("serviceLevel", queueContact({ answeredAt: invalid }))).toThrow(
      'serviceLevel: field "answeredAt" must be a valid Date or null, got Invalid Date',
    );
    expect(() => checkedOutcome("serviceLevel", queueContact({ abandonedAt: invalid }))).toThrow(
      'serviceLevel: field "abandonedAt" must be a valid Date or null, got Invalid Date',
    );
    // a string is not coerced: the contact would otherwise compare "2024-…" with a number
    const text = "2024-03-04T09:00:42Z" as unknown as Date;
    expect(() => checkedOutcome("serviceLevel", queueContact({ answeredAt: text }))).toThrow(
      'field "answeredAt" must be a valid Date or null, got "2024-03-04T09:00:42Z"',
    );
  });
});

describe("checkedSeconds", () => {
  test("unknown (null) or left out (undefined) is null; 0 and a fraction are kept", () => {
    expect(checkedSeconds("averageHandleTime", "holdSeconds", null)).toBeNull();
    expect(checkedSeconds("averageHandleTime", "holdSeconds", undefined)).toBeNull();
    expect(checkedSeconds("averageHandleTime", "talkSeconds", 0)).toBe(0);
    expect(checkedSeconds("averageHandleTime", "talkSeconds", 12.5)).toBe(12.5);
  });

  test("a negative, infinite, NaN or non-number value is a field error naming the field", () => {
    const message = (shown: string) =>
      `averageHandleTime: field "wrapSeconds" must be a number of seconds at least 0, or null, got ${shown}`;
    const check = (value: unknown) => () =>
      checkedSeconds("averageHandleTime", "wrapSeconds", value);
    expect(check(-1)).toThrow(message("-1"));
    expect(check(Number.POSITIVE_INFINITY)).toThrow(message("Infinity"));
    expect(check(Number.NaN)).toThrow(message("NaN"));
    // "30" >= 0 and "30" < Infinity both hold in JavaScript: only the typeof test refuses it
    expect(check("30")).toThrow(message('"30"'));
  });
});

describe("secondsOption", () => {
  test("accepts a finite number at least 0 and refuses anything else", () => {
    const schema = secondsOption();
    expect(schema.safeParse(0)).toEqual({ success: true, data: 0 });
    expect(schema.safeParse(20.5)).toEqual({ success: true, data: 20.5 });
    for (const bad of [-1, -0.001, Number.POSITIVE_INFINITY, Number.NaN, "20"]) {
      const parsed = schema.safeParse(bad);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("must be a number at least 0");
    }
  });

  test("read as an option, below 0 is out of range (RangeError), text the wrong kind", () => {
    const schema = z.strictObject({ targetSeconds: secondsOption() });
    const thrown = (value: unknown) => {
      try {
        readOptions("serviceLevel", schema, { targetSeconds: value });
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(thrown(-1)).toEqual(
      new RangeError("serviceLevel: targetSeconds must be a number at least 0, got -1"),
    );
    expect(thrown(-1)).toBeInstanceOf(RangeError);
    expect(thrown("20")).toBeInstanceOf(TypeError);
    expect(thrown("20")).not.toBeInstanceOf(RangeError);
    expect(thrown(20)).toBeUndefined();
  });
});

describe("contactDurationReducer", () => {
  const waited = (contact: ReturnType<typeof answered>) => queueWaitSeconds(contact) ?? "open";

  test("defaults to the mean and refuses an unknown statistic by the option's name", () => {
    const reducer = contactDurationReducer("averageSpeedOfAnswer", {}, ["open"], waited);
    // (10 + 20 + 60) / 3 = 30
    expect(foldShards(reducer, [[answered(10), answered(20), answered(60)]])).toMatchObject({
      value: 30,
      statistic: "mean",
      n: 3,
    });
    expect(() =>
      contactDurationReducer(
        "averageSpeedOfAnswer",
        { statistic: "mode" as "mean" },
        ["open"],
        waited,
      ),
    ).toThrow('averageSpeedOfAnswer: statistic must be one of mean, median, p90, p95, got "mode"');
  });
});
