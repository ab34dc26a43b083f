import { occupancyMetric } from "./agents/occupancy.ts";
import { ticketsPerAgentMetric } from "./agents/ticketsPerAgent.ts";
import { utilizationMetric } from "./agents/utilization.ts";
import { cacPaybackMetric } from "./customers/cacPayback.ts";
import { churnRateMetric } from "./customers/churnRate.ts";
import {
  customerLifetimeValueMetric,
  marginLifetimeValueMetric,
} from "./customers/customerLifetimeValue.ts";
import { retentionRateMetric } from "./customers/retentionRate.ts";
import type { MetricDefinition, RecordKind } from "./define.ts";
import { cesMetric } from "./surveys/ces.ts";
import { csatMetric } from "./surveys/csat.ts";
import { npsMetric } from "./surveys/nps.ts";
import { surveyResponseRateMetric } from "./surveys/surveyResponseRate.ts";
import { backlogMetric } from "./tickets/backlog.ts";
import { firstResponseTimeMetric } from "./tickets/firstResponseTime.ts";

/**
 * The catalogue: every metric the library defines, as data. The CLI's names and defaults, the
 * vendor presets, the HTML report's labels and units and the docs' metric table are all read
 * from here; each entry is declared in its metric's own file (see `define.ts`).
 *
 * The order is the order of the docs table and of the CLI's help: tickets, then surveys, then
 * customers and agents.
 *
 * @example
 * catalogue.filter((metric) => metric.records === "surveyResponses").map((metric) => metric.name).includes("csat")
 * //=> true
 */
const ENTRIES = [
  firstResponseTimeMetric,
  backlogMetric,
  csatMetric,
  npsMetric,
  cesMetric,
  surveyResponseRateMetric,
  churnRateMetric,
  retentionRateMetric,
  customerLifetimeValueMetric,
  marginLifetimeValueMetric,
  cacPaybackMetric,
  utilizationMetric,
  occupancyMetric,
  ticketsPerAgentMetric,
] as const;
export const catalogue: readonly MetricDefinition[] = Object.freeze([
  ...ENTRIES,
] as MetricDefinition[]);

/** Any entry of the catalogue, with its own options and key types. */
export type CatalogueEntry = (typeof ENTRIES)[number];

/**
 * Finds a metric by its short name, one of its aliases, or its key (`frt`, `first-response` or
 * `firstResponseTime`); `undefined` when there is none.
 *
 * @example
 * findMetric("first-response")?.key
 * //=> "firstResponseTime"
 */
export function findMetric(name: string): MetricDefinition | undefined {
  return catalogue.find(
    (metric) => metric.name === name || metric.key === name || metric.aliases.includes(name),
  );
}

/**
 * The metrics that read one kind of record, in catalogue order.
 *
 * @example
 * metricsFor("tickets").some((metric) => metric.key === "backlog")
 * //=> true
 */
export function metricsFor(records: RecordKind): MetricDefinition[] {
  return catalogue.filter((metric) => metric.records === records);
}
