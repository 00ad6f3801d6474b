import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { loadShell, SCREENS } from './route-modules';
import { RouteErrorPage } from './shell/route-error-page';
import { SessionLoading } from './session/session-loading';

/**
 * The route table. Everything is lazy, the shell too (it carries the Radix widgets), so the
 * first download is only React, the router, the query client and the session bootstrap;
 * the router starts fetching the shell at once, in parallel with /api/session. Paths are real URLs
 * (BrowserRouter) and the BFF answers index.html for them, so a reload inside the Cloud
 * iframe reopens the same screen.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    lazy: async () => ({ Component: await loadShell() }),
    HydrateFallback: SessionLoading,
    errorElement: <RouteErrorPage />,
    children: [
      {
        // Pathless, so a failing screen shows its error inside the shell, not instead of it.
        errorElement: <RouteErrorPage />,
        children: SCREENS.map(({ path, load }) => ({
          ...(path === undefined ? { index: true as const } : { path }),
          lazy: async () => ({ Component: await load() }),
        })),
      },
    ],
  },
];

export type AppRouter = ReturnType<typeof createBrowserRouter>;

export const createRouter = (): AppRouter => createBrowserRouter(routes);

/**
 * The screens: the router's provider, for <App> to load with this chunk (the router is not in
 * the entry, decision 019). main.tsx starts loading it at once, so the route chunks load in
 * parallel with /api/session; tests pass a memory router.
 */
export function Screens({ router }: { router: AppRouter }) {
  // Navigations render at once, not as time-sliced transitions: a screen then commits in one
  // task instead of yielding every 5 ms to whatever else the page is doing (decision 019).
  return <RouterProvider router={router} useTransitions={false} />;
}
