/**
 * Issue 12: a state saved before states recorded what made them (the format's version is
 * still 1, with no `made` in the header, nor in a rollup state) cannot be checked against the
 * reducer that would merge it. Decision: it is refused, with a message that says to make it
 * again, never merged on trust (a mislabelled or foreign state merges into wrong numbers).
 */
import { describe, expect, test } from "vitest";
import { rollupReducer } from "../aggregate/rollup.ts";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { stateFromJSON } from "./serialize.ts";

// Written by the format before provenance: the same header, no "made".
const OLD_VOLUME =
  '{"format":"support-metrics/state","version":1,"state":{"count":3,"excluded":{}}}';
const OLD_ROLLUP = JSON.stringify({
  format: "support-metrics/state",
  version: 1,
  state: {
    groups: {
      $: "Map",
      entries: [
        [
          "",
          {
            $: "Map",
            entries: [
              [
                1704067200000,
                { periodStart: 1704067200000, keys: [], states: [{ count: 1, excluded: {} }] },
              ],
            ],
          },
        ],
      ],
    },
    keyCombinations: { $: "Map", entries: [["", []]] },
    pending: [],
    firstPeriod: 1704067200000,
    lastPeriod: 1704067200000,
    outOfRange: { volume: 0 },
  },
});

const AGAIN =
  "a state saved before states recorded their maker cannot be checked: compute it again from its records and save it with stateToJSON(state, reducer)";

describe("states saved before provenance (issue 12)", () => {
  test("a metric's is refused when read with its reducer, saying to make it again", () => {
    const volume = ticketVolumeReducer();
    expect(() => stateFromJSON(OLD_VOLUME, volume)).toThrow(
      new TypeError(
        `stateFromJSON: json must be a state made by ticketVolume with the same options (metric, options, zone, period, keys), got one that does not say what made it (write it with stateToJSON(state, reducer)); ${AGAIN}`,
      ),
    );
  });

  test("a rollup's is refused when read with the rollup", () => {
    const reducer = rollupReducer({
      by: { period: "month" },
      metrics: { volume: ticketVolumeReducer() },
    });
    expect(() => stateFromJSON(OLD_ROLLUP, reducer)).toThrow(AGAIN);
  });

  test("read without a reducer (unchecked), a rollup's is still refused by merge", () => {
    const reducer = rollupReducer({
      by: { period: "month" },
      metrics: { volume: ticketVolumeReducer() },
    });
    const old = stateFromJSON<ReturnType<typeof reducer.init>>(OLD_ROLLUP);
    expect(() => reducer.merge(reducer.init(), old)).toThrow(
      "rollup: b must be a state of this rollup (same zone, period, keys and metrics in the same order, with the same options), got one made without a description (saved before states recorded their maker: compute it again from its records)",
    );
  });
});
