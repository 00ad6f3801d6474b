import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_KYC_SETTINGS } from '@kyc-review/contracts';
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
    // Only the first read went out: no impact asked and no PUT with the invalid values.
    expect(fetch.calls.filter((url) => url.endsWith('/api/settings'))).toHaveLength(1);
    expect(fetch.calls.filter((url) => url.endsWith('/api/settings/impact'))).toHaveLength(0);
  });

  it('saves a change, says so, and shows who changed it', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(), path: '/settings' });
    const panel = await form();
    const age = await within(panel).findByRole('spinbutton', { name: 'Minimum age' }, SLOW);

    await userEvent.clear(age);
    await userEvent.type(age, '21');
    await userEvent.click(within(panel).getByRole('button', { name: 'Save settings' }));

    // First what the change would do, computed without saving; the save waits for the confirmation.
    const dialog = await screen.findByRole('dialog', { name: 'Save these settings?' }, SLOW);
    expect(within(dialog).getByTestId('settings-impact')).toHaveTextContent(
      /(No case would change|\d+ cases? changes? band, \d+ cases? would need re-review)/,
    );
    expect(within(dialog).getByTestId('settings-impact')).toHaveTextContent('Nothing is saved until you confirm.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save settings' }));

    expect(await within(panel).findByText('Settings saved.', {}, SLOW)).toBeInTheDocument();
    // By name, as every screen names a reviewer: never "Name (rvw_…)".
    await waitFor(() => expect(panel).toHaveTextContent(/Last changed .* by user_reviewer_1$/));
    expect(panel).not.toHaveTextContent('rvw_');
    expect(within(panel).getByRole('spinbutton', { name: 'Minimum age' })).toHaveValue(21);
    // The change is in the history, with who made it and the value before and after.
    const history = await screen.findByRole('table', { name: 'Settings history' }, SLOW);
    await waitFor(() => expect(history).toHaveTextContent('Minimum age: 18 → 21'));
    const row = within(history).getAllByRole('row')[1];
    expect(row).toHaveTextContent(/user_reviewer_1/);
    expect(history).not.toHaveTextContent('rvw_');
  });

  it('names saves recorded before reviewers by what recorded them, never by a raw id', async () => {
    const bff = await startEmulatorBff();
    const { fetch, installedAppId } = await bff.install();
    const json = JSON.stringify(DEFAULT_KYC_SETTINGS);
    const plant = bff.app.t.db.prepare(`INSERT INTO kyc_settings_history
      (installed_app_id, version, before_settings, after_settings, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)`);
    plant.run(installedAppId, 1, json, json, 'install:legacy-key', '2026-01-01T00:00:00.000Z');
    plant.run(installedAppId, 2, json, json, 'user_0f3a', '2026-01-02T00:00:00.000Z');
    bff.app.t.db
      .prepare(
        'INSERT INTO kyc_settings (installed_app_id, settings, version, updated_at, updated_by) VALUES (?, ?, 2, ?, ?)',
      )
      .run(installedAppId, json, '2026-01-02T00:00:00.000Z', 'user_0f3a');
    renderApp({ fetch, path: '/settings' });

    const panel = await form();
    await waitFor(() => expect(panel).toHaveTextContent(/Last changed .* by a Blnk Cloud user/), SLOW);
    const history = await screen.findByRole('table', { name: 'Settings history' }, SLOW);
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(3), SLOW);
    const [, newest, oldest] = within(history).getAllByRole('row');
    expect(newest).toHaveTextContent('a Blnk Cloud user');
    expect(oldest).toHaveTextContent('the install (before sign-in)');
    expect(history).not.toHaveTextContent(/user_0f3a|install:legacy-key/);
  });

  it('shows the impact of a change that moves cases and saves nothing when cancelled', async () => {
    const bff = await startEmulatorBff();
    // Synced first: there are cases to judge.
    const fetch = await bff.signIn(undefined, { synced: true });
    renderApp({ fetch, path: '/settings' });
    const panel = await form();
    const high = await within(panel).findByRole('spinbutton', { name: 'High from' }, SLOW);
    const medium = within(panel).getByRole('spinbutton', { name: 'Medium from' });

    // Narrow bands: most scored cases move up.
    await userEvent.clear(medium);
    await userEvent.type(medium, '0.05');
    await userEvent.clear(high);
    await userEvent.type(high, '0.1');
    await userEvent.click(within(panel).getByRole('button', { name: 'Save settings' }));

    const dialog = await screen.findByRole('dialog', { name: 'Save these settings?' }, SLOW);
    const impact = within(dialog).getByTestId('settings-impact');
    expect(impact).toHaveTextContent(/[1-9]\d* cases? changes? band/);
    expect(within(dialog).getByRole('list', { name: 'Cases that would change' })).toHaveTextContent(
      /Low → High|Medium → High|Low → Medium/,
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The read and the impact, no save.
    expect(fetch.calls.filter((url) => url.endsWith('/api/settings'))).toHaveLength(1);
    expect(fetch.calls.filter((url) => url.endsWith('/api/settings/impact'))).toHaveLength(1);
    expect(within(panel).queryByText('Settings saved.')).not.toBeInTheDocument();
  });

  it('says when the settings cannot be loaded', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: unreachable(await bff.signIn(), /\/api\/settings$/), path: '/settings' });

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

  it('reads a CSV into a preview that changes nothing, and applies it once confirmed', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(), path: '/settings' });
    const panel = await screen.findByRole('region', { name: 'Import a watchlist' }, SLOW);
    const summary = await screen.findByRole('region', { name: 'Watchlist' }, SLOW);
    const csv = [
      'name,aliases,dob,country,list,topic',
      'Test Person One,,1970,FR,Team List,pep',
      'Test Person Two,T. Two,1980-02,DE,Team List,sanction',
    ].join('\n');

    await userEvent.upload(
      within(panel).getByLabelText('Import watchlist files'),
      new File([csv], 'team.csv', { type: 'text/csv' }),
    );
    await userEvent.click(within(panel).getByRole('button', { name: 'Read and preview' }));

    const preview = await within(panel).findByRole('region', { name: 'Import preview' }, SLOW);
    expect(within(preview).getByRole('region', { name: 'Rows read' })).toHaveTextContent(
      '2 entries read, no row refused.',
    );
    // (The test DOM's FormData names files "blob"; a browser sends their names.)
    expect(preview).toHaveTextContent(/Read as CSV: \S+ \(2 rows\)\./);
    expect(within(preview).getByText('Added').nextElementSibling).toHaveTextContent('2');
    expect(within(summary).queryByText('Team List')).not.toBeInTheDocument();

    await userEvent.click(within(preview).getByRole('button', { name: 'Confirm import' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Apply as a new version' }));
    expect(
      await within(panel).findByText(/^Imported: version 2 is active, with 502 entries\./, {}, SLOW),
    ).toBeInTheDocument();
    await waitFor(() => expect(within(summary).getByText('Team List').nextElementSibling).toHaveTextContent('2'));
    expect(await within(panel).findByText('No import is waiting for confirmation.', {}, SLOW)).toBeInTheDocument();
    const versions = await screen.findByRole('table', { name: 'Watchlist versions' }, SLOW);
    expect(await within(versions).findByText(/Added and updated: \S+/, {}, SLOW)).toBeInTheDocument();
  });

  it('refuses an upload with more than 10% bad rows and lists them by line', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(), path: '/settings' });
    const panel = await screen.findByRole('region', { name: 'Import a watchlist' }, SLOW);
    const csv = ['name,aliases,dob,country,list,topic', 'Test Person One,,1970,FR,Team List,pep', ',,,,Team List,pep'];

    await userEvent.upload(
      within(panel).getByLabelText('Import watchlist files'),
      new File([csv.join('\n')], 'team.csv', { type: 'text/csv' }),
    );
    await userEvent.click(within(panel).getByRole('button', { name: 'Read and preview' }));

    expect(await within(panel).findByRole('alert', {}, SLOW)).toHaveTextContent(
      '1 of 2 rows (50%) were refused, more than the 10% an import may refuse: nothing was imported.',
    );
    const refused = within(panel).getByRole('region', { name: 'Refused upload' });
    expect(refused).toHaveTextContent(/Line 3/);
  });

  it('refuses files over the upload limit before uploading them', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn();
    renderApp({ fetch, path: '/settings' });
    const panel = await screen.findByRole('region', { name: 'Import a watchlist' }, SLOW);
    const input = within(panel).getByLabelText('Import watchlist files');
    // A file's size is what the browser reports; no need to build a gigabyte here.
    const huge = new File(['x'], 'huge.ftm.json', { type: 'application/json' });
    Object.defineProperty(huge, 'size', { value: 1024 * 1024 * 1024 + 1 });

    await userEvent.upload(input, huge);
    await userEvent.click(within(panel).getByRole('button', { name: 'Read and preview' }));

    expect(input).toHaveAccessibleDescription(/larger than 1024 MiB/);
    expect(fetch.calls.some((url) => url.includes('/api/watchlist/import?'))).toBe(false);
  });

  it('uploads the OFAC files together, shows what each was read as, and discards the preview', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(), path: '/settings' });
    const panel = await screen.findByRole('region', { name: 'Import a watchlist' }, SLOW);
    const sdn = '9001,"TESTMAN, Hans",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1961."\r\n\x1a';
    const alt = '9001,1,"aka","TESTMANN, Hans",-0- \r\n';

    await userEvent.upload(within(panel).getByLabelText('Import watchlist files'), [
      new File([sdn], 'sdn.csv', { type: 'text/csv' }),
      new File([alt], 'alt.csv', { type: 'text/csv' }),
    ]);
    await userEvent.selectOptions(within(panel).getByLabelText('Format'), 'ofac_sdn');
    await userEvent.click(within(panel).getByLabelText(/Replace the lists/));
    await userEvent.click(within(panel).getByRole('button', { name: 'Read and preview' }));

    const preview = await within(panel).findByRole('region', { name: 'Import preview' }, SLOW);
    const result = within(preview).getByRole('region', { name: 'Rows read' });
    expect(result).toHaveTextContent('1 entry read, no row refused.');
    expect(result).toHaveTextContent(/Read as OFAC SDN: \S+ \(sdn\.csv, 1 row\), \S+ \(alt\.csv, 1 row\)\./);
    expect(preview).toHaveTextContent('Replace the list OFAC SDN');
    await userEvent.click(within(preview).getByRole('button', { name: 'Discard' }));
    expect(await within(panel).findByText('No import is waiting for confirmation.', {}, SLOW)).toBeInTheDocument();
  });

  it('lists the versions and lets a lead roll back to an earlier one', async () => {
    const bff = await startEmulatorBff();
    renderApp({ fetch: await bff.signIn(), path: '/settings' });
    const panel = await screen.findByRole('region', { name: 'Import a watchlist' }, SLOW);
    await userEvent.upload(
      within(panel).getByLabelText('Import watchlist files'),
      new File(['name,list,topic\nTest Rollback Person,Team List,pep\n'], 'team.csv', { type: 'text/csv' }),
    );
    await userEvent.click(within(panel).getByRole('button', { name: 'Read and preview' }));
    await userEvent.click(await within(panel).findByRole('button', { name: 'Confirm import' }, SLOW));
    await userEvent.click(await screen.findByRole('button', { name: 'Apply as a new version' }));
    const versions = await screen.findByRole('region', { name: 'Watchlist versions' }, SLOW);

    await userEvent.click(await within(versions).findByRole('button', { name: 'Roll back to 1' }, SLOW));
    await userEvent.click(await screen.findByRole('button', { name: 'Roll back' }));
    expect(
      await within(versions).findByText(/Rolled back: version 3 holds the entries of version 1\./, {}, SLOW),
    ).toBeInTheDocument();
    expect(await within(versions).findByText('Rolled back to version 1', {}, SLOW)).toBeInTheDocument();
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
    // The history of changes is for leads: a reviewer gets no panel (and the BFF a 403).
    expect(screen.queryByRole('region', { name: 'Settings history' })).not.toBeInTheDocument();

    const watchlist = screen.getByRole('region', { name: 'Watchlist' });
    expect(await within(watchlist).findByText('Fictional Sanctions List', {}, SLOW)).toBeInTheDocument();
    const importing = screen.getByRole('region', { name: 'Import a watchlist' });
    expect(within(importing).queryByLabelText('Import watchlist files')).not.toBeInTheDocument();
    expect(within(importing).queryByRole('button', { name: 'Read and preview' })).not.toBeInTheDocument();
    const versions = screen.getByRole('region', { name: 'Watchlist versions' });
    expect(within(versions).queryByRole('button', { name: /Roll back/ })).not.toBeInTheDocument();
    // Typing into a read-only field changes nothing, and nothing is sent.
    await userEvent.type(age, '5');
    expect(age).toHaveValue(18);
    expect(fetch.calls.some((url) => url.includes('/api/watchlist/import?'))).toBe(false);
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
      within(screen.getByRole('region', { name: 'Import a watchlist' })).getByRole('button', {
        name: 'Read and preview',
      }),
    ).toBeEnabled();
    expect(screen.queryByText(NOTICE)).not.toBeInTheDocument();
  });
});
