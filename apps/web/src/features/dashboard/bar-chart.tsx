import { BarChart as Chartist } from 'chartist';
import 'chartist/dist/index.css';
import { useEffect, useRef } from 'react';
import styles from './dashboard-page.module.css';

export interface BarChartProps {
  labels: readonly string[];
  /** One series per entry; stacked when there are several. */
  series: readonly { name: string; values: readonly number[] }[];
  /** Show every nth label only (30 days do not fit under a narrow chart). */
  labelEvery?: number;
  /** Bars along the x axis, labels down the side: long category names stay readable. */
  horizontal?: boolean;
}

/**
 * A bar chart drawn by Chartist (SVG, ~12 kB gzip), loaded only with the dashboard's charts.
 * It is decoration for sighted users: the caller puts the same figures in a table beside it
 * and hides this from assistive tech.
 */
export default function BarChart({ labels, series, labelEvery = 1, horizontal = false }: BarChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (host.current === null) return;
    const chart = new Chartist(
      host.current,
      { labels: [...labels], series: series.map((s) => ({ name: s.name, data: [...s.values] })) },
      horizontal
        ? {
            horizontalBars: true,
            reverseData: true,
            stackBars: series.length > 1,
            height: `${String(Math.max(180, labels.length * 28))}px`,
            axisX: { onlyInteger: true },
            axisY: { offset: 110 },
          }
        : {
            stackBars: series.length > 1,
            height: '180px',
            axisY: { onlyInteger: true },
            // Room for a label on two lines ("Over 30 / days") under narrow bars.
            axisX: {
              offset: 44,
              labelInterpolationFnc: (value, index) => (index % labelEvery === 0 ? String(value) : ''),
            },
          },
    );
    return () => {
      chart.detach();
    };
  }, [labels, series, labelEvery, horizontal]);
  return <div ref={host} className={styles.chart} aria-hidden="true" />;
}
