import type { Permission } from '@kyc-review/contracts';
import type { FrameLocator, Page } from 'playwright-core';
import { z } from 'zod';
import {
  accountEmail,
  anyAccount,
  E2E_PASSWORD,
  knownAccount,
  rememberAccount,
  takeRecoveryCode,
  totpNow,
} from './reviewer-accounts';

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

export type LaunchOptions = {
  /**
   * Who signs in inside the frame (decision 017): the install's first launch sets up its
   * admin ("Set up KYC Review"), later ones sign in with the password and a recovery code.
   * `false` stops at whatever the launch shows.
   */
  readonly as?: string | false;
};

/** Clicks Launch app, waits until the portal is loaded in the dashboard's iframe, and signs in. */
export async function launchApp(page: Page, options: LaunchOptions = {}): Promise<FrameLocator> {
  const launch = page.getByRole('button', { name: /^Launch instapp_/ });
  const installedAppId = z
    .string()
    .regex(/^Launch instapp_/)
    .parse(await launch.getAttribute('aria-label'))
    .slice('Launch '.length);
  await launch.click();
  await page.getByTestId('app-view').waitFor({ state: 'visible' });
  const frame = appFrame(page);
  // A page heading (a screen or a status page) means the SPA is past its session check.
  await frame.getByRole('heading', { level: 1 }).first().waitFor();
  if (options.as !== false) await signInInFrame(frame, installedAppId, options.as ?? 'Alex Admin');
  return frame;
}

/** Whatever sign-in step the frame shows, done as a person would (the SPA's own screens). */
export async function signInInFrame(frame: FrameLocator, installedAppId: string, label: string): Promise<void> {
  const heading = frame.getByRole('heading', { level: 1 }).first();
  const title = await heading.textContent();
  if (title === 'Set up KYC Review') {
    const email = accountEmail(label);
    await frame.getByLabel('Your name').fill(label);
    await frame.getByLabel('Email').fill(email);
    await frame.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await frame.getByLabel('Password again').fill(E2E_PASSWORD);
    await frame.getByRole('button', { name: 'Continue' }).click();
    const secret = (await frame.getByTestId('totp-secret').textContent()) ?? '';
    await frame.getByLabel('6-digit code from the app').fill(totpNow(secret));
    await frame.getByRole('button', { name: 'Create admin account' }).click();
    const codes = frame.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await codes.first().waitFor();
    rememberAccount({
      installedAppId,
      label,
      displayName: label,
      email,
      password: E2E_PASSWORD,
      totpSecret: secret,
      recoveryCodes: (await codes.allTextContents()).map((c) => c.trim()),
    });
    await frame.getByRole('button', { name: 'I have saved these codes' }).click();
  } else if (title === 'Sign in to KYC Review') {
    const account = knownAccount(installedAppId, label) ?? anyAccount(installedAppId);
    if (account === undefined) throw new Error(`no known reviewer of ${installedAppId} to sign in`);
    await frame.getByLabel('Email').fill(account.email);
    await frame.getByLabel('Password').fill(account.password);
    await frame.getByRole('button', { name: 'Sign in' }).click();
    await frame.getByRole('heading', { name: 'Enter your authenticator code', level: 1 }).waitFor();
    await frame.getByRole('textbox', { name: 'Code' }).fill(takeRecoveryCode(account));
    await frame.getByRole('button', { name: 'Continue' }).click();
  } else {
    return;
  }
  // Signed in: the shell's navigation replaces the sign-in screen.
  await frame.getByRole('navigation').first().waitFor();
}

export async function uninstallApp(page: Page, installedAppId: string): Promise<void> {
  await page.getByRole('button', { name: `Uninstall ${installedAppId}` }).click();
  await page
    .locator('#install-status')
    .filter({ hasText: /Uninstall: app answered 200/ })
    .waitFor();
}
