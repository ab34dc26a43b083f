import { $ZodCheck, type $ZodCheckDef, type $ZodErrorMap, type $ZodRawIssue } from "zod/v4/core";

/**
 * The check `z.int()` makes, for the record schemas' counts and whole numbers: a safe
 * integer, with Zod's own issues (an `invalid_type` that stops the checks after it for a
 * fraction; `too_big` or `too_small` beyond the safe range) and its definition
 * (`number_format`, `safeint`), so a JSON Schema made from a record schema still says
 * `integer`. Written out because `z.int()` brings Zod's whole number-format schema (every
 * float and integer format, 1.4 KB minified) into a browser bundle for this one check.
 *
 * @param params - Zod's parameters of a check (`{ error }`), as `z.int()` takes them.
 */
export function safeInteger(params: { error: $ZodErrorMap }): $ZodCheck<number> {
  // Imported from zod/v4/core by name: `z.core.$ZodCheck` would bundle all of Zod's core.
  const check: $ZodCheck<number> = new $ZodCheck({
    check: "number_format",
    format: "safeint",
    abort: false,
    ...params,
  } as $ZodCheckDef);
  check._zod.check = (payload) => {
    const input = payload.value;
    if (!Number.isInteger(input)) {
      payload.issues.push({
        expected: "int",
        format: "safeint",
        code: "invalid_type",
        continue: false,
        input,
        inst: check,
      } as unknown as $ZodRawIssue);
      return;
    }
    if (!Number.isSafeInteger(input)) {
      const above = input > 0;
      payload.issues.push({
        input,
        code: above ? "too_big" : "too_small",
        ...(above ? { maximum: Number.MAX_SAFE_INTEGER } : { minimum: Number.MIN_SAFE_INTEGER }),
        note: "Integers must be within the safe integer range.",
        inst: check,
        origin: "int",
        inclusive: true,
        continue: true,
      } as unknown as $ZodRawIssue);
    }
  };
  return check;
}
