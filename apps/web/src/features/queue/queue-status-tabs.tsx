import { Tabs } from 'radix-ui';
import type { ReactNode } from 'react';
import { STATUS_LABELS, type QueueStatus } from '../../components/status-badge';
import styles from './queue-page.module.css';

/** Tab order: the work still to do first (decided cases that changed since their decision lead), then the decided cases. */
export const QUEUE_TABS: readonly QueueStatus[] = [
  'needs_rereview',
  'never_reviewed',
  'new',
  'in_review',
  'info_requested',
  'escalated',
  'approved',
  'rejected',
];
const ALL = 'all';

export interface QueueStatusTabsProps {
  status: QueueStatus | undefined;
  counts: Readonly<Record<string, number>> | undefined;
  /** The counts are lower bounds (a broad search, counted in part by the BFF): each reads "N+". */
  atLeast?: boolean;
  onStatusChange: (status: QueueStatus | undefined) => void;
  children: ReactNode;
}

const isQueueStatus = (value: string): value is QueueStatus => (QUEUE_TABS as readonly string[]).includes(value);

/**
 * The status tabs with their counts, which follow the other active filters (the BFF counts
 * each tab with them), so a tab says what it would show (Radix Tabs: arrow keys move between tabs). Only the
 * active tab's panel exists; its content is the one filtered table.
 */
export function QueueStatusTabs({ status, counts, atLeast = false, onStatusChange, children }: QueueStatusTabsProps) {
  const value = status ?? ALL;
  // Every listed case has one status; never reviewed is a subset of them (new cases), not added.
  const all =
    counts === undefined
      ? undefined
      : QUEUE_TABS.filter((t) => t !== 'never_reviewed').reduce((n, t) => n + (counts[t] ?? 0), 0);
  const figure = (n: number) => (atLeast ? `${String(n)}+` : String(n));
  const spoken = (n: number) => `, ${atLeast ? 'at least ' : ''}${String(n)} cases`;
  return (
    <Tabs.Root
      value={value}
      onValueChange={(next) => onStatusChange(isQueueStatus(next) ? next : undefined)}
      activationMode="manual"
    >
      <Tabs.List className={styles.tabs} aria-label="Cases by status">
        <Tabs.Trigger value={ALL} className={styles.tab}>
          All
          <span className={styles.count} aria-label={all === undefined ? undefined : spoken(all)}>
            {all === undefined ? '…' : figure(all)}
          </span>
        </Tabs.Trigger>
        {QUEUE_TABS.map((tab) => (
          <Tabs.Trigger key={tab} value={tab} className={styles.tab}>
            {STATUS_LABELS[tab]}
            <span className={styles.count} aria-label={counts === undefined ? undefined : spoken(counts[tab] ?? 0)}>
              {counts === undefined ? '…' : figure(counts[tab] ?? 0)}
            </span>
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      <Tabs.Content value={value} className={styles.panel} tabIndex={-1}>
        {children}
      </Tabs.Content>
    </Tabs.Root>
  );
}
