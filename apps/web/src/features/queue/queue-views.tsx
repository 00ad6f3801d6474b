import { roleAtLeast, type SessionDto } from '@kyc-review/contracts';
import { Link } from 'react-router';
import { useSession } from '../../session/session-context';
import { writeQueueFilters, type QueueFilters } from './queue-filters';
import styles from './queue-page.module.css';
import { SavedViews } from './saved-views';

// The queue's named views (issue 12): each is a combination of the URL filters, so a view
// is a link, the back button works and a view can be shared.

export interface QueueView {
  readonly id: string;
  readonly label: string;
  readonly filters: Omit<QueueFilters, 'page'>;
  /** Shown to leads and admins only (who give second approvals). */
  readonly leads?: true;
}

export const QUEUE_VIEWS: readonly QueueView[] = [
  { id: 'mine', label: 'My open work', filters: { assignee: 'me', open: 'true', sort: 'due_at_asc' } },
  { id: 'unassigned', label: 'Unassigned', filters: { assignee: 'none', open: 'true', sort: 'due_at_asc' } },
  {
    id: 'second',
    label: 'Awaiting my second approval',
    filters: { second_approval: 'awaiting', sort: 'due_at_asc' },
    leads: true,
  },
  { id: 'overdue', label: 'Overdue', filters: { overdue: 'true', sort: 'due_at_asc' } },
  { id: 'rereview', label: 'Needs re-review', filters: { status: 'needs_rereview', sort: 'due_at_asc' } },
  { id: 'all', label: 'All cases', filters: { sort: 'risk_desc' } },
];

/** `view=all` marks the plain queue chosen on purpose (a reviewer's bare /queue is their own work). */
export const ALL_VIEW_PARAM = 'view';

export const viewHref = (view: QueueView): string => {
  const params = writeQueueFilters({ ...view.filters, page: 1 });
  if (view.id === 'all') params.set(ALL_VIEW_PARAM, 'all');
  const query = params.toString();
  return `/queue${query === '' ? '' : `?${query}`}`;
};

/** The URL of these filters on their first page: how a saved view's link is matched. */
function hereHref(filters: QueueFilters): string {
  const params = writeQueueFilters({ ...filters, page: 1 });
  params.delete('cursor');
  const query = params.toString();
  return `/queue${query === '' ? '' : `?${query}`}`;
}

/** Same filters, whatever the page: the URL form of each, page and cursor left out. */
function same(a: Omit<QueueFilters, 'page'>, b: QueueFilters): boolean {
  const key = (f: Omit<QueueFilters, 'page'>) => {
    const params = writeQueueFilters({ ...f, page: 1 });
    params.delete('cursor');
    return params.toString();
  };
  return key(a) === key(b);
}

/** The view the filters are exactly, if any. */
export const activeView = (filters: QueueFilters): QueueView | undefined =>
  QUEUE_VIEWS.find((v) => same(v.filters, filters));

/**
 * A bare /queue is "My open work" for a reviewer (their day starts with their own cases,
 * oldest due first) and all cases for leads and admins.
 */
export function defaultView(params: URLSearchParams, session: SessionDto): URLSearchParams {
  const reviewer = session.reviewer !== null && !roleAtLeast(session.reviewer.role, 'lead');
  const mine = QUEUE_VIEWS[0];
  if (params.toString() !== '' || !reviewer || mine === undefined) return params;
  return writeQueueFilters({ ...mine.filters, page: 1 });
}

export const useDefaultView = (params: URLSearchParams): URLSearchParams => defaultView(params, useSession().session);

export function QueueViews({ filters }: { filters: QueueFilters }) {
  const current = activeView(filters);
  const { session } = useSession();
  const lead = session.reviewer !== null && roleAtLeast(session.reviewer.role, 'lead');
  return (
    <nav aria-label="Views">
      <ul className={styles.views}>
        {QUEUE_VIEWS.filter((view) => view.leads !== true || lead).map((view) => (
          <li key={view.id}>
            <Link
              to={viewHref(view)}
              className={styles.view}
              aria-current={current?.id === view.id ? 'page' : undefined}
            >
              {view.label}
            </Link>
          </li>
        ))}
        <SavedViews filters={filters} currentHref={hereHref(filters)} />
      </ul>
    </nav>
  );
}
