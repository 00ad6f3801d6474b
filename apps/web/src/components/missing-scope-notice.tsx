import type { Permission } from '@kyc-review/contracts';
import { cx } from './class-names';
import styles from './state.module.css';

export interface MissingScopeNoticeProps {
  scope: Permission;
  /** What is unavailable here, e.g. "Cloud alerts on this identity are not shown". */
  title: string;
}

/**
 * Explains a scope the install lacks where its feature would be. Only a workspace admin
 * reinstalling the app can change it, so there is nothing to click.
 */
export function MissingScopeNotice({ scope, title }: MissingScopeNoticeProps) {
  return (
    <div className={cx(styles.state, styles.notice)}>
      <p className={styles.title}>{title}</p>
      <p className={styles.detail}>
        This install was not granted <code>{scope}</code>. A workspace admin can reinstall the app in Blnk Cloud with
        that scope.
      </p>
    </div>
  );
}
