import { describe, expect, test } from "vitest";
import * as z from "zod";
import { issueError, OUT_OF_RANGE, parseOrThrow, pathText, showInstant } from "./issueError.ts";

/** The first issue of a failed parse, with its input, as the builders see it. */
function firstIssue(schema: z.ZodType, input: unknown): z.core.$ZodIssue {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) throw new Error("expected a failure");
  return parsed.error.issues[0] as z.core.$ZodIssue;
}

describe("pathText", () => {
  test("writes keys with dots and indexes in brackets, after the prefix", () => {
    expect(pathText("", ["weekly", "monday", 0, "start"])).toBe("weekly.monday[0].start");
    expect(pathText("policies[2]", ["targets", "firstReply"])).toBe(
      "policies[2].targets.firstReply",
    );
    expect(pathText("versions", [1, "timeZone"])).toBe("versions[1].timeZone");
    expect(pathText("", [])).toBe("");
  });
});

describe("issueError", () => {
  const site = { fn: "build", root: "input" };

  test("adds the value, shown by show, to a 'must' message that lacks it", () => {
    const issue = firstIssue(z.object({ n: z.number({ error: "must be a number" }) }), {
      n: "x".repeat(50),
    });
    const error = issueError(site, issue);
    expect(error).toBeInstanceOf(TypeError);
    // show cuts strings at 40 characters
    expect(error.message).toBe(`build: n must be a number, got "${"x".repeat(40)}…"`);
  });

  test("keeps a message that shows its value, or says something else", () => {
    const shown = firstIssue(z.string({ error: "must be a string, got 5" }), 5);
    expect(issueError(site, shown).message).toBe("build: input must be a string, got 5");
    const required = firstIssue(
      z.unknown().transform((_, ctx) => {
        ctx.addIssue({ code: "custom", message: "is required", path: ["end"] });
        return z.NEVER;
      }),
      undefined,
    );
    expect(issueError(site, required).message).toBe("build: end is required");
  });

  test("throws RangeError for values out of range, TypeError for the wrong kind", () => {
    const small = firstIssue(z.number().min(1, { error: "must be at least 1" }), 0);
    expect(issueError(site, small)).toBeInstanceOf(RangeError);
    expect(issueError(site, small).message).toBe("build: input must be at least 1, got 0");
    const marked = firstIssue(
      z.string().refine(() => false, { error: "must be a zone", params: OUT_OF_RANGE }),
      "Mars",
    );
    expect(issueError(site, marked)).toBeInstanceOf(RangeError);
    const unmarked = firstIssue(
      z.string().refine(() => false, { error: "must be a zone" }),
      "Mars",
    );
    expect(issueError(site, unmarked)).toBeInstanceOf(TypeError);
  });

  test("puts Zod's own wording in ours, through toFieldIssue", () => {
    const issue = firstIssue(z.object({ n: z.number() }), { n: "x" });
    expect(issueError(site, issue).message).toBe("build: n must be a number, got string");
  });
});

describe("parseOrThrow", () => {
  const schema = z.strictObject(
    { name: z.string({ error: "must be a string" }) },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `must have only name, got ${JSON.stringify(issue.keys[0])}`
          : "must be an object",
    },
  );

  test("returns the output of a valid input", () => {
    expect(parseOrThrow(schema, { name: "a" }, { fn: "f", root: "input" })).toEqual({ name: "a" });
  });

  test("reports a misspelt key before the missing field it explains", () => {
    // Zod lists the unknown key last; the missing name is only its consequence.
    expect(() => parseOrThrow(schema, { nmae: "a" }, { fn: "f", root: "input" })).toThrow(
      new TypeError('f: input must have only name, got "nmae"'),
    );
  });

  test("names the input by its root, or by the prefix", () => {
    expect(() => parseOrThrow(schema, 5, { fn: "f", root: "options" })).toThrow(
      new TypeError("f: options must be an object, got 5"),
    );
    expect(() =>
      parseOrThrow(schema, { name: 1 }, { fn: "f", prefix: "list[3]", root: "list" }),
    ).toThrow(new TypeError("f: list[3].name must be a string, got 1"));
  });
});

describe("showInstant", () => {
  test("is ISO 8601 for an instant and the infinity itself for open validity", () => {
    expect([showInstant(0), showInstant(-Infinity), showInstant(Infinity)]).toEqual([
      "1970-01-01T00:00:00.000Z",
      "-Infinity",
      "Infinity",
    ]);
  });
});
