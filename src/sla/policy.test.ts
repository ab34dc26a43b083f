import { describe, expect, test } from "vitest";
import { type SlaPolicyInput, SlaPolicySchema, slaPolicies, slaPolicy } from "./policy.ts";

const calendar = (minutes: number) => ({ minutes, businessHours: false });

describe("slaPolicy", () => {
  test("normalises a policy: lists for conditions, seconds for durations, frozen", () => {
    const policy = slaPolicy({
      name: "Urgent email",
      id: 7,
      priority: "urgent",
      channel: ["email", "web"],
      targets: { firstReply: { minutes: 30, businessHours: false } },
      targetsByPriority: { low: { resolution: { seconds: 86_400, businessHours: true } } },
    });
    // 30 minutes × 60 = 1800 s
    expect(policy).toEqual({
      name: "Urgent email",
      id: 7,
      priority: ["urgent"],
      channel: ["email", "web"],
      groupId: null,
      matches: null,
      targets: { firstReply: { seconds: 1800, businessHours: false } },
      targetsByPriority: { low: { resolution: { seconds: 86_400, businessHours: true } } },
      description: null,
    });
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.targets)).toBe(true);
    expect(Object.isFrozen(policy.priority)).toBe(true);
    // A built policy goes through unchanged
    expect(slaPolicy(policy)).toBe(policy);
  });

  test("a policy may set no target at all (it still matches and shadows later policies)", () => {
    expect(
      slaPolicy({ name: "No SLA for spam", matches: (t) => t.tags?.includes("spam") === true }),
    ).toMatchObject({ targets: null, targetsByPriority: {} });
  });

  test("keeps the predicate it is given", () => {
    const matches = () => true;
    expect(slaPolicy({ name: "All", matches }).matches).toBe(matches);
  });

  test("rejects bad policies with the field named", () => {
    const cases: [unknown, ErrorConstructor, string][] = [
      [
        { name: "a", targets: { firstReply: { minutes: -5, businessHours: false } } },
        RangeError,
        "slaPolicy: targets.firstReply.minutes must be a positive number, got -5",
      ],
      [
        { name: "a", targets: { firstReply: { seconds: 0, businessHours: true } } },
        RangeError,
        "slaPolicy: targets.firstReply.seconds must be a positive number, got 0",
      ],
      [
        { name: "a", targets: { firstResponse: calendar(5) } },
        TypeError,
        'slaPolicy: targets must name targets among firstReply, nextReply, periodicUpdate, resolution, got "firstResponse"',
      ],
      [
        { name: "a", targets: { firstReply: { minutes: 5 } } },
        TypeError,
        "slaPolicy: targets.firstReply.businessHours must be a boolean, got undefined",
      ],
      [
        { name: "a", targets: { firstReply: { minutes: 5, seconds: 300, businessHours: true } } },
        TypeError,
        "slaPolicy: targets.firstReply must give exactly one of seconds or minutes, got both",
      ],
      [
        { name: "a", targets: { firstReply: { businessHours: true } } },
        TypeError,
        "slaPolicy: targets.firstReply must give exactly one of seconds or minutes, got neither",
      ],
      [
        { name: "a", targets: { firstReply: { hours: 1, businessHours: true } } },
        TypeError,
        'slaPolicy: targets.firstReply must have only seconds or minutes, and businessHours, got "hours"',
      ],
      [{ name: "" }, RangeError, 'slaPolicy: name must be a non-empty string, got ""'],
      [{ targets: {} }, TypeError, "slaPolicy: name must be a non-empty string, got undefined"],
      [
        { name: "a", priority: [] },
        RangeError,
        "slaPolicy: priority must be a non-empty string or a non-empty array of them, got an array",
      ],
      [
        { name: "a", matches: "urgent" },
        TypeError,
        'slaPolicy: matches must be a function (ticket) => boolean, got "urgent"',
      ],
      [
        { name: "a", colour: "red" },
        TypeError,
        'slaPolicy: policy must have only name, id, priority, channel, groupId, matches, targets, targetsByPriority and description, got "colour"',
      ],
      [
        {
          name: "a",
          targetsByPriority: {
            urgent: { firstReply: { seconds: Number.NaN, businessHours: true } },
          },
        },
        TypeError,
        "slaPolicy: targetsByPriority.urgent.firstReply.seconds must be a positive number, got NaN",
      ],
      [
        5,
        TypeError,
        "slaPolicy: policy must be an object { name, targets or targetsByPriority, ... }, got 5",
      ],
      // A misspelt key comes first, before the missing name it stands for
      [
        { nmae: "a" },
        TypeError,
        'slaPolicy: policy must have only name, id, priority, channel, groupId, matches, targets, targetsByPriority and description, got "nmae"',
      ],
    ];
    for (const [input, kind, message] of cases) {
      expect(() => slaPolicy(input as SlaPolicyInput)).toThrow(new kind(message));
    }
  });

  test("SlaPolicySchema validates policies read from a file, with issues as data", () => {
    const parsed = SlaPolicySchema.safeParse({ name: "a", targets: { resolution: calendar(0) } });
    expect(parsed.success).toBe(false);
    expect(
      SlaPolicySchema.parse({ name: "a", targets: { resolution: calendar(1) } }).targets,
    ).toEqual({ resolution: { seconds: 60, businessHours: false } });
  });
});

describe("targetsByPriority, read as Zod's record of targets would read it", () => {
  const issuesOf = (targetsByPriority: unknown) => {
    const parsed = SlaPolicySchema.safeParse({ name: "a", targetsByPriority });
    return parsed.success ? parsed.data.targetsByPriority : parsed.error.issues;
  };
  const notAnObject = [
    {
      code: "invalid_type",
      expected: "record",
      path: ["targetsByPriority"],
      message: "must be an object of targets by priority",
    },
  ];

  test("an array, a Date, a Map or a class instance is not an object of targets", () => {
    class Targets {
      urgent = { firstReply: calendar(5) };
    }
    for (const input of [[], new Date(0), new Map(), new Targets()]) {
      expect(issuesOf(input)).toEqual(notAnObject);
    }
  });

  test("a null-prototype object is read; inherited and hidden keys are not", () => {
    const bare = Object.assign(Object.create(null), { high: { nextReply: calendar(2) } });
    expect(issuesOf(bare)).toEqual({ high: { nextReply: { seconds: 120, businessHours: false } } });
    const inherits = Object.create({ low: { firstReply: calendar(-1) } });
    Object.defineProperty(inherits, "normal", { value: { firstReply: calendar(-1) } });
    expect(issuesOf(inherits)).toEqual({});
  });

  test("every priority's issues, under its name, in key order", () => {
    // Integer-like keys come first, as in any object's key order.
    const found = issuesOf({ urgent: { firstReply: calendar(-5) }, low: 7, "1": {} }) as {
      path: PropertyKey[];
      code: string;
    }[];
    expect(found.map((issue) => [issue.path.join("."), issue.code])).toEqual([
      ["targetsByPriority.urgent.firstReply.minutes", "too_small"],
      ["targetsByPriority.low", "invalid_type"],
    ]);
  });

  test("a symbol key is refused as Zod refuses a key that is not a string", () => {
    const key = Symbol("urgent");
    expect(() => slaPolicy({ name: "a", targetsByPriority: { [key]: {} } } as never)).toThrow(
      new TypeError(
        "slaPolicy: targetsByPriority.Symbol(urgent) must be an object of targets by priority, got Symbol(urgent)",
      ),
    );
  });
});

describe("slaPolicies", () => {
  test("keeps the order and checks every policy, naming it by index", () => {
    const list = slaPolicies([{ name: "a" }, { name: "b", targets: { resolution: calendar(60) } }]);
    expect(list.map((policy) => policy.name)).toEqual(["a", "b"]);
    expect(Object.isFrozen(list)).toBe(true);
    expect(() =>
      slaPolicies([{ name: "a" }, { name: "b", targets: { resolution: calendar(0) } }]),
    ).toThrow(
      new RangeError(
        "slaPolicies: policies[1].targets.resolution.minutes must be a positive number, got 0",
      ),
    );
  });

  test("rejects repeated names and a list that is not an array", () => {
    expect(() => slaPolicies([{ name: "Gold" }, { name: "Gold" }])).toThrow(
      new RangeError('slaPolicies: policies[1].name must be unique, got "Gold"'),
    );
    // @ts-expect-error: testing a wrong value from plain JavaScript
    expect(() => slaPolicies({ name: "Gold" })).toThrow(
      new TypeError("slaPolicies: policies must be an array of policies, got an object"),
    );
  });
});
