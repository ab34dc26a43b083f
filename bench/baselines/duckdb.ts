/**
 * The DuckDB baseline (@duckdb/node-api): the columns of report.ts appended to an in-memory
 * table in data chunks of 2048 rows (timed apart, as loading), then the report as SQL.
 * Percentiles with `quantile_cont` (linear interpolation between closest ranks).
 */
import {
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  VARCHAR,
} from "@duckdb/node-api";
import {
  emptySurveyCell,
  emptyTicketCell,
  type Report,
  type SurveyCell,
  type SurveyColumns,
  surveyKey,
  type TicketCell,
  type TicketColumns,
  ticketKey,
} from "./report.ts";

const CHUNK = 2048;

type Column = { name: string; type: DuckDBType; values: ArrayLike<number> | string[] };

async function load(connection: DuckDBConnection, table: string, columns: Column[], n: number) {
  await connection.run(
    `CREATE OR REPLACE TABLE ${table} (${columns.map((c) => `${c.name} ${c.type.toString()}`).join(", ")})`,
  );
  const appender = await connection.createAppender(table);
  const types = columns.map((c) => c.type);
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(from + CHUNK, n);
    const chunk = DuckDBDataChunk.create(types, to - from);
    columns.forEach((c, index) => {
      const values = new Array<number | string | null>(to - from);
      for (let i = from; i < to; i++) {
        const v = c.values[i] as number | string;
        values[i - from] = typeof v === "number" && Number.isNaN(v) ? null : v;
      }
      chunk.setColumnValues(index, values);
    });
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

export async function duckdbOpen(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:");
  return instance.connect();
}

/** Loads both tables. */
export async function duckdbLoad(
  connection: DuckDBConnection,
  t: TicketColumns,
  s: SurveyColumns,
): Promise<void> {
  const d = (name: string, values: ArrayLike<number>): Column => ({ name, type: DOUBLE, values });
  await load(
    connection,
    "tickets",
    [
      { name: "channel", type: VARCHAR, values: t.channel },
      { name: "priority", type: VARCHAR, values: t.priority },
      d("created_at", t.createdAt),
      d("first_response_at", t.firstResponseAt),
      d("first_resolved_at", t.firstResolvedAt),
      d("reopen_count", t.reopenCount),
      d("agent_reply_count", t.agentReplyCount),
      d("escalated", t.escalated),
      d("resolved_now", t.resolvedNow),
      d("month", t.month),
      d("resolved_month", t.resolvedMonth),
      d("open_from", t.openFrom),
      d("open_to", t.openTo),
    ],
    t.length,
  );
  await load(
    connection,
    "surveys",
    [
      { name: "channel", type: VARCHAR, values: s.channel },
      { name: "kind", type: VARCHAR, values: s.kind },
      d("score", s.score),
      d("month", s.month),
    ],
    s.length,
  );
}

const CREATED = `
SELECT month, channel, priority,
  count(*)::INTEGER AS volume,
  sum(escalated)::INTEGER AS escalated,
  count(frt)::INTEGER AS frt_n,
  avg(frt) AS frt_mean,
  quantile_cont(frt, 0.5) AS frt_median,
  quantile_cont(frt, 0.9) AS frt_p90
FROM (SELECT month, channel, priority, escalated,
        (first_response_at - created_at) / 1000 AS frt FROM tickets)
GROUP BY ALL`;

const RESOLVED = `
SELECT resolved_month AS month, channel, priority,
  count(*)::INTEGER AS resolution_n,
  avg(resolution) AS resolution_mean,
  quantile_cont(resolution, 0.5) AS resolution_median,
  count(*) FILTER (WHERE reopen_count = 0 AND agent_reply_count = 1)::INTEGER AS ot_num,
  count(*) FILTER (WHERE reopen_count > 0 OR agent_reply_count <> 0)::INTEGER AS ot_den
FROM (SELECT resolved_month, channel, priority, reopen_count, agent_reply_count,
        (first_resolved_at - created_at) / 1000 AS resolution
      FROM tickets WHERE resolved_month IS NOT NULL)
GROUP BY ALL`;

const BACKLOG = `
SELECT month, (sum(sum(delta)) OVER (ORDER BY month))::INTEGER AS open
FROM (SELECT open_from AS month, 1 AS delta FROM tickets
      UNION ALL
      SELECT open_to, -1 FROM tickets WHERE resolved_now = 1 AND open_to IS NOT NULL)
GROUP BY month`;

const SURVEYS = `
SELECT month, channel,
  count(*) FILTER (WHERE kind = 'csat')::INTEGER AS csat_n,
  count(*) FILTER (WHERE kind = 'csat' AND score >= 4)::INTEGER AS csat_satisfied,
  count(*) FILTER (WHERE kind = 'nps')::INTEGER AS nps_n,
  count(*) FILTER (WHERE kind = 'nps' AND score >= 9)::INTEGER AS promoters,
  count(*) FILTER (WHERE kind = 'nps' AND score <= 6)::INTEGER AS detractors,
  count(*) FILTER (WHERE kind = 'ces')::INTEGER AS ces_n,
  avg(score) FILTER (WHERE kind = 'ces') AS ces
FROM surveys WHERE score IS NOT NULL
GROUP BY ALL`;

type Row = Record<string, unknown>;

async function rows(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Row[];
}

const rate = (n: number, d: number) => (d === 0 ? null : (100 * n) / d);

/** The report, from the loaded tables. */
export async function duckdbReport(connection: DuckDBConnection): Promise<Report> {
  const ticketCells = new Map<string, TicketCell>();
  const cell = (key: string) => {
    let found = ticketCells.get(key);
    if (!found) {
      found = emptyTicketCell();
      ticketCells.set(key, found);
    }
    return found;
  };
  for (const r of await rows(connection, CREATED)) {
    const c = cell(ticketKey(r.month as number, r.channel, r.priority));
    c.volume = r.volume as number;
    c.escalated = r.escalated as number;
    c.escalationRate = rate(c.escalated, c.volume);
    c.frtN = r.frt_n as number;
    c.frtMean = r.frt_mean as number | null;
    c.frtMedian = r.frt_median as number | null;
    c.frtP90 = r.frt_p90 as number | null;
  }
  for (const r of await rows(connection, RESOLVED)) {
    const c = cell(ticketKey(r.month as number, r.channel, r.priority));
    c.resolutionN = r.resolution_n as number;
    c.resolutionMean = r.resolution_mean as number | null;
    c.resolutionMedian = r.resolution_median as number | null;
    c.oneTouchNumerator = r.ot_num as number;
    c.oneTouchDenominator = r.ot_den as number;
    c.oneTouchRate = rate(c.oneTouchNumerator, c.oneTouchDenominator);
  }
  const backlog = new Map<number, number>();
  for (const r of await rows(connection, BACKLOG)) backlog.set(r.month as number, r.open as number);
  const surveyCells = new Map<string, SurveyCell>();
  for (const r of await rows(connection, SURVEYS)) {
    const c: SurveyCell = {
      ...emptySurveyCell(),
      csatN: r.csat_n as number,
      csatSatisfied: r.csat_satisfied as number,
      npsN: r.nps_n as number,
      promoters: r.promoters as number,
      detractors: r.detractors as number,
      cesN: r.ces_n as number,
      ces: r.ces as number | null,
    };
    c.csat = rate(c.csatSatisfied, c.csatN);
    c.nps = c.npsN === 0 ? null : (100 * (c.promoters - c.detractors)) / c.npsN;
    surveyCells.set(surveyKey(r.month as number, r.channel), c);
  }
  return { tickets: ticketCells, surveys: surveyCells, backlog };
}
