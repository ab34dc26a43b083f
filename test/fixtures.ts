/**
 * Builders for tests: each takes the fields that matter to a test and fills the rest, and
 * runs the result through the real schema, so tests use records exactly as users get them.
 */
import {
  type CustomerInput,
  customerSchema,
  type PurchaseInput,
  purchaseSchema,
  type SupportCostInput,
  supportCostSchema,
} from "../src/schemas/customer.ts";
import { type AgentShiftInput, agentShiftSchema } from "../src/schemas/shift.ts";
import { type SurveyResponseInput, surveyResponseSchema } from "../src/schemas/survey.ts";
import { type TicketInput, ticketSchema } from "../src/schemas/ticket.ts";

let nextId = 1;

/** Epoch milliseconds of an ISO string: `at("2024-03-01T09:00:00Z")`. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`fixtures: bad instant ${iso}`);
  return ms;
}

/** A validated ticket; `createdAt` defaults to 2024-03-01T09:00:00Z. */
export function ticket(fields: Partial<TicketInput> = {}) {
  // The counted fields a test leaves out say what an export with those columns says of a quiet
  // ticket (not escalated; never answered or reopened unless messages or status changes tell
  // otherwise): the schema itself keeps a missing column unknown (issue 11).
  return ticketSchema().parse({
    id: `T${nextId++}`,
    createdAt: "2024-03-01T09:00:00Z",
    escalated: false,
    ...(fields.messages == null ? { firstResponseAt: null } : {}),
    ...(fields.statusChanges == null ? { reopenCount: 0 } : {}),
    ...fields,
  });
}

/** A validated survey response; `survey("csat", 4)`. `respondedAt` defaults to 2024-03-01T09:00:00Z. */
export function survey(
  kind: "nps" | "csat" | "ces",
  score: number | null,
  fields: Partial<SurveyResponseInput> = {},
) {
  return surveyResponseSchema().parse({
    id: `S${nextId++}`,
    kind,
    score,
    ...(score === null
      ? { sentAt: "2024-03-01T08:00:00Z" }
      : { respondedAt: "2024-03-01T09:00:00Z" }),
    ...fields,
  });
}

/** A validated customer; `startedAt` defaults to 2024-01-01T00:00:00Z. */
export function customer(fields: Partial<CustomerInput> = {}) {
  return customerSchema().parse({
    id: `C${nextId++}`,
    startedAt: "2024-01-01T00:00:00Z",
    ...fields,
  });
}

/** `n` validated customers with the same `startedAt` and `endedAt` (open by default). */
export function customers(n: number, startedAt: string, endedAt: string | null = null) {
  return Array.from({ length: n }, () => customer({ startedAt, endedAt }));
}

/** A validated purchase. */
export function purchase(fields: Partial<PurchaseInput> = {}) {
  return purchaseSchema().parse({
    customerId: "C0",
    purchasedAt: "2024-01-01T00:00:00Z",
    amount: 10,
    ...fields,
  });
}

/** A validated support cost entry. */
export function supportCost(fields: Partial<SupportCostInput> = {}) {
  return supportCostSchema().parse({ incurredAt: "2024-01-31T00:00:00Z", amount: 1000, ...fields });
}

/** A validated agent shift; defaults to agent "ana" scheduled 09:00–17:00 UTC on 2024-03-04. */
export function shift(fields: Partial<AgentShiftInput> = {}) {
  return agentShiftSchema().parse({
    agentId: "ana",
    scheduled: { start: "2024-03-04T09:00:00Z", end: "2024-03-04T17:00:00Z" },
    ...fields,
  });
}
