/**
 * The validation rules' SQL in PostgreSQL's words (src/sql/validationFields.ts names the
 * pieces; src/sql/validation.ts writes the rest in SQL both engines read). What differs from
 * DuckDB, and why each piece is written as it is:
 *
 * - Regular expressions: PostgreSQL's are POSIX "advanced" ones (AREs), not RE2. The
 *   patterns are written once, in RE2's syntax, and translated here: a code point
 *   `\x{HHHH}` becomes `\uHHHH` (or `\UHHHHHHHH` beyond U+FFFF), and `\d` becomes `[0-9]`,
 *   since an ARE's `\d` is the locale's digits, which may include other scripts' digits
 *   that JavaScript's `Number` never reads. Everything else the patterns use (`(?:…)`,
 *   `{m,n}`, bracket classes with `\t`, anchors that hold at the text's ends only) means
 *   the same in both.
 * - Numbers: `float8in` fails the query on a number beyond the double range (`1e999`) or
 *   too small to be anything but zero (`1e-400`), where JavaScript reads Infinity and 0. A
 *   cell's decimal exponent is worked out from its digits first: far beyond the range it is
 *   ±Infinity or ±0 at once; at either edge its first 800 significant digits are compared,
 *   as a numeric, with the exact halfway points (2^1024 − 2^970 and 2^-1075), which decides
 *   the rounding exactly; only numbers that are sure to convert are cast.
 * - Number text: PostgreSQL's `float8out` writes the shortest text that round-trips (as
 *   JavaScript does) while `extra_float_digits` is above zero, its default; a whole number
 *   of 1e15 or more is written with an exponent, so its digits are padded with zeros here,
 *   as `String(number)` does.
 * - Lengths: Zod 4.6's length limits count code points, as PostgreSQL's `length` does; an
 *   emoji is one character to both (and two UTF-16 units to JavaScript's `length`).
 * - Lists: `string_to_array`, and `unnest … WITH ORDINALITY` where DuckDB has list lambdas.
 * - Stages: PostgreSQL inlines a `WITH` query read once, pasting each column's expression
 *   into every use of it, and the stages' columns are used many times each (a trimmed cell
 *   in every check): planning alone then takes minutes. `MATERIALIZED` computes each stage
 *   once.
 * - Integer division: `/` of integers truncates, which is floor for the non-negative
 *   numbers it is used on.
 */

import type { ValidationDialect } from "./validationFields.ts";
import { sqlText } from "./validationText.ts";

/** RE2 syntax to an ARE with the same meaning, for the patterns validation writes. */
export function toAre(pattern: string): string {
  let out = "";
  let inBracket = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (next === "x" && pattern[i + 2] === "{") {
        const close = pattern.indexOf("}", i);
        const code = Number.parseInt(pattern.slice(i + 3, close), 16);
        out +=
          code <= 0xffff
            ? `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`
            : `\\U${code.toString(16).toUpperCase().padStart(8, "0")}`;
        i = close;
      } else if (next === "d") {
        out += inBracket ? "0-9" : "[0-9]";
        i++;
      } else {
        out += c + next;
        i++;
      }
      continue;
    }
    if (c === "[" && !inBracket) {
      inBracket = true;
      out += c;
      // A `]` or `^]` right after the opening bracket is a member, not the end.
      if (pattern[i + 1] === "^") out += pattern[++i];
      if (pattern[i + 1] === "]") out += pattern[++i];
      continue;
    }
    if (c === "]" && inBracket) inBracket = false;
    out += c;
  }
  return out;
}

const are = (pattern: string) => sqlText(toAre(pattern));

/** The characters JavaScript's `String.prototype.trim` strips (src/sql/validationText.ts). */
const JS_SPACE =
  "[\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]";

const trim = (text: string) =>
  `regexp_replace(${text}, ${are(`^${JS_SPACE}+|${JS_SPACE}+$`)}, '', 'g')`;

/** 2^1024 − 2^970, the least number that rounds to Infinity as a double (309 digits). */
const OVERFLOW = (BigInt(2) ** BigInt(1024) - BigInt(2) ** BigInt(970)).toString();
/** 2^-1075, half the least subnormal: a number at or below it rounds to zero (ties to even). */
const UNDERFLOW = `${(BigInt(5) ** BigInt(1075)).toString()}e-1075`;

/**
 * A number's text (checked against validation's number pattern, `.` as its point) as a
 * double precision, as JavaScript's `Number` reads it, without ever failing the query.
 */
function toDouble(text: string): string {
  const parts = (index: number) =>
    `coalesce((regexp_match(${text}, '^[+-]?([0-9]*)\\.?([0-9]*)(?:[eE]([+-]?[0-9]+))?$'))[${index}], '')`;
  const whole = `ltrim(${parts(1)}, '0')`;
  const fraction = parts(2);
  const exponentText = parts(3);
  // An exponent of more than six digits is beyond any double, in either direction.
  const exponent = `CASE WHEN length(ltrim(ltrim(${exponentText}, '+-'), '0')) > 6 THEN CASE WHEN left(${exponentText}, 1) = '-' THEN -10000000 ELSE 10000000 END ELSE CAST(coalesce(nullif(${exponentText}, ''), '0') AS integer) END`;
  // The number is in [10^(e-1), 10^e): e from its first significant digit.
  const e = `CASE WHEN ${whole} <> '' THEN length(${whole}) + ${exponent} ELSE ${exponent} - (length(${fraction}) - length(ltrim(${fraction}, '0'))) END`;
  const digits = `ltrim(${whole} || ${fraction}, '0')`;
  const leading = `CAST('0.' || left(${digits}, 800) || 'e' || CAST(${e} AS text) AS numeric)`;
  const negative = `left(${text}, 1) = '-'`;
  const signed = (value: string) =>
    `CASE WHEN ${negative} THEN CAST('-${value}' AS double precision) ELSE CAST('${value}' AS double precision) END`;
  return `CASE WHEN length(${text}) <= 20 AND ${text} !~ '[eE]' THEN CAST(${text} AS double precision)
    WHEN ${digits} = '' THEN ${signed("0")}
    WHEN ${e} > 309 OR (${e} = 309 AND ${leading} >= ${OVERFLOW}) THEN ${signed("Infinity")}
    WHEN ${e} < -323 OR (${e} = -323 AND ${leading} <= ${UNDERFLOW}) THEN ${signed("0")}
    ELSE CAST(${text} AS double precision) END`;
}

/**
 * PostgreSQL's validation pieces (PostgreSQL 12 and later).
 *
 * @example
 * [postgresValidation.matches('"t"', "^\\d{4}$"), postgresValidation.member('"g"', "y", 1)]
 * //=> [`("t" ~ '^[0-9]{4}$')`, `coalesce(("g")[1], '')`]
 */
export const postgresValidation: ValidationDialect = {
  intDiv: (a, b) => `((${a}) / (${b}))`,
  matches: (text, pattern) => `(${text} ~ ${are(pattern)})`,
  group: (text, pattern, index) =>
    `coalesce((regexp_match(${text}, ${are(pattern)}))[${index}], '')`,
  groups: (text, pattern) => `regexp_match(${text}, ${are(pattern)})`,
  member: (groups, _name, index) => `coalesce((${groups})[${index}], '')`,
  double: "double precision",
  toDouble,
  splitList: (text, separator) =>
    `ARRAY(SELECT "s"."x" FROM (SELECT ${trim('"u"."x"')} AS "x", "u"."i" FROM unnest(string_to_array(${text}, ${sqlText(separator)})) WITH ORDINALITY AS "u"("x", "i")) AS "s" WHERE "s"."x" <> '' ORDER BY "s"."i")`,
  listLength: (list) => `cardinality(${list})`,
  firstLongItem: (list, max) =>
    `(SELECT min("u"."i") - 1 FROM unnest(${list}) WITH ORDINALITY AS "u"("x", "i") WHERE length("u"."x") > ${max})`,
  wholeText: (value) => {
    const text = `CAST(abs(${value}) AS text)`;
    return `CASE WHEN abs(${value}) < 1e15 THEN CAST(CAST(${value} AS bigint) AS text) ELSE CASE WHEN ${value} < 0 THEN '-' ELSE '' END || rpad(replace(split_part(${text}, 'e', 1), '.', ''), CAST(split_part(${text}, 'e', 2) AS integer) + 1, '0') END`;
  },
  doubleText: (value) => `CAST(${value} AS text)`,
  trim,
  // Code points, as Zod 4.6's length limits count them (a text's characters in PostgreSQL).
  textLength: (text) => `length(${text})`,
  emptyList: "CAST('{}' AS text[])",
  stage: "MATERIALIZED ",
};
