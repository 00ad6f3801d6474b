import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CSRF_HEADER, SessionDto } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { SLOW, startEmulatorBff } from '../../test/bff';
import { findCase } from '../../test/cases';
import { renderApp } from '../../test/render-app';

const panel = () => screen.getByRole('region', { name: 'Assignment' });

describe('the assignment panel', () => {
  it('lets a reviewer claim an unassigned case, then says it is theirs', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true, reviewer: { role: 'reviewer' } });
    const kase = await findCase(fetch, (c) => c.status === 'new');
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });

    expect(
      await within(await screen.findByRole('region', { name: 'Assignment' }, SLOW)).findByText(/Unassigned/),
    ).toBeVisible();
    // A reviewer has no assign menu.
    expect(within(panel()).queryByLabelText('Assign to')).toBeNull();
    await userEvent.click(within(panel()).getByRole('button', { name: 'Claim this case' }));
    expect(await within(panel()).findByText('you', {}, SLOW)).toBeInTheDocument();
    expect(within(panel()).queryByRole('button', { name: 'Claim this case' })).toBeNull();
    const history = screen.getByRole('region', { name: 'History' });
    expect(await within(history).findByText('Case claimed', {}, SLOW)).toBeInTheDocument();
    expect(bff.app.t.db.prepare("SELECT count(*) FROM kyc_cases WHERE assignee_id <> ''").pluck().get()).toBe(1);
  });

  it('tells a reviewer who holds a case claimed by someone else, and who may decide', async () => {
    const bff = await startEmulatorBff();
    const { fetch, installedAppId } = await bff.install(undefined, { synced: true, reviewer: { role: 'reviewer' } });
    const kase = await findCase(fetch, (c) => c.status === 'new');
    const other = await bff.launchAs(installedAppId, 'user_colleague', { role: 'reviewer', name: 'Cleo Colleague' });
    const { csrf_token: csrf } = SessionDto.parse(await (await other('/api/session')).json());
    const claimed = await other(`/api/cases/${kase.identity_id}/claim`, {
      method: 'POST',
      headers: { [CSRF_HEADER]: csrf },
    });
    expect(claimed.status).toBe(200);

    renderApp({ fetch, path: `/cases/${kase.identity_id}` });
    const assignment = await screen.findByRole('region', { name: 'Assignment' }, SLOW);
    expect(assignment).toHaveTextContent('Assigned to Cleo Colleague');
    expect(assignment).toHaveTextContent('Only Cleo Colleague or a lead can decide on this case.');
    expect(within(assignment).queryByRole('button', { name: 'Claim this case' })).toBeNull();
    // The decisions are not offered to this reviewer: the BFF's reason, said once under them all.
    const decision = screen.getByRole('region', { name: 'Decision' });
    const held = 'This case is assigned to Cleo Colleague: only they or a lead can act on it.';
    expect(within(decision).getByRole('radio', { name: 'Approve' })).toBeDisabled();
    expect(within(decision).getByRole('radio', { name: 'Escalate' })).toHaveAccessibleDescription(held);
    expect(within(decision).getAllByText(held)).toHaveLength(1);
  });

  it('lets a lead assign to a named reviewer and unassign again', async () => {
    const bff = await startEmulatorBff();
    const { fetch, installedAppId } = await bff.install(undefined, { synced: true });
    await bff.launchAs(installedAppId, 'user_dana', { role: 'reviewer', name: 'Dana Diligent' });
    const kase = await findCase(fetch, (c) => c.status === 'new');
    renderApp({ fetch, path: `/cases/${kase.identity_id}` });

    const assignment = await screen.findByRole('region', { name: 'Assignment' }, SLOW);
    const menu = within(assignment).getByLabelText('Assign to');
    await within(assignment).findByRole('option', { name: 'Dana Diligent · reviewer' }, SLOW);
    await userEvent.selectOptions(menu, 'Dana Diligent · reviewer');
    await userEvent.click(within(assignment).getByRole('button', { name: 'Assign' }));
    expect(await within(assignment).findByText('Dana Diligent', {}, SLOW)).toBeInTheDocument();

    await userEvent.selectOptions(within(assignment).getByLabelText('Reassign to'), 'Nobody (unassigned)');
    await userEvent.click(within(assignment).getByRole('button', { name: 'Unassign' }));
    expect(await within(assignment).findByText(/Unassigned: anyone may claim it/, {}, SLOW)).toBeInTheDocument();
  });
});
