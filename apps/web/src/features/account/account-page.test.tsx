import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { enterPortal, installApp } from '@kyc-review/bff/test-support';
import { bffFetch, startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

// My account against the real BFF in-process (decision 017).

describe('my account', () => {
  it('shows the authenticator, makes new recovery codes, links the launch’s Cloud user', async () => {
    const t = startBff();
    await installApp(t);
    const me = await enterPortal(t, { reviewer: { role: 'reviewer', name: 'Rita Reviewer' }, user_id: 'user_rita' });
    renderApp({ fetch: bffFetch(t, me.cookie), path: '/account' });

    expect(await screen.findByRole('heading', { name: 'My account' })).toBeInTheDocument();
    const authenticator = await screen.findByRole('region', { name: 'Authenticator app' });
    expect(within(authenticator).getByText('On')).toBeInTheDocument();
    expect(screen.getByText(/No browser is remembered/)).toBeInTheDocument();

    await userEvent.click(within(authenticator).getByRole('button', { name: 'New recovery codes' }));
    const codes = await within(authenticator).findByRole('list', { name: 'Recovery codes' });
    expect(within(codes).getAllByRole('listitem')).toHaveLength(10);

    const cloud = screen.getByRole('region', { name: 'Blnk Cloud user' });
    expect(cloud).toHaveTextContent('user_rita');
    await userEvent.click(within(cloud).getByRole('button', { name: 'Link this Blnk Cloud user' }));
    expect(await within(cloud).findByText(/Linked to Blnk Cloud user/)).toBeInTheDocument();
    // The offer in the shell goes away once linked.
    expect(screen.queryByRole('region', { name: 'Link your Blnk Cloud user' })).not.toBeInTheDocument();
  });

  it('is reached from the name in the top bar, and signs out from there', async () => {
    const t = startBff();
    await installApp(t);
    const me = await enterPortal(t, { reviewer: { role: 'lead', name: 'Lee Lead' } });
    renderApp({ fetch: bffFetch(t, me.cookie), path: '/queue' });
    await userEvent.click(await screen.findByRole('link', { name: 'Lee Lead' }));
    expect(await screen.findByRole('heading', { name: 'My account' })).toBeInTheDocument();
    await userEvent.click(within(screen.getByRole('main')).getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to KYC Review' })).toBeInTheDocument();
  });
});
