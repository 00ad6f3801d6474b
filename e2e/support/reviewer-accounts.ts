import { Secret, TOTP } from 'otpauth';

// The reviewers the whole-path tests create (docs/decisions/017), remembered per install so
// a later launch of the same person signs in again: password, then one of their recovery
// codes (single use, so no wait for the next TOTP period between two sign-ins).

export type Account = {
  readonly installedAppId: string;
  readonly label: string;
  readonly displayName: string;
  readonly email: string;
  readonly password: string;
  readonly totpSecret: string;
  readonly recoveryCodes: string[];
};

const accounts = new Map<string, Account>();

export const E2E_PASSWORD = 'whole path passphrase for tests';

export function accountEmail(label: string): string {
  return `${label.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}@e2e.test`;
}

export function rememberAccount(account: Account): void {
  accounts.set(`${account.installedAppId}|${account.label}`, account);
}

export function knownAccount(installedAppId: string, label: string): Account | undefined {
  return accounts.get(`${installedAppId}|${label}`);
}

/** Any account of the install (its first admin, for a launch by someone not yet invited). */
export function anyAccount(installedAppId: string): Account | undefined {
  return [...accounts.values()].find((a) => a.installedAppId === installedAppId);
}

/** The current code of an authenticator holding `secret` (base32). */
export function totpNow(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret.replace(/\s+/g, '')), digits: 6, period: 30 }).generate();
}

export function takeRecoveryCode(account: Account): string {
  const code = account.recoveryCodes.shift();
  if (code === undefined) throw new Error(`${account.email} has used every recovery code`);
  return code;
}
