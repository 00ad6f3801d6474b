import { describe, expect, it } from 'vitest';
import { OrganizationId } from '@kyc-review/contracts';
import { ENGINES } from '../support/storage-engines';
import { activation, AT, INSTALL_ID, useStorage } from './storage-fixture';

describe.each(ENGINES)('installs, keys and callback events on $name', (engine) => {
  const { storage } = useStorage(engine);

  it('activates an install, reads it back as a domain type, and counts it', async () => {
    const s = storage();
    expect(await s.installs.find(INSTALL_ID)).toBeNull();
    await s.installs.activate(activation());
    expect(await s.installs.find(INSTALL_ID)).toEqual({
      installedAppId: INSTALL_ID,
      appId: 'app_storage',
      instanceId: 'inst_storage',
      organizationId: null,
      status: 'active',
      apiKeyCiphertext: 'v1.k1.iv.tag.ciphertext',
      apiKeyFingerprint: 'fp-1',
      apiKeyPrefix: 'bk_live_12',
      grantedScopes: ['alerts:read', 'data:read', 'something:else'],
      grantedPermissions: ['alerts:read', 'data:read'],
      installedAt: AT,
      updatedAt: AT,
      uninstalledAt: null,
      keyRejectedAt: null,
    });
    expect(await s.installs.count()).toBe(1);
  });

  it('uninstall destroys the key; a reinstall reactivates with the new key and keeps the organization', async () => {
    const s = storage();
    await s.installs.activate(activation({ organizationId: null }));
    await s.installs.activate(activation({ organizationId: OrganizationId.parse('org_1') }));
    await s.installs.markUninstalled(INSTALL_ID, '2026-12-02T00:00:00.000Z', '2026-12-02T00:00:01.000Z');
    expect(await s.installs.find(INSTALL_ID)).toMatchObject({
      status: 'uninstalled',
      apiKeyCiphertext: null,
      apiKeyFingerprint: null,
      uninstalledAt: '2026-12-02T00:00:00.000Z',
    });
    await s.installs.activate(
      activation({ apiKeyCiphertext: 'v1.k1.new', apiKeyFingerprint: 'fp-2', organizationId: null }),
    );
    expect(await s.installs.find(INSTALL_ID)).toMatchObject({
      status: 'active',
      apiKeyCiphertext: 'v1.k1.new',
      organizationId: 'org_1',
      uninstalledAt: null,
    });
  });

  it('marks a refused key only while it is the stored one, and clears the mark once', async () => {
    const s = storage();
    await s.installs.activate(activation());
    expect(await s.installs.markKeyRejected(INSTALL_ID, 'fp-other', AT)).toBe(false);
    expect(await s.installs.markKeyRejected(INSTALL_ID, 'fp-1', AT)).toBe(true);
    expect(await s.installs.markKeyRejected(INSTALL_ID, 'fp-1', AT)).toBe(false);
    expect((await s.installs.find(INSTALL_ID))?.keyRejectedAt).toBe(AT);
    expect(await s.installs.clearKeyRejected(INSTALL_ID, 'fp-1')).toBe(true);
    expect(await s.installs.clearKeyRejected(INSTALL_ID, 'fp-1')).toBe(false);
    // A new key clears the mark too.
    await s.installs.markKeyRejected(INSTALL_ID, 'fp-1', AT);
    await s.installs.activate(activation({ apiKeyFingerprint: 'fp-2' }));
    expect((await s.installs.find(INSTALL_ID))?.keyRejectedAt).toBeNull();
  });

  it('records callback events and recognises an applied one under any fingerprint of the ring', async () => {
    const s = storage();
    const event = {
      idempotencyKey: `install:${INSTALL_ID}`,
      kind: 'install' as const,
      installedAppId: INSTALL_ID,
      contentFingerprint: 'content-k1',
      receivedAt: AT,
    };
    await s.callbackEvents.record({ ...event, outcome: 'duplicate' });
    // A duplicate changed nothing: it does not count as applied.
    expect(await s.callbackEvents.wasApplied(event.idempotencyKey, ['content-k1'])).toBe(false);
    await s.callbackEvents.record({ ...event, outcome: 'installed' });
    expect(await s.callbackEvents.wasApplied(event.idempotencyKey, ['content-k2', 'content-k1'])).toBe(true);
    expect(await s.callbackEvents.wasApplied(event.idempotencyKey, ['content-k2'])).toBe(false);
    expect(await s.callbackEvents.wasApplied('install:other', ['content-k1'])).toBe(false);
    expect(await s.callbackEvents.wasApplied(event.idempotencyKey, [])).toBe(false);
    expect(await s.callbackEvents.outcomesFor(INSTALL_ID)).toEqual(['duplicate', 'installed']);
  });

  it('a failed transaction leaves nothing; a committed one everything', async () => {
    const s = storage();
    await expect(
      s.transaction(async (tx) => {
        await tx.installs.activate(activation());
        throw new Error('refused midway');
      }),
    ).rejects.toThrow('refused midway');
    expect(await s.installs.count()).toBe(0);
    await s.transaction(async (tx) => {
      await tx.installs.activate(activation());
      // A step that needs a transaction joins the open one.
      await tx.transaction((inner) =>
        inner.callbackEvents.record({
          idempotencyKey: 'k',
          kind: 'install',
          installedAppId: INSTALL_ID,
          contentFingerprint: 'c',
          outcome: 'installed',
          receivedAt: AT,
        }),
      );
    });
    expect(await s.installs.count()).toBe(1);
    expect(await s.callbackEvents.outcomesFor(INSTALL_ID)).toEqual(['installed']);
  });

  it('transactions behave as if alone: 20 concurrent first installs of one id give one "installed"', async () => {
    const s = storage();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        s.transaction(async (tx) => {
          const existing = await tx.installs.find(INSTALL_ID);
          if (existing !== null) return 'duplicate';
          await tx.installs.activate(activation());
          return 'installed';
        }),
      ),
    );
    expect(outcomes.filter((o) => o === 'installed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(19);
  });
});
