/**
 * The key trie: how a record finds its key combination's groups without building a key array
 * or an id string per record.
 *
 * Per rollup state, the combinations seen are held as nested Maps, one level per key, by each
 * key's value; the leaf is the combination's entry (with no keys, the state has one entry).
 * The tries are held aside in a WeakMap, so that the state keeps its documented, serialisable
 * shape; a state read back from JSON or made by `merge` gets its trie on its first record.
 */
import { type KeyValue, keyIdOf } from "./keys.ts";
import {
  groupIn,
  groupsOf,
  type PeriodGroups,
  type RollupGroup,
  type RollupState,
} from "./rollupState.ts";
import { type RowCount, rowCountOf } from "./rowLimit.ts";

/** A key combination of one state: its id, its values and its groups by period start. */
export interface KeyEntry {
  readonly keyId: string;
  readonly keys: KeyValue[];
  readonly byPeriod: PeriodGroups;
  /**
   * Its group without a period (`byPeriod.get(null)`) once made, kept at hand: not grouped
   * by period, every record goes there for every metric.
   */
  withoutPeriod: RollupGroup | undefined;
  /** The row count of the state the entry belongs to (rowLimit.ts). */
  readonly rows: RowCount;
}

/** The entry of the key combination `keyId` in `state` (its groups made empty if new). */
export function keyEntry(state: RollupState, keyId: string, keys: KeyValue[]): KeyEntry {
  return {
    keyId,
    keys,
    byPeriod: groupsOf(state, keyId),
    withoutPeriod: undefined,
    rows: rowCountOf(state),
  };
}

/** The entry's group without a period, made on first use (groups hold `metricCount` states). */
export function groupWithoutPeriod(entry: KeyEntry, metricCount: number): RollupGroup {
  let group = entry.withoutPeriod;
  if (group === undefined) {
    group = groupIn(entry.byPeriod, null, entry.keys, metricCount);
    entry.withoutPeriod = group;
  }
  return group;
}

type KeyTrie = Map<KeyValue, unknown>;

/**
 * The function that finds (or adds) a record's key combination in a state, given the readers
 * of the keys in their declared order. A new combination is recorded in the state's
 * `keyCombinations` and gets its (empty) groups at once.
 */
export function keyIndex<Item>(
  readers: readonly ((item: Item) => KeyValue)[],
): (state: RollupState, item: Item) => KeyEntry {
  const keyCount = readers.length;
  const tries = new WeakMap<RollupState, KeyEntry | KeyTrie>();
  // Records arrive state after state: remember the last state's trie to skip the WeakMap.
  let lastState: RollupState | undefined;
  let lastIndex: KeyEntry | KeyTrie | undefined;
  // The values read so far for the record being placed; copied only for a new combination.
  const values: KeyValue[] = new Array(keyCount);

  function newEntry(state: RollupState, keys: KeyValue[]): KeyEntry {
    const keyId = keyIdOf(keys);
    if (!state.keyCombinations.has(keyId)) state.keyCombinations.set(keyId, keys);
    return keyEntry(state, keyId, keys);
  }

  return (state, item) => {
    let index: KeyEntry | KeyTrie | undefined;
    if (state === lastState) index = lastIndex;
    else {
      index = tries.get(state);
      if (index === undefined) {
        index = keyCount === 0 ? newEntry(state, []) : new Map();
        tries.set(state, index);
      }
      lastState = state;
      lastIndex = index;
    }
    if (keyCount === 0) return index as KeyEntry;
    let node = index as KeyTrie;
    for (let i = 0; i < keyCount - 1; i++) {
      const value = (readers[i] as (item: Item) => KeyValue)(item);
      values[i] = value;
      let child = node.get(value) as KeyTrie | undefined;
      if (child === undefined) {
        child = new Map();
        node.set(value, child);
      }
      node = child;
    }
    const value = (readers[keyCount - 1] as (item: Item) => KeyValue)(item);
    let entry = node.get(value) as KeyEntry | undefined;
    if (entry === undefined) {
      values[keyCount - 1] = value;
      entry = newEntry(state, values.slice());
      node.set(value, entry);
    }
    return entry;
  };
}
