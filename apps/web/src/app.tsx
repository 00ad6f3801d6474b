import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import type { ApiClient } from './api/api-client';
import { ApiProvider } from './api/api-context';
import type { AppRouter } from './router';
import { SessionGate } from './session/session-gate';

export interface AppProps {
  api: ApiClient;
  queryClient: QueryClient;
  router: AppRouter;
}

/**
 * The whole app, with its dependencies passed in (main.tsx builds the real ones; tests pass
 * a client wired to the in-process BFF and a memory router). The router sits inside the
 * session gate, so no screen renders or asks anything before a session is known.
 */
export function App({ api, queryClient, router }: AppProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <ApiProvider api={api}>
        <SessionGate>
          <RouterProvider router={router} />
        </SessionGate>
      </ApiProvider>
    </QueryClientProvider>
  );
}
