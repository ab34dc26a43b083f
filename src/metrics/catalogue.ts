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
import { abandonRateMetric } from "./queues/abandonRate.ts";
import { averageHandleTimeMetric } from "./queues/averageHandleTime.ts";
import { averageSpeedOfAnswerMetric } from "./queues/averageSpeedOfAnswer.ts";
import { chatConcurrencyMetric } from "./queues/chatConcurrency.ts";
import { serviceLevelMetric } from "./queues/serviceLevel.ts";
import { deflectionRateMetric } from "./selfService/deflectionRate.ts";
import { knowledgeBaseEngagementMetric } from "./selfService/knowledgeBaseEngagement.ts";
import { selfServiceScoreMetric } from "./selfService/selfServiceScore.ts";
import { cesMetric } from "./surveys/ces.ts";
import { csatMetric } from "./surveys/csat.ts";
import { npsMetric } from "./surveys/nps.ts";
import { surveyResponseRateMetric } from "./surveys/surveyResponseRate.ts";
import { agentWaitTimeMetric } from "./tickets/agentWaitTime.ts";
import { backlogMetric } from "./tickets/backlog.ts";
import { contactRateMetric } from "./tickets/contactRate.ts";
import { costPerTicketMetric } from "./tickets/costPerTicket.ts";
import { customersContactedMetric } from "./tickets/customersContacted.ts";
import { escalationRateMetric } from "./tickets/escalationRate.ts";
import { firstContactResolutionMetric } from "./tickets/firstContactResolution.ts";
import { firstResponseTimeMetric } from "./tickets/firstResponseTime.ts";
import { handleTimeMetric } from "./tickets/handleTime.ts";
import { handoffsMetric } from "./tickets/handoffs.ts";
import { onHoldTimeMetric } from "./tickets/onHoldTime.ts";
import { queueLengthMetric } from "./tickets/queueLength.ts";
import { reopenRateMetric } from "./tickets/reopenRate.ts";
import { replyTimeMetric } from "./tickets/replyTime.ts";
import { requesterWaitTimeMetric } from "./tickets/requesterWaitTime.ts";
import { resolutionRateMetric } from "./tickets/resolutionRate.ts";
import { fullResolutionTimeMetric, resolutionTimeMetric } from "./tickets/resolutionTime.ts";
import { slaAttainmentMetric } from "./tickets/slaAttainment.ts";
import { statusTimeMetric } from "./tickets/statusTime.ts";
import { ticketVolumeMetric } from "./tickets/ticketVolume.ts";
import { transferRateMetric } from "./tickets/transferRate.ts";

const ENTRIES = [
  ticketVolumeMetric,
  firstResponseTimeMetric,
  replyTimeMetric,
  resolutionTimeMetric,
  fullResolutionTimeMetric,
  requesterWaitTimeMetric,
  agentWaitTimeMetric,
  onHoldTimeMetric,
  statusTimeMetric,
  handleTimeMetric,
  firstContactResolutionMetric,
  reopenRateMetric,
  resolutionRateMetric,
  escalationRateMetric,
  handoffsMetric,
  transferRateMetric,
  backlogMetric,
  queueLengthMetric,
  slaAttainmentMetric,
  costPerTicketMetric,
  contactRateMetric,
  customersContactedMetric,
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
  serviceLevelMetric,
  averageSpeedOfAnswerMetric,
  abandonRateMetric,
  averageHandleTimeMetric,
  chatConcurrencyMetric,
  deflectionRateMetric,
  selfServiceScoreMetric,
  knowledgeBaseEngagementMetric,
] as const;
/**
 * The catalogue: every metric the library defines, as data. The CLI's names and defaults, the
 * vendor presets, the HTML report's labels and units and the docs' metric table are all read
 * from here; each entry is declared in its metric's own file (see `define.ts`).
 *
 * The order is the order of the docs table and of the CLI's help: tickets, then surveys, then
 * customers and agents, then queue contacts, then self-service (sessions joined with tickets).
 *
 * @example
 * catalogue.filter((metric) => metric.records === "surveyResponses").map((metric) => metric.name).includes("csat")
 * //=> true
 */
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
