import { describe, expect, test } from "vitest";
import {
  abandoned,
  answered,
  OFFERED,
  queueContact,
} from "../../../test/fixtures/queueContacts.ts";
import { contactOutcome, queueWaitSeconds } from "./contact.ts";

describe("contactOutcome", () => {
  test("reads the outcome from which end time is set", () => {
    expect(contactOutcome(answered(12))).toBe("answered");
    expect(contactOutcome(abandoned(12))).toBe("abandoned");
    expect(contactOutcome(queueContact())).toBe("unknownOutcome");
    expect(
      contactOutcome(
        queueContact({ answeredAt: new Date(OFFERED), abandonedAt: new Date(OFFERED) }),
      ),
    ).toBe("bothOutcomes");
  });

  test("an end before the offer is a clock or export error, whichever end it is", () => {
    expect(contactOutcome(answered(-1))).toBe("endsBeforeOffer");
    expect(contactOutcome(abandoned(-0.001))).toBe("endsBeforeOffer");
    // at the offer instant exactly is fine
    expect(contactOutcome(answered(0))).toBe("answered");
  });
});

describe("queueWaitSeconds", () => {
  test("measures offer to answer or abandonment, to the millisecond", () => {
    expect(queueWaitSeconds(answered(42.5))).toBe(42.5);
    expect(queueWaitSeconds(abandoned(7))).toBe(7);
  });

  test("is null for a contact that has not ended", () => {
    expect(queueWaitSeconds(queueContact())).toBeNull();
  });
});
