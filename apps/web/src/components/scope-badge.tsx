import type { Permission } from '@kyc-review/contracts';
import { Tooltip } from 'radix-ui';
import { SCOPES } from '../session/scopes';
import styles from './scope-badge.module.css';
import { cx } from './class-names';

export interface ScopeBadgeProps {
  scope: Permission;
  granted: boolean;
}

/**
 * A scope as a small badge. It is a button only so keyboard users can focus it and read the
 * tooltip (what the scope allows, or what is unavailable without it); it does nothing else.
 */
export function ScopeBadge({ scope, granted }: ScopeBadgeProps) {
  const { allows, without } = SCOPES[scope];
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <button
          type="button"
          className={cx(styles.badge, !granted && styles.missing)}
          aria-label={`${scope}: ${granted ? 'granted' : 'not granted'}`}
        >
          {!granted && <span aria-hidden="true">✕</span>}
          {scope}
        </button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className={styles.tooltip} side="bottom" align="end" sideOffset={6} collisionPadding={8}>
          <strong>{granted ? `${scope} granted` : `${scope} not granted`}</strong>
          <span>{granted ? allows : without}</span>
          <Tooltip.Arrow className={styles.arrow} />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
