import type { CheckStatus } from '@kyc-review/contracts';
import styles from './check-status-icon.module.css';
import { cx } from './class-names';

export const CHECK_STATUS_LABELS: Readonly<Record<CheckStatus, string>> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  skipped: 'Skipped',
};

const GLYPHS: Readonly<Record<CheckStatus, string>> = { pass: '✓', warn: '!', fail: '✕', skipped: '–' };

/** A check's outcome as a shaped, coloured glyph with its name for screen readers. */
export function CheckStatusIcon({ status }: { status: CheckStatus }) {
  return (
    <span
      className={cx(styles.icon, styles[status])}
      role="img"
      aria-label={CHECK_STATUS_LABELS[status]}
      title={CHECK_STATUS_LABELS[status]}
    >
      {GLYPHS[status]}
    </span>
  );
}
