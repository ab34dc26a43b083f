import * as z from "zod";

/**
 * Field schemas shared by every record kind, so that an id or a label means the same thing
 * everywhere and fails with the same message.
 */

/** Longest identifier or label kept; anything longer is a broken export, not a name. */
export const MAX_TEXT = 1024;

/** An identifier: a non-empty string, or a number (turned into its string). */
export const identifier = z
  .union([z.string().min(1, "must not be empty").max(MAX_TEXT), z.number().finite()])
  .transform((value) => String(value));

/** An optional identifier: `null`, `undefined` or `""` become `null`. */
export const optionalIdentifier = z
  .union([z.string().max(MAX_TEXT), z.number().finite(), z.null(), z.undefined()])
  .transform((value) =>
    value === undefined || value === null || value === "" ? null : String(value),
  );

/** An optional label such as a channel or priority: trimmed; empty becomes `null`. */
export const optionalLabel = z
  .union([z.string().max(MAX_TEXT), z.null(), z.undefined()])
  .transform((value) => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : null;
  });

/** A count: an integer at least 0. */
export const nonNegativeInteger = z.number().int().min(0);

/** An amount of money: any finite number (refunds may be negative). */
export const amount = z.number().finite();
