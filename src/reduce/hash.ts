/**
 * Stable hashes of text, written here so that sketches built in a browser, in Node and
 * in another release of the library hash the same id to the same bits (a sketch saved as JSON
 * today must still merge with one built next year).
 *
 * The algorithms are Austin Appleby's MurmurHash3 (public domain; reference code
 * `MurmurHash3_x86_32` and `MurmurHash3_x86_128` in the SMHasher repository), over the UTF-8
 * bytes of the text, in 32-bit arithmetic only (no BigInt, so fast in every engine). The
 * 32-bit variant:
 * each 4-byte little-endian block k is mixed as k·c1, rotate left 15, ·c2 into the running
 * hash h, which is rotated left 13 and set to h·5 + 0xe6546b64; the 1–3 tail bytes are mixed
 * the same way without the rotation of h; the length is xored in and the final avalanche
 * `fmix32` (xor-shift 16, ·0x85ebca6b, xor-shift 13, ·0xc2b2ae35, xor-shift 16) spreads every
 * input bit over the output. The 128-bit variant runs four such lanes over 16-byte blocks,
 * each lane feeding the next, and mixes the lanes into each other before and after `fmix32`.
 * Both reproduce SMHasher's verification values and the published test vectors
 * (hash.test.ts).
 *
 * Sketches use the 128-bit variant: the 32-bit one, on ids that differ only in their last
 * digits (`cust_1`, `cust_2`...), now and then puts a dozen outputs in one narrow pattern with
 * long runs of zero bits, which a HyperLogLog with few registers reads as a much larger count.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

// One buffer reused across calls: hashing millions of ids must not allocate per id.
let scratch = new Uint8Array(256);

/**
 * The UTF-8 bytes of `text` in `scratch`; returns how many were written. Written out rather
 * than left to `TextEncoder`, which some JavaScript hosts (sandboxes, older runtimes) lack. A
 * lone surrogate becomes U+FFFD, as `TextEncoder` writes it.
 */
function utf8(text: string): number {
  // A UTF-16 code unit takes at most 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  const out = scratch;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      out[n++] = code;
    } else if (code < 0x800) {
      out[n++] = 0xc0 | (code >> 6);
      out[n++] = 0x80 | (code & 0x3f);
    } else {
      if (code >= 0xd800 && code < 0xe000) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (code < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
          const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          out[n++] = 0xf0 | (point >> 18);
          out[n++] = 0x80 | ((point >> 12) & 0x3f);
          out[n++] = 0x80 | ((point >> 6) & 0x3f);
          out[n++] = 0x80 | (point & 0x3f);
          i++;
          continue;
        }
        code = 0xfffd;
      }
      out[n++] = 0xe0 | (code >> 12);
      out[n++] = 0x80 | ((code >> 6) & 0x3f);
      out[n++] = 0x80 | (code & 0x3f);
    }
  }
  return n;
}

/** The final avalanche of MurmurHash3: every input bit affects every output bit. */
function fmix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Rotates a 32-bit integer left by `r` bits. */
function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** Four little-endian bytes from `at` as a 32-bit integer. */
function word(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at] as number) |
    ((bytes[at + 1] as number) << 8) |
    ((bytes[at + 2] as number) << 16) |
    ((bytes[at + 3] as number) << 24)
  );
}

/** The 1–4 tail bytes of a lane (after the last block), little-endian, as the reference reads them. */
function tailWord(bytes: Uint8Array, from: number, count: number): number {
  let k = 0;
  for (let j = count - 1; j >= 0; j--) k = (k << 8) | (bytes[from + j] as number);
  return k;
}

/** MurmurHash3_x86_32 of the first `length` bytes of `bytes`, as an unsigned integer. */
export function murmur3x86x32Bytes(bytes: Uint8Array, length: number, seed: number): number {
  let h = seed | 0;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    h ^= Math.imul(rotl(Math.imul(word(bytes, i), C1), 15), C2);
    h = (Math.imul(rotl(h, 13), 5) + 0xe6546b64) | 0;
  }
  const rest = length & 3;
  if (rest > 0) h ^= Math.imul(rotl(Math.imul(tailWord(bytes, blocks, rest), C1), 15), C2);
  return fmix32(h ^ length);
}

const D1 = 0x239b961b;
const D2 = 0xab0e9789;
const D3 = 0x38b34ae5;
const D4 = 0xa1e38b93;

/** The four 32-bit words of a 128-bit hash, in the reference code's output order. */
export type Hash128 = [number, number, number, number];

/**
 * MurmurHash3_x86_128 of the first `length` bytes of `bytes`: four unsigned 32-bit words
 * (h1, h2, h3, h4), written into `out`.
 */
export function murmur3x86x128Bytes(
  bytes: Uint8Array,
  length: number,
  seed: number,
  out: Hash128 = [0, 0, 0, 0],
): Hash128 {
  let h1 = seed | 0;
  let h2 = h1;
  let h3 = h1;
  let h4 = h1;
  const blocks = length & ~15;
  for (let i = 0; i < blocks; i += 16) {
    h1 ^= Math.imul(rotl(Math.imul(word(bytes, i), D1), 15), D2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= Math.imul(rotl(Math.imul(word(bytes, i + 4), D2), 16), D3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= Math.imul(rotl(Math.imul(word(bytes, i + 8), D3), 17), D4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= Math.imul(rotl(Math.imul(word(bytes, i + 12), D4), 18), D1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  const rest = length & 15;
  if (rest > 12) {
    h4 ^= Math.imul(rotl(Math.imul(tailWord(bytes, blocks + 12, rest - 12), D4), 18), D1);
  }
  if (rest > 8) {
    h3 ^= Math.imul(
      rotl(Math.imul(tailWord(bytes, blocks + 8, Math.min(rest - 8, 4)), D3), 17),
      D4,
    );
  }
  if (rest > 4) {
    h2 ^= Math.imul(
      rotl(Math.imul(tailWord(bytes, blocks + 4, Math.min(rest - 4, 4)), D2), 16),
      D3,
    );
  }
  if (rest > 0) {
    h1 ^= Math.imul(rotl(Math.imul(tailWord(bytes, blocks, Math.min(rest, 4)), D1), 15), D2);
  }
  h1 ^= length;
  h2 ^= length;
  h3 ^= length;
  h4 ^= length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  out[0] = h1 >>> 0;
  out[1] = h2 >>> 0;
  out[2] = h3 >>> 0;
  out[3] = h4 >>> 0;
  return out;
}

/**
 * MurmurHash3 (x86, 32-bit) of a string's UTF-8 bytes: the same number on every platform and
 * in every release, so sketches built apart can be merged.
 *
 * @param text - The text to hash (an id).
 * @param seed - A 32-bit seed; different seeds give independent-looking hashes. Defaults to 0.
 * @returns An unsigned 32-bit integer.
 *
 * @example
 * // published test vectors of MurmurHash3_x86_32 (0x514e28b7 and 0x24884cba)
 * [murmurHash3(""), murmurHash3("", 1), murmurHash3("Hello, world!", 0x9747b28c)]
 * //=> [0, 1364076727, 612912314]
 */
export function murmurHash3(text: string, seed = 0): number {
  // utf8 may replace the scratch buffer, so it runs before the buffer is read.
  const length = utf8(text);
  return murmur3x86x32Bytes(scratch, length, seed);
}

/**
 * MurmurHash3 (x86, 128-bit) of a string's UTF-8 bytes, as four unsigned 32-bit words
 * (h1, h2, h3, h4; the reference code writes them in that order, each little-endian).
 *
 * @param text - The text to hash (an id).
 * @param seed - A 32-bit seed. Defaults to 0.
 * @param out - An array to write the words into (saves an allocation per call).
 * @returns `out`, or a new array of the four words.
 *
 * @example
 * murmurHash3x128("")
 * //=> [0, 0, 0, 0]
 */
export function murmurHash3x128(text: string, seed = 0, out?: Hash128): Hash128 {
  const length = utf8(text);
  return murmur3x86x128Bytes(scratch, length, seed, out);
}
