import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { uninstallApp } from '@kyc-review/bff/test-support';
import { bffFetch, launch, startBff } from '../test/bff';
import { renderApp } from '../test/render-app';

const sessionCalls = (calls: readonly string[]) => calls.filter((url) => url.endsWith('/api/session')).length;

describe('session bootstrap', () => {
  it('shows a loading state until the BFF answers, then the shell', async () => {
    const t = startBff();
    renderApp({ fetch: bffFetch(t, await launch(t)) });

    expect(screen.getByRole('status')).toHaveTextContent('Opening your session…');
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(screen.queryByText('Opening your session…')).not.toBeInTheDocument();
  });

  it('without a session cookie, says the session ended and asks nothing more', async () => {
    const t = startBff();
    const fetch = bffFetch(t);
    const { router } = renderApp({ fetch, path: '/some/deep/link' });
    const href = window.location.href;

    expect(await screen.findByRole('heading', { name: 'Your session has ended' })).toBeInTheDocument();
    expect(screen.getByText(/Relaunch the app from Blnk Cloud/)).toBeInTheDocument();
    // no_session right after a launch is how a blocked third-party cookie looks (docs/cloud-contract.md §5).
    expect(screen.getByText(/blocking the app’s cookie/)).toBeInTheDocument();
    // No loop: one request, no retry, no way to re-enter a loop, no navigation or reload.
    expect(fetch.calls).toEqual(['/api/session']);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/some/deep/link');
    expect(window.location.href).toBe(href);
  });

  it('after the idle timeout, says the session ended without retrying', async () => {
    const t = startBff();
    const fetch = bffFetch(t, await launch(t));
    t.clock.advanceSeconds(t.config.sessionIdleSeconds + 1);
    renderApp({ fetch });

    expect(await screen.findByRole('heading', { name: 'Your session has ended' })).toBeInTheDocument();
    expect(screen.getByText(/after a period without activity/)).toBeInTheDocument();
    expect(sessionCalls(fetch.calls)).toBe(1);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('without data:read, shows the single needs-read-access page and no navigation', async () => {
    const t = startBff();
    renderApp({ fetch: bffFetch(t, await launch(t, { permissions: ['alerts:read', 'alerts:write'] })) });

    expect(await screen.findByRole('heading', { name: 'The app needs read access' })).toBeInTheDocument();
    expect(screen.getByText(/Granted now:/)).toHaveTextContent('Granted now: alerts:read, alerts:write.');
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('when the network fails, retries, then offers Try again, which recovers', async () => {
    const t = startBff();
    const online = bffFetch(t, await launch(t));
    let networkUp = false;
    let attempts = 0;
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      attempts += 1;
      return networkUp ? online(input, init) : Promise.reject(new TypeError('Failed to fetch'));
    };
    renderApp({ fetch });

    expect(await screen.findByRole('heading', { name: 'Cannot reach the server' })).toBeInTheDocument();
    expect(attempts).toBe(3); // the first try and the two retries the query rules allow

    networkUp = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
  });

  it('when any screen finds the session gone, the whole app switches to the session-ended screen', async () => {
    const t = startBff();
    const fetch = bffFetch(t, await launch(t));
    const { api, queryClient } = renderApp({ fetch });
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();

    t.clock.advanceSeconds(t.config.sessionMaxSeconds + 1);
    // Some screen's own query (not the session query) is the first to get the 401.
    await queryClient
      .query({ queryKey: ['a-screen'], queryFn: () => api.rpc.api.session.$get() })
      .catch(() => undefined);

    await waitFor(() => {
      expect(screen.getByRole('heading', { name: 'Your session has ended' })).toBeInTheDocument();
    });
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('after an uninstall while open, says the session ended, not that a cookie is blocked', async () => {
    const t = startBff();
    const fetch = bffFetch(t, await launch(t));
    const { api, queryClient } = renderApp({ fetch });
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();

    // The BFF deletes the install's sessions, so it can only answer no_session now.
    await uninstallApp(t);
    await queryClient
      .query({ queryKey: ['a-screen'], queryFn: () => api.rpc.api.session.$get() })
      .catch(() => undefined);

    await waitFor(() => {
      expect(screen.getByRole('heading', { name: 'Your session has ended' })).toBeInTheDocument();
    });
    expect(screen.getByText(/or when the app is uninstalled/)).toBeInTheDocument();
    expect(screen.queryByText(/blocking the app/)).not.toBeInTheDocument();
  });

  it('says the server cannot be reached when the screens’ code fails to load, and offers to try again', async () => {
    const t = startBff();
    const fetch = bffFetch(t, await launch(t));
    // What a browser rejects a dynamic import with when the chunk does not arrive.
    const failed = Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    failed.catch(() => undefined); // as main.tsx does: the app shows it, once it has a session
    renderApp({ fetch, screens: failed });

    expect(await screen.findByRole('heading', { name: 'Cannot reach the server' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled();
    expect(screen.queryByText('Opening your session…')).not.toBeInTheDocument();
  });
});
