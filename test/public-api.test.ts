/**
 * The root's public names are a list kept on purpose (test/public-api.json, written by
 * `npm run api:list`): an export added without being listed fails here, so internals do not
 * leak into the root by an `export *`, and a removed one fails too, so the change reaches
 * CHANGELOG.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { publicApi } from "../scripts/publicApi.ts";

const listed = JSON.parse(readFileSync(join(import.meta.dirname, "public-api.json"), "utf8")) as {
  values: string[];
  types: string[];
};

describe("the root's public names", () => {
  test("are exactly the listed ones (npm run api:list after a deliberate change)", async () => {
    const api = await publicApi();
    expect(api.values).toEqual(listed.values);
    expect(api.types).toEqual(listed.types);
  }, 60_000);

  test("leave the internals out", () => {
    for (const internal of [
      "keyIdOf",
      "compareKeys",
      "addPartial",
      "exactSum",
      "sortedNumbers",
      "preview",
      "scanIso",
      "MAX_DEPTH",
      "spanClock",
      "hypergeometric2F1",
      "normalQuantile",
    ]) {
      expect(listed.values).not.toContain(internal);
    }
  });
});
