"use client";

import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import { useResolvedTheme } from "@/components/shell/use-theme";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
}

/**
 * A uPlot time chart in a labelled figure. uPlot draws on a canvas, which a screen reader cannot read, so the
 * figure has an accessible name and the panel shows the current figures as text beside it.
 */
export function UPlotChart(props: {
  title: string;
  times: number[];
  series: ChartSeries[];
  format: (v: number) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useResolvedTheme();
  const key = `${props.series.map((s) => s.label).join("|")}|${theme}`;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const fmt = props.format;
    // uPlot paints axes on a canvas, where CSS cannot reach: give it the theme's colours (readable in both).
    const ink = theme === "dark" ? "#cbd5e1" : "#334155";
    const grid = { stroke: theme === "dark" ? "#334155" : "#e2e8f0", width: 1 };
    const axis = { stroke: ink, grid, ticks: grid };
    const opts: uPlot.Options = {
      width: el.clientWidth || 400,
      height: 160,
      legend: { show: true },
      // At least a minute wide, so a chart with one or two samples shows seconds, not years.
      scales: { x: { time: true, range: (_u, min, max) => [Math.min(min, max - 60), max] } },
      axes: [axis, { ...axis, values: (_u, vals) => vals.map((v) => fmt(v)), size: 84 }],
      series: [
        {},
        ...props.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.5,
          value: (_u: uPlot, v: number | null) => (v == null ? "–" : fmt(v)),
        })),
      ],
    };
    let cancelled = false;
    const ro = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth || 400, height: 160 }));
    // uPlot touches window when loaded: load it in the browser only.
    void import("uplot").then(({ default: UPlot }) => {
      if (cancelled) return;
      plot.current = new UPlot(opts, [[], ...props.series.map(() => [])] as uPlot.AlignedData, el);
      plot.current.setData(latest.current());
      ro.observe(el);
    });
    return () => {
      cancelled = true;
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [key]);

  const latest = useRef(() => [] as unknown as uPlot.AlignedData);
  latest.current = () => [props.times, ...props.series.map((s) => s.values)] as uPlot.AlignedData;
  useEffect(() => {
    plot.current?.setData(latest.current());
  });

  return (
    <figure className="min-w-0 rounded border border-slate-200 p-2 dark:border-slate-800">
      <figcaption className="text-sm font-medium">{props.title}</figcaption>
      <div ref={box} role="img" aria-label={`${props.title} chart`} />
    </figure>
  );
}
