import { describe, expect, test } from "vitest";
import { evaluateTargets } from "./targets.ts";

const month = (m: number) => ({
  start: `2024-0${m}-01T00:00:00.000Z`,
  end: `2024-0${m + 1}-01T00:00:00.000Z`,
  label: `2024-0${m}`,
});

describe("evaluateTargets", () => {
  test("one evaluation per key combination, baseline and current skipping empty periods", () => {
    const rows = [
      { period: month(1), channel: "email", churn: { value: 10 } },
      { period: month(1), channel: "chat", churn: { value: null } },
      { period: month(2), channel: "email", churn: { value: 9.5 } },
      { period: month(2), channel: "chat", churn: { value: null } },
      { period: month(3), channel: "email", churn: { value: null } },
    ];
    const [email, chat] = evaluateTargets(rows, {
      column: "churn",
      target: 9,
      direction: "lower",
      deadline: "2024-07-01T00:00:00Z",
    });
    // 10 → 9 over January–June; February's 9.5, judged at 1 March (60 of 182 days):
    // progress (9.5 − 10) / (9 − 10) = 0.5 ≥ 0.33 → on track
    expect(email).toMatchObject({ keys: { channel: "email" }, progress: 0.5, status: "on-track" });
    expect(email?.expectedProgress).toBeCloseTo(60 / 182, 12);
    expect(email?.latest?.label).toBe("2024-02");
    // no data is unknown, never zero progress
    expect(chat).toMatchObject({
      status: "unknown",
      reason: "no period has a value",
      progress: null,
    });
  });

  test("a baseline already past the target is said, not thrown", () => {
    const rows = [{ period: month(1), csat: { value: 95 } }];
    const [csat] = evaluateTargets(rows, { column: "csat", target: 90, direction: "higher" });
    expect(csat?.status).toBe("unknown");
    expect(csat?.reason).toBe(
      "target must be above the baseline 95 when direction is higher, got 90",
    );
  });
});
