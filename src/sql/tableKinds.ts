/**
 * The record kinds the SQL engines load and read as tables, and the field table of each: the
 * columns a table of them has, named as the fields. Kept apart from the engines so that
 * whoever needs the columns (the PostgreSQL engine, the CLI choosing an engine) never loads a
 * driver it does not use.
 */
import { CustomerSchema, SupportCostSchema } from "../schemas/customer.ts";
import type { FieldTable } from "../schemas/fieldTable.ts";
import { QueueContactSchema } from "../schemas/queueContact.ts";
import { definitionOf } from "../schemas/recordSchema.ts";
import { SessionSchema } from "../schemas/session.ts";
import { SurveyResponseSchema } from "../schemas/survey.ts";
import { TicketSchema } from "../schemas/ticket.ts";

/** A record kind the engines load into tables. */
export type TableKind =
  | "tickets"
  | "surveyResponses"
  | "queueContacts"
  | "customers"
  | "supportCosts"
  | "sessions";

const TABLE_KINDS = {
  tickets: TicketSchema,
  surveyResponses: SurveyResponseSchema,
  queueContacts: QueueContactSchema,
  customers: CustomerSchema,
  supportCosts: SupportCostSchema,
  // Self-service sessions, which the self-service metrics read beside the tickets that follow
  // them: a relation of both (a view of the two tables) is their one stream.
  sessions: SessionSchema,
};

/**
 * Whether the engines load records of `kind` into tables.
 *
 * @example
 * [isTableKind("customers"), isTableKind("agentShifts")]
 * //=> [true, false]
 */
export function isTableKind(kind: string): kind is TableKind {
  return Object.hasOwn(TABLE_KINDS, kind);
}

/**
 * The field table of a record kind.
 *
 * @example
 * Object.keys(fieldsOf("surveyResponses")).includes("respondedAt")
 * //=> true
 * @example
 * fieldsOf("queueContacts").holdSeconds.absent
 * //=> "undefined"
 */
export function fieldsOf(kind: TableKind): FieldTable {
  const definition = definitionOf(TABLE_KINDS[kind]);
  if (!definition) throw new TypeError(`sql: no field table for ${kind}`);
  return definition.fields;
}

/**
 * The arrays of records that the engines load as nested columns, one element per record
 * (DuckDB: a LIST of STRUCTs; PostgreSQL: jsonb, see src/postgres/table.ts), because a metric
 * reads them in SQL: a ticket's assignment history (handoffs, transfer rate), its status
 * history (time in statuses, the wait times) and its messages (first response time counting
 * automated replies).
 */
const NESTED_FIELDS: Partial<Record<TableKind, readonly string[]>> = {
  tickets: ["assignments", "statusChanges", "messages"],
};

/**
 * Whether the engines load field `field` of records of `kind` as a nested column.
 *
 * @example
 * [isNestedField("tickets", "messages"), isNestedField("tickets", "statusChanges"), isNestedField("surveyResponses", "scale")]
 * //=> [true, true, false]
 */
export function isNestedField(kind: TableKind, field: string): boolean {
  return NESTED_FIELDS[kind]?.includes(field) ?? false;
}
