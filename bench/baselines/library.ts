/**
 * The library's side of the standard report (bench/baselines/report.ts), shared by every
 * benchmark that computes it: the three rollups' options, the report over records in memory,
 * and the conversion of the rollups' rows to the compared `Report` shape.
 *
 * Backlog is a stock (measured at each month's end over every ticket open then). Without
 * `range`, a rollup keeps every still-open ticket until `result`; a streaming or sharded run
 * passes `range` so that its state stays small (and a worker's state small to send back).
 */
import {
  backlogReducer,
  cesReducer,
  csatReducer,
  escalationRateReducer,
  firstContactResolutionReducer,
  firstResponseTimeReducer,
  npsReducer,
  type RangeInstant,
  type RollupOptions,
  resolutionTimeReducer,
  rollup,
  type SurveyResponse,
  type Ticket,
  ticketVolumeReducer,
} from "../../src/index.ts";
import {
  type Report,
  type SurveyCell,
  surveyKey,
  TIME_ZONE,
  type TicketCell,
  ticketKey,
} from "./report.ts";

const ticketMetrics = () => ({
  volume: ticketVolumeReducer(),
  escalation: escalationRateReducer(),
  firstResponse: firstResponseTimeReducer(),
  resolution: resolutionTimeReducer(),
  oneTouch: firstContactResolutionReducer(),
});
const surveyMetrics = () => ({ csat: csatReducer(), nps: npsReducer(), ces: cesReducer() });
const backlogMetrics = () => ({ backlog: backlogReducer() });

type TicketMetrics = ReturnType<typeof ticketMetrics>;
type SurveyMetrics = ReturnType<typeof surveyMetrics>;
type BacklogMetrics = ReturnType<typeof backlogMetrics>;

/** Per month × channel × priority: volume, escalation, first response, resolution, one-touch. */
export function ticketRollup(): RollupOptions<Ticket, TicketMetrics> {
  return {
    by: { period: "month", channel: "channel", priority: "priority" },
    timeZone: TIME_ZONE,
    metrics: ticketMetrics(),
  };
}

/** Per month × channel: CSAT, NPS, CES. */
export function surveyRollup(): RollupOptions<SurveyResponse, SurveyMetrics> {
  return {
    by: { period: "month", channel: "channel" },
    timeZone: TIME_ZONE,
    metrics: surveyMetrics(),
  };
}

/** The backlog at every month end; `range` for streaming and shards (see above). */
export function backlogRollup(range?: {
  start: RangeInstant;
  end: RangeInstant;
}): RollupOptions<Ticket, BacklogMetrics> {
  return {
    by: { period: "month" },
    timeZone: TIME_ZONE,
    metrics: backlogMetrics(),
    ...(range === undefined ? {} : { range }),
  };
}

/** The standard report over validated records in memory: three plain `rollup`s. */
export function libraryReport(
  tickets: readonly Ticket[],
  surveys: readonly SurveyResponse[],
): Report {
  return reportFromRows(
    rollup(tickets, ticketRollup()),
    rollup(surveys, surveyRollup()),
    rollup(tickets, backlogRollup()),
  );
}

/** The report from the three rollups' rows (of `rollup`, or of a `rollupReducer`'s `result`). */
export function reportFromRows(
  ticketRows: ReturnType<typeof rollup<Ticket, TicketMetrics>>,
  surveyRows: ReturnType<typeof rollup<SurveyResponse, SurveyMetrics>>,
  backlogRows: ReturnType<typeof rollup<Ticket, BacklogMetrics>>,
): Report {
  const ticketCells = new Map<string, TicketCell>();
  for (const r of ticketRows) {
    if (!r.period) continue; // unresolved tickets: only exclusion counts
    ticketCells.set(ticketKey(Date.parse(r.period.start), r.channel, r.priority), {
      volume: r.volume.value,
      escalated: r.escalation.numerator,
      escalationRate: r.escalation.value,
      frtN: r.firstResponse.n,
      frtMean: r.firstResponse.mean,
      frtMedian: r.firstResponse.median,
      frtP90: r.firstResponse.p90,
      resolutionN: r.resolution.n,
      resolutionMean: r.resolution.mean,
      resolutionMedian: r.resolution.median,
      oneTouchNumerator: r.oneTouch.numerator,
      oneTouchDenominator: r.oneTouch.denominator,
      oneTouchRate: r.oneTouch.value,
    });
  }
  const surveyCells = new Map<string, SurveyCell>();
  for (const row of surveyRows) {
    if (!row.period) continue; // unanswered: only exclusion counts
    surveyCells.set(surveyKey(Date.parse(row.period.start), row.channel), {
      csatN: row.csat.n,
      csatSatisfied: row.csat.numerator,
      csat: row.csat.value,
      npsN: row.nps.n,
      promoters: row.nps.promoters,
      detractors: row.nps.detractors,
      nps: row.nps.value,
      cesN: row.ces.n,
      ces: row.ces.value,
    });
  }
  const backlog = new Map<number, number>();
  for (const row of backlogRows) {
    if (row.period) backlog.set(Date.parse(row.period.start), row.backlog.value);
  }
  return { tickets: ticketCells, surveys: surveyCells, backlog };
}
