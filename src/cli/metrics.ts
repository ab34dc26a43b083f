/**
 * The CLI's metric names: short names on the command line, each mapped to one of the library's
 * reducers. Node-free, but only the CLI uses it.
 */

import { cesReducer } from "../metrics/surveys/ces.ts";
import { csatReducer } from "../metrics/surveys/csat.ts";
import { npsReducer } from "../metrics/surveys/nps.ts";
import { surveyResponseRateReducer } from "../metrics/surveys/surveyResponseRate.ts";
import { agentWaitTimeReducer } from "../metrics/tickets/agentWaitTime.ts";
import { backlogReducer } from "../metrics/tickets/backlog.ts";
import { escalationRateReducer } from "../metrics/tickets/escalationRate.ts";
import { firstContactResolutionReducer } from "../metrics/tickets/firstContactResolution.ts";
import { firstResponseTimeReducer } from "../metrics/tickets/firstResponseTime.ts";
import { handleTimeReducer } from "../metrics/tickets/handleTime.ts";
import { onHoldTimeReducer } from "../metrics/tickets/onHoldTime.ts";
import { reopenRateReducer } from "../metrics/tickets/reopenRate.ts";
import { replyTimeReducer } from "../metrics/tickets/replyTime.ts";
import { requesterWaitTimeReducer } from "../metrics/tickets/requesterWaitTime.ts";
import { resolutionTimeReducer } from "../metrics/tickets/resolutionTime.ts";
import { slaAttainmentReducer } from "../metrics/tickets/slaAttainment.ts";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import type { PresetName } from "../presets/presets.ts";
import { PRESET_NAMES, presetReducers } from "../presets/presets.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import type { Statistic } from "../reduce/results.ts";
import type { SlaPolicyInput } from "../sla/policy.ts";
import { schedule as makeSchedule, type ScheduleInput } from "../time/schedule.ts";

/** The record kinds the `report` command reads. */
export type CliKind = "tickets" | "surveyResponses";

/** What a metric's `value` is measured in: seconds, a percentage, a count or a score. */
export type Unit = "seconds" | "percent" | "count" | "score";

/** Options every metric factory receives. */
export interface MetricSettings {
  /** Headline statistic of the duration metrics. */
  statistic?: Statistic;
  /** Working hours for the duration metrics (business time). */
  schedule?: ScheduleInput;
  /** SLA policies (`--policies`) and the instant they are judged at, for `sla`. */
  sla?: { policies: readonly SlaPolicyInput[]; asOf: Date; file: string };
}

/** One short name: the records it reads, its reducer, the unit and the preset key. */
export interface MetricSpec {
  name: string;
  kind: CliKind;
  /** The library function the name stands for. */
  reducer: string;
  unit: Unit;
  /** The key of this metric in a vendor preset, when presets define it. */
  presetKey?: string;
  /** Stock metric (counted at an instant in each period). */
  stock?: boolean;
  make: (settings: MetricSettings) => AnyReducer<never>;
}

function timed(settings: MetricSettings): { statistic?: Statistic; schedule?: ScheduleInput } {
  const options: { statistic?: Statistic; schedule?: ScheduleInput } = {};
  if (settings.statistic !== undefined) options.statistic = settings.statistic;
  if (settings.schedule !== undefined) options.schedule = settings.schedule;
  return options;
}

type Made = AnyReducer<never>;

/** Every short name, in the order of the table in .notes/defs-cli.md. */
export const METRICS: readonly MetricSpec[] = [
  {
    name: "volume",
    kind: "tickets",
    reducer: "ticketVolume",
    unit: "count",
    make: () => ticketVolumeReducer() as Made,
  },
  {
    name: "frt",
    kind: "tickets",
    reducer: "firstResponseTime",
    unit: "seconds",
    presetKey: "firstResponseTime",
    make: (s) => firstResponseTimeReducer(timed(s)) as Made,
  },
  {
    name: "reply",
    kind: "tickets",
    reducer: "replyTime",
    unit: "seconds",
    presetKey: "replyTime",
    make: (s) => replyTimeReducer(timed(s)) as Made,
  },
  {
    name: "resolution",
    kind: "tickets",
    reducer: "resolutionTime",
    unit: "seconds",
    presetKey: "resolutionTime",
    make: (s) => resolutionTimeReducer(timed(s)) as Made,
  },
  {
    name: "full-resolution",
    kind: "tickets",
    reducer: 'resolutionTime({ resolution: "full" })',
    unit: "seconds",
    presetKey: "fullResolutionTime",
    make: (s) => resolutionTimeReducer({ ...timed(s), resolution: "full" }) as Made,
  },
  {
    name: "requester-wait",
    kind: "tickets",
    reducer: "requesterWaitTime",
    unit: "seconds",
    presetKey: "requesterWaitTime",
    make: (s) => requesterWaitTimeReducer(timed(s)) as Made,
  },
  {
    name: "agent-wait",
    kind: "tickets",
    reducer: "agentWaitTime",
    unit: "seconds",
    presetKey: "agentWaitTime",
    make: (s) => agentWaitTimeReducer(timed(s)) as Made,
  },
  {
    name: "on-hold",
    kind: "tickets",
    reducer: "onHoldTime",
    unit: "seconds",
    presetKey: "onHoldTime",
    make: (s) => onHoldTimeReducer(timed(s)) as Made,
  },
  {
    name: "handle",
    kind: "tickets",
    reducer: "handleTime",
    unit: "seconds",
    make: (s) =>
      handleTimeReducer(s.statistic === undefined ? {} : { statistic: s.statistic }) as Made,
  },
  {
    name: "one-touch",
    kind: "tickets",
    reducer: "firstContactResolution",
    unit: "percent",
    presetKey: "firstContactResolution",
    make: () => firstContactResolutionReducer() as Made,
  },
  {
    name: "reopen",
    kind: "tickets",
    reducer: "reopenRate",
    unit: "percent",
    make: () => reopenRateReducer() as Made,
  },
  {
    name: "escalation",
    kind: "tickets",
    reducer: "escalationRate",
    unit: "percent",
    make: () => escalationRateReducer() as Made,
  },
  {
    name: "backlog",
    kind: "tickets",
    reducer: "backlog",
    unit: "count",
    stock: true,
    make: () => backlogReducer() as Made,
  },
  {
    name: "sla",
    kind: "tickets",
    reducer: "slaAttainment",
    unit: "percent",
    make: (s) => {
      if (s.sla === undefined) {
        throw new UsageError('metric "sla" needs --policies FILE (a JSON array of SLA policies)');
      }
      try {
        return slaAttainmentReducer({
          policies: s.sla.policies,
          asOf: s.sla.asOf,
          ...(s.schedule === undefined ? {} : { schedule: makeSchedule(s.schedule) }),
        }) as Made;
      } catch (error) {
        throw new UsageError(`--policies ${s.sla.file}: ${(error as Error).message}`);
      }
    },
  },
  {
    name: "csat",
    kind: "surveyResponses",
    reducer: "csat",
    unit: "percent",
    presetKey: "csat",
    make: () => csatReducer() as Made,
  },
  {
    name: "nps",
    kind: "surveyResponses",
    reducer: "nps",
    unit: "score",
    make: () => npsReducer() as Made,
  },
  {
    name: "ces",
    kind: "surveyResponses",
    reducer: "ces",
    unit: "score",
    make: () => cesReducer() as Made,
  },
  {
    name: "response-rate",
    kind: "surveyResponses",
    reducer: "surveyResponseRate",
    unit: "percent",
    presetKey: "surveyResponseRate",
    make: () => surveyResponseRateReducer() as Made,
  },
];

/** Other names accepted for a metric. */
export const ALIASES: Readonly<Record<string, string>> = {
  fcr: "one-touch",
  "first-response": "frt",
  "resolution-time": "resolution",
  tickets: "volume",
};

/** Default metrics per record kind. */
export const DEFAULT_METRICS: Readonly<Record<CliKind, readonly string[]>> = {
  tickets: ["volume", "frt", "resolution", "one-touch", "reopen", "escalation", "backlog"],
  surveyResponses: ["csat", "nps", "ces"],
};

/** A usage mistake: printed as one line, exit code 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Looks up a short name (or alias); throws a {@link UsageError} naming the valid ones.
 *
 * @example
 * [metricSpec("frt").reducer, metricSpec("fcr").name, metricSpec("nps").kind]
 * //=> ["firstResponseTime", "one-touch", "surveyResponses"]
 */
export function metricSpec(name: string): MetricSpec {
  const canonical = ALIASES[name] ?? name;
  const spec = METRICS.find((m) => m.name === canonical);
  if (!spec) {
    throw new UsageError(
      `unknown metric "${name}"; known metrics: ${METRICS.map((m) => m.name).join(", ")}`,
    );
  }
  return spec;
}

/** The reducers to run: each name's own, or the preset's definition when one is chosen. */
export function buildReducers(
  names: readonly string[],
  kind: CliKind,
  settings: MetricSettings & { preset?: string },
  warn: (message: string) => void,
): { reducers: Record<string, AnyReducer<never>>; specs: MetricSpec[] } {
  let preset: Record<string, unknown> | undefined;
  if (settings.preset !== undefined) {
    if (!(PRESET_NAMES as readonly string[]).includes(settings.preset)) {
      throw new UsageError(
        `unknown preset "${settings.preset}"; presets: ${PRESET_NAMES.join(", ")}`,
      );
    }
    const built = presetReducers(
      settings.preset as PresetName,
      settings.schedule === undefined ? {} : { schedule: settings.schedule },
    );
    preset = (kind === "tickets" ? built.tickets : built.surveys) as Record<string, unknown>;
  }
  const reducers: Record<string, AnyReducer<never>> = {};
  const specs: MetricSpec[] = [];
  for (const name of names) {
    const spec = metricSpec(name);
    if (spec.kind !== kind) {
      const what = kind === "tickets" ? "tickets" : "survey responses";
      throw new UsageError(`metric "${name}" does not apply to ${what}`);
    }
    if (reducers[spec.name] !== undefined) continue;
    if (preset !== undefined && spec.presetKey !== undefined) {
      const fromPreset = preset[spec.presetKey];
      if (fromPreset === undefined) {
        warn(`preset ${settings.preset} has no ${spec.name} metric; left out`);
        continue;
      }
      reducers[spec.name] = fromPreset as AnyReducer<never>;
    } else {
      reducers[spec.name] = spec.make(settings);
    }
    specs.push(spec);
  }
  if (specs.length === 0) throw new UsageError("no metric left to compute");
  return { reducers, specs };
}
