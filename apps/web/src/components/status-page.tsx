import { useId, type ReactNode } from 'react';
import styles from './status-page.module.css';
import { cx } from './class-names';

export interface StatusPageProps {
  title: string;
  tone?: 'neutral' | 'danger';
  children?: ReactNode;
  /** Buttons or links under the text. */
  actions?: ReactNode;
  /** Small print under the actions (ids for support, for example). */
  footer?: ReactNode;
}

/**
 * A calm, centred page for states where the app cannot show its screens: session ended,
 * missing permission, server unreachable, page not found. The title is the page's h1.
 */
export function StatusPage({ title, tone = 'neutral', children, actions, footer }: StatusPageProps) {
  const titleId = useId();
  return (
    <div className={styles.wrap}>
      <section className={cx(styles.panel, tone === 'danger' && styles.danger)} aria-labelledby={titleId}>
        <p className={styles.app}>KYC Review</p>
        <h1 id={titleId} className={styles.title}>
          {title}
        </h1>
        {children !== undefined && <div className={styles.body}>{children}</div>}
        {actions !== undefined && <div className={styles.actions}>{actions}</div>}
        {footer !== undefined && <div className={styles.footer}>{footer}</div>}
      </section>
    </div>
  );
}
