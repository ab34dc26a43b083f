import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type * as z from "zod";
import { fastPathOf } from "./fastPath.ts";
import { toFieldIssue } from "./issues.ts";
import { surveyResponseSchema } from "./survey.ts";
import { ticketSchema } from "./ticket.ts";
import { validateSurveyResponses, validateTickets } from "./validate.ts";

/**
 * The fast paths must be invisible: for every record they accept, their output is exactly
 * the schema's; every record they decline goes to the schema. So on any input, `validate*`
 * gives what the schema alone gives. The arbitraries mix valid values with every near miss
 * the fields' schemas distinguish (empty, too long, wrong type, -0, NaN, Infinity, unsafe
 * integers, Invalid Date, zone-less text, objects with prototypes).
 */

const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
const isoWithOffset = fc
  .tuple(instant, fc.constantFrom("Z", "+01:00", "-05:30", " +0200", "z"))
  .map(([ms, offset]) => new Date(ms).toISOString().slice(0, 19) + offset);
const odd = fc.constantFrom<unknown>(
  null,
  undefined,
  "",
  " ",
  "x".repeat(1025),
  "2024-02-30T00:00:00Z",
  "2024-03-01 09:00", // no offset: valid only with a time zone
  "01/02/2026",
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  -1,
  1.5,
  2 ** 53,
  1e20,
  true,
  false,
  [],
  {},
  new Date(Number.NaN),
  Object.create({ inherited: 1 }),
);
const timestampLike = fc.oneof(
  { arbitrary: instant, weight: 2 },
  { arbitrary: isoWithOffset, weight: 3 },
  { arbitrary: instant.map((ms) => new Date(ms)), weight: 2 },
  { arbitrary: odd, weight: 1 },
);
const textLike = fc.oneof(
  { arbitrary: fc.constantFrom("email", " chat ", "web", "T1", "Ünïcödé"), weight: 4 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: odd, weight: 1 },
);
const countLike = fc.oneof(
  { arbitrary: fc.nat({ max: 20 }), weight: 4 },
  { arbitrary: odd, weight: 1 },
);

/** Each field present with a likely valid value, absent, or a near miss. */
function field(arbitrary: fc.Arbitrary<unknown>) {
  return fc.option(arbitrary, { nil: undefined, freq: 5 });
}

/** The instant `base + offset` written in one of the accepted forms, or now and then odd. */
function timestampAfter(base: number) {
  return fc.oneof(
    { arbitrary: fc.nat({ max: 10 ** 9 }).map((offset) => base + offset), weight: 2 },
    {
      arbitrary: fc
        .nat({ max: 10 ** 9 })
        .map((offset) => new Date(base + offset - (offset % 1000)).toISOString()),
      weight: 2,
    },
    { arbitrary: fc.nat({ max: 10 ** 9 }).map((offset) => new Date(base + offset)), weight: 1 },
    { arbitrary: timestampLike, weight: 1 },
  );
}

/** A ticket built from `createdAt` plus offsets, so that valid orders are common. */
const ticketLike = instant
  .chain((created) =>
    fc.record({
      id: field(textLike),
      createdAt: fc.oneof(
        fc.constant<unknown>(created),
        fc.constant(new Date(created).toISOString()),
        timestampLike,
      ),
      channel: field(textLike),
      priority: field(textLike),
      status: field(
        fc.constantFrom<unknown>("new", "open", "pending", "onHold", "solved", "closed", "weird"),
      ),
      assigneeId: field(textLike),
      groupId: field(textLike),
      customerId: field(textLike),
      firstCustomerMessageAt: field(timestampAfter(created)),
      firstResponseAt: field(timestampAfter(created)),
      firstResolvedAt: field(timestampAfter(created)),
      lastResolvedAt: field(timestampAfter(created + 10 ** 9)),
      closedAt: field(timestampAfter(created)),
      reopenCount: field(countLike),
      agentReplyCount: field(countLike),
      handleSeconds: field(fc.oneof(fc.double({ min: -10, max: 1e6 }), odd)),
      escalated: field(fc.oneof(fc.boolean(), odd)),
      tags: field(fc.oneof(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), odd)),
      category: field(textLike),
      messages: fc.constantFrom<unknown>(undefined, undefined, undefined, null, []),
      junk: field(fc.anything()),
    }),
  )
  .map((record) => {
    // Drop the keys left undefined half the time: absent and undefined must behave alike.
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (value !== undefined || key.length % 2 === 0) out[key] = value;
    }
    return out;
  });

/** Valid flat tickets: the records the fast path exists for. */
const validTicket = fc
  .tuple(instant, fc.nat({ max: 10 ** 8 }), fc.nat({ max: 10 ** 8 }), fc.boolean())
  .map(([created, reply, solve, resolved]) => ({
    id: `T${created % 1000}`,
    createdAt: new Date(created).toISOString(),
    channel: "email",
    priority: "high",
    firstResponseAt: created + reply,
    firstResolvedAt: resolved ? new Date(created + reply + solve).toISOString() : null,
    reopenCount: 0,
    agentReplyCount: 2,
    handleSeconds: 61.5,
    tags: ["vip"],
  }));

const surveyLike = fc
  .record({
    id: field(textLike),
    kind: fc.constantFrom<unknown>("nps", "csat", "ces", "NPS", 3),
    score: field(fc.oneof(fc.integer({ min: -1, max: 12 }), odd)),
    scale: fc.constantFrom<unknown>(undefined, undefined, null, { min: 0, max: 1 }),
    sentAt: field(timestampLike),
    respondedAt: field(timestampLike),
    ticketId: field(textLike),
    customerId: field(textLike),
    agentId: field(textLike),
    channel: field(textLike),
  })
  .map((record) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (value !== undefined || key.length % 2 === 0) out[key] = value;
    }
    return out;
  });

/**
 * The fast path's record and the explainer's issues agree with the schema's wherever they
 * give one; says which answered.
 */
function agrees<T>(
  schema: z.ZodType<T, unknown>,
  record: unknown,
): "fast" | "explained" | "schema" {
  const paths = fastPathOf(schema);
  if (!paths) throw new Error("no fast path attached");
  const parsed = schema.safeParse(record);
  const quick = paths.fast(record);
  if (quick !== undefined) {
    expect(parsed.success).toBe(true);
    expect(quick).toStrictEqual(parsed.data);
    return "fast";
  }
  const explained = paths.explain?.(record);
  if (explained === undefined) return "schema";
  expect(parsed.success).toBe(false);
  expect(explained.length).toBeGreaterThan(0);
  expect(explained).toStrictEqual(parsed.error?.issues.map(toFieldIssue));
  return "explained";
}

describe("fast paths", () => {
  for (const timeZone of [undefined, "Europe/Berlin"]) {
    const options = timeZone ? { timeZone } : {};

    test(`tickets: the fast path's records equal the schema's (${timeZone ?? "no zone"})`, () => {
      const counts = { fast: 0, explained: 0, schema: 0 };
      fc.assert(
        fc.property(ticketLike, (record) => {
          counts[agrees(ticketSchema(options), record)]++;
        }),
        { numRuns: 3000 },
      );
      // The arbitrary reaches each path often enough for the comparison to mean something.
      expect(counts.fast).toBeGreaterThan(20);
      expect(counts.explained).toBeGreaterThan(300);
    });

    test(`surveys: the fast path's records equal the schema's (${timeZone ?? "no zone"})`, () => {
      const counts = { fast: 0, explained: 0, schema: 0 };
      fc.assert(
        fc.property(surveyLike, (record) => {
          counts[agrees(surveyResponseSchema(options), record)]++;
        }),
        { numRuns: 3000 },
      );
      expect(counts.fast).toBeGreaterThan(50);
      expect(counts.explained).toBeGreaterThan(300);
    });
  }

  test("valid flat tickets take the fast path", () => {
    fc.assert(
      fc.property(validTicket, (record) => {
        expect(agrees(ticketSchema(), record)).toBe("fast");
      }),
    );
  });

  test("validate with fast paths gives what the schema alone gives, record by record", () => {
    fc.assert(
      fc.property(fc.array(ticketLike, { maxLength: 20 }), (records) => {
        const { records: valid, rejected } = validateTickets(records);
        const schema = ticketSchema();
        const expected = records.map((record) => schema.safeParse(record));
        expect(valid).toStrictEqual(expected.filter((r) => r.success).map((r) => r.data));
        expect(rejected.map((r) => [r.index, r.issues])).toStrictEqual(
          expected.flatMap((r, index) =>
            r.success ? [] : [[index, r.error.issues.map(toFieldIssue)]],
          ),
        );
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(surveyLike, { maxLength: 20 }), (records) => {
        const { records: valid, rejected } = validateSurveyResponses(records);
        const schema = surveyResponseSchema();
        const expected = records.map((record) => schema.safeParse(record));
        expect(valid).toStrictEqual(expected.filter((r) => r.success).map((r) => r.data));
        expect(rejected.map((r) => [r.index, r.issues])).toStrictEqual(
          expected.flatMap((r, index) =>
            r.success ? [] : [[index, r.error.issues.map(toFieldIssue)]],
          ),
        );
      }),
      { numRuns: 300 },
    );
  });
});
