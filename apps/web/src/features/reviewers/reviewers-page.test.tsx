import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { enterPortal, installApp, type PortalSession, type TestApp } from '@kyc-review/bff/test-support';
import { bffFetch, startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

// The admin page against the real BFF in-process (decision 017): the list, an invitation's
// code shown once, disabling behind a confirmation, the last admin's 409 in words, and the
// step-up dialog when the admin's second factor is older than 15 minutes.

async function asAdmin(t: TestApp): Promise<PortalSession> {
  await installApp(t);
  return enterPortal(t, { reviewer: { role: 'admin', name: 'Ada Admin' } });
}

/** Lets 16 minutes pass with the launch in use (its idle limit is 15). */
async function staleSecondFactor(t: TestApp, s: PortalSession) {
  for (let i = 0; i < 4; i++) {
    t.clock.advanceSeconds(240);
    await t.app.request('/api/session', { headers: { Cookie: s.cookie } });
  }
}

describe('the reviewers page', () => {
  it('lists the reviewers, and an invitation shows its code once', async () => {
    const t = startBff();
    const admin = await asAdmin(t);
    renderApp({ fetch: bffFetch(t, admin.cookie), path: '/reviewers' });

    const people = await screen.findByRole('table', { name: 'Reviewers' });
    expect(await within(people).findByText('Ada Admin')).toBeInTheDocument();
    expect(within(people).getByText('(you)')).toBeInTheDocument();
    expect(within(people).getByRole('combobox', { name: 'Role of Ada Admin' })).toHaveValue('admin');
    expect(screen.getByText('No open invitations')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Reviewers' })).toHaveAttribute('aria-current', 'page');

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Lee Lead');
    await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), 'lee@example.test');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'lead');
    await userEvent.click(screen.getByRole('button', { name: 'Create invitation' }));

    const code = await screen.findByLabelText('Invitation code');
    expect(code.textContent).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const invitations = await screen.findByRole('table', { name: 'Open invitations' });
    expect(await within(invitations).findByText('Lee Lead')).toBeInTheDocument();
    expect(within(invitations).getByText('Pending')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Invitation code')).not.toBeInTheDocument();
  });

  it('the last admin cannot disable themselves: the BFF’s reason is shown and nothing changes', async () => {
    const t = startBff();
    const admin = await asAdmin(t);
    renderApp({ fetch: bffFetch(t, admin.cookie), path: '/reviewers' });
    const people = await screen.findByRole('table', { name: 'Reviewers' });
    await userEvent.click(await within(people).findByRole('button', { name: 'Disable' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disable Ada Admin?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disable' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/last active admin/);
    expect(within(people).getByText('Active')).toBeInTheDocument();
  });

  it('a change after 15 minutes asks for the code in a dialog, then goes through; Esc cancels and gives focus back', async () => {
    const t = startBff();
    const admin = await asAdmin(t);
    renderApp({ fetch: bffFetch(t, admin.cookie), path: '/reviewers' });
    const policy = await screen.findByRole('checkbox', { name: /Require an authenticator app for everyone/ });
    await waitFor(() => expect(policy).toBeEnabled());
    await staleSecondFactor(t, admin);

    await userEvent.click(policy);
    const dialog = await screen.findByRole('dialog', { name: 'Confirm it is you' });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByRole('alert')).toHaveTextContent('Confirm your authenticator code to continue.');
    await waitFor(() => expect(policy).toHaveFocus());
    expect(policy).not.toBeChecked();
    expect(dialog).not.toBeInTheDocument();

    await userEvent.click(policy);
    const again = await screen.findByRole('dialog', { name: 'Confirm it is you' });
    await userEvent.type(within(again).getByRole('textbox', { name: 'Authenticator code' }), '000000');
    await userEvent.click(within(again).getByRole('button', { name: 'Confirm and continue' }));
    expect(await within(again).findByRole('alert')).toHaveTextContent(/not right/);
    const field = within(again).getByRole('textbox', { name: 'Authenticator code' });
    await userEvent.clear(field);
    await userEvent.type(field, admin.reviewer?.code() ?? '');
    await userEvent.click(within(again).getByRole('button', { name: 'Confirm and continue' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(policy).toBeChecked());
    await waitFor(() => expect(policy).toHaveFocus());
  });

  it('is not in the navigation of a lead, and the BFF refuses them', async () => {
    const t = startBff();
    await installApp(t);
    const lead = await enterPortal(t, { reviewer: { role: 'lead' } });
    renderApp({ fetch: bffFetch(t, lead.cookie), path: '/reviewers' });
    expect(await screen.findByText(/needs the admin role/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Reviewers' })).not.toBeInTheDocument();
  });
});
