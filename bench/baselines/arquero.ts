/**
 * The Arquero baseline: tables built from the columns of report.ts (typed arrays, NaN for
 * null, which Arquero's aggregates skip as invalid), then the report as group-by rollups.
 * `op.quantile` and `op.median` interpolate linearly between closest ranks, the same
 * rule as the library and DuckDB's `quantile_cont`, so they are used as they are.
 */

import type { ColumnTable } from "arquero";
import * as aq from "arquero";
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

const { op } = aq;

export interface ArqueroTables {
  tickets: ColumnTable;
  surveys: ColumnTable;
}

/** Builds the tables (not part of the timed report: the data is already in columns). */
export function arqueroTables(t: TicketColumns, s: SurveyColumns): ArqueroTables {
  return {
    tickets: aq.table({
      channel: t.channel,
      priority: t.priority,
      createdAt: t.createdAt,
      firstResponseAt: t.firstResponseAt,
      firstResolvedAt: t.firstResolvedAt,
      reopenCount: t.reopenCount,
      agentReplyCount: t.agentReplyCount,
      escalated: t.escalated,
      resolvedNow: t.resolvedNow,
      month: t.month,
      resolvedMonth: t.resolvedMonth,
      openFrom: t.openFrom,
      openTo: t.openTo,
    }),
    surveys: aq.table({ channel: s.channel, kind: s.kind, score: s.score, month: s.month }),
  };
}

type Row = Record<string, number | string | null>;
const num = (v: unknown): number | null =>
  v === null || v === undefined || Number.isNaN(v) ? null : (v as number);

export function arqueroReport({ tickets, surveys }: ArqueroTables): Report {
  const created = tickets
    .derive({ frt: (d: Row) => ((d.firstResponseAt as number) - (d.createdAt as number)) / 1000 })
    .groupby("month", "channel", "priority")
    .rollup({
      volume: op.count(),
      escalated: (d: Row) => op.sum(d.escalated),
      frtN: (d: Row) => op.valid(d.frt),
      frtMean: (d: Row) => op.mean(d.frt),
      frtMedian: (d: Row) => op.median(d.frt),
      frtP90: (d: Row) => op.quantile(d.frt, 0.9),
    });
  const resolved = tickets
    .filter((d: Row) => op.is_finite(d.resolvedMonth))
    .derive({
      resolution: (d: Row) => ((d.firstResolvedAt as number) - (d.createdAt as number)) / 1000,
      otDen: (d: Row) =>
        (d.reopenCount as number) > 0 ||
        (op.is_finite(d.agentReplyCount) && (d.agentReplyCount as number) !== 0)
          ? 1
          : 0,
      otNum: (d: Row) => ((d.reopenCount as number) === 0 && d.agentReplyCount === 1 ? 1 : 0),
    })
    .groupby("resolvedMonth", "channel", "priority")
    .rollup({
      resolutionN: op.count(),
      resolutionMean: (d: Row) => op.mean(d.resolution),
      resolutionMedian: (d: Row) => op.median(d.resolution),
      oneTouchNumerator: (d: Row) => op.sum(d.otNum),
      oneTouchDenominator: (d: Row) => op.sum(d.otDen),
    });
  const up = tickets.groupby("openFrom").count({ as: "up" }).rename({ openFrom: "m" });
  const down = tickets
    .filter((d: Row) => d.resolvedNow === 1 && op.is_finite(d.openTo))
    .groupby("openTo")
    .count({ as: "down" })
    .rename({ openTo: "m" });
  const backlogTable = up
    .join_full(down, "m")
    .derive({ delta: (d: Row) => ((d.up as number) || 0) - ((d.down as number) || 0) })
    .orderby("m")
    .derive({ open: aq.rolling((d: Row) => op.sum(d.delta)) });
  const surveyTable = surveys
    .filter((d: Row) => op.is_finite(d.score))
    .derive({
      csat: (d: Row) => (d.kind === "csat" ? 1 : 0),
      sat: (d: Row) => (d.kind === "csat" && (d.score as number) >= 4 ? 1 : 0),
      nps: (d: Row) => (d.kind === "nps" ? 1 : 0),
      pro: (d: Row) => (d.kind === "nps" && (d.score as number) >= 9 ? 1 : 0),
      det: (d: Row) => (d.kind === "nps" && (d.score as number) <= 6 ? 1 : 0),
      cesScore: (d: Row) => (d.kind === "ces" ? d.score : null),
    })
    .groupby("month", "channel")
    .rollup({
      csatN: (d: Row) => op.sum(d.csat),
      csatSatisfied: (d: Row) => op.sum(d.sat),
      npsN: (d: Row) => op.sum(d.nps),
      promoters: (d: Row) => op.sum(d.pro),
      detractors: (d: Row) => op.sum(d.det),
      cesN: (d: Row) => op.valid(d.cesScore),
      ces: (d: Row) => op.mean(d.cesScore),
    })
    .derive({
      csat: (d: Row) =>
        d.csatN === 0 ? null : (100 * (d.csatSatisfied as number)) / (d.csatN as number),
      nps: (d: Row) =>
        d.npsN === 0
          ? null
          : (100 * ((d.promoters as number) - (d.detractors as number))) / (d.npsN as number),
    });

  // Into the comparable shape.
  const ticketCells = new Map<string, TicketCell>();
  const cell = (key: string) => {
    let found = ticketCells.get(key);
    if (!found) {
      found = emptyTicketCell();
      ticketCells.set(key, found);
    }
    return found;
  };
  for (const r of created.objects() as Row[]) {
    const c = cell(ticketKey(r.month as number, r.channel, r.priority));
    c.volume = r.volume as number;
    c.escalated = r.escalated as number;
    c.escalationRate = c.volume === 0 ? null : (100 * c.escalated) / c.volume;
    c.frtN = r.frtN as number;
    c.frtMean = num(r.frtMean);
    c.frtMedian = num(r.frtMedian);
    c.frtP90 = num(r.frtP90);
  }
  for (const r of resolved.objects() as Row[]) {
    const c = cell(ticketKey(r.resolvedMonth as number, r.channel, r.priority));
    c.resolutionN = r.resolutionN as number;
    c.resolutionMean = num(r.resolutionMean);
    c.resolutionMedian = num(r.resolutionMedian);
    c.oneTouchNumerator = r.oneTouchNumerator as number;
    c.oneTouchDenominator = r.oneTouchDenominator as number;
    c.oneTouchRate =
      c.oneTouchDenominator === 0 ? null : (100 * c.oneTouchNumerator) / c.oneTouchDenominator;
  }
  const backlog = new Map<number, number>();
  for (const r of backlogTable.objects() as Row[]) backlog.set(r.m as number, r.open as number);
  const surveyCells = new Map<string, SurveyCell>();
  for (const r of surveyTable.objects() as Row[]) {
    surveyCells.set(surveyKey(r.month as number, r.channel), {
      ...emptySurveyCell(),
      csatN: r.csatN as number,
      csatSatisfied: r.csatSatisfied as number,
      csat: num(r.csat),
      npsN: r.npsN as number,
      promoters: r.promoters as number,
      detractors: r.detractors as number,
      nps: num(r.nps),
      cesN: r.cesN as number,
      ces: num(r.ces),
    });
  }
  return { tickets: ticketCells, surveys: surveyCells, backlog };
}
