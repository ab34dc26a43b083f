import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type Hash128,
  murmur3x86x32Bytes,
  murmur3x86x128Bytes,
  murmurHash3,
  murmurHash3x128,
} from "./hash.ts";

/**
 * SMHasher's verification value (its `VerificationTest`): hash the keys {}, {0}, {0, 1}, …,
 * {0, …, 254} with seeds 256, 255, …, 1, concatenate the hashes (little-endian bytes), hash
 * that with seed 0 and read the first four bytes as a little-endian integer.
 */
function verification(
  hash: (bytes: Uint8Array, length: number, seed: number) => Uint8Array,
): number {
  const width = hash(new Uint8Array(0), 0, 0).length;
  const key = new Uint8Array(256);
  const all = new Uint8Array(width * 256);
  for (let i = 0; i < 256; i++) {
    key[i] = i;
    all.set(hash(key, i, 256 - i), i * width);
  }
  const final = hash(all, all.length, 0);
  return (
    ((final[0] as number) |
      ((final[1] as number) << 8) |
      ((final[2] as number) << 16) |
      ((final[3] as number) << 24)) >>>
    0
  );
}

function littleEndian(words: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  words.forEach((w, i) => {
    for (let b = 0; b < 4; b++) bytes[i * 4 + b] = (w >>> (8 * b)) & 0xff;
  });
  return bytes;
}

// The MurmurHash3_x86_32 test vectors published with Ian Boyd's answer to "MurmurHash - what
// is it?" (Stack Overflow, question 11899616), checked there against the SMHasher reference.
const SEED = 0x9747b28c;

describe("SMHasher verification values", () => {
  // The values SMHasher's main.cpp lists for "Murmur3A" (x86_32) and "Murmur3C" (x86_128).
  test("MurmurHash3_x86_32 gives 0xB0F57EE3", () => {
    expect(
      verification((bytes, n, seed) => littleEndian([murmur3x86x32Bytes(bytes, n, seed)])),
    ).toBe(0xb0f57ee3);
  });

  test("MurmurHash3_x86_128 gives 0xB3ECE62A", () => {
    expect(
      verification((bytes, n, seed) => littleEndian(murmur3x86x128Bytes(bytes, n, seed))),
    ).toBe(0xb3ece62a);
  });
});

describe("murmurHash3x128", () => {
  test("hashes text as its UTF-8 bytes and reuses the array it is given", () => {
    const text = "The quick brown fox jumps over the lazy dog, ππ";
    const bytes = new TextEncoder().encode(text);
    const out: Hash128 = [0, 0, 0, 0];
    expect(murmurHash3x128(text, 42, out)).toBe(out);
    expect(out).toEqual(murmur3x86x128Bytes(bytes, bytes.length, 42));
    expect(murmurHash3x128("")).toEqual([0, 0, 0, 0]);
  });
});

describe("the UTF-8 encoding behind both hashes", () => {
  test("gives the bytes TextEncoder gives, lone surrogates and all", () => {
    const encoder = new TextEncoder();
    // any UTF-16 code units: ASCII, two- and three-byte characters, pairs and lone halves
    const texts = fc.oneof(
      fc.string({ unit: "binary", maxLength: 30 }),
      fc
        .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 30 })
        .map((units) => String.fromCharCode(...units)),
    );
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 0xffffffff }), (text, seed) => {
        const bytes = encoder.encode(text);
        expect(murmurHash3(text, seed)).toBe(murmur3x86x32Bytes(bytes, bytes.length, seed));
        expect(murmurHash3x128(text, seed)).toEqual(murmur3x86x128Bytes(bytes, bytes.length, seed));
      }),
      { numRuns: 500 },
    );
  });
});

describe("murmurHash3", () => {
  test("gives the published values for the empty input under several seeds", () => {
    expect(murmurHash3("", 0)).toBe(0);
    expect(murmurHash3("", 1)).toBe(0x514e28b7);
    expect(murmurHash3("", 0xffffffff)).toBe(0x81f16f39);
  });

  test("gives the published values for 1 to 4 bytes (every tail length)", () => {
    expect(murmurHash3("\u0000\u0000\u0000\u0000", 0)).toBe(0x2362f9de);
    expect(murmurHash3("a", SEED)).toBe(0x7fa09ea6);
    expect(murmurHash3("ab", SEED)).toBe(0x74875592);
    expect(murmurHash3("abc", SEED)).toBe(0xc84a62dd);
    expect(murmurHash3("abcd", SEED)).toBe(0xf0478627);
    expect(murmurHash3("aaaa", SEED)).toBe(0x5a97808a);
  });

  test("gives the published values for longer and non-ASCII text (hashed as UTF-8)", () => {
    expect(murmurHash3("Hello, world!", SEED)).toBe(0x24884cba);
    expect(murmurHash3("ππππππππ", SEED)).toBe(0xd58063c1);
    expect(murmurHash3("The quick brown fox jumps over the lazy dog", SEED)).toBe(0x2fa826cd);
    expect(murmurHash3("a".repeat(256), SEED)).toBe(0x37405bdc);
  });

  test("handles text longer than its scratch buffer and then short text again", () => {
    const long = "x".repeat(10_000);
    expect(murmurHash3(long)).toBe(murmurHash3(long));
    expect(murmurHash3("abc", SEED)).toBe(0xc84a62dd);
  });

  test("returns an unsigned 32-bit integer", () => {
    for (const text of ["", "a", "customer-42", "é"]) {
      const h = murmurHash3(text, 7);
      expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
    }
  });
});
