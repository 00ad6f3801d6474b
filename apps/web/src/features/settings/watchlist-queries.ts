import {
  PendingWatchlistImportDto,
  WATCHLIST_IMPORT_PATH,
  WatchlistAppliedDto,
  WatchlistImportPreviewDto,
  WatchlistSummaryDto,
  WatchlistVersionsDto,
  type WatchlistImportFormat,
  type WatchlistImportMode,
} from '@kyc-review/contracts';
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { CASES_KEYS } from './settings-queries';

const WATCHLIST_KEY = ['watchlist'] as const;
const VERSIONS_KEY = ['watchlist', 'versions'] as const;
const PENDING_KEY = ['watchlist', 'pending-import'] as const;

export const watchlistQueryOptions = (api: ApiClient) =>
  queryOptions({ queryKey: WATCHLIST_KEY, queryFn: () => readJson(api.rpc.api.watchlist.$get(), WatchlistSummaryDto) });

export const versionsQueryOptions = (api: ApiClient) =>
  queryOptions({
    queryKey: VERSIONS_KEY,
    queryFn: () => readJson(api.rpc.api.watchlist.versions.$get(), WatchlistVersionsDto),
  });

/** The staged import waiting for confirmation, if any (it survives a reload of the page). */
export const pendingImportQueryOptions = (api: ApiClient) =>
  queryOptions({
    queryKey: PENDING_KEY,
    queryFn: () => readJson(api.rpc.api.watchlist.imports.pending.$get(), PendingWatchlistImportDto),
  });

export interface WatchlistUpload {
  readonly files: readonly File[];
  readonly mode: WatchlistImportMode;
  /** Named by the operator; otherwise the BFF recognises the format from the content. */
  readonly format: WatchlistImportFormat | null;
}

/**
 * `POST /api/watchlist/import` with the files as multipart parts (the OFAC files go
 * together): the BFF reads and stages them and answers a preview; nothing changes yet. It
 * goes through the client's plain fetch (the typed tree has no multipart form), which still
 * adds the CSRF header; the browser sets the multipart boundary.
 */
export function useUploadWatchlist() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ files, mode, format }: WatchlistUpload) => {
      const form = new FormData();
      for (const file of files) form.append('file', file, file.name);
      const query = new URLSearchParams({ mode });
      if (format !== null) query.set('format', format);
      return readJson(
        api.fetch(`${WATCHLIST_IMPORT_PATH}?${query.toString()}`, { method: 'POST', body: form }),
        WatchlistImportPreviewDto,
      );
    },
    onSuccess: (preview) => queryClient.setQueryData(PENDING_KEY, { pending: preview }),
  });
}

/** A new version is active: its summary, the versions, and every case (re-screened) change. */
async function versionApplied(queryClient: QueryClient, applied: WatchlistAppliedDto): Promise<void> {
  queryClient.setQueryData(WATCHLIST_KEY, applied.summary);
  queryClient.setQueryData(PENDING_KEY, { pending: null });
  await Promise.all(
    [VERSIONS_KEY, ...CASES_KEYS].map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })),
  );
}

export function useConfirmImport() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (importId: string) =>
      readJson(api.rpc.api.watchlist.imports[':importId'].confirm.$post({ param: { importId } }), WatchlistAppliedDto),
    onSuccess: (applied) => versionApplied(queryClient, applied),
    // Gone (discarded elsewhere) or stale: what is pending is read again.
    onError: () => queryClient.invalidateQueries({ queryKey: [...PENDING_KEY] }),
  });
}

export function useDiscardImport() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (importId: string) => {
      await api.rpc.api.watchlist.imports[':importId'].$delete({ param: { importId } });
    },
    onSettled: () => queryClient.setQueryData(PENDING_KEY, { pending: null }),
  });
}

export function useRollback() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      readJson(
        api.rpc.api.watchlist.versions[':version'].rollback.$post({ param: { version: String(version) } }),
        WatchlistAppliedDto,
      ),
    onSuccess: (applied) => versionApplied(queryClient, applied),
  });
}
