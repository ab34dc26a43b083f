import type * as z from "zod/mini";
import { defineRecord, type RecordInputOf, type RecordOf } from "./fieldTable.ts";
import { schemaFor } from "./recordSchema.ts";
import type { TimestampOptions } from "./timestamp.ts";

/**
 * What a self-service session was: a help-center article read, a help-center search, or a
 * bot flow (a chatbot conversation that ran without an agent, unless it handed off).
 */
export const SESSION_KINDS = ["articleView", "search", "botFlow"] as const;
/** A self-service session kind. */
export type SessionKind = (typeof SESSION_KINDS)[number];

const sessionRecord = defineRecord({
  noun: "self-service session",
  fields: {
    id: { kind: "identifier", absent: "required", doc: "The session's id." },
    startedAt: {
      kind: "timestamp",
      absent: "required",
      doc: "When the session began; places it in a period.",
    },
    kind: {
      kind: "enum",
      values: SESSION_KINDS,
      absent: "required",
      doc: "Article view, search or bot flow.",
    },
    customerId: {
      kind: "identifier",
      absent: null,
      doc: "The customer; null for an anonymous visitor.",
    },
    topic: { kind: "label", absent: null, doc: "The article, search topic or bot flow, if known." },
    handedOff: {
      kind: "flag",
      absent: null,
      doc: "Whether a bot flow ended in a hand-off to an agent; null when unknown or not a bot flow.",
    },
    source: {
      kind: "label",
      absent: null,
      doc: "The helpdesk instance or brand it came from, as on tickets.",
    },
  },
});

/** A validated self-service session (help-center view or search, or bot flow). */
export interface Session extends RecordOf<typeof sessionRecord> {}

/** A session as a caller may give it: timestamps as Dates, ISO strings or epoch milliseconds. */
export type SessionInput = RecordInputOf<typeof sessionRecord>;

/**
 * The Zod schema of a self-service session. Pass `timeZone` to read timestamps written
 * without an offset as local times in that zone.
 *
 * @example
 * const session = sessionSchema().parse({ id: 1, startedAt: "2024-03-01T09:00:00Z", kind: "search" });
 * [session.id, session.customerId, session.handedOff]
 * //=> ["1", null, null]
 */
export function sessionSchema(options: TimestampOptions = {}): z.ZodMiniType<Session, unknown> {
  return schemaFor(sessionRecord, options);
}

/** The session schema for timestamps that carry their own offset. */
export const SessionSchema = sessionSchema();
