/**
 * Reply time in SQL, as src/metrics/tickets/replyTime.ts measures it in memory: the waits in
 * a ticket's messages (a nested column: src/sql/nested.ts), each customer message waiting for
 * the next public human agent reply in the list's order (its `waitsOf`). The compiled query
 * reads one row per wait: the relation, each record numbered once (a MATERIALIZED common table
 * expression, so the numbers hold in both places it is read), joined to its waits, or kept as
 * one row without a wait when it has none. Over the messages in order (window functions per
 * record, by position), a customer message's reply is the next reply after it (every reply
 * ends the waits before it: a reply with none waiting ends nothing, and nothing waits after
 * it); `"firstUnanswered"` keeps a customer message with no customer message since the last
 * reply; `excludeFirstReply` drops the waits of the earliest reply that ends any. The reply's
 * instant is the least instant of the replies after the message, which is the next reply's
 * as the schema sorts messages by time (a relation of unsorted messages would differ).
 *
 * Each wait is placed by its reply, so a ticket is counted in every period it has a reply in,
 * with that period's waits, and its exclusion counted once per such group (a merged source
 * too); a ticket without waits (no messages, none answered) is one row in the `null` period.
 * What reply time asks for (its exclusions, the options that refuse) is its own declaration,
 * beside its reducer (src/metrics/tickets/replyTime.ts: `replyTimeSql`).
 */
import type { Dialect } from "./dialect.ts";
import { WAIT_COLUMNS, type WaitsSql } from "./spec.ts";

/** The column that numbers the records of a waits metric's relation. */
export const WAIT_ROW = "__waitRow";
/** The column that places each row of a waits metric's relation. */
export const WAIT_AT = "__waitAt";

/**
 * The relation a waits metric's branch reads: `base` (a common table expression of the
 * source with each record numbered in {@link WAIT_ROW} and its message count) joined to its
 * waits, with {@link WAIT_AT} the instant that places each row (the reply, or `placing` when
 * the record is placed by another field). `hasList`: whether the relation has the column.
 *
 * @internal
 */
export function waitsRelation(
  waits: WaitsSql,
  base: string,
  hasList: boolean,
  placing: string | undefined,
  dialect: Dialect,
): string {
  const q = dialect.quote;
  const replied = `${q("__p")}.${q(WAIT_COLUMNS.replied)}`;
  const at = placing ?? replied;
  const select = `SELECT ${base}.*, ${q("__p")}.${q(WAIT_COLUMNS.asked)}, ${replied}, ${at} AS ${q(WAIT_AT)}`;
  if (!hasList || !dialect.messageRows) {
    const none = `SELECT CAST(NULL AS BIGINT) AS ${q("__row")}, ${dialect.asInstant("NULL")} AS ${q(WAIT_COLUMNS.asked)}, ${dialect.asInstant("NULL")} AS ${q(WAIT_COLUMNS.replied)}`;
    return `${select} FROM ${base} LEFT JOIN (${none}) AS ${q("__p")} ON false`;
  }
  const messages = dialect.messageRows(base, q(waits.list), q(WAIT_ROW));
  const reply = `("__role" = 'agent' AND coalesce("__public", false) AND NOT coalesce("__automated", false))`;
  const before = `OVER (PARTITION BY "__row" ORDER BY "__i" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
  const after = `OVER (PARTITION BY "__row" ORDER BY "__i" ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)`;
  const marked = [
    `SELECT *`,
    `max(CASE WHEN ${reply} THEN "__i" END) ${before} AS "__lastReply"`,
    `max(CASE WHEN "__role" = 'customer' THEN "__i" END) ${before} AS "__lastAsked"`,
    `min(CASE WHEN ${reply} THEN "__i" END) ${after} AS "__nextReply"`,
    `min(CASE WHEN ${reply} THEN "__at" END) ${after} AS "__nextAt"`,
  ].join(", ");
  // The first customer message of a run: none since the last reply (or ever, before one).
  const first =
    waits.from === "firstUnanswered"
      ? ` AND ("__lastAsked" IS NULL OR "__lastAsked" < coalesce("__lastReply", 0))`
      : "";
  const pairs = `SELECT "__row", "__at" AS ${q(WAIT_COLUMNS.asked)}, "__nextAt" AS ${q(WAIT_COLUMNS.replied)}, "__nextReply", min("__nextReply") OVER (PARTITION BY "__row") AS "__firstReply" FROM (${marked} FROM (${messages}) AS "__m") AS "__w" WHERE "__role" = 'customer' AND "__nextReply" IS NOT NULL${first}`;
  const kept = waits.excludeFirstReply ? ` WHERE "__nextReply" > "__firstReply"` : "";
  const joined = `(SELECT * FROM (${pairs}) AS "__x"${kept}) AS ${q("__p")}`;
  return `${select} FROM ${base} LEFT JOIN ${joined} ON ${q("__p")}."__row" = ${base}.${q(WAIT_ROW)}`;
}

/**
 * The common table expression a waits metric's relation starts from: `source` with each
 * record numbered and its number of messages, MATERIALIZED so the numbers are computed once.
 *
 * @internal
 */
export function waitsBase(
  name: string,
  waits: WaitsSql,
  source: string,
  hasList: boolean,
  dialect: Dialect,
): string {
  const q = dialect.quote;
  const count =
    hasList && dialect.listLength ? dialect.listLength(q(waits.list)) : "CAST(NULL AS BIGINT)";
  return `${name} AS MATERIALIZED (SELECT *, row_number() OVER () AS ${q(WAIT_ROW)}, ${count} AS ${q(WAIT_COLUMNS.messages)} FROM ${source})`;
}
