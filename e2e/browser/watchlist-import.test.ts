import { describe, expect, it } from 'vitest';
import { openSession } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { installApp, launchApp, openDashboard } from '../support/dashboard';

// Safe watchlist imports (issue 11, docs/decisions/018), in Chromium inside the dashboard's
// iframe: an upload with too many bad rows is refused with its rows listed; a good one is
// previewed (nothing changes), confirmed as a new version, and rolled back by a lead.

const suite = browserSuite({ appHost: 'localhost', identitiesPerInstance: 40 });

const HEADER = 'name,aliases,dob,country,list,topic';
const ROWS = Array.from(
  { length: 9 },
  (_, i) => `Walkthrough Person${String(i)},,1970-01-0${String(i + 1)},FR,Fictional PEP List,pep`,
);
const file = (name: string, rows: readonly string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`${[HEADER, ...rows].join('\n')}\n`),
});

describe('watchlist import in Chromium', () => {
  it('refuses a bad file, previews a good one, applies it as a version and rolls it back', async () => {
    const { page, shot } = await openSession(suite.browser, 'watchlist import');
    await openDashboard(page, suite.stack.emulatorUrl);
    await installApp(page, ['data:read', 'data:write', 'alerts:read', 'alerts:write']);
    const app = await launchApp(page);
    await app.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const importPanel = app.getByRole('region', { name: 'Import a watchlist' });
    const versions = app.getByRole('region', { name: 'Watchlist versions' });
    await versions.getByRole('row').nth(1).waitFor();
    await importPanel.getByText('No import is waiting for confirmation.').waitFor();
    await shot('settings with the watchlist and its versions');

    // 2 of 11 rows refused (18%): nothing is imported, the rows are named.
    await importPanel
      .getByLabel('Import watchlist files')
      .setInputFiles(
        file('bad.csv', [...ROWS, 'Bad Date,,1970-13-45,,Fictional PEP List,pep', ',,,,Fictional PEP List,pep']),
      );
    await importPanel.getByRole('button', { name: 'Read and preview' }).click();
    await importPanel.getByRole('alert').filter({ hasText: 'were refused' }).waitFor();
    expect(await importPanel.getByRole('region', { name: 'Refused upload' }).innerText()).toMatch(/Line 11/);
    await shot('an upload with too many refused rows');

    // Replace the PEP list with nine people: a preview first, nothing changed yet.
    await importPanel.getByLabel('Import watchlist files').setInputFiles(file('pep.csv', ROWS));
    await importPanel.getByLabel(/Replace the lists/).check();
    await importPanel.getByRole('button', { name: 'Read and preview' }).click();
    const preview = importPanel.getByRole('region', { name: 'Import preview' });
    await preview.waitFor();
    expect(await preview.innerText()).toMatch(/Replace the list Fictional PEP List/);
    await preview.getByText('Removed (').click();
    await shot('the preview of a replace');

    await preview.getByRole('button', { name: 'Confirm import' }).click();
    const dialog = app.getByRole('dialog', { name: 'Apply this import?' });
    await dialog.waitFor();
    await shot('the confirmation');
    await dialog.getByRole('button', { name: 'Apply as a new version' }).click();
    await importPanel.getByText(/^Imported: version 2 is active/).waitFor();
    await versions.getByRole('cell', { name: /Replaced: pep\.csv/ }).waitFor();
    await shot('the new version applied');

    await versions.getByRole('button', { name: 'Roll back to 1' }).click();
    const rollback = app.getByRole('dialog', { name: 'Roll back to version 1?' });
    await rollback.waitFor();
    await shot('the rollback confirmation');
    await rollback.getByRole('button', { name: 'Roll back' }).click();
    await versions.getByText('Rolled back: version 3 holds the entries of version 1.').waitFor();
    await versions.getByRole('cell', { name: 'Rolled back to version 1' }).waitFor();
    await shot('rolled back');
  });
});
