import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { intersect, type MsInterval, subtract, totalLength, union } from "./intervals.ts";

const intervalArb: fc.Arbitrary<MsInterval> = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 60 }))
  .map(([start, length]) => ({ start, end: start + length }));
const listArb = fc.array(intervalArb, { maxLength: 12 });

/** Points covered, by brute force over whole units. */
function covered(intervals: readonly MsInterval[]): Set<number> {
  const points = new Set<number>();
  for (const { start, end } of intervals) for (let t = start; t < end; t++) points.add(t);
  return points;
}

describe("intervals properties", () => {
  test("the union is never longer than the sum of the lengths, nor shorter than the longest", () => {
    fc.assert(
      fc.property(listArb, (list) => {
        const length = totalLength(union(list));
        const sum = list.reduce((total, i) => total + (i.end - i.start), 0);
        const longest = list.reduce((max, i) => Math.max(max, i.end - i.start), 0);
        expect(length).toBeLessThanOrEqual(sum);
        expect(length).toBeGreaterThanOrEqual(longest);
      }),
    );
  });

  test("the union covers exactly the points of its inputs, and is sorted and disjoint", () => {
    fc.assert(
      fc.property(listArb, (list) => {
        const u = union(list);
        expect(covered(u)).toEqual(covered(list));
        for (let i = 0; i + 1 < u.length; i++) {
          expect((u[i] as MsInterval).end).toBeLessThan((u[i + 1] as MsInterval).start);
        }
      }),
    );
  });

  test("union does not depend on order and is idempotent", () => {
    fc.assert(
      fc.property(
        listArb.chain((l) =>
          fc.tuple(fc.constant(l), fc.shuffledSubarray(l, { minLength: l.length })),
        ),
        ([list, shuffled]) => {
          expect(union(shuffled)).toEqual(union(list));
          expect(union(union(list))).toEqual(union(list));
        },
      ),
    );
  });

  test("intersect and subtract split a set: |a ∩ b| + |a − b| = |a|, matching brute force", () => {
    fc.assert(
      fc.property(listArb, listArb, (x, y) => {
        const a = union(x);
        const b = union(y);
        const inside = intersect(a, b);
        const outside = subtract(a, b);
        expect(totalLength(inside) + totalLength(outside)).toBe(totalLength(a));
        const pa = covered(a);
        const pb = covered(b);
        expect(covered(inside)).toEqual(new Set([...pa].filter((t) => pb.has(t))));
        expect(covered(outside)).toEqual(new Set([...pa].filter((t) => !pb.has(t))));
      }),
    );
  });
});
