/**
 * support-metrics: support KPIs from helpdesk data.
 *
 * The root entry is the browser-safe core: schemas and validation, every metric with its
 * mergeable reducer, periods in IANA time zones, the rollup (group-by) layer, and the
 * statistics that say how sure a number is (intervals, comparisons, targets). Nothing
 * reachable from here imports `node:*`. (Sections follow the folders, in the order the
 * formatter keeps exports: alphabetical by path.)
 *
 * @packageDocumentation
 */

// Aggregation: rollup (group-by), keys, and streaming
export * from "./aggregate/keys.ts";
export * from "./aggregate/rollup.ts";
export * from "./aggregate/stream.ts";
// Customer economics: CLV models (BG/NBD, Pareto/NBD, Gamma-Gamma, sBG), RFM summaries,
// cohort triangles and subscription movements
export * from "./economics/bgNbd.ts";
export * from "./economics/clv.ts";
export * from "./economics/cohorts.ts";
export type { RfmCustomer } from "./economics/customers.ts";
export * from "./economics/gammaGamma.ts";
export type { FitReport } from "./economics/optimize.ts";
export * from "./economics/paretoNbd.ts";
export * from "./economics/rfm.ts";
export * from "./economics/sbg.ts";
export { hypergeometric2F1 } from "./economics/special.ts";
export * from "./economics/subscriptions/activationRate.ts";
export * from "./economics/subscriptions/arpa.ts";
export * from "./economics/subscriptions/grossRevenueRetention.ts";
export {
  type MovementRateResult,
  type MrrMovements,
  type MrrMovementsInput,
  type MrrMovementsOptions,
  type MrrMovementsResult,
  type MrrMovementsState,
  mrrMovements,
  mrrMovementsReducer,
} from "./economics/subscriptions/mrrMovements.ts";
export * from "./economics/subscriptions/netRevenueRetention.ts";
export type { Signup, SubscriptionChange } from "./economics/subscriptions/records.ts";
export * from "./economics/subscriptions/revenueChurnRate.ts";
export * from "./economics/subscriptions/subscriberChurnRate.ts";
// Metrics over agent shifts and tickets
export type {
  AgentIntervals,
  AgentTimeResult,
  AgentTimeState,
  MsInterval,
} from "./metrics/agents/intervals.ts";
export * from "./metrics/agents/occupancy.ts";
export * from "./metrics/agents/ticketsPerAgent.ts";
export * from "./metrics/agents/utilization.ts";
// The catalogue: what each metric declares about itself
export * from "./metrics/catalogue.ts";
// Metrics over customers and purchases
export * from "./metrics/customers/cacPayback.ts";
export * from "./metrics/customers/churnRate.ts";
export type {
  CustomerCounts,
  CustomerCountsExclusion,
  CustomerCountsInput,
  CustomerCountsState,
  CustomerRateResult,
  InstantInput,
  WindowInput,
} from "./metrics/customers/customerCounts.ts";
export * from "./metrics/customers/customerLifetimeValue.ts";
export * from "./metrics/customers/retentionRate.ts";
export * from "./metrics/define.ts";
// Metrics over queue contacts (calls, chats)
export * from "./metrics/queues/abandonRate.ts";
export * from "./metrics/queues/averageHandleTime.ts";
export * from "./metrics/queues/averageSpeedOfAnswer.ts";
export * from "./metrics/queues/chatConcurrency.ts";
export {
  type ContactOutcome,
  type ContactOutcomeInput,
  contactOutcome,
  type OutcomeExclusion,
  type QueueContact,
  queueWaitSeconds,
} from "./metrics/queues/contact.ts";
export * from "./metrics/queues/serviceLevel.ts";
// Metrics over survey responses
export * from "./metrics/surveys/ces.ts";
export * from "./metrics/surveys/csat.ts";
export * from "./metrics/surveys/nps.ts";
export * from "./metrics/surveys/surveyResponseRate.ts";
export * from "./metrics/tickets/agentWaitTime.ts";
// Metrics over tickets
export * from "./metrics/tickets/backlog.ts";
export * from "./metrics/tickets/contactRate.ts";
export * from "./metrics/tickets/costPerTicket.ts";
export * from "./metrics/tickets/elapsed.ts";
export * from "./metrics/tickets/escalationRate.ts";
export * from "./metrics/tickets/firstContactResolution.ts";
export * from "./metrics/tickets/firstResponseTime.ts";
export * from "./metrics/tickets/handleTime.ts";
export * from "./metrics/tickets/onHoldTime.ts";
export {
  type AgeBucket,
  DEFAULT_AGE_BUCKETS,
  type Openness,
  type OpenSpanInput,
  openAt,
  openSpan,
  statusAt,
} from "./metrics/tickets/openSpans.ts";
export * from "./metrics/tickets/queueLength.ts";
export * from "./metrics/tickets/reopenRate.ts";
export * from "./metrics/tickets/replyTime.ts";
export * from "./metrics/tickets/requesterWaitTime.ts";
export * from "./metrics/tickets/resolutionTime.ts";
export * from "./metrics/tickets/slaAttainment.ts";
// (not resolutionOption, resolutionPlacement, waitTimeOptions: schema helpers of the metric files)
export {
  type StatusTimeExclusion,
  type StatusTimeInput,
  type StatusTimeOptions,
  statusSpans,
  statusTime,
  statusTimeMetric,
  statusTimeReducer,
  timeInStatusesReducer,
  type WaitTimeOptions,
} from "./metrics/tickets/statusTime.ts";
export * from "./metrics/tickets/ticketVolume.ts";
// Vendor presets: option bundles that reproduce each helpdesk's definitions
export * from "./presets/presets.ts";
export { readOptions } from "./reduce/options.ts";
// Reducers and results
export * from "./reduce/reduce.ts";
export * from "./reduce/reducer.ts";
export * from "./reduce/results.ts";
export * from "./reduce/serialize.ts";
export * from "./reduce/sketch.ts";
// Records and validation
export * from "./schemas/customer.ts";
export * from "./schemas/shift.ts";
export * from "./schemas/survey.ts";
export * from "./schemas/ticket.ts";
export * from "./schemas/timestamp.ts";
export * from "./schemas/validate.ts";
// SLA policies and their evaluation
export * from "./sla/evaluate.ts";
export {
  SLA_KINDS,
  type SlaCondition,
  type SlaKind,
  type SlaPolicy,
  type SlaPolicyInput,
  SlaPolicySchema,
  type SlaTarget,
  type SlaTargetInput,
  type SlaTargets,
  type SlaTargetsInput,
  type SlaTicket,
  slaPolicies,
  slaPolicy,
} from "./sla/policy.ts";
export * from "./sla/policyFor.ts";
// Staffing: Erlang B, C and A queueing models, and agents needed per interval
export * from "./staffing/arrivals.ts";
export * from "./staffing/erlangA.ts";
export {
  type ErlangBLinesOptions,
  type ErlangBOptions,
  type ErlangBResult,
  erlangB,
  erlangBLines,
  erlangBProbability,
} from "./staffing/erlangB.ts";
export {
  type ErlangCOptions,
  type ErlangCResult,
  erlangC,
  erlangCProbability,
} from "./staffing/erlangC.ts";
export {
  type StaffingLimit,
  type StaffingOptions,
  type StaffingResult,
  type StaffingTargets,
  scheduledHeadcount,
  staffing,
} from "./staffing/staffing.ts";
export * from "./staffing/staffingTable.ts";
export {
  MAX_COUNT,
  MAX_TRAFFIC,
  offeredTraffic,
  type WorkloadOptions,
} from "./staffing/workload.ts";
// Statistics: intervals, comparisons of two groups, and KPI targets
export * from "./stats/beta.ts";
export * from "./stats/binomial.ts";
export * from "./stats/compareNps.ts";
export * from "./stats/compareProportions.ts";
export * from "./stats/comparison.ts";
export * from "./stats/interval.ts";
export * from "./stats/logGamma.ts";
export * from "./stats/mannWhitney.ts";
export * from "./stats/meanInterval.ts";
export * from "./stats/metricIntervals.ts";
export * from "./stats/normal.ts";
export * from "./stats/npsInterval.ts";
export * from "./stats/proportion.ts";
export * from "./stats/quantileInterval.ts";
export * from "./stats/studentT.ts";
export * from "./stats/target.ts";

// Time: business hours, periods and zones
export * from "./time/businessTime.ts";
export * from "./time/period.ts";
export {
  type Closure,
  type Holiday,
  type Schedule,
  type ScheduleInput,
  type Schedules,
  schedule,
  type TimeRange,
  WEEKDAYS,
  type Weekday,
} from "./time/schedule.ts";
export { ScheduleSchema } from "./time/scheduleSchema.ts";
export { SchedulesSchema, scheduleVersions } from "./time/scheduleVersions.ts";
export {
  checkTimeZone,
  fromWall,
  type IsoScan,
  parseWall,
  scanIso,
  toWall,
  zoneOffset,
} from "./time/zone.ts";
