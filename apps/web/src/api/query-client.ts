import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isSessionEnded, isSignInNeeded } from './api-error';

export const SESSION_QUERY_KEY = ['session'] as const;

const MAX_RETRIES = 2;

/**
 * Retry only what a second try can fix: network failures and 5xx. A 4xx (no session,
 * missing permission, validation, not found) answers the same every time, and retrying a
 * 401 would just hammer the BFF before the session-ended screen appears.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

export interface QueryClientOptions {
  /** Delay between retries; tests pass 0 so a failing BFF reaches its final state at once. */
  retryDelayMs?: number;
}

export function createQueryClient(options: QueryClientOptions = {}): QueryClient {
  const retryDelay = options.retryDelayMs ?? ((attempt: number) => Math.min(1000 * 2 ** attempt, 8000));

  // Any call that finds the session gone re-asks /api/session, whose 401 switches the whole
  // app to the session-ended screen (src/session/session-gate.tsx) instead of a broken page.
  const onError = (error: unknown, isSessionQuery: boolean) => {
    // reviewer_required (signed out elsewhere, disabled) does the same: the gate then shows the sign-in screen.
    if (!isSessionQuery && (isSessionEnded(error) || isSignInNeeded(error)))
      void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
  };

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        onError(error, query.queryKey[0] === SESSION_QUERY_KEY[0]);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        onError(error, false);
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, retryDelay, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
