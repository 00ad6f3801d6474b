import { lazy, Suspense, useId, type ReactNode } from 'react';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import type { BarChartProps } from './bar-chart';
import styles from './dashboard-page.module.css';

// The charting library comes with this chunk only: the dashboard's figures render first.
const BarChart = lazy(() => import('./bar-chart'));

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
        <Suspense fallback={<Skeleton width="100%" />}>
          <BarChart {...chart} />
        </Suspense>
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
