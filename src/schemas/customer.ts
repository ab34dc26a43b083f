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

const mrrChangeRecord = defineRecord({
  noun: "MRR change",
  fields: {
    at: { kind: "timestamp", absent: "required", doc: "From when the amount applies." },
    amount: {
      kind: "amount",
      min: 0,
      absent: "required",
      doc: "Monthly recurring revenue from then on.",
    },
  },
});

/** A change in a customer's monthly recurring revenue. */
export interface MrrChange extends RecordOf<typeof mrrChangeRecord> {}

const customerFields = {
  id: { kind: "identifier", absent: "required", doc: "The customer's (or subscription's) id." },
  startedAt: {
    kind: "timestamp",
    absent: "required",
    doc: "When the customer became a customer (signed up, first paid).",
  },
  endedAt: {
    kind: "timestamp",
    absent: null,
    doc: "When the customer was lost (churned); null while still a customer.",
  },
  acquisitionCost: { kind: "amount", absent: null, doc: "What acquiring the customer cost." },
  segment: { kind: "label", absent: null, doc: "Any segment label (plan, region)." },
  mrr: {
    kind: "records",
    of: mrrChangeRecord,
    max: 100_000,
    absent: [],
    doc: "Monthly recurring revenue over time, sorted by time: each holds until the next.",
  },
} as const;

type CustomerFields = FieldValues<typeof customerFields>;

/** A validated customer (or subscription). */
export interface Customer extends CustomerFields {}

const checkCustomerOrder = orderRules<CustomerFields>([["endedAt", "startedAt"]]);

function completeCustomer(raw: CustomerFields, report: Report): Customer {
  checkCustomerOrder(raw, report);
  raw.mrr = [...raw.mrr].sort((a, b) => a.at.getTime() - b.at.getTime());
  return raw;
}

const customerRecord = defineRecord({
  noun: "customer",
  fields: customerFields,
  complete: completeCustomer,
});

/** A customer as a caller may give it. */
export type CustomerInput = RecordInputOf<typeof customerRecord>;

const purchaseRecord = defineRecord({
  noun: "purchase",
  fields: {
    id: { kind: "identifier", absent: null, doc: "The transaction's id." },
    customerId: { kind: "identifier", absent: "required", doc: "The customer who paid." },
    purchasedAt: { kind: "timestamp", absent: "required", doc: "When the customer paid." },
    amount: { kind: "amount", absent: "required", doc: "The amount paid; negative for a refund." },
  },
});

/** A purchase as a caller may give it. */
export type PurchaseInput = RecordInputOf<typeof purchaseRecord>;
/** A validated purchase (one transaction), for customer lifetime value. */
export interface Purchase extends RecordOf<typeof purchaseRecord> {}

const supportCostRecord = defineRecord({
  noun: "support cost",
  fields: {
    id: { kind: "identifier", absent: null, doc: "The cost entry's id." },
    incurredAt: {
      kind: "timestamp",
      absent: "required",
      doc: "When the cost was incurred (a payroll day, an invoice date).",
    },
    amount: { kind: "amount", absent: "required", doc: "The amount spent (salaries, tooling...)." },
    channel: { kind: "label", absent: null, doc: "The channel it is for, to group like tickets." },
    groupId: {
      kind: "identifier",
      absent: null,
      doc: "The group it is for, to group like tickets.",
    },
  },
});

/** A support cost entry as a caller may give it. */
export type SupportCostInput = RecordInputOf<typeof supportCostRecord>;
/** A validated support cost entry (salaries, tooling), for cost per ticket. */
export interface SupportCost extends RecordOf<typeof supportCostRecord> {}

/**
 * The Zod schema of a customer.
 *
 * @example
 * customerSchema().parse({ id: "c1", startedAt: "2024-01-15T00:00:00Z" }).endedAt
 * //=> null
 */
export function customerSchema(options: TimestampOptions = {}): z.ZodMiniType<Customer, unknown> {
  return schemaFor(customerRecord, options);
}

/**
 * The Zod schema of a purchase.
 *
 * @example
 * purchaseSchema().parse({ customerId: 42, purchasedAt: 0, amount: 19.5 }).customerId
 * //=> "42"
 */
export function purchaseSchema(options: TimestampOptions = {}): z.ZodMiniType<Purchase, unknown> {
  return schemaFor(purchaseRecord, options);
}

/**
 * The Zod schema of a support cost entry.
 *
 * @example
 * supportCostSchema().parse({ incurredAt: "2024-01-31T00:00:00Z", amount: 12000 }).amount
 * //=> 12000
 */
export function supportCostSchema(
  options: TimestampOptions = {},
): z.ZodMiniType<SupportCost, unknown> {
  return schemaFor(supportCostRecord, options);
}

/** The customer schema for timestamps that carry their own offset. */
export const CustomerSchema = /* @__PURE__ */ customerSchema();
/** The purchase schema for timestamps that carry their own offset. */
export const PurchaseSchema = /* @__PURE__ */ purchaseSchema();
/** The support cost schema for timestamps that carry their own offset. */
export const SupportCostSchema = /* @__PURE__ */ supportCostSchema();
