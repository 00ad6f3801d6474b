import { DEFAULT_IDS } from '@kyc-review/bff/test-support';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { bffFetch, launch, startBff } from '../test/bff';
import { renderApp } from '../test/render-app';

describe('the signed-in shell', () => {
  it('shows who is signed in and every scope, granted or not', async () => {
    const t = startBff();
    renderApp({ fetch: bffFetch(t, await launch(t, { permissions: ['data:read', 'alerts:read'] })), path: '/alerts' });

    const banner = await screen.findByRole('banner');
    expect(within(banner).getByText(DEFAULT_IDS.user_id)).toBeInTheDocument();
    const scopes = within(banner).getByRole('list', { name: 'Scopes of this install' });
    expect(
      within(scopes)
        .getAllByRole('button')
        .map((badge) => badge.getAttribute('aria-label')),
    ).toEqual(['data:read: granted', 'data:write: not granted', 'alerts:read: granted', 'alerts:write: not granted']);
  });

  it('explains a scope in a tooltip when its badge gets keyboard focus', async () => {
    const t = startBff();
    renderApp({ fetch: bffFetch(t, await launch(t, { permissions: ['data:read'] })) });
    const badge = await screen.findByRole('button', { name: 'data:write: not granted' });

    badge.focus();

    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('Decisions are kept in the app only and are not written to the ledger.');
  });

  it('marks the current page in the navigation and lands on the dashboard', async () => {
    const t = startBff();
    renderApp({ fetch: bffFetch(t, await launch(t, { permissions: ['data:read', 'data:write'] })) });

    expect(await screen.findByRole('heading', { name: 'Dashboard', level: 1 })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText(DEFAULT_IDS.instance_id)).toBeInTheDocument();

    await userEvent.click(screen.getByText('About this install'));
    const scopes = screen.getByText('Scope', { selector: 'th' }).closest('table');
    if (scopes === null) throw new Error('no scope table');
    const rows = within(scopes).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([
      'Granted',
      'Granted',
      'Not granted',
      'Not granted',
    ]);
    expect(screen.getByRole('link', { name: 'queue' })).toHaveAttribute('href', '/queue');
  });

  it('opens a deep link to an unknown page inside the shell, with a way back', async () => {
    const t = startBff();
    const { router } = renderApp({ fetch: bffFetch(t, await launch(t)), path: '/reports/idt_gone' });

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('/reports/idt_gone')).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: 'Go to the dashboard' }));
    expect(await screen.findByRole('heading', { name: 'Dashboard', level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });
});
