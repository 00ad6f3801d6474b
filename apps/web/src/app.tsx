import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import type { ApiClient } from './api/api-client';
import { ApiProvider } from './api/api-context';
import type { AppRouter } from './router';
import { SessionGate } from './session/session-gate';
import { SessionLoading } from './session/session-loading';

// The router and its screens are a chunk of their own: the entry is React, the query
// client and the session bootstrap (decision 019, `bench/initial-js.ts`).
const Screens = lazy(async () => ({ default: (await import('./router')).Screens }));

export interface AppProps {
  api: ApiClient;
  queryClient: QueryClient;
  /** A router, or the promise of one (main.tsx starts loading the router chunk at once). */
  router: AppRouter | Promise<AppRouter>;
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
          <Suspense fallback={<SessionLoading />}>
            <Screens router={router} />
          </Suspense>
        </SessionGate>
      </ApiProvider>
    </QueryClientProvider>
  );
}
