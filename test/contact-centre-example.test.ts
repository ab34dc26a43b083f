/**
 * The contact-centre worked example (`npm run demo:contact-centre`) on the bundled call
 * log: its figures, as docs/contact-centre.md quotes them.
 */
import { expect, test } from "vitest";
import { contactCentreExample } from "../examples/contact-centre.ts";

test("the worked example prints the book's sizing of the Monday peak", async () => {
  const lines = await contactCentreExample();
  expect(lines[0]).toMatch(/calls\.csv: 1464 calls read, 1464 valid, 0 rejected$/);
  expect(lines).toContain(
    "  monday 09:00: 100 calls, 10 erlangs → 14 agents, 20 scheduled (SL 0.888)",
  );
  expect(lines).toContain(
    "  Erlang C, 14 agents: P(wait) 0.1741, SL 0.8884, ASA 7.8 s, occupancy 0.714",
  );
  expect(lines).toContain(
    "  Erlang A, 14 agents, 5 min patience: P(wait) 0.1453, P(abandon) 0.0140, SL 0.9168",
  );
  // The generated log: 6.01 % of calls abandoned (88 of 1464), AHT 195 s.
  expect(lines).toContain("  abandon rate: 6.01 %");
  expect(lines).toContain("  average handle time: 195 s");
});
