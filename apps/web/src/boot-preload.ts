// What a launch starts before and just after the first render (decision 019, `bench/first-load.ts`).
import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from './api/api-client';
import { loadQueuePage, preloadScreens } from './route-modules';
import { sessionQueryOptions } from './session/session-query';

/**
 * At once: `/api/session`, and the shell and the screen the URL names (the router chunk is
 * main.tsx's), so nothing waits for another chunk to run first. Once a reviewer is signed in
 * on another screen, as soon as the session says so: the queue's code and its first page,
 * since the queue is where a reviewer goes next; a click on Queue then renders from memory
 * even in the first second (waiting for the browser to be idle left a quick click waiting
 * for both; the request is one small page and the chunk compiles off the main thread).
 */
export function preloadLaunch(api: ApiClient, queryClient: QueryClient, pathname: string): void {
  const session = queryClient.query(sessionQueryOptions(api));
  preloadScreens(pathname);
  void session
    .then((session) => {
      const onQueue = pathname.replace(/\/+$/, '') === '/queue';
      if (onQueue || session.sign_in !== 'signed_in' || !session.granted_permissions.includes('data:read')) return;
      void loadQueuePage().catch(() => undefined);
      void import('./features/queue/queue-prefetch').then((m) => m.prefetchQueue(api, queryClient, session));
    })
    // A failed session is the session gate's to show (it asks again when it mounts).
    .catch(() => undefined);
}
