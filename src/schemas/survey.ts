import * as z from "zod";
import { checkTimeZone } from "../time/zone.ts";
import {
  explainFields,
  explainIdentifier,
  explainMember,
  explainOptionalIdentifier,
  explainOptionalLabel,
  explainOptionalNumber,
  explainTimestamp,
  isRecordObject,
  readIdentifier,
  readOptionalIdentifier,
  readOptionalLabel,
  readOptionalTimestamp,
  SLOW,
  timeOrNull,
  withFastPath,
} from "./fastPath.ts";
import type { FieldIssue } from "./fieldIssue.ts";
import { identifier, optionalIdentifier, optionalLabel } from "./fields.ts";
import { optionalTimestamp, type TimestampOptions } from "./timestamp.ts";

/** Survey kinds. */
export const SURVEY_KINDS = ["nps", "csat", "ces"] as const;
/** A survey kind. */
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** A survey's answer scale, both ends included. */
export interface Scale {
  min: number;
  max: number;
}

/**
 * The scale a survey kind uses when a response does not say: NPS 0–10, CSAT 1–5, CES 1–7.
 * A binary good/bad CSAT (Zendesk) is `{ min: 0, max: 1 }` with 1 = good.
 */
export const DEFAULT_SCALES: Readonly<Record<SurveyKind, Scale>> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

const scaleSchema = z
  .object({ min: z.number().int(), max: z.number().int() })
  .refine((scale) => scale.min < scale.max, { message: "min must be below max" });

function surveyFields(options: TimestampOptions) {
  return z.object({
    id: identifier,
    kind: z.enum(SURVEY_KINDS),
    /** The answer; `null` for a survey sent but not answered. */
    score: z.number().nullish(),
    scale: scaleSchema.nullish(),
    sentAt: optionalTimestamp(options).default(null),
    respondedAt: optionalTimestamp(options).default(null),
    ticketId: optionalIdentifier.default(null),
    customerId: optionalIdentifier.default(null),
    agentId: optionalIdentifier.default(null),
    channel: optionalLabel.default(null),
  });
}

/** A survey response as a caller may give it. */
export type SurveyResponseInput = z.input<ReturnType<typeof surveyFields>>;

/**
 * A validated survey record: an answered response, or a survey sent and not (yet) answered
 * (`score` and `respondedAt` both `null`), which only the response rate reads.
 */
export interface SurveyResponse {
  id: string;
  kind: SurveyKind;
  score: number | null;
  scale: Scale;
  sentAt: Date | null;
  respondedAt: Date | null;
  ticketId: string | null;
  customerId: string | null;
  agentId: string | null;
  channel: string | null;
}

type Raw = z.output<ReturnType<typeof surveyFields>>;

function complete(raw: Raw, ctx: z.RefinementCtx): SurveyResponse {
  const scale = raw.scale ?? DEFAULT_SCALES[raw.kind];
  const score = raw.score ?? null;
  if (score !== null && (score < scale.min || score > scale.max)) {
    ctx.addIssue({
      code: "custom",
      path: ["score"],
      message: `must be between ${scale.min} and ${scale.max} on this ${raw.kind} scale, got ${score}`,
      input: score,
    });
  }
  if (score !== null && raw.respondedAt === null) {
    ctx.addIssue({
      code: "custom",
      path: ["respondedAt"],
      message: "is required for a scored response",
      input: null,
    });
  }
  if (raw.sentAt === null && raw.respondedAt === null) {
    ctx.addIssue({
      code: "custom",
      path: ["sentAt"],
      message: "or respondedAt is required",
      input: null,
    });
  }
  if (raw.sentAt && raw.respondedAt && raw.respondedAt < raw.sentAt) {
    ctx.addIssue({
      code: "custom",
      path: ["respondedAt"],
      message: "must not be before sentAt",
      input: raw.respondedAt,
    });
  }
  return { ...raw, scale: { min: scale.min, max: scale.max }, score };
}

const KIND_SET: ReadonlySet<string> = new Set(SURVEY_KINDS);
// The default scales as constants: a keyed lookup by a string per record costs more.
const NPS_SCALE = DEFAULT_SCALES.nps;
const CSAT_SCALE = DEFAULT_SCALES.csat;
const CES_SCALE = DEFAULT_SCALES.ces;

/**
 * The survey schema's fast path (see fastPath.ts): a response on its kind's default scale
 * whose every field is valid and consistent comes out exactly as the schema would make it;
 * anything else (an explicit scale, any problem) returns `undefined` and goes through Zod.
 */
function fastSurveyResponse(timeZone: string | undefined) {
  return (input: unknown): SurveyResponse | undefined => {
    if (!isRecordObject(input) || input.scale != null) return undefined;
    const id = readIdentifier(input.id);
    const kind: unknown = input.kind;
    const given: unknown = input.score;
    const sentAt = readOptionalTimestamp(input.sentAt, timeZone);
    const respondedAt = readOptionalTimestamp(input.respondedAt, timeZone);
    const ticketId = readOptionalIdentifier(input.ticketId);
    const customerId = readOptionalIdentifier(input.customerId);
    const agentId = readOptionalIdentifier(input.agentId);
    const channel = readOptionalLabel(input.channel);
    if (
      id === SLOW ||
      typeof kind !== "string" ||
      (kind !== "nps" && kind !== "csat" && kind !== "ces") ||
      !(given == null || (typeof given === "number" && Number.isFinite(given))) ||
      sentAt === SLOW ||
      respondedAt === SLOW ||
      ticketId === SLOW ||
      customerId === SLOW ||
      agentId === SLOW ||
      channel === SLOW
    ) {
      return undefined;
    }
    const score = (given as number | null | undefined) ?? null;
    const scale = kind === "nps" ? NPS_SCALE : kind === "csat" ? CSAT_SCALE : CES_SCALE;
    // The checks of `complete`: a record failing any of them goes to the schema.
    if (
      (score !== null && (score < scale.min || score > scale.max || respondedAt === null)) ||
      (sentAt === null && respondedAt === null) ||
      // getTime(): comparing Dates with < converts each through Symbol.toPrimitive, slowly.
      (sentAt !== null && respondedAt !== null && respondedAt.getTime() < sentAt.getTime())
    ) {
      return undefined;
    }
    return {
      id,
      kind: kind as SurveyKind,
      score,
      scale: { min: scale.min, max: scale.max },
      sentAt,
      respondedAt,
      ticketId,
      customerId,
      agentId,
      channel,
    };
  };
}

/**
 * The survey schema's explainer (see fastPath.ts): for a response on its default scale that
 * the fast path declined, the schema's own issues when every problem is a common one.
 */
function explainSurveyResponse(timeZone: string | undefined) {
  return (input: unknown): FieldIssue[] | undefined => {
    if (!isRecordObject(input) || input.scale != null) return undefined;
    const issues = explainFields([
      ["id", explainIdentifier(input.id)],
      ["kind", explainMember(input.kind, KIND_SET, false)],
      ["score", explainOptionalNumber(input.score)],
      ["sentAt", explainTimestamp(input.sentAt, timeZone, true)],
      ["respondedAt", explainTimestamp(input.respondedAt, timeZone, true)],
      ["ticketId", explainOptionalIdentifier(input.ticketId)],
      ["customerId", explainOptionalIdentifier(input.customerId)],
      ["agentId", explainOptionalIdentifier(input.agentId)],
      ["channel", explainOptionalLabel(input.channel)],
    ]);
    if (issues === undefined || issues.length > 0) return issues;
    // Every field is valid: the checks of `complete`, in its order.
    const kind = input.kind as SurveyKind;
    const scale = DEFAULT_SCALES[kind];
    const score = (input.score as number | null | undefined) ?? null;
    const sentAt = timeOrNull(input.sentAt, timeZone);
    const respondedAt = timeOrNull(input.respondedAt, timeZone);
    if (score !== null && (score < scale.min || score > scale.max)) {
      issues.push({
        path: ["score"],
        code: "custom",
        message: `must be between ${scale.min} and ${scale.max} on this ${kind} scale, got ${score}`,
      });
    }
    if (score !== null && respondedAt === null) {
      issues.push({
        path: ["respondedAt"],
        code: "custom",
        message: "is required for a scored response",
      });
    }
    if (sentAt === null && respondedAt === null) {
      issues.push({ path: ["sentAt"], code: "custom", message: "or respondedAt is required" });
    }
    if (sentAt !== null && respondedAt !== null && respondedAt < sentAt) {
      issues.push({ path: ["respondedAt"], code: "custom", message: "must not be before sentAt" });
    }
    return issues.length > 0 ? issues : undefined;
  };
}

const cache = new Map<string, z.ZodType<SurveyResponse, unknown>>();

/**
 * The Zod schema of a survey response.
 *
 * @example
 * surveyResponseSchema().parse({ id: "s1", kind: "nps", score: 9, respondedAt: "2024-03-01T10:00:00Z" }).scale
 * //=> { min: 0, max: 10 }
 */
export function surveyResponseSchema(
  options: TimestampOptions = {},
): z.ZodType<SurveyResponse, unknown> {
  const key = options.timeZone ?? "";
  let schema = cache.get(key);
  if (!schema) {
    const timeZone =
      options.timeZone === undefined ? undefined : checkTimeZone(options.timeZone, "timestamp");
    schema = withFastPath(
      surveyFields(options).transform(complete),
      fastSurveyResponse(timeZone),
      explainSurveyResponse(timeZone),
    );
    cache.set(key, schema);
  }
  return schema;
}

/** The survey response schema for timestamps that carry their own offset. */
export const SurveyResponseSchema = surveyResponseSchema();
