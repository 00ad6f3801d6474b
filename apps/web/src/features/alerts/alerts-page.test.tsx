import { ErrorEnvelope, UserId } from '@kyc-review/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SLOW, startEmulatorBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

describe('the alerts page', () => {
  it('lists the instance alerts and opens one from the keyboard', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn();
    await bff.app.control('POST', '/faults', { latency_ms: 400, count: 1 });
    const { router } = renderApp({ fetch, path: '/alerts' });

    // Cloud answers the first list call slowly (the fault above), so the loading state is there to see.
    const busy = await screen.findByRole('table', { name: 'Alerts' });
    expect(busy).toHaveAttribute('aria-busy', 'true');
    const table = await screen.findByRole('table', { name: 'Alerts', busy: false }, SLOW);
    const links = await within(table).findAllByRole(
      'link',
      { name: /Possible sanctions exposure|Unusual account activity/ },
      SLOW,
    );
    expect(links.length).toBeGreaterThan(0);
    const rows = within(table).getAllByRole('row').slice(1);

    rows[0]?.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(rows[1] ?? rows[0]).toHaveFocus();
    await userEvent.keyboard('{Enter}');

    expect(await screen.findByRole('heading', { level: 2, name: 'Details' }, SLOW)).toBeInTheDocument();
    expect(router.state.location.pathname).toMatch(/^\/alerts\/ano_/);
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
  });

  it('shows the error envelope message when Cloud fails', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn();
    await bff.app.control('POST', '/faults', { status: 500 });
    renderApp({ fetch, path: '/alerts' });

    const alert = await screen.findByRole('alert', {}, SLOW);
    expect(alert).toHaveTextContent('Alerts could not be loaded');
    // The message is the BFF's own, from its error envelope.
    const envelope = ErrorEnvelope.parse(await (await fetch('/api/alerts')).json());
    expect(alert).toHaveTextContent(envelope.error.message);
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('says there is no alert yet on an instance without any', async () => {
    const bff = await startEmulatorBff({ identitiesPerInstance: 1 });
    renderApp({ fetch: await bff.signIn(), path: '/alerts' });

    expect(await screen.findByText('No alerts', {}, SLOW)).toBeInTheDocument();
  });

  it('explains the missing alerts:read scope and asks nothing of Cloud', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(['data:read']);
    renderApp({ fetch, path: '/alerts' });

    expect(await screen.findByText('Alerts cannot be shown')).toBeInTheDocument();
    expect(screen.getByText(/was not granted/)).toHaveTextContent('alerts:read');
    expect(screen.getByRole('navigation', { name: 'Main' })).toHaveTextContent('Alerts');
    expect(fetch.calls.filter((url) => url.includes('/api/alerts'))).toEqual([]);
  });
});

describe('an alert', () => {
  it('changes its status and shows the saved alert', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn();
    renderApp({ fetch, path: '/alerts' });
    const table = await screen.findByRole('table', { name: 'Alerts' });
    const [first] = await within(table).findAllByRole('link', {}, SLOW);
    if (first === undefined) throw new Error('the seed has no alert');
    await userEvent.click(first);

    // Every status Cloud lists is offered by its name, custom ones included (the emulator's
    // organization defined "Pending Review").
    const picker = await screen.findByRole('group', { name: 'Status' }, SLOW);
    const custom = await within(picker).findByRole('radio', { name: /Pending Review/ }, SLOW);
    expect(within(picker).getByRole('radio', { name: /Flagged/ })).toBeInTheDocument();
    expect(custom).not.toBeChecked();
    await userEvent.click(custom);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Alert updated.', {}, SLOW)).toBeInTheDocument();
    const header = screen.getByRole('heading', { level: 1 }).parentElement;
    expect(header).toHaveTextContent('Pending Review');
    expect(within(picker).getByRole('radio', { name: /Pending Review/ })).toBeChecked();
  });

  it('names the identities it affects, each linked to its case', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(undefined, { synced: true }), path: '/alerts' });
    const table = await screen.findByRole('table', { name: 'Alerts', busy: false }, SLOW);
    const [first] = await within(table).findAllByRole('link', {}, SLOW);
    if (first === undefined) throw new Error('the seed has no alert');
    await userEvent.click(first);

    await screen.findByRole('heading', { level: 2, name: 'Details' }, SLOW);
    const identities = screen.getByText('Identities').nextElementSibling;
    if (!(identities instanceof HTMLElement)) throw new Error('no identities entry');
    const links = within(identities).getAllByRole('link');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link).toHaveAttribute('href', expect.stringMatching(/^\/cases\/idt_/));
      expect(link.textContent).not.toMatch(/idt_/);
    }
  });

  it('names who it is assigned and escalated to, and says when Cloud names someone the app cannot', async () => {
    const bff = await startEmulatorBff();
    const { fetch, installedAppId, instanceId } = await bff.install();
    // The signed-in lead is linked to a Cloud user (decision 017); Cloud records people by user id.
    const [lead] = await bff.app.t.services.repos.reviewers.list(installedAppId);
    if (lead === undefined) throw new Error('nobody signed in');
    await bff.app.t.services.repos.reviewers.linkCloudUser(
      installedAppId,
      lead.reviewerId,
      UserId.parse('user_lead_cloud'),
    );
    const [alert] = bff.app.emulatorStore.instance(instanceId)?.alerts.rows() ?? [];
    if (alert === undefined) throw new Error('the seed has no alert');
    alert.assigned_to = 'user_lead_cloud';
    alert.escalated_to = ['user_never_linked', 'user_lead_cloud'];
    bff.app.emulatorStore.changed();
    renderApp({ fetch, path: `/alerts/${alert.anomaly_id}` });

    await screen.findByRole('heading', { level: 2, name: 'Details' }, SLOW);
    const assigned = screen.getByText('Assigned to').nextElementSibling;
    const escalated = screen.getByText('Escalated to').nextElementSibling;
    if (!(assigned instanceof HTMLElement) || !(escalated instanceof HTMLElement)) throw new Error('no people entries');
    expect(assigned).toHaveTextContent(lead.displayName);
    expect(
      within(escalated)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['A Blnk Cloud user not linked to a reviewer', lead.displayName]);
    // Never a raw id alone: the unlinked user's id is a hint on the label, not the text.
    expect(screen.getByText('A Blnk Cloud user not linked to a reviewer')).toHaveAttribute(
      'title',
      'Blnk Cloud user user_never_linked',
    );
    expect(assigned.textContent + escalated.textContent).not.toMatch(/user_lead_cloud|user_never_linked/);
  });

  it('shows a team name Cloud gives as is, and nobody when no one is assigned or escalated', async () => {
    const bff = await startEmulatorBff();
    const { fetch, instanceId } = await bff.install();
    const [alert] = bff.app.emulatorStore.instance(instanceId)?.alerts.rows() ?? [];
    if (alert === undefined) throw new Error('the seed has no alert');
    alert.assigned_to = 'Compliance Team';
    alert.escalated_to = [];
    bff.app.emulatorStore.changed();
    renderApp({ fetch, path: `/alerts/${alert.anomaly_id}` });

    await screen.findByRole('heading', { level: 2, name: 'Details' }, SLOW);
    expect(screen.getByText('Assigned to').nextElementSibling).toHaveTextContent('Compliance Team (in Blnk Cloud)');
    expect(screen.getByText('Escalated to').nextElementSibling).toHaveTextContent('Nobody');
  });

  it('keeps the status read-only without alerts:write, and says why', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(['data:read', 'alerts:read']), path: '/alerts' });
    const table = await screen.findByRole('table', { name: 'Alerts' });
    const [first] = await within(table).findAllByRole('link', {}, SLOW);
    if (first === undefined) throw new Error('the seed has no alert');
    await userEvent.click(first);

    const picker = await screen.findByRole('group', { name: 'Status' }, SLOW);
    for (const option of await within(picker).findAllByRole('radio', {}, SLOW)) expect(option).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(screen.getByText(/Changing the status needs/)).toHaveTextContent('alerts:write');
  });
});
