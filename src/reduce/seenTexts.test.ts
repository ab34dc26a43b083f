import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { seenTexts } from "./seenTexts.ts";

describe("seenTexts", () => {
  test("answers first sightings across its growth (2,000 texts past the first 1,024 slots)", () => {
    const seen = seenTexts();
    const texts = Array.from({ length: 2000 }, (_, i) => `T${i}`);
    expect(texts.every((text) => seen.add(text))).toBe(true);
    // every text again, after the table grew twice: all seen, none added
    expect(texts.some((text) => seen.add(text))).toBe(false);
    expect(seen.size).toBe(2000);
  });

  test("the empty text, and texts that differ only in case or by a character, are apart", () => {
    const seen = seenTexts();
    expect(["", "t1", "T1", "T1 ", "T１"].map((text) => seen.add(text))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(seen.add("")).toBe(false);
  });

  test("agrees with a Set on any texts (no two of fast-check's strings share a 64-bit hash)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), (texts) => {
        const seen = seenTexts();
        const exact = new Set<string>();
        for (const text of texts) {
          expect(seen.add(text)).toBe(!exact.has(text));
          exact.add(text);
        }
        expect(seen.size).toBe(exact.size);
      }),
    );
  });
});
