import { afterEach, describe, expect, test } from "vitest";
import * as z from "zod";
import { ticketSchema } from "./ticket.ts";
import {
  describeRejection,
  MAX_ISSUES_PER_RECORD,
  type Rejection,
  ValidationError,
  validate,
  validateAgentShifts,
  validateCustomers,
  validatePurchases,
  validateSupportCosts,
  validateSurveyResponses,
  validateTickets,
  validatorFor,
} from "./validate.ts";

const AT = "2024-03-01T09:00:00Z";
const NO_OFFSET =
  "has no UTC offset; add Z or +hh:mm, or name the zone it is in (timeZone option), got";

/** One valid and one invalid record of every kind, and the first issue of the invalid one. */
const KINDS = [
  {
    name: "validateTickets",
    run: validateTickets,
    valid: { id: "T1", createdAt: AT },
    invalid: { id: "T2", createdAt: AT, firstResolvedAt: "2024-02-28T09:00:00Z" },
    issue: [["firstResolvedAt"], "must not be before createdAt"],
  },
  {
    name: "validateSurveyResponses",
    run: validateSurveyResponses,
    valid: { id: "S1", kind: "csat", score: 5, respondedAt: AT },
    invalid: { id: "S2", kind: "csat", score: 6, respondedAt: AT },
    issue: [["score"], "must be between 1 and 5 on this csat scale, got 6"],
  },
  {
    name: "validateCustomers",
    run: validateCustomers,
    valid: { id: "C1", startedAt: AT },
    invalid: { id: "C2", startedAt: AT, endedAt: "2024-01-01T00:00:00Z" },
    issue: [["endedAt"], "must not be before startedAt"],
  },
  {
    name: "validatePurchases",
    run: validatePurchases,
    valid: { id: "P1", customerId: "C1", purchasedAt: AT, amount: 9.5 },
    invalid: { id: "P2", customerId: "C1", purchasedAt: AT, amount: "9.5" },
    issue: [["amount"], "must be a number, got string"],
  },
  {
    name: "validateSupportCosts",
    run: validateSupportCosts,
    valid: { id: "K1", incurredAt: AT, amount: 1000 },
    invalid: { id: "K2", incurredAt: "2024-03-01", amount: 1000 },
    issue: [["incurredAt"], `${NO_OFFSET} "2024-03-01"`],
  },
  {
    name: "validateAgentShifts",
    run: validateAgentShifts,
    valid: { id: "A1", agentId: "ana", scheduled: { start: AT, end: "2024-03-01T17:00:00Z" } },
    invalid: { id: "A2", agentId: "ana", scheduled: { start: AT, end: "2024-03-01T08:00:00Z" } },
    issue: [["scheduled", "end"], "end must not be before start"],
  },
] as const;

describe.each(KINDS)("$name", ({ name, run, valid, invalid, issue }) => {
  test("keeps valid records in order and rejects the others with index, path and message", () => {
    const { records, rejected } = run([valid, invalid, valid, null]);
    expect(records.map((r) => r.id)).toEqual([valid.id, valid.id]);
    expect(rejected.map((r) => [r.index, r.path, r.message])).toEqual([
      [1, ...issue],
      [3, [], "must be an object, got null"],
    ]);
  });

  test("strict mode throws a ValidationError listing index, field path and reason", () => {
    let error: unknown;
    try {
      run([valid, invalid], { strict: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const path = (issue[0] as readonly (string | number)[]).join(".");
    expect((error as ValidationError).message).toBe(
      `${name}: 1 of 2 records rejected\n  record 1, ${path}: ${issue[1]}`,
    );
    expect((error as ValidationError).name).toBe("ValidationError");
    expect((error as ValidationError).rejected.map((r) => r.index)).toEqual([1]);
  });

  test("strict mode returns normally when every record passes", () => {
    expect(run([valid], { strict: true }).records).toHaveLength(1);
  });

  test("non-iterable input is a TypeError", () => {
    for (const [input, got] of [
      [null, "null"],
      [undefined, "undefined"],
      [5, "number"],
      [{ length: 1, 0: valid }, "object"],
      ["[{}]", "string"],
    ] as const) {
      expect(() => run(input as never)).toThrow(
        new TypeError(`${name}: input must be an array or iterable of records, got ${got}`),
      );
    }
  });

  test("an unknown timeZone is a RangeError", () => {
    expect(() => run([], { timeZone: "Mars/Olympus" })).toThrow(
      new RangeError('timestamp: timeZone must be an IANA time zone name, got "Mars/Olympus"'),
    );
  });
});

describe("validate", () => {
  const schema = z.object({ n: z.number() });

  test("reads any iterable, lazily, counting every record", () => {
    function* records() {
      yield { n: 1 };
      yield { n: "x" };
      yield "not a record";
      yield { n: 3 };
    }
    const { records: kept, rejected } = validate(schema, records());
    expect(kept).toEqual([{ n: 1 }, { n: 3 }]);
    expect(rejected).toEqual([
      {
        index: 1,
        path: ["n"],
        code: "invalid_type",
        message: "must be a number, got string",
        issues: [{ path: ["n"], code: "invalid_type", message: "must be a number, got string" }],
      },
      {
        index: 2,
        path: [],
        code: "invalid_type",
        message: "must be an object, got string",
        issues: [{ path: [], code: "invalid_type", message: "must be an object, got string" }],
      },
    ]);
    expect(validate(schema, new Set([{ n: 1 }])).records).toEqual([{ n: 1 }]);
  });

  test("a record that throws when read (a getter, a Proxy) is rejected, not the whole call", () => {
    const getter = {
      get id(): string {
        throw new Error("boom");
      },
      createdAt: AT,
    };
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error("no access");
        },
      },
    );
    const unreadable = (message: string) => ({
      path: [],
      code: "unreadable_record",
      message: `could not be read: ${message}`,
    });
    // Tickets go through the fast path first, then the explainer and Zod: each may read it.
    const { records, rejected } = validateTickets([
      { id: "T1", createdAt: AT },
      getter,
      proxy,
      { id: "T4", createdAt: AT },
    ]);
    expect(records.map((t) => t.id)).toEqual(["T1", "T4"]);
    expect(rejected).toEqual([
      { index: 1, ...unreadable("boom"), issues: [unreadable("boom")] },
      { index: 2, ...unreadable("no access"), issues: [unreadable("no access")] },
    ]);
    // A schema without a fast path, and strict mode, say the same.
    expect(validate(schema, [{ n: 1 }, proxy]).rejected[0]?.message).toBe(
      "could not be read: no access",
    );
    expect(() => validateTickets([getter], { strict: true })).toThrow(
      "record 0, (record): could not be read: boom",
    );
  });

  test("empty input gives empty lists", () => {
    expect(validate(schema, [])).toEqual({ records: [], rejected: [] });
    expect(validate(schema, [], { strict: true })).toEqual({ records: [], rejected: [] });
  });

  test("a ValidationError shows 20 rejections and counts the rest", () => {
    const input = Array.from({ length: 25 }, () => ({ n: "x" }));
    let error: ValidationError | undefined;
    try {
      validate(schema, input, { strict: true, what: "load" });
    } catch (caught) {
      error = caught as ValidationError;
    }
    const lines = error?.message.split("\n") ?? [];
    expect(lines[0]).toBe("load: 25 of 25 records rejected");
    expect(lines[1]).toBe("  record 0, n: must be a number, got string");
    expect(lines[20]).toBe("  record 19, n: must be a number, got string");
    expect(lines[21]).toBe("  ... and 5 more");
    expect(lines).toHaveLength(22);
    expect(error?.rejected).toHaveLength(25);
  });
});

describe("issues kept per record (issue 12)", () => {
  // One issue per message whose time is unreadable: a record can carry any number of them.
  const ticket = (badMessages: number) => ({
    id: "T1",
    createdAt: AT,
    messages: Array.from({ length: badMessages }, () => ({ at: "x", authorRole: "agent" })),
  });
  const at = (i: number) => ["messages", i, "at"];

  test("keeps the first 20 issues of a record and counts the rest", () => {
    const { rejected } = validateTickets([ticket(25_000), ticket(20), ticket(21)]);
    expect(MAX_ISSUES_PER_RECORD).toBe(20);
    // 25 000 issues: 20 kept, 24 980 counted.
    expect(rejected[0]?.issues.map((issue) => issue.path)).toEqual(
      Array.from({ length: 20 }, (_, i) => at(i)),
    );
    expect(rejected[0]?.moreIssues).toBe(24_980);
    // Exactly 20: all kept, nothing counted (the field is left out).
    expect(rejected[1]?.issues).toHaveLength(20);
    expect(rejected[1]).not.toHaveProperty("moreIssues");
    expect(rejected[2]?.issues).toHaveLength(20);
    expect(rejected[2]?.moreIssues).toBe(1);
  });

  test("the line of a rejection tells how many issues there were", () => {
    const { rejected } = validateTickets([ticket(100_000), ticket(2)]);
    expect(describeRejection(rejected[0] as Rejection)).toBe(
      'record 0, messages[0].at: must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got "x" (100,000 issues, the first 20 kept)',
    );
    expect(describeRejection(rejected[1] as Rejection)).toMatch(/got "x"$/);
  });

  test("validatorFor keeps and counts the same way, and resets the count", () => {
    const check = validatorFor(ticketSchema());
    const bad = check(ticket(50));
    expect([bad.valid, bad.issues.length, bad.moreIssues]).toEqual([false, 20, 30]);
    const good = check(ticket(0));
    expect([good.valid, good.issues.length, good.moreIssues]).toEqual([true, 0, 0]);
    const few = check(ticket(3));
    expect([few.valid, few.issues.length, few.moreIssues]).toEqual([false, 3, 0]);
  });
});

describe("describeRejection", () => {
  const rejection = (path: (string | number)[]): Rejection => ({
    index: 3,
    path,
    code: "custom",
    message: "is required",
    issues: [],
  });

  test("writes nested paths as a reader would", () => {
    expect(describeRejection(rejection(["messages", 0, "at"]))).toBe(
      "record 3, messages[0].at: is required",
    );
    expect(describeRejection(rejection(["createdAt"]))).toBe("record 3, createdAt: is required");
    expect(describeRejection(rejection([]))).toBe("record 3, (record): is required");
  });
});

describe("timestamps that are refused, in a record", () => {
  const ISO = 'must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got';
  const KIND = "must be a Date, an ISO 8601 string or epoch milliseconds, got";
  const RANGE = "must be epoch milliseconds within the Date range, got";
  const YEARS = "must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, got";
  test.each([
    ["null", null, `${KIND} null`],
    ["true", true, `${KIND} true`],
    ["an empty string", "", `${ISO} ""`],
    ["NaN", Number.NaN, `${RANGE} NaN`],
    ["an Invalid Date", new Date(Number.NaN), "is an Invalid Date"],
    ["a US date", "01/02/2026", `${ISO} "01/02/2026"`],
    [
      "30 February",
      "2024-02-30T00:00:00Z",
      'is not a real date and time, got "2024-02-30T00:00:00Z"',
    ],
    ["a huge number", 1e20, `${YEARS} 100000000000000000000`],
    ["the last valid Date (issue 12)", 8.64e15, `${YEARS} 8640000000000000`],
    ["a zone-less string", "2024-03-01 09:00", `${NO_OFFSET} "2024-03-01 09:00"`],
  ])("%s", (_what, createdAt, message) => {
    expect(validateTickets([{ id: "T1", createdAt }]).rejected).toEqual([
      {
        index: 0,
        path: ["createdAt"],
        code: "custom",
        message,
        issues: [{ path: ["createdAt"], code: "custom", message }],
      },
    ]);
  });

  test("Date, ISO with Z or an offset, and epoch milliseconds all give the same instant", () => {
    const inputs = [
      new Date(Date.UTC(2024, 2, 1, 9)),
      "2024-03-01T09:00:00Z",
      "2024-03-01T11:00:00+02:00",
      "2024-03-01T11:00:00+0200",
      "2024-03-01T04:00:00-05",
      Date.UTC(2024, 2, 1, 9),
    ];
    const { records } = validateTickets(inputs.map((createdAt, i) => ({ id: i, createdAt })));
    expect(records.map((r) => r.createdAt.getTime())).toEqual(
      inputs.map(() => Date.UTC(2024, 2, 1, 9)),
    );
  });
});

describe("hostile input", () => {
  afterEach(() => {
    // A failing pollution test must not leak into the next one.
    for (const key of ["polluted", "id", "createdAt"]) {
      delete (Object.prototype as Record<string, unknown>)[key];
    }
  });

  const hostile = [
    '{"__proto__": {"polluted": true}, "id": "T1", "createdAt": "2024-03-01T09:00:00Z"}',
    '{"constructor": {"prototype": {"polluted": true}}, "id": "T2", "createdAt": "2024-03-01T09:00:00Z"}',
    '{"prototype": {"polluted": true}, "id": "T3", "createdAt": "2024-03-01T09:00:00Z"}',
    '{"id": "T4", "createdAt": "2024-03-01T09:00:00Z", "messages": [{"at": "2024-03-01T10:00:00Z", "authorRole": "agent", "__proto__": {"polluted": true}}], "statusChanges": [{"at": "2024-03-01T11:00:00Z", "status": "solved", "constructor": {"prototype": {"polluted": true}}}]}',
    '{"__proto__": {"id": "T5", "createdAt": "2024-03-01T09:00:00Z"}}',
    '{"id": {"__proto__": {"polluted": true}}, "createdAt": "2024-03-01T09:00:00Z"}',
  ];

  test("__proto__, constructor and prototype keys neither pollute nor crash", () => {
    const input = hostile.map((json) => JSON.parse(json));
    // JSON.parse makes them own properties, as a parsed file would.
    expect(Object.hasOwn(input[0], "__proto__")).toBe(true);
    const { records, rejected } = validateTickets(input);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(records.map((r) => r.id)).toEqual(["T1", "T2", "T3", "T4"]);
    for (const record of records) {
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.hasOwn(record, "__proto__")).toBe(false);
      expect(Object.hasOwn(record, "constructor")).toBe(false);
      expect(Object.hasOwn(record, "prototype")).toBe(false);
    }
    expect(Object.hasOwn(records[3]?.messages?.[0] ?? {}, "__proto__")).toBe(false);
    // The fields hidden under "__proto__" are not read as the record's own.
    expect(rejected.map((r) => [r.index, r.path, r.message])).toEqual([
      [4, ["id"], "is required"],
      [5, ["id"], "must be a string or a number, got object"],
    ]);
  });

  test("the same keys in every other record kind", () => {
    const polluting =
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}';
    validateSurveyResponses([
      JSON.parse(
        `${polluting}, "id": 1, "kind": "nps", "score": 9, "respondedAt": 0, "scale": ${polluting}, "min": 0, "max": 10}}`,
      ),
    ]);
    validateCustomers([
      JSON.parse(
        `${polluting}, "id": 1, "startedAt": 0, "mrr": [${polluting}, "at": 0, "amount": 1}]}`,
      ),
    ]);
    validatePurchases([
      JSON.parse(`${polluting}, "customerId": 1, "purchasedAt": 0, "amount": 1}`),
    ]);
    validateSupportCosts([JSON.parse(`${polluting}, "incurredAt": 0, "amount": 1}`)]);
    validateAgentShifts([
      JSON.parse(`${polluting}, "agentId": 1, "scheduled": ${polluting}, "start": 0, "end": 1}}`),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("a 10 MB string in any field gives a short message and no crash", () => {
    const huge = "x".repeat(10_000_000);
    const fields = ["id", "createdAt", "channel", "status", "customerId", "firstResponseAt"];
    const { rejected } = validateTickets(
      fields.map((field) => ({ id: "T", createdAt: AT, [field]: huge })),
    );
    expect(rejected.map((r) => r.path)).toEqual(fields.map((field) => [field]));
    for (const r of rejected) {
      expect(r.message.length).toBeLessThan(300);
      expect(describeRejection(r).length).toBeLessThan(300);
    }
    const nested = validateTickets([
      { id: "T", createdAt: AT, tags: [huge], messages: [{ at: huge, authorRole: huge }] },
    ]).rejected[0];
    expect(nested?.issues.map((issue) => issue.path)).toEqual([
      ["tags", 0],
      ["messages", 0, "at"],
      ["messages", 0, "authorRole"],
    ]);
    for (const issue of nested?.issues ?? []) expect(issue.message.length).toBeLessThan(300);
    const survey = validateSurveyResponses([{ id: 1, kind: huge, respondedAt: huge }]).rejected[0];
    for (const issue of survey?.issues ?? []) expect(issue.message.length).toBeLessThan(300);
  });

  test("a strict error over huge strings stays short", () => {
    const huge = "y".repeat(10_000_000);
    let error: ValidationError | undefined;
    try {
      validateTickets([{ id: huge, createdAt: huge }], { strict: true });
    } catch (caught) {
      error = caught as ValidationError;
    }
    expect(error?.message).toBe(
      "validateTickets: 1 of 1 records rejected\n  record 0, id: must be at most 1024 characters long",
    );
    expect(error?.rejected[0]?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [["id"], "must be at most 1024 characters long"],
      [
        ["createdAt"],
        `must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got "${"y".repeat(40)}…"`,
      ],
    ]);
  });

  test("zone-less strings are rejected, and read in the zone when one is given", () => {
    const input = [{ id: "T1", createdAt: "2024-03-10T02:30" }];
    expect(validateTickets(input).rejected[0]?.message).toBe(`${NO_OFFSET} "2024-03-10T02:30"`);
    // In the New York spring-forward gap: forward to 03:30 EDT = 07:30 UTC.
    expect(validateTickets(input, { timeZone: "America/New_York" }).records[0]?.createdAt).toEqual(
      new Date(Date.UTC(2024, 2, 10, 7, 30)),
    );
  });
});
