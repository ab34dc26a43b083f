import { describe, expect, test } from "vitest";
import { arrivalPattern } from "../staffing/arrivals.ts";
import { staffingTable } from "../staffing/staffingTable.ts";
import { renderStaffingHeatmap } from "./staffingHeatmap.ts";

const META = {
  title: "Staffing <test>",
  generatedAt: new Date("2024-03-20T00:00:00Z"),
  timeZone: "Europe/Paris",
  targets: "80 % in 20 s",
};

/** The cells of the heatmap: `[interval, [monday..sunday cell texts]]`, from the page. */
function cellsOf(page: string): [string, string[]][] {
  const body = page.slice(page.indexOf("<tbody>"), page.indexOf("</tbody>"));
  return [...body.matchAll(/<tr><th>([^<]*)<\/th>(.*?)<\/tr>/g)].map((line) => [
    line[1] as string,
    [...(line[2] as string).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((cell) => cell[1] as string),
  ]);
}

describe("renderStaffingHeatmap", () => {
  // Two Mondays and one Tuesday observed in Paris: 200 calls at Monday 09:00 (100 on average),
  // 16 at Tuesday 09:30 (A = 16 × 180 / 1800 = 1.6 erlangs).
  const calls = [
    ...Array.from({ length: 120 }, (_, i) => Date.parse("2024-03-04T08:00:00Z") + i * 10_000),
    ...Array.from({ length: 80 }, (_, i) => Date.parse("2024-03-11T08:00:00Z") + i * 10_000),
    ...Array.from({ length: 16 }, (_, i) => Date.parse("2024-03-05T08:30:00Z") + i * 60_000),
  ];
  const pattern = arrivalPattern(calls, {
    timeZone: "Europe/Paris",
    intervalMinutes: 30,
    range: { start: "2024-03-04", end: "2024-03-13" },
  });
  const rows = staffingTable(pattern, {
    ahtSeconds: 180,
    targetSeconds: 20,
    serviceLevel: 0.8,
    maxOccupancy: 0.85,
    shrinkage: 0.3,
  });
  const page = renderStaffingHeatmap(rows, META);

  test("draws the agents of each open interval, weekday by column", () => {
    const tuesday = rows.find((r) => r.weekday === "tuesday" && r.start === "09:30");
    // Tuesday 09:30 occurred twice (5 and 12 March): 16 / 2 = 8 calls, A = 0.8, 3 agents.
    expect([tuesday?.contacts, tuesday?.agents]).toEqual([8, 3]);
    expect(cellsOf(page)).toEqual([
      // Monday 09:00: the book's 14 agents; Wednesday to Sunday occurred once, with no calls.
      ["09:00", ["14", "0", "0", "0", "0", "0", "0"]],
      ["09:30", ["0", "3", "0", "0", "0", "0", "0"]],
    ]);
    expect(page).toContain("46 intervals with no contact on any day left out.");
  });

  test("shades the busiest cell darkest and says what each cell holds", () => {
    expect(page).toContain(
      'style="background:hsl(212 70% 42%);color:#fff" title="monday 09:00: 100 contacts, 14 agents, 20 scheduled, service level 88.8 %">14</td>',
    );
    // 3 of 14 agents: √(3/14) = 0.463, lightness 97 − 0.463 × 55 = 71.5 → 72 %.
    expect(page).toContain('style="background:hsl(212 70% 72%);color:#1d2330"');
    expect(page).toContain('style="background:hsl(212 70% 97%);color:#1d2330"');
  });

  test("is self-contained and escapes what it is given", () => {
    expect(page).toContain("<title>Staffing &lt;test&gt;</title>");
    expect(page).not.toMatch(/<script|https?:\/\//);
    expect(page).toContain("default-src 'none'");
  });

  test("an interval never observed is unknown, not 0", () => {
    const unseen = renderStaffingHeatmap(
      [
        {
          weekday: "monday",
          start: "09:00",
          contacts: 4,
          traffic: 0.4,
          agents: 2,
          scheduled: 2,
          serviceLevel: 0.95,
          occupancy: 0.2,
        },
        {
          weekday: "tuesday",
          start: "09:00",
          contacts: null,
          traffic: null,
          agents: null,
          scheduled: null,
          serviceLevel: null,
          occupancy: null,
        },
      ],
      META,
    );
    expect(cellsOf(unseen)).toEqual([["09:00", ["2", "–", "–", "–", "–", "–", "–"]]]);
  });
});
