import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as z from "zod/mini";
import { customerSchema, purchaseSchema, supportCostSchema } from "./customer.ts";
import { fastPathOf } from "./fastPath.ts";
import { toFieldIssue } from "./issues.ts";
import { queueContactSchema } from "./queueContact.ts";
import { agentShiftSchema } from "./shift.ts";
import { signupSchema, subscriptionChangeSchema } from "./subscription.ts";
import { surveyResponseSchema } from "./survey.ts";
import { ticketSchema } from "./ticket.ts";
import { validate } from "./validate.ts";

/**
 * The fast paths must be invisible: for every record they accept, their output is exactly
 * the schema's; every record they decline goes to the schema; and the explainer's issues,
 * where it gives any, are the schema's. So on any input, `validate` gives what the schema
 * alone gives. All three are built from the record kinds' tables, so this checks every kind,
 * nested records (messages, intervals, scales) included. The arbitraries mix valid values with
 * every near miss the fields' schemas distinguish (empty, too long, wrong type, -0, NaN,
 * Infinity, unsafe integers, Invalid Date, zone-less text, objects with prototypes).
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
  Number.NEGATIVE_INFINITY,
  -0,
  -1,
  -1.5,
  1.5,
  2 ** 53,
  -(2 ** 60),
  1e20,
  true,
  false,
  [],
  {},
  [1, 2],
  { length: 2000 },
  new Date(Number.NaN),
  new Date(0),
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
const amountLike = fc.oneof(
  { arbitrary: fc.double({ min: -100, max: 1e6, noNaN: true }), weight: 4 },
  { arbitrary: odd, weight: 1 },
);
const flagLike = fc.oneof({ arbitrary: fc.boolean(), weight: 4 }, { arbitrary: odd, weight: 1 });

/** Each field present with a likely valid value, absent, or a near miss. */
function field(arbitrary: fc.Arbitrary<unknown>) {
  return fc.option(arbitrary, { nil: undefined, freq: 5 });
}

/** A record of such fields; the keys left undefined are dropped half the time. */
function recordLike(shape: Record<string, fc.Arbitrary<unknown>>) {
  return fc.record({ ...shape, junk: field(fc.anything()) }).map((record) => {
    // Absent and undefined must behave alike.
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (value !== undefined || key.length % 2 === 0) out[key] = value;
    }
    return out;
  });
}

/** A list of sub-records, or now and then something that is not one. */
function listOf(item: fc.Arbitrary<unknown>) {
  return fc.oneof(
    { arbitrary: fc.array(item, { maxLength: 4 }), weight: 4 },
    { arbitrary: fc.array(fc.oneof(item, odd), { maxLength: 3 }), weight: 1 },
    { arbitrary: odd, weight: 1 },
  );
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
const ticketLike = instant.chain((created) =>
  recordLike({
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
    escalated: field(flagLike),
    tags: field(fc.oneof(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), odd)),
    category: field(textLike),
    // Events: mostly none (the common export), else lists of near-valid events.
    messages: fc.oneof(
      { arbitrary: fc.constantFrom<unknown>(undefined, null), weight: 3 },
      {
        arbitrary: listOf(
          recordLike({
            at: timestampAfter(created - 10 ** 6),
            authorRole: fc.constantFrom<unknown>("agent", "customer", "bot", "system", "robot"),
            public: field(flagLike),
            automated: field(flagLike),
            authorId: field(textLike),
          }),
        ),
        weight: 2,
      },
    ),
    statusChanges: fc.oneof(
      { arbitrary: fc.constantFrom<unknown>(undefined, null), weight: 3 },
      {
        arbitrary: listOf(
          recordLike({
            at: timestampAfter(created - 10 ** 6),
            status: fc.constantFrom<unknown>("open", "pending", "solved", "closed", "archived"),
          }),
        ),
        weight: 2,
      },
    ),
  }),
);

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

/** Mostly valid tickets with events: the derivation from messages and status changes. */
const eventTicket = instant.chain((created) => {
  const near = <T>(valid: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: valid, weight: 20 }, { arbitrary: odd, weight: 1 });
  const at = fc.integer({ min: -(10 ** 5), max: 10 ** 8 }).map((offset) => created + offset);
  return recordLike({
    id: fc.constant(`T${created % 997}`),
    createdAt: fc.constant(new Date(created).toISOString()),
    firstResponseAt: fc.option(at, { nil: undefined, freq: 4 }),
    reopenCount: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined, freq: 4 }),
    messages: fc.option(
      fc.array(
        recordLike({
          at: near(at),
          authorRole: near(fc.constantFrom("agent", "customer", "bot", "system")),
          public: fc.option(near(fc.boolean()), { nil: undefined }),
          automated: fc.option(near(fc.boolean()), { nil: undefined }),
        }),
        { maxLength: 6 },
      ),
      { nil: undefined, freq: 4 },
    ),
    statusChanges: fc.option(
      fc.array(
        recordLike({
          at: near(at),
          status: near(fc.constantFrom("new", "open", "pending", "onHold", "solved", "closed")),
        }),
        { maxLength: 6 },
      ),
      { nil: undefined, freq: 4 },
    ),
  });
});

const integerLike = fc.oneof(
  { arbitrary: fc.integer({ min: -2, max: 12 }), weight: 4 },
  { arbitrary: odd, weight: 1 },
);

const surveyLike = recordLike({
  id: field(textLike),
  kind: fc.constantFrom<unknown>("nps", "csat", "ces", "NPS", 3, undefined),
  score: field(fc.oneof(fc.integer({ min: -1, max: 12 }), odd)),
  scale: fc.oneof(
    { arbitrary: fc.constantFrom<unknown>(undefined, null, { min: 0, max: 1 }), weight: 3 },
    { arbitrary: recordLike({ min: integerLike, max: integerLike }), weight: 1 },
    { arbitrary: odd, weight: 1 },
  ),
  sentAt: field(timestampLike),
  respondedAt: field(timestampLike),
  ticketId: field(textLike),
  customerId: field(textLike),
  agentId: field(textLike),
  channel: field(textLike),
});

const customerLike = instant.chain((started) =>
  recordLike({
    id: field(textLike),
    startedAt: fc.oneof(fc.constant<unknown>(started), timestampLike),
    endedAt: field(timestampAfter(started - 10 ** 6)),
    acquisitionCost: field(amountLike),
    segment: field(textLike),
    mrr: field(listOf(recordLike({ at: timestampLike, amount: amountLike }))),
  }),
);

const purchaseLike = recordLike({
  id: field(textLike),
  customerId: field(textLike),
  purchasedAt: field(timestampLike),
  amount: field(amountLike),
});

const supportCostLike = recordLike({
  id: field(textLike),
  incurredAt: field(timestampLike),
  amount: field(amountLike),
  channel: field(textLike),
  groupId: field(textLike),
});

const subscriptionChangeLike = recordLike({
  customerId: field(textLike),
  at: field(timestampLike),
  mrr: field(amountLike),
});

const signupLike = instant.chain((signedUp) =>
  recordLike({
    customerId: field(textLike),
    signedUpAt: fc.oneof(fc.constant<unknown>(signedUp), field(timestampLike)),
    activatedAt: field(timestampAfter(signedUp - 10 ** 6)),
  }),
);

/** An interval that is usually in order, sometimes reversed, sometimes broken. */
const intervalLike = fc.oneof(
  {
    arbitrary: fc
      .tuple(instant, fc.integer({ min: -(10 ** 6), max: 10 ** 8 }))
      .map(([start, length]) => ({ start, end: new Date(start + length).toISOString() })),
    weight: 4,
  },
  { arbitrary: recordLike({ start: timestampLike, end: timestampLike }), weight: 1 },
  { arbitrary: odd, weight: 1 },
);

const shiftLike = recordLike({
  id: field(textLike),
  agentId: field(textLike),
  scheduled: field(intervalLike),
  loggedIn: field(listOf(intervalLike)),
  breaks: field(listOf(intervalLike)),
  working: field(listOf(intervalLike)),
});

// Seconds as amounts (negatives are refused); hold time null (unknown) as well as absent.
const queueContactLike = instant.chain((offered) =>
  recordLike({
    id: field(textLike),
    queue: field(textLike),
    channel: field(textLike),
    offeredAt: fc.oneof(fc.constant<unknown>(offered), timestampLike),
    answeredAt: field(timestampAfter(offered - 10 ** 6)),
    // Mostly absent: a contact both answered and abandoned is refused.
    abandonedAt: fc.oneof(
      { arbitrary: fc.constant<unknown>(undefined), weight: 4 },
      { arbitrary: timestampAfter(offered - 10 ** 6), weight: 1 },
    ),
    talkSeconds: field(amountLike),
    holdSeconds: fc.oneof(fc.constant<unknown>(null), field(amountLike)),
    wrapSeconds: field(amountLike),
    agentId: field(textLike),
  }),
);

/**
 * The fast path's record and the explainer's issues agree with the schema's wherever they
 * give one; says which answered.
 */
function agrees<T>(
  schema: z.ZodMiniType<T, unknown>,
  record: unknown,
  lookup = fastPathOf,
): "fast" | "explained" | "schema" {
  const paths = lookup(schema);
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

type Options = { timeZone?: string };

/** Every record kind: its schema, its arbitrary, how often each path must answer at least. */
const KINDS: [
  name: string,
  schema: (options: Options) => z.ZodMiniType<unknown, unknown>,
  records: fc.Arbitrary<unknown>,
  least: { fast: number; explained: number },
][] = [
  // Valid tickets are rare here (21 fields, each often odd): "tickets with events" has many.
  ["tickets", ticketSchema, ticketLike, { fast: 5, explained: 300 }],
  ["tickets with events", ticketSchema, eventTicket, { fast: 300, explained: 100 }],
  ["survey responses", surveyResponseSchema, surveyLike, { fast: 20, explained: 300 }],
  ["customers", customerSchema, customerLike, { fast: 100, explained: 300 }],
  ["purchases", purchaseSchema, purchaseLike, { fast: 100, explained: 300 }],
  ["support costs", supportCostSchema, supportCostLike, { fast: 100, explained: 300 }],
  ["agent shifts", agentShiftSchema, shiftLike, { fast: 50, explained: 300 }],
  [
    "subscription changes",
    subscriptionChangeSchema,
    subscriptionChangeLike,
    { fast: 100, explained: 300 },
  ],
  ["sign-ups", signupSchema, signupLike, { fast: 50, explained: 300 }],
  ["queue contacts", queueContactSchema, queueContactLike, { fast: 20, explained: 300 }],
];

describe.each(KINDS)("fast paths: %s", (_name, schemaOf, records, least) => {
  for (const timeZone of [undefined, "Europe/Berlin"]) {
    const options: Options = timeZone ? { timeZone } : {};

    test(`the fast path's records and the explainer's issues equal the schema's (${timeZone ?? "no zone"})`, () => {
      const counts = { fast: 0, explained: 0, schema: 0 };
      fc.assert(
        fc.property(records, (record) => {
          counts[agrees(schemaOf(options), record)]++;
        }),
        { numRuns: 2000 },
      );
      // The arbitrary reaches each path often enough for the comparison to mean something.
      expect(counts.fast).toBeGreaterThan(least.fast);
      expect(counts.explained).toBeGreaterThan(least.explained);
    });
  }

  test("validate with fast paths gives what the schema alone gives, record by record", () => {
    fc.assert(
      fc.property(fc.array(records, { maxLength: 20 }), (input) => {
        const schema = schemaOf({});
        const { records: valid, rejected } = validate(schema, input);
        const expected = input.map((record) => schema.safeParse(record));
        expect(valid).toStrictEqual(expected.filter((r) => r.success).map((r) => r.data));
        expect(rejected.map((r) => [r.index, r.issues])).toStrictEqual(
          expected.flatMap((r, index) =>
            r.success ? [] : [[index, r.error.issues.map(toFieldIssue)]],
          ),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("fast paths: what they are for", () => {
  test("valid flat tickets take the fast path", () => {
    fc.assert(
      fc.property(validTicket, (record) => {
        expect(agrees(ticketSchema(), record)).toBe("fast");
      }),
    );
  });

  test("tickets with valid messages and status changes take the fast path too", () => {
    const at = (minutes: number) => new Date(Date.UTC(2024, 2, 1, 9, minutes)).toISOString();
    const ticket = {
      id: "T1",
      createdAt: at(0),
      messages: [
        { at: at(20), authorRole: "agent" },
        { at: at(0), authorRole: "customer" },
      ],
      statusChanges: [
        { at: at(30), status: "solved" },
        { at: at(0), status: "open" },
      ],
    };
    expect(agrees(ticketSchema(), ticket)).toBe("fast");
    const fast = fastPathOf(ticketSchema())?.fast(ticket);
    // Sorted by time, and the flat fields derived from them.
    expect(fast?.messages?.map((m) => m.authorRole)).toEqual(["customer", "agent"]);
    expect(fast).toMatchObject({ firstResponseAt: new Date(at(20)), status: "solved" });
  });
});

describe("fast paths without code generation (z.config({ jitless: true }))", () => {
  // Fresh copies of the schema modules, whose fast paths are then built under `jitless`: the
  // loop that a strict Content-Security-Policy gets instead of generated code.
  const generated = vi.spyOn(globalThis, "Function");
  beforeAll(() => {
    z.config({ jitless: true });
    vi.resetModules();
    generated.mockClear();
  });
  afterAll(() => {
    z.config({ jitless: false });
    generated.mockRestore();
  });

  test.each(KINDS)(
    "%s: the same records and issues as the schema",
    async (_name, made, records) => {
      const { fastPathOf: freshLookup } = await import("./fastPath.ts");
      const modules: Record<string, unknown> = {
        ...(await import("./ticket.ts")),
        ...(await import("./survey.ts")),
        ...(await import("./customer.ts")),
        ...(await import("./shift.ts")),
        ...(await import("./subscription.ts")),
        ...(await import("./queueContact.ts")),
      };
      const schemaOf = modules[made.name] as typeof made;
      expect(schemaOf).not.toBe(made);
      const counts = { fast: 0, explained: 0, schema: 0 };
      fc.assert(
        fc.property(records, (record) => {
          counts[agrees(schemaOf({}), record, freshLookup)]++;
        }),
        { numRuns: 500 },
      );
      expect(counts.fast).toBeGreaterThan(0);
      // No code was generated to get there.
      expect(generated).not.toHaveBeenCalled();
    },
  );
});
