import { SavedViewDto, SavedViewListDto, type SavedViewBody } from '@kyc-review/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';

const SAVED_VIEWS_KEY = ['saved-views'] as const;

/** `GET /api/saved-views`: the signed-in reviewer's own named views. */
export const savedViewsQueryOptions = (api: ApiClient) =>
  queryOptions({
    queryKey: SAVED_VIEWS_KEY,
    queryFn: () => readJson(api.rpc.api['saved-views'].$get(), SavedViewListDto),
  });

export function useSaveView() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedViewBody) => readJson(api.rpc.api['saved-views'].$post({ json: body }), SavedViewDto),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SAVED_VIEWS_KEY }),
  });
}

export function useDeleteView() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (viewId: string) => {
      await api.rpc.api['saved-views'][':viewId'].$delete({ param: { viewId } });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: SAVED_VIEWS_KEY }),
  });
}
