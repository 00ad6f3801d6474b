import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CaseDetailDto, CaseQueueDto } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { gated, SLOW, startEmulatorBff } from '../../test/bff';
import { findApprovableHighCase, findCase } from '../../test/cases';
import { renderApp } from '../../test/render-app';

const panel = (name: string) => screen.getByRole('region', { name });

describe('a case', () => {
  it('shows a skeleton, then the identity, checks, hits, risk, money, alerts and history', async () => {
    const bff = await startEmulatorBff();
    const signedIn = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(signedIn, (c) => c.open_hits > 0);
    const { fetch, release } = gated(signedIn, /\/api\/cases\/idt_[^/]+$/);
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });

    expect(await screen.findByLabelText('Loading the case', {}, SLOW)).toHaveAttribute('aria-busy', 'true');
    release();

    expect(await screen.findByRole('heading', { level: 1, name: kase.display_name }, SLOW)).toHaveFocus();
    expect(within(panel('Identity')).getByText('Date of birth')).toBeInTheDocument();
    // The country by name with its ISO code.
    const country = within(panel('Identity')).getByText('Country').nextElementSibling;
    expect(country?.textContent).toMatch(/^\S.* \([A-Z]{2}\)$/);
    const checks = panel('Checks');
    expect(within(checks).getByRole('img', { name: 'Failed' })).toBeInTheDocument();
    expect(within(checks).getByText('Watchlist screening')).toBeInTheDocument();
    const hits = within(panel('Watchlist hits')).getAllByRole('listitem', { name: /^Hit:/ });
    expect(hits).toHaveLength(kase.open_hits);
    expect(hits[0]).toHaveTextContent(/Match \d+%/);
    expect(hits[0]).toHaveTextContent(/Fictional (Sanctions|PEP) List/);
    expect(hits[0]).toHaveTextContent(/Date of birth.*(matches|differs|unknown)/);
    expect(within(panel('Risk')).getByRole('list', { name: 'Risk reasons' })).toHaveTextContent('Watchlist');
    // Amounts are formatted by currency and precision, never shown as raw minor units.
    const balances = await within(panel('Balances and transactions')).findByRole(
      'table',
      { name: 'Linked balances', busy: false },
      SLOW,
    );
    expect(balances).toHaveTextContent(/[$€£]|[A-Z]{3}\s?\d/);
    expect(await within(panel('History')).findByText(/Nothing has happened|by /, {}, SLOW)).toBeInTheDocument();
    expect(within(panel('Cloud alerts')).queryByText(/was not granted/)).toBeNull();
  });

  it('marks a watchlist hit as a false positive', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(fetch, (c) => c.open_hits > 0);
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });
    const [hit] = await screen.findAllByRole('listitem', { name: /^Hit:/ }, SLOW);
    const name = hit?.getAttribute('aria-label');
    if (hit === undefined || name == null) throw new Error('no hit');

    await userEvent.click(within(hit).getByRole('button', { name: 'False positive…' }));
    // A verdict needs a reason and a note, checked in place.
    await userEvent.click(within(hit).getByRole('button', { name: 'Mark false positive' }));
    expect(within(hit).getByRole('combobox', { name: 'Reason' })).toHaveAccessibleDescription('Choose a reason.');
    await userEvent.selectOptions(within(hit).getByRole('combobox', { name: 'Reason' }), 'Different date of birth');
    await userEvent.type(within(hit).getByRole('textbox', { name: 'Note (required)' }), 'Born 1961, the entry 1975.');
    await userEvent.click(within(hit).getByRole('button', { name: 'Mark false positive' }));

    // The card keeps its place and the focus.
    await waitFor(() => expect(screen.getByRole('listitem', { name })).toHaveTextContent('False positive'));
    expect(screen.getAllByRole('listitem', { name: /^Hit:/ })[0]).toHaveAttribute('aria-label', name);
    await waitFor(() => expect(screen.getByRole('listitem', { name })).toHaveFocus());
    expect(screen.getByRole('listitem', { name })).toHaveTextContent(
      /Different date of birth: “Born 1961, the entry 1975.” — user_reviewer_1/,
    );
    expect(
      within(screen.getByRole('listitem', { name })).queryByRole('button', { name: 'False positive…' }),
    ).toBeNull();
    expect(await within(panel('History')).findByText('Hit marked false positive', {}, SLOW)).toBeInTheDocument();
  });

  it('lists the blockers in place of Approve, and a lead overrides them with a reason and a note', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(fetch, (c) => c.status === 'new' && c.open_hits > 0);
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });
    const decision = await screen.findByRole('region', { name: 'Decision' }, SLOW);
    const blocked = within(decision).getByRole('region', { name: 'Approval blocked' });
    expect(within(blocked).getAllByRole('listitem').length).toBeGreaterThanOrEqual(kase.open_hits);
    expect(within(decision).getByRole('radio', { name: 'Approve' })).toBeDisabled();
    expect(within(decision).getByRole('radio', { name: 'Approve' })).toHaveAccessibleDescription(/^Blocked:/);

    await userEvent.click(within(blocked).getByRole('button', { name: 'Override as lead…' }));
    await userEvent.click(within(blocked).getByRole('button', { name: 'Approve over the blockers' }));
    expect(within(blocked).getByRole('combobox', { name: 'Reason' })).toHaveAccessibleDescription(
      'Choose why you override.',
    );
    await userEvent.selectOptions(within(blocked).getByRole('combobox', { name: 'Reason' }), 'Hit cleared by evidence');
    await userEvent.type(within(blocked).getByRole('textbox', { name: 'Note (required)' }), 'Passport seen.');
    await userEvent.click(within(blocked).getByRole('button', { name: 'Approve over the blockers' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve over the blockers?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Override and approve' }));
    expect(await within(panel('History')).findByText(/Lead override/, {}, SLOW)).toBeInTheDocument();
  });

  it('rejects with a reason code and a note, checked in place first', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const kase = await findCase(fetch, (c) => c.status === 'new' && c.risk_level === 'low');
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });
    const decision = await screen.findByRole('region', { name: 'Decision' }, SLOW);

    await userEvent.click(within(decision).getByRole('radio', { name: 'Reject' }));
    await userEvent.click(within(decision).getByRole('button', { name: 'Reject' }));
    expect(within(decision).getByRole('combobox', { name: 'Reason' })).toHaveAccessibleDescription(
      'A rejection needs a reason code.',
    );
    expect(within(decision).getByRole('textbox', { name: 'Note (required)' })).toHaveAccessibleDescription(
      'This decision needs a note.',
    );
    expect(fetch.calls.some((url) => url.includes('/decisions'))).toBe(false);

    await userEvent.selectOptions(within(decision).getByRole('combobox', { name: 'Reason' }), 'Document mismatch');
    await userEvent.type(within(decision).getByRole('textbox', { name: 'Note (required)' }), 'Passport name differs.');
    await userEvent.click(within(decision).getByRole('button', { name: 'Reject' }));

    expect(await within(decision).findByText('Decision saved.', {}, SLOW)).toBeInTheDocument();
    const header = screen.getByRole('heading', { level: 1 }).parentElement;
    expect(header).toHaveTextContent('Rejected');
    expect(within(decision).getByRole('radio', { name: 'Approve' })).toBeDisabled();
    expect(within(decision).getByRole('radio', { name: 'Approve' })).toHaveAccessibleDescription(
      'Approve, reject, request information, and escalate are not possible while the case is rejected.',
    );
    expect(await within(panel('History')).findByText('Decision: Reject', {}, SLOW)).toBeInTheDocument();
    expect(within(panel('History')).getByText(/Passport name differs\./)).toBeInTheDocument();
    expect(
      await within(panel('Write-back to Blnk Cloud')).findByText('Identity metadata', { exact: false }),
    ).toBeInTheDocument();
  });

  it('asks before a four-eyes approval (the BFF says it is one) and then waits for a second reviewer', async () => {
    const bff = await startEmulatorBff();
    const first = await bff.install(undefined, { synced: true });
    const kase = await findApprovableHighCase(first.fetch);
    renderApp({ fetch: first.fetch, path: `/cases/${kase.identity_id}` });
    const decision = await screen.findByRole('region', { name: 'Decision' }, SLOW);

    await userEvent.click(within(decision).getByRole('radio', { name: 'Approve' }));
    await userEvent.click(within(decision).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve under four eyes?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));

    expect(await within(decision).findByText(/First approval recorded/, {}, SLOW)).toBeInTheDocument();
    expect(within(decision).getByRole('note')).toHaveTextContent('Waiting for a second approval. You approved');
    expect(within(decision).getByRole('radio', { name: 'Approve' })).toHaveAccessibleDescription(
      'You gave the first approval: a different reviewer must give the second.',
    );
  });

  it('lets a second reviewer complete a four-eyes approval', async () => {
    const bff = await startEmulatorBff();
    const first = await bff.install(undefined, { synced: true });
    const kase = await findApprovableHighCase(first.fetch);
    const approved = await first.fetch(`/api/cases/${kase.identity_id}/decisions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'approve' }),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': await csrf(first.fetch) },
    });
    expect(approved.status).toBe(200);
    const second = await bff.launchAs(first.installedAppId, 'user_lead_2', { role: 'lead' });
    renderApp({ fetch: second, path: `/cases/${kase.identity_id}` });
    const decision = await screen.findByRole('region', { name: 'Decision' }, SLOW);
    expect(within(decision).getByRole('note')).toHaveTextContent('user_reviewer_1 approved');

    await userEvent.click(within(decision).getByRole('radio', { name: 'Approve' }));
    await userEvent.click(within(decision).getByRole('button', { name: 'Approve' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Approve' }));

    expect(await within(decision).findByText('Decision saved.', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 }).parentElement).toHaveTextContent('Approved');
  });

  it("links each possible duplicate by the other customer's name, with the key that matched", async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const queue = CaseQueueDto.parse(await (await fetch('/api/cases?pageSize=100')).json());
    let found: CaseDetailDto | null = null;
    for (const item of queue.items) {
      const detail = CaseDetailDto.parse(await (await fetch(`/api/cases/${item.identity_id}`)).json());
      if (detail.case.duplicates.length > 0) {
        found = detail;
        break;
      }
    }
    const other = found?.case.duplicates[0];
    if (found === null || other === undefined) throw new Error('the seeded queue has no duplicate');
    renderApp({ fetch, path: `/cases/${found.identity.identity_id}` });

    const list = await within(await screen.findByRole('region', { name: 'Checks' }, SLOW)).findByRole('list', {
      name: 'Possible duplicates',
    });
    const link = within(list).getByRole('link', { name: other.name });
    expect(link).toHaveAttribute('href', `/cases/${other.identity_id}`);
    expect(link.closest('li')).toHaveTextContent(`same ${other.matched.join(', ')}`);
    expect(list).not.toHaveTextContent('idt_');
  });

  it('says a case that does not exist is not found', async () => {
    const bff = await startEmulatorBff();
    renderApp({
      fetch: await bff.signIn(undefined, { synced: true }),
      path: '/cases/idt_00000000-0000-0000-0000-000000000000',
    });

    expect(await screen.findByRole('heading', { name: 'Case not found' }, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the queue' })).toHaveAttribute('href', '/queue');
  });
});

async function csrf(fetch: typeof globalThis.fetch): Promise<string> {
  const session: unknown = await (await fetch('/api/session')).json();
  if (
    typeof session === 'object' &&
    session !== null &&
    'csrf_token' in session &&
    typeof session.csrf_token === 'string'
  )
    return session.csrf_token;
  throw new Error('no csrf token');
}
