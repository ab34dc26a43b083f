import { describe, expect, test } from "vitest";
import { RECORD_FIELDS } from "../node/mapping.ts";
import { catalogue } from "./catalogue.ts";
import type { RecordKind } from "./define.ts";

/**
 * Metrics whose stream mixes two kinds of record without declaring the second as `joins`:
 * each kind's fields may be read.
 */
const ALSO: Partial<Record<string, RecordKind>> = {
  costPerTicket: "supportCosts",
  contactRate: "customers",
};

describe("each catalogue entry says which record fields it reads (issue 11)", () => {
  test("every entry declares a non-empty list, without repeats", () => {
    for (const metric of catalogue) {
      expect(metric.reads, metric.key).toBeDefined();
      expect(metric.reads?.length, metric.key).toBeGreaterThan(0);
      expect(new Set(metric.reads).size, metric.key).toBe(metric.reads?.length);
    }
  });

  test("every field named is a field of the record kinds the metric reads", () => {
    for (const metric of catalogue) {
      const also = metric.joins ?? ALSO[metric.key];
      const known = new Set([
        ...Object.keys(RECORD_FIELDS[metric.records].fields),
        ...(also === undefined ? [] : Object.keys(RECORD_FIELDS[also].fields)),
      ]);
      for (const field of metric.reads ?? [])
        expect(known.has(field), `${metric.key}.${field}`).toBe(true);
    }
  });

  test("the metrics that exclude unknown counts and flags name those fields", () => {
    // what src/metrics/tickets/missingColumns.test.ts shows: without the column, no value
    const readers = (field: string) =>
      catalogue.filter((metric) => metric.reads?.includes(field as never)).map((m) => m.key);
    expect(readers("reopenCount")).toEqual([
      "firstContactResolution",
      "reopenRate",
      "resolutionRate",
    ]);
    expect(readers("escalated")).toEqual(["escalationRate"]);
    expect(readers("firstResponseAt")).toEqual([
      "firstResponseTime",
      "queueLength",
      "slaAttainment",
    ]);
  });
});
