import { describe, expect, test } from "vitest";
import { dropDuplicates, idLedger } from "./duplicates.ts";

// T1 at 0 and 3, T2 at 1, T3 at 2 and 4, one record without an id at 5.
const records = [
  { id: "T1", v: "a" },
  { id: "T2", v: "b" },
  { id: "T3", v: "c" },
  { id: "T1", v: "d" },
  { id: "T3", v: "e" },
  { id: null, v: "f" },
];
const values = (kept: readonly { v: string }[]) => kept.map((r) => r.v).join("");

describe("dropDuplicates", () => {
  test("last (the default): the last copy of each id, in input order", () => {
    const out = dropDuplicates(records);
    expect(values(out.records)).toBe("bdef");
    expect(out.duplicates).toEqual([
      { id: "T1", place: { source: null, at: 0 }, kept: { source: null, at: 3 } },
      { id: "T3", place: { source: null, at: 2 }, kept: { source: null, at: 4 } },
    ]);
    expect(out.rejected).toEqual([]);
  });

  test("first: the first copy; reject: the first, later copies rejected; allow: all", () => {
    expect(values(dropDuplicates(records, "first").records)).toBe("abcf");
    const rejected = dropDuplicates(records, "reject");
    expect(values(rejected.records)).toBe("abcf");
    expect(rejected.duplicates).toEqual([]);
    expect(rejected.rejected.map((r) => [r.index, r.code, r.path, r.message])).toEqual([
      [3, "duplicate_id", ["id"], 'repeats the id "T1" of record 0'],
      [4, "duplicate_id", ["id"], 'repeats the id "T3" of record 2'],
    ]);
    expect(dropDuplicates(records, "allow")).toEqual({
      records,
      duplicates: [],
      rejected: [],
    });
  });

  test("a number id and the same id as text are one id", () => {
    const out = dropDuplicates([{ id: 7 }, { id: "7" }], "first");
    expect(out.records).toEqual([{ id: 7 }]);
  });

  test("refuses an unknown policy and a non-array", () => {
    expect(() => dropDuplicates(records, "newest" as never)).toThrow(
      'idLedger: policy must be one of last, first, reject, allow, got "newest"',
    );
    expect(() => dropDuplicates("T1" as never)).toThrow(
      'dropDuplicates: records must be an array, got "T1"',
    );
  });
});

describe("idLedger", () => {
  test("keeps one id per place across sources; allow holds nothing", () => {
    const last = idLedger("last");
    last.note("T1", { source: "jan", at: 9 });
    last.note("T1", { source: "feb", at: 2 });
    last.note("T5", { source: "feb", at: 3 });
    expect(last.size).toBe(2);
    expect(last.check("T1", { source: "jan", at: 9 })).toEqual({ source: "feb", at: 2 });
    expect(last.check("T1", { source: "feb", at: 2 })).toBeNull();
    expect(last.check("T9", { source: "feb", at: 5 })).toBeNull(); // never noted: kept
    // after the first check only the repeated ids are held: T1, not T5 (noted once)
    expect(last.size).toBe(1);
    expect(() => last.note("T7", { source: "feb", at: 6 })).toThrow(
      new Error("idLedger: every id must be noted before the first check"),
    );
    const allow = idLedger("allow");
    allow.check("T1", { source: null, at: 1 });
    expect(allow.size).toBe(0);
  });
});
