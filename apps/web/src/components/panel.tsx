import { useId, type ReactNode } from 'react';
import styles from './panel.module.css';

export interface PanelProps {
  title: string;
  /** Right side of the header: a count, a status, a small action. */
  aside?: ReactNode;
  children: ReactNode;
  className?: string | undefined;
}

/** A titled section of a screen (an h2 that labels the region). */
export function Panel({ title, aside, children, className }: PanelProps) {
  const titleId = useId();
  return (
    <section
      className={className === undefined ? styles.panel : `${styles.panel} ${className}`}
      aria-labelledby={titleId}
    >
      <header className={styles.header}>
        <h2 id={titleId} className={styles.title}>
          {title}
        </h2>
        {aside !== undefined && <div className={styles.aside}>{aside}</div>}
      </header>
      {children}
    </section>
  );
}
