/**
 * Versions of a schedule over time: several schedules whose validity periods
 * (`[validFrom, validUntil)`) must not overlap, kept sorted by `validFrom`. A span measured
 * across versions is timed piece by piece (src/time/businessTime.ts).
 */
import * as z from "zod/mini";
import { show } from "../reduce/arguments.ts";
import { OUT_OF_RANGE, parseOrThrow, parseWithin, showInstant } from "./issueError.ts";
import type { Schedule, ScheduleInput, Schedules } from "./schedule.ts";
import { ScheduleSchema } from "./scheduleSchema.ts";

/** A validity period `[validFrom, validUntil)` in epoch milliseconds (±Infinity when open). */
interface Validity {
  readonly validFrom: number;
  readonly validUntil: number;
}

/** Two versions whose validity periods overlap, by position in the list given. */
export interface Overlap {
  /** The position of the version listed first. */
  earlier: number;
  /** The position of the version listed later: the one reported. */
  later: number;
  /** Both validity periods, the later-listed first: `2024-06-01T00:00:00.000Z–Infinity and …`. */
  got: string;
}

/**
 * The first pair of versions whose validity periods overlap, or `undefined`. Shared by every
 * place that takes versions, so that they refuse the same lists with the same words.
 */
export function findOverlap(versions: readonly Validity[]): Overlap | undefined {
  const at = (index: number) => versions[index] as Validity;
  const order = versions.map((_, index) => index);
  order.sort((a, b) => at(a).validFrom - at(b).validFrom || a - b);
  for (let i = 1; i < order.length; i++) {
    const a = order[i - 1] as number;
    const b = order[i] as number;
    if (at(b).validFrom < at(a).validUntil) {
      const [earlier, later] = a < b ? [a, b] : [b, a];
      const span = (v: Validity) => `${showInstant(v.validFrom)}–${showInstant(v.validUntil)}`;
      return { earlier, later, got: `${span(at(later))} and ${span(at(earlier))}` };
    }
  }
  return undefined;
}

/** Versions sorted by `validFrom`, frozen. */
function sorted(versions: readonly Schedule[]): readonly Schedule[] {
  return Object.freeze([...versions].sort((a, b) => a.validFrom - b.validFrom));
}

const versionList = z.array(ScheduleSchema, {
  error: (issue) => `must be an array of schedules, got ${show(issue.input)}`,
});

/**
 * Builds the versions of a schedule that changes over time, checks that their validity
 * periods do not overlap, and returns them sorted by `validFrom`. Pass the result wherever a
 * {@link Schedules} is taken.
 *
 * @example
 * const versions = scheduleVersions([
 *   { timeZone: "UTC", weekly: { monday: [{ start: "08:00", end: "16:00" }] }, validFrom: "2024-07-01" },
 *   { timeZone: "UTC", weekly: { monday: [{ start: "09:00", end: "17:00" }] }, validUntil: "2024-07-01" },
 * ]);
 * versions.map((version) => version.weekly.monday[0].start)
 * //=> ["09:00", "08:00"]
 */
export function scheduleVersions(versions: readonly ScheduleInput[]): readonly Schedule[] {
  const fn = "scheduleVersions";
  const list = parseOrThrow(versionList, versions, { fn, prefix: "versions", root: "versions" });
  const overlap = findOverlap(list);
  if (overlap) {
    throw new RangeError(
      `${fn}: versions[${overlap.later}] must not overlap versions[${overlap.earlier}] in validity, got ${overlap.got}`,
    );
  }
  return sorted(list);
}

const versionsSchema = z.pipe(
  versionList.check(
    z.superRefine((list, ctx) => {
      const overlap = findOverlap(list);
      if (!overlap) return;
      ctx.addIssue({
        code: "custom",
        message: `must not overlap schedule ${overlap.earlier} in validity, got ${overlap.got}`,
        path: [overlap.later, "validFrom"],
        input: list[overlap.later]?.validFrom,
        params: OUT_OF_RANGE,
      });
    }),
  ),
  z.transform((list) => sorted(list)),
);

/**
 * A Zod schema for {@link Schedules}: one schedule, or an array of versions whose validity
 * periods must not overlap (returned sorted by `validFrom`).
 *
 * @example
 * SchedulesSchema.safeParse([
 *   { timeZone: "UTC", weekly: {}, validUntil: "2024-07-01" },
 *   { timeZone: "UTC", weekly: {}, validFrom: "2024-06-01" },
 * ]).error.issues[0].message
 * //=> "must not overlap schedule 0 in validity, got 2024-06-01T00:00:00.000Z–Infinity and -Infinity–2024-07-01T00:00:00.000Z"
 */
export const SchedulesSchema: z.ZodMiniType<Schedules, unknown> = z.pipe(
  z.unknown(),
  z.transform(
    (input, ctx): Schedules =>
      Array.isArray(input)
        ? parseWithin(versionsSchema, input, ctx)
        : parseWithin(ScheduleSchema, input, ctx),
  ),
);
