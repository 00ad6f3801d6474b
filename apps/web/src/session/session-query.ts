import { queryOptions } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../api/api-client';
import { loadContracts } from '../api/contracts';
import { SESSION_QUERY_KEY } from '../api/query-client';

/**
 * `GET /api/session`: who is signed in and what the install may do. It is not polled:
 * every /api call slides the idle expiry, so polling would keep an unattended session
 * alive forever. It is re-asked on window focus and whenever another call gets a 401.
 */
export const sessionQueryOptions = (api: ApiClient) =>
  queryOptions({
    queryKey: SESSION_QUERY_KEY,
    queryFn: async () => {
      // The schema loads while the request is in flight: neither waits for the other.
      const [{ SessionDto }, response] = await Promise.all([loadContracts(), api.rpc.api.session.$get()]);
      const session = await readJson(response, SessionDto);
      api.setCsrfToken(session.csrf_token);
      return session;
    },
  });
