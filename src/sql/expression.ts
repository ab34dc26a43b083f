/**
 * Writes a metric's expressions (spec.ts) in a dialect, binding every constant as a parameter.
 * A field the relation does not have reads as NULL; `absent` is decided here, once.
 */
import type { Dialect } from "./dialect.ts";
import type { Expr, SqlValue } from "./spec.ts";

/**
 * A bound value: a constant, or an array of numbers or booleans (the working intervals of
 * business time travel as arrays, which the engine binds as lists).
 */
export type SqlParameter = SqlValue | readonly (number | boolean | null)[];

/** The parameters of one query, in order, and the marker of each. */
export class Parameters {
  readonly values: SqlParameter[] = [];
  private readonly dialect: Dialect;
  private readonly seen = new Map<string, string>();

  constructor(dialect: Dialect) {
    this.dialect = dialect;
  }

  /** The marker of `value`, bound once however often it is used. */
  bind(value: SqlValue): string {
    const key = `${typeof value}:${String(value)}`;
    const known = this.seen.get(key);
    if (known) return known;
    this.values.push(value);
    const marker = this.dialect.parameter(this.values.length);
    this.seen.set(key, marker);
    return marker;
  }

  /** Appends values bound by markers written elsewhere (they take the next numbers). */
  append(values: readonly SqlParameter[]): void {
    this.values.push(...values);
  }
}

/** What writing an expression needs: the dialect, the relation's columns and the parameters. */
export interface ExpressionContext {
  readonly dialect: Dialect;
  readonly columns: ReadonlySet<string>;
  readonly parameters: Parameters;
  /** For a stock: the SQL of the instant measured and of the start of the period measured. */
  readonly stock?: { readonly measured: string; readonly periodStart: string };
  /**
   * For a metric counted at several instants: the test that an instant (its SQL, never NULL)
   * lies in the window the record is counted in; no test where there is no window.
   */
  readonly inWindow?: ((instant: string) => string) | undefined;
  /** For a metric whose records may be followed (spec.ts `FollowsSql`): the column that says so. */
  readonly followed?: string;
}

/**
 * The name of the column that flags, row by row, a field the record left out (`undefined`,
 * which a column cannot hold apart from null), where records loaded from a file differ.
 *
 * @example
 * absentColumn("firstResponseAt")
 * //=> "firstResponseAt:absent"
 */
export function absentColumn(field: string): string {
  return `${field}:absent`;
}

/** A column of the relation, quoted, or NULL when the relation has none of that name. */
export function column(name: string, context: ExpressionContext): string {
  return context.columns.has(name) ? context.dialect.quote(name) : "NULL";
}

/** Whether an expression is written as a bare NULL: a field the relation lacks, or arithmetic on one. */
function writesNull(expression: Expr, context: ExpressionContext): boolean {
  if ("field" in expression) return !context.columns.has(expression.field);
  if ("localDay" in expression) return !context.columns.has(expression.localDay);
  if ("distinctMembers" in expression) return !context.columns.has(expression.distinctMembers.list);
  if ("statusSeconds" in expression) {
    const { list, start, end } = expression.statusSeconds;
    return [list, start, end].some((name) => !context.columns.has(name));
  }
  if ("firstMessageAt" in expression) return !context.columns.has(expression.firstMessageAt.list);
  if ("replyAuthors" in expression)
    return (
      expression.replyAuthors.read === "count" && !context.columns.has(expression.replyAuthors.list)
    );
  if ("op" in expression) return expression.args.some((side) => writesNull(side, context));
  if ("round" in expression) return writesNull(expression.round, context);
  if ("seconds" in expression)
    return (
      writesNull(expression.seconds.from, context) || writesNull(expression.seconds.to, context)
    );
  return false;
}

/**
 * The SQL of an expression. Comparisons with a null side are false (as `null > 0` is in the
 * reducers once nulls have been ruled out), so `not` of one is true.
 *
 * @example
 * import { DUCKDB } from "./dialect.ts";
 * const parameters = new Parameters(DUCKDB);
 * const context = { dialect: DUCKDB, columns: new Set(["reopenCount"]), parameters };
 * [writeExpression({ compare: ">", args: [{ field: "reopenCount" }, { value: 0 }] }, context), parameters.values]
 * //=> ['coalesce(("reopenCount" > CAST($1 AS DOUBLE)), false)', [0]]
 */
export function writeExpression(expression: Expr, context: ExpressionContext): string {
  const { dialect, parameters } = context;
  const write = (inner: Expr) => writeExpression(inner, context);
  if ("field" in expression) {
    const base = column(expression.field, context);
    if (expression.member === undefined || base === "NULL") return base;
    return dialect.member(base, expression.member);
  }
  if ("value" in expression && !("holds" in expression)) {
    const marker = parameters.bind(expression.value);
    if (typeof expression.value === "number") return dialect.asDouble(marker);
    if (typeof expression.value === "string") return dialect.asText(marker);
    return marker;
  }
  // A column the relation does not have is a bare NULL, whose type an engine may not infer
  // (PostgreSQL cannot type `NULL = $1`): arithmetic on it is NULL, a comparison false.
  // (Checked before writing, so that the other side binds no parameter the query never reads.)
  if ("op" in expression) {
    if (writesNull(expression, context)) return "NULL";
    const [a, b] = expression.args.map(write) as [string, string];
    return `(${a} ${expression.op} ${b})`;
  }
  if ("compare" in expression) {
    if (expression.args.some((side) => writesNull(side, context))) return "false";
    const [a, b] = expression.args.map(write) as [string, string];
    return `coalesce((${a} ${expression.compare} ${b}), false)`;
  }
  if ("seconds" in expression) {
    // Whole milliseconds subtracted as integers (exact), then divided as the reducer divides.
    if (writesNull(expression, context)) return "NULL";
    const from = dialect.epochMilliseconds(write(expression.seconds.from));
    const to = dialect.epochMilliseconds(write(expression.seconds.to));
    return `(${dialect.asDouble(`(${to} - ${from})`)} / 1000.0)`;
  }
  if ("round" in expression) {
    if (writesNull(expression, context)) return "NULL";
    // Halves up, as Math.round: the floor, plus one when the fraction (exact) is at least ½.
    // (Not round(): PostgreSQL rounds a double's halves to even.)
    const x = dialect.asDouble(write(expression.round));
    return `(floor(${x}) + CASE WHEN ${x} - floor(${x}) >= 0.5 THEN 1 ELSE 0 END)`;
  }
  if ("instant" in expression) {
    if (!context.stock) throw new TypeError("writeExpression: an instant measured needs a stock");
    return context.stock[expression.instant];
  }
  if ("instantAt" in expression)
    return dialect.asInstant(parameters.bind(new Date(expression.instantAt).toISOString()));
  if ("inWindow" in expression) {
    const instant = column(expression.inWindow, context);
    if (instant === "NULL") return "false";
    const inside = context.inWindow ? ` AND ${context.inWindow(instant)}` : "";
    return `(${instant} IS NOT NULL${inside})`;
  }
  if ("localDay" in expression) {
    const instant = column(expression.localDay, context);
    if (instant === "NULL") return "NULL";
    const zone = dialect.asText(parameters.bind(expression.timeZone));
    return dialect.periodStart("day", instant, zone, "1");
  }
  if ("isNull" in expression) return `(${column(expression.isNull, context)} IS NULL)`;
  if ("absent" in expression) {
    // Records loaded from a file may leave the field out one by one: a flag column says which.
    const flag = absentColumn(expression.absent);
    if (context.columns.has(flag)) return `coalesce(${context.dialect.quote(flag)}, false)`;
    return context.columns.has(expression.absent) ? "false" : "true";
  }
  if ("holds" in expression) {
    if (!context.columns.has(expression.holds)) return "false";
    const item = dialect.asText(parameters.bind(expression.value));
    return dialect.listHolds(dialect.quote(expression.holds), item);
  }
  if ("distinctMembers" in expression) {
    // A nested array (src/sql/nested.ts); compileRollup refuses a dialect without the words.
    const { list, member, also } = expression.distinctMembers;
    if (writesNull(expression, context)) return "NULL";
    if (!dialect.distinctMembers)
      throw new TypeError(`writeExpression: the ${dialect.name} dialect reads no nested array`);
    return dialect.distinctMembers(dialect.quote(list), member, also.map(write));
  }
  if ("statusSeconds" in expression) {
    // A status history (src/sql/nested.ts); compileRollup refuses a dialect without the words.
    const { list, start, end, statuses, initial } = expression.statusSeconds;
    if (writesNull(expression, context)) return "NULL";
    if (!dialect.statusSeconds)
      throw new TypeError(`writeExpression: the ${dialect.name} dialect reads no status history`);
    const ms = (name: string) => dialect.epochMilliseconds(dialect.quote(name));
    const text = (status: string) => dialect.asText(parameters.bind(status));
    return dialect.statusSeconds(
      dialect.quote(list),
      ms(start),
      ms(end),
      statuses.map(text),
      text(initial),
    );
  }
  if ("firstMessageAt" in expression) {
    // A ticket's messages (src/sql/nested.ts); compileRollup refuses a dialect without the words.
    const { list, roles } = expression.firstMessageAt;
    if (writesNull(expression, context)) return "NULL";
    if (!dialect.firstMessageAt)
      throw new TypeError(`writeExpression: the ${dialect.name} dialect reads no messages`);
    const text = (role: string) => dialect.asText(parameters.bind(role));
    return dialect.firstMessageAt(dialect.quote(list), roles.map(text));
  }
  if ("replyAuthors" in expression) {
    // A ticket's messages (src/sql/nested.ts); compileRollup refuses a dialect without the words.
    const { list, read } = expression.replyAuthors;
    if (!context.columns.has(list)) return read === "count" ? "NULL" : "false";
    if (!dialect.replyAuthors)
      throw new TypeError(`writeExpression: the ${dialect.name} dialect reads no messages`);
    return dialect.replyAuthors(dialect.quote(list), read);
  }
  if ("followed" in expression) {
    if (!context.followed) throw new TypeError("compileRollup: followed needs a metric's follows");
    return context.followed;
  }
  if ("missing" in expression) {
    if (writesNull(expression.missing, context)) return "true";
    return `(${write(expression.missing)} IS NULL)`;
  }
  if ("all" in expression) {
    if (expression.all.length === 0) return "true";
    return `(${expression.all.map(write).join(" AND ")})`;
  }
  if ("any" in expression) {
    if (expression.any.length === 0) return "false";
    return `(${expression.any.map(write).join(" OR ")})`;
  }
  if ("not" in expression) return `(NOT coalesce(${write(expression.not)}, false))`;
  const cases = expression.cases
    .map((branch) => `WHEN ${write(branch.when)} THEN ${write(branch.result)}`)
    .join(" ");
  return `(CASE ${cases} ELSE ${write(expression.otherwise)} END)`;
}
