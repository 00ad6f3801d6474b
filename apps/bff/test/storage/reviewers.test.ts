import { describe, expect, it } from 'vitest';
import { InvitationId, ReviewerId, UserId } from '@kyc-review/contracts';
import { ENGINES } from '../support/storage-engines';
import { AT, INSTALL_ID, newReviewer, NOW_MS, OTHER_INSTALL_ID, useStorage } from './storage-fixture';

const INVITATION = InvitationId.parse('inv_storage_1');

describe.each(ENGINES)('reviewers and their tables on $name', (engine) => {
  const { storage } = useStorage(engine);

  it('stores reviewers per install, finds them by id, email and Cloud user, lists them by name', async () => {
    const s = storage();
    await s.reviewers.insert(newReviewer(1, { displayName: 'zoë', totpSecretSealed: 'sealed', totpLastStep: 7 }));
    await s.reviewers.insert(newReviewer(2, { displayName: 'Adam', role: 'admin' }));
    await s.reviewers.insert(newReviewer(3, { installedAppId: OTHER_INSTALL_ID }));
    const first = await s.reviewers.find(INSTALL_ID, 'rvw_storage_1');
    expect(first).toEqual({
      reviewerId: 'rvw_storage_1',
      installedAppId: INSTALL_ID,
      displayName: 'zoë',
      email: 'reviewer1@example.test',
      role: 'reviewer',
      status: 'active',
      totpEnabled: true,
      cloudUserId: null,
      createdAt: AT,
      lastSignInAt: null,
    });
    // Every read names the install: another install's reviewer is not found.
    expect(await s.reviewers.find(INSTALL_ID, 'rvw_storage_3')).toBeNull();
    expect((await s.reviewers.findByEmail(INSTALL_ID, 'reviewer2@example.test'))?.reviewerId).toBe('rvw_storage_2');
    expect((await s.reviewers.list(INSTALL_ID)).map((r) => r.displayName)).toEqual(['Adam', 'zoë']);
    expect(await s.reviewers.count(INSTALL_ID)).toBe(2);
    expect(await s.reviewers.activeAdminCount(INSTALL_ID)).toBe(1);
    expect(await s.reviewers.credentials(INSTALL_ID, 'rvw_storage_1')).toMatchObject({
      credentials: { passwordHash: 'scrypt$hash', totpSecretSealed: 'sealed', totpLastStep: 7 },
    });

    await s.reviewers.linkCloudUser(INSTALL_ID, 'rvw_storage_1', UserId.parse('user_7'));
    await s.reviewers.setRole(INSTALL_ID, 'rvw_storage_1', 'lead');
    await s.reviewers.setStatus(INSTALL_ID, 'rvw_storage_2', 'disabled');
    await s.reviewers.recordSignIn(INSTALL_ID, 'rvw_storage_1', AT);
    expect(await s.reviewers.findByCloudUser(INSTALL_ID, 'user_7')).toMatchObject({
      reviewerId: 'rvw_storage_1',
      role: 'lead',
      lastSignInAt: AT,
    });
    expect(await s.reviewers.activeAdminCount(INSTALL_ID)).toBe(0);
  });

  it('bootstraps an install once: a second bootstrap is refused by the database', async () => {
    const s = storage();
    await s.reviewers.insert(newReviewer(1, { role: 'admin' }));
    await s.reviewers.insert(newReviewer(2, { role: 'admin' }));
    await s.reviewers.markBootstrapped(INSTALL_ID, ReviewerId.parse('rvw_storage_1'), AT);
    await expect(s.reviewers.markBootstrapped(INSTALL_ID, ReviewerId.parse('rvw_storage_2'), AT)).rejects.toThrow();
  });

  it('accepts a TOTP step once, and only a later one after it, even from concurrent requests', async () => {
    const s = storage();
    await s.reviewers.insert(newReviewer(1, { totpSecretSealed: 'sealed' }));
    const accepted = await Promise.all(
      Array.from({ length: 8 }, () => s.reviewers.acceptTotpStep(INSTALL_ID, 'rvw_storage_1', 100)),
    );
    expect(accepted.filter(Boolean)).toHaveLength(1);
    expect(await s.reviewers.acceptTotpStep(INSTALL_ID, 'rvw_storage_1', 99)).toBe(false);
    expect(await s.reviewers.acceptTotpStep(INSTALL_ID, 'rvw_storage_1', 101)).toBe(true);
    await s.reviewers.setTotp(INSTALL_ID, 'rvw_storage_1', null, null);
    expect((await s.reviewers.find(INSTALL_ID, 'rvw_storage_1'))?.totpEnabled).toBe(false);
  });

  it('recovery codes: replaced as a set, each used once, counted', async () => {
    const s = storage();
    await s.reviewers.insert(newReviewer(1));
    await s.transaction((tx) => tx.recoveryCodes.replace('rvw_storage_1', ['h1', 'h2', 'h3']));
    expect(await s.recoveryCodes.remaining('rvw_storage_1')).toBe(3);
    const uses = await Promise.all([1, 2, 3].map(() => s.recoveryCodes.use('rvw_storage_1', 'h2', AT)));
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(await s.recoveryCodes.remaining('rvw_storage_1')).toBe(2);
    await s.transaction((tx) => tx.recoveryCodes.replace('rvw_storage_1', ['h4']));
    expect(await s.recoveryCodes.use('rvw_storage_1', 'h1', AT)).toBe(false);
    expect(await s.recoveryCodes.remaining('rvw_storage_1')).toBe(1);
  });

  it('invitations: open ones listed, one redeem wins, revoked or expired ones cannot be redeemed', async () => {
    const s = storage();
    await s.reviewers.insert(newReviewer(1, { role: 'admin', displayName: 'Admin One' }));
    await s.invitations.insert({
      invitationId: INVITATION,
      installedAppId: INSTALL_ID,
      codeHash: 'code-hash',
      displayName: 'Invited',
      email: 'invited@example.test',
      role: 'lead',
      createdBy: ReviewerId.parse('rvw_storage_1'),
      createdAt: AT,
      expiresAt: NOW_MS + 1000,
    });
    expect(await s.invitations.findByCode(INSTALL_ID, 'code-hash')).toMatchObject({
      invitationId: INVITATION,
      createdByName: 'Admin One',
      expiresAt: NOW_MS + 1000,
      redeemedAt: null,
    });
    expect(await s.invitations.findByCode(OTHER_INSTALL_ID, 'code-hash')).toBeNull();
    expect(await s.invitations.pendingForEmail(INSTALL_ID, 'invited@example.test', NOW_MS)).toBe(1);
    expect(await s.invitations.pendingForEmail(INSTALL_ID, 'invited@example.test', NOW_MS + 1000)).toBe(0);
    await s.reviewers.insert(newReviewer(2));
    await s.reviewers.insert(newReviewer(3));
    // Expired: no redeem. Then two at once: one wins.
    expect(await s.invitations.redeem(INSTALL_ID, INVITATION, 'rvw_storage_2', AT, NOW_MS + 1000)).toBe(false);
    const wins = await Promise.all(
      ['rvw_storage_2', 'rvw_storage_3'].map((id) => s.invitations.redeem(INSTALL_ID, INVITATION, id, AT, NOW_MS)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await s.invitations.revoke(INSTALL_ID, INVITATION, AT)).toBe(false);
    expect(await s.invitations.open(INSTALL_ID)).toEqual([]);
  });

  it('remembered devices, the sign-in throttle and the reviewer policy', async () => {
    const s = storage();
    await s.reviewers.insert(newReviewer(1));
    const device = {
      deviceHash: 'device-1',
      reviewerId: ReviewerId.parse('rvw_storage_1'),
      installedAppId: INSTALL_ID,
      label: 'Firefox on Linux',
      createdAt: AT,
      lastUsedAt: AT,
      expiresAt: NOW_MS + 1000,
    };
    await s.devices.insert(device);
    await s.devices.insert({ ...device, deviceHash: 'device-2', expiresAt: NOW_MS - 1 });
    await s.devices.touch('device-1', '2026-12-01T11:00:00.000Z');
    expect((await s.devices.forReviewer(INSTALL_ID, 'rvw_storage_1')).map((d) => d.deviceHash)).toEqual([
      'device-1',
      'device-2',
    ]);
    expect(await s.devices.purgeExpired(NOW_MS)).toBe(1);
    expect(await s.devices.find('device-1')).toMatchObject({ lastUsedAt: '2026-12-01T11:00:00.000Z' });
    expect(await s.devices.deleteForReviewer(INSTALL_ID, 'rvw_storage_1')).toBe(1);

    expect(await s.signInThrottle.get(INSTALL_ID, 'a@example.test')).toBeNull();
    await s.signInThrottle.put(INSTALL_ID, 'a@example.test', { failures: 1, firstFailedAt: NOW_MS, lockedUntil: null });
    await s.signInThrottle.put(INSTALL_ID, 'a@example.test', {
      failures: 5,
      firstFailedAt: NOW_MS,
      lockedUntil: NOW_MS + 900_000,
    });
    expect(await s.signInThrottle.get(INSTALL_ID, 'a@example.test')).toEqual({
      failures: 5,
      firstFailedAt: NOW_MS,
      lockedUntil: NOW_MS + 900_000,
    });
    await s.signInThrottle.clear(INSTALL_ID, 'a@example.test');
    expect(await s.signInThrottle.get(INSTALL_ID, 'a@example.test')).toBeNull();

    expect(await s.reviewerPolicy.requireTotpForAll(INSTALL_ID)).toBe(false);
    await s.reviewerPolicy.setRequireTotpForAll(INSTALL_ID, true, AT, 'rvw_storage_1');
    expect(await s.reviewerPolicy.requireTotpForAll(INSTALL_ID)).toBe(true);
    await s.reviewerPolicy.setRequireTotpForAll(INSTALL_ID, false, AT, 'rvw_storage_1');
    expect(await s.reviewerPolicy.requireTotpForAll(INSTALL_ID)).toBe(false);
  });

  it('disabling in one transaction: status, sessions and devices commit together or not at all', async () => {
    const s = storage();
    await s.reviewers.insert(newReviewer(1));
    const disable = (fail: boolean) =>
      s.transaction(async (tx) => {
        await tx.reviewers.setStatus(INSTALL_ID, 'rvw_storage_1', 'disabled');
        await tx.devices.deleteForReviewer(INSTALL_ID, 'rvw_storage_1');
        if (fail) throw new Error('refused');
      });
    await expect(disable(true)).rejects.toThrow('refused');
    expect((await s.reviewers.find(INSTALL_ID, 'rvw_storage_1'))?.status).toBe('active');
    await disable(false);
    expect((await s.reviewers.find(INSTALL_ID, 'rvw_storage_1'))?.status).toBe('disabled');
  });
});
