/**
 * support-metrics/adapters: helpdesk exports and API responses (Zendesk, Freshdesk,
 * Intercom, Help Scout, Chatwoot) to our raw records. Pure and browser-safe: nothing here
 * imports `node:*`. Each adapter returns `{ records, sources, skipped }`; validate the records
 * with `validateAdaptedTickets` / `validateAdaptedSurveys` (or the core `validate*`). Zendesk's
 * SLA policies and business-hour schedules become the core's policies and schedules
 * (`policiesFromZendesk`, `scheduleFromZendesk`).
 *
 * @packageDocumentation
 */

export * from "./chatwoot.ts";
export {
  type Adapted,
  type AdaptedRejection,
  type AdaptedValidated,
  type Skipped,
  validateAdaptedSurveys,
  validateAdaptedTickets,
} from "./common.ts";
export * from "./freshdesk.ts";
export * from "./helpscout.ts";
export * from "./intercom.ts";
export * from "./zendesk.ts";
export * from "./zendeskAudits.ts";
export * from "./zendeskPolicies.ts";
export * from "./zendeskSchedules.ts";
