import type { Permission } from '@kyc-review/contracts';
import type { FrameLocator, Page } from 'playwright-core';
import { z } from 'zod';

// The emulator's dashboard driven as a person drives Blnk Cloud's: by the labels and
// roles on screen (packages/cloud-emulator/src/dashboard), never by calling its API.

const ALL_SCOPES: readonly Permission[] = ['data:read', 'data:write', 'alerts:read', 'alerts:write'];

export function appFrame(page: Page): FrameLocator {
  return page.locator('iframe#app-frame').contentFrame();
}

export async function openDashboard(page: Page, emulatorUrl: string): Promise<void> {
  await page.goto(`${emulatorUrl}/`);
  await page.getByRole('heading', { name: /^Install on / }).waitFor();
}

/** Ticks exactly `scopes` in the install form, installs, and returns the new install's id. */
export async function installApp(page: Page, scopes: readonly Permission[]): Promise<string> {
  for (const scope of ALL_SCOPES) {
    await page.getByRole('checkbox', { name: new RegExp(`^${scope}\\b`) }).setChecked(scopes.includes(scope));
  }
  await page.getByRole('button', { name: 'Install app' }).click();
  const status = page.locator('#install-status');
  await status.filter({ hasText: /Install active: app answered 200/ }).waitFor();
  const launch = page.getByRole('button', { name: /^Launch instapp_/ });
  await launch.waitFor();
  const label = z
    .string()
    .regex(/^Launch instapp_/)
    .parse(await launch.getAttribute('aria-label'));
  return label.slice('Launch '.length);
}

/** Clicks Launch app and waits until the portal is loaded in the dashboard's iframe. */
export async function launchApp(page: Page): Promise<FrameLocator> {
  await page.getByRole('button', { name: /^Launch instapp_/ }).click();
  await page.getByTestId('app-view').waitFor({ state: 'visible' });
  const frame = appFrame(page);
  // A page heading (a screen or a status page) means the SPA is past its session check.
  await frame.getByRole('heading', { level: 1 }).first().waitFor();
  return frame;
}

export async function uninstallApp(page: Page, installedAppId: string): Promise<void> {
  await page.getByRole('button', { name: `Uninstall ${installedAppId}` }).click();
  await page
    .locator('#install-status')
    .filter({ hasText: /Uninstall: app answered 200/ })
    .waitFor();
}
