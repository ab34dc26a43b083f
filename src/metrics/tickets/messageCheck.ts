/**
 * The check reply time and SLA attainment run on each message of a ticket that never went
 * through the schema (recordError.ts). Internal: not exported from the package's root.
 */
import { isInstant } from "../../reduce/recordError.ts";
import { AUTHOR_ROLES, type TicketMessage } from "../../schemas/ticket.ts";

/** What a message list must be, for the error. */
export const MESSAGES = "a list of messages { at: a valid Date, authorRole, public, automated }";

/**
 * Whether a value has the message fields reply time (and SLA attainment) reads, of the right
 * kinds: a cheap check for records that never went through the schema (recordError.ts).
 *
 * @example
 * const at = new Date("2024-03-01T09:00:00Z");
 * [isMessage({ at, authorRole: "agent", public: true, automated: false }),
 *   isMessage({ at, authorRole: "robot" }), isMessage({ at: "09:00", authorRole: "agent" })]
 * //=> [true, false, false]
 */
export function isMessage(message: unknown): message is TicketMessage {
  if (typeof message !== "object" || message === null) return false;
  const { at, authorRole, public: isPublic, automated } = message as Record<string, unknown>;
  return (
    isInstant(at) &&
    // A role that is not a string is in no list of strings: no typeof check needed.
    (AUTHOR_ROLES as readonly unknown[]).includes(authorRole) &&
    (typeof isPublic === "boolean" || isPublic === undefined) &&
    (typeof automated === "boolean" || automated === undefined)
  );
}
