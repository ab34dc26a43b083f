import { describe, expect, test } from "vitest";
import { survey, ticket } from "../../test/fixtures.ts";
import { csatReducer } from "../metrics/surveys/csat.ts";
import { npsReducer } from "../metrics/surveys/nps.ts";
import { escalationRateReducer } from "../metrics/tickets/escalationRate.ts";
import { firstResponseTimeReducer } from "../metrics/tickets/firstResponseTime.ts";
import { ticketVolumeReducer } from "../metrics/tickets/ticketVolume.ts";
import { withChange } from "./change.ts";
import { rollup } from "./rollup.ts";

const scale = { min: 1, max: 5 };
/** `good` answers of 5 and `bad` of 1, answered on `day`. */
function answers(day: string, good: number, bad: number) {
  const respondedAt = `${day}T10:00:00Z`;
  return [
    ...Array.from({ length: good }, () => survey("csat", 5, { scale, respondedAt })),
    ...Array.from({ length: bad }, () => survey("csat", 1, { scale, respondedAt })),
  ];
}
const round = (x: unknown, digits = 4) => Number((x as number).toFixed(digits));

describe("withChange over a rollup's rows", () => {
  // Newcombe (1998b), Statistics in Medicine 17, 873–890, table II, method 10:
  // 56/70 − 48/80 → 0.0524 to 0.3339; 9/10 − 3/10 → 0.1705 to 0.8090.
  const records = [
    ...answers("2024-01-15", 48, 32),
    ...answers("2024-02-15", 56, 14),
    ...answers("2024-03-15", 3, 7),
    ...answers("2024-04-15", 9, 1),
  ];
  const rows = rollup(records, { by: { period: "month" }, metrics: { csat: csatReducer() } });
  const changed = withChange(rows);

  test("rates: Newcombe's interval in points and the score test", () => {
    const february = changed[1]?.csat.change;
    expect(february?.against.label).toBe("2024-01");
    expect(round(february?.difference, 6)).toBe(20);
    expect([round(february?.interval?.lower, 2), round(february?.interval?.upper, 2)]).toEqual([
      5.24, 33.39,
    ]);
    // pooled 104/150 = 0.69333; z = 0.2 / √(0.69333 × 0.30667 × (1/70 + 1/80)) = 2.6502;
    // p = 2 (1 − Φ(2.6502)) = 0.00805 (R: prop.test(c(56, 48), c(70, 80), correct = FALSE))
    expect(round(february?.pValue, 5)).toBe(0.00805);
    expect(february?.test).toBe("newcombe");
    expect(february?.noise).toBe(false);
    expect(february?.tooSmall).toBe(false);
    expect(february?.threshold).toMatch(/at least 5/);
  });

  test("a small sample is noise, with the threshold stated", () => {
    const april = changed[3]?.csat.change;
    expect([round(april?.interval?.lower, 2), round(april?.interval?.upper, 2)]).toEqual([
      17.05, 80.9,
    ]);
    // expected counts 10 × 12/20 = 6 and 10 × 8/20 = 4: one is under 5
    expect(april?.tooSmall).toBe(true);
    expect(april?.noise).toBe(true);
  });

  test("the first period has no change; the rows given are not changed", () => {
    expect(changed[0]?.csat.change).toBeNull();
    expect(Object.keys(rows[0]?.csat ?? {})).not.toContain("change");
    expect(changed[1]?.csat.value).toBe(rows[1]?.csat.value);
  });

  test("a year earlier: the same label one year before, per key", () => {
    const tickets = [
      ...Array.from({ length: 40 }, (_, i) =>
        ticket({ createdAt: "2023-03-10T09:00:00Z", escalated: i < 4, channel: "email" }),
      ),
      ...Array.from({ length: 40 }, (_, i) =>
        ticket({ createdAt: "2024-03-10T09:00:00Z", escalated: i < 12, channel: "email" }),
      ),
      ticket({ createdAt: "2024-03-10T09:00:00Z", channel: "chat" }),
    ];
    const yearly = withChange(
      rollup(tickets, {
        by: { period: "month", channel: "channel" },
        metrics: { escalation: escalationRateReducer(), volume: ticketVolumeReducer() },
      }),
      { against: "year" },
    );
    const email = yearly.find((row) => row.period?.label === "2024-03" && row.channel === "email");
    expect(email?.escalation.change?.against.label).toBe("2023-03");
    expect(round(email?.escalation.change?.difference, 6)).toBe(20);
    // a count has no test: the difference alone, noise unknown
    expect(email?.volume.change).toMatchObject({ difference: 0, test: "none", noise: null });
    const chat = yearly.find((row) => row.period?.label === "2024-03" && row.channel === "chat");
    expect(chat?.escalation.change).toBeNull();
  });

  test("NPS: the z test on the trinomial variance", () => {
    // 60 promoters, 20 detractors of 120 against 45 and 30 of 110 (compareNps's example)
    const group = (day: string, p: number, d: number, n: number) =>
      Array.from({ length: n }, (_, i) =>
        survey("nps", i < p ? 10 : i < p + d ? 3 : 8, { respondedAt: `${day}T10:00:00Z` }),
      );
    const rows = rollup(
      [...group("2024-01-10", 45, 30, 110), ...group("2024-02-10", 60, 20, 120)],
      {
        by: { period: "month" },
        metrics: { nps: npsReducer() },
      },
    );
    const change = withChange(rows)[1]?.nps.change;
    expect(change?.test).toBe("z");
    expect(round(change?.difference, 2)).toBe(19.7);
    expect(round(change?.pValue, 4)).toBe(0.0564);
    expect(change?.noise).toBe(true);
  });

  test("durations with their t interval: Welch's test; a median: no test", () => {
    const waits = (day: string, seconds: number[]) =>
      seconds.map((s) => {
        const created = Date.parse(`${day}T09:00:00Z`);
        return ticket({
          createdAt: new Date(created).toISOString(),
          firstResponseAt: new Date(created + s * 1000).toISOString(),
        });
      });
    // x = 100, 200, ..., 3000 (30 values, mean 1550) and the same + 500 (mean 2050)
    const x = Array.from({ length: 30 }, (_, i) => 100 * (i + 1));
    const records = [
      ...waits("2024-01-10", x),
      ...waits(
        "2024-02-10",
        x.map((s) => s + 500),
      ),
    ];
    const rows = rollup(records, {
      by: { period: "month" },
      metrics: {
        mean: firstResponseTimeReducer({ interval: true }),
        median: firstResponseTimeReducer({ statistic: "median", interval: true }),
      },
    });
    const [mean, median] = [withChange(rows)[1]?.mean.change, withChange(rows)[1]?.median.change];
    // each variance 100² × 30 × 31 / 12 = 775000, standard error √(775000 / 30) = 160.73;
    // t = 500 / (√2 × 160.73) = 2.1997 on 58 df: p = 0.0318 (R: t.test(x + 500, x))
    expect(mean?.test).toBe("welch");
    expect(mean?.difference).toBe(500);
    expect(round(mean?.pValue, 4)).toBe(0.0318);
    expect(mean?.noise).toBe(false);
    expect(median).toMatchObject({ difference: 500, test: "none", pValue: null, noise: null });
  });

  test("refuses what it cannot read, in the library's grammar", () => {
    expect(() => withChange(rows, { against: "week" as never })).toThrow(
      'withChange: against must be one of previous, year, got "week"',
    );
    expect(() => withChange(rows, { level: 2 })).toThrow(RangeError);
    expect(() => withChange(5 as never)).toThrow("withChange: rows must be an array, got 5");
  });
});
