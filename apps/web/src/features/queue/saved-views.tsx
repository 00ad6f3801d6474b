import { SAVED_VIEW_NAME_MAX, SavedViewBody, type SavedViewDto, type SavedViewListDto } from '@kyc-review/contracts';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { errorMessage } from '../../components/error-state';
import { controlClass } from '../../components/field';
import { Skeleton } from '../../components/skeleton';
import { readQueueFilters, writeQueueFilters, type QueueFilters } from './queue-filters';
import styles from './queue-page.module.css';
import { savedViewsQueryOptions, useDeleteView, useSaveView } from './saved-views-queries';

/** A saved view's link: its filters as the queue's URL (first page). */
const savedHref = (view: SavedViewDto) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(view.filters)) if (value !== undefined) params.set(key, value);
  const query = writeQueueFilters(readQueueFilters(params)).toString();
  return `/queue${query === '' ? '' : `?${query}`}`;
};

/** The current filters without paging: what a saved view keeps. */
function keptFilters(filters: QueueFilters): SavedViewDto['filters'] {
  const { page: _page, cursor: _cursor, ...kept } = filters;
  return kept;
}

/**
 * The reviewer's saved views after the built-in ones: each a link (the URL holds its
 * filters), with Delete; "Save view…" names the current filters and keeps them in the BFF.
 */
export function SavedViews({ filters, currentHref }: { filters: QueueFilters; currentHref: string }) {
  const query = useQuery(savedViewsQueryOptions(useApi()));
  const save = useSaveView();
  const remove = useDeleteView();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    // Checked here first with the BFF's own schema, so the message is said before sending.
    const body = SavedViewBody.safeParse({ name, filters: keptFilters(filters) });
    if (!body.success) {
      setInvalid(body.error.issues[0]?.message ?? 'Check the name.');
      return;
    }
    setInvalid(null);
    save.mutate(body.data, {
      onSuccess: () => {
        setNaming(false);
        setName('');
      },
    });
  };
  const error =
    invalid ?? (save.error instanceof ApiError ? save.error.message : save.isError ? 'The view was not saved.' : null);
  return (
    <>
      <SavedViewsState query={query} />
      {query.data?.items.map((view) => {
        const href = savedHref(view);
        return (
          <li key={view.view_id} className={styles.savedView}>
            <Link to={href} className={styles.view} aria-current={href === currentHref ? 'page' : undefined}>
              {view.name}
            </Link>
            <button
              type="button"
              className={styles.deleteView}
              aria-label={`Delete the saved view ${view.name}`}
              disabled={remove.isPending}
              onClick={() => remove.mutate(view.view_id)}
            >
              ×
            </button>
          </li>
        );
      })}
      {remove.isError && (
        <li role="alert" className={styles.saveViewError}>
          The view was not deleted: {errorMessage(remove.error)}
        </li>
      )}
      <li>
        {naming ? (
          <form className={styles.saveViewForm} onSubmit={onSubmit} aria-label="Save this view">
            <input
              className={controlClass}
              aria-label="Name of the view"
              value={name}
              maxLength={SAVED_VIEW_NAME_MAX}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={error !== null}
              aria-describedby={error === null ? undefined : 'save-view-error'}
              autoFocus
            />
            <Button type="submit" variant="primary" disabled={save.isPending}>
              Save
            </Button>
            <Button
              onClick={() => {
                setNaming(false);
                setInvalid(null);
                save.reset();
              }}
            >
              Cancel
            </Button>
            {error !== null && (
              <span id="save-view-error" role="alert" className={styles.saveViewError}>
                {error}
              </span>
            )}
          </form>
        ) : (
          <Button
            onClick={() => {
              remove.reset();
              setNaming(true);
            }}
          >
            Save view…
          </Button>
        )}
      </li>
    </>
  );
}

type SavedViewsQuery = UseQueryResult<SavedViewListDto>;

/**
 * While the reviewer's views load, a placeholder says so; when they cannot be read, why, with a
 * retry (the built-in views still work); with none yet, how to make one.
 */
function SavedViewsState({ query }: { query: SavedViewsQuery }) {
  if (query.isPending)
    return (
      <li className={styles.savedViewsNote} aria-busy="true">
        <Skeleton width="6rem" />
        <span className="visually-hidden">Loading your saved views…</span>
      </li>
    );
  if (query.isError)
    return (
      <li role="alert" className={styles.savedViewsNote}>
        <span className={styles.saveViewError}>Your saved views could not be loaded: {errorMessage(query.error)}</span>
        <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
          {query.isFetching ? 'Trying again…' : 'Try again'}
        </Button>
      </li>
    );
  if (query.data.items.length === 0)
    return <li className={styles.savedViewsNote}>No saved views yet: set the filters, then save them as a view.</li>;
  return null;
}
