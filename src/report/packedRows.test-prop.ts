import fc from "fast-check";
import { expect, test } from "vitest";
import { copyRow, packedRows, packRow, unpackRow } from "./packedRows.ts";

/**
 * Oracle: the sample's former form (73615b0), a JSON round trip of the fields a table cell can
 * show, instants as `{ "@": ms }`, then the measures. The page showed what this gives back, so
 * packed rows must give back exactly the same.
 */
function jsonRoundTrip(record: Record<string, unknown>, measures: (number | null)[]) {
  const names: string[] = [];
  const values: unknown[] = [];
  for (const [name, value] of Object.entries(record)) {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) continue;
      names.push(name);
      values.push({ "@": value.getTime() });
    } else if (
      ["string", "number", "boolean"].includes(typeof value) ||
      (Array.isArray(value) && value.every((item) => typeof item === "string"))
    ) {
      names.push(name);
      values.push(value);
    }
  }
  const back = JSON.parse(JSON.stringify([...values, ...measures]), (_key, value) =>
    typeof value === "object" && value !== null && typeof value["@"] === "number"
      ? new Date(value["@"])
      : value,
  ) as unknown[];
  return {
    record: Object.fromEntries(names.map((name, i) => [name, back[i]])),
    measures: back.slice(names.length),
  };
}

// Texts of any UTF-16 code units (lone surrogates included), numbers with NaN, ±Infinity and
// -0, invalid instants, and values no cell shows (null, undefined, nested objects, mixed lists).
const value = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) }),
  fc.double(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constantFrom(null, undefined, { nested: 1 }, ["a", 1], -0),
);
const field = fc.constantFrom("id", "subject", "createdAt", "tags", "1", "0", "status", "x y");
const record = fc.dictionary(field, value, { maxKeys: 6 });
const measure = fc.option(fc.double(), { nil: null });

test("a packed row gives back what the JSON round trip of its shown fields gave", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(record, fc.array(measure, { minLength: 2, maxLength: 2 })), {
        maxLength: 12,
      }),
      (input) => {
        const rows = packedRows(64);
        const starts = input.map(([fields, measures]) => packRow(rows, fields, measures));
        input.forEach(([fields, measures], i) => {
          expect(unpackRow(rows, starts[i] as number, 2)).toEqual(jsonRoundTrip(fields, measures));
        });
      },
    ),
  );
});

test("a row copied to rows with other shapes keeps its field names", () => {
  fc.assert(
    fc.property(record, record, (first, second) => {
      const from = packedRows();
      packRow(from, first, []);
      const start = packRow(from, second, [1]);
      const to = packedRows();
      packRow(to, { other: "shape" }, [2]);
      const at = copyRow(from, start, from.used, to);
      expect(unpackRow(to, at, 1)).toEqual(jsonRoundTrip(second, [1]));
    }),
  );
});

test("anything but an object packs as a row without fields", () => {
  const rows = packedRows();
  const at = packRow(rows, "not a record", [Number.POSITIVE_INFINITY]);
  // The measure is not finite: null, as JSON gave it.
  expect(unpackRow(rows, at, 1)).toEqual({ record: {}, measures: [null] });
});
