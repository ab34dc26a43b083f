import { describe, expect, test } from "vitest";
import { survey, ticket } from "../../test/fixtures.ts";
import { catalogue } from "../metrics/catalogue.ts";
import { ces } from "../metrics/surveys/ces.ts";
import { csat } from "../metrics/surveys/csat.ts";
import { nps } from "../metrics/surveys/nps.ts";
import { escalationRate } from "../metrics/tickets/escalationRate.ts";
import { firstResponseTime } from "../metrics/tickets/firstResponseTime.ts";
import { handoffs } from "../metrics/tickets/handoffs.ts";

const scale = { min: 1, max: 5 };
/** `good` answers of 5 and `bad` answers of 1 on a 1–5 scale. */
function csatAnswers(good: number, bad: number) {
  return [
    ...Array.from({ length: good }, () => survey("csat", 5, { scale })),
    ...Array.from({ length: bad }, () => survey("csat", 1, { scale })),
  ];
}
const round = (x: number | undefined, digits = 2) => Number((x as number).toFixed(digits));

describe("published anchors through the metrics' interval option", () => {
  // Newcombe (1998a), Statistics in Medicine 17, table I, Wilson score (method 3), 95 %.
  test.each([
    [81, 263, 25.53, 36.62],
    [15, 148, 6.24, 16.05],
    [0, 20, 0, 16.11],
    [1, 29, 0.61, 17.18],
  ])("CSAT top-box %i of %i: Wilson %f %% to %f %%", (good, n, lower, upper) => {
    const result = csat(csatAnswers(good, n - good), { interval: true });
    expect(result.interval?.method).toBe("wilson");
    expect(result.interval?.level).toBe(0.95);
    expect(round(result.interval?.lower)).toBe(lower);
    expect(round(result.interval?.upper)).toBe(upper);
  });

  test("escalation rate 1 of 29 gives the same Wilson interval as any rate", () => {
    const tickets = Array.from({ length: 29 }, (_, i) => ticket({ escalated: i === 0 }));
    const result = escalationRate(tickets, { interval: true });
    expect([round(result.interval?.lower), round(result.interval?.upper)]).toEqual([0.61, 17.18]);
  });

  const book = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9].map((score) => survey("nps", score));

  test("NPS on the definition book's 10 answers: adjusted Wald −30.33 to 61.10 (issue 18)", () => {
    const result = nps(book, { interval: true });
    expect(result.value).toBe(20);
    expect(result.interval?.method).toBe("adjusted-wald");
    expect([round(result.interval?.lower), round(result.interval?.upper)]).toEqual([-30.33, 61.1]);
  });

  test("NPS, plain Wald: 20 ± 54.03", () => {
    // p = 0.5, d = 0.3: variance 0.5 + 0.3 − 0.2² = 0.76; 1.95996 × √(0.76 / 10) × 100 = 54.03
    const result = nps(book, { interval: { method: "wald" } });
    expect(round((result.interval?.upper as number) - 20)).toBe(54.03);
    expect(round(20 - (result.interval?.lower as number))).toBe(54.03);
  });

  test("CES mean: Student's t, as R's t.test(c(4,5,5,3,4,2,5,4,4,5))$conf.int", () => {
    const answers = [4, 5, 5, 3, 4, 2, 5, 4, 4, 5].map((score) =>
      survey("ces", score, { scale: { min: 1, max: 7 } }),
    );
    const result = ces(answers, { interval: true });
    expect(result.value).toBe(4.1);
    // R 4.3: 3.388628 4.811372
    expect(round(result.interval?.lower, 6)).toBe(3.388628);
    expect(round(result.interval?.upper, 6)).toBe(4.811372);
    expect(result.interval?.method).toBe("t");
  });

  test("CSAT mean: t interval; happiness: scored like an NPS", () => {
    // scores 5 4 2 5 3 1 5 4 4 5: mean 3.8, Σx² 162, variance (162 − 38²/10) / 9 = 1.95556
    // 3.8 ± 2.262157 × √(1.95556 / 10) = 3.8 ± 1.000364
    const answers = [5, 4, 2, 5, 3, 1, 5, 4, 4, 5].map((score) => survey("csat", score, { scale }));
    const mean = csat(answers, { method: "mean", interval: true });
    expect([round(mean.interval?.lower, 4), round(mean.interval?.upper, 4)]).toEqual([
      2.7996, 4.8004,
    ]);
    // happiness: 4 top (5) and 1 bottom (1) of 10, as 4 promoters and 1 detractor: adjusted
    // Wald adds ¾ to each and 3 to n: (4.75 − 1.75) / 13 = 23.08 at the centre
    const happy = csat(answers, { method: "happiness", interval: true });
    expect(happy.value).toBe(30);
    const centre = ((happy.interval?.lower as number) + (happy.interval?.upper as number)) / 2;
    expect(round(centre)).toBe(round((100 * 3) / 13));
  });

  test("first response time median of 10: the 2nd to the 9th value (coverage 97.9 %)", () => {
    const seconds = [30, 45, 60, 90, 120, 150, 300, 600, 900, 3600];
    const created = Date.parse("2024-03-01T09:00:00Z");
    const tickets = seconds.map((s) =>
      ticket({ firstResponseAt: new Date(created + s * 1000).toISOString() }),
    );
    const result = firstResponseTime(tickets, { statistic: "median", interval: true });
    expect(result.interval).toEqual({
      lower: 45,
      upper: 900,
      level: 0.95,
      method: "order-statistics",
    });
  });

  test("handoffs: the t interval of the mean, its Σx² read from the distribution", () => {
    // handoffs 0, 1, 2 (one ticket each): mean 1, variance 1, t(0.975, 2) = 4.302653
    const at = (m: number) => `2024-03-01T09:0${m}:00Z`;
    const assigned = (...ids: string[]) =>
      ticket({ assignments: ids.map((assigneeId, i) => ({ at: at(i), assigneeId })) });
    const result = handoffs([assigned("a"), assigned("a", "b"), assigned("a", "b", "c")], {
      interval: true,
    });
    expect(result.value).toBe(1);
    expect(round(result.interval?.upper, 4)).toBe(round(1 + 4.302653 / Math.sqrt(3), 4));
  });
});

describe("without the option, results are what they were", () => {
  test("interval: false and no option give the same object, with no interval key", () => {
    const answers = csatAnswers(3, 2);
    expect(JSON.stringify(csat(answers, { interval: false }))).toBe(JSON.stringify(csat(answers)));
    expect("interval" in csat(answers)).toBe(false);
  });

  test("no data: the interval is null, never a zero-width one", () => {
    expect(csat([], { interval: true }).interval).toBeNull();
    expect(nps([], { interval: true }).interval).toBeNull();
  });
});

describe("option errors, in the library's grammar", () => {
  const answers = csatAnswers(1, 1);
  test.each([
    [
      { interval: "yes" },
      TypeError,
      'csat: interval must be true, false or an object { level, method }, got "yes"',
    ],
    [
      { interval: { level: 1 } },
      RangeError,
      "csat: interval.level must be between 0 and 1 (exclusive), got 1",
    ],
    [{ interval: { level: "0.9" } }, TypeError, 'csat: interval.level must be a number, got "0.9"'],
    [
      { interval: { method: "t" } },
      RangeError,
      'csat: interval.method must be one of wilson, agresti-coull, clopper-pearson, got "t"',
    ],
    [
      { interval: { method: "exact" } },
      RangeError,
      'csat: interval.method must be one of wilson, agresti-coull, clopper-pearson, adjusted-wald, wald, t, order-statistics, got "exact"',
    ],
    [{ interval: { lvl: 0.9 } }, TypeError, "csat: interval.lvl is not an option of interval"],
    [
      { interval: true, method: "percent-of-max" },
      RangeError,
      'csat: interval must be left out with method "percent-of-max" (a ratio of sums, not a proportion), got true',
    ],
  ])("%j", (options, Class, message) => {
    expect(() => csat(answers, options as never)).toThrow(Class);
    expect(() => csat(answers, options as never)).toThrow(message);
  });

  test("a duration metric refuses a sketch and a method that does not fit its statistic", () => {
    expect(() =>
      firstResponseTime([], { interval: true, percentiles: { sketch: "ddsketch" } }),
    ).toThrow(RangeError);
    expect(() => firstResponseTime([], { statistic: "p90", interval: { method: "t" } })).toThrow(
      'firstResponseTime: interval.method must be order-statistics for the statistic p90, got "t"',
    );
  });
});

describe("the catalogue says which metrics take an interval", () => {
  test.each(catalogue.map((metric) => [metric.name, metric] as const))("%s", (_, metric) => {
    const takes = Object.keys(
      (metric.options as unknown as { shape: Record<string, unknown> }).shape,
    ).includes("interval");
    expect(metric.takesInterval === true).toBe(takes);
  });

  test("the rates, scores and durations of the issue all take it", () => {
    const keys = catalogue.filter((metric) => metric.takesInterval).map((metric) => metric.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        "csat",
        "nps",
        "ces",
        "firstContactResolution",
        "reopenRate",
        "escalationRate",
        "slaAttainment",
        "churnRate",
        "retentionRate",
        "surveyResponseRate",
        "resolutionRate",
        "transferRate",
        "firstResponseTime",
        "resolutionTime",
        "handleTime",
      ]),
    );
  });
});
