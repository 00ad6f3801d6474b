import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SLOW, startEmulatorBff, unreachable } from '../../test/bff';
import { renderApp } from '../../test/render-app';

const form = () => screen.findByRole('region', { name: 'Checks and risk' }, SLOW);

describe('the settings', () => {
  it('shows the current settings', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(), path: '/settings' });
    const panel = await form();

    expect(await within(panel).findByRole('spinbutton', { name: 'Minimum age' }, SLOW)).toHaveValue(18);
    expect(within(panel).getByRole('spinbutton', { name: 'Watchlist threshold' })).toHaveValue(0.85);
    expect(within(panel).getByLabelText('As of')).toHaveValue('2025-10-24');
    expect(within(panel).getByRole('textbox', { name: 'Call for action (high risk)' })).toHaveValue('KP, IR, MM');
    expect(within(panel).getByRole('spinbutton', { name: 'Watchlist hit' })).toHaveValue(0.8);
  });

  it('checks the values in place and sends nothing invalid', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn();
    renderApp({ fetch, path: '/settings' });
    const panel = await form();
    const threshold = await within(panel).findByRole('spinbutton', { name: 'Watchlist threshold' }, SLOW);

    await userEvent.clear(threshold);
    await userEvent.type(threshold, '0.2');
    const list = within(panel).getByRole('textbox', { name: 'Call for action (high risk)' });
    await userEvent.type(list, ', Iran');
    await userEvent.click(within(panel).getByRole('button', { name: 'Save settings' }));

    expect(threshold).toHaveAttribute('aria-invalid', 'true');
    expect(threshold).toHaveAccessibleDescription(/0\.5/);
    expect(list).toHaveAccessibleDescription(/Entry 4: must be an ISO 3166 alpha-2 code/);
    await waitFor(() => expect(threshold).toHaveFocus());
    // Only the first read went out: no PUT with the invalid values.
    expect(fetch.calls.filter((url) => url.includes('/api/settings'))).toHaveLength(1);
  });

  it('saves a change, says so, and shows who changed it', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(), path: '/settings' });
    const panel = await form();
    const age = await within(panel).findByRole('spinbutton', { name: 'Minimum age' }, SLOW);

    await userEvent.clear(age);
    await userEvent.type(age, '21');
    await userEvent.click(within(panel).getByRole('button', { name: 'Save settings' }));

    expect(await within(panel).findByText('Settings saved.', {}, SLOW)).toBeInTheDocument();
    await waitFor(() => expect(panel).toHaveTextContent(/Last changed .* by user_reviewer_1/));
    expect(within(panel).getByRole('spinbutton', { name: 'Minimum age' })).toHaveValue(21);
  });

  it('says when the settings cannot be loaded', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: unreachable(await bff.signIn(), /\/api\/settings/), path: '/settings' });

    const alert = await screen.findByRole('alert', {}, SLOW);
    expect(alert).toHaveTextContent('The settings could not be loaded');
    expect(alert).toHaveTextContent('Could not reach the KYC Review server');
  });
});

describe('the watchlist', () => {
  it('shows what it holds', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(), path: '/settings' });
    const panel = await screen.findByRole('region', { name: 'Watchlist' }, SLOW);

    expect(await within(panel).findByText('Fictional Sanctions List', {}, SLOW)).toBeInTheDocument();
    expect(within(panel).getByText('Entries').nextElementSibling).toHaveTextContent('500');
  });

  it('imports a CSV and lists the refused lines', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(), path: '/settings' });
    const panel = await screen.findByRole('region', { name: 'Watchlist' }, SLOW);
    const csv = [
      'name,aliases,dob,country,list,topic',
      'Test Person One,,1970,FR,Team List,pep',
      'Test Person Two,T. Two,1980-02,DE,Team List,sanction',
      ',,,,Team List,pep',
    ].join('\n');

    await userEvent.upload(
      within(panel).getByLabelText('Import watchlist files'),
      new File([csv], 'team.csv', { type: 'text/csv' }),
    );
    await userEvent.click(within(panel).getByRole('button', { name: 'Import' }));

    const result = await within(panel).findByRole('region', { name: 'Import result' }, SLOW);
    expect(result).toHaveTextContent('2 entries imported, 1 row refused.');
    // (The test DOM's FormData names files "blob"; a browser sends their names.)
    expect(result).toHaveTextContent(/Read as CSV: \S+ \(3 rows\)\./);
    expect(result).toHaveTextContent(/Line 4/);
    expect(within(panel).getByText('Team List').nextElementSibling).toHaveTextContent('2');
  });

  it('refuses files over the upload limit before uploading them', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn();
    renderApp({ fetch, path: '/settings' });
    const panel = await screen.findByRole('region', { name: 'Watchlist' }, SLOW);
    const input = within(panel).getByLabelText('Import watchlist files');
    // A file's size is what the browser reports; no need to build a gigabyte here.
    const huge = new File(['x'], 'huge.ftm.json', { type: 'application/json' });
    Object.defineProperty(huge, 'size', { value: 1024 * 1024 * 1024 + 1 });

    await userEvent.upload(input, huge);
    await userEvent.click(within(panel).getByRole('button', { name: 'Import' }));

    expect(input).toHaveAccessibleDescription(/larger than 1024 MiB/);
    expect(fetch.calls.some((url) => url.includes('/api/watchlist/import'))).toBe(false);
  });

  it('uploads the OFAC files together and shows what each was read as', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(), path: '/settings' });
    const panel = await screen.findByRole('region', { name: 'Watchlist' }, SLOW);
    const sdn = '9001,"TESTMAN, Hans",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1961."\r\n\x1a';
    const alt = '9001,1,"aka","TESTMANN, Hans",-0- \r\n';

    await userEvent.upload(within(panel).getByLabelText('Import watchlist files'), [
      new File([sdn], 'sdn.csv', { type: 'text/csv' }),
      new File([alt], 'alt.csv', { type: 'text/csv' }),
    ]);
    await userEvent.selectOptions(within(panel).getByLabelText('Format'), 'ofac_sdn');
    await userEvent.click(within(panel).getByRole('button', { name: 'Import' }));

    const result = await within(panel).findByRole('region', { name: 'Import result' }, SLOW);
    expect(result).toHaveTextContent('1 entry imported, no row refused.');
    expect(result).toHaveTextContent(/Read as OFAC SDN: \S+ \(sdn\.csv, 1 row\), \S+ \(alt\.csv, 1 row\)\./);
    expect(within(panel).getByText('OFAC SDN').nextElementSibling).toHaveTextContent('1');
  });
});

describe('for a reviewer below the lead role', () => {
  const NOTICE = 'Only a lead or an admin of KYC Review can change settings and import watchlists.';

  it('shows the values read-only, with no Save or Import, and says why', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { userId: 'user_reviewer_1', reviewer: { role: 'reviewer' } });
    renderApp({ fetch, path: '/settings' });
    const panel = await form();

    const age = await within(panel).findByRole('spinbutton', { name: 'Minimum age' }, SLOW);
    expect(age).toHaveValue(18);
    expect(age).toHaveAttribute('readonly');
    expect(within(panel).getByRole('textbox', { name: 'Call for action (high risk)' })).toHaveAttribute('readonly');
    expect(within(panel).getByRole('spinbutton', { name: 'Watchlist hit' })).toHaveAttribute('readonly');
    expect(within(panel).queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(NOTICE);

    const watchlist = screen.getByRole('region', { name: 'Watchlist' });
    expect(await within(watchlist).findByText('Fictional Sanctions List', {}, SLOW)).toBeInTheDocument();
    expect(within(watchlist).queryByLabelText('Import a CSV')).not.toBeInTheDocument();
    expect(within(watchlist).queryByRole('button', { name: 'Import' })).not.toBeInTheDocument();
    // Typing into a read-only field changes nothing, and nothing is sent.
    await userEvent.type(age, '5');
    expect(age).toHaveValue(18);
    expect(fetch.calls.some((url) => url.includes('/api/watchlist/import'))).toBe(false);
    expect(fetch.calls.filter((url) => url.includes('/api/settings'))).toHaveLength(1);
  });

  it('a lead of the same install edits', async () => {
    const bff = await startEmulatorBff();
    renderApp({
      fetch: await bff.signIn(undefined, { userId: 'user_lead_1', reviewer: { role: 'lead' } }),
      path: '/settings',
    });
    const panel = await form();

    expect(await within(panel).findByRole('button', { name: 'Save settings' }, SLOW)).toBeEnabled();
    expect(within(panel).getByRole('spinbutton', { name: 'Minimum age' })).not.toHaveAttribute('readonly');
    expect(
      within(screen.getByRole('region', { name: 'Watchlist' })).getByRole('button', { name: 'Import' }),
    ).toBeEnabled();
    expect(screen.queryByText(NOTICE)).not.toBeInTheDocument();
  });
});
