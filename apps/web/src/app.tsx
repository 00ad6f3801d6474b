import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ApiClient } from './api/api-client';
import { ApiProvider } from './api/api-context';
import { networkError } from './api/api-error';
import type { AppRouter, Screens } from './router';
import { SessionErrorPage } from './session/session-error-page';
import { SessionGate } from './session/session-gate';
import { SessionLoading } from './session/session-loading';

export interface AppProps {
  api: ApiClient;
  queryClient: QueryClient;
  /** A router, or the promise of one (main.tsx starts loading the router chunk at once). */
  router: AppRouter | Promise<AppRouter>;
}

type Launch =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly Screens: typeof Screens; readonly router: AppRouter }
  | { readonly state: 'failed'; readonly cause: unknown };

/**
 * The router chunk (the route table and its provider) and the router, once both are there.
 * Plain state, not `lazy` and `use()`: a Suspense fallback shown on the launch would hold
 * the first screen back until 300 ms after it (React throttles the reveal of a suspended
 * boundary), on every launch, cold or warm (decision 019).
 */
function useLaunch(router: AppRouter | Promise<AppRouter>): Launch {
  const [launch, setLaunch] = useState<Launch>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    Promise.all([import('./router'), router]).then(
      ([module, ready]) => {
        if (live) setLaunch({ state: 'ready', Screens: module.Screens, router: ready });
      },
      (cause: unknown) => {
        if (live) setLaunch({ state: 'failed', cause });
      },
    );
    return () => {
      live = false;
    };
  }, [router]);
  return launch;
}

/** The screens, or the loading screen while their chunk arrives, or why it did not. */
function LaunchedScreens({ router }: { router: AppRouter | Promise<AppRouter> }) {
  const launch = useLaunch(router);
  if (launch.state === 'ready') return <launch.Screens router={launch.router} />;
  if (launch.state === 'failed')
    // A chunk that failed to load stays failed in this document: only a reload fetches it again.
    return <SessionErrorPage error={networkError(launch.cause)} retrying={false} onRetry={() => location.reload()} />;
  return <SessionLoading />;
}

/**
 * The whole app, with its dependencies passed in (main.tsx builds the real ones; tests pass
 * a client wired to the in-process BFF and a memory router). The router sits inside the
 * session gate, so no screen renders or asks anything before a session is known. The router
 * and its screens are a chunk of their own: the entry is React, the query client and the
 * session bootstrap (decision 019, `bench/initial-js.ts`).
 */
export function App({ api, queryClient, router }: AppProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <ApiProvider api={api}>
        <SessionGate>
          <LaunchedScreens router={router} />
        </SessionGate>
      </ApiProvider>
    </QueryClientProvider>
  );
}
