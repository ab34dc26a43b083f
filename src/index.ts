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
// Aggregation: rollup (group-by) and streaming

export * from "./aggregate/change.ts";
export type { Key, KeyValue } from "./aggregate/keys.ts";
export * from "./aggregate/rollup.ts";
export { DEFAULT_MAX_ROWS, RowLimitError } from "./aggregate/rowLimit.ts";
export * from "./aggregate/stream.ts";
export * from "./aggregate/targets.ts";
// Customer economics: CLV models (BG/NBD, Pareto/NBD, Gamma-Gamma, sBG), RFM summaries,
// cohort triangles and subscription movements
export * from "./economics/bgNbd.ts";
export * from "./economics/clv.ts";
export * from "./economics/cohorts.ts";
export type { CompactCustomers, RfmCustomer } from "./economics/customers.ts";
export * from "./economics/gammaGamma.ts";
export type { FitReport, MinimizeOptions, Minimum } from "./economics/optimize.ts";
export * from "./economics/paretoNbd.ts";
export * from "./economics/rfm.ts";
export * from "./economics/sbg.ts";
export * from "./economics/subscriptions/activationRate.ts";
export type {
  MovementRateResult,
  MrrMovements,
  MrrMovementsInput,
  MrrMovementsOptions,
  MrrMovementsResult,
  MrrMovementsState,
} from "./economics/subscriptions/mrrMovements.ts";
export { mrrMovements, mrrMovementsReducer } from "./economics/subscriptions/mrrMovements.ts";
export type { Signup, SubscriptionChange } from "./economics/subscriptions/records.ts";
export * from "./economics/subscriptions/revenueRates.ts";
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
  CustomerCountsOptions,
  CustomerCountsState,
  CustomerPosition,
  CustomerRateOptions,
  CustomerRateResult,
  InstantInput,
  WindowInput,
} from "./metrics/customers/customerCounts.ts";
export type {
  CustomerLifetimeValueOptions,
  CustomerLifetimeValueResult,
  LifetimeUnit,
  MarginLifetimeValueExclusion,
  MarginLifetimeValueInput,
  MarginLifetimeValueOptions,
  MarginLifetimeValueResult,
  MarginLifetimeValueState,
  SimpleLifetimeValueExclusion,
  SimpleLifetimeValueInput,
  SimpleLifetimeValueOptions,
  SimpleLifetimeValueResult,
  SimpleLifetimeValueState,
} from "./metrics/customers/customerLifetimeValue.ts";
export {
  customerLifetimeValue,
  customerLifetimeValueMetric,
  customerLifetimeValueReducer,
  marginLifetimeValueMetric,
} from "./metrics/customers/customerLifetimeValue.ts";
export * from "./metrics/customers/retentionRate.ts";
export type {
  Better,
  ByOptions,
  MetricDefinition,
  MetricInput,
  OptionsOf,
  Placement,
  RecordField,
  RecordKind,
  ResolvedMetric,
  ResultShape,
  Unit,
  Vendor,
} from "./metrics/define.ts";
export {
  defineMetric,
  optionNames,
  requiredOptions,
  resolveMetric,
  VENDORS,
} from "./metrics/define.ts";
// Metrics over queue contacts (calls, chats)
export * from "./metrics/queues/abandonRate.ts";
export * from "./metrics/queues/averageHandleTime.ts";
export * from "./metrics/queues/averageSpeedOfAnswer.ts";
export * from "./metrics/queues/chatConcurrency.ts";
export type {
  ContactOutcome,
  ContactOutcomeInput,
  OutcomeExclusion,
  QueueContact,
} from "./metrics/queues/contact.ts";
export * from "./metrics/queues/serviceLevel.ts";
// Metrics over tickets
export * from "./metrics/selfService/deflectionRate.ts";
export * from "./metrics/selfService/knowledgeBaseEngagement.ts";
export type {
  SelfServiceCounts,
  SelfServiceCustomersExclusion,
  SelfServiceCustomersInput,
  SelfServiceCustomersState,
} from "./metrics/selfService/selfServiceCustomers.ts";
export * from "./metrics/selfService/selfServiceScore.ts";
// Metrics over survey responses
export * from "./metrics/surveys/ces.ts";
export type {
  CsatExclusion,
  CsatInput,
  CsatMethod,
  CsatOptions,
  CsatResult,
  CsatState,
} from "./metrics/surveys/csat.ts";
export { csat, csatMetric, csatReducer } from "./metrics/surveys/csat.ts";
export * from "./metrics/surveys/nps.ts";
export * from "./metrics/surveys/surveyResponseRate.ts";
export type {
  AgentsExclusion,
  AgentsFrom,
  AgentsInput,
  AgentsOptions,
} from "./metrics/tickets/agentsOnTicket.ts";
export { agentsOnTicket } from "./metrics/tickets/agentsOnTicket.ts";
export * from "./metrics/tickets/agentWaitTime.ts";
export * from "./metrics/tickets/backlog.ts";
export type {
  ContactRateCount,
  ContactRateCustomer,
  ContactRateExclusion,
  ContactRateInput,
  ContactRateOptions,
  ContactRateResult,
  ContactRateState,
  ContactRateTicket,
} from "./metrics/tickets/contactRate.ts";
export {
  contactRate,
  contactRateMetric,
  contactRateReducer,
} from "./metrics/tickets/contactRate.ts";
export type {
  CostPerTicketCost,
  CostPerTicketDenominator,
  CostPerTicketExclusion,
  CostPerTicketInput,
  CostPerTicketOptions,
  CostPerTicketResult,
  CostPerTicketState,
  CostPerTicketTicket,
} from "./metrics/tickets/costPerTicket.ts";
export {
  costPerTicket,
  costPerTicketMetric,
  costPerTicketReducer,
} from "./metrics/tickets/costPerTicket.ts";
export * from "./metrics/tickets/customersContacted.ts";
export type { Clock, ClockOptions, SpanClock } from "./metrics/tickets/elapsed.ts";
export * from "./metrics/tickets/escalationRate.ts";
export * from "./metrics/tickets/firstContactResolution.ts";
export * from "./metrics/tickets/firstResponseTime.ts";
export * from "./metrics/tickets/handleTime.ts";
export * from "./metrics/tickets/handoffs.ts";
export * from "./metrics/tickets/mergedTickets.ts";
export * from "./metrics/tickets/onHoldTime.ts";
export type { AgeBucket, Openness, OpenSpanInput } from "./metrics/tickets/openSpans.ts";
export { DEFAULT_AGE_BUCKETS } from "./metrics/tickets/openSpans.ts";
export * from "./metrics/tickets/queueLength.ts";
export * from "./metrics/tickets/reopenRate.ts";
export * from "./metrics/tickets/replyTime.ts";
export * from "./metrics/tickets/requesterWaitTime.ts";
export * from "./metrics/tickets/resolutionRate.ts";
export * from "./metrics/tickets/resolutionTime.ts";
export * from "./metrics/tickets/slaAttainment.ts";
export type {
  StatusTimeExclusion,
  StatusTimeInput,
  StatusTimeOptions,
  WaitTimeOptions,
} from "./metrics/tickets/statusTime.ts";
export { statusTime, statusTimeMetric, statusTimeReducer } from "./metrics/tickets/statusTime.ts";
export * from "./metrics/tickets/ticketVolume.ts";
export * from "./metrics/tickets/transferRate.ts";
// Vendor presets: option bundles that reproduce each helpdesk's definitions
export * from "./presets/presets.ts";
// Reducers, results and saved states
export * from "./reduce/combine.ts";
export type { Distinct, DistinctMethod, DistinctResult, DistinctState } from "./reduce/distinct.ts";
export { distinct } from "./reduce/distinct.ts";
export type { CallNeeding } from "./reduce/folds.ts";
export { callOf, foldShards } from "./reduce/folds.ts";
export type { HyperLogLog } from "./reduce/hyperLogLog.ts";
export {
  addToHyperLogLog,
  createHyperLogLog,
  DEFAULT_HLL_PRECISION,
  hyperLogLogEstimate,
  hyperLogLogStandardError,
  MAX_HLL_PRECISION,
  MIN_HLL_PRECISION,
  mergeHyperLogLogs,
} from "./reduce/hyperLogLog.ts";
export { readOptions } from "./reduce/options.ts";
export * from "./reduce/reduce.ts";
export * from "./reduce/reducer.ts";
export type {
  CountResult,
  CountState,
  DurationOptions,
  DurationReducer,
  DurationResult,
  DurationState,
  Excluded,
  MeanResult,
  MeanState,
  PercentileMethod,
  Percentiles,
  RatioResult,
  RatioState,
  SparseReason,
  Statistic,
} from "./reduce/results.ts";
export { excludedCounts, mergeExcluded, quantile } from "./reduce/results.ts";
export { stateFromJSON, stateToJSON } from "./reduce/serialize.ts";
export type { DDSketch } from "./reduce/sketch.ts";
// Records and validation
export * from "./schemas/customer.ts";
export {
  type Deduplicated,
  DUPLICATE_POLICIES,
  type DuplicateCopy,
  type DuplicatePolicy,
  dropDuplicates,
  type IdLedger,
  idLedger,
  type RecordPlace,
  recordId,
  sourcedId,
} from "./schemas/duplicates.ts";
export * from "./schemas/queueContact.ts";
export * from "./schemas/session.ts";
export * from "./schemas/shift.ts";
export * from "./schemas/subscription.ts";
export * from "./schemas/survey.ts";
export type {
  Assignment,
  AuthorRole,
  StatusChange,
  Ticket,
  TicketInput,
  TicketMessage,
  TicketStatus,
} from "./schemas/ticket.ts";
export { AUTHOR_ROLES, TICKET_STATUSES, TicketSchema, ticketSchema } from "./schemas/ticket.ts";
export type { TimestampInput, TimestampOptions } from "./schemas/timestamp.ts";
export { parseTimestamp } from "./schemas/timestamp.ts";
export * from "./schemas/validate.ts";
// SLA policies and their evaluation
export * from "./sla/evaluate.ts";
export type {
  SlaCondition,
  SlaKind,
  SlaPolicy,
  SlaPolicyInput,
  SlaTarget,
  SlaTargetInput,
  SlaTargets,
  SlaTargetsInput,
  SlaTicket,
} from "./sla/policy.ts";
export { SLA_KINDS, SlaPolicySchema, slaPolicies, slaPolicy } from "./sla/policy.ts";
export { policyFor } from "./sla/policyFor.ts";
// SQL: what each metric declares for the compiler (the compiler and the DuckDB engine are
// support-metrics/duckdb, so the browser bundle does not carry them)
export type {
  Aggregate,
  EventsSql,
  ExclusionRule,
  Expr,
  FollowsSql,
  MetricSql,
  PlacingInstant,
  RelationColumns,
  SpanTiming,
  SqlValue,
  StockSql,
  WaitsSql,
} from "./sql/spec.ts";
// Staffing: Erlang B, C and A queueing models, and agents needed per interval
export * from "./staffing/arrivals.ts";
export * from "./staffing/erlangA.ts";
export type { ErlangBLinesOptions, ErlangBOptions, ErlangBResult } from "./staffing/erlangB.ts";
export { erlangB, erlangBLines, erlangBProbability } from "./staffing/erlangB.ts";
export type { ErlangCOptions, ErlangCResult } from "./staffing/erlangC.ts";
export { erlangC, erlangCProbability } from "./staffing/erlangC.ts";
export type {
  CheckedTargets,
  StaffingLimit,
  StaffingOptions,
  StaffingResult,
  StaffingTargets,
} from "./staffing/staffing.ts";
export { scheduledHeadcount, staffing } from "./staffing/staffing.ts";
export * from "./staffing/staffingTable.ts";
export type { Workload, WorkloadOptions } from "./staffing/workload.ts";
// Statistics: intervals, comparisons of two groups, and KPI targets
export { compareNps } from "./stats/compareNps.ts";
export type { ProportionCounts } from "./stats/compareProportions.ts";
export { compareProportions } from "./stats/compareProportions.ts";
export type { Comparison } from "./stats/comparison.ts";
export type { Bounds, ConfidenceInterval, LevelOptions } from "./stats/interval.ts";
export * from "./stats/intervalOption.ts";
export type {
  Alternative,
  MannWhitneyComparison,
  MannWhitneyOptions,
} from "./stats/mannWhitney.ts";
export { mannWhitney } from "./stats/mannWhitney.ts";
export type { MeanInterval, Moments, Sums } from "./stats/meanInterval.ts";
export { meanInterval, momentsFromSums } from "./stats/meanInterval.ts";
export * from "./stats/metricIntervals.ts";
export type {
  NpsCounts,
  NpsInterval,
  NpsIntervalMethod,
  NpsIntervalOptions,
} from "./stats/npsInterval.ts";
export { NPS_INTERVAL_METHODS, npsInterval, npsMarginOfError } from "./stats/npsInterval.ts";
export * from "./stats/proportion.ts";
export type { OrderStatisticRanks, QuantileInterval } from "./stats/quantileInterval.ts";
export { quantileInterval } from "./stats/quantileInterval.ts";
export * from "./stats/target.ts";
// Time: business hours, periods and zones
export * from "./time/businessTime.ts";
export * from "./time/period.ts";
export * from "./time/schedule.ts";
export { ScheduleSchema } from "./time/scheduleSchema.ts";
export { SchedulesSchema, scheduleVersions } from "./time/scheduleVersions.ts";
