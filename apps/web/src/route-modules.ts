// The screens' modules as import thunks, without the router: this file is in the entry, so
// main.tsx can start loading the shell and the screen the URL names in parallel with the
// router chunk instead of after it (decision 019). router.tsx builds its routes from these,
// so a path and its module are written once.
import type { ComponentType } from 'react';

/** A lazily imported screen: its route path (below `/`) and how to load its component. */
export interface ScreenModule {
  /** `undefined` is the index route (`/`). */
  readonly path: string | undefined;
  readonly load: () => Promise<ComponentType>;
}

export const loadShell = async (): Promise<ComponentType> => (await import('./shell/app-shell')).AppShell;

export const loadQueuePage = async (): Promise<ComponentType> =>
  (await import('./features/queue/queue-page')).QueuePage;

export const SCREENS: readonly ScreenModule[] = [
  { path: undefined, load: async () => (await import('./features/dashboard/dashboard-page')).DashboardPage },
  { path: 'queue', load: loadQueuePage },
  { path: 'cases/:identityId', load: async () => (await import('./features/case/case-page')).CasePage },
  { path: 'alerts', load: async () => (await import('./features/alerts/alerts-page')).AlertsPage },
  { path: 'alerts/:alertId', load: async () => (await import('./features/alerts/alert-detail-page')).AlertDetailPage },
  { path: 'settings', load: async () => (await import('./features/settings/settings-page')).SettingsPage },
  { path: 'reviewers', load: async () => (await import('./features/reviewers/reviewers-page')).ReviewersPage },
  { path: 'account', load: async () => (await import('./features/account/account-page')).AccountPage },
  { path: '*', load: async () => (await import('./features/not-found/not-found-page')).NotFoundPage },
];

/** The screen a URL path opens: each `:param` matches one segment, `*` anything left. */
export function screenFor(pathname: string): ScreenModule | undefined {
  const segments = pathname.split('/').filter((s) => s !== '');
  return SCREENS.find(({ path }) => {
    if (path === undefined) return segments.length === 0;
    if (path === '*') return true;
    const parts = path.split('/');
    return parts.length === segments.length && parts.every((p, i) => p.startsWith(':') || p === segments[i]);
  });
}

/**
 * Starts loading the shell and the screen of `pathname` (a module loads once: the router's
 * lazy routes then resolve from the same promise). Failures are left to the router, which
 * shows its error page when it imports the module itself.
 */
export function preloadScreens(pathname: string): void {
  for (const load of [loadShell, screenFor(pathname)?.load]) void load?.().catch(() => undefined);
}
