import type { Unit } from "../metrics/define.ts";

/**
 * How the report shows numbers: one unit per column or chart, chosen once from the values it
 * holds (never "45.9 h" beside "3.1 d"), and durations in the per-record table as people say
 * them ("2 h 5 min").
 */

/** A unit to show a column in: divide the value, then add the suffix. */
export interface DisplayUnit {
  /** The metric's unit. */
  unit: Unit;
  divide: number;
  /** Short suffix after a number ("min", "%"); empty for none. */
  suffix: string;
  /** The word for axis labels ("minutes", "%"). */
  label: string;
  digits: number;
}

const DURATION_UNITS: readonly { below: number; divide: number; suffix: string; label: string }[] =
  [
    { below: 120, divide: 1, suffix: "s", label: "seconds" },
    { below: 7200, divide: 60, suffix: "min", label: "minutes" },
    { below: 172_800, divide: 3600, suffix: "h", label: "hours" },
    { below: Number.POSITIVE_INFINITY, divide: 86_400, suffix: "d", label: "days" },
  ];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] as number);
}

/**
 * The unit to show a metric's values in: for durations the one that suits the median of their
 * magnitudes, for everything else the metric's own.
 *
 * @example
 * // the median of 3 h, 2.5 h and 10 min is 2.5 h: hours
 * [displayUnit("seconds", [10_800, 9000, 600]).suffix, displayUnit("seconds", [30]).suffix, displayUnit("percent", [50]).suffix]
 * //=> ["h", "s", "%"]
 */
export function displayUnit(unit: Unit, values: readonly number[]): DisplayUnit {
  if (unit === "seconds") {
    const typical = median(values.map(Math.abs));
    const chosen = DURATION_UNITS.find((candidate) => typical < candidate.below) as {
      divide: number;
      suffix: string;
      label: string;
    };
    return { unit, ...chosen, digits: chosen.divide === 1 ? 0 : 1 };
  }
  if (unit === "percent") return { unit, divide: 1, suffix: "%", label: "%", digits: 1 };
  if (unit === "count") return { unit, divide: 1, suffix: "", label: "", digits: 0 };
  return { unit, divide: 1, suffix: "", label: "", digits: unit === "money" ? 2 : 1 };
}

/**
 * A value in a display unit, or "–" for no value.
 *
 * @example
 * [formatIn(9000, displayUnit("seconds", [9000])), formatIn(1234567, displayUnit("count", [])), formatIn(null, displayUnit("percent", []))]
 * //=> ["2.5 h", "1,234,567", "–"]
 */
export function formatIn(value: number | null, display: DisplayUnit): string {
  if (value === null || !Number.isFinite(value)) return "–";
  const shown = value / display.divide;
  const text =
    display.digits === 0
      ? Math.round(shown).toLocaleString("en-US")
      : shown.toLocaleString("en-US", {
          minimumFractionDigits: display.digits,
          maximumFractionDigits: display.digits,
        });
  return display.suffix === "" ? text : `${text} ${display.suffix}`;
}

/**
 * A duration as people say it, to the two largest units ("1 d 3 h", "2 h 5 min", "45 s").
 *
 * @example
 * [humanDuration(45), humanDuration(7500), humanDuration(97_200), humanDuration(null)]
 * //=> ["45 s", "2 h 5 min", "1 d 3 h", ""]
 */
export function humanDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "";
  const sign = seconds < 0 ? "−" : "";
  let rest = Math.round(Math.abs(seconds));
  const parts: string[] = [];
  for (const [size, name] of [
    [86_400, "d"],
    [3600, "h"],
    [60, "min"],
    [1, "s"],
  ] as const) {
    if (rest >= size || (size === 1 && parts.length === 0)) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return sign + parts.filter((part) => !part.startsWith("0 ") || parts.length === 1).join(" ");
}
