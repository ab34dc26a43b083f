import * as z from "zod";
import { amount, identifier, optionalIdentifier, optionalLabel } from "./fields.ts";
import { optionalTimestamp, type TimestampOptions, timestamp } from "./timestamp.ts";

function mrrChangeSchema(options: TimestampOptions) {
  return z.object({
    /** From when the amount applies. */
    at: timestamp(options),
    /** Monthly recurring revenue from then on. */
    amount: z.number().min(0),
  });
}

function customerFields(options: TimestampOptions) {
  return z.object({
    id: identifier,
    /** When the customer became a customer (signed up, first paid). */
    startedAt: timestamp(options),
    /** When the customer was lost (churned); `null` while still a customer. */
    endedAt: optionalTimestamp(options).default(null),
    /** What acquiring the customer cost. */
    acquisitionCost: amount.nullish(),
    /** Any segment label (plan, region). */
    segment: optionalLabel.default(null),
    /** Monthly recurring revenue over time: each entry holds from `at` until the next. */
    mrr: z.array(mrrChangeSchema(options)).max(100_000).default([]),
  });
}

/** A customer as a caller may give it. */
export type CustomerInput = z.input<ReturnType<typeof customerFields>>;

/** A change in a customer's monthly recurring revenue. */
export type MrrChange = z.output<ReturnType<typeof mrrChangeSchema>>;

/** A validated customer (or subscription). */
export interface Customer {
  id: string;
  startedAt: Date;
  endedAt: Date | null;
  acquisitionCost: number | null;
  segment: string | null;
  /** MRR changes sorted by time. */
  mrr: MrrChange[];
}

type Raw = z.output<ReturnType<typeof customerFields>>;

function complete(raw: Raw, ctx: z.RefinementCtx): Customer {
  if (raw.endedAt && raw.endedAt < raw.startedAt) {
    ctx.addIssue({
      code: "custom",
      path: ["endedAt"],
      message: "must not be before startedAt",
      input: raw.endedAt,
    });
  }
  const mrr = [...raw.mrr].sort((a, b) => a.at.getTime() - b.at.getTime());
  return { ...raw, acquisitionCost: raw.acquisitionCost ?? null, mrr };
}

function purchaseFields(options: TimestampOptions) {
  return z.object({
    id: optionalIdentifier.default(null),
    customerId: identifier,
    purchasedAt: timestamp(options),
    /** The amount paid; negative for a refund. */
    amount,
  });
}

/** A purchase as a caller may give it. */
export type PurchaseInput = z.input<ReturnType<typeof purchaseFields>>;
/** A validated purchase (one transaction), for customer lifetime value. */
export type Purchase = z.output<ReturnType<typeof purchaseFields>>;

function supportCostFields(options: TimestampOptions) {
  return z.object({
    id: optionalIdentifier.default(null),
    /** When the cost was incurred (a payroll day, an invoice date). */
    incurredAt: timestamp(options),
    /** The cost. */
    amount,
    /** Optional labels, so a cost can be grouped like tickets. */
    channel: optionalLabel.default(null),
    groupId: optionalIdentifier.default(null),
  });
}

/** A support cost entry as a caller may give it. */
export type SupportCostInput = z.input<ReturnType<typeof supportCostFields>>;
/** A validated support cost entry (salaries, tooling), for cost per ticket. */
export type SupportCost = z.output<ReturnType<typeof supportCostFields>>;

const customers = new Map<string, z.ZodType<Customer, unknown>>();
const purchases = new Map<string, z.ZodType<Purchase, unknown>>();
const costs = new Map<string, z.ZodType<SupportCost, unknown>>();

/**
 * The Zod schema of a customer.
 *
 * @example
 * customerSchema().parse({ id: "c1", startedAt: "2024-01-15T00:00:00Z" }).endedAt
 * //=> null
 */
export function customerSchema(options: TimestampOptions = {}): z.ZodType<Customer, unknown> {
  const key = options.timeZone ?? "";
  let schema = customers.get(key);
  if (!schema) {
    schema = customerFields(options).transform(complete);
    customers.set(key, schema);
  }
  return schema;
}

/**
 * The Zod schema of a purchase.
 *
 * @example
 * purchaseSchema().parse({ customerId: 42, purchasedAt: 0, amount: 19.5 }).customerId
 * //=> "42"
 */
export function purchaseSchema(options: TimestampOptions = {}): z.ZodType<Purchase, unknown> {
  const key = options.timeZone ?? "";
  let schema = purchases.get(key);
  if (!schema) {
    schema = purchaseFields(options);
    purchases.set(key, schema);
  }
  return schema;
}

/**
 * The Zod schema of a support cost entry.
 *
 * @example
 * supportCostSchema().parse({ incurredAt: "2024-01-31T00:00:00Z", amount: 12000 }).amount
 * //=> 12000
 */
export function supportCostSchema(options: TimestampOptions = {}): z.ZodType<SupportCost, unknown> {
  const key = options.timeZone ?? "";
  let schema = costs.get(key);
  if (!schema) {
    schema = supportCostFields(options);
    costs.set(key, schema);
  }
  return schema;
}

/** The customer schema for timestamps that carry their own offset. */
export const CustomerSchema = customerSchema();
/** The purchase schema for timestamps that carry their own offset. */
export const PurchaseSchema = purchaseSchema();
/** The support cost schema for timestamps that carry their own offset. */
export const SupportCostSchema = supportCostSchema();
