import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NOTE_MAX_CHARS } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { gated, SLOW, startEmulatorBff, unreachable } from '../../test/bff';
import { findCase } from '../../test/cases';
import { renderApp } from '../../test/render-app';

const notesPanel = () => screen.getByRole('region', { name: /^Notes/ });

describe('the notes panel', () => {
  it('loads, says when there are none, adds a note without deciding, and lists it with its author', async () => {
    const bff = await startEmulatorBff();
    const signedIn = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(signedIn, (c) => c.status === 'new');
    const { fetch, release } = gated(signedIn, /\/notes$/);
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });

    expect(await screen.findByLabelText('Loading the notes', {}, SLOW)).toHaveAttribute('aria-busy', 'true');
    release();
    expect(await within(notesPanel()).findByText('No notes yet.', {}, SLOW)).toBeInTheDocument();

    await userEvent.type(within(notesPanel()).getByLabelText('Add a note'), 'Asked for a utility bill{enter}by phone');
    await userEvent.click(within(notesPanel()).getByRole('button', { name: 'Add note' }));

    const list = await within(notesPanel()).findByRole('list', { name: 'Notes on this case' }, SLOW);
    expect(list).toHaveTextContent('Asked for a utility bill');
    expect(list).toHaveTextContent('user_reviewer_1');
    expect(within(notesPanel()).getByLabelText('Add a note')).toHaveValue('');
    expect(within(notesPanel()).getByRole('status')).toHaveTextContent('Note added.');
    // The note is in the history too, and the case was not decided.
    const history = screen.getByRole('region', { name: 'History' });
    expect(await within(history).findByText('Note added', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 }).parentElement?.parentElement).toHaveTextContent('New');
    // Both show the absolute moment in the browser's zone (named: "UTC", "GMT+1"), the relative time as the hint.
    for (const where of [list, history]) {
      const time = where.querySelector('time');
      expect(time?.textContent).toMatch(
        /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M (UTC|GMT[+-]?\d*|[A-Z]{3,5})$/,
      );
      // The BFF's clock is fixed in tests, so how long ago varies: any relative wording.
      expect(time).toHaveAttribute('title', expect.stringMatching(/ago|last|yesterday|now|^in /));
    }
  });

  it('explains an empty or over-long note before sending it', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(fetch, () => true);
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });
    await within(await screen.findByRole('region', { name: /^Notes/ }, SLOW)).findByText('No notes yet.', {}, SLOW);

    await userEvent.click(within(notesPanel()).getByRole('button', { name: 'Add note' }));
    expect(within(notesPanel()).getByText('A note cannot be empty.')).toBeInTheDocument();

    const box = within(notesPanel()).getByLabelText('Add a note');
    await userEvent.click(box);
    await userEvent.paste('x'.repeat(NOTE_MAX_CHARS + 1));
    await userEvent.click(within(notesPanel()).getByRole('button', { name: 'Add note' }));
    expect(within(notesPanel()).getByText(`A note is at most ${NOTE_MAX_CHARS} characters.`)).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(bff.app.t.db.prepare('SELECT count(*) FROM kyc_case_notes').pluck().get()).toBe(0);
  });

  it('shows an error with a retry when the notes cannot be read', async () => {
    const bff = await startEmulatorBff();
    const signedIn = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(signedIn, () => true);
    renderApp({ fetch: unreachable(signedIn, /\/notes$/), path: `/cases/${kase.identity_id}` });
    const panel = await screen.findByRole('region', { name: /^Notes/ }, SLOW);
    await waitFor(() => expect(within(panel).getByText('The notes could not be loaded')).toBeInTheDocument(), SLOW);
    expect(within(panel).getByRole('button', { name: /Retry|Try again/ })).toBeInTheDocument();
  });
});
