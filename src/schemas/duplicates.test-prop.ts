import fc from "fast-check";
import { expect, test } from "vitest";
import { type DuplicatePolicy, dropDuplicates } from "./duplicates.ts";

const records = fc.array(
  fc.record({ id: fc.oneof(fc.constantFrom("A", "B", "C", "D"), fc.constant(null)), n: fc.nat() }),
  { maxLength: 30 },
);

/** Oracle: for each id, the index of its first or last copy, by plain search. */
function keptIndexes(input: readonly { id: string | null }[], policy: DuplicatePolicy): number[] {
  return input.flatMap((record, i) => {
    if (record.id === null || policy === "allow") return [i];
    const copies = input.flatMap((r, j) => (r.id === record.id ? [j] : []));
    return (policy === "last" ? copies.at(-1) : copies[0]) === i ? [i] : [];
  });
}

test("each id is kept once, at its last or first copy; every record is kept or reported", () => {
  fc.assert(
    fc.property(
      records,
      fc.constantFrom<DuplicatePolicy>("last", "first", "reject", "allow"),
      (input, policy) => {
        const tagged = input.map((r, i) => ({ ...r, n: i }));
        const out = dropDuplicates(tagged, policy);
        expect(out.records.map((r) => r.n)).toEqual(keptIndexes(tagged, policy));
        const reported = [
          ...out.duplicates.map((d) => d.place.at),
          ...out.rejected.map((r) => r.index),
        ];
        expect(out.records.length + reported.length).toBe(input.length);
        // Each report points at the copy kept, which has the same id.
        for (const copy of out.duplicates) {
          expect(tagged[copy.kept.at]?.id).toBe(copy.id);
          expect(out.records.some((r) => r.n === copy.kept.at)).toBe(true);
        }
      },
    ),
  );
});
