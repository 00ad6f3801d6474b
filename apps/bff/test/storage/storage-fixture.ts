import { afterEach, beforeEach } from 'vitest';
import type { ActivateInstall } from '../../src/db/install-repository';
import type { SqlDatabase } from '../../src/db/sql/sql';
import { createStorage, type Storage } from '../../src/db/storage';
import { AppId, InstalledAppId, InstanceId, ReviewerId } from '@kyc-review/contracts';
import type { NewReviewer } from '../../src/db/reviewer-repository';
import type { TestEngine } from '../support/storage-engines';

/** A fresh migrated database of `engine` and the storage over it, for each test of a `describe.each(ENGINES)`. */
export function useStorage(engine: TestEngine): { readonly storage: () => Storage; readonly db: () => SqlDatabase } {
  let db: SqlDatabase | null = null;
  let storage: Storage | null = null;
  beforeEach(async () => {
    db = await engine.open();
    storage = createStorage(db);
  });
  afterEach(async () => {
    await db?.close();
    db = null;
    storage = null;
  });
  const need = <T>(value: T | null): T => {
    if (value === null) throw new Error('the storage is opened in beforeEach');
    return value;
  };
  return { storage: () => need(storage), db: () => need(db) };
}

export const INSTALL_ID = InstalledAppId.parse('instapp_storage_1');
export const OTHER_INSTALL_ID = InstalledAppId.parse('instapp_storage_2');
export const AT = '2026-12-01T10:00:00.000Z';
export const NOW_MS = Date.parse(AT);

export const activation = (overrides: Partial<ActivateInstall> = {}): ActivateInstall => ({
  installedAppId: INSTALL_ID,
  appId: AppId.parse('app_storage'),
  instanceId: InstanceId.parse('inst_storage'),
  organizationId: null,
  apiKeyCiphertext: 'v1.k1.iv.tag.ciphertext',
  apiKeyFingerprint: 'fp-1',
  apiKeyPrefix: 'bk_live_12',
  grantedScopes: ['alerts:read', 'data:read', 'something:else'],
  at: AT,
  ...overrides,
});

export const newReviewer = (n: number, overrides: Partial<NewReviewer> = {}): NewReviewer => ({
  reviewerId: ReviewerId.parse(`rvw_storage_${n}`),
  installedAppId: INSTALL_ID,
  displayName: `Reviewer ${n}`,
  email: `reviewer${n}@example.test`,
  role: 'reviewer',
  passwordHash: 'scrypt$hash',
  totpSecretSealed: null,
  totpLastStep: null,
  createdAt: AT,
  ...overrides,
});
