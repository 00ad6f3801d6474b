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
}

/**
 * A bar chart drawn by Chartist (SVG, ~12 kB gzip), loaded only with the dashboard's charts.
 * It is decoration for sighted users: the caller puts the same figures in a table beside it
 * and hides this from assistive tech.
 */
export default function BarChart({ labels, series, labelEvery = 1 }: BarChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (host.current === null) return;
    const chart = new Chartist(
      host.current,
      { labels: [...labels], series: series.map((s) => ({ name: s.name, data: [...s.values] })) },
      {
        stackBars: series.length > 1,
        height: '180px',
        axisY: { onlyInteger: true },
        axisX: { labelInterpolationFnc: (value, index) => (index % labelEvery === 0 ? String(value) : '') },
      },
    );
    return () => {
      chart.detach();
    };
  }, [labels, series, labelEvery]);
  return <div ref={host} className={styles.chart} aria-hidden="true" />;
}
