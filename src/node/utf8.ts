/**
 * Finding bytes that are not UTF-8 while a file streams through, with their line numbers: a
 * Latin-1 or Windows-1252 export read as UTF-8 turns "é" into U+FFFD, and a channel named
 * "Télé" becomes another channel. The bytes still go through unchanged (the readers decode
 * them as before); what is found is counted and reported, never silent.
 */
import { isUtf8 } from "node:buffer";
import { openSource, type ReadSource } from "./source.ts";

/** Invalid UTF-8 found in a source: how many sequences, and the first lines they are on. */
export interface InvalidUtf8 {
  /** Invalid byte sequences (each would decode to one U+FFFD). */
  count: number;
  /** 1-based lines holding them, each once, in order; the first 100. */
  lines: number[];
}

/** Lines listed in {@link InvalidUtf8.lines} at most. */
const MAX_LINES = 100;

/** The length of the UTF-8 sequence a lead byte starts; 0 for a byte no sequence starts with. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The range the byte after `lead` must fall in (overlong forms and surrogates excluded). */
function secondRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * How many bytes from `i` form a valid sequence (its length), or, negated, the length of the
 * invalid part to skip (the maximal subpart, as the WHATWG decoder replaces it by one U+FFFD).
 * `null`: the bytes end inside what may still become a valid sequence.
 */
function step(bytes: Uint8Array, i: number): number | null {
  const length = sequenceLength(bytes[i] as number);
  if (length === 1) return 1;
  if (length === 0) return -1;
  for (let k = 1; k < length; k++) {
    if (i + k >= bytes.length) return null;
    const byte = bytes[i + k] as number;
    const [low, high] = k === 1 ? secondRange(bytes[i] as number) : [0x80, 0xbf];
    if (byte < low || byte > high) return -k;
  }
  return length;
}

/**
 * The source's bytes, unchanged, with every invalid UTF-8 sequence counted into `found` with
 * its line. Text chunks (already decoded) pass unchecked.
 */
export async function* checkUtf8(
  source: ReadSource,
  fn: string,
  found: InvalidUtf8,
): AsyncGenerator<Uint8Array | string> {
  let line = 1;
  // The bytes of a sequence cut by the chunk's end, checked with the next chunk.
  let carry: Uint8Array | null = null;
  const note = (at: number) => {
    found.count++;
    if (found.lines.length < MAX_LINES && found.lines[found.lines.length - 1] !== at) {
      found.lines.push(at);
    }
  };
  const scan = (bytes: Uint8Array, final: boolean): Uint8Array | null => {
    // Fast path: valid throughout, only the line count moves.
    const cut = final ? bytes.length : completeLength(bytes);
    const body = cut === bytes.length ? bytes : bytes.subarray(0, cut);
    if (isUtf8(body)) {
      line += countNewlines(body);
      return cut === bytes.length ? null : bytes.slice(cut);
    }
    let i = 0;
    while (i < bytes.length) {
      const taken = step(bytes, i);
      if (taken === null) {
        if (!final) return bytes.slice(i);
        note(line);
        break;
      }
      if (taken < 0) {
        note(line);
        i += -taken;
        continue;
      }
      if (bytes[i] === 10) line++;
      i += taken;
    }
    return null;
  };
  for await (const chunk of openSource(source, fn)) {
    if (typeof chunk === "string") {
      yield chunk;
      continue;
    }
    const bytes = chunk as Uint8Array;
    const joined: Uint8Array = carry === null ? bytes : Buffer.concat([carry, bytes]);
    carry = scan(joined, false);
    yield bytes;
  }
  if (carry !== null) scan(carry, true);
}

/** The length of `bytes` without a sequence its end cuts short (at most 3 bytes left out). */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] as number;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
