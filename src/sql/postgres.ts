/**
 * The PostgreSQL dialect: the words the compiler needs, as PostgreSQL 12 and later spell
 * them. The same SQL runs on one server, on a coordinator whose tables are partitioned over
 * shards (postgres_fdw), and on Citus, which plans it across workers itself.
 */
import type { BusinessColumnType, Dialect } from "./dialect.ts";

/** Doubles every double quote and wraps the name in them (SQL's standard quoting). */
function quote(identifier: string): string {
  if (identifier.includes("\u0000"))
    throw new TypeError(`sql: an identifier must not hold a NUL character, got ${identifier}`);
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * The compiler writes a column the relation does not have as a bare NULL; PostgreSQL cannot
 * choose `sum`, `min` or `max` of an untyped NULL, so it gets a type (the aggregate is NULL
 * all the same).
 */
function typed(expression: string): string {
  return expression === "NULL" ? "CAST(NULL AS double precision)" : expression;
}

/** A SQL string literal of constant text (our own messages only, never data). */
function quoteText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const ARRAY_TYPES: Record<BusinessColumnType, string> = {
  bigint: "bigint[]",
  integer: "integer[]",
  boolean: "boolean[]",
};

/**
 * The marker that starts the text of a failure PostgreSQL raises for {@link POSTGRES}'s
 * `fail`: the error is the server's complaint about a text that is no integer, and the text
 * is the message after this marker (src/postgres/index.ts gives the user the message alone).
 */
export const POSTGRES_FAILURE_MARKER = "support-metrics: ";

/**
 * PostgreSQL: `timezone(zone, instant)` reads the wall clock of an instant in an IANA zone
 * (from one instant to one wall time, so no wall time is ever skipped or repeated here; the
 * rows' decoder finds the instant a period starts from its first local day by the library's
 * rule, as for every dialect). The day is written with `to_char`, which does not depend on
 * the server's DateStyle. `percentile_cont` interpolates linearly between closest ranks, the
 * library's rule; aggregates take `FILTER (WHERE ...)`; lists are text arrays; epoch
 * milliseconds come from `extract(epoch ...)`, exact (a numeric) since PostgreSQL 14.
 *
 * @example
 * POSTGRES.periodStart("month", '"createdAt"', "$1", "$2")
 * //=> `to_char(date_trunc('month', CAST(CAST(timezone($1, "createdAt") AS date) AS timestamp)), 'YYYY-MM-DD')`
 * @example
 * POSTGRES.periodStart("week", '"createdAt"', "$1", "$2")
 * //=> `to_char(CAST(timezone($1, "createdAt") AS date) - (CAST(extract(dow FROM CAST(timezone($1, "createdAt") AS date)) AS integer) - CAST($2 AS integer) + 7) % 7, 'YYYY-MM-DD')`
 * @example
 * POSTGRES.quantilesWhere('"s"', [0.5, 0.9], '"r0" = -1')
 * //=> `percentile_cont(ARRAY[0.5, 0.9]::double precision[]) WITHIN GROUP (ORDER BY CAST("s" AS double precision)) FILTER (WHERE "r0" = -1)`
 * @example
 * POSTGRES.sumWhere("NULL", '"r0" = -1')
 * //=> `sum(CAST(NULL AS double precision)) FILTER (WHERE "r0" = -1)`
 * @example
 * [POSTGRES.listHolds('"tags"', "CAST($1 AS text)"), POSTGRES.epochMilliseconds('"createdAt"')]
 * //=> ['coalesce(CAST($1 AS text) = ANY("tags"), false)', 'CAST(floor(extract(epoch FROM "createdAt") * 1000) AS bigint)']
 *
 * Business time (src/sql/businessHours.ts): arrays are bound as PostgreSQL arrays (`pg`
 * writes a JavaScript array as an array literal) and zipped by the many-argument `unnest`
 * in FROM; the piece holding an instant is found by an equi-join on its UTC day and a range
 * test, as in DuckDB; epoch milliseconds are floored, before 1970 too. PostgreSQL has no
 * function that raises an error, and folds a constant failing expression while planning,
 * even in a CASE arm never taken: a failure casts our message to an integer, made
 * non-constant by a volatile `random()` that adds nothing, so it fails only when reached.
 *
 * @example
 * POSTGRES.arrays([
 *   { name: "start_ms", type: "bigint", placeholder: "$1" },
 *   { name: "working", type: "boolean", placeholder: "$2" },
 * ])
 * //=> '(SELECT * FROM unnest(CAST($1 AS bigint[]), CAST($2 AS boolean[])) AS "t"("start_ms", "working"))'
 * @example
 * POSTGRES.asOf('"iv"', '"e"', "0", '"t"."end"', true)
 * //=> 'LEFT JOIN "iv" AS "e" ON "e"."timeline" = 0 AND "e"."day" = CAST(floor(("t"."end" - 1) / 86400000.0) AS bigint) AND "e"."start_ms" <= ("t"."end" - 1) AND ("t"."end" - 1) < "e"."end_ms"'
 * @example
 * [POSTGRES.byDay, POSTGRES.epochFloorMs('"solvedAt"')]
 * //=> [true, 'CAST(floor(extract(epoch FROM "solvedAt") * 1000) AS bigint)']
 * @example
 * POSTGRES.fail("span out of range")
 * //=> "CAST(concat('support-metrics: span out of range', left(CAST(random() AS text), 0)) AS integer)"
 */
export const POSTGRES: Dialect = {
  name: "postgres",
  quote,
  parameter: (index) => `$${index}`,
  periodStart(unit, instant, zone, weekStartsOn) {
    const day = `CAST(timezone(${zone}, ${instant}) AS date)`;
    const text = (date: string) => `to_char(${date}, 'YYYY-MM-DD')`;
    if (unit === "day") return text(day);
    if (unit === "week" || unit === "isoWeek") {
      // dow: Sunday 0 ... Saturday 6; back to the latest day that starts a week.
      const back = `(CAST(extract(dow FROM ${day}) AS integer) - CAST(${weekStartsOn} AS integer) + 7) % 7`;
      return text(`${day} - ${back}`);
    }
    // On a timestamp without zone, so the session's zone never enters.
    return text(`date_trunc('${unit}', CAST(${day} AS timestamp))`);
  },
  epochMilliseconds: (instant) => `CAST(floor(extract(epoch FROM ${instant}) * 1000) AS bigint)`,
  // 'epoch' is 1970-01-01 UTC whatever the session's zone; an interval is whole microseconds.
  fromEpochMilliseconds: (milliseconds) =>
    `(TIMESTAMPTZ 'epoch' + CAST(${milliseconds} AS bigint) * INTERVAL '1 millisecond')`,
  countWhere: (condition) => `count(*) FILTER (WHERE ${condition})`,
  sumWhere: (expression, condition) => `sum(${typed(expression)}) FILTER (WHERE ${condition})`,
  minWhere: (expression, condition) => `min(${typed(expression)}) FILTER (WHERE ${condition})`,
  maxWhere: (expression, condition) => `max(${typed(expression)}) FILTER (WHERE ${condition})`,
  quantilesWhere: (expression, fractions, condition) =>
    `percentile_cont(ARRAY[${fractions.join(", ")}]::double precision[]) WITHIN GROUP (ORDER BY CAST(${expression} AS double precision)) FILTER (WHERE ${condition})`,
  listHolds: (list, item) => `coalesce(${item} = ANY(${list}), false)`,
  // A composite value's field: the parentheses keep PostgreSQL from reading a table name.
  member: (record, name) => `(${record}).${quote(name)}`,
  // The elements of a jsonb array (a json or text column of the same JSON reads alike), each
  // member by name as text (a JSON null or a missing member is NULL), beside the others.
  distinctMembers: (list, member, also) => {
    const e = quote("__e");
    const v = quote("__v");
    const members = `SELECT ${e} ->> ${quoteText(member)} AS ${v} FROM jsonb_array_elements(CAST(${list} AS jsonb)) AS ${e}`;
    const others = also.map((other) => ` UNION ALL SELECT CAST(${other} AS text)`).join("");
    return `(CASE WHEN ${list} IS NULL THEN NULL ELSE (SELECT count(DISTINCT ${v}) FROM (${members}${others}) AS ${quote("__m")}) END)`;
  },
  // Each stay, from its change (the start for the initial status) to the next change (`lead`,
  // the end for the last) in the history's order, the changes clipped to [start, end].
  statusSeconds: (list, start, end, statuses, initial) => {
    const [e, i, s, from, to] = ["__e", "__i", "__s", "__from", "__to"].map(quote) as string[];
    const at = `CAST(floor(extract(epoch FROM CAST(${e} ->> 'at' AS timestamptz)) * 1000) AS bigint)`;
    const changes = `SELECT ${e} ->> 'status' AS ${s}, least(greatest(${at}, ${start}), ${end}) AS ${from}, ${i} FROM jsonb_array_elements(CAST(${list} AS jsonb)) WITH ORDINALITY AS ${quote("__c")}(${e}, ${i})`;
    const rows = `SELECT CAST(${initial} AS text) AS ${s}, CAST(${start} AS bigint) AS ${from}, CAST(0 AS bigint) AS ${i} UNION ALL ${changes}`;
    const stays = `SELECT ${s}, ${from}, lead(${from}, 1, CAST(${end} AS bigint)) OVER (ORDER BY ${i}) AS ${to} FROM (${rows}) AS ${quote("__r")}`;
    const sum = `SELECT sum(CASE WHEN ${s} IN (${statuses.join(", ")}) THEN ${to} - ${from} ELSE 0 END) FROM (${stays}) AS ${quote("__t")}`;
    return `(CASE WHEN coalesce(jsonb_array_length(CAST(${list} AS jsonb)), 0) = 0 THEN NULL ELSE CAST((${sum}) AS double precision) / 1000.0 END)`;
  },
  // The elements after the first in the array's order (ordinality), public and by a role
  // given; the earliest position's instant (ISO 8601 text, exact to the millisecond).
  firstMessageAt: (list, roles) => {
    const [e, i] = ["__e", "__i"].map(quote) as string[];
    const elements = `jsonb_array_elements(CAST(${list} AS jsonb)) WITH ORDINALITY AS ${quote("__m")}(${e}, ${i})`;
    const where = `${i} > 1 AND coalesce(CAST(${e} ->> 'public' AS boolean), false) AND ${e} ->> 'authorRole' IN (${roles.join(", ")})`;
    return `(SELECT CAST(${e} ->> 'at' AS timestamptz) FROM ${elements} WHERE ${where} ORDER BY ${i} LIMIT 1)`;
  },
  // The agent replies' authors from the jsonb elements; a flag left out reads as the schema's
  // default (public, not automated), as isAgentReply reads it.
  replyAuthors: (list, read) => {
    const e = quote("__e");
    const elements = `jsonb_array_elements(CAST(${list} AS jsonb)) AS ${e}`;
    const reply = `${e} ->> 'authorRole' = 'agent' AND coalesce(CAST(${e} ->> 'public' AS boolean), true) AND NOT coalesce(CAST(${e} ->> 'automated' AS boolean), false)`;
    return read === "count"
      ? `(CASE WHEN ${list} IS NULL THEN NULL ELSE (SELECT count(DISTINCT ${e} ->> 'authorId') FROM ${elements} WHERE ${reply}) END)`
      : `coalesce(EXISTS (SELECT 1 FROM ${elements} WHERE ${reply} AND ${e} ->> 'authorId' IS NULL), false)`;
  },
  // Each element beside its position (ordinality), its members read by name from the jsonb.
  messageRows: (base, list, row) => {
    const [b, e] = [quote("__b"), quote("__e")];
    const members = [
      `CAST(${e} ->> 'at' AS timestamptz) AS "__at"`,
      `${e} ->> 'authorRole' AS "__role"`,
      `CAST(${e} ->> 'public' AS boolean) AS "__public"`,
      `CAST(${e} ->> 'automated' AS boolean) AS "__automated"`,
    ].join(", ");
    return `SELECT ${b}.${row} AS "__row", "__i", ${members} FROM ${base} AS ${b} CROSS JOIN LATERAL jsonb_array_elements(CAST(${b}.${list} AS jsonb)) WITH ORDINALITY AS ${quote("__m")}(${e}, "__i")`;
  },
  listLength: (list) => `jsonb_array_length(CAST(${list} AS jsonb))`,
  // No histogram aggregate: every number, counted by the decoder (one small integer a row).
  tallyWhere: (expression, condition) =>
    `array_agg(CAST(${expression} AS integer)) FILTER (WHERE ${condition})`,
  asDouble: (expression) => `CAST(${expression} AS double precision)`,
  asText: (expression) => `CAST(${expression} AS text)`,
  asInstant: (expression) => `CAST(${expression} AS timestamptz)`,
  arrayLiteral: (items) => `ARRAY[${items}]`,
  byDay: true,
  arrays: (columns) =>
    `(SELECT * FROM unnest(${columns
      .map((c) => `CAST(${c.placeholder} AS ${ARRAY_TYPES[c.type]})`)
      .join(", ")}) AS ${quote("t")}(${columns.map((c) => quote(c.name)).join(", ")}))`,
  // An instant is in a piece when start ≤ t < end; "before t" is "at or before t − 1 ms".
  asOf: (relation, alias, timeline, key, strict) => {
    const t = strict ? `(${key} - 1)` : key;
    return `LEFT JOIN ${relation} AS ${alias} ON ${alias}."timeline" = ${timeline} AND ${alias}."day" = CAST(floor(${t} / 86400000.0) AS bigint) AND ${alias}."start_ms" <= ${t} AND ${t} < ${alias}."end_ms"`;
  },
  // random() is volatile, so the planner cannot fold the cast (and fail) ahead of time;
  // left(..., 0) is always empty, so the text is the marker and the message.
  fail: (message) =>
    `CAST(concat(${quoteText(`${POSTGRES_FAILURE_MARKER}${message}`)}, left(CAST(random() AS text), 0)) AS integer)`,
  // extract(epoch ...) is an exact numeric (PostgreSQL 14 and later); floor, not truncation.
  epochFloorMs: (instant) => `CAST(floor(extract(epoch FROM ${instant}) * 1000) AS bigint)`,
};
