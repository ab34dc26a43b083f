import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arbitraryContacts } from "../../../test/fixtures/queueContacts.ts";
import { reducerLaws, totalExcluded } from "../../../test/laws.ts";
import { reduce } from "../../reduce/reduce.ts";
import { type ChatConcurrencyInput, chatConcurrencyReducer } from "./chatConcurrency.ts";
import { contactOutcome } from "./contact.ts";

/**
 * The oracle: per agent, sweep the start and end events in time order, integrating the
 * number of open chats and the time at least one is open (no interval union involved).
 */
function sweep(contacts: readonly ChatConcurrencyInput[]): { open: number; busy: number } {
  const events = new Map<string, [number, number][]>();
  for (const contact of contacts) {
    if (contactOutcome(contact) !== "answered" || contact.agentId == null) continue;
    if (contact.talkSeconds == null) continue;
    const start = (contact.answeredAt as Date).getTime();
    const end = start + Math.round(contact.talkSeconds * 1000);
    const list = events.get(contact.agentId) ?? [];
    list.push([start, 1], [end, -1]);
    events.set(contact.agentId, list);
  }
  let open = 0;
  let busy = 0;
  for (const list of events.values()) {
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let count = 0;
    let previous = 0;
    for (const [at, step] of list) {
      if (count > 0) {
        open += count * (at - previous);
        busy += at - previous;
      }
      count += step;
      previous = at;
    }
  }
  return { open: open / 1000, busy: busy / 1000 };
}

describe("chatConcurrency properties", () => {
  reducerLaws(() => chatConcurrencyReducer(), arbitraryContacts);

  test("agrees with an event sweep, and is at least 1 whenever defined", () => {
    fc.assert(
      fc.property(arbitraryContacts, (contacts) => {
        const result = reduce(contacts, chatConcurrencyReducer());
        const expected = sweep(contacts);
        expect(result.conversationSeconds).toBeCloseTo(expected.open, 6);
        expect(result.busySeconds).toBeCloseTo(expected.busy, 6);
        if (result.value !== null) expect(result.value).toBeGreaterThanOrEqual(1);
        const excluded = totalExcluded(result.excluded);
        expect(result.conversations + excluded).toBe(contacts.length);
      }),
    );
  });
});
