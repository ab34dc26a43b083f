import { describe, expect, test } from "vitest";
import { customerSchema, purchaseSchema, supportCostSchema } from "../schemas/customer.ts";
import { agentShiftSchema } from "../schemas/shift.ts";
import { surveyResponseSchema } from "../schemas/survey.ts";
import { ticketSchema } from "../schemas/ticket.ts";
import {
  compileMapping,
  parseBooleanCell,
  parseNumberCell,
  RECORD_FIELDS,
  type RecordKind,
} from "./mapping.ts";

function mapRow(
  kind: RecordKind,
  mapping: Parameters<typeof compileMapping>[1],
  row: Record<string, unknown>,
  options = {},
) {
  const record: Record<string, unknown> = {};
  const issues = compileMapping(kind, mapping, options).map(row, record);
  return { record, issues };
}

describe("RECORD_FIELDS", () => {
  // A validated record of each kind has every field of the schema: the table must list them
  // all (agent shifts add the derived startsAt).
  const samples: [RecordKind, () => object][] = [
    ["tickets", () => ticketSchema().parse({ id: "T", createdAt: 0 })],
    ["surveyResponses", () => surveyResponseSchema().parse({ id: "S", kind: "nps", sentAt: 0 })],
    ["customers", () => customerSchema().parse({ id: "C", startedAt: 0 })],
    ["purchases", () => purchaseSchema().parse({ customerId: "C", purchasedAt: 0, amount: 1 })],
    ["supportCosts", () => supportCostSchema().parse({ incurredAt: 0, amount: 1 })],
    [
      "agentShifts",
      () => agentShiftSchema().parse({ agentId: "A", scheduled: { start: 0, end: 1 } }),
    ],
  ];
  test.each(samples)("lists every field of %s", (kind, sample) => {
    const fields = Object.keys(sample()).filter((key) => key !== "startsAt");
    expect(Object.keys(RECORD_FIELDS[kind].fields).sort()).toEqual(fields.sort());
  });

  test("reads each field's cell type from the kind's table", () => {
    // The table the readers kept by hand before the record tables existed, for tickets.
    expect(RECORD_FIELDS.tickets.fields).toEqual({
      id: "text",
      source: "text",
      createdAt: "timestamp",
      channel: "text",
      priority: "text",
      status: "text",
      assigneeId: "text",
      groupId: "text",
      customerId: "text",
      firstCustomerMessageAt: "timestamp",
      firstResponseAt: "timestamp",
      firstResolvedAt: "timestamp",
      lastResolvedAt: "timestamp",
      closedAt: "timestamp",
      reopenCount: "number",
      agentReplyCount: "number",
      handleSeconds: "number",
      escalated: "boolean",
      tags: "list",
      category: "text",
      messages: "json",
      statusChanges: "json",
      assignments: "json",
    });
    expect(RECORD_FIELDS.surveyResponses.fields).toMatchObject({ scale: "json", score: "number" });
    expect(RECORD_FIELDS.agentShifts.fields).toMatchObject({ scheduled: "json", loggedIn: "json" });
  });

  test("names each kind and its required fields", () => {
    expect(
      Object.fromEntries(
        Object.entries(RECORD_FIELDS).map(([kind, spec]) => [kind, [spec.noun, spec.required]]),
      ),
    ).toEqual({
      tickets: ["ticket", ["id", "createdAt"]],
      surveyResponses: ["survey response", ["id", "kind"]],
      customers: ["customer", ["id", "startedAt"]],
      purchases: ["purchase", ["customerId", "purchasedAt", "amount"]],
      supportCosts: ["support cost", ["incurredAt", "amount"]],
      agentShifts: ["agent shift", ["agentId"]],
      sessions: ["self-service session", ["id", "startedAt", "kind"]],
      subscriptionChanges: ["subscription change", ["customerId", "at"]],
      signups: ["sign-up", ["customerId"]],
      queueContacts: ["queue contact", ["id", "offeredAt"]],
    });
  });

  test("documents every field in one line", () => {
    for (const spec of Object.values(RECORD_FIELDS)) {
      expect(Object.keys(spec.docs)).toEqual(Object.keys(spec.fields));
      for (const doc of Object.values(spec.docs)) expect(doc).toMatch(/^[A-Z`].{8,120}\.$/);
    }
    expect(RECORD_FIELDS.tickets.docs.escalated).toBe(
      "Whether the ticket was escalated; absent: unknown (null), not false.",
    );
  });
});

describe("parseNumberCell", () => {
  test('handles "", "NaN", "1,5" and plain numbers explicitly', () => {
    expect(parseNumberCell("")).toBeUndefined();
    expect(parseNumberCell("   ")).toBeUndefined();
    expect(parseNumberCell("NaN")).toBe('must be a number, got "NaN"');
    expect(parseNumberCell("Infinity")).toBe('must be a number, got "Infinity"');
    expect(parseNumberCell("1,5")).toMatch(/decimal point/);
    expect(parseNumberCell("1,5", true)).toBe(1.5);
    expect(parseNumberCell("1,234,567", true)).toBe('must be a number, got "1,234,567"');
    expect(parseNumberCell("0x10")).toBe('must be a number, got "0x10"');
    expect(parseNumberCell("12abc")).toBe('must be a number, got "12abc"');
    expect(parseNumberCell(" -3.25 ")).toBe(-3.25);
    expect(parseNumberCell(".5")).toBe(0.5);
    expect(parseNumberCell("5.")).toBe(5);
    expect(parseNumberCell("1e3")).toBe(1000);
  });

  // Issue 12: the old pattern backtracked quadratically (10^5 digits and an "x": 4.5 s, 10^6:
  // over 120 s). Linear, 10^6 digits take milliseconds; the timeout is what fails a regression.
  test("refuses a cell of 10^6 digits and an x in linear time", { timeout: 5_000 }, () => {
    const digits = "1".repeat(1_000_000);
    expect(parseNumberCell(`${digits}x`)).toBe(`must be a number, got "${"1".repeat(40)}…"`);
    expect(parseNumberCell(`${digits}.${digits}e${digits}x`)).toMatch(/^must be a number/);
    expect(parseNumberCell(`${digits},${digits}x`, true)).toMatch(/^must be a number/);
    expect(parseNumberCell(`${digits}`)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("parseBooleanCell", () => {
  test("true/false, 1/0, yes/no in any case", () => {
    expect(["true", "TRUE", "1", "yes", "Y"].map(parseBooleanCell)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["false", "False", "0", "no", "n"].map(parseBooleanCell)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(parseBooleanCell("")).toBeUndefined();
    expect(parseBooleanCell("2")).toMatch(/must be true or false/);
  });
});

describe("compileMapping", () => {
  test("columns, constants, functions and per-column formats", () => {
    const { record, issues } = mapRow(
      "tickets",
      {
        id: "Ticket ID",
        createdAt: { column: "Created", format: "MM/DD/YYYY hh:mm A", timeZone: "America/Chicago" },
        channel: { value: "email" },
        priority: (row) => String(row.Priority).toLowerCase(),
        tags: { column: "Tags", separator: " " },
        escalated: "Escalated",
        reopenCount: "Reopens",
        status: { column: "Status", values: { Solved: "solved" } },
      },
      {
        "Ticket ID": "42",
        Created: "03/01/2024 09:00 AM",
        Priority: "HIGH",
        Tags: " vip  login ",
        Escalated: "Yes",
        Reopens: "2",
        Status: " Solved ",
        Ignored: "whatever",
      },
    );
    expect(issues).toEqual([]);
    expect(record).toEqual({
      id: "42",
      createdAt: Date.UTC(2024, 2, 1, 15),
      channel: "email",
      priority: "high",
      tags: ["vip", "login"],
      escalated: true,
      reopenCount: 2,
      status: "solved",
    });
  });

  test("empty cells are left out, so defaults and 'is required' apply", () => {
    const { record, issues } = mapRow(
      "tickets",
      { id: "id", createdAt: "created", handleSeconds: "h", escalated: "e", firstResponseAt: "f" },
      { id: "T1", created: "2024-03-01T09:00:00Z", h: "", e: "", f: " " },
    );
    expect(issues).toEqual([]);
    // ...except where "none" differs from "not given": an empty first-reply cell says none.
    expect(record).toEqual({ id: "T1", createdAt: Date.UTC(2024, 2, 1, 9), firstResponseAt: null });
  });

  test("cells that cannot be read are issues naming the field and the column", () => {
    const { issues } = mapRow(
      "tickets",
      {
        id: "id",
        createdAt: "Created",
        handleSeconds: "Handle",
        escalated: "Esc",
        messages: "Msgs",
      },
      { id: "T1", Created: "2024-03-01 09:00", Handle: "1,5", Esc: "perhaps", Msgs: "[oops" },
    );
    expect(issues).toEqual([
      {
        field: "createdAt",
        column: "Created",
        message: expect.stringMatching(/^has no UTC offset/),
      },
      { field: "handleSeconds", column: "Handle", message: expect.stringMatching(/decimal point/) },
      { field: "escalated", column: "Esc", message: expect.stringMatching(/true or false/) },
      { field: "messages", column: "Msgs", message: 'must be JSON text, got "[oops"' },
    ]);
  });

  test("the reader's zone reads zone-less timestamps; a column's own zone wins", () => {
    const { record } = mapRow(
      "tickets",
      { id: "id", createdAt: "c", firstResponseAt: { column: "r", timeZone: "Asia/Tokyo" } },
      { id: "T", c: "2024-03-01 09:00", r: "2024-03-01 19:00" },
      { timeZone: "Europe/Berlin" },
    );
    expect(record.createdAt).toBe(Date.UTC(2024, 2, 1, 8));
    expect(record.firstResponseAt).toBe(Date.UTC(2024, 2, 1, 10));
  });

  test("digits are not guessed as epoch: formats x (ms) and X (seconds) say so", () => {
    const { record, issues } = mapRow(
      "tickets",
      {
        id: "id",
        createdAt: { column: "s", format: "X" },
        firstResponseAt: { column: "ms", format: "x" },
        closedAt: "plain",
      },
      { id: "T", s: "1709283600", ms: "1709283700000", plain: "1709283600" },
    );
    expect(record.createdAt).toBe(1709283600000);
    expect(record.firstResponseAt).toBe(1709283700000);
    expect(issues).toEqual([
      {
        field: "closedAt",
        column: "plain",
        message: expect.stringMatching(/^must be an ISO 8601 timestamp/),
      },
    ]);
  });

  test("a function that throws is an issue of its field, not a crash", () => {
    const { issues } = mapRow(
      "tickets",
      {
        id: "id",
        createdAt: () => {
          throw new Error("no such column");
        },
      },
      { id: "T" },
    );
    expect(issues).toEqual([
      { field: "createdAt", column: null, message: "mapping function threw: no such column" },
    ]);
  });

  test("reads only own keys of a row: a column named like an Object.prototype member is absent", () => {
    const { record } = mapRow("tickets", { id: "constructor", createdAt: "toString" }, {});
    expect(record).toEqual({});
  });

  test("non-text values (JSON sources) pass through to validation unchanged", () => {
    const { record } = mapRow(
      "tickets",
      { id: "id", createdAt: "at", tags: "t" },
      { id: 7, at: 0, t: ["a"] },
    );
    expect(record).toEqual({ id: 7, createdAt: 0, tags: ["a"] });
  });

  test("mistakes in a mapping throw once, naming the field", () => {
    expect(() =>
      compileMapping("tickets", { id: "id", createdAt: "c", subject: "Subject" }),
    ).toThrow(/^compileMapping: mapping.subject must be a ticket field \(id, createdAt, /);
    expect(() =>
      compileMapping("tickets", JSON.parse('{"id":"id","createdAt":"c","__proto__":"x"}')),
    ).toThrow(/mapping.__proto__ must be a ticket field/);
    expect(() => compileMapping("tickets", { id: "id" })).toThrow(
      "compileMapping: mapping must fill the required ticket field createdAt",
    );
    expect(() => compileMapping("tickets", { id: "", createdAt: "c" })).toThrow(
      'compileMapping: mapping.id must name a column, got ""',
    );
    expect(() =>
      compileMapping("tickets", { id: { column: "x", format: "YYYY" }, createdAt: "c" }),
    ).toThrow(
      "compileMapping: mapping.id is not a timestamp field, so it takes no format or timeZone",
    );
    expect(() =>
      compileMapping("tickets", { id: "i", createdAt: { column: "c", format: "YYYY-MM-DD" } }),
    ).toThrow(/timeZone must be given for format/);
    expect(() =>
      compileMapping("tickets", { id: "i", createdAt: "c" }, { timeZone: "Nowhere/City" }),
    ).toThrow('compileMapping: timeZone must be an IANA time zone name, got "Nowhere/City"');
    expect(() => compileMapping("tickets", { id: 5 as unknown as string, createdAt: "c" })).toThrow(
      "compileMapping: mapping.id must be a column name, { column }, { value } or a function, got 5",
    );
    expect(() => compileMapping("nope" as RecordKind, undefined)).toThrow(/kind must be one of/);
  });

  test("without a mapping, each field reads the column of its own name", () => {
    const mapper = compileMapping("purchases", undefined);
    expect(mapper.columns).toEqual(["id", "customerId", "purchasedAt", "amount"]);
  });
});

describe("an empty cell where not given and none differ (issue 11)", () => {
  const mapping = { id: "id", createdAt: "created", firstResponseAt: "first_reply" };
  const validated = (row: Record<string, unknown>) =>
    ticketSchema({ timeZone: "UTC" }).parse(mapRow("tickets", mapping, row).record);

  test("an empty first-reply cell in a file that has the column is never answered (null)", () => {
    const ticket = validated({ id: "1", created: "2024-03-01T09:00:00Z", first_reply: " " });
    expect(ticket.firstResponseAt).toBeNull();
  });

  test("a file without the column leaves the first reply not given (undefined)", () => {
    const ticket = validated({ id: "1", created: "2024-03-01T09:00:00Z" });
    expect(ticket.firstResponseAt).toBeUndefined();
  });

  test("a given first reply is read as usual", () => {
    const ticket = validated({
      id: "1",
      created: "2024-03-01T09:00:00Z",
      first_reply: "2024-03-01T09:30:00Z",
    });
    expect(ticket.firstResponseAt).toEqual(new Date("2024-03-01T09:30:00Z"));
  });

  test("only such fields read an empty cell as null", () => {
    expect(RECORD_FIELDS.tickets.emptyIsNull).toEqual(["firstResponseAt"]);
  });
});
