import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SLOW, startEmulatorBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
const casesTable = () => screen.findByRole('table', { name: 'Cases', busy: false }, SLOW);

describe('bulk approval from the queue', () => {
  it('ticks cases, says which are eligible and why the others are not, approves and lists the result', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(undefined, { synced: true }), path: '/queue?open=true&sort=created_at_desc' });
    const rows = bodyRows(await casesTable());
    const risk = (r: HTMLElement) => /, (\w+) risk\./.exec(r.getAttribute('aria-label') ?? '')?.[1];
    const high = rows.find((r) => risk(r) !== 'low');
    const low = rows.filter((r) => risk(r) === 'low').slice(0, 2);
    if (high === undefined || low.length < 2) throw new Error('the seed has high and low-risk open cases');
    for (const row of [high, ...low]) await userEvent.click(within(row).getByRole('checkbox'));
    const bar = screen.getByRole('region', { name: 'Selected cases' });
    expect(bar).toHaveTextContent('3 cases selected');

    const opener = within(bar).getByRole('button', { name: 'Approve selected…' });
    await userEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Approve 3 selected cases' });
    await within(dialog).findByText(/can be approved/, {}, SLOW);
    const eligible = Number(/(\d+) of 3 cases/.exec(dialog.textContent)?.[1]);
    expect(eligible).toBeGreaterThanOrEqual(1);
    expect(dialog).toHaveTextContent(/Not eligible \(\d\), left as they are/);
    expect(dialog).toHaveTextContent(/risk: only low-risk cases are approved in bulk/);

    // Esc closes without deciding and gives focus back to the button that opened it.
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(opener).toHaveFocus();

    await userEvent.click(opener);
    const again = await screen.findByRole('dialog', { name: 'Approve 3 selected cases' });
    const confirm = await within(again).findByRole(
      'button',
      { name: `Approve ${String(eligible)} case${eligible === 1 ? '' : 's'}` },
      SLOW,
    );
    await userEvent.click(confirm);
    const result = await within(again).findByRole('list', { name: 'Result per case' }, SLOW);
    expect(within(result).getAllByText('Approved')).toHaveLength(eligible);
    expect(again).toHaveTextContent(`${String(eligible)} case${eligible === 1 ? '' : 's'} approved`);

    await userEvent.click(within(again).getByRole('button', { name: 'Close' }));
    // The selection is spent; the queue was re-read.
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Selected cases' })).not.toBeInTheDocument());
  });
});
