import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SLOW, startEmulatorBff } from '../../test/bff';
import { findCase } from '../../test/cases';
import { renderApp } from '../../test/render-app';

const tokenized = (reasons: string[]) => reasons.some((reason) => reason.startsWith('Tokenized PII'));

describe('a case under the install scopes', () => {
  it('reveals a tokenized field through Cloud with data:write', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(fetch, (c) => tokenized(c.top_reasons));
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });
    const identity = await screen.findByRole('region', { name: 'Identity' }, SLOW);
    expect(within(identity).getByLabelText('Email is tokenized')).toHaveTextContent('••••••');

    await userEvent.click(within(identity).getByRole('button', { name: 'Reveal email' }));

    expect(await within(identity).findByText(/@/, {}, SLOW)).toBeInTheDocument();
    expect(within(identity).queryByLabelText('Email is tokenized')).toBeNull();
  });

  it('without data:write: no reveal, and decisions stay in the app, with the reason shown', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(['data:read', 'alerts:read', 'alerts:write'], { synced: true });
    const kase = await findCase(fetch, (c) => tokenized(c.top_reasons) && c.status === 'new');
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });
    const identity = await screen.findByRole('region', { name: 'Identity' }, SLOW);
    const [reveal] = within(identity).getAllByRole('button', { name: /^Reveal / });
    expect(reveal).toBeDisabled();
    expect(
      within(identity).getAllByText('Revealing needs the data:write scope, which this install lacks.').length,
    ).toBeGreaterThan(0);

    const decision = screen.getByRole('region', { name: 'Decision' });
    expect(decision).toHaveTextContent(
      'Decisions are kept in the app and not written to the ledger: the install lacks data:write.',
    );
    await userEvent.click(within(decision).getByRole('radio', { name: 'Escalate' }));
    await userEvent.type(within(decision).getByRole('textbox', { name: 'Note (required)' }), 'Needs a second look.');
    await userEvent.click(within(decision).getByRole('button', { name: 'Escalate' }));

    expect(await within(decision).findByText('Decision saved.', {}, SLOW)).toBeInTheDocument();
    const writeBack = screen.getByRole('region', { name: 'Write-back to Blnk Cloud' });
    expect(within(writeBack).getByText(/Identity metadata/).parentElement).toHaveTextContent('Skipped');
    expect(writeBack).toHaveTextContent(/data:write/);
  });

  it('without alerts:read the alerts panel explains why it is empty, and asks nothing', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(['data:read', 'data:write'], { synced: true });
    const kase = await findCase(fetch, (c) => c.open_hits > 0);
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });

    const alerts = await screen.findByRole('region', { name: 'Cloud alerts' }, SLOW);
    expect(alerts).toHaveTextContent('Alerts on this identity are not shown');
    expect(alerts).toHaveTextContent('This install was not granted alerts:read.');
    expect(screen.getByRole('region', { name: 'Decision' })).toHaveTextContent(
      'No Cloud alert will be raised on reject or escalate: the install lacks alerts:write.',
    );
    expect(screen.getAllByText('A confirmed match raises no Cloud alert: the install lacks alerts:write.').length).toBe(
      kase.open_hits,
    );
    expect(fetch.calls.some((url) => url.includes('/api/alerts'))).toBe(false);
  });
});
