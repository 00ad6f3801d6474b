import type { ReactNode } from 'react';
import styles from './state.module.css';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** What the user can do about it (clear filters, import a list). */
  action?: ReactNode;
}

/** Nothing to show, said plainly, with the way forward when there is one. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className={styles.state}>
      <p className={styles.title}>{title}</p>
      {children !== undefined && <div className={styles.detail}>{children}</div>}
      {action}
    </div>
  );
}
