import { describe, expect, test } from "vitest";
import { RecordFieldError } from "../../reduce/recordError.ts";
import { agentOf, agentTime, intersect, subtract, toMs, totalLength, union } from "./intervals.ts";

const iv = (start: number, end: number) => ({ start, end });

describe("intervals", () => {
  test("toMs reads Dates and drops empty intervals", () => {
    expect(
      toMs([
        { start: new Date(1000), end: new Date(3000) },
        { start: new Date(5000), end: new Date(5000) },
      ]),
    ).toEqual([iv(1000, 3000)]);
  });

  test("toMs refuses anything but a list of { start, end } Dates, naming the field", () => {
    const message = (fn: string, field: string, shown: string) =>
      `${fn}: field "${field}" must be a list of intervals { start, end } of valid Dates, got ${shown}`;
    // with no names given it speaks as toMs of "intervals"
    expect(() => toMs("09:00-17:00" as never)).toThrow(
      message("toMs", "intervals", '"09:00-17:00"'),
    );
    expect(() => toMs([null] as never, "occupancy", "breaks")).toThrow(
      message("occupancy", "breaks", "an array"),
    );
    const at = new Date(1000);
    expect(() =>
      toMs([{ start: at, end: "2024-03-04" }] as never, "utilization", "working"),
    ).toThrow(message("utilization", "working", "an array"));
    expect(() =>
      toMs([{ start: new Date(Number.NaN), end: at }], "utilization", "working"),
    ).toThrow(message("utilization", "working", "an array"));
    expect(() => toMs([{ start: at, end: new Date(Number.NaN) }])).toThrow(RecordFieldError);
  });

  test("agentOf refuses an agent id that is not a string", () => {
    expect(agentOf("occupancy", { agentId: "ana" })).toBe("ana");
    expect(() => agentOf("occupancy", { agentId: 7 as never })).toThrow(
      'occupancy: field "agentId" must be a string, got 7',
    );
  });

  test("union joins overlapping and touching intervals, in order", () => {
    expect(union([iv(10, 20), iv(0, 5), iv(5, 7), iv(15, 25), iv(30, 30), iv(40, 45)])).toEqual([
      iv(0, 7),
      iv(10, 25),
      iv(40, 45),
    ]);
    expect(union([])).toEqual([]);
  });

  test("union does not change its input", () => {
    const input = [iv(0, 5), iv(3, 8)];
    union(input);
    expect(input).toEqual([iv(0, 5), iv(3, 8)]);
  });

  test("union keeps a contained interval inside its container", () => {
    expect(union([iv(0, 100), iv(10, 20), iv(90, 95)])).toEqual([iv(0, 100)]);
  });

  test("totalLength adds the lengths", () => {
    // 7 + 15 + 5 = 27
    expect(totalLength([iv(0, 7), iv(10, 25), iv(40, 45)])).toBe(27);
    expect(totalLength([])).toBe(0);
  });

  test("intersect keeps the common parts", () => {
    expect(intersect([iv(0, 10), iv(20, 30)], [iv(5, 25), iv(28, 40)])).toEqual([
      iv(5, 10),
      iv(20, 25),
      iv(28, 30),
    ]);
    expect(intersect([iv(0, 10)], [])).toEqual([]);
    // touching is not overlapping
    expect(intersect([iv(0, 10)], [iv(10, 20)])).toEqual([]);
  });

  test("subtract cuts holes, including cuts that span several intervals", () => {
    expect(subtract([iv(0, 10), iv(20, 30)], [iv(5, 25)])).toEqual([iv(0, 5), iv(25, 30)]);
    expect(subtract([iv(0, 10)], [iv(0, 10)])).toEqual([]);
    expect(subtract([iv(0, 10)], [iv(2, 3), iv(4, 5), iv(9, 12)])).toEqual([
      iv(0, 2),
      iv(3, 4),
      iv(5, 9),
    ]);
    expect(subtract([iv(0, 10)], [])).toEqual([iv(0, 10)]);
  });

  test("agentTime merges by concatenating each agent's lists, leaving its inputs alone", () => {
    const a = agentTime.init({ r: 0 });
    agentTime.add(a, "ana", { working: [iv(0, 1000)], base: [iv(0, 4000)], minus: [] });
    const b = agentTime.init({ r: 1 });
    agentTime.add(b, "ana", { working: [iv(500, 2000)], base: [iv(2000, 8000)], minus: [] });
    agentTime.add(b, "ben", { working: [], base: [iv(0, 1000)], minus: [iv(0, 500)] });
    const merged = agentTime.merge(a, b);
    expect(a.agents.get("ana")?.working).toEqual([iv(0, 1000)]);
    expect(merged.agents.get("ana")).toEqual({
      working: [iv(0, 1000), iv(500, 2000)],
      base: [iv(0, 4000), iv(2000, 8000)],
      minus: [],
    });
    // ana: work 0–2 s inside 0–8 s; ben: 0.5 s available → 2 / 8.5
    expect(agentTime.result(merged)).toEqual({
      value: (100 * 2) / 8.5,
      numerator: 2,
      denominator: 8.5,
      clipped: 0,
      agents: 2,
      shifts: 3,
      excluded: { r: 1 },
    });
  });
});
