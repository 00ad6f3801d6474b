import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CaseQueueDto } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { SLOW, startEmulatorBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

describe('request information on the case', () => {
  it('asks with items, shows what was asked and until when, and "received" puts the case back in review', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const queue = CaseQueueDto.parse(await (await fetch('/api/cases?status=new&risk_level=low')).json());
    const id = queue.items[0]?.identity_id ?? '';
    renderApp({ fetch, path: `/cases/${id}` });

    const decision = await screen.findByRole('region', { name: 'Decision' }, SLOW);
    await userEvent.click(within(decision).getByRole('radio', { name: 'Request information' }));
    await userEvent.type(within(decision).getByLabelText('What is missing (required)'), 'Proof of address please.');
    await userEvent.type(
      within(decision).getByLabelText('Items to send (optional, one per line)'),
      'Utility bill{Enter}{Enter}Passport photo page',
    );
    await userEvent.click(within(decision).getByRole('button', { name: 'Request information' }));

    const panel = await screen.findByRole('region', { name: 'Information requested' }, SLOW);
    expect(panel).toHaveTextContent('Proof of address please.');
    const items = within(panel).getByRole('list', { name: 'Items asked for' });
    expect(
      within(items)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Utility bill', 'Passport photo page']);
    expect(panel).toHaveTextContent(/Due /);

    const opener = within(panel).getByRole('button', { name: 'Information received…' });
    await userEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Information received' });
    // An empty answer is refused in place.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Back to review' }));
    expect(within(dialog).getByText('Note what the customer sent.')).toBeInTheDocument();
    // Esc gives focus back to the button that opened it.
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(opener).toHaveFocus();

    await userEvent.click(opener);
    const again = await screen.findByRole('dialog', { name: 'Information received' });
    await userEvent.type(within(again).getByLabelText('What the customer sent (required)'), 'Both by email.');
    await userEvent.click(within(again).getByRole('button', { name: 'Back to review' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument(), SLOW);
    await waitFor(
      () => expect(screen.getByRole('region', { name: 'Information requested' })).toHaveTextContent('Both by email.'),
      SLOW,
    );
    expect(screen.getByRole('heading', { level: 1 }).parentElement?.parentElement).toHaveTextContent('In review');
  });
});
