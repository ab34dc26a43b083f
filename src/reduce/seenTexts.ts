/**
 * A set that answers "seen this text before?" while holding 8 bytes per text: the 64-bit
 * MurmurHash3 of each text in a flat open-addressing table of 32-bit words, not the texts.
 * Keep-last's first pass asks it of every id in a file, where a `Map` of the ids themselves
 * held about 70 bytes per id on the JavaScript heap (105 MB for 1.5M tickets).
 *
 * Two texts with one hash (about one pair in 10^7 among 1.5M texts) read as one: `add` says
 * "seen" for the second. Callers that must stay exact use that answer only to decide which
 * texts to remember in full (see idLedger), never to drop a text.
 */
import { type Hash128, murmurHash3x128 } from "./hash.ts";

/** A set of texts by their 64-bit hashes; see {@link seenTexts}. */
export interface SeenTexts {
  /** Adds `text`: `true` if its hash was not in the set yet, `false` if it was. */
  add(text: string): boolean;
  /** Distinct hashes held. */
  readonly size: number;
}

/**
 * An empty set of text hashes, growing as texts are added (table at most half full).
 *
 * @example
 * const seen = seenTexts();
 * [seen.add("T1"), seen.add("T2"), seen.add("T1"), seen.size]
 * //=> [true, true, false, 2]
 */
export function seenTexts(): SeenTexts {
  // Slot i holds a hash's two words at 2i and 2i + 1; (0, 0) marks an empty slot.
  let slots = 1024;
  let table = new Uint32Array(slots * 2);
  let size = 0;
  const words: Hash128 = [0, 0, 0, 0];

  /** Puts the pair in `into` (of `count` slots): false when it is there already. */
  const put = (into: Uint32Array, count: number, high: number, low: number): boolean => {
    const mask = count - 1;
    for (let slot = low & mask; ; slot = (slot + 1) & mask) {
      const a = into[slot * 2] as number;
      const b = into[slot * 2 + 1] as number;
      if (a === 0 && b === 0) {
        into[slot * 2] = high;
        into[slot * 2 + 1] = low;
        return true;
      }
      if (a === high && b === low) return false;
    }
  };

  const grow = () => {
    const wider = new Uint32Array(slots * 4);
    for (let slot = 0; slot < slots; slot++) {
      const high = table[slot * 2] as number;
      const low = table[slot * 2 + 1] as number;
      if (high !== 0 || low !== 0) put(wider, slots * 2, high, low);
    }
    table = wider;
    slots *= 2;
  };

  return {
    add(text) {
      murmurHash3x128(text, 0, words);
      const high = words[0];
      // The empty marker is not a hash: (0, 0) is stored as (0, 1), one more shared pair.
      const low = high === 0 && words[1] === 0 ? 1 : words[1];
      if ((size + 1) * 2 > slots) grow();
      const added = put(table, slots, high, low);
      if (added) size++;
      return added;
    },
    get size() {
      return size;
    },
  };
}
