import { useEffect, useId, useState, type ReactNode } from 'react';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import type BarChart from './bar-chart';
import type { BarChartProps } from './bar-chart';
import styles from './dashboard-page.module.css';

// The charting library is a chunk of its own: the dashboard's figures render first.
type Chart =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly BarChart: typeof BarChart }
  | { readonly state: 'failed' };
let chart: Chart = { state: 'loading' };
let loading: Promise<Chart> | undefined;

/**
 * Loads the chart's chunk once; the dashboard asks as it mounts, so it arrives with the
 * figures instead of after them. Plain state rather than `lazy`: a Suspense fallback would
 * hold the drawn charts back until 300 ms after it (React throttles a boundary's reveal).
 */
export function loadBarChart(): Promise<Chart> {
  loading ??= import('./bar-chart').then(
    (module): Chart => (chart = { state: 'ready', BarChart: module.default }),
    (): Chart => (chart = { state: 'failed' }),
  );
  return loading;
}

function useBarChart(): Chart {
  const [current, setCurrent] = useState(chart);
  useEffect(() => {
    let live = true;
    void loadBarChart().then((loaded) => {
      if (live) setCurrent(loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return current;
}

/** The drawing, a skeleton while its chunk loads, nothing if it failed (the summary and the table say it all). */
function Drawing(props: BarChartProps) {
  const loaded = useBarChart();
  if (loaded.state === 'ready') return <loaded.BarChart {...props} />;
  return loaded.state === 'loading' ? <Skeleton width="100%" /> : null;
}

export interface ChartFigureProps extends BarChartProps {
  title: string;
  /** A sentence saying what the chart shows, for everyone (and its accessible description). */
  summary: string;
  /** The same figures as a table: the chart's text equivalent. */
  table: ReactNode;
  /** Start with the table folded away (long tables); it stays in the accessibility tree. */
  foldTable?: boolean;
}

/** A chart with its summary and its figures as a table. */
export function ChartFigure({ title, summary, table, foldTable = false, ...chart }: ChartFigureProps) {
  const summaryId = useId();
  return (
    <Panel title={title}>
      <figure className={styles.figure} aria-describedby={summaryId}>
        <Drawing {...chart} />
        <figcaption id={summaryId} className={styles.summary}>
          {summary}
        </figcaption>
      </figure>
      {foldTable ? (
        <details className={styles.fold}>
          <summary>Figures as a table</summary>
          {table}
        </details>
      ) : (
        table
      )}
    </Panel>
  );
}

/** A small two-or-more column table of figures. */
export function FigureTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}) {
  return (
    <table className={styles.table}>
      <caption className={styles.visuallyHidden}>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[0])}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
