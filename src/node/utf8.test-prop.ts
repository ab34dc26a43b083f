import fc from "fast-check";
import { expect, test } from "vitest";
import { checkUtf8, type InvalidUtf8 } from "./utf8.ts";

/**
 * Oracle: the WHATWG decoder (TextDecoder) replaces each invalid sequence by one U+FFFD. With
 * no BD byte in the input, no valid U+FFFD (EF BF BD) can occur, so every U+FFFD it writes is
 * one invalid sequence, on the line counted by the newlines before it.
 */
function oracle(bytes: Uint8Array): InvalidUtf8 {
  const text = new TextDecoder().decode(bytes);
  const found: InvalidUtf8 = { count: 0, lines: [] };
  let line = 1;
  for (const char of text) {
    if (char === "\n") line++;
    if (char !== "\uFFFD") continue;
    found.count++;
    if (found.lines.length < 100 && found.lines.at(-1) !== line) found.lines.push(line);
  }
  return found;
}

// Bytes biased to the interesting ones: ASCII, newlines, leads and continuations.
const byte = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.constant(0x0a),
  fc.integer({ min: 0x80, max: 0xbc }),
  fc.integer({ min: 0xc0, max: 0xff }),
);
// Pieces near the edges of the rules: the leads with narrowed second bytes, then continuations.
const piece = fc
  .tuple(
    fc.constantFrom(0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5),
    fc.array(fc.integer({ min: 0x80, max: 0xbf }), { maxLength: 3 }),
  )
  .map(([lead, rest]) => [lead, ...rest.map((b) => (b === 0xbd ? 0xbc : b))]);
const text = fc.oneof(
  fc
    .array(fc.oneof(piece, fc.constant([0x0a]), fc.constant([0x41])), { maxLength: 20 })
    .map((pieces) => Uint8Array.from(pieces.flat())),
  fc.uint8Array({ maxLength: 60 }).map((a) => a.map((b) => (b === 0xbd ? 0x41 : b))),
  fc.array(byte, { maxLength: 60 }).map((a) => Uint8Array.from(a)),
  fc
    .string({ unit: "grapheme", maxLength: 30 })
    .map((s) => new TextEncoder().encode(s.replaceAll("\uFFFD", "?"))),
);

test("counts and places invalid sequences as TextDecoder replaces them, however the bytes are cut", async () => {
  await fc.assert(
    fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 4 }), async (bytes, cuts) => {
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let from = 0;
      for (const point of [...points, bytes.length]) {
        chunks.push(bytes.subarray(from, point));
        from = point;
      }
      const found: InvalidUtf8 = { count: 0, lines: [] };
      for await (const _ of checkUtf8(chunks, "test", found)) {
        // the chunks pass through; the check fills `found`
      }
      expect(found).toEqual(oracle(bytes));
    }),
    { numRuns: 400 },
  );
});
