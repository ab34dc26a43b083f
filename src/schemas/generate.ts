import { globalConfig, util } from "zod/v4/core";

/**
 * Code generation for the fast paths, in one place: `new Function` where the host allows it,
 * else `undefined`, and the caller runs the same logic as a plain loop.
 *
 * A strict Content-Security-Policy (a helpdesk app's iframe may have one) forbids `new
 * Function` and reports every attempt as a violation, even a caught one. Such hosts set
 * `z.config({ jitless: true })`, as Zod asks for its own compiled parsers; this then never
 * tries, and otherwise shares Zod's one probe (`allowsEval`) rather than probing again.
 */
export function generate<F>(
  parameters: readonly string[],
  body: string,
  values: readonly unknown[],
): F | undefined {
  if (globalConfig.jitless || !util.allowsEval.value) return undefined;
  try {
    return new Function(...parameters, body)(...values) as F;
  } catch {
    // Refused after all: the caller's loop does the same work.
    return undefined;
  }
}

/** A JavaScript string literal of `text`, to put a field name into generated code. */
export function literal(text: string): string {
  return JSON.stringify(text);
}
