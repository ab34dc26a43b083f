import { describe, expect, test } from "vitest";
import { isMessage } from "./messageCheck.ts";

const at = new Date("2024-03-01T09:00:00Z");
const valid = { at, authorRole: "agent", public: true, automated: false };

describe("isMessage", () => {
  test("accepts a message with every field, and with public and automated left out", () => {
    expect(isMessage(valid)).toBe(true);
    expect(isMessage({ at, authorRole: "customer" })).toBe(true);
    expect(isMessage({ at, authorRole: "bot", public: false })).toBe(true);
    expect(isMessage({ at, authorRole: "system", automated: true })).toBe(true);
  });

  test("refuses what is not an object, null and a function included", () => {
    expect(isMessage(null)).toBe(false);
    expect(isMessage(undefined)).toBe(false);
    expect(isMessage("2024-03-01T09:00:00Z agent")).toBe(false);
    // A function is not a message even when it carries a message's fields.
    expect(isMessage(Object.assign(() => {}, valid))).toBe(false);
  });

  test("refuses a message with any one field of the wrong kind", () => {
    expect(isMessage({ ...valid, at: "2024-03-01T09:00:00Z" })).toBe(false);
    expect(isMessage({ ...valid, at: new Date(Number.NaN) })).toBe(false);
    expect(isMessage({ ...valid, authorRole: "robot" })).toBe(false);
    expect(isMessage({ ...valid, authorRole: 1 })).toBe(false);
    expect(isMessage({ ...valid, authorRole: undefined })).toBe(false);
    expect(isMessage({ ...valid, public: "yes" })).toBe(false);
    expect(isMessage({ ...valid, public: null })).toBe(false);
    expect(isMessage({ ...valid, automated: 0 })).toBe(false);
    expect(isMessage({ ...valid, automated: null })).toBe(false);
  });
});
