/**
 * The golden SQL: one standard report compiled in every dialect, written to
 * test/golden/<dialect>.sql by `npm run golden:sql`. test/golden/goldenSql.test.ts compiles
 * it again and compares, so that any change to what the compiler writes shows as a diff to
 * review, and parses each file with a real parser of its dialect where one is installed.
 *
 * The report: monthly in Europe/Berlin, keyed by channel, over the first half of 2024; over
 * tickets, volume, escalation, first response time (median and p90), resolution time, full
 * resolution time, one-touch resolution and reopen rate; over survey responses, CSAT, NPS and
 * CES. A metric a dialect refuses is left out of its query and listed with the reason.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findMetric } from "../src/metrics/catalogue.ts";
import type { MetricDefinition } from "../src/metrics/define.ts";
import {
  type CompiledRollup,
  compileRollup,
  type SqlMetric,
  SqlRefusedError,
} from "../src/sql/compile.ts";
import type { Dialect } from "../src/sql/dialect.ts";
import { DIALECTS } from "../src/sql/dialects.ts";
import type { SqlParameter } from "../src/sql/expression.ts";

const metric = (name: string, options?: object): SqlMetric => ({
  metric: findMetric(name) as MetricDefinition,
  ...(options ? { options } : {}),
});

/** The report's two queries: their relation (name, columns) and metrics by column name. */
export const REPORT = [
  {
    relation: {
      name: "tickets",
      columns: [
        "id",
        "createdAt",
        "channel",
        "firstResponseAt",
        "firstCustomerMessageAt",
        "firstResolvedAt",
        "lastResolvedAt",
        "reopenCount",
        "agentReplyCount",
        "escalated",
        "tags",
      ],
    },
    metrics: {
      volume: metric("volume"),
      escalation: metric("escalation"),
      frtMedian: metric("frt", { statistic: "median" }),
      frtP90: metric("frt", { statistic: "p90" }),
      resolution: metric("resolution"),
      fullResolution: metric("full-resolution"),
      oneTouch: metric("one-touch"),
      reopen: metric("reopen"),
      resolutionRate: metric("resolution-rate"),
    },
  },
  {
    relation: {
      name: "surveys",
      columns: ["id", "kind", "score", "scale", "respondedAt", "sentAt", "channel"],
    },
    metrics: { csat: metric("csat"), nps: metric("nps"), ces: metric("ces") },
  },
] as const;

/** The grouping, zone and range every query of the report shares. */
export const COMMON = {
  by: { period: "month", channel: "channel" },
  timeZone: "Europe/Berlin",
  range: { start: "2024-01-01", end: "2024-07-01" },
} as const;

/** One compiled query of the report. */
export interface GoldenQuery {
  readonly relation: string;
  readonly metrics: readonly string[];
  readonly refused: readonly { name: string; reason: string }[];
  readonly sql: string;
  readonly parameters: readonly SqlParameter[];
  /** The rollup rows of the query's result rows (`compiled.rows`). */
  readonly rows: CompiledRollup["rows"];
}

/** The metrics of `query` that `dialect` refuses, each with its reason. */
function refusals(query: (typeof REPORT)[number], dialect: Dialect) {
  const refused: { name: string; reason: string }[] = [];
  for (const [name, entry] of Object.entries(query.metrics)) {
    try {
      compileRollup({ ...COMMON, relation: query.relation, metrics: { [name]: entry }, dialect });
    } catch (error) {
      if (!(error instanceof SqlRefusedError)) throw error;
      refused.push(...error.refusals);
    }
  }
  return refused;
}

/** The report's queries in `dialect`, each without the metrics it refuses. */
export function goldenQueries(dialect: Dialect): GoldenQuery[] {
  return REPORT.map((query) => {
    const refused = refusals(query, dialect);
    const kept = Object.fromEntries(
      Object.entries(query.metrics).filter(([name]) => !refused.some((r) => r.name === name)),
    );
    const compiled = compileRollup({
      ...COMMON,
      relation: query.relation,
      metrics: kept,
      dialect,
    });
    return {
      relation: query.relation.name,
      metrics: Object.keys(kept),
      refused,
      sql: compiled.sql.trimEnd(),
      parameters: compiled.parameters,
      rows: compiled.rows,
    };
  });
}

/** The text of test/golden/<dialect>.sql. */
export function goldenFile(dialect: Dialect): string {
  const lines = [
    `-- The standard report in the ${dialect.name} dialect, written by \`npm run golden:sql\``,
    "-- (scripts/goldenSql.ts); test/golden/goldenSql.test.ts checks it is current.",
    `-- By month in ${COMMON.timeZone}, keyed by channel, from ${COMMON.range.start} to ${COMMON.range.end}.`,
  ];
  for (const query of goldenQueries(dialect)) {
    lines.push("", `-- ${query.relation}: ${query.metrics.join(", ")}`);
    for (const { name, reason } of query.refused) lines.push(`-- refused: ${name}: ${reason}`);
    lines.push(`-- parameters: ${JSON.stringify(query.parameters)}`, `${query.sql};`);
  }
  return `${lines.join("\n")}\n`;
}

/** Where a dialect's golden file lives. */
export function goldenPath(name: string): string {
  return fileURLToPath(new URL(`../test/golden/${name}.sql`, import.meta.url));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, dialect] of Object.entries(DIALECTS)) {
    writeFileSync(goldenPath(name), goldenFile(dialect));
    console.log(`wrote test/golden/${name}.sql`);
  }
}
