/**
 * The columns one metric adds to the compiled query: its reason column (the first exclusion
 * rule that holds) and its aggregates filtered on it, each with the typed NULL that pads it
 * in the other branches of the UNION ALL.
 */
import type { ResolvedSqlMetric } from "./compile.ts";
import { durationSql } from "./compileBusiness.ts";
import { type Dialect, nullCount } from "./dialect.ts";
import { type ExpressionContext, writeExpression } from "./expression.ts";
import { type Expr, field, WAIT_COLUMNS } from "./spec.ts";
import { unionColumn } from "./unionLength.ts";
import { WAIT_ROW } from "./waits.ts";

/**
 * One output column of a metric: its aggregate, and the typed NULL that pads it in the
 * branches of other placing instants. UNION ALL lines the branches up by position and gives
 * each column one type: DuckDB unifies an untyped NULL with anything, but PostgreSQL types
 * the NULLs it meets first as text, which a count then cannot join. So every pad has its
 * column's type (counts BIGINT, the rest DOUBLE or a list of DOUBLEs) and reads no column of
 * the record: the branch that lists key combinations reads the bare relation.
 */
export interface OutputColumn {
  readonly sql: string;
  readonly pad: string;
}

/** The SELECT list of one metric's aggregates, by output column. */
export function metricColumns(
  index: number,
  resolved: ResolvedSqlMetric,
  context: ExpressionContext,
): Map<string, OutputColumn> {
  const { dialect } = context;
  const reason = dialect.quote(`r${index}`);
  const counted = `${reason} = -1`;
  const nullDouble = dialect.asDouble("NULL");
  const nullCountPad = nullCount(dialect);
  const out = new Map<string, OutputColumn>();
  const count = (name: string, condition: string) =>
    out.set(name, { sql: dialect.countWhere(condition), pad: nullCountPad });
  // Sums and extremes as doubles: exact for integers below 2^53 (every count and duration
  // in milliseconds), and one type whatever the engine makes of a sum of integers.
  const double = (name: string, sql: string) =>
    out.set(name, { sql: dialect.asDouble(sql), pad: nullDouble });
  // A waits metric reads one row per wait: its records are counted once each (waits.ts).
  const waitRecords = (condition: string) =>
    `count(DISTINCT CASE WHEN ${condition} THEN ${dialect.quote(WAIT_ROW)} END)`;
  resolved.spec.exclude.forEach((_rule, j) => {
    if ("waits" in resolved.spec)
      out.set(`m${index}_x${j}`, { sql: waitRecords(`${reason} = ${j}`), pad: nullCountPad });
    else count(`m${index}_x${j}`, `${reason} = ${j}`);
  });
  if ("waits" in resolved.spec)
    out.set(`m${index}_records`, { sql: waitRecords(counted), pad: nullCountPad });
  if ("state" in resolved.spec) {
    for (const [name, aggregate] of Object.entries(resolved.spec.state)) {
      const column = `m${index}_s_${name}`;
      if ("count" in aggregate) {
        count(
          column,
          aggregate.count === true
            ? counted
            : `${counted} AND ${writeExpression(aggregate.count, context)}`,
        );
      } else if ("distinct" in aggregate) {
        const tuple = distinctTuple(aggregate.distinct, context);
        out.set(column, {
          sql: `count(DISTINCT CASE WHEN ${counted} THEN ${tuple} END)`,
          pad: nullCountPad,
        });
      } else if ("sum" in aggregate) {
        double(column, dialect.sumWhere(writeExpression(aggregate.sum, context), counted));
      } else if ("union" in aggregate) {
        // Each counted span's new milliseconds, computed by a window (unionLength.ts).
        double(column, dialect.sumWhere(dialect.quote(unionColumn(index, name)), counted));
      } else if ("tally" in aggregate) {
        out.set(column, tallyColumn(aggregate.tally, counted, context));
      } else {
        const bounds = aggregate.boundaries.map((b) =>
          dialect.asDouble(context.parameters.bind(b)),
        );
        const seconds = ageSeconds(aggregate.ages, context);
        for (let j = 0; j <= bounds.length; j++) {
          const from = j === 0 ? "" : ` AND ${seconds} >= ${bounds[j - 1]}`;
          const to = j === bounds.length ? "" : ` AND ${seconds} < ${bounds[j]}`;
          count(`${column}_${j}`, `${counted}${from}${to}`);
        }
      }
    }
    // How many records reached the instant measured: the state's `measuredAt` is set if any.
    if ("stock" in resolved.spec) count(`m${index}_reached`, "1 = 1");
  } else {
    const { spec } = resolved;
    // A recorded duration is seconds already: the quantiles read them as given, the sum and
    // extremes in milliseconds as for a span (the decoder divides them back).
    const recorded = "recorded" in spec ? writeExpression(spec.recorded, context) : undefined;
    const ms =
      "waits" in spec
        ? durationSql(field(WAIT_COLUMNS.asked), field(WAIT_COLUMNS.replied), {}, context)
        : "duration" in spec
          ? durationSql(
              spec.duration.start,
              spec.duration.end,
              spec.duration.timing,
              context,
              index,
            )
          : recorded === "NULL"
            ? "NULL"
            : `(${dialect.asDouble(recorded as string)} * 1000.0)`;
    count(`m${index}_n`, counted);
    double(`m${index}_sum`, dialect.sumWhere(ms, counted));
    double(`m${index}_min`, dialect.minWhere(ms, counted));
    double(`m${index}_max`, dialect.maxWhere(ms, counted));
    // Quantiles of seconds, not of milliseconds: interpolated between the same doubles the
    // reducer interpolates between, they agree with it to the last bit.
    const seconds =
      recorded === undefined ? `(${dialect.asDouble(ms)} / 1000.0)` : dialect.asDouble(recorded);
    const fractions = [0.5, 0.9, 0.95];
    // resolveAll refused durations on a dialect without exact quantiles.
    const quantilesWhere = dialect.quantilesWhere;
    if (quantilesWhere === undefined)
      throw new TypeError(`compileRollup: ${quantilesRefusal(dialect)}`);
    out.set(`m${index}_q`, {
      sql: quantilesWhere(seconds, fractions, counted),
      // The same aggregate over no row: NULL, typed as the engine types a list of quantiles.
      pad: quantilesWhere(nullDouble, fractions, "1 = 0"),
    });
  }
  return out;
}

/**
 * A distribution's column (src/sql/nested.ts): the dialect's tally of the whole number over
 * the counted records; padded by the same aggregate over no row, typed as the engine types it.
 */
function tallyColumn(of: Expr, counted: string, context: ExpressionContext): OutputColumn {
  const { dialect } = context;
  const tallyWhere = dialect.tallyWhere;
  // resolveAll refused a metric that tallies on a dialect without the words.
  if (tallyWhere === undefined)
    throw new TypeError(`compileRollup: the ${dialect.name} dialect has no tallyWhere`);
  const written = writeExpression(of, context);
  const typed = nullCount(dialect);
  return {
    sql: written === "NULL" ? tallyWhere(typed, "1 = 0") : tallyWhere(written, counted),
    pad: tallyWhere(typed, "1 = 0"),
  };
}

/**
 * One value per tuple of `parts` for count(DISTINCT ...): the part itself, or each part as
 * text prefixed by its length (so that no two tuples meet: "a|" + "b" is not "a" + "|b"); a
 * null part makes the whole null, which is not counted.
 */
function distinctTuple(parts: readonly Expr[], context: ExpressionContext): string {
  const { dialect } = context;
  const written = parts.map((part) => writeExpression(part, context));
  if (written.length === 1) return written[0] as string;
  if (written.includes("NULL")) return "NULL";
  return written
    .map((part) => {
      const text = dialect.asText(part);
      return `${dialect.asText(`length(${text})`)} || ':' || ${text}`;
    })
    .join(" || ");
}

/**
 * The seconds from the instant field `from` to the instant a stock is measured, as a double
 * divided as the reducer divides (whole milliseconds / 1000), so bucket edges agree exactly.
 */
function ageSeconds(from: string, context: ExpressionContext): string {
  const { dialect, stock } = context;
  if (!stock) throw new TypeError("compileRollup: ages need a stock");
  const start = writeExpression({ field: from }, context);
  if (start === "NULL") return "NULL";
  const ms = `(${dialect.epochMilliseconds(stock.measured)} - ${dialect.epochMilliseconds(start)})`;
  return `(${dialect.asDouble(ms)} / 1000.0)`;
}

/** The reason column of a metric: the index of the first exclusion rule that holds, else -1. */
export function reasonColumn(resolved: ResolvedSqlMetric, context: ExpressionContext): string {
  const rules = resolved.spec.exclude;
  if (rules.length === 0) return "-1";
  const branches = rules
    .map((rule, j) => `WHEN ${writeExpression(rule.when, context)} THEN ${j}`)
    .join(" ");
  return `CASE ${branches} ELSE -1 END`;
}

/** Whether a metric's result is a duration's (quantiles included): a span or recorded seconds. */
export function isDuration(spec: ResolvedSqlMetric["spec"]): boolean {
  return "duration" in spec || "recorded" in spec || "waits" in spec;
}

/** Why a dialect without exact quantiles cannot write a duration's result. */
export function quantilesRefusal(dialect: Dialect): string {
  const why = dialect.noExactQuantiles ? ` (${dialect.noExactQuantiles})` : "";
  return `a duration's result holds its median, p90 and p95, and the ${dialect.name} dialect has no exact quantiles${why}; the compiler never approximates them`;
}
