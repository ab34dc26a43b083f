/**
 * Random helpdesk data and metric options for the parity properties of every engine
 * (src/duckdb/parity.test-prop.ts, src/postgres/parity.test-prop.ts): tickets and survey
 * responses and queue contacts with nulls, columns left out, DST and
 * period-boundary instants. The DuckDB property draws more options (schedules, the response
 * rate) in its own file.
 */
import fc from "fast-check";
import { arbitraryOutcome } from "../../test/fixtures/queueContacts.ts";
import { channel, delay, instant, type Layout, layout } from "../../test/sqlParity.ts";
import { findMetric } from "../metrics/catalogue.ts";
import type { MetricDefinition } from "../metrics/define.ts";
import { surveyResponseSchema } from "../schemas/survey.ts";
import { ticketSchema } from "../schemas/ticket.ts";

/** Catalogue entries by the column names the rows give them. */
export function entries(names: Record<string, string>): Record<string, MetricDefinition> {
  return Object.fromEntries(
    Object.entries(names).map(([column, name]) => [column, findMetric(name) as MetricDefinition]),
  );
}

const statistic = fc.constantFrom("mean", "median", "p90", "p95");
const resolution = fc.constantFrom("first", "full");

/** Tickets per agent's options: the divisor, and the zone its days are cut in. */
export const DISTINCT_OPTIONS = fc.record(
  {
    per: fc.constantFrom("agentDay", "agent"),
    timeZone: fc.constantFrom("UTC", "America/Santiago", "Australia/Lord_Howe"),
  },
  { requiredKeys: [] },
);

/**
 * Resolution rate's options: the flow form counts a ticket at creation and at resolution (two
 * placing instants), the cohort form at creation; `asOf` and the `window` (read when the
 * rollup is not by period) often fall between a ticket's two instants.
 */
export const RESOLUTION_RATE_OPTIONS = fc
  .record(
    {
      form: fc.constantFrom("flow", "cohort"),
      notReopened: fc.boolean(),
      asOf: instant,
      window: fc
        .tuple(instant, fc.integer({ min: 0, max: 40 * 24 }))
        .map(([start, hours]) => ({ start, end: start + hours * 3_600_000 })),
      interval: fc.constantFrom(true, { level: 0.9, method: "clopper-pearson" as const }),
    },
    { requiredKeys: [] },
    // The flow form's interval throws in memory when a period resolves more than it creates
    // (a proportion's interval of more successes than trials): asked of the cohort form only.
  )
  .map((options) => {
    if (options.form === "cohort") return options;
    const { interval: _interval, ...flow } = options;
    return flow;
  });

/** An interval of a mean or a rate: none, 95 %, or a level (each metric's default method). */
const meanOrRateInterval = fc.constantFrom(false, true, { level: 0.9 }, { level: 0.99 });

/** Every ticket metric of the standard report, each with random options. */
export const ticketMetrics = fc.record({
  volume: fc.constant({}),
  escalation: fc.constant({}),
  frt: fc.record({
    startFrom: fc.constantFrom("created", "firstCustomerMessage"),
    countAutomatedReplies: fc.boolean(),
    statistic,
  }),
  resolution: fc.record({
    resolution: fc.constantFrom("first", "full"),
    requireAgentReply: fc.boolean(),
    statistic,
  }),
  fullResolution: fc.record({ statistic }),
  reopen: fc.constant({}),
  oneTouch: fc.record({
    zeroReplySolves: fc.constantFrom("exclude", "success", "failure"),
    ignoreReopens: fc.boolean(),
  }),
  customers: fc.constant({}),
  perAgent: DISTINCT_OPTIONS,
  handle: fc.record({ statistic }),
  resolutionRate: RESOLUTION_RATE_OPTIONS,
});
export const TICKET_ENTRIES = entries({
  handle: "handle",
  customers: "customers-contacted",
  perAgent: "tickets-per-agent",
  volume: "volume",
  escalation: "escalation",
  frt: "frt",
  resolution: "resolution",
  fullResolution: "full-resolution",
  oneTouch: "one-touch",
  reopen: "reopen",
  resolutionRate: "resolution-rate",
});

/**
 * The metrics of the agents on a ticket, read from its assignment history or its replies
 * (`from: "replies"`: the messages, a nested column too), every interval
 * option, beside first response time, placed by another instant: the query's other branch
 * pads their columns (a distribution too) with typed NULLs.
 */
const agentsFrom = fc.constantFrom("assignments", "replies");
export const agentsMetrics = fc.record({
  handoffs: fc.record({ interval: meanOrRateInterval, from: agentsFrom }, { requiredKeys: [] }),
  transfer: fc.record({ interval: meanOrRateInterval, from: agentsFrom }, { requiredKeys: [] }),
  frt: fc.record({ statistic }),
});
/**
 * The metrics of time in statuses, read from the status history (calendar time; business
 * time over the stays is refused), with every resolution and statistic, beside first
 * response time, placed by another instant.
 */
export const statusMetrics = fc.record({
  requester: fc.record({ resolution, statistic }, { requiredKeys: [] }),
  agent: fc.record({ resolution, statistic }, { requiredKeys: [] }),
  onHold: fc.record({ resolution, statistic }, { requiredKeys: [] }),
  statusTime: fc.record(
    {
      statuses: fc.subarray(["new", "open", "pending", "onHold", "solved", "closed"], {
        minLength: 1,
      }),
      resolution,
      statistic,
    },
    { requiredKeys: ["statuses"] },
  ),
  frt: fc.record({ statistic }),
});
export const STATUS_ENTRIES = entries({
  requester: "requester-wait",
  agent: "agent-wait",
  onHold: "on-hold",
  statusTime: "status-time",
  frt: "frt",
});

/**
 * First response time read from the messages (automated and bot replies counted, so the first
 * reply is the first public agent or bot message after the first), from creation or from the
 * first customer message, every statistic; once more with its default options, which read
 * `firstResponseAt`; and reply time twice with every option (each its own branch, its waits
 * placed by their replies), beside them.
 */
export const replyMetrics = fc.record({
  frt: fc.record({
    startFrom: fc.constantFrom("created", "firstCustomerMessage"),
    countAutomatedReplies: fc.constantFrom(true, true, false),
    statistic,
  }),
  frtPlain: fc.record({ statistic }, { requiredKeys: [] }),
  reply: fc.record(
    {
      from: fc.constantFrom("each", "firstUnanswered"),
      excludeFirstReply: fc.boolean(),
      statistic,
    },
    { requiredKeys: [] },
  ),
  replyAgain: fc.record(
    { from: fc.constantFrom("each", "firstUnanswered"), excludeFirstReply: fc.boolean() },
    { requiredKeys: [] },
  ),
});
export const REPLY_ENTRIES = entries({
  frt: "frt",
  frtPlain: "frt",
  reply: "reply",
  replyAgain: "reply",
});

export const AGENTS_ENTRIES = entries({
  handoffs: "handoffs",
  transfer: "transfer-rate",
  frt: "frt",
});

export const surveyMetrics = fc.record({
  csat: fc.record(
    {
      method: fc.constantFrom("top-box", "mean", "percent-of-max", "happiness"),
      topBoxFrom: fc.integer({ min: 0, max: 7 }),
    },
    { requiredKeys: ["method"] },
  ),
  nps: fc.constant({}),
  ces: fc.record(
    { higherIsEasier: fc.boolean(), topBoxFrom: fc.integer({ min: 1, max: 7 }) },
    { requiredKeys: [] },
  ),
});
export const SURVEY_ENTRIES = entries({ csat: "csat", nps: "nps", ces: "ces" });

/** Optional ticket columns, each kept or left out of the whole data set. */
export const TICKET_COLUMNS = [
  "firstResponseAt",
  "firstCustomerMessageAt",
  "firstResolvedAt",
  "lastResolvedAt",
  "reopenCount",
  "agentReplyCount",
  "escalated",
  "tags",
  "channel",
  "status",
  "customerId",
  "assigneeId",
  "handleSeconds",
  "assignments",
] as const;

/** The optional ticket columns for {@link statusMetrics}: the status history always kept. */
export const statusColumns = fc
  .subarray([...TICKET_COLUMNS])
  .map((kept) => [...kept, "statusChanges"]);

/** The optional ticket columns with the messages kept or not (agents counted from replies). */
export const maybeMessagesColumns = fc
  .tuple(fc.subarray([...TICKET_COLUMNS]), fc.boolean())
  .map(([kept, messages]) => (messages ? [...kept, "messages"] : kept));

/** The optional ticket columns for {@link replyMetrics}: the messages always kept. */
export const messagesColumns = fc
  .subarray([...TICKET_COLUMNS])
  .map((kept) => [...kept, "messages"]);

export const rawTicket = fc.record({
  createdAt: instant,
  channel,
  firstResponse: fc.option(delay, { freq: 4 }),
  firstCustomerMessage: fc.option(delay, { freq: 3 }),
  firstResolved: fc.option(delay, { freq: 3 }),
  reopenedFor: fc.option(delay, { freq: 2 }),
  reopenCount: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 4 }),
  agentReplyCount: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 4 }),
  escalated: fc.option(fc.boolean(), { freq: 4 }),
  tags: fc.constantFrom([], ["vip"], ["closed_by_merge"], ["closed_by_merge", "vip"]),
  // A status given (pending, a solved ticket without a resolution time, one reopened after
  // its resolution), or derived by the schema from the resolutions when left out.
  status: fc.option(fc.constantFrom("new", "open", "pending", "onHold", "solved", "closed"), {
    freq: 2,
  }),
  // Ids whose concatenations meet ("a|" + "b" and "a" + "|b"), for the distinct counts.
  customerId: fc.option(fc.constantFrom("c1", "c2", "a|", "a", "É"), { freq: 4 }),
  assigneeId: fc.option(fc.constantFrom("a1", "a2", "a|", "a"), { freq: 4 }),
  // Agent work recorded in seconds: whole, fractional, or none.
  handleSeconds: fc.option(
    fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1e5, noNaN: true })),
    { freq: 4 },
  ),
  // A record of a JSON file may leave its first response out alone (not given, not null).
  omitsResponse: fc.boolean(),
  // An assignment history, or none (unknown): assignees repeated, handed back, "unassigned"
  // (null), ids whose concatenations meet, an agent no other record names; empty too.
  assignments: fc.option(
    fc.array(
      fc.record({
        after: delay,
        assigneeId: fc.option(fc.constantFrom("a1", "a2", "a|", "a", "ghost"), { freq: 4 }),
      }),
      { maxLength: 5 },
    ),
    { freq: 3 },
  ),
  // A status history (kept only where a property asks for `statusChanges`): changes at the
  // creation, seconds, hours or a month after it, in any status, so that some fall after a
  // resolution (clipped) and some reopen; or none (unknown).
  statusChanges: fc.option(
    fc.array(
      fc.record({
        after: delay,
        status: fc.constantFrom("new", "open", "pending", "onHold", "solved", "closed"),
      }),
      { maxLength: 6 },
    ),
    { freq: 4 },
  ),
  // With a history, the resolutions, reopens and status derived from it by the schema.
  derivesFromHistory: fc.boolean(),
  // Messages (kept only where a property asks for `messages`): at the creation (ties with
  // each other, in their order) or after it, by every role, public or internal, automated or
  // not; an empty list; or none (unknown).
  messages: fc.option(
    fc.array(
      fc.record({
        after: fc.oneof(fc.constant(0), delay),
        authorRole: fc.constantFrom("customer", "agent", "bot", "system"),
        public: fc.boolean(),
        automated: fc.boolean(),
        // Authors repeated, ids whose concatenations meet, or unknown (an unknown replier).
        authorId: fc.option(fc.constantFrom("g1", "g2", "a|", "a"), { freq: 6 }),
      }),
      { maxLength: 6 },
    ),
    { freq: 4 },
  ),
  // With messages, the first response, first customer message and reply count derived from
  // them by the schema.
  derivesFromMessages: fc.boolean(),
});

export type RawTicket = typeof rawTicket extends fc.Arbitrary<infer T> ? T : never;

export function ticketsOf(raws: RawTicket[], kept: readonly string[]) {
  const schema = ticketSchema();
  const at = (ms: number) => new Date(ms).toISOString();
  return raws.flatMap((raw, i) => {
    const first = raw.firstResolved === null ? null : raw.createdAt + raw.firstResolved;
    const full: Record<string, unknown> = {
      id: String(i),
      createdAt: at(raw.createdAt),
      channel: raw.channel,
      firstResponseAt: raw.firstResponse === null ? null : at(raw.createdAt + raw.firstResponse),
      firstCustomerMessageAt:
        raw.firstCustomerMessage === null ? null : at(raw.createdAt + raw.firstCustomerMessage),
      firstResolvedAt: first === null ? null : at(first),
      lastResolvedAt:
        first === null ? null : at(first + (raw.reopenedFor === null ? 0 : raw.reopenedFor)),
      reopenCount: raw.reopenCount,
      agentReplyCount: raw.agentReplyCount,
      escalated: raw.escalated,
      tags: raw.tags,
      ...(raw.status === null ? {} : { status: raw.status }),
      customerId: raw.customerId,
      assigneeId: raw.assigneeId,
      handleSeconds: raw.handleSeconds,
      assignments:
        raw.assignments === null
          ? null
          : raw.assignments.map(({ after, assigneeId }) => ({
              at: at(raw.createdAt + after),
              assigneeId,
            })),
    };
    if (kept.includes("statusChanges")) {
      full.statusChanges =
        raw.statusChanges === null
          ? null
          : raw.statusChanges.map(({ after, status }) => ({
              at: at(raw.createdAt + after),
              status,
            }));
      if (raw.statusChanges !== null && raw.derivesFromHistory)
        for (const derived of ["firstResolvedAt", "lastResolvedAt", "reopenCount", "status"])
          delete full[derived];
    }
    if (kept.includes("messages")) {
      full.messages =
        raw.messages === null
          ? null
          : raw.messages.map(({ after, authorRole, public: isPublic, automated, authorId }) => ({
              at: at(raw.createdAt + after),
              authorRole,
              public: isPublic,
              automated,
              authorId,
            }));
      if (raw.messages !== null && raw.derivesFromMessages)
        for (const derived of ["firstResponseAt", "firstCustomerMessageAt", "agentReplyCount"])
          delete full[derived];
    }
    for (const name of TICKET_COLUMNS) if (!kept.includes(name)) delete full[name];
    if (raw.omitsResponse) delete full.firstResponseAt;
    const parsed = schema.safeParse(full);
    return parsed.success ? [parsed.data] : [];
  });
}

const SCALES = [
  null,
  { min: 0, max: 10 },
  { min: 1, max: 5 },
  { min: 1, max: 7 },
  { min: 0, max: 1 },
];
export const rawSurvey = fc.record({
  kind: fc.constantFrom("nps", "csat", "ces"),
  scale: fc.constantFrom(...SCALES),
  score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 5 }),
  respondedAt: instant,
  // Sent some time before the response, or not tracked (a feedback widget).
  sentBefore: fc.option(delay, { freq: 3 }),
  channel,
});

export type RawSurvey = typeof rawSurvey extends fc.Arbitrary<infer T> ? T : never;

export function surveysOf(raws: RawSurvey[]) {
  const schema = surveyResponseSchema();
  const defaults = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } };
  return raws.flatMap((raw, i) => {
    const scale = raw.scale ?? defaults[raw.kind as keyof typeof defaults];
    const score =
      raw.score === null ? null : scale.min + Math.round(raw.score * (scale.max - scale.min));
    const parsed = schema.safeParse({
      id: String(i),
      kind: raw.kind,
      score,
      ...(raw.scale ? { scale: raw.scale } : {}),
      respondedAt: new Date(raw.respondedAt).toISOString(),
      ...(raw.sentBefore === null
        ? {}
        : { sentAt: new Date(raw.respondedAt - raw.sentBefore).toISOString() }),
      channel: raw.channel,
    });
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The metrics counted at several instants of a ticket, twice with different options (each its
 * own unpivoted branch), beside a flow placed by creation alone; every ticket keeps its
 * first resolution, so that creation and resolution often fall in different periods.
 */
export const eventsMetrics = fc.record({
  resolutionRate: RESOLUTION_RATE_OPTIONS,
  resolutionRateAgain: RESOLUTION_RATE_OPTIONS,
  volume: fc.constant({}),
});
export const EVENTS_ENTRIES = entries({
  resolutionRate: "resolution-rate",
  resolutionRateAgain: "resolution-rate",
  volume: "volume",
});
/** The optional ticket columns for {@link eventsMetrics}: the first resolution always kept. */
export const eventsColumns = fc
  .subarray([...TICKET_COLUMNS])
  .map((kept) => [...new Set<string>([...kept, "firstResolvedAt"])]);

/**
 * The stocks (backlog, queue length) with random options, beside two flows placed by other
 * instants (creation, final resolution), so that one query holds every kind of branch.
 */
export const stockMetrics = fc.record({
  backlog: fc.record(
    {
      ageBuckets: fc.constantFrom([3600], [60, 2 * 86_400], [0.5, 7200.25, 40 * 86_400]),
      statuses: fc.constantFrom(["new", "open"], ["pending"]),
      asOf: instant,
    },
    { requiredKeys: [] },
  ),
  queue: fc.record(
    { ageBuckets: fc.constantFrom([3600], [1, 86_400]), asOf: instant },
    { requiredKeys: [] },
  ),
  volume: fc.constant({}),
  fullResolution: fc.record({ statistic: fc.constantFrom("mean", "p90") }),
});
export const STOCK_ENTRIES = entries({
  backlog: "backlog",
  queue: "queue-length",
  volume: "volume",
  fullResolution: "full-resolution",
});

/**
 * Rollup options for stocks: by period always with a range (the compiler measures a stock at
 * the ends of the range's periods), not by period at an `asOf` (see {@link stockOptions}).
 */
export const stockLayout = fc
  .tuple(layout, instant, fc.integer({ min: 1, max: 60 * 24 }))
  .map(([shape, start, hours]) => ({
    ...shape,
    range: shape.range ?? {
      start: new Date(start).toISOString(),
      end: new Date(start + hours * 3_600_000).toISOString(),
    },
  }));

/** The stock metrics among {@link STOCK_ENTRIES}. */
const STOCKS = new Set(["backlog", "queue"]);

/**
 * The stocks' options for one run: not grouped by period, each needs an `asOf`, which is
 * often a ticket's own creation or final resolution (`pick`), where the rule's edges lie.
 */
export function stockOptions(
  options: Record<string, object>,
  grouped: boolean,
  tickets: readonly { createdAt: Date; lastResolvedAt?: Date | null }[],
  pick: number | null,
): Record<string, object> {
  const ticket = pick === null ? undefined : tickets[pick % tickets.length];
  const picked = ticket && ((pick as number) % 2 === 0 ? ticket.lastResolvedAt : null)?.getTime();
  const edge = ticket ? (picked ?? ticket.createdAt.getTime()) : undefined;
  return Object.fromEntries(
    Object.entries(options).map(([name, given]) => {
      if (grouped || !STOCKS.has(name)) return [name, given];
      const own = (given as { asOf?: number }).asOf;
      return [name, { ...given, asOf: edge ?? own ?? Date.UTC(2024, 3, 1) }];
    }),
  );
}

/** Waits in milliseconds on the thresholds the options draw (5 s, 20 s) and either side. */
const BOUNDARY_WAITS = [0, 1, 999, 4999, 5000, 5001, 19_999, 20_000, 20_001, 20_500, 120_500];

/**
 * A queue contact before it becomes a record: every outcome (the contradictory and impossible
 * ones too, which the compiler's rules must exclude as the reducers do: the engines load
 * records that never went through the schema), waits on the thresholds, seconds whole or
 * fractional or unknown, hold left out (`undefined`), unknown (`null`) or given.
 */
export const rawContact = fc.record({
  offeredAt: instant,
  outcome: arbitraryOutcome,
  wait: fc.oneof(fc.constantFrom(...BOUNDARY_WAITS), delay),
  talkSeconds: fc.option(
    fc.oneof(fc.integer({ min: 0, max: 1800 }), fc.double({ min: 0, max: 1800, noNaN: true })),
    { freq: 5 },
  ),
  holdSeconds: fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer({ min: 0, max: 120 }),
    fc.double({ min: 0, max: 120, noNaN: true }),
  ),
  wrapSeconds: fc.option(
    fc.oneof(fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 300, noNaN: true })),
    { freq: 5 },
  ),
  agentId: fc.option(fc.constantFrom("ana", "ben", "a|", "a"), { freq: 5 }),
  queue: fc.option(fc.constantFrom("billing", "sales"), { freq: 4 }),
  channel,
});

export type RawContact = typeof rawContact extends fc.Arbitrary<infer T> ? T : never;

/** Optional contact columns, each kept or left out of the whole data set. */
export const CONTACT_COLUMNS = ["holdSeconds", "talkSeconds", "wrapSeconds", "agentId"] as const;

/** Queue contact records of raw contacts, the columns not `kept` left out of every one. */
export function contactsOf(raws: RawContact[], kept: readonly string[]) {
  return raws.map((raw, i) => {
    const end = new Date(raw.offeredAt + (raw.outcome === "early" ? -1000 : raw.wait));
    const answered = ["answered", "both", "early"].includes(raw.outcome);
    const abandoned = raw.outcome === "abandoned" || raw.outcome === "both";
    const contact: Record<string, unknown> = {
      id: String(i),
      queue: raw.queue,
      channel: raw.channel,
      offeredAt: new Date(raw.offeredAt),
      answeredAt: answered ? end : null,
      abandonedAt: abandoned ? end : null,
      talkSeconds: raw.talkSeconds,
      wrapSeconds: raw.wrapSeconds,
      agentId: raw.agentId,
    };
    if (raw.holdSeconds !== undefined) contact.holdSeconds = raw.holdSeconds;
    for (const name of CONTACT_COLUMNS) if (!kept.includes(name)) delete contact[name];
    return contact;
  });
}

/** Duration options of a queue metric: a statistic, percentiles named exact or not. */
const queueDuration = fc.record(
  { statistic, percentiles: fc.constant("exact") },
  { requiredKeys: [] },
);
/** A rate's interval: none, 95 % by the default method, or a level and a method. */
export const rateInterval = fc.constantFrom(
  false,
  true,
  { level: 0.9, method: "wilson" },
  { level: 0.99, method: "clopper-pearson" },
);

/** Every queue metric that compiles, each with random options. */
export const queueMetrics = fc.record({
  serviceLevel: fc.record(
    {
      targetSeconds: fc.constantFrom(0, 5, 19.999, 20, 20.5, 60),
      formula: fc.constantFrom(
        "abandons-missed",
        "abandons-within-met",
        "abandons-within-ignored",
        "short-abandons-ignored",
        "answered-only",
      ),
      shortAbandonSeconds: fc.constantFrom(0, 4.999, 5, 20),
      interval: rateInterval,
    },
    { requiredKeys: [] },
  ),
  abandon: fc.record(
    {
      excludeShortAbandons: fc.boolean(),
      shortAbandonSeconds: fc.constantFrom(0, 4.999, 5, 20),
      interval: rateInterval,
    },
    { requiredKeys: [] },
  ),
  asa: queueDuration,
  aht: queueDuration,
  concurrency: fc.constant({}),
});
export const QUEUE_ENTRIES = entries({
  serviceLevel: "service-level",
  abandon: "abandon",
  asa: "asa",
  aht: "aht",
  concurrency: "concurrency",
});
/** Chat concurrency alone, for {@link rawChat}. */
export const CHAT_ENTRIES = entries({ concurrency: "concurrency" });

/**
 * Chats that overlap: answered within minutes of one another around two DST changes, held by
 * two agents (or none), talking whole minutes (spans that touch) or fractional seconds (some
 * on a half millisecond), so
 * that an agent's busy time is a union of overlapping and touching conversations.
 */
export const rawChat: fc.Arbitrary<RawContact> = fc
  .record({
    anchor: fc.constantFrom(Date.parse("2024-03-31T00:30:00Z"), Date.parse("2024-11-03T05:30:00Z")),
    minute: fc.integer({ min: 0, max: 30 }),
    wait: fc.constantFrom(0, 30_000, 60_000),
    talkSeconds: fc.option(
      fc.oneof(
        fc.integer({ min: 0, max: 60 }).map((minutes) => minutes * 60),
        fc.double({ min: 0, max: 3600, noNaN: true }),
        // Halves of a millisecond (rounded up, as Math.round does) and one just under.
        fc.constantFrom(0.0025, 0.0125, 2.5005, 12.3455, 0.5005),
      ),
      { freq: 8 },
    ),
    agentId: fc.option(fc.constantFrom("ana", "ben"), { freq: 8 }),
    outcome: fc.constantFrom("answered", "answered", "answered", "abandoned", "neither"),
    channel,
  })
  .map(({ anchor, minute, ...chat }) => ({
    ...chat,
    offeredAt: anchor + minute * 60_000,
    holdSeconds: undefined,
    wrapSeconds: null,
    queue: null,
  }));

/** Rollup options whose key, if any, is the field `key` in place of the layout's channel. */
export function keyedBy<Options extends { by: Record<string, string> }>(
  options: Options,
  key: string,
): Options {
  const { channel, ...by } = options.by;
  return channel === undefined ? options : { ...options, by: { ...by, [key]: key } };
}

/**
 * The parity property most ticket metrics share: random tickets with some columns left out,
 * the metrics' random options and a random layout; `sameRows` runs them on an engine and
 * compares its rows with the in-memory rollup's.
 */
export function ticketProperty(
  sameRows: (
    tickets: object[],
    entries: Record<string, MetricDefinition>,
    options: Record<string, object>,
    shape: Layout,
  ) => Promise<void>,
  property: {
    readonly maxLength: number;
    readonly columns: fc.Arbitrary<string[]>;
    readonly metrics: fc.Arbitrary<Record<string, object>>;
    readonly entries: Record<string, MetricDefinition>;
    readonly numRuns: number;
  },
): Promise<void> {
  return fc.assert(
    fc.asyncProperty(
      fc.array(rawTicket, { maxLength: property.maxLength }),
      property.columns,
      property.metrics,
      layout,
      async (raws, kept, options, shape) => {
        await sameRows(ticketsOf(raws, kept), property.entries, options, shape);
      },
    ),
    { numRuns: property.numRuns },
  );
}
