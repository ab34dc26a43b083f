/**
 * The hand-written baseline: one pass over the validated tickets and one over the validated
 * surveys, with the month keys given (see report.ts). Durations are kept in arrays and sorted
 * once per cell; the backlog is +1/−1 steps and a running sum.
 */
import type { SurveyResponse, Ticket } from "../../src/index.ts";
import { isResolvedStatus } from "../../src/schemas/ticket.ts";
import {
  emptySurveyCell,
  type MonthKeys,
  percentile,
  type Report,
  rate,
  type SurveyCell,
  surveyKey,
  type TicketCell,
  ticketKey,
} from "./report.ts";

interface Group {
  volume: number;
  escalated: number;
  frt: number[];
  resolution: number[];
  oneTouchNumerator: number;
  oneTouchDenominator: number;
}

export function loopReport(
  tickets: readonly Ticket[],
  surveys: readonly SurveyResponse[],
  keys: MonthKeys,
): Report {
  const groups = new Map<string, Group>();
  const group = (month: number, channel: unknown, priority: unknown): Group => {
    const key = ticketKey(month, channel, priority);
    let found = groups.get(key);
    if (!found) {
      found = {
        volume: 0,
        escalated: 0,
        frt: [],
        resolution: [],
        oneTouchNumerator: 0,
        oneTouchDenominator: 0,
      };
      groups.set(key, found);
    }
    return found;
  };
  const steps = new Map<number, number>();
  for (let i = 0; i < tickets.length; i++) {
    const t = tickets[i] as Ticket;
    const created = t.createdAt.getTime();
    const byCreation = group(keys.ticketMonth[i] as number, t.channel, t.priority);
    byCreation.volume++;
    if (t.escalated) byCreation.escalated++;
    // The generated data gives every field: unknown (undefined / null) never occurs here.
    if (t.firstResponseAt != null)
      byCreation.frt.push((t.firstResponseAt.getTime() - created) / 1000);
    if (t.firstResolvedAt !== null) {
      const g = group(keys.resolvedMonth[i] as number, t.channel, t.priority);
      g.resolution.push((t.firstResolvedAt.getTime() - created) / 1000);
      if (t.reopenCount !== null && t.reopenCount > 0) g.oneTouchDenominator++;
      else if (t.agentReplyCount !== null && t.agentReplyCount !== 0) {
        g.oneTouchDenominator++;
        if (t.agentReplyCount === 1) g.oneTouchNumerator++;
      }
    }
    const from = keys.openFrom[i] as number;
    steps.set(from, (steps.get(from) ?? 0) + 1);
    if (isResolvedStatus(t.status) && t.lastResolvedAt !== null) {
      const to = keys.openTo[i] as number;
      steps.set(to, (steps.get(to) ?? 0) - 1);
    }
  }

  const ticketCells = new Map<string, TicketCell>();
  for (const [key, g] of groups) {
    const frt = Float64Array.from(g.frt).sort();
    const resolution = Float64Array.from(g.resolution).sort();
    let frtSum = 0;
    for (const v of g.frt) frtSum += v;
    let resolutionSum = 0;
    for (const v of g.resolution) resolutionSum += v;
    ticketCells.set(key, {
      volume: g.volume,
      escalated: g.escalated,
      escalationRate: rate(g.escalated, g.volume),
      frtN: frt.length,
      frtMean: frt.length === 0 ? null : frtSum / frt.length,
      frtMedian: percentile(frt, 0.5),
      frtP90: percentile(frt, 0.9),
      resolutionN: resolution.length,
      resolutionMean: resolution.length === 0 ? null : resolutionSum / resolution.length,
      resolutionMedian: percentile(resolution, 0.5),
      oneTouchNumerator: g.oneTouchNumerator,
      oneTouchDenominator: g.oneTouchDenominator,
      oneTouchRate: rate(g.oneTouchNumerator, g.oneTouchDenominator),
    });
  }

  const backlog = new Map<number, number>();
  let open = 0;
  for (const month of [...steps.keys()].sort((a, b) => a - b)) {
    open += steps.get(month) as number;
    backlog.set(month, open);
  }

  const surveyCells = new Map<string, SurveyCell & { cesSum: number }>();
  for (let i = 0; i < surveys.length; i++) {
    const s = surveys[i] as SurveyResponse;
    if (s.score === null) continue;
    const key = surveyKey(keys.surveyMonth[i] as number, s.channel);
    let cell = surveyCells.get(key);
    if (!cell) {
      cell = { ...emptySurveyCell(), cesSum: 0 };
      surveyCells.set(key, cell);
    }
    if (s.kind === "csat") {
      cell.csatN++;
      if (s.score >= 4) cell.csatSatisfied++;
    } else if (s.kind === "nps") {
      cell.npsN++;
      if (s.score >= 9) cell.promoters++;
      else if (s.score <= 6) cell.detractors++;
    } else {
      cell.cesN++;
      cell.cesSum += s.score;
    }
  }
  const surveyOut = new Map<string, SurveyCell>();
  for (const [key, c] of surveyCells) {
    const { cesSum, ...cell } = c;
    cell.csat = rate(c.csatSatisfied, c.csatN);
    cell.nps = c.npsN === 0 ? null : (100 * (c.promoters - c.detractors)) / c.npsN;
    cell.ces = c.cesN === 0 ? null : cesSum / c.cesN;
    surveyOut.set(key, cell);
  }
  return { tickets: ticketCells, surveys: surveyOut, backlog };
}
