/**
 * A dialect: how one SQL engine writes the few things the compiler needs that engines spell
 * differently (identifier quoting, parameter markers, a period's start in a time zone, filtered
 * aggregates, quantiles with linear interpolation, list membership). The compiler writes
 * everything else in the SQL they share. DuckDB is the first; PostgreSQL and the warehouses
 * add one object each.
 */
import type { PeriodUnit } from "../time/period.ts";

/** The column types of the relations business time binds as arrays. */
export type BusinessColumnType = "bigint" | "integer" | "boolean";

/** The SQL words of one engine. */
export interface Dialect {
  /** The engine's name, as the CLI and the docs call it. */
  readonly name: string;
  /** An identifier, quoted so that any name (a keyword, a space, a quote) is read as written. */
  quote(identifier: string): string;
  /** The marker of the parameter at `index` (1-based). */
  parameter(index: number): string;
  /**
   * The first local day of the period holding the instant `instant` (a timestamp with zone),
   * in the zone named by the text expression `zone`, as text `YYYY-MM-DD`. `weekStartsOn` is
   * an integer expression (0 Sunday ... 6 Saturday), read for weeks only.
   */
  periodStart(unit: PeriodUnit, instant: string, zone: string, weekStartsOn: string): string;
  /** Whole epoch milliseconds of an instant, as a 64-bit integer. */
  epochMilliseconds(instant: string): string;
  /**
   * The instant of epoch milliseconds (a whole number), exactly; an engine without it does
   * not compile a placing instant shifted before its field (spec.ts `PlacingInstant.before`)
   * nor a record followed by another (`FollowsSql`).
   */
  fromEpochMilliseconds?(milliseconds: string): string;
  /** The number of rows where `condition` holds. */
  countWhere(condition: string): string;
  /** The sum of `expression` over the rows where `condition` holds (null over none). */
  sumWhere(expression: string, condition: string): string;
  /** The least and greatest of `expression` where `condition` holds. */
  minWhere(expression: string, condition: string): string;
  maxWhere(expression: string, condition: string): string;
  /**
   * The quantiles `fractions` of `expression` where `condition` holds, interpolating linearly
   * between closest ranks, as a list (or array) of numbers. Optional: a dialect with no exact
   * form leaves it out and says why in {@link Dialect.noExactQuantiles}, and the compiler
   * refuses durations (whose results hold a median, p90 and p95) rather than approximate.
   */
  quantilesWhere?(expression: string, fractions: readonly number[], condition: string): string;
  /** Why the dialect has no {@link Dialect.quantilesWhere} (the engine's functions). */
  readonly noExactQuantiles?: string;
  /**
   * The engine binds parameters by position only (`?`, each marker its own value): the
   * compiler then writes numbered markers and turns them into `?` at the end, repeating a
   * value as often as its marker appears (src/sql/positional.ts).
   */
  readonly positional?: boolean;
  /** Whether the list-valued `list` holds the text `item`. */
  listHolds(list: string, item: string): string;
  /** The field `name` of a record-valued expression. */
  member(record: string, name: string): string;
  /**
   * The number of distinct non-null values among the member `member` of the elements of the
   * nested array of records `list` (its column: src/sql/tableKinds.ts `isNestedField`) and
   * the text expressions `also`; null when `list` is null. Optional, with
   * {@link Dialect.tallyWhere}: a dialect without them refuses the metrics that read a nested
   * array, saying why in {@link Dialect.noNested}.
   */
  distinctMembers?(list: string, member: string, also: readonly string[]): string;
  /**
   * The whole numbers `expression` takes where `condition` holds, for a distribution: either
   * a map of each number to its count (returned as `{ key, value }` entries) or a list of
   * every number, which the decoder counts (src/sql/nested.ts).
   */
  tallyWhere?(expression: string, condition: string): string;
  /**
   * The seconds spent in some statuses, from a status history (the `statusSeconds`
   * expression of spec.ts): `list` the nested column, `start` and `end` whole epoch
   * milliseconds (BIGINT), `statuses` and `initial` text expressions. Optional: a dialect
   * without it refuses the metrics of time in statuses.
   */
  statusSeconds?(
    list: string,
    start: string,
    end: string,
    statuses: readonly string[],
    initial: string,
  ): string;
  /**
   * The instant (`at`, a timestamp with zone) of the first element after the first of a
   * ticket's messages `list` (the nested column, in its order) that is public and whose
   * `authorRole` is one of the text expressions `roles`; null when there is none or `list`
   * is null (the `firstMessageAt` expression of spec.ts). Optional: a dialect without it
   * refuses the metrics that read messages.
   */
  firstMessageAt?(list: string, roles: readonly string[]): string;
  /**
   * Of the agent replies among a ticket's messages `list` (public, by an agent, not
   * automated): the number of distinct non-null `authorId`s (`"count"`, null when `list` is),
   * or whether one has a null `authorId` (`"unknown"`, a boolean, false when `list` is null).
   * Optional: a dialect without it refuses the metrics that read them.
   */
  replyAuthors?(list: string, read: "count" | "unknown"): string;
  /**
   * One row per element of a ticket's messages `list` (a column of the relation `base`, whose
   * column `row` identifies each record), in the list's order: the columns `"__row"` (the
   * record's `row`), `"__i"` (1-based position), `"__at"`, `"__role"`, `"__public"` and
   * `"__automated"`; no row for a null or empty list (src/sql/waits.ts). With
   * {@link Dialect.listLength}, optional: a dialect without them refuses reply time.
   */
  messageRows?(base: string, list: string, row: string): string;
  /** The number of elements of a nested list (its column), null when it is null. */
  listLength?(list: string): string;
  /** Why the dialect has no {@link Dialect.distinctMembers} (its nested types). */
  readonly noNested?: string;
  /** A bound parameter read as a double-precision number, or text. */
  asDouble(expression: string): string;
  asText(expression: string): string;
  /** A bound parameter read as a timestamp with zone (an ISO 8601 text). */
  asInstant(expression: string): string;
  /** The name of the 64-bit integer type a count is typed as: `BIGINT` when left out. */
  readonly bigint?: string;
  /**
   * A list of SQL literals as one array value, where the engine's own SQL runs a statement
   * with its values as `PREPARE ... EXECUTE name(values)` (the CLI's `--print-sql` script);
   * left out where values are bound in a client (the warehouses).
   */
  arrayLiteral?(items: string): string;

  // The words of business time (src/sql/businessHours.ts). Optional: a dialect without them
  // refuses a metric timed by a schedule, with that reason.
  /**
   * Whether {@link Dialect.asOf} finds a piece by its UTC day (an equi-join), which needs the
   * pieces split at UTC midnights; otherwise by an as-of lookup.
   */
  readonly byDay?: boolean;
  /** A relation whose rows zip bound array parameters, one column per array. */
  arrays?(
    columns: readonly { name: string; type: BusinessColumnType; placeholder: string }[],
  ): string;
  /**
   * A join clause that adds `alias`, the row of `relation` with the greatest `start_ms` that is
   * at or before `key` (`strict`: before it), among the rows where `timeline` equals
   * `timeline`; all its columns null when there is none.
   */
  asOf?(relation: string, alias: string, timeline: string, key: string, strict: boolean): string;
  /** An expression that fails the query with `message` when evaluated (a constant text). */
  fail?(message: string): string;
  /**
   * Epoch milliseconds (BIGINT) of a timestamp-with-zone expression, floored (before 1970
   * too, where {@link Dialect.epochMilliseconds} may truncate toward zero).
   */
  epochFloorMs?(instant: string): string;
}

/**
 * The typed NULL of a count: BIGINT (standard SQL) unless the dialect names its own type.
 *
 * @example
 * nullCount(DUCKDB)
 * //=> "CAST(NULL AS BIGINT)"
 */
export function nullCount(dialect: Dialect): string {
  return `CAST(NULL AS ${dialect.bigint ?? "BIGINT"})`;
}

/** Doubles every double quote and wraps the name in them (SQL's standard quoting). */
function standardQuote(identifier: string): string {
  if (identifier.includes("\u0000"))
    throw new TypeError(`sql: an identifier must not hold a NUL character, got ${identifier}`);
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** A SQL string literal of constant text (our own messages only, never data). */
function quoteText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const SQL_TYPES: Record<BusinessColumnType, string> = {
  bigint: "BIGINT",
  integer: "INTEGER",
  boolean: "BOOLEAN",
};

/**
 * DuckDB (with its ICU extension, built into @duckdb/node-api): `timezone(zone, instant)`
 * reads the wall clock in an IANA zone; `quantile_cont` interpolates linearly, the library's
 * rule; aggregates take `FILTER (WHERE ...)`. For business time, arrays are bound as LIST
 * parameters and zipped by `unnest` in the select list; the piece holding an instant is found
 * by an equi-join on its UTC day and a range test (faster in DuckDB than its `ASOF` join,
 * which src/sql/businessDialect.ts keeps as a variant); a failure is `error(message)`; epoch
 * milliseconds are floored from microseconds.
 *
 * @example
 * DUCKDB.periodStart("month", '"createdAt"', "$1", "$2")
 * //=> `CAST(CAST(date_trunc('month', CAST(timezone($1, "createdAt") AS DATE)) AS DATE) AS VARCHAR)`
 */
export const DUCKDB: Dialect = {
  name: "duckdb",
  quote: standardQuote,
  parameter: (index) => `$${index}`,
  periodStart(unit, instant, zone, weekStartsOn) {
    const day = `CAST(timezone(${zone}, ${instant}) AS DATE)`;
    if (unit === "day") return `CAST(${day} AS VARCHAR)`;
    if (unit === "week" || unit === "isoWeek") {
      // dayofweek: Sunday 0 ... Saturday 6; back to the latest day that starts a week.
      const back = `CAST((dayofweek(${day}) - ${weekStartsOn} + 7) % 7 AS INTEGER)`;
      return `CAST(${day} - ${back} AS VARCHAR)`;
    }
    return `CAST(CAST(date_trunc('${unit}', ${day}) AS DATE) AS VARCHAR)`;
  },
  epochMilliseconds: (instant) => `epoch_ms(${instant})`,
  fromEpochMilliseconds: (milliseconds) =>
    `make_timestamptz(CAST(${milliseconds} AS BIGINT) * 1000)`,
  countWhere: (condition) => `count(*) FILTER (WHERE ${condition})`,
  sumWhere: (expression, condition) => `sum(${expression}) FILTER (WHERE ${condition})`,
  minWhere: (expression, condition) => `min(${expression}) FILTER (WHERE ${condition})`,
  maxWhere: (expression, condition) => `max(${expression}) FILTER (WHERE ${condition})`,
  quantilesWhere: (expression, fractions, condition) =>
    `quantile_cont(CAST(${expression} AS DOUBLE), [${fractions.join(", ")}]) FILTER (WHERE ${condition})`,
  listHolds: (list, item) => `coalesce(list_contains(${list}, ${item}), false)`,
  member: (record, name) => `${record}.${standardQuote(name)}`,
  asDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
  asText: (expression) => `CAST(${expression} AS VARCHAR)`,
  asInstant: (expression) => `CAST(${expression} AS TIMESTAMPTZ)`,
  // The members as a list (a list comprehension over the LIST of STRUCTs, not an arrow
  // lambda, which DuckDB 1.3 deprecated), the others appended, nulls and repeats dropped by
  // list_distinct.
  distinctMembers: (list, member, also) => {
    const members = `[${standardQuote("__e")}.${standardQuote(member)} FOR ${standardQuote("__e")} IN ${list}]`;
    const all = also.length === 0 ? members : `list_concat(${members}, [${also.join(", ")}])`;
    return `len(list_distinct(${all}))`;
  },
  // Each stay, from its change (the start for the initial status) to the next change (the end
  // for the last), the changes clipped to [start, end]; the stays in the statuses summed.
  statusSeconds: (list, start, end, statuses, initial) => {
    const e = standardQuote("__e");
    const i = standardQuote("__i");
    const clipped = `[least(greatest(epoch_ms(${e}."at"), ${start}), ${end}) FOR ${e} IN ${list}]`;
    const froms = `list_concat([${start}], ${clipped})`;
    const tos = `list_concat(${clipped}, [${end}])`;
    const states = `list_concat([${initial}], [${e}."status" FOR ${e} IN ${list}])`;
    const stay = `CASE WHEN list_contains([${statuses.join(", ")}], ${states}[${i}]) THEN ${tos}[${i}] - ${froms}[${i}] ELSE 0 END`;
    return `(CASE WHEN coalesce(len(${list}), 0) = 0 THEN NULL ELSE CAST(list_sum([${stay} FOR ${i} IN range(1, len(${list}) + 2)]) AS DOUBLE) / 1000.0 END)`;
  },
  // The qualifying messages after the first, in the list's order (a comprehension with a
  // filter); the first of them, or NULL for none (an index past the end of a list is NULL).
  firstMessageAt: (list, roles) => {
    const e = standardQuote("__e");
    const rest = `list_slice(${list}, 2, len(${list}))`;
    return `([${e}."at" FOR ${e} IN ${rest} IF ${e}."public" AND list_contains([${roles.join(", ")}], ${e}."authorRole")][1])`;
  },
  // The agent replies' authors (a comprehension with a filter), repeats and nulls dropped by
  // list_distinct for the count; a flag left out reads as the schema's default (public, not
  // automated), as isAgentReply reads it.
  replyAuthors: (list, read) => {
    const e = standardQuote("__e");
    const reply = `${e}."authorRole" = 'agent' AND coalesce(${e}."public", true) AND NOT coalesce(${e}."automated", false)`;
    return read === "count"
      ? `len(list_distinct([${e}."authorId" FOR ${e} IN ${list} IF ${reply}]))`
      : `coalesce(len([1 FOR ${e} IN ${list} IF ${reply} AND ${e}."authorId" IS NULL]) > 0, false)`;
  },
  // Two unnests in one select list are zipped: each position beside its element.
  messageRows: (base, list, row) => {
    const e = standardQuote("__e");
    const members = `${e}."at" AS "__at", ${e}."authorRole" AS "__role", ${e}."public" AS "__public", ${e}."automated" AS "__automated"`;
    return `SELECT "__row", "__i", ${members} FROM (SELECT ${row} AS "__row", unnest(range(1, len(${list}) + 1)) AS "__i", unnest(${list}) AS ${e} FROM ${base}) AS "__u"`;
  },
  listLength: (list) => `len(${list})`,
  // Counted in the engine: a MAP of each number to its count.
  tallyWhere: (expression, condition) =>
    `histogram(CAST(${expression} AS BIGINT)) FILTER (WHERE ${condition})`,
  arrayLiteral: (items) => `[${items}]`,
  byDay: true,
  arrays: (columns) =>
    `(SELECT ${columns
      .map((c) => `unnest(${c.placeholder}::${SQL_TYPES[c.type]}[]) AS ${standardQuote(c.name)}`)
      .join(", ")})`,
  // An instant is in a piece when start ≤ t < end; "before t" is "at or before t − 1 ms".
  asOf: (relation, alias, timeline, key, strict) => {
    const t = strict ? `(${key} - 1)` : key;
    return `LEFT JOIN ${relation} AS ${alias} ON ${alias}."timeline" = ${timeline} AND ${alias}."day" = CAST(floor(${t} / 86400000.0) AS BIGINT) AND ${alias}."start_ms" <= ${t} AND ${t} < ${alias}."end_ms"`;
  },
  fail: (message) => `error(${quoteText(message)})`,
  epochFloorMs: (instant) => {
    const us = `epoch_us(${instant})`;
    // Whole milliseconds first (an exact integer division), then floored for negative instants.
    return `((${us} - ((${us} % 1000) + 1000) % 1000) // 1000)`;
  },
};
