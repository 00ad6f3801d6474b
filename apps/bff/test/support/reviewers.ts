import { randomUUID } from 'node:crypto';
import { ReviewerId, type ReviewerRole } from '@kyc-review/contracts';
import { KeyRing } from '../../src/crypto/key-ring';
import { hashPassword } from '../../src/crypto/password';
import { hashToken } from '../../src/crypto/tokens';
import { newTotpSecret, totpCode } from '../../src/crypto/totp';
import { totpAad } from '../../src/services/second-factor';
import type { TestApp } from './test-app';

// Reviewers for tests (docs/decisions/017): every /api route but /api/session needs one
// signed in on the launched session. The harness creates them in the database and signs
// a session in the way the sign-in flow ends (second factor just confirmed); the flow
// itself is tested over HTTP in test/reviewers/.

/** Who a test signs in as. Defaults: role lead, the launch's label as name, `<label>@reviewers.test`. */
export type ReviewerSpec = {
  readonly role?: ReviewerRole;
  readonly name?: string;
  readonly email?: string;
};

export type TestReviewer = {
  readonly reviewerId: ReviewerId;
  readonly installedAppId: string;
  readonly displayName: string;
  readonly email: string;
  readonly role: ReviewerRole;
  readonly password: string;
  /** The base32 TOTP secret: `code()` is what their authenticator app shows now. */
  readonly totpSecret: string;
  code(): string;
};

export const TEST_PASSWORD = 'a long test passphrase 4 reviewers';
/** A cheap scrypt cost for the harness's own accounts only (the cost travels in the hash). */
const CHEAP_HASH = { N: 2 ** 10, r: 8, p: 1 } as const;
let cheapHash: Promise<string> | null = null;

/** What the harness needs of an app: its services and clock (a TestApp, or a file-backed app). */
export type ReviewerHost = Pick<TestApp, 'services' | 'clock' | 'config'>;

const known = new WeakMap<ReviewerHost, Map<string, TestReviewer>>();

export function reviewerEmail(label: string): string {
  return `${label.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}@reviewers.test`;
}

/** The reviewer with this email on the install, created (active, with TOTP) if missing. */
export async function ensureReviewer(
  t: ReviewerHost,
  installedAppId: string,
  label: string,
  spec: ReviewerSpec = {},
): Promise<TestReviewer> {
  const email = spec.email ?? reviewerEmail(label);
  const cache = known.get(t) ?? new Map<string, TestReviewer>();
  known.set(t, cache);
  const key = `${installedAppId}|${email}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const passwordHash = await (cheapHash ??= hashPassword(TEST_PASSWORD, CHEAP_HASH));
  const { repos } = t.services;
  // The same keys the app seals with (the ring is built from the config, as createServices does).
  const keyRing = new KeyRing(t.config.encryptionKeys);
  const reviewerId = ReviewerId.parse(`rvw_${randomUUID()}`);
  const totpSecret = newTotpSecret();
  const now = t.clock.now();
  const role = spec.role ?? 'lead';
  await repos.transaction(async (tx) => {
    const first = (await tx.reviewers.count(installedAppId)) === 0;
    await tx.reviewers.insert({
      reviewerId,
      installedAppId,
      displayName: spec.name ?? label,
      email,
      role,
      passwordHash,
      totpSecretSealed: keyRing.seal(totpSecret, totpAad(reviewerId)),
      totpLastStep: null,
      createdAt: now.toISOString(),
    });
    if (first) await tx.reviewers.markBootstrapped(installedAppId, reviewerId, now.toISOString());
  });
  const reviewer: TestReviewer = {
    reviewerId,
    installedAppId,
    displayName: spec.name ?? label,
    email,
    role,
    password: TEST_PASSWORD,
    totpSecret,
    code: () => totpCode(totpSecret, t.clock.now().getTime()),
  };
  cache.set(key, reviewer);
  return reviewer;
}

/** Signs the session behind `cookie` (`__Host-kyc_session=…`) in as the reviewer, second factor just confirmed. */
export async function signInSession(t: ReviewerHost, cookie: string, reviewerId: string): Promise<void> {
  const value = cookie.slice(cookie.indexOf('=') + 1);
  await t.services.repos.sessions.signIn(hashToken(value), reviewerId, t.clock.now().getTime());
}

/** ensureReviewer + signInSession: the one call a test makes to act as a reviewer of a role. */
export async function signInAs(
  t: ReviewerHost,
  installedAppId: string,
  cookie: string,
  label: string,
  spec: ReviewerSpec = {},
): Promise<TestReviewer> {
  const reviewer = await ensureReviewer(t, installedAppId, label, spec);
  await signInSession(t, cookie, reviewer.reviewerId);
  return reviewer;
}
