/**
 * Random self-service sessions, and the options of the self-service metrics, for the parity
 * properties of every engine (src/duckdb/parity.test-prop.ts, src/postgres/parity.test-prop.ts):
 * sessions of every kind near DST changes and period boundaries, by the customers the random
 * tickets name (ids whose concatenations meet) or anonymous, read beside those tickets.
 */
import fc from "fast-check";
import { instant } from "../../test/sqlParity.ts";
import { SESSION_KINDS, sessionSchema } from "../schemas/session.ts";
import { entries, rateInterval } from "./parityData.testing.ts";

/** A session before it becomes a record: its start, kind, and customer or none. */
export const rawSession = fc.record({
  startedAt: instant,
  kind: fc.constantFrom(...SESSION_KINDS),
  customerId: fc.option(fc.constantFrom("c1", "c2", "a|", "a", "É"), { freq: 4 }),
});

export type RawSession = typeof rawSession extends fc.Arbitrary<infer T> ? T : never;

/** Session records of raw sessions. */
export function sessionsOf(raws: RawSession[]) {
  const schema = sessionSchema();
  return raws.map((raw, i) =>
    schema.parse({
      id: `s${i}`,
      startedAt: new Date(raw.startedAt).toISOString(),
      kind: raw.kind,
      customerId: raw.customerId,
    }),
  );
}

/** How distinct customers are counted: exact, given or by default. */
const exact = fc.record({ distinct: fc.constant("exact") }, { requiredKeys: [] });

/** The self-service score and knowledge-base engagement, every option that compiles. */
export const selfServiceMetrics = fc.record({ score: exact, engagement: exact });
export const SELF_SERVICE_ENTRIES = entries({
  score: "self-service-score",
  engagement: "kb-engagement",
});

/**
 * Deflection's options: windows from a fraction of a millisecond's reach to longer than a day
 * (a ticket's placing instants fall in different periods) and than a week (periods between
 * them too; each 12 h of window is one more placing instant, and a branch of the query, so the
 * longest is kept to 100 h), some kinds or all, an interval or none.
 */
const deflection = fc.record(
  {
    windowHours: fc.constantFrom(24, 1, 6, 72, 0.5, 1e-7, 100),
    kinds: fc.subarray([...SESSION_KINDS]),
    interval: rateInterval,
  },
  { requiredKeys: [] },
);

/** Deflection twice, each with its own options (each its own followed column). */
export const deflectionMetrics = fc.record({ deflection, deflectionAgain: deflection });
export const DEFLECTION_ENTRIES = entries({
  deflection: "deflection",
  deflectionAgain: "deflection",
});
