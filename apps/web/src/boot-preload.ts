// What a launch starts before and just after the first render (decision 019, `bench/first-load.ts`).
import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from './api/api-client';
import { loadQueuePage, preloadScreens } from './route-modules';
import { sessionQueryOptions } from './session/session-query';

/** Runs `task` when the main thread is idle (after the first screen has rendered), or within `timeoutMs`. */
function whenIdle(task: () => void, timeoutMs: number): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(task, { timeout: timeoutMs });
  else window.setTimeout(task, 0);
}

const IDLE_TIMEOUT_MS = 1_000;

/**
 * At once: `/api/session`, and the shell and the screen the URL names (the router chunk is
 * main.tsx's), so nothing waits for another chunk to run first. Once a reviewer is signed in
 * on another screen, when idle: the queue's code and its first page, since the queue is
 * where a reviewer goes next; a click on Queue then renders from memory.
 */
export function preloadLaunch(api: ApiClient, queryClient: QueryClient, pathname: string): void {
  const session = queryClient.query(sessionQueryOptions(api));
  preloadScreens(pathname);
  void session
    .then((session) => {
      const onQueue = pathname.replace(/\/+$/, '') === '/queue';
      if (onQueue || session.sign_in !== 'signed_in' || !session.granted_permissions.includes('data:read')) return;
      whenIdle(() => {
        void loadQueuePage().catch(() => undefined);
        void import('./features/queue/queue-prefetch').then((m) => m.prefetchQueue(api, queryClient, session));
      }, IDLE_TIMEOUT_MS);
    })
    // A failed session is the session gate's to show (it asks again when it mounts).
    .catch(() => undefined);
}
