import { SettingsDto, SettingsHistoryDto, SettingsImpactDto, type KycSettings } from '@kyc-review/contracts';
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';

const SETTINGS_KEY = ['settings'] as const;
const HISTORY_KEY = ['settings', 'history'] as const;
/** Cases are re-assessed with the new settings or list: every cached case and queue page is stale. */
export const CASES_KEYS = [['cases'], ['case']] as const;

export const settingsQueryOptions = (api: ApiClient) =>
  queryOptions({ queryKey: SETTINGS_KEY, queryFn: () => readJson(api.rpc.api.settings.$get(), SettingsDto) });

export function useSaveSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: KycSettings) => readJson(api.rpc.api.settings.$put({ json: settings }), SettingsDto),
    onSuccess: async (saved) => {
      queryClient.setQueryData(SETTINGS_KEY, saved);
      await queryClient.invalidateQueries({ queryKey: HISTORY_KEY });
      await Promise.all(CASES_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

/** What saving these settings would do (lead-only), asked before the save is confirmed. */
export function useSettingsImpact() {
  const api = useApi();
  return useMutation({
    mutationFn: (settings: KycSettings) =>
      readJson(api.rpc.api.settings.impact.$post({ json: settings }), SettingsImpactDto),
  });
}

/** The settings change history (leads), newest first, a page at a time. */
export const settingsHistoryQueryOptions = (api: ApiClient) =>
  infiniteQueryOptions({
    queryKey: HISTORY_KEY,
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      readJson(
        api.rpc.api.settings.history.$get({ query: pageParam === null ? {} : { before: String(pageParam) } }),
        SettingsHistoryDto,
      ),
    getNextPageParam: (last) => last.next_before,
  });
