/**
 * The standard report of bench-anchor (its REPORT.md) computed by the library through its public
 * entry points only, as a user would: the readers of `support-metrics/node` with a column
 * mapping from the generator's column names to the records' fields, then `rollup` with the
 * catalogue's reducers. It writes the anchor's JSON output format, so that the anchor's
 * `compare.mjs` can check it against `handloop.mjs`.
 *
 *   node engine.mjs --tickets tickets-1m.ndjson --surveys surveys-1m.ndjson --out ours.json
 *       [--mode files|memory|stream] [--repeat 5]
 *
 * `files` (the default) reads every record into arrays (`toArray`), then runs the three
 * `rollup`s; `memory` does the same and times the report alone over the records in memory
 * (`--repeat` times, each printed); `stream` adds each record to `rollupReducer` states as it
 * is read, holding no array of records. Timings and the process's peak RSS go to stderr as
 * one JSON line, so the runner can read them.
 *
 * Choices that REPORT.md fixes, as options (none is a default of the library):
 * - every metric is placed in the month of `createdAt` (`placeBy: "created"`), a creation cohort;
 * - months in UTC;
 * - a ticket solved without an agent reply fails one-touch (`zeroReplySolves: "failure"`);
 * - the files hold no duplicate ids, so ids are not tracked (`duplicates: "allow"`); the
 *   library's default for a path, "last", reads each file twice.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import {
  backlogReducer,
  cesReducer,
  csatReducer,
  escalationRateReducer,
  firstContactResolutionReducer,
  firstResponseTimeReducer,
  npsReducer,
  type RollupOptions,
  type RollupRow,
  resolutionTimeReducer,
  rollup,
  rollupReducer,
  type SurveyResponse,
  type Ticket,
  ticketVolumeReducer,
} from "../../src/index.ts";
import { type ReadSummary, readSurveyResponses, readTickets } from "../../src/node/index.ts";
import { type AnchorReport, anchorJson } from "./output.ts";

/** The generator's column for each ticket field the report reads (the rest are not read). */
export const TICKET_MAPPING = {
  id: "id",
  createdAt: "created_at",
  channel: "channel",
  priority: "priority",
  status: "status",
  firstResponseAt: "first_reply_at",
  firstResolvedAt: "solved_at",
  lastResolvedAt: "solved_at",
  agentReplyCount: "agent_replies",
  reopenCount: "reopens",
  escalated: "escalated",
};

/** The generator's column for each survey response field the report reads. */
export const SURVEY_MAPPING = {
  id: "id",
  kind: "type",
  score: "score",
  respondedAt: "responded_at",
  channel: "channel",
};

const ticketMetrics = () => ({
  volume: ticketVolumeReducer(),
  escalation: escalationRateReducer(),
  firstResponse: firstResponseTimeReducer(),
  resolution: resolutionTimeReducer(),
  oneTouch: firstContactResolutionReducer({ zeroReplySolves: "failure" }),
});

const MINUTE = 60;
const HOUR = 3600;
/** A duration statistic in seconds, in the report's unit; `null` stays `null`. */
const inUnit = (seconds: number | null, unit: number) => (seconds === null ? null : seconds / unit);

const surveyMetrics = () => ({ csat: csatReducer(), nps: npsReducer(), ces: cesReducer() });
const backlogMetrics = () => ({ backlog: backlogReducer() });
type TicketMetrics = ReturnType<typeof ticketMetrics>;
type SurveyMetrics = ReturnType<typeof surveyMetrics>;
type BacklogMetrics = ReturnType<typeof backlogMetrics>;

/** The three rollups' options: tickets by month × channel × priority, surveys, backlog. */
export const ticketOptions = (): RollupOptions<Ticket, TicketMetrics> => ({
  by: { period: "month", channel: "channel", priority: "priority" },
  timeZone: "UTC",
  placeBy: "created",
  metrics: ticketMetrics(),
});
export const surveyOptions = (): RollupOptions<SurveyResponse, SurveyMetrics> => ({
  by: { period: "month", channel: "channel" },
  timeZone: "UTC",
  metrics: surveyMetrics(),
});
export const backlogOptions = (): RollupOptions<Ticket, BacklogMetrics> => ({
  by: { period: "month" },
  timeZone: "UTC",
  metrics: backlogMetrics(),
});

/** The report over validated records in memory: two rollups of the tickets, one of the surveys. */
export function anchorReport(
  tickets: readonly Ticket[],
  surveys: readonly SurveyResponse[],
): AnchorReport {
  return reportOf(
    rollup(tickets, ticketOptions()),
    rollup(surveys, surveyOptions()),
    rollup(tickets, backlogOptions()),
  );
}

/**
 * The report straight from the files, each record added to the rollups' states as it is read
 * (`rollupReducer`), so that no array of records is held: what a files-to-report job does.
 */
export async function streamedReport(ticketsPath: string, surveysPath: string) {
  const tickets = rollupReducer(ticketOptions());
  const backlog = rollupReducer(backlogOptions());
  const surveys = rollupReducer(surveyOptions());
  const ticketState = tickets.init();
  const backlogState = backlog.init();
  const surveyState = surveys.init();
  const ticketReader = readTickets(ticketsPath, { mapping: TICKET_MAPPING, duplicates: "allow" });
  for await (const ticket of ticketReader) {
    tickets.add(ticketState, ticket, undefined);
    backlog.add(backlogState, ticket, undefined);
  }
  const surveyReader = readSurveyResponses(surveysPath, {
    mapping: SURVEY_MAPPING,
    duplicates: "allow",
  });
  for await (const response of surveyReader) surveys.add(surveyState, response, undefined);
  refuseRejections(ticketReader.summary, surveyReader.summary);
  return {
    report: reportOf(
      tickets.result(ticketState),
      surveys.result(surveyState),
      backlog.result(backlogState),
    ),
    tickets: ticketReader.summary.valid,
    surveys: surveyReader.summary.valid,
  };
}

/** The rollups' rows in REPORT.md's units and names. */
function reportOf(
  ticketRows: RollupRow<TicketMetrics>[],
  surveyRows: RollupRow<SurveyMetrics>[],
  backlogRows: RollupRow<BacklogMetrics>[],
): AnchorReport {
  const groups = [];
  let first: string | undefined;
  let last: string | undefined;
  for (const row of ticketRows) {
    if (!row.period) continue; // no such rows here: every ticket has a createdAt
    const month = row.period.label;
    if (first === undefined || month < first) first = month;
    if (last === undefined || month > last) last = month;
    const { volume, escalation, firstResponse, resolution, oneTouch } = row;
    groups.push({
      month,
      channel: row.channel,
      priority: row.priority,
      tickets: volume.value,
      escalated: escalation.numerator,
      escalation_rate: escalation.value === null ? null : escalation.value / 100,
      frt_n: firstResponse.n,
      frt_mean_min: inUnit(firstResponse.mean, MINUTE),
      frt_median_min: inUnit(firstResponse.median, MINUTE),
      frt_p90_min: inUnit(firstResponse.p90, MINUTE),
      solved: resolution.n,
      res_mean_h: inUnit(resolution.mean, HOUR),
      res_median_h: inUnit(resolution.median, HOUR),
      one_touch: oneTouch.numerator,
      one_touch_rate: oneTouch.value === null ? null : oneTouch.value / 100,
    });
  }
  const surveysOut = [];
  for (const row of surveyRows) {
    if (!row.period) continue;
    const { csat, nps, ces } = row;
    surveysOut.push({
      month: row.period.label,
      channel: row.channel,
      responses: csat.n + nps.n + ces.n,
      csat_n: csat.n,
      csat_satisfied: csat.numerator,
      csat_pct: csat.value,
      nps_n: nps.n,
      nps_promoters: nps.promoters,
      nps_detractors: nps.detractors,
      nps: nps.value,
      ces_n: ces.n,
      ces_mean: ces.value,
    });
  }
  // REPORT.md: a backlog row for every month from the first to the last month of creation.
  const backlog = [];
  for (const row of backlogRows) {
    if (!row.period || first === undefined || last === undefined) continue;
    const month = row.period.label;
    if (month < first || month > last) continue;
    // REPORT.md writes the month end without milliseconds.
    const monthEnd = row.period.end.replace(".000Z", "Z");
    backlog.push({ month, month_end: monthEnd, backlog: row.backlog.value });
  }
  return {
    tickets_by_month_channel_priority: groups,
    surveys_by_month_channel: surveysOut,
    backlog_by_month_end: backlog,
  };
}

/** Stops on any rejected row: the generator writes none, so one means a mapping error. */
function refuseRejections(...summaries: ReadSummary[]): void {
  const rejected = summaries.reduce((sum, summary) => sum + summary.rejected, 0);
  if (rejected > 0) {
    const first = summaries.flatMap((summary) => summary.rejections)[0];
    throw new Error(`engine: ${rejected} rows rejected, the first: ${JSON.stringify(first)}`);
  }
}

/** Reads both files through the library's readers, with the mappings above. */
export async function readAnchorFiles(ticketsPath: string, surveysPath: string) {
  const ticketReader = readTickets(ticketsPath, { mapping: TICKET_MAPPING, duplicates: "allow" });
  const tickets = await ticketReader.toArray();
  const surveyReader = readSurveyResponses(surveysPath, {
    mapping: SURVEY_MAPPING,
    duplicates: "allow",
  });
  const surveys = await surveyReader.toArray();
  refuseRejections(ticketReader.summary, surveyReader.summary);
  return { tickets, surveys };
}

function argument(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new TypeError(`engine: --${name} is required`);
  return value;
}

async function main() {
  const mode = argument("mode", "files");
  const out = argument("out", "-");
  const start = performance.now();
  let report: AnchorReport;
  let counts: { tickets: number; surveys: number };
  let read = Number.NaN;
  const reportMs: number[] = [];
  // CPU time too: on a shared machine the wall clock counts other processes' turns.
  const reportCpuMs: number[] = [];
  if (mode === "stream") {
    const streamed = await streamedReport(argument("tickets"), argument("surveys"));
    report = streamed.report;
    counts = { tickets: streamed.tickets, surveys: streamed.surveys };
  } else {
    const { tickets, surveys } = await readAnchorFiles(argument("tickets"), argument("surveys"));
    read = performance.now() - start;
    counts = { tickets: tickets.length, surveys: surveys.length };
    const repeat = mode === "memory" ? Number(argument("repeat", "1")) : 1;
    do {
      const before = performance.now();
      const cpu = process.cpuUsage();
      report = anchorReport(tickets, surveys);
      reportMs.push(performance.now() - before);
      const used = process.cpuUsage(cpu);
      reportCpuMs.push((used.user + used.system) / 1000);
    } while (reportMs.length < repeat);
  }
  const text = anchorJson(report);
  if (out === "-") process.stdout.write(text);
  else writeFileSync(out, text);
  const timing = {
    mode,
    ...counts,
    readMs: read,
    reportMs,
    reportCpuMs,
    totalMs: performance.now() - start,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
  process.stderr.write(`${JSON.stringify(timing)}\n`);
}

if (process.argv.some((arg) => arg === "--tickets")) await main();
