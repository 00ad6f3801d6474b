import { describe, expect, it } from 'vitest';
import { InstanceId, ReviewerId, UserId } from '@kyc-review/contracts';
import type { LaunchToken } from '../../src/db/launch-token-repository';
import type { NewSession } from '../../src/db/session-repository';
import { ENGINES } from '../support/storage-engines';
import { activation, INSTALL_ID, NOW_MS, useStorage } from './storage-fixture';

const token = (hash: string, expiresAt = NOW_MS + 300_000): LaunchToken => ({
  tokenHash: hash,
  installedAppId: INSTALL_ID,
  instanceId: InstanceId.parse('inst_storage'),
  organizationId: null,
  userId: UserId.parse('user_1'),
  createdAt: NOW_MS,
  expiresAt,
});

const session = (idHash: string, overrides: Partial<NewSession> = {}): NewSession => ({
  idHash,
  installedAppId: INSTALL_ID,
  instanceId: InstanceId.parse('inst_storage'),
  organizationId: null,
  userId: null,
  csrfToken: `csrf-${idHash}`,
  createdAt: NOW_MS,
  idleExpiresAt: NOW_MS + 900_000,
  absoluteExpiresAt: NOW_MS + 28_800_000,
  reviewerId: null,
  secondFactorAt: null,
  ...overrides,
});

const REVIEWER = ReviewerId.parse('rvw_storage_1');

describe.each(ENGINES)('launch tokens and sessions on $name', (engine) => {
  const { storage } = useStorage(engine);

  it('a launch token is taken once, even by 10 concurrent takes', async () => {
    const s = storage();
    await s.installs.activate(activation());
    await s.launchTokens.insert(token('hash-1'));
    const taken = await Promise.all(Array.from({ length: 10 }, () => s.launchTokens.take('hash-1')));
    expect(taken.filter((t) => t !== null)).toEqual([token('hash-1')]);
    expect(await s.launchTokens.take('hash-1')).toBeNull();
    expect(await s.launchTokens.count()).toBe(0);
  });

  it('purges expired launch tokens and sessions, and deletes an install’s on uninstall', async () => {
    const s = storage();
    await s.installs.activate(activation());
    await s.launchTokens.insert(token('old', NOW_MS - 1));
    await s.launchTokens.insert(token('new'));
    await s.sessions.insert(session('idle-gone', { idleExpiresAt: NOW_MS - 1 }));
    await s.sessions.insert(session('absolute-gone', { absoluteExpiresAt: NOW_MS }));
    await s.sessions.insert(session('live'));
    expect(await s.launchTokens.purgeExpired(NOW_MS)).toBe(1);
    expect(await s.sessions.purgeExpired(NOW_MS)).toBe(2);
    expect(await s.sessions.count()).toBe(1);
    await s.sessions.deleteForInstall(INSTALL_ID);
    await s.launchTokens.deleteForInstall(INSTALL_ID);
    expect(await s.sessions.count()).toBe(0);
    expect(await s.launchTokens.count()).toBe(0);
  });

  it('stores a session and its sign-in steps: pending, signed in, step-up, enrolment, touch', async () => {
    const s = storage();
    await s.installs.activate(activation());
    await s.sessions.insert(session('s1'));
    expect(await s.sessions.find('s1')).toEqual({
      ...session('s1'),
      pendingReviewerId: null,
      pendingUntil: null,
      enrolTotpSecret: null,
    });
    await s.sessions.setPending('s1', REVIEWER, NOW_MS + 300_000);
    await s.sessions.setEnrolSecret('s1', 'sealed-secret');
    expect(await s.sessions.find('s1')).toMatchObject({
      pendingReviewerId: REVIEWER,
      pendingUntil: NOW_MS + 300_000,
      enrolTotpSecret: 'sealed-secret',
    });
    // Signing in forgets the half-done sign-in and the secret being enrolled.
    await s.sessions.signIn('s1', REVIEWER, NOW_MS);
    await s.sessions.confirmSecondFactor('s1', NOW_MS + 60_000);
    await s.sessions.touch('s1', NOW_MS + 1_000_000);
    expect(await s.sessions.find('s1')).toMatchObject({
      reviewerId: REVIEWER,
      secondFactorAt: NOW_MS + 60_000,
      pendingReviewerId: null,
      pendingUntil: null,
      enrolTotpSecret: null,
      idleExpiresAt: NOW_MS + 1_000_000,
    });
    await s.sessions.delete('s1');
    expect(await s.sessions.find('s1')).toBeNull();
  });

  it('signs a reviewer out of every session of the install, the launches staying', async () => {
    const s = storage();
    await s.installs.activate(activation());
    await s.sessions.insert(session('a', { reviewerId: REVIEWER, secondFactorAt: NOW_MS }));
    await s.sessions.insert(session('b'));
    await s.sessions.setPending('b', REVIEWER, NOW_MS + 1);
    await s.sessions.insert(session('c', { reviewerId: ReviewerId.parse('rvw_storage_2') }));
    expect(await s.sessions.signOutEverywhere(INSTALL_ID, REVIEWER)).toBe(2);
    expect(await s.sessions.find('a')).toMatchObject({ reviewerId: null, secondFactorAt: null });
    expect(await s.sessions.find('b')).toMatchObject({ pendingReviewerId: null });
    expect(await s.sessions.find('c')).toMatchObject({ reviewerId: 'rvw_storage_2' });
    expect(await s.sessions.count()).toBe(3);
  });
});
