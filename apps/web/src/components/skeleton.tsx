import styles from './skeleton.module.css';

/** A grey bar standing in for text while it loads; hidden from assistive tech (the container says "Loading"). */
export function Skeleton({ width = '100%' }: { width?: string }) {
  return <span className={styles.line} style={{ width }} aria-hidden="true" />;
}
