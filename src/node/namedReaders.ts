/**
 * The named readers: {@link readRecords} for one kind each, with the kind's record type.
 */
import type { Customer, Purchase, SupportCost } from "../schemas/customer.ts";
import type { QueueContactRecord } from "../schemas/queueContact.ts";
import type { Session } from "../schemas/session.ts";
import type { AgentShift } from "../schemas/shift.ts";
import type { Signup, SubscriptionChange } from "../schemas/subscription.ts";
import type { SurveyResponse } from "../schemas/survey.ts";
import type { Ticket } from "../schemas/ticket.ts";
import { type ReadOptions, type RecordReader, reader } from "./readRecords.ts";
import type { ReadSource } from "./source.ts";

/** Options of the named readers: {@link ReadOptions} without `kind`. */
export type NamedReadOptions = Omit<ReadOptions, "kind">;

/**
 * Reads tickets from a file or stream; see {@link readRecords}.
 *
 * @example
 * const reader = readTickets(['[{"id": "T1", "createdAt": "2024-03-01T09:00:00Z", "status": "solved"}]'], { format: "json" });
 * reader.toArray().then((tickets) => [tickets[0].status, reader.summary.valid])
 * //=> ["solved", 1]
 */
export function readTickets(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<Ticket> {
  return reader(source, { ...options, kind: "tickets" }, "readTickets");
}

/**
 * Reads survey responses (NPS, CSAT, CES); see {@link readRecords}.
 *
 * @example
 * const reader = readSurveyResponses(['id,kind,score,respondedAt\n', 's1,nps,9,2024-03-01T10:00:00Z\n'], { format: "csv" });
 * reader.toArray().then((responses) => responses[0].score)
 * //=> 9
 */
export function readSurveyResponses(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<SurveyResponse> {
  return reader(source, { ...options, kind: "surveyResponses" }, "readSurveyResponses");
}

/**
 * Reads customers (or subscriptions); see {@link readRecords}.
 *
 * @example
 * const reader = readCustomers(['{"id":"c1","startedAt":"2024-01-01T00:00:00Z"}\n'], { format: "ndjson" });
 * reader.toArray().then((customers) => customers[0].endedAt)
 * //=> null
 */
export function readCustomers(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<Customer> {
  return reader(source, { ...options, kind: "customers" }, "readCustomers");
}

/**
 * Reads purchases; see {@link readRecords}.
 *
 * @example
 * const reader = readPurchases(["customer;date;total\n", "c1;2024-01-05;19,90\n"], {
 *   format: "csv", delimiter: ";", decimalComma: true, timeZone: "Europe/Rome",
 *   mapping: { customerId: "customer", purchasedAt: "date", amount: "total" },
 * });
 * reader.toArray().then((purchases) => purchases[0].amount)
 * //=> 19.9
 */
export function readPurchases(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<Purchase> {
  return reader(source, { ...options, kind: "purchases" }, "readPurchases");
}

/**
 * Reads support cost entries; see {@link readRecords}.
 *
 * @example
 * const reader = readSupportCosts(['[{"incurredAt": "2024-01-31T00:00:00Z", "amount": 12000}]'], { format: "json" });
 * reader.toArray().then((costs) => costs[0].amount)
 * //=> 12000
 */
export function readSupportCosts(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<SupportCost> {
  return reader(source, { ...options, kind: "supportCosts" }, "readSupportCosts");
}

/**
 * Reads agent shifts; see {@link readRecords}. From CSV, interval fields hold JSON text.
 *
 * @example
 * const reader = readAgentShifts(['{"agentId":"ana","scheduled":{"start":"2024-03-04T09:00:00Z","end":"2024-03-04T17:00:00Z"}}'], { format: "ndjson" });
 * reader.toArray().then((shifts) => shifts[0].startsAt.toISOString())
 * //=> "2024-03-04T09:00:00.000Z"
 */
export function readAgentShifts(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<AgentShift> {
  return reader(source, { ...options, kind: "agentShifts" }, "readAgentShifts");
}

/**
 * Reads self-service sessions (help-center article views, searches, bot flows); see
 * {@link readRecords}. An empty `customerId` is an anonymous visitor (`null`).
 *
 * @example
 * const reader = readSessions(["id,startedAt,kind,customerId\n", "s1,2024-03-01T09:00:00Z,search,\n"], { format: "csv" });
 * reader.toArray().then((sessions) => [sessions[0].kind, sessions[0].customerId])
 * //=> ["search", null]
 */
export function readSessions(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<Session> {
  return reader(source, { ...options, kind: "sessions" }, "readSessions");
}

/**
 * Reads subscription changes (from `at` on, the customer pays `mrr` a month; 0 to cancel);
 * see {@link readRecords}. An empty `mrr` cell is an unknown amount (`null`), never 0.
 *
 * @example
 * const reader = readSubscriptionChanges(["account;from;mrr\n", "a1;2024-01-15;49,90\n", "a1;2024-03-01;\n"], {
 *   format: "csv", delimiter: ";", decimalComma: true, timeZone: "Europe/Paris",
 *   mapping: { customerId: "account", at: "from", mrr: "mrr" },
 * });
 * reader.toArray().then((changes) => changes.map((c) => [c.at.toISOString(), c.mrr]))
 * //=> [["2024-01-14T23:00:00.000Z", 49.9], ["2024-02-29T23:00:00.000Z", null]]
 */
export function readSubscriptionChanges(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<SubscriptionChange> {
  return reader(source, { ...options, kind: "subscriptionChanges" }, "readSubscriptionChanges");
}

/**
 * Reads sign-ups, with when each customer reached the activation event; see
 * {@link readRecords}. An activation before its sign-up is a rejected row.
 *
 * @example
 * const reader = readSignups([
 *   '{"customerId":"c1","signedUpAt":"2024-03-01T09:00:00Z","activatedAt":"2024-03-02T10:00:00Z"}\n',
 *   '{"customerId":"c2","signedUpAt":"2024-03-05T09:00:00Z","activatedAt":"2024-03-04T10:00:00Z"}\n',
 * ], { format: "ndjson" });
 * reader.toArray().then((signups) => [signups.length, reader.summary.rejected])
 * //=> [1, 1]
 */
export function readSignups(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<Signup> {
  return reader(source, { ...options, kind: "signups" }, "readSignups");
}

/**
 * Reads queue contacts (calls, chats offered to a queue); see {@link readRecords}. A file
 * without a hold column leaves `holdSeconds` undefined (hold counted inside talk); an empty
 * cell in one is unknown (`null`).
 *
 * @example
 * const reader = readQueueContacts([
 *   "id,queue,offeredAt,answeredAt,talkSeconds,wrapSeconds\n",
 *   "c1,sales,2024-03-04T09:00:00Z,2024-03-04T09:00:12Z,240,30\n",
 * ], { format: "csv" });
 * reader.toArray().then((contacts) => [contacts[0].queue, contacts[0].talkSeconds, contacts[0].abandonedAt])
 * //=> ["sales", 240, null]
 */
export function readQueueContacts(
  source: ReadSource,
  options: NamedReadOptions = {},
): RecordReader<QueueContactRecord> {
  return reader(source, { ...options, kind: "queueContacts" }, "readQueueContacts");
}
