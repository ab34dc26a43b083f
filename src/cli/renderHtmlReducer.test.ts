import { describe, expect, test } from "vitest";
import { generateTickets } from "../../bench/generate.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { reduce } from "../reduce/reduce.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import { reportDataReducer } from "../report/data.ts";
import { renderHtmlReport } from "../report/html.ts";
import { validateTickets } from "../schemas/validate.ts";
import type { PlannedMetric } from "./plan.ts";
import { htmlMetricReducer } from "./renderHtmlReducer.ts";

// 3,000 generated tickets over several months, every default ticket metric (two of them
// durations: first response and resolution time), grouped by month and channel.
const tickets = validateTickets(generateTickets(3000, 11), { strict: true }).records;
const NAMES = ["volume", "frt", "resolution", "one-touch", "reopen", "escalation"];

function planned(name: string, options: Record<string, unknown> = {}): PlannedMetric {
  const metric = findMetric(name) as MetricDefinition;
  const make = metric.reducer as (options: Record<string, unknown>) => AnyReducer;
  return { metric, column: name, options, reducer: () => make(options) };
}

function page(reducers: Record<string, AnyReducer>): string {
  const data = reduce(
    tickets,
    reportDataReducer({
      metrics: reducers,
      period: "month",
      keys: ["channel"],
      timeZone: "UTC",
      timeOf: (ticket: { createdAt: Date }) => ticket.createdAt,
    }),
  );
  return renderHtmlReport({
    data,
    metrics: NAMES,
    meta: { title: "t", generatedAt: new Date(0), by: ["month", "channel"], timeZone: "UTC" },
  });
}

describe("htmlMetricReducer", () => {
  test("keeps the durations of a mean in a sketch, and the page is the one exact percentiles give", () => {
    const plans = NAMES.map((name) => planned(name));
    const exact = Object.fromEntries(plans.map((plan) => [plan.column, plan.reducer(() => 0)]));
    const html = Object.fromEntries(
      plans.map((plan) => [plan.column, htmlMetricReducer(plan, () => 0)]),
    );
    const frt = html.frt as AnyReducer;
    expect(reduce(tickets, frt)).toMatchObject({
      percentiles: "ddsketch(0.01)",
      statistic: "mean",
    });
    expect(reduce(tickets, exact.frt as AnyReducer)).toMatchObject({ percentiles: "exact" });
    // The same bytes: mean, n, sum, min and max of a sketch are the exact ones, and the page
    // shows no percentile of a metric whose headline is its mean.
    expect(page(html)).toBe(page(exact));
  });

  test("a percentile headline stays exact, and non-duration metrics are as planned", () => {
    for (const statistic of ["median", "p90", "p95"]) {
      const reducer = htmlMetricReducer(planned("resolution", { statistic }), () => 0);
      expect(reduce(tickets, reducer)).toMatchObject({ percentiles: "exact", statistic });
    }
    const volume = planned("volume");
    expect(
      reduce(
        tickets,
        htmlMetricReducer(volume, () => 0),
      ),
    ).toEqual(
      reduce(
        tickets,
        volume.reducer(() => 0),
      ),
    );
  });
});
