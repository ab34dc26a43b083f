import fc from "fast-check";
import { expect, test } from "vitest";
import { parseNumberCell } from "./mapping.ts";

/**
 * The number pattern before it was made linear (issue 12): `\d+\.?\d*` lets a run of digits
 * split at every point, which is what made it quadratic. As an oracle on short strings it is
 * fast and it defines the language the cells must keep.
 */
const OLD_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const OLD_COMMA_NUMBER = /^[+-]?\d+,\d+$/;

/** parseNumberCell as it was, with the old pattern: the value, or whether it was refused. */
function oldParse(text: string, decimalComma: boolean): number | "refused" | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (OLD_NUMBER.test(trimmed)) return Number(trimmed);
  if (OLD_COMMA_NUMBER.test(trimmed) && decimalComma) return Number(trimmed.replace(",", "."));
  return "refused";
}

function newParse(text: string, decimalComma: boolean): number | "refused" | undefined {
  const value = parseNumberCell(text, decimalComma);
  return typeof value === "string" ? "refused" : value;
}

// Short strings over the characters a number is made of, plus a few that are not.
const cell = fc.string({
  unit: fc.constantFrom("0", "1", "9", ".", "e", "E", "+", "-", ",", " ", "x"),
  maxLength: 12,
});

test("parseNumberCell accepts and refuses exactly what the old pattern did", () => {
  fc.assert(
    fc.property(cell, fc.boolean(), (text, decimalComma) => {
      expect(newParse(text, decimalComma)).toEqual(oldParse(text, decimalComma));
    }),
    { numRuns: 20_000 },
  );
});

test("numbers written by JavaScript read back as themselves, as with the old pattern", () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      const text = String(n);
      expect(newParse(text, false)).toEqual(oldParse(text, false));
      // String(-0) is "0", which reads as 0.
      expect(newParse(text, false)).toBe(n === 0 ? 0 : n);
    }),
  );
});
