import styles from './session-loading.module.css';

/** The first paint while /api/session answers: the shell's outline, so nothing jumps. */
export function SessionLoading() {
  return (
    <div className={styles.wrap} role="status" aria-live="polite">
      <div className={styles.bar}>
        <span className={styles.brand}>KYC Review</span>
      </div>
      <p className={styles.text}>Opening your session…</p>
    </div>
  );
}
