import { expect, test } from "vitest";
import { firstResponseTimeReducer } from "../metrics/tickets/firstResponseTime.ts";
import { reduce } from "../reduce/reduce.ts";
import { reportDataReducer } from "./data.ts";

test("the sample keeps each record's plain fields (instants as Dates) and its measures, not the rest", () => {
  const created = new Date("2024-03-01T09:00:00Z");
  const tickets = [
    {
      id: "T1",
      createdAt: created,
      // 09:00 → 09:10: a first response of 600 s.
      firstResponseAt: new Date("2024-03-01T09:10:00Z"),
      reopenCount: 2,
      escalated: false,
      tags: ["vip", "refund"],
      messages: [{ author: "customer", at: created }],
      category: null,
    },
    // Created a day later, so newest first; never answered, so no measure.
    { id: "T2", createdAt: new Date("2024-03-02T09:00:00Z"), firstResponseAt: null },
  ];
  const data = reduce(
    tickets,
    reportDataReducer({
      metrics: { frt: firstResponseTimeReducer() },
      period: "month",
      keys: [],
      timeZone: "UTC",
      timeOf: (t: { createdAt: Date }) => t.createdAt,
    }),
  );
  expect(data.sample.records).toEqual([
    { id: "T2", createdAt: new Date("2024-03-02T09:00:00Z") },
    {
      id: "T1",
      createdAt: created,
      firstResponseAt: new Date("2024-03-01T09:10:00Z"),
      reopenCount: 2,
      escalated: false,
      tags: ["vip", "refund"],
    },
  ]);
  expect((data.sample.records[1] as { createdAt: unknown }).createdAt).toBeInstanceOf(Date);
  expect(data.sample.measures.frt).toEqual([null, 600]);
  expect(data.sample.total).toBe(2);
});
