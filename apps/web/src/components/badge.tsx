import type { ReactNode } from 'react';
import styles from './badge.module.css';
import { cx } from './class-names';

export type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

export interface BadgeProps {
  tone: Tone;
  children: ReactNode;
  /** A leading dot, for states (status) rather than labels. */
  dot?: boolean;
  title?: string | undefined;
}

/** A small pill; tone is decoration, the text carries the meaning. */
export function Badge({ tone, children, dot = false, title }: BadgeProps) {
  return (
    <span className={cx(styles.badge, styles[tone])} title={title}>
      {dot && <span className={styles.dot} aria-hidden="true" />}
      {children}
    </span>
  );
}
