/**
 * A seeded, deterministic generator of realistic helpdesk data for benchmarks and load tests:
 * raw ticket records and survey responses in the input shape the schemas accept (timestamps
 * as ISO 8601 strings or epoch milliseconds), never validated objects.
 *
 * Same `(n, seed, options)` → same records, byte for byte, on every machine: the only source
 * of randomness is mulberry32, and ticket `i` is drawn from its own generator seeded by
 * `(seed, i)`, so any ticket can be rebuilt alone (surveys use that to tie themselves to a
 * ticket) and a stream can be cut into shards. The one host-dependent input is the
 * time-zone database behind `Intl`, read to place the business day in `timeZone`.
 *
 * What the data looks like (defaults; see bench/README.md):
 *
 * - `n` tickets over `months` (24) from `start` (2023-01-01, Berlin time), ordered by
 *   `createdAt`, with a growth trend (+30 % over the span), a yearly cycle (a January peak,
 *   a summer and Christmas dip), a weekly cycle (weekends at about a third of a weekday) and
 *   a daily cycle (peaks at 10:00 and 14:00 local, quiet nights).
 * - Channels email 40 %, chat 26 %, web 17 %, phone 11 %, social 6 % (chat grows over
 *   time); priorities low 20 %, normal 55 %, high 18 %, urgent 7 %.
 * - First response and resolution delays are lognormal, by channel and priority (chat and
 *   phone in minutes, email and web in hours); a ticket arriving outside business hours
 *   (Mon–Fri 08:00–18:00 local) waits for the next opening first.
 * - About 5 % are never answered (40 % of those solved anyway, with 0 agent replies), about
 *   8 % unresolved (stale, plus tickets too recent to be solved by the end of the span), 7 %
 *   of solved tickets reopened (1–3 times; a reopen that would end after the span leaves the
 *   ticket open), about 5 % escalated (more for urgent, high and phone), solved tickets
 *   closed 4 days after their last solve.
 * - `agentReplyCount` (one-touch is common on chat and phone), `handleSeconds`, a skewed
 *   `assigneeId` over 60 agents, a heavy-tailed `customerId` (repeat contacts), `groupId`
 *   (tier1 / tier2 when escalated) and `category`.
 * - Surveys are sent after a ticket's last solve: CSAT 60 % (1–5), NPS 25 % (0–10), CES 15 %
 *   (1–7, higher = easier); about 25 % are sent and never answered. Scores follow the
 *   ticket's experience: slow, reopened and escalated tickets score lower.
 *
 * Usage:
 *
 *     const tickets = generateTickets(1000, 42);
 *     const surveys = generateSurveys(200, 42);
 *     // surveys point at tickets of generateTickets(4 * 200, 42) by default (`ticketCount`)
 */
import type { SurveyResponseInput } from "../src/schemas/survey.ts";
import type { TicketInput } from "../src/schemas/ticket.ts";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How timestamps are written in the raw records. */
export type TimestampFormat = "iso" | "epoch" | "mixed";

/** Options for the generators. */
export interface GeneratorOptions {
  /** First instant of the span: ISO string or epoch ms. Defaults to 2023-01-01T00:00:00+01:00. */
  start?: string | number;
  /** Length of the span in calendar months (by UTC month arithmetic). Defaults to 24. */
  months?: number;
  /** Zone of the business day and of the daily and weekly cycles. Defaults to Europe/Berlin. */
  timeZone?: string;
  /**
   * `"iso"` (default): `2024-03-01T09:00:00Z`; `"epoch"`: milliseconds; `"mixed"`: per
   * record, half ISO with `Z`, a quarter ISO with the local offset (`+01:00`), a quarter epoch.
   */
  timestamps?: TimestampFormat;
}

/** Options for {@link generateSurveys}. */
export interface SurveyGeneratorOptions extends GeneratorOptions {
  /**
   * How many tickets the surveys refer to: survey ticket ids point into
   * `generateTickets(ticketCount, seed, options)`. Defaults to 4 × the survey count.
   */
  ticketCount?: number;
  /** Share of surveys sent and never answered. Defaults to 0.25. */
  unansweredShare?: number;
}

/** A raw ticket as a helpdesk export might give it. */
export interface RawTicket {
  id: string;
  createdAt: string | number;
  channel: Channel;
  priority: Priority;
  status: "new" | "open" | "pending" | "onHold" | "solved" | "closed";
  assigneeId: string | null;
  groupId: string;
  customerId: string | null;
  firstResponseAt: string | number | null;
  firstResolvedAt: string | number | null;
  lastResolvedAt: string | number | null;
  closedAt: string | number | null;
  reopenCount: number;
  agentReplyCount: number;
  handleSeconds: number | null;
  escalated: boolean;
  category: string;
}

/** A raw survey record: answered (score and respondedAt) or sent and not answered. */
export interface RawSurvey {
  id: string;
  kind: "nps" | "csat" | "ces";
  score: number | null;
  sentAt: string | number;
  respondedAt: string | number | null;
  ticketId: string;
  customerId: string | null;
  agentId: string | null;
  channel: Channel;
}

// The raw shapes must stay valid schema input; this line stops compiling if they drift.
const _shapes: [(t: RawTicket) => TicketInput, (s: RawSurvey) => SurveyResponseInput] = [
  (t) => t,
  (s) => s,
];
void _shapes;

/** The channels, in the order of their shares. */
export const CHANNELS = ["email", "chat", "web", "phone", "social"] as const;
export type Channel = (typeof CHANNELS)[number];
/** The priorities. */
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];
const CATEGORIES = ["technical", "billing", "account", "shipping", "other"] as const;

/**
 * mulberry32: a small, fast 32-bit PRNG (Tommy Ettinger's), good enough for test data and
 * identical on every JavaScript engine. Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed, a stream number and an index into one 32-bit seed (murmur3's finaliser). */
function mix(seed: number, stream: number, index: number): number {
  let h = (seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Draws from a standard normal distribution (Box–Muller). */
function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Draws from a lognormal distribution with the given median and log-space spread. */
function lognormal(random: () => number, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/** Picks an index with probability proportional to `weights` (which sum to 1). */
function pick(random: () => number, weights: readonly number[]): number {
  let u = random();
  for (let i = 0; i < weights.length - 1; i++) {
    u -= weights[i] as number;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

// Medians in seconds, by channel (email, chat, web, phone, social).
const FIRST_RESPONSE_MEDIAN = [5 * 3600, 75, 6 * 3600, 25, 2 * 3600];
const FIRST_RESPONSE_SIGMA = [1.1, 0.9, 1.1, 0.8, 1.2];
const RESOLUTION_MEDIAN = [20 * 3600, 25 * 60, 26 * 3600, 12 * 60, 9 * 3600];
const RESOLUTION_SIGMA = [1.3, 1.0, 1.3, 1.0, 1.4];
// Multipliers by priority (low, normal, high, urgent).
const PRIORITY_SPEED = [1.6, 1, 0.5, 0.25];
const PRIORITY_SHARES = [0.2, 0.55, 0.18, 0.07];
const CATEGORY_SHARES = [0.35, 0.25, 0.2, 0.12, 0.08];
// Never answered (before censoring), by channel.
const UNANSWERED = [0.05, 0.025, 0.06, 0.01, 0.12];
// Solved with exactly one agent reply, by channel.
const ONE_TOUCH = [0.45, 0.6, 0.42, 0.72, 0.5];
// Median agent work seconds for one reply, by channel.
const HANDLE_MEDIAN = [240, 540, 240, 420, 150];
const AGENTS = 60;
const STALE_UNRESOLVED = 0.05;
const REOPEN = 0.07;

/** The channel shares at a point of the span (`progress` from 0 to 1): chat grows, email shrinks. */
function channelShares(progress: number): number[] {
  const chat = 0.22 + 0.08 * progress;
  const email = 0.44 - 0.08 * progress;
  return [email, chat, 0.17, 0.11, 0.06];
}

/** Relative ticket intensity by local hour of day. */
const HOURLY = [
  0.12, 0.08, 0.06, 0.05, 0.06, 0.12, 0.3, 0.6, 0.95, 1.2, 1.3, 1.2, 1.0, 1.1, 1.25, 1.15, 1.0,
  0.85, 0.65, 0.5, 0.42, 0.35, 0.25, 0.18,
];
/** Relative intensity by local weekday, Sunday first. */
const WEEKLY = [0.32, 1.15, 1.05, 1.0, 1.0, 0.9, 0.38];
/** Relative intensity by local month, January first. */
const YEARLY = [1.18, 1.08, 1.02, 0.98, 0.97, 0.92, 0.85, 0.84, 1.0, 1.04, 1.06, 0.88];

/** The span cut into UTC hours, each with its local calendar facts and cumulative intensity. */
interface Calendar {
  start: number;
  end: number;
  hours: number;
  /** Cumulative intensity up to the end of each hour. */
  cumulative: Float64Array;
  /** Local hour of day (0–23) and weekday (0 Sunday) at each hour's start. */
  localHour: Uint8Array;
  weekday: Uint8Array;
  /** Zone offset in minutes at each hour's start. */
  offset: Int16Array;
  /** Whether each hour is within business hours (Mon–Fri 08:00–18:00 local). */
  open: Uint8Array;
}

const calendars = new Map<string, Calendar>();

function readStart(start: string | number | undefined): number {
  if (start === undefined) return Date.parse("2023-01-01T00:00:00+01:00");
  const ms = typeof start === "number" ? start : Date.parse(start);
  if (!Number.isFinite(ms))
    throw new RangeError(`generate: start must be an instant, got ${start}`);
  return ms;
}

function calendarFor(options: GeneratorOptions): Calendar {
  const start = readStart(options.start);
  const months = options.months ?? 24;
  const timeZone = options.timeZone ?? "Europe/Berlin";
  if (!Number.isInteger(months) || months < 1 || months > 240) {
    throw new RangeError(`generate: months must be an integer from 1 to 240, got ${months}`);
  }
  const key = `${start}|${months}|${timeZone}`;
  const cached = calendars.get(key);
  if (cached) return cached;

  const startDate = new Date(start);
  const end = Date.UTC(
    startDate.getUTCFullYear(),
    startDate.getUTCMonth() + months,
    startDate.getUTCDate(),
    startDate.getUTCHours(),
    startDate.getUTCMinutes(),
  );
  const hours = Math.ceil((end - start) / HOUR);
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    weekday: "short",
  });
  const weekdays: Record<string, number> = {
    Sun: 0,
    Mon: 1,
    Tue: 2,
    Wed: 3,
    Thu: 4,
    Fri: 5,
    Sat: 6,
  };
  const calendar: Calendar = {
    start,
    end,
    hours,
    cumulative: new Float64Array(hours),
    localHour: new Uint8Array(hours),
    weekday: new Uint8Array(hours),
    offset: new Int16Array(hours),
    open: new Uint8Array(hours),
  };
  let total = 0;
  for (let h = 0; h < hours; h++) {
    const at = start + h * HOUR;
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(at))) parts[part.type] = part.value;
    const localHour = Number(parts.hour);
    const weekday = weekdays[parts.weekday as string] ?? 0;
    const month = Number(parts.month) - 1;
    const wall = Date.UTC(
      Number(parts.year),
      month,
      Number(parts.day),
      localHour,
      Number(parts.minute),
    );
    calendar.localHour[h] = localHour;
    calendar.weekday[h] = weekday;
    calendar.offset[h] = Math.round((wall - at) / MINUTE);
    calendar.open[h] = weekday >= 1 && weekday <= 5 && localHour >= 8 && localHour < 18 ? 1 : 0;
    const progress = h / hours;
    const weight =
      (1 + 0.3 * progress) *
      (YEARLY[month] as number) *
      (WEEKLY[weekday] as number) *
      (HOURLY[localHour] as number);
    total += weight;
    calendar.cumulative[h] = total;
  }
  if (calendars.size > 8) calendars.clear();
  calendars.set(key, calendar);
  return calendar;
}

/** The instant at quantile `u` (0–1) of the span's intensity, to the second. */
function instantAt(calendar: Calendar, u: number): number {
  const { cumulative, hours } = calendar;
  const target = u * (cumulative[hours - 1] as number);
  let low = 0;
  let high = hours - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((cumulative[mid] as number) < target) low = mid + 1;
    else high = mid;
  }
  const before = low === 0 ? 0 : (cumulative[low - 1] as number);
  const weight = (cumulative[low] as number) - before;
  const fraction = weight > 0 ? Math.min(Math.max((target - before) / weight, 0), 0.9999) : 0;
  return Math.floor((calendar.start + (low + fraction) * HOUR) / SECOND) * SECOND;
}

/** Milliseconds from `at` until business hours are open (0 when open now). */
function waitForOpening(calendar: Calendar, at: number): number {
  let h = Math.floor((at - calendar.start) / HOUR);
  if (h < 0 || h >= calendar.hours || calendar.open[h]) return 0;
  for (let steps = 0; steps < 24 * 7 && h < calendar.hours; steps++, h++) {
    if (calendar.open[h]) return calendar.start + h * HOUR - at;
  }
  return 0;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** Writes an instant in one of the raw formats. */
function writer(calendar: Calendar, format: TimestampFormat, random: () => number) {
  let style: "iso" | "epoch" | "offset" = format === "epoch" ? "epoch" : "iso";
  if (format === "mixed") {
    const u = random();
    style = u < 0.5 ? "iso" : u < 0.75 ? "offset" : "epoch";
  }
  return (ms: number | null): string | number | null => {
    if (ms === null) return null;
    if (style === "epoch") return ms;
    if (style === "iso") return new Date(ms).toISOString().replace(".000Z", "Z");
    const h = Math.min(Math.max(Math.floor((ms - calendar.start) / HOUR), 0), calendar.hours - 1);
    const offset = calendar.offset[h] as number;
    const local = new Date(ms + offset * MINUTE).toISOString().slice(0, 19);
    const sign = offset < 0 ? "-" : "+";
    const abs = Math.abs(offset);
    return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  };
}

/** A ticket's facts as numbers, before formatting; what surveys read. */
export interface TicketFacts {
  index: number;
  createdAt: number;
  channel: number;
  priority: number;
  firstResponseAt: number | null;
  firstResolvedAt: number | null;
  lastResolvedAt: number | null;
  closedAt: number | null;
  reopenCount: number;
  agentReplyCount: number;
  escalated: boolean;
  assignee: number | null;
  customer: number | null;
}

const TICKETS = 1;
const SURVEYS = 2;

/**
 * A ticket model for `n` tickets: `facts(i)` and `ticket(i)` rebuild ticket `i` alone, from
 * its own generator. Tickets are ordered by `createdAt` (ticket i is drawn inside the i-th
 * n-quantile of the span's intensity).
 */
export function ticketModel(n: number, seed: number, options: GeneratorOptions = {}) {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`generateTickets: n must be a whole number, got ${n}`);
  }
  const calendar = calendarFor(options);
  const format = options.timestamps ?? "iso";
  if (format !== "iso" && format !== "epoch" && format !== "mixed") {
    throw new RangeError(`generateTickets: timestamps must be iso, epoch or mixed, got ${format}`);
  }
  const now = calendar.end;
  const customers = Math.max(100, Math.floor(n / 4));

  function facts(i: number, random = mulberry32(mix(seed, TICKETS, i))): TicketFacts {
    const createdAt = instantAt(calendar, (i + random()) / Math.max(n, 1));
    const progress = (createdAt - calendar.start) / (calendar.end - calendar.start);
    const channel = pick(random, channelShares(progress));
    const priority = pick(random, PRIORITY_SHARES);
    const speed = PRIORITY_SPEED[priority] as number;
    const escalated = random() < 0.04 * [0.5, 1, 1.8, 3][priority]! * (channel === 3 ? 1.5 : 1);

    // First response: wait for business hours, then a lognormal delay.
    let firstResponseAt: number | null = null;
    let agentReplyCount = 0;
    const answered = random() >= (UNANSWERED[channel] as number) * (priority === 0 ? 1.4 : 1);
    if (answered) {
      const delay =
        lognormal(
          random,
          (FIRST_RESPONSE_MEDIAN[channel] as number) * speed,
          FIRST_RESPONSE_SIGMA[channel] as number,
        ) * SECOND;
      const at = createdAt + waitForOpening(calendar, createdAt) + Math.max(delay, SECOND);
      firstResponseAt = Math.floor(at / SECOND) * SECOND;
      if (firstResponseAt > now) firstResponseAt = null;
    }

    // Resolution: lognormal from the first response (or from creation when unanswered).
    let firstResolvedAt: number | null = null;
    let lastResolvedAt: number | null = null;
    let closedAt: number | null = null;
    let reopenCount = 0;
    const stale = random() < STALE_UNRESOLVED;
    const solvesUnanswered = random() < 0.4; // spam, duplicates, solved by the customer
    if (!stale && (firstResponseAt !== null || (!answered && solvesUnanswered))) {
      const from = firstResponseAt ?? createdAt;
      const delay =
        lognormal(
          random,
          (RESOLUTION_MEDIAN[channel] as number) * speed * (escalated ? 2.5 : 1),
          RESOLUTION_SIGMA[channel] as number,
        ) * SECOND;
      const at = Math.floor((from + Math.max(delay, SECOND)) / SECOND) * SECOND;
      if (at <= now) {
        firstResolvedAt = at;
        lastResolvedAt = at;
      }
    }
    if (firstResponseAt !== null) {
      const oneTouch = (ONE_TOUCH[channel] as number) * (escalated ? 0.3 : 1);
      agentReplyCount = random() < oneTouch ? 1 : 2 + Math.floor(-Math.log(1 - random()) * 1.5);
    }
    if (firstResolvedAt !== null && firstResponseAt !== null && random() < REOPEN) {
      const u = random();
      reopenCount = u < 0.75 ? 1 : u < 0.95 ? 2 : 3;
      let at = firstResolvedAt;
      for (let k = 0; k < reopenCount; k++) at += Math.max(lognormal(random, DAY, 0.8), HOUR);
      at = Math.floor(at / SECOND) * SECOND;
      agentReplyCount += reopenCount;
      if (at <= now) lastResolvedAt = at;
      else reopenCount = 1; // reopened and still open at the end of the span
    }
    const reopenedNow = reopenCount > 0 && lastResolvedAt === firstResolvedAt;
    if (lastResolvedAt !== null && !reopenedNow && lastResolvedAt + 4 * DAY <= now) {
      closedAt = lastResolvedAt + 4 * DAY;
    }

    const handled = firstResponseAt !== null || firstResolvedAt !== null;
    const assignee = handled ? Math.floor(AGENTS * random() ** 1.6) : null;
    const customer = random() < 0.02 ? null : Math.floor(customers * random() ** 2.5);
    return {
      index: i,
      createdAt,
      channel,
      priority,
      firstResponseAt,
      firstResolvedAt,
      lastResolvedAt,
      closedAt,
      reopenCount,
      agentReplyCount,
      escalated,
      assignee,
      customer,
    };
  }

  function ticket(i: number): RawTicket {
    const random = mulberry32(mix(seed, TICKETS, i));
    const f = facts(i, random);
    const write = writer(calendar, format, random);
    const resolved =
      f.firstResolvedAt !== null && !(f.reopenCount > 0 && f.lastResolvedAt === f.firstResolvedAt);
    let status: RawTicket["status"];
    if (f.closedAt !== null) status = "closed";
    else if (resolved) status = "solved";
    else if (f.firstResponseAt === null) status = random() < 0.5 ? "new" : "open";
    else {
      const u = random();
      status = u < 0.4 ? "pending" : u < 0.8 ? "open" : "onHold";
    }
    let handleSeconds: number | null = null;
    if (f.agentReplyCount > 0 && random() >= 0.02) {
      const median = (HANDLE_MEDIAN[f.channel] as number) * f.agentReplyCount ** 0.8;
      handleSeconds = Math.round(lognormal(random, median, 0.6));
    } else if (f.agentReplyCount === 0 && f.firstResolvedAt !== null) {
      handleSeconds = Math.round(lognormal(random, 45, 0.5));
    }
    return {
      id: `T${i + 1}`,
      createdAt: write(f.createdAt) as string | number,
      channel: CHANNELS[f.channel] as Channel,
      priority: PRIORITIES[f.priority] as Priority,
      status,
      assigneeId: f.assignee === null ? null : `A${pad(f.assignee + 1, 3)}`,
      groupId: f.escalated ? "tier2" : "tier1",
      customerId: f.customer === null ? null : `C${pad(f.customer + 1, 7)}`,
      firstResponseAt: write(f.firstResponseAt),
      firstResolvedAt: write(f.firstResolvedAt),
      lastResolvedAt: write(f.lastResolvedAt),
      closedAt: write(f.closedAt),
      reopenCount: f.reopenCount,
      agentReplyCount: f.agentReplyCount,
      handleSeconds,
      escalated: f.escalated,
      category: CATEGORIES[pick(random, CATEGORY_SHARES)] as string,
    };
  }

  return { n, calendar, facts: (i: number) => facts(i), ticket };
}

/** Streams `n` raw tickets in `createdAt` order without holding them all. */
export function* ticketStream(
  n: number,
  seed: number,
  options: GeneratorOptions = {},
): Generator<RawTicket, void, undefined> {
  const model = ticketModel(n, seed, options);
  for (let i = 0; i < n; i++) yield model.ticket(i);
}

/**
 * `n` raw tickets, ordered by `createdAt`, the same for the same `(n, seed, options)`.
 *
 * @param n - How many tickets.
 * @param seed - Any 32-bit integer.
 * @param options - See {@link GeneratorOptions}.
 */
export function generateTickets(
  n: number,
  seed: number,
  options: GeneratorOptions = {},
): RawTicket[] {
  const model = ticketModel(n, seed, options);
  const out = new Array<RawTicket>(n);
  for (let i = 0; i < n; i++) out[i] = model.ticket(i);
  return out;
}

const SURVEY_KINDS = ["csat", "nps", "ces"] as const;
const SURVEY_SHARES = [0.6, 0.25, 0.15];

/** How the ticket went, from about +1 (fast, smooth) to about −2 (slow, reopened, escalated). */
function experience(f: TicketFacts): number {
  const resolutionHours = ((f.lastResolvedAt as number) - f.createdAt) / HOUR;
  const firstResponseHours =
    f.firstResponseAt === null ? 48 : (f.firstResponseAt - f.createdAt) / HOUR;
  return (
    1 -
    0.35 * Math.log10(1 + resolutionHours) -
    0.25 * Math.log10(1 + firstResponseHours) -
    0.45 * Math.min(f.reopenCount, 2) -
    (f.escalated ? 0.4 : 0) -
    (f.agentReplyCount === 0 ? 0.3 : 0)
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** Streams `n` raw survey records; see {@link generateSurveys}. */
export function* surveyStream(
  n: number,
  seed: number,
  options: SurveyGeneratorOptions = {},
): Generator<RawSurvey, void, undefined> {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`generateSurveys: n must be a whole number, got ${n}`);
  }
  const ticketCount = options.ticketCount ?? 4 * n;
  if (!Number.isInteger(ticketCount) || ticketCount < 1) {
    throw new RangeError(
      `generateSurveys: ticketCount must be a whole number above 0, got ${ticketCount}`,
    );
  }
  const unansweredShare = options.unansweredShare ?? 0.25;
  if (!(unansweredShare >= 0 && unansweredShare <= 1)) {
    throw new RangeError(
      `generateSurveys: unansweredShare must be between 0 and 1, got ${unansweredShare}`,
    );
  }
  const model = ticketModel(ticketCount, seed, options);
  const now = model.calendar.end;
  for (let j = 0; j < n; j++) {
    const random = mulberry32(mix(seed, SURVEYS, j));
    const write = writer(model.calendar, options.timestamps ?? "iso", random);
    // The survey's ticket: the first solved ticket from a point in the j-th n-quantile.
    const from = Math.min(
      Math.floor(((j + random()) * ticketCount) / Math.max(n, 1)),
      ticketCount - 1,
    );
    let f: TicketFacts | undefined;
    for (let k = 0; k < ticketCount && !f; k++) {
      const candidate = model.facts((from + k) % ticketCount);
      if (candidate.lastResolvedAt !== null && candidate.lastResolvedAt + 10 * MINUTE <= now)
        f = candidate;
    }
    if (!f) {
      throw new RangeError("generateSurveys: no ticket was solved early enough to be surveyed");
    }
    const kind = SURVEY_KINDS[pick(random, SURVEY_SHARES)] as RawSurvey["kind"];
    const sentAt = (f.lastResolvedAt as number) + 10 * MINUTE;
    let respondedAt: number | null = null;
    if (random() >= unansweredShare) {
      const at = Math.floor((sentAt + lognormal(random, 3 * HOUR, 1.5)) / SECOND) * SECOND;
      if (at <= now) respondedAt = at;
    }
    const mood = experience(f) + 0.75 * normal(random);
    let score: number | null = null;
    if (respondedAt !== null) {
      if (kind === "csat")
        score = mood > 0.25 ? 5 : mood > -0.35 ? 4 : mood > -0.8 ? 3 : mood > -1.3 ? 2 : 1;
      else if (kind === "nps") score = clamp(Math.round(8.2 + 1.9 * mood), 0, 10);
      else score = clamp(Math.round(5.4 + 1.4 * mood), 1, 7);
    }
    yield {
      id: `S${j + 1}`,
      kind,
      score,
      sentAt: write(sentAt) as string | number,
      respondedAt: write(respondedAt),
      ticketId: `T${f.index + 1}`,
      customerId: f.customer === null ? null : `C${pad(f.customer + 1, 7)}`,
      agentId: f.assignee === null ? null : `A${pad(f.assignee + 1, 3)}`,
      channel: CHANNELS[f.channel] as Channel,
    };
  }
}

/**
 * `n` raw survey records tied to tickets: each refers to a solved ticket of
 * `generateTickets(ticketCount, seed, options)` (same seed and options), is sent 10 minutes
 * after that ticket's last solve, and carries its channel, customer and assignee.
 *
 * @param n - How many survey records (answered and not).
 * @param seed - Any 32-bit integer.
 * @param options - See {@link SurveyGeneratorOptions}.
 */
export function generateSurveys(
  n: number,
  seed: number,
  options: SurveyGeneratorOptions = {},
): RawSurvey[] {
  return [...surveyStream(n, seed, options)];
}
