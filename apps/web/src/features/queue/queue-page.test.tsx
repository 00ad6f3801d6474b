import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { gated, SLOW, startEmulatorBff, unreachable } from '../../test/bff';
import { renderApp } from '../../test/render-app';

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
const casesTable = () => screen.findByRole('table', { name: 'Cases', busy: false }, SLOW);

describe('the review queue', () => {
  it('shows skeleton rows while loading, then the cases with their risk, reasons and counts', async () => {
    const bff = await startEmulatorBff();
    const { fetch, release } = gated(await bff.signIn(undefined, { synced: true }), /\/api\/cases\?/);
    renderApp({ fetch, path: '/queue' });

    const loading = await screen.findByRole('table', { name: 'Cases' });
    expect(loading).toHaveAttribute('aria-busy', 'true');
    expect(bodyRows(loading).length).toBeGreaterThan(0);
    release();

    const table = await casesTable();
    const rows = bodyRows(table);
    expect(rows).toHaveLength(20);
    // Highest risk first: the first row is a high-risk case with its top reasons.
    expect(rows[0]).toHaveTextContent(/High/);
    expect(rows[0]).toHaveTextContent(/Watchlist|Country risk|Vendor verification/);
    expect(screen.getByRole('navigation', { name: 'Queue pages' })).toHaveTextContent('1–20 of 40');
    // Countries by name with their ISO code, however the identity spells them ("GB", "UNITED STATES").
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    const column = headers.findIndex((h) => h.startsWith('Country'));
    const countries = rows.map((r) => r.querySelectorAll('td')[column]?.textContent ?? '');
    expect(countries.filter((c) => /^\S.* \([A-Z]{2}\)$/.test(c)).length).toBeGreaterThan(10);
    expect(countries).not.toContain('GB');
    const tabs = screen.getByRole('tablist', { name: 'Cases by status' });
    expect(within(tabs).getByRole('tab', { name: /Never reviewed/ })).toHaveTextContent('30');
    expect(within(tabs).getByRole('tab', { name: /All/ })).toHaveAttribute('aria-selected', 'true');
  });

  it('pages with Next and Previous through the BFF’s cursors, kept in the URL', async () => {
    const bff = await startEmulatorBff();
    const { router } = renderApp({ fetch: await bff.signIn(undefined, { synced: true }), path: '/queue' });
    const firstRows = bodyRows(await casesTable()).map((r) => r.textContent);
    const pages = screen.getByRole('navigation', { name: 'Queue pages' });

    await userEvent.click(within(pages).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(pages).toHaveTextContent('21–40 of 40'));
    expect(router.state.location.search).toMatch(/^\?page=2&cursor=[\w-]+$/);
    expect(within(pages).getByRole('button', { name: 'Next' })).toBeDisabled();
    const secondRows = bodyRows(await casesTable()).map((r) => r.textContent);
    expect(secondRows.filter((row) => firstRows.includes(row))).toEqual([]);

    await userEvent.click(within(pages).getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(pages).toHaveTextContent('1–20 of 40'));
    expect(bodyRows(await casesTable()).map((r) => r.textContent)).toEqual(firstRows);
  });

  it('filters by status tab and keeps the filter in the URL', async () => {
    const bff = await startEmulatorBff();
    const { router } = renderApp({ fetch: await bff.signIn(undefined, { synced: true }), path: '/queue' });
    await casesTable();

    await userEvent.click(screen.getByRole('tab', { name: /Approved/ }));

    await waitFor(() => expect(router.state.location.search).toBe('?status=approved'));
    await waitFor(() => {
      const rows = bodyRows(screen.getByRole('table', { name: 'Cases' }));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toHaveTextContent('Approved');
    });
  });

  it('searches, says when nothing matches, and clears the filters', async () => {
    const bff = await startEmulatorBff();
    const { router } = renderApp({
      fetch: await bff.signIn(undefined, { synced: true }),
      path: '/queue?risk_level=low',
    });
    await casesTable();
    expect(screen.getByRole('combobox', { name: 'Risk' })).toHaveValue('low');

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'zzz-nobody{Enter}');

    expect(await screen.findByText('No cases match these filters', {}, SLOW)).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=zzz-nobody&risk_level=low');
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(bodyRows(await casesTable()).length).toBeGreaterThan(0);
  });

  it('moves between rows with the arrow keys and opens a case with Enter', async () => {
    const bff = await startEmulatorBff();
    const { router } = renderApp({ fetch: await bff.signIn(undefined, { synced: true }), path: '/queue' });
    const rows = bodyRows(await casesTable());

    rows[0]?.focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(rows[1]).toHaveFocus();
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/cases\/idt_/));
    expect(await screen.findByRole('heading', { name: 'Decision' }, SLOW)).toBeInTheDocument();
  });

  it('sorts from the column header', async () => {
    const bff = await startEmulatorBff();
    const { router } = renderApp({ fetch: await bff.signIn(undefined, { synced: true }), path: '/queue' });
    const table = await casesTable();
    expect(within(table).getByRole('columnheader', { name: /Risk/ })).toHaveAttribute('aria-sort', 'descending');

    await userEvent.click(within(table).getByRole('button', { name: /Created/ }));

    await waitFor(() => expect(router.state.location.search).toBe('?sort=created_at_desc'));
    expect(
      within(screen.getByRole('table', { name: 'Cases' })).getByRole('columnheader', { name: /Created/ }),
    ).toHaveAttribute('aria-sort', 'descending');
  });

  it('starts a refresh from Blnk Cloud and says so', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(undefined, { synced: true }), path: '/queue' });
    await casesTable();

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByText(/Refresh started/, {}, SLOW)).toBeInTheDocument();
  });

  it('says when the queue cannot be loaded, with a way to try again', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: unreachable(await bff.signIn(), /\/api\/cases/), path: '/queue' });

    const alert = await screen.findByRole('alert', {}, SLOW);
    expect(alert).toHaveTextContent('The queue could not be loaded');
    expect(alert).toHaveTextContent('Could not reach the KYC Review server');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeEnabled();
  });

  it('explains an empty status tab', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(undefined, { synced: true }), path: '/queue?status=escalated' });

    expect(await screen.findByText('No cases are escalated', {}, SLOW)).toBeInTheDocument();
  });

  it('is not there without data:read: the app explains instead', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(['alerts:read']);
    renderApp({ fetch, path: '/queue' });

    expect(await screen.findByRole('heading', { name: 'The app needs read access' })).toBeInTheDocument();
    expect(fetch.calls.some((url) => url.includes('/api/cases'))).toBe(false);
  });
  it('says when the last sync could not list every identity, and why', async () => {
    const bff = await startEmulatorBff();
    // A Cloud that serves 10 rows a page and ignores `page`: the sync sees the repeat and stops.
    await bff.app.control('PUT', '/data-api', { max_page_size: 10, ignore_page: true });
    renderApp({ fetch: await bff.signIn(undefined, { synced: true }), path: '/queue' });
    await casesTable();
    expect(await screen.findByText(/stopped listing identities before the end/, {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Queue pages' })).toHaveTextContent('of 10');
    expect(screen.queryByText(/could not be read/)).not.toBeInTheDocument();
  });
});
