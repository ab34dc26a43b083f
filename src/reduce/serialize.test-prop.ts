/**
 * Partial states, serialised and read back, merge exactly: for random tickets cut into
 * shards, each shard's rollup state written with stateToJSON and read with stateFromJSON, the
 * merge of the shards gives the same rows as one rollup over all the tickets.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ticket } from "../../test/fixtures.ts";
import { fold } from "../../test/laws.ts";
import {
  type RollupOptions,
  type RollupState,
  rollup,
  rollupReducer,
} from "../aggregate/rollup.ts";
import { ticketsPerAgentReducer } from "../metrics/agents/ticketsPerAgent.ts";
import { backlogReducer } from "../metrics/tickets/backlog.ts";
import { firstResponseTimeReducer } from "../metrics/tickets/firstResponseTime.ts";
import { replyTimeReducer } from "../metrics/tickets/replyTime.ts";
import { resolutionTimeReducer } from "../metrics/tickets/resolutionTime.ts";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import type { AnyReducer } from "./reducer.ts";
import { stateFromJSON, stateToJSON } from "./serialize.ts";

const DAY = 86_400_000;
const FROM = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

const randomTicket = fc
  .record({
    created: fc.integer({ min: FROM, max: FROM + 120 * DAY }),
    reply: fc.option(fc.integer({ min: 1, max: 5 * DAY }), { freq: 4 }),
    resolve: fc.option(fc.integer({ min: 1, max: 30 * DAY }), { freq: 3 }),
    channel: fc.constantFrom("email", "chat", null),
    assignee: fc.constantFrom("ana", "bo", null),
  })
  .map(({ created, reply, resolve, channel, assignee }) => {
    const replied = reply === null ? null : created + reply;
    const resolved = resolve === null ? null : (replied ?? created) + resolve;
    return ticket({
      createdAt: iso(created),
      channel,
      assigneeId: assignee,
      status: resolved === null ? "open" : "solved",
      messages: [
        { at: iso(created), authorRole: "customer", public: true, automated: false },
        ...(replied === null
          ? []
          : [{ at: iso(replied), authorRole: "agent" as const, public: true, automated: false }]),
      ],
      firstResolvedAt: resolved === null ? null : iso(resolved),
      lastResolvedAt: resolved === null ? null : iso(resolved),
    });
  });

type Tickets = ReturnType<typeof ticket>;
type Options = RollupOptions<Tickets, Record<string, AnyReducer<Tickets>>>;

const sketch = { sketch: "ddsketch", relativeAccuracy: 0.02 } as const;
const options: fc.Arbitrary<Options> = fc
  .record({
    unit: fc.constantFrom("week" as const, "month" as const),
    timeZone: fc.constantFrom("UTC", "Europe/Berlin", "America/New_York"),
    withRange: fc.boolean(),
  })
  .map(({ unit, timeZone, withRange }) => ({
    by: { period: unit, channel: "channel" },
    timeZone,
    ...(withRange ? { range: { start: "2024-01-15", end: "2024-04-01" } } : {}),
    metrics: {
      volume: ticketVolumeReducer(),
      firstResponse: firstResponseTimeReducer(),
      firstResponseSketch: firstResponseTimeReducer({ percentiles: sketch, statistic: "p90" }),
      resolution: resolutionTimeReducer({ percentiles: sketch }),
      reply: replyTimeReducer({ percentiles: { sketch: "ddsketch" } }),
      // stock: without a range its records wait in the state, and travel through JSON
      backlog: backlogReducer(),
      // Maps of Sets in the state
      perAgent: ticketsPerAgentReducer({ timeZone }),
    },
  }));

describe("serialised shard states", () => {
  test("merging deserialised shard states equals the rollup over all records", () => {
    const cases = fc
      .array(randomTicket, { maxLength: 25 })
      .chain((all) =>
        fc.tuple(
          fc.constant(all),
          fc.uniqueArray(fc.integer({ min: 0, max: all.length }), { maxLength: 3 }),
          fc.boolean(),
        ),
      );
    fc.assert(
      fc.property(options, cases, (opts, [all, cuts, reverse]) => {
        const reducer = rollupReducer(opts);
        const points = [0, ...[...cuts].sort((a, b) => a - b), all.length];
        const texts = points
          .slice(1)
          .map((end, i) => stateToJSON(fold(reducer, all.slice(points[i], end), undefined)));
        if (reverse) texts.reverse();
        const merged = texts
          .map((text) => stateFromJSON<RollupState>(text))
          .reduce((a, b) => reducer.merge(a, b));
        expect(reducer.result(merged)).toEqual(rollup(all, opts));
      }),
      { numRuns: 60 },
    );
  });

  test("a state read back gives the same rows and serialises to the same text", () => {
    fc.assert(
      fc.property(options, fc.array(randomTicket, { maxLength: 25 }), (opts, all) => {
        const reducer = rollupReducer(opts);
        const state = fold(reducer, all, undefined);
        const text = stateToJSON(state);
        const back = stateFromJSON<RollupState>(text);
        expect(reducer.result(back)).toEqual(reducer.result(state));
        expect(stateToJSON(back)).toBe(text);
      }),
      { numRuns: 40 },
    );
  });
});
