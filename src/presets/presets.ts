/**
 * Vendor presets: the options that make our figures match the ones a helpdesk shows.
 *
 * Each metric declares, in its catalogue entry, the options that reproduce each vendor's
 * figure (`vendors`); a preset is those entries gathered by vendor. It is a plain, frozen
 * object of per-metric option objects, so a user can read exactly what it sets, pass one of
 * them to a metric (`firstResponseTime(tickets, presets.intercom.firstResponseTime)`), or
 * spread it and change one field. {@link presetReducers} builds the reducers of a whole preset,
 * split by record kind, ready for `rollup`.
 *
 * The choices come from the vendors' own definitions (METRICS.md section 7 summarises them);
 * docs/presets.md lists each option a preset sets with its source. Where a vendor's rule
 * cannot be expressed with our options the preset says so in {@link presetCaveats}: it never
 * approximates silently.
 */
import { type CatalogueEntry, catalogue } from "../metrics/catalogue.ts";
import { type OptionsOf, optionNames, VENDORS, type Vendor } from "../metrics/define.ts";
import type { ClockOptions } from "../metrics/tickets/elapsed.ts";
import { requireOneOf } from "../reduce/arguments.ts";
import type { AnyReducer } from "../reduce/reducer.ts";

/** The helpdesks with a preset. */
export const PRESET_NAMES = VENDORS;
/** The name of a preset. */
export type PresetName = Vendor;

/**
 * A vendor's preset: for each catalogue metric the vendor has a figure for, the options that
 * reproduce it, under the metric's key (`firstResponseTime`, `fullResolutionTime`...).
 */
export type Preset = {
  readonly [Entry in CatalogueEntry as Entry["key"]]?: Readonly<Partial<OptionsOf<Entry>>>;
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function presetOf(vendor: Vendor): Preset {
  const preset: Record<string, object> = {};
  for (const metric of catalogue) {
    const options = metric.vendors[vendor];
    if (options) preset[metric.key] = { ...options };
  }
  return preset as Preset;
}

/**
 * The vendor presets, by name, gathered from the catalogue. Each is a plain, frozen object of
 * per-metric options; read it to see what it sets, or pass one entry to a metric.
 *
 * - `zendesk`: FRT from creation, human public replies only; next reply time from the oldest
 *   unanswered message; first and full resolution; Explore's one-touch rule (fewer than two
 *   replies, zero-reply solves succeed, reopens ignored); CSAT good / (good + bad); the
 *   schedule in force at the event (`scheduleRule: "atEvent"`).
 * - `freshdesk`: FRT from creation; each customer message answered; created → `resolved_at`
 *   (latest resolve); FCR = resolved in the first response; CSAT positive answers of its
 *   7-point scale read as 1–7 (`topBoxFrom: 5`).
 * - `intercom`: FRT from the customer's first message; medians throughout; time to first and
 *   last close; CSAT 4–5 of 1–5.
 * - `helpscout`: FRT from creation; resolution needs a reply; resolved on first reply;
 *   happiness score on 1–3.
 * - `chatwoot`: reply time from the first unanswered message, first reply left out; every
 *   resolve from creation (closest: the latest); CSAT 4–5 of 1–5; no one-touch metric.
 *
 * What each cannot reproduce exactly is listed in {@link presetCaveats}.
 *
 * @example
 * presets.intercom.firstResponseTime
 * //=> { startFrom: "firstCustomerMessage", countAutomatedReplies: false, statistic: "median" }
 *
 * @example
 * presets.zendesk.firstContactResolution
 * //=> { mode: "one-touch", zeroReplySolves: "success", ignoreReopens: true }
 */
export const presets: Readonly<Record<Vendor, Preset>> = deepFreeze({
  zendesk: presetOf("zendesk"),
  freshdesk: presetOf("freshdesk"),
  intercom: presetOf("intercom"),
  helpscout: presetOf("helpscout"),
  chatwoot: presetOf("chatwoot"),
});

// The call below is marked pure so that a bundle which never reads the caveats (a helpdesk
// plugin that only computes) leaves their 3.7 KB of text out.
/**
 * What each preset cannot reproduce with our options, in words. Nothing here is approximated
 * silently: where a preset chose the closest setting, the note says which and why.
 *
 * @example
 * presetCaveats.chatwoot.length > 0
 * //=> true
 */
export const presetCaveats: Readonly<Record<PresetName, readonly string[]>> =
  /* @__PURE__ */ deepFreeze({
    zendesk: [
      "Zendesk shows both the mean and the median; the preset's headline is the mean, and every duration result also carries `median`.",
      "Next reply time is a Zendesk SLA metric, reported per SLA instance rather than as an average; the preset measures the same span (oldest unanswered customer message → next public agent reply) over all replies, including the one that ended the first wait. Set `excludeFirstReply: true` when the account's SLA policy also has a first-reply target.",
      'Messaging tickets: Zendesk counts replies only after a bot hand-off. Mark bot messages with authorRole "bot" so they never count; the hand-off itself is not a clock start we model.',
      "CSAT reads the scale of each response: a legacy good/bad rating must be given on the binary scale { min: 0, max: 1 } (1 = good); Zendesk's newer 1–5 scale counts 4–5 as good, 1–3 counts 3.",
      'Business time: pass the schedule Zendesk applied to the ticket; the preset sets scheduleRule "atEvent" (the schedule at the reply or resolution times the whole span; each wait-time stay by the schedule when it ended).',
    ],
    freshdesk: [
      "CSAT assumes Freshdesk's 7-point answers (−103 … 103) are given as 1–7 (−103 → 1, … , 100 → 4, … , 103 → 7), so the three positive answers are 5–7 (topBoxFrom 5). With another mapping, set topBoxFrom to the score of 'slightly happy' (101).",
      "Freshdesk's resolution SLA clock pauses in the statuses whose SLA timer is off, which is an account setting: add pauseWhilePending: true and pausedStatuses to resolutionTime to match the SLA figure; the preset matches the report's created → resolved_at.",
      "Freshdesk counts public notes by agents as responses; give them as public agent messages. Merged secondary tickets and tickets never assigned are left out of Freshdesk's counts: drop them before computing.",
      "Freshdesk places resolution figures by the resolution date, as we do; it places first response by creation (ours: createdAt).",
    ],
    intercom: [
      "Intercom's median time to reply is a median of per-conversation medians; ours is the median over all waits (from the first unanswered message).",
      "Intercom's 'closed on first contact' counts participating teammates, not replies; the preset uses our one-touch rule (one reply, never reopened), the closest we have.",
      "Intercom places conversations by creation in its reports; our resolution times are placed by the resolution and reply time by each reply.",
      'Intercom\'s durations in office hours: pass the office-hours schedule; how Intercom times a span across a change of office hours is not documented, so the preset keeps our default scheduleRule ("perSegment").',
    ],
    helpscout: [
      "Help Scout places first response time by the time of the reply (conversations replied to in range); ours places it by creation.",
      "Help Scout's response time (average customer wait for a reply) is read here as one wait per run of customer messages, from the first unanswered one; Help Scout does not document which message starts the wait.",
      "Help Scout leaves out spam and deleted conversations: drop them before computing.",
      "Ratings must be given on the 1–3 scale (Great 3, Okay 2, Not Good 1) for the happiness score.",
    ],
    chatwoot: [
      "Chatwoot starts first response time at the last bot hand-off or reopen (else creation); we start it at creation, the closest option, so bot-handled conversations read longer here.",
      "Chatwoot records one resolution time per resolve, each measured from creation, so a reopened conversation counts several times; the preset measures each ticket once, to its latest resolve.",
      "Chatwoot reports 0 business seconds for an inbox without working hours; we exclude such tickets as noSchedule.",
      "Chatwoot has no one-touch or FCR metric, so the preset has no firstContactResolution.",
    ],
  });

/** The reducers of a preset, by record kind: pass `tickets` and `surveys` to two rollups. */
export interface PresetReducers {
  tickets: Record<string, AnyReducer>;
  surveys: Record<string, AnyReducer>;
}

/** Options for {@link presetReducers}. */
export interface PresetReducerOptions {
  /** The team's working hours, given to every duration metric (business time). */
  schedule?: ClockOptions["schedule"];
  /** `"calendar"` or `"business"`; see the duration metrics. Follows `schedule` by default. */
  clock?: ClockOptions["clock"];
}

/**
 * Builds the reducers of a preset, split by the records they read, so each group can go to
 * `rollup` as it is: `rollup(tickets, { metrics: reducers.tickets })` and
 * `rollup(surveys, { metrics: reducers.surveys })`. `schedule` and `clock` are added to every
 * metric that takes them; to change anything else, spread the preset's options into the
 * metric's own reducer instead.
 *
 * @param name - One of {@link PRESET_NAMES}.
 * @param options - See {@link PresetReducerOptions}.
 * @returns `{ tickets, surveys }`, each an object of reducers named by the metrics' keys.
 * @throws RangeError for an unknown preset name; the metrics' own errors for a bad schedule.
 *
 * @example
 * const reducers = presetReducers("helpscout");
 * [Object.keys(reducers.tickets), Object.keys(reducers.surveys)]
 * //=> [["firstResponseTime", "replyTime", "resolutionTime", "firstContactResolution"], ["csat", "surveyResponseRate"]]
 */
export function presetReducers(
  name: PresetName,
  options: PresetReducerOptions = {},
): PresetReducers {
  requireOneOf("presetReducers", "name", name, PRESET_NAMES);
  const tickets: Record<string, AnyReducer> = {};
  const surveys: Record<string, AnyReducer> = {};
  for (const metric of catalogue) {
    const given = metric.vendors[name];
    if (!given) continue;
    const taken = optionNames(metric);
    const clock: ClockOptions = {};
    if (options.schedule !== undefined && taken.includes("schedule"))
      clock.schedule = options.schedule;
    if (options.clock !== undefined && taken.includes("clock")) clock.clock = options.clock;
    const reducer = metric.reducer({ ...given, ...clock });
    if (metric.records === "tickets") tickets[metric.key] = reducer;
    else if (metric.records === "surveyResponses") surveys[metric.key] = reducer;
  }
  return { tickets, surveys };
}
