/**
 * The readers' record rules in SQL, with their accounting: a query that reads a relation of
 * raw text cells (a CSV export as DuckDB's `read_csv(…, all_varchar = true)` reads it, plus
 * a line column) and classifies every row as the readers (src/node/readRecords.ts) do:
 * rejected, with the first failing field and the readers' reason; left out as a copy of a
 * record kept at a later line (the readers' default duplicate rule for a file, `"last"`); or
 * used, with its typed fields for the compiler to read. {@link validationCountsQuery} and
 * {@link validationRejectionsQuery} then give the summary: read, valid, rejected,
 * duplicates, and the rejections with line, field and reason.
 *
 * What is exact: field by field, the readers' conversion of a cell (numbers, decimal
 * commas, flags, lists, ISO 8601 timestamps with their exact grammar and checks, zone-less
 * times read in a named zone with the readers' rule for skipped and repeated hours, the
 * supported years) and the schema's checks (required fields, enums, whole and non-negative
 * numbers, safe integers, lengths), in the readers' order: the first conversion problem of a
 * row, else its first schema problem, else its first cross-field problem (tickets: the
 * derived resolution fields and the order rules; survey responses: the score on its scale,
 * what a score needs, and the order rule; self-service sessions have none). Copies of a row
 * share its id within its `source` (tickets and sessions have one).
 *
 * What is not, and is refused or said here rather than approximated:
 * - Fields read from JSON in a cell (a ticket's `messages`, `statusChanges`, `assignments`,
 *   a response's `scale`): the query refuses a relation that has such a column, since their
 *   nested records and the values derived from them are not checked in SQL.
 * - Column mappings, formats other than ISO 8601, value maps, event logs, other record
 *   kinds and duplicate policies other than the default `"last"`: not written; only files
 *   whose columns are named like the fields (the readers' default) are read.
 * - What the relation's CSV parser decides: rows it cannot read (a wrong number of cells),
 *   bytes that are not UTF-8 (the readers count them and read U+FFFD; DuckDB refuses the
 *   file), blank lines, and the line column (exact only when no cell spans lines).
 * - A rejection here is its first problem only (the readers also list up to
 *   `MAX_ISSUES_PER_RECORD` issues), and every rejection is listed (the readers keep the
 *   first `maxRejections`; both count them all).
 * - A quoted cell in a message is cut after 40 code points in SQL and 40 UTF-16 units in
 *   JavaScript (src/sql/validationText.ts): the wording differs for text with emoji early
 *   on; outcomes never do.
 * - Zone-less times outside the years given (`zoneYears`, 1970 to 2069 by default) fail the
 *   query with a message; zones are sampled weekly (src/sql/validationZone.ts).
 */

import type { FieldSpec } from "../schemas/fieldTable.ts";
import { definitionOf } from "../schemas/recordSchema.ts";
import { sessionSchema } from "../schemas/session.ts";
import { DEFAULT_SCALES, surveyResponseSchema } from "../schemas/survey.ts";
import { ticketSchema } from "../schemas/ticket.ts";
import { type BusinessDialect, duckdbBusiness, quoteIdentifier } from "./businessDialect.ts";
import {
  duckdbValidation,
  type FieldSql,
  fieldSql,
  type SqlIssue,
  timestampFinish,
  type ValidationDialect,
} from "./validationFields.ts";
import { sqlText } from "./validationText.ts";
import { type ZonePieces, zoneWallPieces } from "./validationZone.ts";

/** The record kinds validated in SQL. */
export type SqlRecordKind = "tickets" | "surveyResponses" | "sessions";

/** What {@link validationQuery} reads, and how. */
export interface ValidationOptions {
  kind: SqlRecordKind;
  /** The relation of raw cells (a table, a view or a `WITH` name). */
  source: string;
  /** Its columns (the file's header), text; columns that are no field are ignored. */
  columns: readonly string[];
  /** The column holding each row's 1-based line in the file. */
  line: string;
  /** The zone of zone-less timestamps; without it they are rejected, as by the readers. */
  timeZone?: string;
  /** Read `"1,5"` as 1.5. */
  decimalComma?: boolean;
  /** Local years `[from, to)` zone-less timestamps may fall in; `[1970, 2070)` by default. */
  zoneYears?: readonly [number, number];
  /** The number of the first placeholder; 1 by default. */
  firstParam?: number;
}

/** SQL and its bound values. */
export interface BoundSql {
  sql: string;
  params: unknown[];
}

const KINDS = {
  tickets: { schema: ticketSchema, json: ["messages", "statusChanges", "assignments"] },
  surveyResponses: { schema: surveyResponseSchema, json: ["scale"] },
  // Self-service sessions: flat fields, no rule across them (src/schemas/session.ts).
  sessions: { schema: sessionSchema, json: [] },
} as const;

const col = (prefix: string, field: string) => quoteIdentifier(`${prefix}_${field}`);

/** JavaScript's `String(number)` of a DOUBLE, built from the dialect's shortest digits. */
function jsNumberText(d: ValidationDialect, x: string): string {
  const s = d.doubleText(x);
  const pattern = "^(-?)(\\d+)(?:\\.(\\d+))?(?:e([+-]?\\d+))?$";
  const all = `(${d.group(s, pattern, 2)} || ${d.group(s, pattern, 3)})`;
  const lead = `(length(${all}) - length(ltrim(${all}, '0')))`;
  const digits = `rtrim(ltrim(${all}, '0'), '0')`;
  const k = `length(${digits})`;
  const n = `(length(${d.group(s, pattern, 2)}) + coalesce(CAST(nullif(${d.group(s, pattern, 4)}, '') AS INTEGER), 0) - ${lead})`;
  const e = `(${n} - 1)`;
  const exponent = `'e' || CASE WHEN ${e} >= 0 THEN '+' ELSE '-' END || CAST(abs(${e}) AS VARCHAR)`;
  const layout = `CASE WHEN ${k} <= ${n} AND ${n} <= 21 THEN ${digits} || repeat('0', ${n} - ${k})
    WHEN 0 < ${n} AND ${n} <= 21 THEN substr(${digits}, 1, ${n}) || '.' || substr(${digits}, ${n} + 1)
    WHEN -6 < ${n} AND ${n} <= 0 THEN '0.' || repeat('0', -${n}) || ${digits}
    WHEN ${k} = 1 THEN ${digits} || ${exponent}
    ELSE substr(${digits}, 1, 1) || '.' || substr(${digits}, 2) || ${exponent} END`;
  return `CASE WHEN ${x} = trunc(${x}) AND abs(${x}) < 1e21 THEN ${d.wholeText(x)} ELSE ${d.group(s, pattern, 1)} || ${layout} END`;
}

const DAY = 86_400_000;

/**
 * A zone's wall pieces within the years covered, cut at every wall midnight, for a lookup
 * that joins on the day (`Dialect.byDay`): about 366 rows a year. Wall times outside the
 * years find no row; the query fails for them before their offset could matter.
 */
function zoneDays(pieces: ZonePieces) {
  const out = {
    start: [] as number[],
    end: [] as number[],
    day: [] as number[],
    offset: [] as number[],
  };
  const count = pieces.wallStart.length;
  for (let i = 0; i < count; i++) {
    let start = Math.max(pieces.wallStart[i] as number, pieces.wallFrom);
    const end = Math.min(
      i + 1 < count ? (pieces.wallStart[i + 1] as number) : pieces.wallTo,
      pieces.wallTo,
    );
    while (start < end) {
      const day = Math.floor(start / DAY);
      const stop = Math.min(end, (day + 1) * DAY);
      out.start.push(start);
      out.end.push(stop);
      out.day.push(day);
      out.offset.push(pieces.offset[i] as number);
      start = stop;
    }
  }
  return out;
}

/** The cross-field rules of a kind, over the stage holding the typed fields. */
function crossRules(
  kind: SqlRecordKind,
  d: ValidationDialect,
): {
  derived: Record<string, string>;
  issues: { field: string; message: string; when: string }[];
} {
  const f = quoteIdentifier;
  if (kind === "sessions") return { derived: {}, issues: [] };
  if (kind === "tickets") {
    // src/schemas/ticket.ts `derive`, for a ticket without messages or status changes.
    const firstResolved = `coalesce(${f("firstResolvedAt")}, ${f("lastResolvedAt")}, ${f("closedAt")})`;
    const lastResolved = `coalesce(${f("lastResolvedAt")}, ${firstResolved})`;
    const before = (field: string, limit: string, fieldSql: string, limitSql: string) => ({
      field,
      message: sqlText(`must not be before ${limit}`),
      when: `${fieldSql} IS NOT NULL AND ${limitSql} IS NOT NULL AND ${fieldSql} < ${limitSql}`,
    });
    return {
      derived: {
        firstResolvedAt: firstResolved,
        lastResolvedAt: lastResolved,
        status: `coalesce(${f("status")}, CASE WHEN ${f("closedAt")} IS NOT NULL THEN 'closed' WHEN ${lastResolved} IS NOT NULL THEN 'solved' ELSE 'open' END)`,
      },
      issues: [
        before("firstCustomerMessageAt", "createdAt", f("firstCustomerMessageAt"), f("createdAt")),
        before("firstResponseAt", "createdAt", f("firstResponseAt"), f("createdAt")),
        before("firstResolvedAt", "createdAt", firstResolved, f("createdAt")),
        before("closedAt", "createdAt", f("closedAt"), f("createdAt")),
        before("lastResolvedAt", "firstResolvedAt", lastResolved, firstResolved),
      ],
    };
  }
  // src/schemas/survey.ts `completeSurveyResponse`, with the kind's default scale.
  const scale = (end: "min" | "max") =>
    `CASE ${f("kind")} ${Object.entries(DEFAULT_SCALES)
      .map(([kind, s]) => `WHEN ${sqlText(kind)} THEN ${s[end]}`)
      .join(" ")} END`;
  const score = f("score");
  return {
    derived: { scaleMin: scale("min"), scaleMax: scale("max") },
    issues: [
      {
        field: "score",
        when: `${score} IS NOT NULL AND (${score} < ${scale("min")} OR ${score} > ${scale("max")})`,
        message: `'must be between ' || CAST(${scale("min")} AS VARCHAR) || ' and ' || CAST(${scale("max")} AS VARCHAR) || ' on this ' || ${f("kind")} || ' scale, got ' || ${jsNumberText(d, score)}`,
      },
      {
        field: "respondedAt",
        when: `${score} IS NOT NULL AND ${f("respondedAt")} IS NULL`,
        message: "'is required for a scored response'",
      },
      {
        field: "sentAt",
        when: `${f("sentAt")} IS NULL AND ${f("respondedAt")} IS NULL`,
        message: "'or respondedAt is required'",
      },
      {
        field: "respondedAt",
        when: `${f("respondedAt")} IS NOT NULL AND ${f("sentAt")} IS NOT NULL AND ${f("respondedAt")} < ${f("sentAt")}`,
        message: "'must not be before sentAt'",
      },
    ],
  };
}

/**
 * A query classifying every row of a relation of raw cells as the readers would: columns
 * `line`, `outcome` (`'used'`, `'rejected'` or `'duplicate'`), `field`, `path`, `column`,
 * `code`, `reason` (the first problem of a rejected row), then every field of the record kind
 * typed (timestamps as BIGINT epoch milliseconds, lists as text lists) with the derived
 * ones (a ticket's resolution fields and status, a response's scale `scaleMin`/`scaleMax`),
 * and for a timestamp whose absence is "not given" (a ticket's `firstResponseAt`) a column
 * `…Given`, false when the file has no such column (unknown, not never). See the file's comment
 * for what is exact.
 *
 * @example
 * const { sql, params } = validationQuery({
 *   kind: "tickets", source: "raw", columns: ["id", "createdAt", "status"], line: "line",
 * });
 * [sql.startsWith("WITH"), params.length]
 * //=> [true, 0]
 */
export function validationQuery(
  options: ValidationOptions,
  dialect: ValidationDialect = duckdbValidation,
  lookup: BusinessDialect = duckdbBusiness,
): BoundSql {
  const fn = "validationQuery";
  const kind = KINDS[options.kind];
  if (kind === undefined) {
    throw new RangeError(
      `${fn}: kind must be one of tickets, surveyResponses, sessions, got ${JSON.stringify(options.kind)}`,
    );
  }
  const definition = definitionOf(kind.schema());
  if (definition === undefined) throw new TypeError(`${fn}: a schema without a field table`);
  const present = new Set(options.columns);
  const json = kind.json.filter((name) => present.has(name));
  if (json.length > 0) {
    throw new RangeError(
      `${fn}: columns must not include ${json.join(", ")}, got them: JSON in a cell (nested records) is not validated in SQL; read such files with the library's readers`,
    );
  }
  const fields = Object.entries(definition.fields).filter(
    ([name]) => !kind.json.includes(name as never),
  ) as [string, FieldSpec][];
  const missing = fields
    .filter(([name, spec]) => spec.absent === "required" && !present.has(name))
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new RangeError(
      `${fn}: the header has no column for the required field${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`,
    );
  }
  const fieldNames = new Set(fields.map(([name]) => name));
  const twice = options.columns.find(
    (name, i) => fieldNames.has(name) && options.columns.indexOf(name) !== i,
  );
  if (twice !== undefined) {
    throw new RangeError(
      `${fn}: the header has the column ${JSON.stringify(twice)} more than once, so the mapping is ambiguous`,
    );
  }
  const timeZone = options.timeZone;
  const read: [string, FieldSpec, FieldSql][] = fields.map(([name, spec]) => [
    name,
    spec,
    fieldSql(name, spec, {
      dialect,
      column: present.has(name) ? `"r".${quoteIdentifier(name)}` : null,
      timeZone,
      decimalComma: options.decimalComma ?? false,
    }),
  ]);
  const params: unknown[] = [];
  const ctes: string[] = [];
  const select = (columns: Record<string, string>) =>
    Object.entries(columns).map(([name, sql]) => `${sql} AS ${quoteIdentifier(name)}`);
  const merged = (part: "first" | "second" | "third" | "fourth") =>
    Object.assign({}, ...read.map(([, , sql]) => sql[part])) as Record<string, string>;
  // Each stage computed once, where the engine would otherwise repeat its expressions.
  const stage = dialect.stage;
  ctes.push(
    `"v_a" AS ${stage}(SELECT ${[`"r".${quoteIdentifier(options.line)} AS "line"`, ...select(merged("first"))].join(", ")} FROM ${quoteIdentifier(options.source)} AS "r")`,
  );
  ctes.push(
    `"v_b" AS ${stage}(SELECT ${["*", ...select(merged("second"))].join(", ")} FROM "v_a")`,
  );
  ctes.push(
    `"v_c0" AS ${stage}(SELECT ${["*", ...select(merged("third"))].join(", ")} FROM "v_b")`,
  );
  ctes.push(
    `"v_c" AS ${stage}(SELECT ${["*", ...select(merged("fourth"))].join(", ")} FROM "v_c0")`,
  );

  // Zone-less timestamps: one as-of lookup per timestamp field in the zone's wall pieces.
  const joins: string[] = [];
  const zoneOf = new Map<string, string>();
  let zoneCheck: string | null = null;
  if (timeZone !== undefined) {
    const [fromYear, toYear] = options.zoneYears ?? [1970, 2070];
    const pieces = zoneWallPieces(timeZone, fromYear, toYear);
    const first = options.firstParam ?? 1;
    const at = (i: number) => lookup.parameter(first + i);
    // The zone's pieces as bound arrays, one column each. The lookup is an equi-join on the
    // day (PostgreSQL's): pieces cut at wall midnights; otherwise an as-of join on the start.
    const days = lookup.byDay ? zoneDays(pieces) : undefined;
    const columns: [string, "integer" | "bigint", readonly number[]][] = days
      ? [
          ["timeline", "integer", days.start.map(() => 0)],
          ["start_ms", "bigint", days.start],
          ["end_ms", "bigint", days.end],
          ["day", "bigint", days.day],
          ["offset_ms", "bigint", days.offset],
        ]
      : [
          ["timeline", "integer", pieces.wallStart.map(() => 0)],
          ["start_ms", "bigint", pieces.wallStart],
          ["offset_ms", "bigint", pieces.offset],
        ];
    params.push(...columns.map(([, , values]) => values));
    ctes.push(
      `"v_zone" AS ${lookup.arrays(columns.map(([name, type], i) => ({ name, type, placeholder: at(i) })))}`,
    );
    const outside: string[] = [];
    for (const [name, , sql] of read) {
      if (sql.wall === undefined) continue;
      const alias = quoteIdentifier(`z_${name}`);
      const wall = `"v_c".${col("wall", name)}`;
      joins.push(lookup.asOf('"v_zone"', alias, "0", wall, false));
      zoneOf.set(name, `${alias}."offset_ms"`);
      outside.push(
        `(${wall} IS NOT NULL AND "v_c".${col("off", name)} IS NULL AND (${wall} < ${pieces.wallFrom} OR ${wall} >= ${pieces.wallTo}))`,
      );
    }
    if (outside.length > 0) zoneCheck = outside.join(" OR ");
  }

  // The typed values and every issue.
  const values: Record<string, string> = {};
  const conversions: [string, SqlIssue][] = [];
  const schemas: [string, SqlIssue][] = [];
  for (const [name, spec, sql] of read) {
    if (spec.kind === "timestamp") {
      const done = timestampFinish(name, spec, zoneOf.get(name) ?? null);
      values[name] = done.instant;
      conversions.push([name, done.conversion]);
      if (done.schema) schemas.push([name, done.schema]);
      if (spec.absent === "undefined" && !present.has(name)) values[`${name}Given`] = "FALSE";
      else if (spec.absent === "undefined") values[`${name}Given`] = "TRUE";
    } else {
      values[name] = sql.value;
      if (sql.conversion) conversions.push([name, sql.conversion]);
      if (sql.schema) schemas.push([name, sql.schema]);
    }
  }
  const fail =
    zoneCheck === null
      ? []
      : [
          `CASE WHEN ${zoneCheck} THEN ${lookup.fail(`${fn}: a zone-less timestamp must fall in the years of zoneYears`)} END AS "v_zone_check"`,
        ];
  ctes.push(
    `"v_d" AS ${stage}(SELECT ${['"v_c".*', ...select(values), ...fail, ...[...conversions, ...schemas].flatMap(([, issue], i) => [`${issue.message} AS ${quoteIdentifier(`im${i}`)}`, `${issue.code} AS ${quoteIdentifier(`ic${i}`)}`])].join(", ")} FROM "v_c" ${joins.join(" ")})`,
  );
  const all = [...conversions, ...schemas];
  const pick = (what: (name: string, i: number) => string) =>
    `CASE ${all.map(([name], i) => `WHEN ${quoteIdentifier(`im${i}`)} IS NOT NULL THEN ${what(name, i)}`).join(" ")} END`;
  // A list item's problem is reported under its index, unless the list itself is too long.
  const pathOf = (name: string) => {
    const spec = read.find(([n]) => n === name)?.[1];
    return spec?.kind !== "list"
      ? sqlText(name)
      : `${sqlText(name)} || CASE WHEN ${col("li", name)} >= 0 AND NOT (${dialect.listLength(col("l", name))} > ${spec.max}) THEN '[' || CAST(${col("li", name)} AS VARCHAR) || ']' ELSE '' END`;
  };
  ctes.push(
    `"v_e" AS ${stage}(SELECT *, ${pick((name) => sqlText(name))} AS "field", ${pick((name) => pathOf(name))} AS "path", ${pick((_, i) => quoteIdentifier(`ic${i}`))} AS "code", ${pick((_, i) => quoteIdentifier(`im${i}`))} AS "reason" FROM "v_d")`,
  );
  // Cross-field rules, for rows whose fields are all valid.
  const rules = crossRules(options.kind, dialect);
  const derivedNames = Object.keys(rules.derived);
  const ruleCase = (what: (rule: (typeof rules.issues)[number]) => string) =>
    `CASE WHEN "reason" IS NOT NULL THEN NULL ${rules.issues.map((rule) => `WHEN ${rule.when} THEN ${what(rule)}`).join(" ")} END`;
  const typed = [...Object.keys(values), ...derivedNames];
  const kept = typed.filter((name) => !derivedNames.includes(name));
  ctes.push(
    `"v_f" AS ${stage}(SELECT "line", ${[...kept.map(quoteIdentifier), ...select(rules.derived)].join(", ")},
  coalesce("field", ${ruleCase((r) => sqlText(r.field))}) AS "field",
  coalesce("path", ${ruleCase((r) => sqlText(r.field))}) AS "path",
  coalesce("code", ${ruleCase(() => "'custom'")}) AS "code",
  coalesce("reason", ${ruleCase((r) => r.message)}) AS "reason",
  ${copyKey(options.kind, present)}${fail.length > 0 ? ', "v_zone_check"' : ""}
FROM "v_e")`,
  );
  const outputs = [...kept, ...derivedNames].map(quoteIdentifier).join(", ");
  const sql = `WITH ${ctes.join(",\n")}
SELECT "line",
  CASE ${
    // Read here so that the check is evaluated for every row: it fails the query.
    fail.length > 0 ? `WHEN "v_zone_check" IS NOT NULL THEN 'failed' ` : ""
  }WHEN "reason" IS NOT NULL THEN 'rejected'
    WHEN "id_key" IS NOT NULL AND "line" <> max("line") OVER (PARTITION BY "id_key", "source_key") THEN 'duplicate'
    ELSE 'used' END AS "outcome",
  "field", "path", "field" AS "column", "code", "reason", ${outputs}
FROM "v_f"`;
  return { sql, params };
}

/**
 * The key a row's copies share (src/node/duplicateRows.ts `rowId`): its id cell trimmed,
 * within its `source` label when the kind has one (`""` for none); a null id for an empty
 * id cell. Every row has one, rejected rows too, as the readers note every row's id before
 * keeping the last copy.
 */
function copyKey(kind: SqlRecordKind, present: ReadonlySet<string>): string {
  // Tickets and sessions have a source (src/node/duplicateRows.ts reads any record's).
  const source = kind !== "surveyResponses" && present.has("source") ? `"t_source"` : "''";
  return `CASE WHEN "t_id" = '' THEN NULL ELSE "t_id" END AS "id_key", ${source} AS "source_key"`;
}

/**
 * The readers' summary over the result of {@link validationQuery} held as `validated`:
 * one row with `read`, `valid`, `rejected` and `duplicates`.
 *
 * @example
 * validationCountsQuery("checked").includes('FROM "checked"')
 * //=> true
 */
export function validationCountsQuery(validated: string): string {
  return `SELECT count(*) AS "read",
  count(*) FILTER (WHERE "outcome" = 'used') AS "valid",
  count(*) FILTER (WHERE "outcome" = 'rejected') AS "rejected",
  count(*) FILTER (WHERE "outcome" = 'duplicate') AS "duplicates"
FROM ${quoteIdentifier(validated)}`;
}

/**
 * The rejected rows over the result of {@link validationQuery} held as `validated`, in file
 * order: `line`, `column`, `path`, `code`, `reason`.
 *
 * @example
 * validationRejectionsQuery("checked").endsWith('ORDER BY "line"')
 * //=> true
 */
export function validationRejectionsQuery(validated: string): string {
  return `SELECT "line", "column", "path", "code", "reason" FROM ${quoteIdentifier(validated)} WHERE "outcome" = 'rejected' ORDER BY "line"`;
}
