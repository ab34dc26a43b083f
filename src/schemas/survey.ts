import type * as z from "zod/mini";
import {
  defineRecord,
  type FieldValues,
  orderRules,
  type RecordInputOf,
  type RecordOf,
  type Report,
} from "./fieldTable.ts";
import { schemaFor } from "./recordSchema.ts";
import type { TimestampOptions } from "./timestamp.ts";

/** Survey kinds. */
export const SURVEY_KINDS = ["nps", "csat", "ces"] as const;
/** A survey kind. */
export type SurveyKind = (typeof SURVEY_KINDS)[number];

const scaleRecord = defineRecord({
  noun: "scale",
  fields: {
    min: { kind: "integer", absent: "required", doc: "The lowest answer." },
    max: { kind: "integer", absent: "required", doc: "The highest answer." },
  },
  check(scale, report: Report) {
    if (!(scale.min < scale.max)) report([], "min must be below max", scale);
  },
});

/** A survey's answer scale, both ends included. */
export interface Scale extends RecordOf<typeof scaleRecord> {}

/**
 * The scale a survey kind uses when a response does not say: NPS 0–10, CSAT 1–5, CES 1–7.
 * A binary good/bad CSAT (Zendesk) is `{ min: 0, max: 1 }` with 1 = good.
 */
export const DEFAULT_SCALES: Readonly<Record<SurveyKind, Scale>> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

/** The fields of a survey response, in the order the schema reads (and reports) them. */
const surveyFields = {
  id: { kind: "identifier", absent: "required", doc: "The response's (or survey's) id." },
  kind: { kind: "enum", values: SURVEY_KINDS, absent: "required", doc: "NPS, CSAT or CES." },
  score: {
    kind: "number",
    absent: null,
    doc: "The answer, on the scale; null for a survey sent but not answered.",
  },
  scale: {
    kind: "record",
    of: scaleRecord,
    absent: null,
    doc: "The answer scale; absent: the kind's default (DEFAULT_SCALES).",
  },
  sentAt: { kind: "timestamp", absent: null, doc: "When the survey was sent." },
  respondedAt: {
    kind: "timestamp",
    absent: null,
    doc: "When it was answered; required with a score. Places the response in a period.",
  },
  ticketId: { kind: "identifier", absent: null, doc: "The ticket the survey asked about." },
  customerId: { kind: "identifier", absent: null, doc: "The customer who answered." },
  agentId: { kind: "identifier", absent: null, doc: "The agent the survey rates." },
  channel: { kind: "label", absent: null, doc: "The channel of the ticket or survey." },
} as const;

type SurveyFields = FieldValues<typeof surveyFields>;

/**
 * A validated survey record: an answered response, or a survey sent and not (yet) answered
 * (`score` and `respondedAt` both `null`), which only the response rate reads.
 */
export interface SurveyResponse extends SurveyFields {
  /** The scale given, else the kind's default. */
  scale: Scale;
}

// The default scales as constants: a keyed lookup by a string per record costs more.
const NPS_SCALE = DEFAULT_SCALES.nps;
const CSAT_SCALE = DEFAULT_SCALES.csat;
const CES_SCALE = DEFAULT_SCALES.ces;

const checkResponseOrder = orderRules<SurveyFields>([["respondedAt", "sentAt"]]);

/** A response's cross-field rules: its score on its scale, and what a score needs. */
function completeSurveyResponse(raw: SurveyFields, report: Report): SurveyResponse {
  const kind = raw.kind;
  const scale =
    raw.scale ?? (kind === "nps" ? NPS_SCALE : kind === "csat" ? CSAT_SCALE : CES_SCALE);
  const score = raw.score;
  if (score !== null && (score < scale.min || score > scale.max)) {
    report(
      ["score"],
      `must be between ${scale.min} and ${scale.max} on this ${kind} scale, got ${score}`,
      score,
    );
  }
  if (score !== null && raw.respondedAt === null) {
    report(["respondedAt"], "is required for a scored response", null);
  }
  if (raw.sentAt === null && raw.respondedAt === null) {
    report(["sentAt"], "or respondedAt is required", null);
  }
  checkResponseOrder(raw, report);
  // A copy: the record never shares the default scale object.
  raw.scale = { min: scale.min, max: scale.max };
  return raw as SurveyResponse;
}

const surveyResponseRecord = defineRecord({
  noun: "survey response",
  fields: surveyFields,
  complete: completeSurveyResponse,
});

/** A survey response as a caller may give it. */
export type SurveyResponseInput = RecordInputOf<typeof surveyResponseRecord>;

/**
 * The Zod schema of a survey response.
 *
 * @example
 * surveyResponseSchema().parse({ id: "s1", kind: "nps", score: 9, respondedAt: "2024-03-01T10:00:00Z" }).scale
 * //=> { min: 0, max: 10 }
 */
export function surveyResponseSchema(
  options: TimestampOptions = {},
): z.ZodMiniType<SurveyResponse, unknown> {
  return schemaFor(surveyResponseRecord, options);
}

/** The survey response schema for timestamps that carry their own offset. */
export const SurveyResponseSchema = /* @__PURE__ */ surveyResponseSchema();
