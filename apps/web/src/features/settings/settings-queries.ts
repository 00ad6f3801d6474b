import {
  SettingsDto,
  WATCHLIST_IMPORT_PATH,
  WatchlistImportResultDto,
  WatchlistSummaryDto,
  type KycSettings,
  type WatchlistImportFormat,
} from '@kyc-review/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';

const SETTINGS_KEY = ['settings'] as const;
const WATCHLIST_KEY = ['watchlist'] as const;
/** Cases are re-assessed with the new settings or list: every cached case and queue page is stale. */
const CASES_KEYS = [['cases'], ['case']] as const;

export const settingsQueryOptions = (api: ApiClient) =>
  queryOptions({ queryKey: SETTINGS_KEY, queryFn: () => readJson(api.rpc.api.settings.$get(), SettingsDto) });

export const watchlistQueryOptions = (api: ApiClient) =>
  queryOptions({ queryKey: WATCHLIST_KEY, queryFn: () => readJson(api.rpc.api.watchlist.$get(), WatchlistSummaryDto) });

export function useSaveSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: KycSettings) => readJson(api.rpc.api.settings.$put({ json: settings }), SettingsDto),
    onSuccess: async (saved) => {
      queryClient.setQueryData(SETTINGS_KEY, saved);
      await Promise.all(CASES_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

export interface WatchlistUpload {
  readonly files: readonly File[];
  /** Named by the operator; otherwise the BFF recognises the format from the content. */
  readonly format: WatchlistImportFormat | null;
}

/**
 * `POST /api/watchlist/import` with the files as multipart parts (the OFAC files go
 * together). It goes through the client's plain fetch (the typed tree has no multipart
 * form), which still adds the CSRF header; the browser sets the multipart boundary.
 */
export function useImportWatchlist() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ files, format }: WatchlistUpload) => {
      const form = new FormData();
      for (const file of files) form.append('file', file, file.name);
      const query = format === null ? '' : `?format=${format}`;
      return readJson(
        api.fetch(`${WATCHLIST_IMPORT_PATH}${query}`, { method: 'POST', body: form }),
        WatchlistImportResultDto,
      );
    },
    onSuccess: async (result) => {
      queryClient.setQueryData(WATCHLIST_KEY, result.summary);
      await Promise.all(CASES_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
