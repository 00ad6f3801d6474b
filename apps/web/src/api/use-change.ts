import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { ApiClient } from './api-client';
import { useApi } from './api-context';

/**
 * A mutation whose answer makes some cached reads stale: `call` does the change, and every
 * query under `keys` is read again once it succeeded (the screen then shows the server's state).
 */
export function useChange<TBody, TAnswer>(
  keys: readonly QueryKey[],
  call: (api: ApiClient, body: TBody) => Promise<TAnswer>,
) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => call(api, body),
    onSuccess: () => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}
