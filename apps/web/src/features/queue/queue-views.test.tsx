import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CSRF_HEADER, SessionDto } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { gated, SLOW, startEmulatorBff, unreachable } from '../../test/bff';
import { findCase } from '../../test/cases';
import { renderApp } from '../../test/render-app';

const views = () => screen.getByRole('navigation', { name: 'Views' });
const casesTable = () => screen.findByRole('table', { name: 'Cases', busy: false }, SLOW);

describe('the queue views', () => {
  it('opens on "My open work" for a reviewer, oldest due first, with the case they claimed', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true, reviewer: { role: 'reviewer' } });
    const kase = await findCase(fetch, (c) => c.status === 'new');
    const { csrf_token: csrf } = SessionDto.parse(await (await fetch('/api/session')).json());
    const claimed = await fetch(`/api/cases/${kase.identity_id}/claim`, {
      method: 'POST',
      headers: { [CSRF_HEADER]: csrf },
    });
    expect(claimed.status).toBe(200);
    const { router } = renderApp({ fetch, path: '/queue' });

    const nav = await screen.findByRole('navigation', { name: 'Views' }, SLOW);
    expect(within(nav).getByRole('link', { name: 'My open work' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('link', { name: kase.display_name }, SLOW)).toBeInTheDocument();
    expect(within(await casesTable()).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByLabelText('Sort')).toHaveValue('due_at_asc');

    // "Awaiting my second approval" is a lead's view.
    expect(within(nav).queryByRole('link', { name: 'Awaiting my second approval' })).toBeNull();
    // The tabs count the reviewer's own open work: the one claimed case.
    const tabs = screen.getByRole('tablist', { name: 'Cases by status' });
    expect(within(tabs).getByRole('tab', { name: /^All/ })).toHaveTextContent('1');
    expect(within(tabs).getByRole('tab', { name: /^New/ })).toHaveTextContent('1');
    expect(within(tabs).getByRole('tab', { name: /^Approved/ })).toHaveTextContent('0');

    await userEvent.click(within(views()).getByRole('link', { name: 'Unassigned' }));
    expect(router.state.location.search).toContain('assignee=none');
    expect(within(views()).getByRole('link', { name: 'Unassigned' })).toHaveAttribute('aria-current', 'page');
  });

  it('gives leads all cases by default, and the Overdue view flags what is late', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    renderApp({ fetch, path: '/queue' });
    expect(
      await within(await screen.findByRole('navigation', { name: 'Views' }, SLOW)).findByRole('link', {
        name: 'All cases',
      }),
    ).toBeInTheDocument();
    expect(within(views()).getByRole('link', { name: 'My open work' })).not.toHaveAttribute('aria-current');
    await casesTable();
    // A lead's view of the cases someone else approved first; none yet.
    await userEvent.click(within(views()).getByRole('link', { name: 'Awaiting my second approval' }));
    expect(within(views()).getByRole('link', { name: 'Awaiting my second approval' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(await screen.findByText('No cases match these filters', {}, SLOW)).toBeInTheDocument();
    const tabs = screen.getByRole('tablist', { name: 'Cases by status' });
    expect(within(tabs).getByRole('tab', { name: /^All/ })).toHaveTextContent('0');

    // Every open case entered the queue long ago: all are past their due dates.
    bff.app.t.db.prepare("UPDATE kyc_cases SET queue_entered_at = '2020-01-01T00:00:00.000Z'").run();
    await userEvent.click(within(views()).getByRole('link', { name: 'Overdue' }));
    expect(within(views()).getByRole('link', { name: 'Overdue' })).toHaveAttribute('aria-current', 'page');
    const table = await casesTable();
    expect((await within(table).findAllByText('Overdue', {}, SLOW)).length).toBeGreaterThan(0);
  });

  it('saves the current filters as a named view, applies it from its link, and deletes it', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const { router } = renderApp({ fetch, path: '/queue?risk_level=low&sort=due_at_asc' });
    await casesTable();

    await userEvent.click(within(views()).getByRole('button', { name: 'Save view…' }));
    const name = within(views()).getByRole('textbox', { name: 'Name of the view' });
    expect(name).toHaveFocus();
    // An empty name is refused by the BFF with its message, in place.
    await userEvent.click(within(views()).getByRole('button', { name: 'Save' }));
    expect(await within(views()).findByRole('alert', {}, SLOW)).toHaveTextContent('Name the view.');
    await userEvent.type(name, 'Low risk, oldest due');
    await userEvent.click(within(views()).getByRole('button', { name: 'Save' }));
    const link = await within(views()).findByRole('link', { name: 'Low risk, oldest due' }, SLOW);
    expect(link).toHaveAttribute('aria-current', 'page');

    await userEvent.click(within(views()).getByRole('link', { name: 'All cases' }));
    expect(router.state.location.search).not.toContain('risk_level');
    await userEvent.click(within(views()).getByRole('link', { name: 'Low risk, oldest due' }));
    expect(router.state.location.search).toContain('risk_level=low');
    expect(router.state.location.search).toContain('sort=due_at_asc');

    await userEvent.click(within(views()).getByRole('button', { name: 'Delete the saved view Low risk, oldest due' }));
    await waitFor(() => expect(within(views()).queryByRole('link', { name: 'Low risk, oldest due' })).toBeNull(), SLOW);
  });

  it('shows the saved views loading, then says there are none yet and how to make one', async () => {
    const bff = await startEmulatorBff();
    const { fetch, release } = gated(await bff.signIn(), /\/api\/saved-views$/);
    renderApp({ fetch, path: '/queue' });

    const nav = await screen.findByRole('navigation', { name: 'Views' }, SLOW);
    const loading = within(nav).getByText('Loading your saved views…').closest('li');
    expect(loading).toHaveAttribute('aria-busy', 'true');
    // The built-in views work meanwhile.
    expect(within(nav).getByRole('link', { name: 'All cases' })).toBeInTheDocument();
    release();

    expect(
      await within(nav).findByText('No saved views yet: set the filters, then save them as a view.', {}, SLOW),
    ).toBeInTheDocument();
    expect(within(nav).queryByText('Loading your saved views…')).toBeNull();
    expect(within(nav).getByRole('button', { name: 'Save view…' })).toBeInTheDocument();
  });

  it('says why the saved views could not be loaded, and lists them after Try again', async () => {
    const bff = await startEmulatorBff();
    const signedIn = await bff.signIn();
    const { csrf_token: csrf } = SessionDto.parse(await (await signedIn('/api/session')).json());
    const saved = await signedIn('/api/saved-views', {
      method: 'POST',
      headers: { [CSRF_HEADER]: csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'High risk', filters: { risk_level: 'high' } }),
    });
    expect(saved.status).toBe(201);
    let offline = true;
    const flaky = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : input.toString();
      if (offline && /\/api\/saved-views$/.test(url)) throw new TypeError('Failed to fetch');
      return signedIn(input, init);
    };
    renderApp({ fetch: Object.assign(flaky, { calls: signedIn.calls }), path: '/queue' });

    const nav = await screen.findByRole('navigation', { name: 'Views' }, SLOW);
    const alert = await within(nav).findByRole('alert', {}, SLOW);
    expect(alert).toHaveTextContent('Your saved views could not be loaded');
    expect(alert).toHaveTextContent('Could not reach the KYC Review server');
    expect(within(nav).getByRole('link', { name: 'All cases' })).toBeInTheDocument();

    offline = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(nav).findByRole('link', { name: 'High risk' }, SLOW)).toBeInTheDocument();
    expect(within(nav).queryByRole('alert')).toBeNull();
    expect(within(nav).queryByText(/No saved views yet/)).toBeNull();
  });

  it('says when a view could not be deleted, and keeps it', async () => {
    const bff = await startEmulatorBff();
    const signedIn = await bff.signIn();
    const { csrf_token: csrf } = SessionDto.parse(await (await signedIn('/api/session')).json());
    await signedIn('/api/saved-views', {
      method: 'POST',
      headers: { [CSRF_HEADER]: csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'High risk', filters: { risk_level: 'high' } }),
    });
    renderApp({ fetch: unreachable(signedIn, /\/api\/saved-views\/svw_/), path: '/queue' });

    const nav = await screen.findByRole('navigation', { name: 'Views' }, SLOW);
    await userEvent.click(await within(nav).findByRole('button', { name: 'Delete the saved view High risk' }, SLOW));
    expect(await within(nav).findByRole('alert', {}, SLOW)).toHaveTextContent(
      'The view was not deleted: Could not reach the KYC Review server',
    );
    expect(within(nav).getByRole('link', { name: 'High risk' })).toBeInTheDocument();
  });
});
