/**
 * The standard report of the side-by-side benchmark (bench/compare.bench.ts), its comparable
 * shape, the columns every baseline engine receives, and the agreement check.
 *
 * The report, months in Europe/Berlin:
 * - per month × channel × priority: volume, escalation rate, first response mean / median /
 *   p90, resolution mean / median, one-touch rate;
 * - per month × channel: CSAT %, NPS, CES mean;
 * - backlog at every month end.
 *
 * Definitions (the library's defaults, written out for the baselines):
 * - volume, escalation and first response go to the month of `createdAt`; first response is
 *   (firstResponseAt − createdAt) in seconds, unanswered tickets left out;
 * - resolution and one-touch go to the month of `firstResolvedAt` (unresolved tickets are
 *   left out); resolution is (firstResolvedAt − createdAt) in seconds; one-touch: a reopened
 *   ticket fails, a ticket with 0 agent replies is left out, otherwise it succeeds with
 *   exactly 1 reply;
 * - rates are 100 × numerator / denominator;
 * - percentiles by linear interpolation between closest ranks (R-7, numpy's default, DuckDB's
 *   `quantile_cont`, Arquero's `op.quantile`);
 * - surveys go to the month of `respondedAt`; CSAT % = share of answered CSAT responses at 4
 *   or 5 (the top two boxes of the 1–5 scale every generated CSAT uses); NPS = % promoters
 *   (9–10) − % detractors (0–6); CES = mean score;
 * - backlog at a month end E: tickets created at or before E and not finally resolved before
 *   or at E (status solved or closed with `lastResolvedAt` ≤ E).
 */

import type { SurveyResponse, Ticket } from "../../src/index.ts";
import { isResolvedStatus } from "../../src/schemas/ticket.ts";
import { type Period, period } from "../../src/time/period.ts";

export const TIME_ZONE = "Europe/Berlin";

/** The month of every record, computed once with the library's `period("month")`. */
export const monthPeriod = (): Period => period("month", { timeZone: TIME_ZONE });

/** One month × channel × priority cell. */
export interface TicketCell {
  volume: number;
  escalated: number;
  escalationRate: number | null;
  frtN: number;
  frtMean: number | null;
  frtMedian: number | null;
  frtP90: number | null;
  resolutionN: number;
  resolutionMean: number | null;
  resolutionMedian: number | null;
  oneTouchNumerator: number;
  oneTouchDenominator: number;
  oneTouchRate: number | null;
}

/** One month × channel cell of survey results. */
export interface SurveyCell {
  csatN: number;
  csatSatisfied: number;
  csat: number | null;
  npsN: number;
  promoters: number;
  detractors: number;
  nps: number | null;
  cesN: number;
  ces: number | null;
}

/** The whole report, keyed `month|channel|priority`, `month|channel` and month start. */
export interface Report {
  tickets: Map<string, TicketCell>;
  surveys: Map<string, SurveyCell>;
  backlog: Map<number, number>;
}

export const ticketKey = (month: number, channel: unknown, priority: unknown) =>
  `${month}|${channel}|${priority}`;
export const surveyKey = (month: number, channel: unknown) => `${month}|${channel}`;

export function emptyTicketCell(): TicketCell {
  return {
    volume: 0,
    escalated: 0,
    escalationRate: null,
    frtN: 0,
    frtMean: null,
    frtMedian: null,
    frtP90: null,
    resolutionN: 0,
    resolutionMean: null,
    resolutionMedian: null,
    oneTouchNumerator: 0,
    oneTouchDenominator: 0,
    oneTouchRate: null,
  };
}

export function emptySurveyCell(): SurveyCell {
  return {
    csatN: 0,
    csatSatisfied: 0,
    csat: null,
    npsN: 0,
    promoters: 0,
    detractors: 0,
    nps: null,
    cesN: 0,
    ces: null,
  };
}

export const rate = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : (100 * numerator) / denominator;

/** Linear interpolation between closest ranks, on sorted values. */
export function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const a = sorted[low] as number;
  return low + 1 < sorted.length ? a + (h - low) * ((sorted[low + 1] as number) - a) : a;
}

// ---------------------------------------------------------------------------------------
// The columns the baselines get: the records' fields as typed arrays (epoch milliseconds,
// NaN for null), plus the month keys computed once with the library's period. Every month
// key is the epoch millisecond start of a Berlin month.

export interface TicketColumns {
  length: number;
  channel: string[];
  priority: string[];
  createdAt: Float64Array;
  firstResponseAt: Float64Array;
  firstResolvedAt: Float64Array;
  reopenCount: Float64Array;
  /** NaN when unknown. */
  agentReplyCount: Float64Array;
  escalated: Uint8Array;
  /** 1 when the status is solved or closed. */
  resolvedNow: Uint8Array;
  /** Month of `createdAt`. */
  month: Float64Array;
  /** Month of `firstResolvedAt`; NaN when unresolved. */
  resolvedMonth: Float64Array;
  /** Month containing `createdAt − 1 ms`: the first month end the ticket is open at. */
  openFrom: Float64Array;
  /** Month containing `lastResolvedAt − 1 ms`: the first month end it is no longer open at. */
  openTo: Float64Array;
}

export interface SurveyColumns {
  length: number;
  channel: string[];
  kind: string[];
  /** NaN when unanswered. */
  score: Float64Array;
  /** Month of `respondedAt`; NaN when unanswered. */
  month: Float64Array;
}

const ms = (date: Date | null) => (date === null ? Number.NaN : date.getTime());

/** Month keys only: what every engine is given (the library computes its own inside rollup). */
export interface MonthKeys {
  ticketMonth: Float64Array;
  resolvedMonth: Float64Array;
  openFrom: Float64Array;
  openTo: Float64Array;
  surveyMonth: Float64Array;
}

export function monthKeys(
  tickets: readonly Ticket[],
  surveys: readonly SurveyResponse[],
  month: Period,
): MonthKeys {
  const n = tickets.length;
  const keys: MonthKeys = {
    ticketMonth: new Float64Array(n),
    resolvedMonth: new Float64Array(n),
    openFrom: new Float64Array(n),
    openTo: new Float64Array(n),
    surveyMonth: new Float64Array(surveys.length),
  };
  for (let i = 0; i < n; i++) {
    const t = tickets[i] as Ticket;
    const created = t.createdAt.getTime();
    keys.ticketMonth[i] = month.floor(created);
    keys.openFrom[i] = month.floor(created - 1);
    keys.resolvedMonth[i] =
      t.firstResolvedAt === null ? Number.NaN : month.floor(t.firstResolvedAt.getTime());
    keys.openTo[i] =
      t.lastResolvedAt === null ? Number.NaN : month.floor(t.lastResolvedAt.getTime() - 1);
  }
  for (let i = 0; i < surveys.length; i++) {
    const at = (surveys[i] as SurveyResponse).respondedAt;
    keys.surveyMonth[i] = at === null ? Number.NaN : month.floor(at.getTime());
  }
  return keys;
}

/** The validated records' fields as columns, with the month keys. */
export function columnsOf(
  tickets: readonly Ticket[],
  surveys: readonly SurveyResponse[],
  keys: MonthKeys,
): { tickets: TicketColumns; surveys: SurveyColumns } {
  const n = tickets.length;
  const t: TicketColumns = {
    length: n,
    channel: new Array<string>(n),
    priority: new Array<string>(n),
    createdAt: new Float64Array(n),
    firstResponseAt: new Float64Array(n),
    firstResolvedAt: new Float64Array(n),
    reopenCount: new Float64Array(n),
    agentReplyCount: new Float64Array(n),
    escalated: new Uint8Array(n),
    resolvedNow: new Uint8Array(n),
    month: keys.ticketMonth,
    resolvedMonth: keys.resolvedMonth,
    openFrom: keys.openFrom,
    openTo: keys.openTo,
  };
  for (let i = 0; i < n; i++) {
    const r = tickets[i] as Ticket;
    t.channel[i] = String(r.channel);
    t.priority[i] = String(r.priority);
    t.createdAt[i] = r.createdAt.getTime();
    t.firstResponseAt[i] = ms(r.firstResponseAt ?? null);
    t.firstResolvedAt[i] = ms(r.firstResolvedAt);
    t.reopenCount[i] = r.reopenCount ?? Number.NaN;
    t.agentReplyCount[i] = r.agentReplyCount ?? Number.NaN;
    t.escalated[i] = r.escalated ? 1 : 0;
    t.resolvedNow[i] = isResolvedStatus(r.status) ? 1 : 0;
  }
  const m = surveys.length;
  const s: SurveyColumns = {
    length: m,
    channel: new Array<string>(m),
    kind: new Array<string>(m),
    score: new Float64Array(m),
    month: keys.surveyMonth,
  };
  for (let i = 0; i < m; i++) {
    const r = surveys[i] as SurveyResponse;
    s.channel[i] = String(r.channel);
    s.kind[i] = r.kind;
    s.score[i] = r.score ?? Number.NaN;
  }
  return { tickets: t, surveys: s };
}

// ---------------------------------------------------------------------------------------
// Agreement: counts exactly, other numbers to 1e-9 relative; a missing cell reads as empty.

const COUNTS = new Set<string>([
  "volume",
  "escalated",
  "frtN",
  "resolutionN",
  "oneTouchNumerator",
  "oneTouchDenominator",
  "csatN",
  "csatSatisfied",
  "npsN",
  "promoters",
  "detractors",
  "cesN",
  "backlog",
]);

function sameNumber(a: number | null, b: number | null, exact: boolean): boolean {
  if (a === null || b === null) return a === b;
  if (exact) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

function compareMaps<K, C extends object>(
  section: string,
  a: Map<K, C>,
  b: Map<K, C>,
  empty: C,
  names: [string, string],
  out: string[],
): void {
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const left = (a.get(key) ?? empty) as Record<string, number | null>;
    const right = (b.get(key) ?? empty) as Record<string, number | null>;
    for (const field of Object.keys(empty)) {
      const x = left[field] ?? null;
      const y = right[field] ?? null;
      if (!sameNumber(x, y, COUNTS.has(field))) {
        out.push(`${section} ${key} ${field}: ${names[0]} ${x}, ${names[1]} ${y}`);
      }
    }
  }
}

/** Every difference between two reports. */
export function differences(a: Report, b: Report, names: [string, string]): string[] {
  const out: string[] = [];
  compareMaps("tickets", a.tickets, b.tickets, emptyTicketCell(), names, out);
  compareMaps("surveys", a.surveys, b.surveys, emptySurveyCell(), names, out);
  const wrap = (m: Map<number, number>) =>
    new Map([...m].map(([k, v]) => [new Date(k).toISOString(), { backlog: v }]));
  compareMaps("backlog", wrap(a.backlog), wrap(b.backlog), { backlog: 0 }, names, out);
  return out;
}

/** Totals, to show what the agreement covered. */
export function totals(report: Report) {
  let volume = 0;
  let frtN = 0;
  let resolutionN = 0;
  let surveyN = 0;
  for (const c of report.tickets.values()) {
    volume += c.volume;
    frtN += c.frtN;
    resolutionN += c.resolutionN;
  }
  for (const c of report.surveys.values()) surveyN += c.csatN + c.npsN + c.cesN;
  return {
    ticketCells: report.tickets.size,
    surveyCells: report.surveys.size,
    backlogMonths: report.backlog.size,
    volume,
    frtN,
    resolutionN,
    surveyN,
  };
}
