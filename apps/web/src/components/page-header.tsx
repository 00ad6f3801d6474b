import { useEffect, useRef, type ReactNode } from 'react';
import styles from './page-header.module.css';

export interface PageHeaderProps {
  title: ReactNode;
  /** A line under the title (ids, counts). */
  subtitle?: ReactNode;
  /** Buttons on the right. */
  actions?: ReactNode;
  /** Badges next to the title. */
  badges?: ReactNode;
}

/**
 * The screen's h1. It takes focus when the screen opens, so after a client-side navigation
 * a screen reader announces the new page and Tab continues from its top, as after a page load.
 */
export function PageHeader({ title, subtitle, actions, badges }: PageHeaderProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className={styles.header}>
      <div className={styles.text}>
        <div className={styles.titleRow}>
          <h1 ref={headingRef} tabIndex={-1} className={styles.title}>
            {title}
          </h1>
          {badges}
        </div>
        {subtitle !== undefined && <div className={styles.subtitle}>{subtitle}</div>}
      </div>
      {actions !== undefined && <div className={styles.actions}>{actions}</div>}
    </div>
  );
}
