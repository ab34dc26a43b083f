import { describe, expect, expectTypeOf, test } from "vitest";
import * as z from "zod";
import { fastPathOf } from "./fastPath.ts";
import { defineRecord, orderRules, type RecordInputOf, type RecordOf } from "./fieldTable.ts";
import { definitionOf, schemaFor } from "./recordSchema.ts";
import { validate } from "./validate.ts";

const checkVisitOrder = orderRules<{ at: Date; endedAt: Date | null }>([["endedAt", "at"]]);

/** A made-up record kind with one field of every kind, to test the table language itself. */
const visit = defineRecord({
  noun: "visit",
  fields: {
    id: { kind: "identifier", absent: "required", doc: "The visit's id." },
    at: { kind: "timestamp", absent: "required", doc: "When it began." },
    endedAt: { kind: "timestamp", absent: null, doc: "When it ended, if it did." },
    page: { kind: "label", absent: null, doc: "The first page seen." },
    device: { kind: "enum", values: ["mobile", "desktop"], absent: null, doc: "The device." },
    clicks: { kind: "count", absent: 0, doc: "Clicks; absent means none were counted." },
    rating: { kind: "integer", absent: null, doc: "A rating, when one was given." },
    spent: { kind: "amount", absent: null, doc: "What was spent, if anything." },
    bot: { kind: "flag", absent: false, doc: "Whether a bot made the visit." },
    tags: { kind: "list", max: 3, absent: [], doc: "Labels given to the visit." },
    steps: {
      kind: "records",
      of: defineRecord({
        noun: "step",
        fields: { url: { kind: "label", absent: null, doc: "The page of the step." } },
      }),
      max: 10,
      absent: [],
      doc: "The pages seen, in order.",
    },
  },
  check: checkVisitOrder,
});

const AT = "2024-03-01T09:00:00Z";
const schema = schemaFor(visit);

describe("schemaFor", () => {
  test("fills what absence means, field by field", () => {
    // required: given; null: unknown; 0, false, []: the declared value.
    expect(schema.parse({ id: 1, at: AT })).toStrictEqual({
      id: "1",
      at: new Date(AT),
      endedAt: null,
      page: null,
      device: null,
      clicks: 0,
      rating: null,
      spent: null,
      bot: false,
      tags: [],
      steps: [],
    });
  });

  test("the fast path gives the schema's record, with a fresh list each time", () => {
    const fast = fastPathOf(schema)?.fast;
    const input = { id: "v", at: AT, endedAt: "", page: " home ", clicks: 3, steps: [{}] };
    const first = fast?.(input);
    expect(first).toStrictEqual(schema.parse(input));
    expect(first).toMatchObject({ endedAt: null, page: "home", steps: [{ url: null }] });
    expect(fast?.(input)?.tags).not.toBe(first?.tags);
  });

  test("null is unknown where absence is, and rejected where absence has a value", () => {
    const { rejected } = validate(schema, [
      { id: "v", at: AT, endedAt: null, page: null, rating: null },
      { id: "v", at: AT, clicks: null, bot: null, tags: null },
      { id: null, at: null },
    ]);
    expect(rejected.map((r) => [r.index, r.issues.map((i) => [i.path[0], i.message])])).toEqual([
      [
        1,
        [
          ["clicks", "must be a number, got null"],
          ["bot", "must be a boolean, got null"],
          ["tags", "must be an array, got null"],
        ],
      ],
      [
        2,
        [
          ["id", "must be a string or a number, got null"],
          ["at", "must be a Date, an ISO 8601 string or epoch milliseconds, got null"],
        ],
      ],
    ]);
  });

  test("runs the definition's rules, and only on valid fields", () => {
    const early = { id: "v", at: AT, endedAt: "2024-03-01T08:00:00Z" };
    expect(validate(schema, [early]).rejected[0]?.issues).toEqual([
      { path: ["endedAt"], code: "custom", message: "must not be before at" },
    ]);
    expect(validate(schema, [{ ...early, device: "tv" }]).rejected[0]?.issues).toEqual([
      { path: ["device"], code: "invalid_value", message: 'must be one of "mobile", "desktop"' },
    ]);
  });

  test("is made once per definition and zone", () => {
    expect(schemaFor(visit)).toBe(schema);
    expect(schemaFor(visit, { timeZone: "Europe/Rome" })).toBe(
      schemaFor(visit, { timeZone: "Europe/Rome" }),
    );
    expect(schemaFor(visit, { timeZone: "Europe/Rome" })).not.toBe(schema);
    expect(() => schemaFor(visit, { timeZone: "Mars/Olympus" })).toThrow(
      new RangeError('timestamp: timeZone must be an IANA time zone name, got "Mars/Olympus"'),
    );
  });

  test("a field named like Object's own keys is refused", () => {
    const bad = defineRecord({
      noun: "bad",
      fields: { ["__proto__"]: { kind: "flag", absent: false, doc: "Never a field name." } },
    });
    expect(() => schemaFor(bad)).toThrow(
      new TypeError('bad: field name must be a plain key, got "__proto__"'),
    );
  });
});

describe("the types of a table", () => {
  test("the record: a value per field, null where absence is unknown", () => {
    expectTypeOf<RecordOf<typeof visit>>().toEqualTypeOf<{
      id: string;
      at: Date;
      endedAt: Date | null;
      page: string | null;
      device: "mobile" | "desktop" | null;
      clicks: number;
      rating: number | null;
      spent: number | null;
      bot: boolean;
      tags: string[];
      steps: { url: string | null }[];
    }>();
  });

  test("the input: required fields must be there; null only where absence is unknown", () => {
    expectTypeOf<RecordInputOf<typeof visit>>().toEqualTypeOf<{
      id: string | number;
      at: Date | string | number;
      endedAt?: Date | string | number | null | undefined;
      page?: string | null | undefined;
      device?: "mobile" | "desktop" | null | undefined;
      clicks?: number | undefined;
      rating?: number | null | undefined;
      spent?: number | null | undefined;
      bot?: boolean | undefined;
      tags?: string[] | undefined;
      steps?: { url?: string | null | undefined }[] | undefined;
    }>();
  });
});

describe("definitionOf", () => {
  test("gives the definition a schema was made from, and nothing for other schemas", () => {
    expect(definitionOf(schema)).toBe(visit);
    expect(definitionOf(z.object({ id: z.string() }))).toBeUndefined();
  });
});

describe("orderRules", () => {
  test("reports each broken rule in order, with its own message if it has one", () => {
    const found: string[] = [];
    const check = orderRules<{ a: Date | null; b: Date | null; c: Date | null }>([
      ["b", "a"],
      ["c", "a", "c comes last"],
      ["c", "b"],
    ]);
    const at = (hour: number) => new Date(Date.UTC(2024, 2, 1, hour));
    check({ a: at(10), b: at(9), c: at(8) }, (path, message) => found.push(`${path}: ${message}`));
    // A missing value breaks no rule; equal instants are in order.
    check({ a: at(10), b: null, c: at(10) }, (path, message) => found.push(`${path}: ${message}`));
    expect(found).toEqual([
      "b: must not be before a",
      "c: c comes last",
      "c: must not be before b",
    ]);
  });
});
