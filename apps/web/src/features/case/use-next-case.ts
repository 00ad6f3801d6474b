import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { lastQueueView, rememberQueueView } from '../queue/last-queue-view';
import { readQueueFilters, type QueueFilters } from '../queue/queue-filters';
import { queueQueryOptions } from '../queue/queue-queries';
import { useDefaultView } from '../queue/queue-views';

/**
 * "Next case" (N): the case after this one in the queue view the reviewer came from (else
 * their default view), read fresh, so a case just decided that left the view is skipped.
 * Past the page's last row it reads the next page; at the end of the view it says so.
 */
export function useNextCase(identityId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const fallback = readQueueFilters(useDefaultView(new URLSearchParams()));
  const [note, setNote] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const after = async (filters: QueueFilters) => {
    const page = await queryClient.query(queueQueryOptions(api, filters));
    const here = page.items.findIndex((c) => c.identity_id === identityId);
    const next = here >= 0 ? page.items[here + 1] : page.items.find((c) => c.identity_id !== identityId);
    if (next !== undefined || page.next_cursor === null) return next;
    const following = { ...filters, page: filters.page + 1, cursor: page.next_cursor };
    const nextPage = await queryClient.query(queueQueryOptions(api, following));
    rememberQueueView(following);
    return nextPage.items.find((c) => c.identity_id !== identityId);
  };

  const go = async () => {
    if (pending) return;
    setPending(true);
    try {
      const next = await after(lastQueueView() ?? fallback);
      if (next === undefined) setNote('This is the last case in the queue view you came from.');
      else {
        setNote(null);
        void navigate(`/cases/${encodeURIComponent(next.identity_id)}`);
      }
    } catch (error) {
      setNote(
        `The next case could not be found: ${error instanceof ApiError ? error.message : 'the queue did not answer'}.`,
      );
    } finally {
      setPending(false);
    }
  };
  return { go, pending, note };
}
