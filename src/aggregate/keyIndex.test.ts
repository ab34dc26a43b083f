import { describe, expect, test } from "vitest";
import { groupWithoutPeriod, keyEntry, keyIndex } from "./keyIndex.ts";
import { keyFunction } from "./keys.ts";
import { emptyRollupState, groupIn, groupsOf } from "./rollupState.ts";

interface Rec {
  channel: string | null;
  priority: number | null;
}

const byChannelAndPriority = () =>
  keyIndex<Rec>([keyFunction("channel", "channel"), keyFunction("priority", "priority")]);

describe("keyIndex", () => {
  test("records with the same key values find the same entry; others get their own", () => {
    const entryFor = byChannelAndPriority();
    const state = emptyRollupState(["m"]);
    const a = entryFor(state, { channel: "email", priority: 1 });
    const b = entryFor(state, { channel: "email", priority: 1 });
    const c = entryFor(state, { channel: "email", priority: 2 });
    const d = entryFor(state, { channel: null, priority: 1 });
    expect(b).toBe(a);
    expect([a.keyId, c.keyId, d.keyId]).toEqual(['"email",1', '"email",2', "null,1"]);
    expect(a.keys).toEqual(["email", 1]);
    // A new combination is recorded in the state at once, with its (empty) groups.
    expect([...state.keyCombinations]).toEqual([
      ['"email",1', ["email", 1]],
      ['"email",2', ["email", 2]],
      ["null,1", [null, 1]],
    ]);
    expect(a.byPeriod).toBe(state.groups.get('"email",1'));
    expect(a.byPeriod.size).toBe(0);
  });

  test("each entry holds its own copy of the key values", () => {
    const entryFor = byChannelAndPriority();
    const state = emptyRollupState(["m"]);
    const a = entryFor(state, { channel: "chat", priority: 3 });
    entryFor(state, { channel: "email", priority: 4 });
    expect(a.keys).toEqual(["chat", 3]);
  });

  test("without keys, every record of a state finds the one entry", () => {
    const entryFor = keyIndex<Rec>([]);
    const state = emptyRollupState(["m"]);
    const a = entryFor(state, { channel: "email", priority: 1 });
    expect(entryFor(state, { channel: "chat", priority: null })).toBe(a);
    expect(a).toMatchObject({ keyId: "", keys: [] });
    expect([...state.keyCombinations]).toEqual([["", []]]);
  });

  test("states keep apart, even when records alternate between them", () => {
    const entryFor = byChannelAndPriority();
    const first = emptyRollupState(["m"]);
    const second = emptyRollupState(["m"]);
    const record = { channel: "email", priority: 1 };
    const a = entryFor(first, record);
    const b = entryFor(second, record);
    expect(b).not.toBe(a);
    expect(entryFor(first, record)).toBe(a);
    expect(entryFor(second, record)).toBe(b);
    expect(b.byPeriod).toBe(second.groups.get('"email",1'));
  });

  test("a state made elsewhere (merged, read from JSON) finds the groups it already holds", () => {
    const state = emptyRollupState(["m"]);
    const groups = groupsOf(state, '"email",1');
    const group = groupIn(groups, 0, ["email", 1], 1);
    state.keyCombinations.set('"email",1', ["email", 1]);
    const entry = byChannelAndPriority()(state, { channel: "email", priority: 1 });
    expect(entry.byPeriod.get(0)).toBe(group);
    expect(state.keyCombinations.size).toBe(1);
  });

  test("an entry's group without a period is made once and is the one in its groups", () => {
    const state = emptyRollupState(["a", "b"]);
    const entry = keyEntry(state, '"x"', ["x"]);
    expect(entry.withoutPeriod).toBeUndefined();
    const group = groupWithoutPeriod(entry, 2);
    expect(group).toEqual({ periodStart: null, keys: ["x"], states: [undefined, undefined] });
    expect(groupWithoutPeriod(entry, 2)).toBe(group);
    expect(state.groups.get('"x"')?.get(null)).toBe(group);
    // Another entry for the same combination (a new rollup run over the state) finds it too.
    expect(groupWithoutPeriod(keyEntry(state, '"x"', ["x"]), 2)).toBe(group);
  });
});
