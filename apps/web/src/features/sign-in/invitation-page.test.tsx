import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CreatedInvitationDto } from '@kyc-review/contracts';
import { apiHeaders, enterPortal, installApp, type TestApp } from '@kyc-review/bff/test-support';
import { bffFetch, startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

// Redeeming an invitation from the sign-in screen, against the real BFF in-process (decision 017).

async function invitation(t: TestApp, role: 'reviewer' | 'lead') {
  await installApp(t);
  const admin = await enterPortal(t, { reviewer: { role: 'admin', name: 'Ada Admin' } });
  const res = await t.app.request('/api/reviewers/invitations', {
    method: 'POST',
    headers: apiHeaders(admin),
    body: JSON.stringify({ display_name: 'Rita Reviewer', email: 'rita@example.test', role }),
  });
  return CreatedInvitationDto.parse(await res.json()).code;
}

describe('an invitation, from the sign-in screen', () => {
  it('a reviewer enters the code, chooses a password and is signed in', { timeout: 30_000 }, async () => {
    const t = startBff();
    const code = await invitation(t, 'reviewer');
    const launch = await enterPortal(t, { reviewer: null, user_id: 'user_rita' });
    renderApp({ fetch: bffFetch(t, launch.cookie) });

    await userEvent.click(await screen.findByRole('button', { name: 'I have an invitation' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Invitation code' }), 'x'.repeat(43));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/No invitation has this code/);

    const field = screen.getByRole('textbox', { name: 'Invitation code' });
    await userEvent.clear(field);
    await userEvent.type(field, code);
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Welcome, Rita Reviewer' })).toBeInTheDocument();
    expect(screen.getByText('rita@example.test')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Password'), 'rita@example.test is long');
    await userEvent.type(screen.getByLabelText('Password again'), 'rita@example.test is long');
    await userEvent.click(screen.getByRole('button', { name: 'Create my account' }));
    // The BFF refuses a password holding the email, under the field.
    expect(await screen.findByText('The password must not contain your name or email.')).toBeInTheDocument();

    for (const label of ['Password', 'Password again']) {
      await userEvent.clear(screen.getByLabelText(label));
      await userEvent.type(screen.getByLabelText(label), 'a long passphrase of my own');
    }
    await userEvent.click(screen.getByRole('button', { name: 'Create my account' }));
    expect(await screen.findByText('Rita Reviewer', { selector: 'a' }, { timeout: 10_000 })).toBeInTheDocument();
    // Offered on sign-in: the launch named a Cloud user no reviewer is linked to.
    expect(screen.getByRole('region', { name: 'Link your Blnk Cloud user' })).toHaveTextContent('user_rita');
  });

  it('a lead must set up an authenticator before the account is made', { timeout: 30_000 }, async () => {
    const t = startBff();
    const code = await invitation(t, 'lead');
    const launch = await enterPortal(t, { reviewer: null });
    renderApp({ fetch: bffFetch(t, launch.cookie) });

    await userEvent.click(await screen.findByRole('button', { name: 'I have an invitation' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Invitation code' }), code);
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText(/Your role needs an authenticator app/)).toBeInTheDocument();
    for (const label of ['Password', 'Password again'])
      await userEvent.type(screen.getByLabelText(label), 'a long passphrase of my own');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Set up your authenticator' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'QR code for your authenticator app' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('totp-secret').textContent).not.toBe(''));
  });
});
