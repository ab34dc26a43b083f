import type * as z from "zod/mini";
import {
  defineRecord,
  type FieldValues,
  orderRules,
  type RecordInputOf,
  type RecordOf,
  type Report,
} from "./fieldTable.ts";
import { schemaFor } from "./recordSchema.ts";
import type { TimestampOptions } from "./timestamp.ts";

/**
 * The queue contact record at the boundary: one call, chat or messaging conversation offered
 * to a queue, as an ACD, a telephony platform or a chat tool exports it. The queue metrics
 * (src/metrics/queues) read these records; this table is what the readers and `validate`
 * accept. Unknown is never zero: every field a source may not know is `null` when absent.
 */

const queueContactFields = {
  id: { kind: "identifier", absent: "required", doc: "The contact's (call's, chat's) id." },
  queue: {
    kind: "label",
    absent: null,
    doc: "The queue (skill, split, inbox) it was offered to.",
  },
  channel: {
    kind: "label",
    absent: null,
    doc: "Phone, chat, email, messaging..., as the source names it.",
  },
  offeredAt: {
    kind: "timestamp",
    absent: "required",
    doc: "When it reached the queue: its wait starts here; places it in a period.",
  },
  answeredAt: {
    kind: "timestamp",
    absent: null,
    doc: "When an agent answered it; null when not answered or not known.",
  },
  abandonedAt: {
    kind: "timestamp",
    absent: null,
    doc: "When the customer gave up waiting; null when they did not or it is not known.",
  },
  talkSeconds: {
    kind: "number",
    min: 0,
    absent: null,
    doc: "Seconds of conversation once answered (a chat: until it closed).",
  },
  holdSeconds: {
    kind: "number",
    min: 0,
    absent: "undefined",
    doc: "Seconds on hold; no column: hold is counted inside talk; empty: unknown.",
  },
  wrapSeconds: {
    kind: "number",
    min: 0,
    absent: null,
    doc: "Seconds of after-contact work (wrap-up, notes).",
  },
  agentId: { kind: "identifier", absent: null, doc: "The agent who answered it." },
} as const;

type QueueContactFields = FieldValues<typeof queueContactFields>;

const checkContactOrder = orderRules<QueueContactFields>([
  ["answeredAt", "offeredAt"],
  ["abandonedAt", "offeredAt"],
]);

/**
 * A contact's rules between fields: it ends after it was offered, and it cannot be both
 * answered and abandoned (a record that says both contradicts itself; left to the metrics it
 * would be excluded from every one of them, so it is refused here with its reason).
 */
function checkQueueContact(contact: QueueContactFields, report: Report): void {
  checkContactOrder(contact, report);
  if (contact.answeredAt !== null && contact.abandonedAt !== null) {
    report(["abandonedAt"], "must be empty when answeredAt is set", contact.abandonedAt);
  }
}

/**
 * Keeps the `holdSeconds` key when the source had no hold column, as the fast path's record
 * has it: Zod leaves an absent optional key out, and the two paths must give the same record.
 */
function completeQueueContact(contact: QueueContactFields): QueueContactFields {
  // Assigning creates the key where Zod left it out.
  if (contact.holdSeconds === undefined) contact.holdSeconds = undefined;
  return contact;
}

const queueContactRecord = defineRecord({
  noun: "queue contact",
  fields: queueContactFields,
  check: checkQueueContact,
  complete: completeQueueContact,
});

/**
 * A validated queue contact. It is a `QueueContact` as the queue metrics take it; `holdSeconds`
 * is `undefined` when the source had no hold column.
 */
export interface QueueContactRecord extends RecordOf<typeof queueContactRecord> {}

/** A queue contact as a caller may give it: timestamps as Dates, ISO strings or epoch ms. */
export type QueueContactInput = RecordInputOf<typeof queueContactRecord>;

/**
 * The Zod schema of a queue contact. Pass `timeZone` to read timestamps written without an
 * offset as local times in that zone.
 *
 * @example
 * const contact = queueContactSchema().parse({
 *   id: 42, offeredAt: "2024-03-04T09:00:00Z", answeredAt: "2024-03-04T09:00:12Z", talkSeconds: 240,
 * });
 * [contact.id, contact.answeredAt.toISOString(), contact.wrapSeconds, contact.holdSeconds]
 * //=> ["42", "2024-03-04T09:00:12.000Z", null, undefined]
 */
export function queueContactSchema(
  options: TimestampOptions = {},
): z.ZodMiniType<QueueContactRecord, unknown> {
  return schemaFor(queueContactRecord, options);
}

/** The queue contact schema for timestamps that carry their own offset. */
export const QueueContactSchema = /* @__PURE__ */ queueContactSchema();
