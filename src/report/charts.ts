/**
 * Charts for the HTML report, drawn by Observable Plot into a linkedom document when the
 * report is generated, so the file holds plain SVG and needs no script to show them.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/**
 * A point of a line chart: the period start, a value, optionally the series it belongs to, and
 * whether its period is partial (drawn hollow).
 */
export interface SeriesPoint {
  x: Date;
  y: number;
  series?: string;
  partial?: boolean;
}

const WIDTH = 460;
const HEIGHT = 220;

function serverDocument(): Document {
  // linkedom's document implements the part of the DOM Plot uses; its types differ.
  return parseHTML("<!DOCTYPE html><html><body></body></html>").document as unknown as Document;
}

/**
 * Draws a plot. Plot reports questionable data on the console and adds a warning glyph to the
 * chart; neither belongs in a report or on the terminal of `--quiet`, so both are held back.
 */
function render(options: Plot.PlotOptions): string {
  const warn = console.warn;
  console.warn = () => {};
  let figure: Element;
  try {
    figure = Plot.plot({
      document: serverDocument(),
      width: WIDTH,
      height: HEIGHT,
      ...options,
    }) as unknown as Element;
  } finally {
    console.warn = warn;
  }
  for (const text of figure.querySelectorAll("text")) {
    if (text.firstChild?.textContent === "\u26a0\ufe0f") text.remove();
  }
  return (figure as unknown as { outerHTML: string }).outerHTML;
}

/** A line with dots over periods, one line per series when the points name one. */
export function lineChart(points: readonly SeriesPoint[], yLabel: string): string {
  const series = points.some((point) => point.series !== undefined);
  const channels = series ? { stroke: "series" as const } : {};
  return render({
    marginLeft: 56,
    x: { type: "utc", label: null },
    y: { label: yLabel || null, grid: true, zero: true },
    ...(series ? { color: { legend: true, type: "categorical" as const } } : {}),
    marks: [
      Plot.lineY(points, { x: "x", y: "y", ...channels }),
      Plot.dot(
        points.filter((point) => !point.partial),
        { x: "x", y: "y", r: 2.5, fill: series ? "series" : "currentColor" },
      ),
      // A partial period (not fully covered by the records) is drawn hollow.
      Plot.dot(
        points.filter((point) => point.partial),
        { x: "x", y: "y", r: 3, fill: "white", stroke: series ? "series" : "currentColor" },
      ),
      Plot.ruleY([0]),
    ],
  });
}

/** Vertical bars over ordered bins (a histogram whose bins are already counted). */
export function binChart(bins: readonly { label: string; value: number }[]): string {
  return render({
    marginLeft: 48,
    marginBottom: 48,
    x: { label: null, domain: bins.map((bin) => bin.label), tickRotate: -35 },
    y: { label: "records", grid: true },
    marks: [Plot.barY(bins, { x: "label", y: "value" }), Plot.ruleY([0])],
  });
}

/** Horizontal bars, one per label. */
export function barChart(
  bars: readonly { label: string; value: number }[],
  xLabel: string,
): string {
  return render({
    marginLeft: 90,
    height: Math.max(80, 28 * bars.length + 40),
    x: { label: xLabel || null, grid: true },
    y: { label: null },
    marks: [Plot.barX(bars, { x: "value", y: "label", sort: { y: "-x" } }), Plot.ruleX([0])],
  });
}
