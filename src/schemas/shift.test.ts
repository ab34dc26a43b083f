import { describe, expect, test } from "vitest";
import { agentShiftSchema } from "./shift.ts";
import { validateAgentShifts } from "./validate.ts";

const at = (time: string) => new Date(`2024-03-04T${time}:00Z`);
const span = (start: string, end: string) => ({
  start: `2024-03-04T${start}:00Z`,
  end: `2024-03-04T${end}:00Z`,
});

describe("agentShiftSchema", () => {
  test("a scheduled shift starts at its scheduled start", () => {
    expect(
      agentShiftSchema().parse({
        agentId: "ana",
        scheduled: span("09:00", "17:00"),
        loggedIn: [span("08:55", "17:05")],
      }),
    ).toEqual({
      id: null,
      agentId: "ana",
      scheduled: { start: at("09:00"), end: at("17:00") },
      loggedIn: [{ start: at("08:55"), end: at("17:05") }],
      breaks: [],
      working: [],
      startsAt: at("09:00"),
    });
  });

  test("without a schedule it starts at the earliest interval of any kind", () => {
    const shift = agentShiftSchema().parse({
      id: 7,
      agentId: 12,
      loggedIn: [span("10:00", "12:00")],
      working: [span("10:30", "11:00")],
      breaks: [span("09:45", "10:00")],
    });
    expect(shift).toMatchObject({ id: "7", agentId: "12", scheduled: null, startsAt: at("09:45") });
  });

  test("a shift needs a schedule or an interval", () => {
    expect(validateAgentShifts([{ agentId: "ana" }]).rejected).toEqual([
      {
        index: 0,
        path: ["scheduled"],
        code: "custom",
        message: "or at least one interval is required",
        issues: [
          { path: ["scheduled"], code: "custom", message: "or at least one interval is required" },
        ],
      },
    ]);
  });

  test("an interval ending before it starts is rejected at its end", () => {
    const { rejected } = validateAgentShifts([
      { agentId: "a", scheduled: span("17:00", "09:00") },
      { agentId: "a", loggedIn: [span("09:00", "10:00"), span("12:00", "11:00")] },
      { agentId: "a", breaks: [span("12:00", "11:59")] },
    ]);
    expect(rejected.map((r) => [r.index, r.path, r.message])).toEqual([
      [0, ["scheduled", "end"], "end must not be before start"],
      [1, ["loggedIn", 1, "end"], "end must not be before start"],
      [2, ["breaks", 0, "end"], "end must not be before start"],
    ]);
  });

  test("an empty interval is allowed", () => {
    expect(
      validateAgentShifts([{ agentId: "a", working: [span("09:00", "09:00")] }]).records,
    ).toHaveLength(1);
  });

  test("malformed shifts", () => {
    const { rejected } = validateAgentShifts([
      { scheduled: span("09:00", "17:00") },
      { agentId: "a", loggedIn: "all day" },
      { agentId: "a", scheduled: { start: "09:00", end: "2024-03-04T17:00:00Z" } },
    ]);
    expect(rejected.map((r) => [r.index, r.path, r.message])).toEqual([
      [0, ["agentId"], "is required"],
      [1, ["loggedIn"], "must be an array, got string"],
      [
        2,
        ["scheduled", "start"],
        'must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got "09:00"',
      ],
    ]);
  });

  test("300 000 intervals do not overflow the stack", () => {
    // Math.min(...starts) threw "Maximum call stack size exceeded" here.
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      start: i * 1000 + 5,
      end: i * 1000 + 6,
    }));
    const { records, rejected } = validateAgentShifts([
      {
        agentId: "a",
        loggedIn: many,
        breaks: many,
        working: [{ start: 1, end: 2 }, ...many.slice(1)],
      },
    ]);
    expect(rejected).toEqual([]);
    expect(records[0]?.startsAt).toEqual(new Date(1));
  });
});
