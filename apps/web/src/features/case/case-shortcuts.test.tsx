import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SLOW, startEmulatorBff } from '../../test/bff';
import { findApprovableHighCase, findCase } from '../../test/cases';
import { renderApp } from '../../test/render-app';

// Keyboard shortcuts on the case screen (issue 12, decision 010): ? shows them, A and R
// choose the decision (never make it), C claims, N opens the next case of the queue view;
// none fires while typing, and every dialog gives focus back to what opened it.

const region = (name: string) => screen.getByRole('region', { name });

describe('keyboard shortcuts', () => {
  it('lists them in a help dialog from ? or the Shortcuts button, and gives focus back after Esc or Close', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(fetch, (c) => c.status === 'new');
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });
    const heading = await screen.findByRole('heading', { level: 1, name: kase.display_name }, SLOW);
    expect(heading).toHaveFocus();

    await userEvent.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const [key, action] of [
      ['A', /Approve/],
      ['R', /Reject/],
      ['C', /Claim the case/],
      ['N', /Next case/],
      ['?', /Show these shortcuts/],
    ] as const) {
      const keycap = within(help).getByText(key, { selector: 'kbd' });
      expect(keycap.closest('dt')?.nextElementSibling).toHaveTextContent(action);
    }
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(heading).toHaveFocus();

    const button = screen.getByRole('button', { name: 'Shortcuts' });
    await userEvent.click(button);
    await userEvent.click(
      within(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(button).toHaveFocus();
  });

  it('does nothing while the reviewer types in a field', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(fetch, (c) => c.status === 'new' && c.assignee_name === null);
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });
    await screen.findByRole('heading', { level: 1, name: kase.display_name }, SLOW);
    const note = await within(await screen.findByRole('region', { name: /^Notes/ }, SLOW)).findByLabelText(
      'Add a note',
    );

    await userEvent.type(note, 'a case for review, next week? claim');
    expect(note).toHaveValue('a case for review, next week? claim');
    const decision = region('Decision');
    for (const radio of within(decision).getAllByRole('radio')) expect(radio).not.toBeChecked();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(region('Assignment')).getByText(/Unassigned/)).toBeInTheDocument();
    expect(fetch.calls.filter((url) => url.includes('/claim'))).toEqual([]);
  });

  it('R chooses Reject and focuses the reason; A on a blocked case says why; C claims; N opens the next case', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(fetch, (c) => c.status === 'new' && c.open_hits > 0 && c.assignee_name === null);
    const { router } = renderApp({ fetch, path: `/cases/${kase.identity_id}` });
    await screen.findByRole('heading', { level: 1, name: kase.display_name }, SLOW);
    const decision = await screen.findByRole('region', { name: 'Decision' }, SLOW);

    await userEvent.keyboard('r');
    expect(within(decision).getByRole('radio', { name: 'Reject' })).toBeChecked();
    expect(within(decision).getByRole('combobox', { name: 'Reason' })).toHaveFocus();
    // Typing in the reason's note is text again, not a shortcut.
    await userEvent.click(within(decision).getByRole('textbox', { name: 'Note (required)' }));
    await userEvent.keyboard('a');
    expect(within(decision).getByRole('radio', { name: 'Reject' })).toBeChecked();

    // Back on the page, A cannot approve a case with an open hit: it says why and chooses nothing.
    screen.getByRole('heading', { level: 1 }).focus();
    await userEvent.keyboard('a');
    expect(within(decision).getByText(/^Approve is not possible now\. Blocked:/)).toBeInTheDocument();
    expect(within(decision).getByRole('radio', { name: 'Approve' })).not.toBeChecked();

    await userEvent.keyboard('c');
    expect(await within(region('Assignment')).findByText(/Assigned to/, {}, SLOW)).toHaveTextContent('Assigned to you');
    await userEvent.keyboard('c');
    expect(await within(region('Assignment')).findByText('Already assigned to you.')).toBeInTheDocument();

    await userEvent.keyboard('n');
    await waitFor(() => expect(router.state.location.pathname).not.toBe(`/cases/${kase.identity_id}`), SLOW);
    await waitFor(
      () => expect(screen.getByRole('heading', { level: 1 })).not.toHaveTextContent(kase.display_name),
      SLOW,
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    // The next case starts afresh: no action chosen.
    const nextDecision = await screen.findByRole('region', { name: 'Decision' }, SLOW);
    for (const radio of within(nextDecision).getAllByRole('radio')) expect(radio).not.toBeChecked();
  });

  it('A then Enter asks before a high-risk approval; Esc gives focus back to the Approve button', async () => {
    const bff = await startEmulatorBff();
    const first = await bff.install(undefined, { synced: true });
    const kase = await findApprovableHighCase(first.fetch);
    renderApp({ fetch: first.fetch, path: `/cases/${kase.identity_id}` });
    const decision = await screen.findByRole('region', { name: 'Decision' }, SLOW);
    await screen.findByRole('heading', { level: 1, name: kase.display_name }, SLOW);

    await userEvent.keyboard('a');
    expect(within(decision).getByRole('radio', { name: 'Approve' })).toBeChecked();
    const submit = within(decision).getByRole('button', { name: 'Approve' });
    expect(submit).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await screen.findByRole('dialog', { name: 'Approve under four eyes?' });
    // The shortcuts stay quiet while a dialog is open.
    await userEvent.keyboard('?');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(submit).toHaveFocus();
    expect(first.fetch.calls.filter((url) => url.endsWith('/decisions'))).toEqual([]);
  });
});
