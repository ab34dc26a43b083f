import { globalConfig } from "zod/v4/core";

/** Whether the host refused `new Function` once (see {@link generate}). */
let refused = false;

/**
 * Code generation for the fast paths, in one place: `new Function` where the host allows it,
 * else `undefined`, and the caller runs the same logic as a plain loop.
 *
 * A strict Content-Security-Policy (a helpdesk app's iframe may have one) forbids `new
 * Function` and reports every attempt as a violation, even a caught one. Such hosts set
 * `z.config({ jitless: true })`, as Zod asks for its own compiled parsers; this then never
 * tries. Elsewhere the first refusal is the probe: after it, no attempt is made again. (Zod's
 * own probe, `util.allowsEval`, is not read: reaching it bundles all of Zod's utilities.)
 */
export function generate<F>(
  parameters: readonly string[],
  body: string,
  values: readonly unknown[],
): F | undefined {
  if (globalConfig.jitless || refused) return undefined;
  try {
    return new Function(...parameters, body)(...values) as F;
  } catch {
    // Refused: the caller's loop does the same work, now and from now on.
    refused = true;
    return undefined;
  }
}

/** A JavaScript string literal of `text`, to put a field name into generated code. */
export function literal(text: string): string {
  return JSON.stringify(text);
}
