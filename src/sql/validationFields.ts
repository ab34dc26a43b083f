/**
 * One record field read from a text cell in SQL, as the readers read it (src/node/mapping.ts
 * converts the cell, then the field table's schema checks the value): the typed value, the
 * reader's conversion issue (code `invalid_cell`), and the schema's issue, each a SQL
 * expression over the columns of the stages that src/sql/validation.ts chains. The messages
 * are the readers' own words; each kind's rules are written next to the code they follow.
 * A little over 400 lines on purpose: every field kind's SQL sits side by side, as the kinds'
 * parts do in src/schemas/fieldKinds.ts, to be read and changed together.
 */

import { EARLIEST_INSTANT, LATEST_INSTANT, SUPPORTED_INSTANTS } from "../reduce/arguments.ts";
import { MAX_TEXT } from "../schemas/fieldKinds.ts";
import type { FieldSpec } from "../schemas/fieldTable.ts";
import { quoteIdentifier } from "./businessDialect.ts";
import { jsTrim, showText, sqlText } from "./validationText.ts";

/** The pieces of SQL that differ between dialects, for validation. */
export interface ValidationDialect {
  /** Integer division of non-negative integers. */
  intDiv(a: string, b: string): string;
  /** Whether `text` matches `pattern` (RE2 syntax). */
  matches(text: string, pattern: string): string;
  /** Group `index` (from 1) of `pattern` in `text`, `''` when absent. */
  group(text: string, pattern: string, index: number): string;
  /** The groups of `pattern` in `text`, named (at most nine), as one value for {@link member}. */
  groups(text: string, pattern: string, names: readonly string[]): string;
  /** A named group (`index` from 1 in the names given) of a {@link groups} value, `''` when absent. */
  member(groups: string, name: string, index: number): string;
  /** The name of the double-precision type (`DOUBLE`, `double precision`). */
  readonly double: string;
  /** A text as DOUBLE, `NULL` when it is not a number (the text has been checked first). */
  toDouble(text: string): string;
  /** A list cell split at `separator`, items trimmed as JavaScript trims, empty items dropped. */
  splitList(text: string, separator: string): string;
  /** The number of items of a list. */
  listLength(list: string): string;
  /** Whether some item of a list is longer than `max` code points; index of the first or NULL. */
  firstLongItem(list: string, max: number): string;
  /** A double as integer text (it is whole and below 1e21 in size). */
  wholeText(value: string): string;
  /** A double as the dialect's shortest round-trip text (`1.5`, `1e-07`, `1.5e+21`). */
  doubleText(value: string): string;
  /** `text.trim()`: JavaScript's white space (Unicode's spaces too) cut from both ends. */
  trim(text: string): string;
  /** The length of a text as the schema's length limits measure it: in code points (Zod 4.6). */
  textLength(text: string): string;
  /** The empty list, the value of a list field the file has no column for. */
  readonly emptyList: string;
  /**
   * Written before each stage's `(SELECT …)`: `MATERIALIZED ` where a planner would
   * otherwise inline the stages and copy each column's expression into every use of it.
   */
  readonly stage: string;
}

/** DuckDB's validation pieces. */
export const duckdbValidation: ValidationDialect = {
  intDiv: (a, b) => `((${a}) // (${b}))`,
  matches: (text, pattern) => `regexp_matches(${text}, ${sqlText(pattern)})`,
  group: (text, pattern, index) => `regexp_extract(${text}, ${sqlText(pattern)}, ${index})`,
  groups: (text, pattern, names) =>
    `regexp_extract(${text}, ${sqlText(pattern)}, [${names.map(sqlText).join(", ")}])`,
  member: (groups, name) => `struct_extract(${groups}, ${sqlText(name)})`,
  double: "DOUBLE",
  toDouble: (text) => `TRY_CAST(${text} AS DOUBLE)`,
  splitList: (text, separator) =>
    `list_filter(list_transform(string_split(${text}, ${sqlText(separator)}), x -> ${jsTrim("x")}), x -> x <> '')`,
  listLength: (list) => `len(${list})`,
  firstLongItem: (list, max) =>
    `list_position(list_transform(${list}, x -> length(x) > ${max}), true) - 1`,
  wholeText: (value) => `CAST(CAST(${value} AS HUGEINT) AS VARCHAR)`,
  doubleText: (value) => `CAST(${value} AS VARCHAR)`,
  trim: jsTrim,
  textLength: (text) => `length(${text})`,
  emptyList: "[]",
  stage: "",
};

/** An issue: its code and message as SQL expressions (message NULL: no issue). */
export interface SqlIssue {
  code: string;
  message: string;
}

/** A field read in SQL: its stages' columns, its value and its issues. */
export interface FieldSql {
  /** Columns added to the first stage (over the raw row), by name. */
  first: Record<string, string>;
  /** Columns added to the second stage (over the first), by name. */
  second: Record<string, string>;
  /** Columns added to the third stage (over the second and the zone lookup), by name. */
  third: Record<string, string>;
  /** Columns added to the fourth stage, by name. */
  fourth: Record<string, string>;
  /** The typed value, over the fourth stage. */
  value: string;
  /** The conversion issue, over the third stage; message NULL when none. */
  conversion: SqlIssue | null;
  /** The schema's issue, over the third stage; message NULL when none. */
  schema: SqlIssue | null;
  /** For a timestamp that may be zone-less: the wall-time column to look up in the zone. */
  wall?: string;
}

const NUMBER = "^[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?$";
const COMMA_NUMBER = "^[+-]?\\d+,\\d+$";
/** `scanIso`'s grammar, after trimming; the groups are read one by one. */
const ISO =
  "^(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)? *(?:[Zz]|[+-]\\d{2}(?::?\\d{2})?)?$";
/** The same grammar with only the offset's parts captured (a pattern holds nine groups at most). */
const ISO_OFFSET =
  "^\\d{4}-\\d{2}-\\d{2}(?:[Tt ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)? *(?:([Zz])|([+-])(\\d{2})(?::?(\\d{2}))?)?$";
const TRUE_WORDS = ["true", "1", "yes", "y"];
const FALSE_WORDS = ["false", "0", "no", "n"];

const col = (prefix: string, field: string) => quoteIdentifier(`${prefix}_${field}`);
const none = "CAST(NULL AS VARCHAR)";

/** `CASE WHEN … THEN … END` from pairs, with an ELSE. */
function cases(pairs: readonly (readonly [string, string])[], otherwise = none): string {
  return `CASE ${pairs.map(([when, then]) => `WHEN ${when} THEN ${then}`).join(" ")} ELSE ${otherwise} END`;
}

/** Days from 1970-01-01 of a Gregorian date, years 0 to 9999 (shifted one 400-year era up). */
function daysFromCivil(d: ValidationDialect, year: string, month: string, day: string): string {
  const y = `(${year} + 400 - CASE WHEN ${month} <= 2 THEN 1 ELSE 0 END)`;
  const era = d.intDiv(y, "400");
  const yoe = `(${y} - ${era} * 400)`;
  const doy = `(${d.intDiv(`153 * (${month} + CASE WHEN ${month} > 2 THEN -3 ELSE 9 END) + 2`, "5")} + ${day} - 1)`;
  const doe = `(${yoe} * 365 + ${d.intDiv(yoe, "4")} - ${d.intDiv(yoe, "100")} + ${doy})`;
  return `(${era} * 146097 + ${doe} - 719468 - 146097)`;
}

function daysInMonth(year: string, month: string): string {
  const leap = `((${year} % 4 = 0 AND ${year} % 100 <> 0) OR ${year} % 400 = 0)`;
  return `CASE WHEN ${month} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
}

/** Context of a field's SQL: the cell's column (null: not in the relation) and options. */
export interface FieldContext {
  dialect: ValidationDialect;
  /** The relation's column for this field, quoted, or null when the file has none. */
  column: string | null;
  timeZone: string | undefined;
  decimalComma: boolean;
}

/**
 * The SQL of one field of a field table (flat kinds only: identifier, label, timestamp, enum,
 * count, integer, number, amount, flag, list).
 */
export function fieldSql(name: string, spec: FieldSpec, context: FieldContext): FieldSql {
  const d = context.dialect;
  const raw = col("c", name);
  const trimmed = col("t", name);
  const first: Record<string, string> = {
    [`c_${name}`]: context.column === null ? "CAST(NULL AS VARCHAR)" : context.column,
  };
  first[`t_${name}`] = `${d.trim(`coalesce(${context.column ?? "NULL"}, '')`)}`;
  const present = context.column !== null;
  // An empty cell is "not given" to the schema (the readers turn "" into undefined).
  const empty = `(${raw} IS NULL OR ${raw} = '')`;
  const blank = `(${trimmed} = '')`;
  const tooLong = (text: string) =>
    [
      `${d.textLength(text)} > ${MAX_TEXT}`,
      sqlText(`must be at most ${MAX_TEXT} characters long`),
    ] as const;
  const out: FieldSql = {
    first,
    second: {},
    third: {},
    fourth: {},
    value: "NULL",
    conversion: null,
    schema: null,
  };
  // The cell as the messages show it, computed once in the second stage.
  const shownRaw = () => {
    out.second[`sh_${name}`] = showText(raw);
    return col("sh", name);
  };
  const absentValue = (): string => {
    const absent = spec.absent;
    if (absent === null || absent === "undefined" || absent === "required") return "NULL";
    if (typeof absent === "boolean") return absent ? "TRUE" : "FALSE";
    if (typeof absent === "number") return String(absent);
    return "NULL";
  };
  switch (spec.kind) {
    case "identifier": {
      out.value = `CASE WHEN ${empty} THEN NULL ELSE ${raw} END`;
      const issues: (readonly [string, string])[] = [];
      if (spec.absent === "required") issues.push([empty, sqlText("is required")]);
      issues.push([`NOT ${empty} AND ${tooLong(raw)[0]}`, tooLong(raw)[1]]);
      const message = cases(issues);
      out.schema = {
        message,
        code: `CASE WHEN ${empty} THEN 'invalid_union' ELSE 'too_big' END`,
      };
      return out;
    }
    case "label": {
      out.value = `CASE WHEN ${blank} THEN NULL ELSE ${trimmed} END`;
      out.schema = {
        code: "'too_big'",
        message: cases([[`${raw} IS NOT NULL AND ${tooLong(raw)[0]}`, tooLong(raw)[1]]]),
      };
      return out;
    }
    case "enum": {
      const listed = spec.values.map((v) => JSON.stringify(v)).join(", ");
      const member = `coalesce(${raw} IN (${spec.values.map(sqlText).join(", ")}), FALSE)`;
      out.value = `CASE WHEN ${member} THEN ${raw} END`;
      const got =
        spec.absent === "required"
          ? `CASE WHEN ${empty} THEN 'undefined' ELSE ${shownRaw()} END`
          : shownRaw();
      out.schema = {
        code: "'invalid_value'",
        message: cases([
          [
            spec.absent === "required" ? `NOT (${member})` : `NOT ${empty} AND NOT (${member})`,
            `${sqlText(`must be one of ${listed}, got `)} || ${got}`,
          ],
        ]),
      };
      return out;
    }
    case "flag": {
      const word = `lower(${trimmed})`;
      out.value = cases(
        [
          [`${word} IN (${TRUE_WORDS.map(sqlText).join(", ")})`, "TRUE"],
          [`${word} IN (${FALSE_WORDS.map(sqlText).join(", ")})`, "FALSE"],
        ],
        absentValue() === "NULL" ? "CAST(NULL AS BOOLEAN)" : absentValue(),
      );
      out.conversion = {
        code: "'invalid_cell'",
        message: cases([
          [
            `NOT ${blank} AND ${word} NOT IN (${[...TRUE_WORDS, ...FALSE_WORDS].map(sqlText).join(", ")})`,
            `'must be true or false (also 1/0, yes/no), got ' || ${shownRaw()}`,
          ],
        ]),
      };
      if (spec.absent === "required")
        out.schema = { code: "'invalid_type'", message: cases([[blank, "'is required'"]]) };
      return out;
    }
    case "list": {
      const items = col("l", name);
      out.second[`l_${name}`] = present ? d.splitList(`coalesce(${raw}, '')`, ",") : "NULL";
      out.value = present ? items : d.emptyList;
      if (present) {
        const long = d.firstLongItem(items, MAX_TEXT);
        out.schema = {
          code: "'too_big'",
          message: cases([
            [
              `${d.listLength(items)} > ${spec.max}`,
              sqlText(`must contain at most ${spec.max} items`),
            ],
            [`${long} >= 0`, sqlText(`must be at most ${MAX_TEXT} characters long`)],
          ]),
        };
        // An item's issue is reported under its index.
        out.third[`li_${name}`] = long;
      }
      return out;
    }
    case "count":
    case "integer":
    case "number":
    case "amount": {
      const n = col("n", name);
      const comma = context.decimalComma
        ? `WHEN ${d.matches(trimmed, COMMA_NUMBER)} THEN ${d.toDouble(`replace(${trimmed}, ',', '.')`)}`
        : "";
      out.second[`n_${name}`] =
        `CASE WHEN ${d.matches(trimmed, NUMBER)} THEN ${d.toDouble(trimmed)} ${comma} ELSE CAST(NULL AS ${d.double}) END`;
      const notNumber = `NOT ${blank} AND ${n} IS NULL`;
      out.conversion = {
        code: "'invalid_cell'",
        message: cases([
          ...(context.decimalComma
            ? []
            : [
                [
                  `NOT ${blank} AND ${d.matches(trimmed, COMMA_NUMBER)}`,
                  `${sqlText('must be a number written with a "." decimal point (decimalComma reads "1,5" as 1.5), got ')} || ${shownRaw()}`,
                ] as const,
              ]),
          [notNumber, `'must be a number, got ' || ${shownRaw()}`],
        ]),
      };
      const integer = spec.kind === "count" || spec.kind === "integer";
      const min = spec.kind === "count" ? 0 : spec.kind === "integer" ? undefined : spec.min;
      const checks: (readonly [string, string, string])[] = [
        [
          `${n} = CAST('Infinity' AS ${d.double})`,
          "'invalid_type'",
          "'must be a number, got Infinity'",
        ],
        // The schema's own words for -Infinity (its message map names +Infinity only).
        [
          `${n} = CAST('-Infinity' AS ${d.double})`,
          "'invalid_type'",
          "'Invalid input: expected number, received -Infinity'",
        ],
      ];
      if (integer) {
        checks.push(
          [`${n} <> trunc(${n})`, "'invalid_type'", "'must be an integer, got number'"],
          [`${n} > 9007199254740991`, "'too_big'", "'must be at most 9007199254740991'"],
          [`${n} < -9007199254740991`, "'too_small'", "'must be at least -9007199254740991'"],
        );
      }
      if (min !== undefined)
        checks.push([`${n} < ${min}`, "'too_small'", sqlText(`must be at least ${min}`)]);
      out.schema = {
        code: cases(checks.map(([when, code]) => [`${n} IS NOT NULL AND ${when}`, code] as const)),
        message: cases([
          ...(spec.absent === "required" ? [[blank, "'is required'"] as const] : []),
          ...checks.map(([when, , message]) => [`${n} IS NOT NULL AND ${when}`, message] as const),
        ]),
      };
      out.value = `CASE WHEN ${n} IS NULL THEN ${absentValue() === "NULL" ? `CAST(NULL AS ${d.double})` : absentValue()} ELSE ${n} END`;
      return out;
    }
    case "timestamp":
      return timestampSql(name, context, out);
    default:
      throw new TypeError(
        `validationQuery: field ${name} is of kind ${spec.kind} (JSON in a cell), which SQL validation does not read`,
      );
  }
}

/** A timestamp cell: `scanIso`'s grammar and checks, then the offset or the zone. */
function timestampSql(name: string, context: FieldContext, out: FieldSql): FieldSql {
  const d = context.dialect;
  const trimmed = col("t", name);
  const blank = `(${trimmed} = '')`;
  // First stage: the pattern's groups, read once per cell (two patterns: nine groups at most each).
  const text = out.first[`t_${name}`] as string;
  out.first[`gt_${name}`] = d.groups(text, ISO, ["y", "mo", "d", "h", "mi", "s", "f"]);
  out.first[`go_${name}`] = d.groups(text, ISO_OFFSET, ["z", "sign", "oh", "om"]);
  const names = ["y", "mo", "d", "h", "mi", "s", "f", "z", "sign", "oh", "om"];
  const g = (i: number) =>
    i <= 7
      ? d.member(col("gt", name), names[i - 1] as string, i)
      : d.member(col("go", name), names[i - 1] as string, i - 7);
  const num = (i: number) => `CAST(nullif(${g(i)}, '') AS BIGINT)`;
  // Second stage: the groups as numbers, and the text's shape.
  out.second[`sh_${name}`] = showText(trimmed);
  out.second[`ok_${name}`] =
    `(${d.textLength(trimmed)} BETWEEN 10 AND 64 AND ${d.matches(trimmed, ISO)})`;
  out.second[`y_${name}`] = num(1);
  out.second[`mo_${name}`] = num(2);
  out.second[`d_${name}`] = num(3);
  out.second[`h_${name}`] = `coalesce(${num(4)}, 0)`;
  out.second[`mi_${name}`] = `coalesce(${num(5)}, 0)`;
  out.second[`s_${name}`] = `coalesce(${num(6)}, 0)`;
  // Nanoseconds from up to nine fraction digits, then milliseconds rounded half up, as
  // scanIso's Math.round of the digits' sum does.
  out.second[`ns_${name}`] =
    `coalesce(CAST(nullif(rpad(${g(7)}, 9, '0'), '000000000') AS BIGINT), 0)`;
  out.second[`off_${name}`] =
    `CASE WHEN ${g(8)} <> '' THEN 0 WHEN ${g(9)} <> '' THEN (CASE WHEN ${g(9)} = '-' THEN -1 ELSE 1 END) * (${num(10)} * 60 + coalesce(${num(11)}, 0)) END`;
  out.second[`badoff_${name}`] =
    `(${g(9)} <> '' AND (${num(10)} > 23 OR coalesce(${num(11)}, 0) > 59))`;
  const c = (p: string) => col(p, name);
  const badDate = `(${c("mo")} < 1 OR ${c("mo")} > 12 OR ${c("d")} < 1 OR ${c("d")} > ${daysInMonth(c("y"), c("mo"))} OR ${c("h")} > 24 OR ${c("mi")} > 59 OR ${c("s")} > 59 OR (${c("h")} = 24 AND (${c("mi")} > 0 OR ${c("s")} > 0 OR ${c("ns")} > 0)))`;
  const wall = `(${daysFromCivil(d, c("y"), c("mo"), c("d"))} * 86400000 + ((${c("h")} * 60 + ${c("mi")}) * 60 + ${c("s")}) * 1000 + ${d.intDiv(c("ns"), "1000000")} + CASE WHEN ${c("ns")} % 1000000 >= 500000 THEN 1 ELSE 0 END)`;
  // Third stage: what went wrong, and the instant.
  const kind = `CASE WHEN NOT ${c("ok")} THEN 'format' WHEN ${c("badoff")} THEN 'offset' WHEN ${badDate} THEN 'date' END`;
  out.third[`err_${name}`] = `CASE WHEN ${blank} THEN NULL ELSE ${kind} END`;
  // Fourth stage: the wall time of a cell read without error.
  out.fourth[`wall_${name}`] =
    `CASE WHEN NOT ${blank} AND ${c("err")} IS NULL THEN CAST(${wall} AS BIGINT) END`;
  out.wall = `wall_${name}`;
  return out;
}

/**
 * The fourth stage of a timestamp: the instant from the wall time and the offset, or the
 * zone's offset found for it (`zoneOffset`, an expression over the zone lookup, or null
 * without a zone); and its issues.
 */
export function timestampFinish(
  name: string,
  spec: FieldSpec,
  zoneOffset: string | null,
): { instant: string; conversion: SqlIssue; schema: SqlIssue | null } {
  const c = (p: string) => col(p, name);
  const shown = c("sh");
  const instant = `(${c("wall")} - CASE WHEN ${c("off")} IS NOT NULL THEN ${c("off")} * 60000 ELSE ${zoneOffset ?? "NULL"} END)`;
  const message = cases([
    [
      `${c("err")} = 'format'`,
      `${sqlText('must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got ')} || ${shown}`,
    ],
    [`${c("err")} = 'offset'`, `'has an impossible UTC offset, got ' || ${shown}`],
    [`${c("err")} = 'date'`, `'is not a real date and time, got ' || ${shown}`],
    ...(zoneOffset === null
      ? [
          [
            `${c("wall")} IS NOT NULL AND ${c("off")} IS NULL`,
            `${sqlText("has no UTC offset; add Z or +hh:mm, or name the zone it is in (timeZone option), got ")} || ${shown}`,
          ] as const,
        ]
      : []),
    [
      `${c("wall")} IS NOT NULL AND (${instant} < ${EARLIEST_INSTANT} OR ${instant} > ${LATEST_INSTANT})`,
      `${sqlText(`must be ${SUPPORTED_INSTANTS}, got `)} || ${shown}`,
    ],
  ]);
  const schema =
    spec.absent === "required"
      ? { code: "'custom'", message: cases([[`${c("t")} = ''`, "'is required'"]]) }
      : null;
  return {
    instant: `CASE WHEN ${c("wall")} IS NOT NULL THEN ${instant} END`,
    conversion: { code: "'invalid_cell'", message },
    schema,
  };
}
