/**
 * Charts for the HTML report, drawn by Observable Plot into a linkedom document when the
 * report is generated, so the file holds plain SVG and needs no script to show them.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** A point of a line chart: the period start, a value, and optionally the series it belongs to. */
export interface SeriesPoint {
  x: Date;
  y: number;
  series?: string;
}

const WIDTH = 460;
const HEIGHT = 220;

function serverDocument(): Document {
  // linkedom's document implements the part of the DOM Plot uses; its types differ.
  return parseHTML("<!DOCTYPE html><html><body></body></html>").document as unknown as Document;
}

function render(options: Plot.PlotOptions): string {
  const figure = Plot.plot({
    document: serverDocument(),
    width: WIDTH,
    height: HEIGHT,
    ...options,
  });
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
      Plot.dot(points, { x: "x", y: "y", r: 2.5, fill: series ? "series" : "currentColor" }),
      Plot.ruleY([0]),
    ],
  });
}

/** A histogram of values (already in the unit shown), `thresholds` bins. */
export function histogram(values: readonly number[], xLabel: string): string {
  return render({
    marginLeft: 48,
    x: { label: xLabel },
    y: { label: "tickets", grid: true },
    marks: [
      Plot.rectY(values, Plot.binX({ y: "count" }, { x: (d: number) => d, thresholds: 30 })),
      Plot.ruleY([0]),
    ],
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
